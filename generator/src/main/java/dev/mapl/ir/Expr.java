package dev.mapl.ir;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A boolean expression over facts (and, inside invariants, over the decision). Fact operands are
 * indexes into {@link Model#facts()}; outcome operands are indexes into {@link Model#outcomes()}.
 * Every node keeps the span of the text it was lowered from.
 */
public sealed interface Expr {

	SourceSpan span();

	/** {@code true} or {@code false}. */
	record Const(boolean value, SourceSpan span) implements Expr {
	}

	/** A boolean fact, true when the fact is set. */
	record BoolFact(int fact, SourceSpan span) implements Expr {
	}

	/**
	 * An enum fact taking one of {@code values}: {@code prot == X} has one value, {@code prot != X}
	 * all but one, {@code prot in {X, Y}} the listed ones.
	 */
	record EnumIn(int fact, Set<Integer> values, SourceSpan span) implements Expr {
		public EnumIn {
			values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
		}
	}

	record Not(Expr operand, SourceSpan span) implements Expr {
	}

	record And(List<Expr> operands, SourceSpan span) implements Expr {
		public And {
			operands = List.copyOf(operands);
		}
	}

	record Or(List<Expr> operands, SourceSpan span) implements Expr {
		public Or {
			operands = List.copyOf(operands);
		}
	}

	/** {@code left => right}. */
	record Implies(Expr left, Expr right, SourceSpan span) implements Expr {
	}

	/** Invariants only: the policy decided this outcome. */
	record OutcomeIs(int outcome, SourceSpan span) implements Expr {
	}

	/** Invariants only: the decided outcome carries this attribute. */
	record HasAttribute(String attribute, SourceSpan span) implements Expr {
	}
}
