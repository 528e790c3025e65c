package dev.mapl.emit;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of generated code with an indentation level, for any target language. Each emitter writes
 * whole lines; the builder adds the indentation and never leaves trailing whitespace.
 *
 * <pre>
 * CodeBuilder b = CodeBuilder.tabs();
 * b.line("if (x) {").indent().line("return 1;").dedent().line("}");
 * </pre>
 */
public final class CodeBuilder {

	private final String unit;
	private final int unitWidth;
	private final List<String> lines = new ArrayList<>();
	private int level;

	/**
	 * @param unit      one level of indentation ({@code "\t"}, {@code "    "})
	 * @param unitWidth how many columns one level occupies (8 for a kernel tab)
	 */
	public CodeBuilder(String unit, int unitWidth) {
		this.unit = unit;
		this.unitWidth = unitWidth;
	}

	/** Tabs of 8 columns, as the Linux kernel indents. */
	public static CodeBuilder tabs() {
		return new CodeBuilder("\t", 8);
	}

	/** Spaces, e.g. 4 for Java. */
	public static CodeBuilder spaces(int width) {
		return new CodeBuilder(" ".repeat(width), width);
	}

	public CodeBuilder indent() {
		level++;
		return this;
	}

	public CodeBuilder dedent() {
		if (level == 0) {
			throw new IllegalStateException("dedent below level 0");
		}
		level--;
		return this;
	}

	public int level() {
		return level;
	}

	/** The column at which text of the current level starts. */
	public int column() {
		return level * unitWidth;
	}

	/** The indentation string of the current level. */
	public String prefix() {
		return unit.repeat(level);
	}

	/** One line at the current level; an empty string gives an empty line. */
	public CodeBuilder line(String text) {
		lines.add(text.isEmpty() ? "" : stripTrailing(prefix() + text));
		return this;
	}

	/** Several lines at the current level ({@code \n}-separated). */
	public CodeBuilder lines(String text) {
		for (String l : text.split("\n", -1)) {
			line(l);
		}
		return this;
	}

	/** One line exactly as given: no indentation added (for continuation lines that align themselves). */
	public CodeBuilder raw(String text) {
		lines.add(stripTrailing(text));
		return this;
	}

	/** An empty line, unless the last line is already empty or there is none. */
	public CodeBuilder blank() {
		if (!lines.isEmpty() && !lines.get(lines.size() - 1).isEmpty()) {
			lines.add("");
		}
		return this;
	}

	/** Appends everything another builder holds, indented by this builder's current level. */
	public CodeBuilder append(CodeBuilder other) {
		for (String l : other.lines) {
			lines.add(l.isEmpty() ? "" : prefix() + l);
		}
		return this;
	}

	/** {@code open}, the body one level deeper, then {@code close}. */
	public CodeBuilder block(String open, Runnable body, String close) {
		line(open);
		indent();
		body.run();
		dedent();
		line(close);
		return this;
	}

	public boolean isEmpty() {
		return lines.isEmpty();
	}

	public List<String> lines() {
		return List.copyOf(lines);
	}

	/** The text, every line ended by {@code \n}. */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		for (String l : lines) {
			sb.append(l).append('\n');
		}
		return sb.toString();
	}

	private static String stripTrailing(String s) {
		int end = s.length();
		while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
			end--;
		}
		return s.substring(0, end);
	}
}
