package dev.mapl.analysis;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Model;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule condition that is a conjunction of literals over input facts, as bit masks: boolean
 * facts in packed must-be-true / must-be-false sets, enum facts (and booleans compared with
 * {@code in}) as a value mask per constrained fact. It is exact (membership, containment and
 * disjointness are those of the condition) and lets the analysis skip BDD operations on the many
 * rule pairs whose answer the masks already give.
 */
final class RuleCube {

	private final long[] mustTrue;
	private final long[] mustFalse;
	/** Sorted facts constrained through value sets, and their allowed values. */
	private final int[] enumFacts;
	private final long[] enumValues;
	private final boolean empty;

	private RuleCube(long[] mustTrue, long[] mustFalse, int[] enumFacts, long[] enumValues, boolean empty) {
		this.mustTrue = mustTrue;
		this.mustFalse = mustFalse;
		this.enumFacts = enumFacts;
		this.enumValues = enumValues;
		this.empty = empty;
	}

	/** The cube of a condition, or null when it is not a conjunction of literals over inputs. */
	static RuleCube of(Expr e, Model model, boolean[] isInput) {
		int words = (model.facts().size() + 63) / 64;
		long[] t = new long[words];
		long[] f = new long[words];
		Map<Integer, Long> enums = new TreeMap<>();
		if (!add(e, isInput, t, f, enums)) {
			return null;
		}
		boolean empty = false;
		for (int w = 0; w < words; w++) {
			empty |= (t[w] & f[w]) != 0;
		}
		int[] ef = new int[enums.size()];
		long[] ev = new long[enums.size()];
		int i = 0;
		for (var en : enums.entrySet()) {
			ef[i] = en.getKey();
			ev[i] = en.getValue();
			empty |= ev[i] == 0;
			i++;
		}
		return new RuleCube(t, f, ef, ev, empty);
	}

	private static boolean add(Expr e, boolean[] isInput, long[] t, long[] f, Map<Integer, Long> enums) {
		if (e instanceof Expr.Const k) {
			return k.value();
		} else if (e instanceof Expr.BoolFact b && isInput[b.fact()]) {
			t[b.fact() >> 6] |= 1L << b.fact();
			return true;
		} else if (e instanceof Expr.Not n && n.operand() instanceof Expr.BoolFact b && isInput[b.fact()]) {
			f[b.fact() >> 6] |= 1L << b.fact();
			return true;
		} else if (e instanceof Expr.EnumIn in && isInput[in.fact()]) {
			long m = 0;
			for (int v : in.values()) {
				m |= 1L << v;
			}
			enums.merge(in.fact(), m, (x, y) -> x & y);
			return true;
		} else if (e instanceof Expr.And a) {
			for (Expr o : a.operands()) {
				if (!add(o, isInput, t, f, enums)) {
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
			if ((a.mustTrue[w] & b.mustFalse[w]) != 0 || (a.mustFalse[w] & b.mustTrue[w]) != 0) {
				return true;
			}
		}
		for (int i = 0, j = 0; i < a.enumFacts.length && j < b.enumFacts.length;) {
			if (a.enumFacts[i] < b.enumFacts[j]) {
				i++;
			} else if (a.enumFacts[i] > b.enumFacts[j]) {
				j++;
			} else {
				if ((a.enumValues[i] & b.enumValues[j]) == 0) {
					return true;
				}
				i++;
				j++;
			}
		}
		return false;
	}

	/**
	 * Whether every input of {@code b} is an input of {@code a} (false when unknown). Value-set
	 * literals on boolean facts are treated conservatively.
	 */
	static boolean covers(RuleCube a, RuleCube b) {
		if (a == null || b == null) {
			return false;
		}
		if (b.empty) {
			return true;
		}
		for (int w = 0; w < a.mustTrue.length; w++) {
			if ((a.mustTrue[w] & ~b.mustTrue[w]) != 0 || (a.mustFalse[w] & ~b.mustFalse[w]) != 0) {
				return false;
			}
		}
		for (int i = 0, j = 0; i < a.enumFacts.length; i++) {
			while (j < b.enumFacts.length && b.enumFacts[j] < a.enumFacts[i]) {
				j++;
			}
			if (j >= b.enumFacts.length || b.enumFacts[j] != a.enumFacts[i]
					|| (b.enumValues[j] & ~a.enumValues[i]) != 0) {
				return false;
			}
		}
		return true;
	}

	/** Whether the two conditions constrain a common fact (true when unknown). */
	static boolean related(RuleCube a, RuleCube b) {
		if (a == null || b == null) {
			return true;
		}
		for (int w = 0; w < a.mustTrue.length; w++) {
			if (((a.mustTrue[w] | a.mustFalse[w]) & (b.mustTrue[w] | b.mustFalse[w])) != 0) {
				return true;
			}
		}
		for (int x : a.enumFacts) {
			for (int y : b.enumFacts) {
				if (x == y) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether an input (indexed like the model's facts) satisfies the condition. */
	boolean contains(int[] input) {
		if (empty) {
			return false;
		}
		for (int w = 0; w < mustTrue.length; w++) {
			for (long m = mustTrue[w] | mustFalse[w]; m != 0; m &= m - 1) {
				int f = (w << 6) + Long.numberOfTrailingZeros(m);
				boolean want = (mustTrue[w] & (1L << f)) != 0;
				if ((input[f] != 0) != want) {
					return false;
				}
			}
		}
		for (int i = 0; i < enumFacts.length; i++) {
			if ((enumValues[i] & (1L << input[enumFacts[i]])) == 0) {
				return false;
			}
		}
		return true;
	}
}
