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
		if (e instanceof Expr.BoolFact b) {
			out.set(b.fact());
		} else if (e instanceof Expr.EnumIn in) {
			out.set(in.fact());
		} else if (e instanceof Expr.Not n) {
			collect(n.operand(), out);
		} else if (e instanceof Expr.And a) {
			a.operands().forEach(o -> collect(o, out));
		} else if (e instanceof Expr.Or o) {
			o.operands().forEach(x -> collect(x, out));
		} else if (e instanceof Expr.Implies i) {
			collect(i.left(), out);
			collect(i.right(), out);
		}
	}
}
