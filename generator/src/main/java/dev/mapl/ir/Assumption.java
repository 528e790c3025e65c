package dev.mapl.ir;

/** {@code assume expr}: inputs that violate it cannot occur. */
public record Assumption(Expr expr, String doc, SourceSpan span) {
}
