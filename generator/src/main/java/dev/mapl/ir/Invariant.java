package dev.mapl.ir;

/** {@code invariant name: expr}, which must hold for every possible input and its decision. */
public record Invariant(String name, Expr expr, String doc, SourceSpan span) {
}
