package dev.mapl.ir;

import java.util.List;

/**
 * {@code test "name": literals => Outcome}: every possible completion of the facts the literals
 * leave open must decide {@code expected}.
 */
public record PolicyTest(String name, List<Literal> literals, int expected, SourceSpan span) {

	public PolicyTest {
		literals = List.copyOf(literals);
	}

	/** A fact fixed to one value index ({@code F}, {@code !F}, {@code F = LIT}). */
	public record Literal(int fact, int value, SourceSpan span) {
	}
}
