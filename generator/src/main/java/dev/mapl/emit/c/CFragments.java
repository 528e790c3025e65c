package dev.mapl.emit.c;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pieces of C a {@code target c} section writes as strings (header names, the C expression
 * of a fact, an enum value or an outcome, the prototype) go into generated code as they are, inside
 * one line: {@code return __f(vm_flags & VM_PFNMAP, ...);}. This says whether a piece is safe there:
 * one line, no comment, balanced brackets and closed literals, so that it cannot end the call, the
 * line or the header early (issue 20.3). The validator reports what it finds; the backend refuses
 * such a piece too, for models that were never validated.
 */
public final class CFragments {

	private CFragments() {
	}

	/** {@code linux/kvm_host.h}, {@code <linux/kvm_host.h>} or {@code "stage2.h"}. */
	private static final Pattern HEADER = Pattern
			.compile("\\s*(?:<[A-Za-z0-9_][A-Za-z0-9_./+-]*>|\"[A-Za-z0-9_][A-Za-z0-9_./+-]*\"|[A-Za-z0-9_][A-Za-z0-9_./+-]*)\\s*");

	/** Why a header name cannot follow {@code #include}, or empty when it can. */
	public static Optional<String> includeProblem(String header) {
		if (HEADER.matcher(header).matches()) {
			return Optional.empty();
		}
		return Optional.of("is not a header name");
	}

	/**
	 * Why a C expression cannot be put inside one line of generated code, or empty when it can:
	 * {@code "spans several lines"}, {@code "holds a comment"}, {@code "has an unbalanced `(`"}, ...
	 */
	public static Optional<String> expressionProblem(String code) {
		if (code.isBlank()) {
			return Optional.of("is empty");
		}
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
				return Optional.of("spans several lines");
			}
			if (c < 32 && c != '\t' || c == 127) {
				return Optional.of("holds a control character");
			}
			if (c == '\\' && i + 1 == code.length()) {
				return Optional.of("ends with a line continuation");
			}
		}
		Deque<Character> open = new ArrayDeque<>();
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c == '"' || c == '\'') {
				int end = endOfLiteral(code, i);
				if (end < 0) {
					return Optional.of("has an unterminated " + (c == '"' ? "string" : "character") + " literal");
				}
				i = end;
			} else if (c == '/' && i + 1 < code.length() && (code.charAt(i + 1) == '/' || code.charAt(i + 1) == '*')
					|| c == '*' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
				return Optional.of("holds a comment");
			} else if (c == '(' || c == '[' || c == '{') {
				open.push(c);
			} else if (c == ')' || c == ']' || c == '}') {
				char want = c == ')' ? '(' : c == ']' ? '[' : '{';
				if (open.isEmpty() || open.pop() != want) {
					return Optional.of("has an unbalanced `" + c + "`");
				}
			}
		}
		return open.isEmpty() ? Optional.empty() : Optional.of("has an unbalanced `" + open.peek() + "`");
	}

	/** The index of the quote that closes the literal opening at {@code start}, or -1. */
	private static int endOfLiteral(String code, int start) {
		char quote = code.charAt(start);
		for (int i = start + 1; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == quote) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Why a prototype cannot be one line of generated code: as for an expression, except that its
	 * brackets are left to the prototype's parser, which says what it expected.
	 */
	public static Optional<String> prototypeProblem(String prototype) {
		return expressionProblem(prototype).filter(p -> !p.startsWith("has an unbalanced"));
	}

	/** A piece as a user wrote it in the string: newlines and other control characters escaped. */
	public static String quoted(String s) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				default -> {
					if (c < 32 || c == 127) {
						sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
					} else {
						sb.append(c);
					}
				}
			}
		}
		return sb.toString();
	}

	/**
	 * Refuses a target whose C pieces {@link #includeProblem} or {@link #expressionProblem} reject
	 * (the validator reports them at their own spans first; this guards models built without it).
	 */
	static void requireSafe(dev.mapl.ir.CTarget t) {
		for (String inc : t.includes()) {
			includeProblem(inc).ifPresent(p -> fail("include `" + quoted(inc) + "` " + p, t));
		}
		expressionProblem(t.function().render()).ifPresent(p -> fail("prototype `" + quoted(t.function().render()) + "` "
				+ p, t));
		for (var e : new java.util.TreeMap<>(t.facts()).entrySet()) {
			expressionProblem(e.getValue()).ifPresent(p -> fail("C binding `" + quoted(e.getValue()) + "` " + p, t));
		}
		for (var e : new java.util.TreeMap<>(t.enumValues()).entrySet()) {
			for (String v : e.getValue()) {
				if (v != null) {
					expressionProblem(v).ifPresent(p -> fail("C binding `" + quoted(v) + "` " + p, t));
				}
			}
		}
		for (var e : new java.util.TreeMap<>(t.outcomes()).entrySet()) {
			expressionProblem(e.getValue()).ifPresent(p -> fail("C value `" + quoted(e.getValue()) + "` " + p, t));
		}
	}

	private static void fail(String message, dev.mapl.ir.CTarget t) {
		throw new CEmitException(message, t.span());
	}
}
