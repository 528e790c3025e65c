package dev.mapl.analysis;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Model;

/**
 * A syntactic over-approximation of a rule condition that is a conjunction of literals, used to
 * skip BDD operations on rule pairs that obviously cannot overlap. Boolean facts are packed into
 * bit sets (must be true / must be false), enum facts keep a value mask.
 */
final class RuleCube {

	private final long[] mustTrue;
	private final long[] mustFalse;
	/** Per fact, allowed enum values; -1 (all) for unconstrained or boolean facts. */
	private final long[] enumMask;
	private final boolean empty;

	private RuleCube(int facts, boolean empty) {
		int words = (facts + 63) / 64;
		this.mustTrue = new long[words];
		this.mustFalse = new long[words];
		this.enumMask = new long[facts];
		java.util.Arrays.fill(enumMask, -1L);
		this.empty = empty;
	}

	/** The cube of a condition, or null when it is not a conjunction of literals over inputs. */
	static RuleCube of(Expr e, Model model, boolean[] isInput) {
		RuleCube c = new RuleCube(model.facts().size(), false);
		return c.add(e, isInput) ? c : null;
	}

	private boolean add(Expr e, boolean[] isInput) {
		if (e instanceof Expr.Const k) {
			return k.value();
		} else if (e instanceof Expr.BoolFact b && isInput[b.fact()]) {
			mustTrue[b.fact() >> 6] |= 1L << b.fact();
			return true;
		} else if (e instanceof Expr.Not n && n.operand() instanceof Expr.BoolFact b && isInput[b.fact()]) {
			mustFalse[b.fact() >> 6] |= 1L << b.fact();
			return true;
		} else if (e instanceof Expr.EnumIn in && isInput[in.fact()]) {
			long m = 0;
			for (int v : in.values()) {
				m |= 1L << v;
			}
			enumMask[in.fact()] &= m;
			return true;
		} else if (e instanceof Expr.And a) {
			for (Expr o : a.operands()) {
				if (!add(o, isInput)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/** Whether two conditions certainly share no input (false when unknown). */
	static boolean disjoint(RuleCube a, RuleCube b) {
		if (a == null || b == null) {
			return false;
		}
		if (a.empty || b.empty) {
			return true;
		}
		for (int w = 0; w < a.mustTrue.length; w++) {
			if ((a.mustTrue[w] & b.mustFalse[w]) != 0 || (a.mustFalse[w] & b.mustTrue[w]) != 0
					|| (a.mustTrue[w] & a.mustFalse[w]) != 0 || (b.mustTrue[w] & b.mustFalse[w]) != 0) {
				return true;
			}
		}
		for (int f = 0; f < a.enumMask.length; f++) {
			if ((a.enumMask[f] & b.enumMask[f]) == 0) {
				return true;
			}
		}
		return false;
	}
}
