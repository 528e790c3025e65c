package dev.mapl.emit.c;

import java.util.ArrayList;
import java.util.List;

/**
 * Line layout in the kernel's style (Documentation/process/coding-style.rst): tabs of 8 columns,
 * lines of at most 100 columns, continuation lines aligned with the open parenthesis, operators at
 * the end of a broken line, block comments with a {@code *} on every line.
 */
final class KernelLayout {

	static final int MAX = 100;
	static final int TAB = 8;

	private KernelLayout() {
	}

	/** The width of a line with tabs expanded. */
	static int width(String line) {
		int col = 0;
		for (int i = 0; i < line.length(); i++) {
			col = line.charAt(i) == '\t' ? (col / TAB + 1) * TAB : col + 1;
		}
		return col;
	}

	/** Tabs, then spaces, from column 0 to {@code col}. */
	static String pad(int col) {
		return "\t".repeat(col / TAB) + " ".repeat(col % TAB);
	}

	/**
	 * {@code head} followed by items separated by {@code sep}, then {@code tail}, broken after a
	 * separator where a line would pass 100 columns; continuation lines start where the first item
	 * does (right after the open parenthesis that {@code head} ends with).
	 *
	 * @param indent the indentation the first line starts with (tabs)
	 */
	static List<String> list(String indent, String head, List<String> items, String sep, String tail) {
		List<String> out = new ArrayList<>();
		if (items.isEmpty()) {
			out.add(indent + head + tail);
			return out;
		}
		String cont = pad(width(indent + head));
		StringBuilder cur = new StringBuilder(indent + head);
		boolean fresh = true;
		for (int i = 0; i < items.size(); i++) {
			boolean last = i == items.size() - 1;
			String piece = items.get(i) + (last ? tail : sep.stripTrailing());
			String candidate = fresh ? cur + piece : cur + " " + piece;
			if (!fresh && width(candidate) > MAX) {
				out.add(cur.toString());
				cur = new StringBuilder(cont + piece);
			} else {
				cur = new StringBuilder(candidate);
			}
			fresh = false;
		}
		out.add(cur.toString());
		return out;
	}

	/**
	 * A function definition's first lines: {@code specifiers name(params)}, with the specifiers on
	 * a line of their own when the first parameter would not fit otherwise.
	 */
	static List<String> signature(String indent, String specifiers, String name, List<String> params) {
		List<String> one = list(indent, specifiers + name + "(", params, ",", ")");
		if (width(one.get(0)) <= MAX) {
			return one;
		}
		List<String> out = new ArrayList<>();
		out.add(indent + specifiers.stripTrailing());
		out.addAll(list(indent, name + "(", params, ",", ")"));
		return out;
	}

	/**
	 * Words wrapped to lines of at most {@code MAX} columns, each starting with {@code first} (the
	 * first line) or {@code next} (the others).
	 */
	static List<String> wrap(String first, String next, String text) {
		List<String> out = new ArrayList<>();
		String[] words = text.strip().split("\\s+");
		StringBuilder cur = new StringBuilder(first);
		boolean empty = true;
		for (String w : words) {
			if (w.isEmpty()) {
				continue;
			}
			String candidate = empty ? cur + w : cur + " " + w;
			if (!empty && width(candidate) > MAX) {
				out.add(cur.toString());
				cur = new StringBuilder(next + w);
			} else {
				cur = new StringBuilder(candidate);
			}
			empty = false;
		}
		out.add(cur.toString());
		return out;
	}

	// ---- text for a template line at a nesting depth: the width counts the depth's tabs, the text
	// leaves them to the template (which indents every line of an inserted value)

	/** {@link #list(String, String, List, String, String)} at {@code depth} tabs. */
	static String list(int depth, String head, List<String> items, String sep, String tail) {
		return relative(depth, list(tabs(depth), head, items, sep, tail));
	}

	/** {@link #signature(String, String, String, List)} at {@code depth} tabs. */
	static String signature(int depth, String specifiers, String name, List<String> params) {
		return relative(depth, signature(tabs(depth), specifiers, name, params));
	}

	/**
	 * A block comment ({@code /*} alone on the first line for a kernel-doc {@code /**}) at
	 * {@code depth} tabs, each paragraph wrapped; a paragraph starting with a tab is indented by one
	 * tab (its continuation lines by two).
	 *
	 * @param opener {@code "/*"} or {@code "/**"}
	 */
	static String comment(int depth, String opener, List<String> paragraphs) {
		String indent = tabs(depth);
		List<String> out = new ArrayList<>();
		out.add(indent + opener);
		for (String p : paragraphs) {
			if (p.isEmpty()) {
				out.add(indent + " *");
			} else if (p.startsWith("\t")) {
				out.addAll(wrap(indent + " *\t", indent + " *\t\t", p.substring(1)));
			} else {
				out.addAll(wrap(indent + " * ", indent + " * ", p));
			}
		}
		out.add(indent + " */");
		return relative(depth, out);
	}

	/** {@code /* text *&#47;} on one line at {@code depth} tabs, or a wrapped block comment when it does not fit. */
	static String shortComment(int depth, String text) {
		String one = "/* " + text + " */";
		return width(tabs(depth) + one) <= MAX ? one : comment(depth, "/*", List.of(text));
	}

	static String tabs(int depth) {
		return "\t".repeat(depth);
	}

	/** Lines that start with {@code depth} tabs, without them, joined by {@code \n}. */
	private static String relative(int depth, List<String> lines) {
		String indent = tabs(depth);
		List<String> out = new ArrayList<>();
		for (String l : lines) {
			if (!l.startsWith(indent)) {
				throw new IllegalStateException("a line of depth " + depth + " starts with less: " + l);
			}
			out.add(l.substring(indent.length()));
		}
		return String.join("\n", out);
	}

	/** A C string literal. */
	static String string(String s) {
		StringBuilder sb = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			if (c == '"' || c == '\\') {
				sb.append('\\').append(c);
			} else if (c < 32 || c > 126) {
				sb.append('?');
			} else {
				sb.append(c);
			}
		}
		return sb.append('"').toString();
	}

	/** Text safe inside a C comment. */
	static String commentText(String s) {
		return s.replace("*/", "* /").replace("/*", "/ *").replaceAll("[\\r\\n\\t]+", " ");
	}
}
