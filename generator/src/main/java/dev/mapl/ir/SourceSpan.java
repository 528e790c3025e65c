package dev.mapl.ir;

/**
 * Where an IR element came from: a repo- or workspace-relative path and a character range.
 * Lines and columns are 1-based, as printed in diagnostics ({@code file:line:col}).
 */
public record SourceSpan(String file, int offset, int length, int line, int column) {

	public static final SourceSpan NONE = new SourceSpan("", 0, 0, 0, 0);

	@Override
	public String toString() {
		return file + ":" + line + ":" + column;
	}
}
