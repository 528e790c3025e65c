package dev.mapl.ir;

import java.util.List;

/**
 * An input of a decision with a finite domain. A boolean fact has the domain {false, true}
 * (value indexes 0 and 1); an enum fact has its values in declaration order.
 *
 * @param name      qualified as written by users: {@code VM_PFNMAP}, {@code guest.mte}
 * @param values    enum values in declaration order; empty for a boolean fact
 */
public record Fact(String name, List<String> values, String doc, SourceSpan span) {

	public Fact {
		values = List.copyOf(values);
	}

	public static Fact bool(String name) {
		return new Fact(name, List.of(), "", SourceSpan.NONE);
	}

	public static Fact enumeration(String name, String... values) {
		return new Fact(name, List.of(values), "", SourceSpan.NONE);
	}

	public boolean isBoolean() {
		return values.isEmpty();
	}

	public int domainSize() {
		return isBoolean() ? 2 : values.size();
	}

	/** The value index of an enum literal, or -1. */
	public int indexOf(String value) {
		return values.indexOf(value);
	}

	/** A value as users write it: {@code 0}/{@code 1} for booleans, the literal for enums. */
	public String valueName(int value) {
		return isBoolean() ? Integer.toString(value) : values.get(value);
	}
}
