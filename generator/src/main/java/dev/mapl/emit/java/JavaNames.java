package dev.mapl.emit.java;

import dev.mapl.emit.TemplateText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Java identifiers for MAPL names, and Java literals. MAPL names are ASCII identifiers, possibly
 * dotted ({@code guest.mte}); generated names keep them recognisable: {@code guest.mte} is the
 * parameter {@code guestMte} and the bit {@code GUEST_MTE}, {@code prot} the enum {@code Prot}.
 * A name that would be a Java keyword or clash with another gets a suffix, deterministically.
 */
final class JavaNames {

	private JavaNames() {
	}

	/** Reserved words and literals of Java 17 (restricted identifiers such as {@code var} are fine). */
	static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
			"char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
			"finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
			"native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
			"super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
			"while", "true", "false", "null", "_");

	/** Types of {@code java.lang} the generated code names: no generated type may shadow them. */
	static final Set<String> JAVA_LANG = Set.of("Object", "String", "Override", "Long", "Integer", "Character",
			"Byte", "Boolean", "Enum", "Math", "System", "Class", "Deprecated", "SuppressWarnings");

	/** The words of a MAPL name: split at dots, underscores and lower-to-upper case changes. */
	static List<String> words(String name) {
		List<String> out = new ArrayList<>();
		StringBuilder w = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!Character.isLetterOrDigit(c)) {
				flush(w, out);
				continue;
			}
			if (Character.isUpperCase(c) && w.length() > 0 && Character.isLowerCase(w.charAt(w.length() - 1))) {
				flush(w, out);
			}
			w.append(c);
		}
		flush(w, out);
		return out;
	}

	private static void flush(StringBuilder w, List<String> out) {
		if (w.length() > 0) {
			out.add(w.toString());
			w.setLength(0);
		}
	}

	/** {@code VM_PFNMAP} -> {@code vmPfnmap}, {@code guest.mte} -> {@code guestMte}. */
	static String lowerCamel(String name) {
		StringBuilder sb = new StringBuilder();
		for (String w : words(name)) {
			String lower = w.toLowerCase(Locale.ROOT);
			sb.append(sb.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
		}
		return identifier(sb.toString(), "fact");
	}

	/** {@code ioremap_family} -> {@code IoremapFamily}, {@code prot} -> {@code Prot}. */
	static String upperCamel(String name) {
		StringBuilder sb = new StringBuilder();
		for (String w : words(name)) {
			boolean allUpper = w.equals(w.toUpperCase(Locale.ROOT));
			String part = allUpper && w.length() > 1 ? w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT) : w;
			sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
		}
		return identifier(sb.toString(), "P");
	}

	/** {@code guest.mte} -> {@code GUEST_MTE}, {@code isRam} -> {@code IS_RAM}. */
	static String upperSnake(String name) {
		List<String> ws = new ArrayList<>();
		for (String w : words(name)) {
			ws.add(w.toUpperCase(Locale.ROOT));
		}
		return identifier(String.join("_", ws), "F");
	}

	/** A name as close to {@code name} as Java allows: other characters become {@code _}. */
	static String sanitize(String name) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
		}
		return identifier(sb.toString(), "r");
	}

	/** Non-empty, not starting with a digit, not a keyword. */
	static String identifier(String s, String prefix) {
		if (s.isEmpty()) {
			return prefix;
		}
		if (Character.isDigit(s.charAt(0))) {
			s = prefix + s;
		}
		return KEYWORDS.contains(s) ? s + "_" : s;
	}

	/** A valid package name from a MAPL package ({@code kvm.v6_17}), or {@code ""}. */
	static String packageName(String name) {
		if (name.isEmpty()) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		for (String p : name.split("\\.", -1)) {
			parts.add(sanitize(p));
		}
		return String.join(".", parts);
	}

	/** Hands out names that are unique within one scope. */
	static final class Scope {
		private final Set<String> used = new HashSet<>();

		Scope(Set<String> reserved) {
			used.addAll(reserved);
		}

		/** {@code base}, or {@code base + suffix}, {@code base + suffix + 2}, ... when taken. */
		String claim(String base, String suffix) {
			String n = base;
			if (used.contains(n)) {
				n = base + suffix;
				for (int k = 2; used.contains(n); k++) {
					n = base + suffix + k;
				}
			}
			used.add(n);
			return n;
		}
	}

	/** A Java string literal; non-ASCII characters as {@code \\uXXXX}. */
	static String string(String s) {
		StringBuilder sb = new StringBuilder("\"");
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"':
					sb.append("\\\"");
					break;
				case '\\':
					sb.append("\\\\");
					break;
				case '\n':
					sb.append("\\n");
					break;
				case '\t':
					sb.append("\\t");
					break;
				case '\r':
					sb.append("\\r");
					break;
				default:
					if (c < 32 || c > 126) {
						sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					} else {
						sb.append(c);
					}
			}
		}
		return sb.append('"').toString();
	}

	/**
	 * Text safe inside a Java comment: no {@code *}{@code /}, no Unicode escape (every backslash is
	 * doubled), ASCII only (other characters as {@code \\uXXXX} written out, which javac reads back).
	 */
	static String comment(String s) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '\\') {
				sb.append("\\\\");
			} else if (c == '/' && i > 0 && s.charAt(i - 1) == '*') {
				sb.append(" /");
			} else if (c == '\t') {
				sb.append("    ");
			} else if (c < 32) {
				sb.append(' ');
			} else if (c > 126) {
				sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
			} else {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	/**
	 * Text for a Javadoc comment: {@link #comment}, with {@code <} and {@code @} escaped (so that no
	 * tag starts); {@code &} and {@code >} stay as they are, to keep the source readable.
	 */
	static String doc(String s) {
		return comment(s).replace("<", "&lt;").replace("@", "&#64;");
	}

	/** Text inside {@code {@code ...}}: braces must balance, and no {@code @} may start a tag. */
	static String code(String s) {
		String c = comment(s);
		int depth = 0;
		for (int i = 0; i < c.length(); i++) {
			char ch = c.charAt(i);
			depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
			if (depth < 0) {
				break;
			}
		}
		if (depth != 0 || c.contains("@")) {
			return doc(s);
		}
		return "{@code " + c + "}";
	}

	/**
	 * A paragraph of the class comment (column 0), filled to 100 columns; the template's line breaks
	 * are blanks.
	 */
	static String classDocParagraph(CharSequence text) {
		return String.join("\n", fill(TemplateText.lf(text).replaceAll("[ \t]*\n[ \t]*", " "), 97));
	}

	/**
	 * Words filled into lines of at most {@code width} characters (a longer word gets a line alone);
	 * an inline tag such as <code>{&#64;code a b}</code> counts as one word.
	 */
	static List<String> fill(String text, int width) {
		List<String> words = new ArrayList<>();
		StringBuilder tag = null;
		for (String w : text.strip().split(" +")) {
			if (tag != null) {
				tag.append(' ').append(w);
				if (balanced(tag)) {
					words.add(tag.toString());
					tag = null;
				}
			} else if (w.contains("{@") && !balanced(w)) {
				tag = new StringBuilder(w);
			} else {
				words.add(w);
			}
		}
		if (tag != null) {
			words.add(tag.toString());
		}
		List<String> out = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String w : words) {
			if (line.length() > 0 && line.length() + 1 + w.length() > width) {
				out.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() == 0 ? "" : " ").append(w);
		}
		if (line.length() > 0) {
			out.add(line.toString());
		}
		return out;
	}

	private static boolean balanced(CharSequence s) {
		int depth = 0;
		for (int i = 0; i < s.length(); i++) {
			depth += s.charAt(i) == '{' ? 1 : s.charAt(i) == '}' ? -1 : 0;
		}
		return depth <= 0;
	}
}
