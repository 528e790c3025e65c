package dev.mapl.ir;

import java.util.BitSet;

/** Small structural queries on {@link Expr} trees. */
public final class Exprs {

	private Exprs() {
	}

	/** The indexes of the facts an expression reads. */
	public static BitSet factsOf(Expr expr) {
		BitSet out = new BitSet();
		collect(expr, out);
		return out;
	}

	private static void collect(Expr e, BitSet out) {
		forEachFact(e, out::set);
	}

	/** Calls {@code action} with each fact the expression reads, in reading order (repeats included). */
	public static void forEachFact(Expr e, java.util.function.IntConsumer action) {
		if (e instanceof Expr.BoolFact b) {
			action.accept(b.fact());
		} else if (e instanceof Expr.EnumIn in) {
			action.accept(in.fact());
		} else if (e instanceof Expr.Not n) {
			forEachFact(n.operand(), action);
		} else if (e instanceof Expr.And a) {
			a.operands().forEach(o -> forEachFact(o, action));
		} else if (e instanceof Expr.Or o) {
			o.operands().forEach(x -> forEachFact(x, action));
		} else if (e instanceof Expr.Implies i) {
			forEachFact(i.left(), action);
			forEachFact(i.right(), action);
		}
	}
}
