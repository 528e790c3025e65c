package dev.mapl.emit.dmn;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Conditions in disjunctive normal form over the input facts, for DMN rules (whose input entries
 * are a conjunction of unary tests). A conjunction is a {@code long[]} indexed like the model's
 * facts: the bit mask of the values each fact may take.
 */
final class Dnf {

	private Dnf() {
	}

	/** The conjunctions of a condition, without empty or subsumed ones, in a deterministic order. */
	static List<long[]> of(Model model, Expr e, List<Integer> inputs, int max, String policy, String rule) {
		Dnf.Builder b = new Dnf.Builder(model, inputs, max, policy, rule);
		return b.simplify(b.dnf(e, true));
	}

	/** Disjoint conjunctions covering the same inputs (each minus the ones before it). */
	static List<long[]> disjoint(List<long[]> cubes, List<Integer> inputs) {
		List<long[]> out = new ArrayList<>();
		for (long[] c : cubes) {
			List<long[]> pieces = List.of(c);
			for (long[] r : out) {
				List<long[]> next = new ArrayList<>();
				for (long[] p : pieces) {
					next.addAll(subtract(p, r, inputs));
				}
				pieces = next;
			}
			out.addAll(pieces);
		}
		return out;
	}

	/** {@code p} minus {@code r}: disjoint conjunctions. */
	private static List<long[]> subtract(long[] p, long[] r, List<Integer> inputs) {
		for (int f : inputs) {
			if ((p[f] & r[f]) == 0) {
				return List.of(p);
			}
		}
		List<long[]> out = new ArrayList<>();
		long[] rest = p.clone();
		for (int f : inputs) {
			long outside = rest[f] & ~r[f];
			if (outside != 0) {
				long[] piece = rest.clone();
				piece[f] = outside;
				out.add(piece);
				rest[f] &= r[f];
			}
		}
		return out;
	}

	private static final class Builder {
		private final Model model;
		private final List<Integer> inputs;
		private final int max;
		private final String policy;
		private final String rule;

		Builder(Model model, List<Integer> inputs, int max, String policy, String rule) {
			this.model = model;
			this.inputs = inputs;
			this.max = max;
			this.policy = policy;
			this.rule = rule;
		}

		private long full(int f) {
			Fact fact = model.fact(f);
			return fact.domainSize() >= 64 ? -1L : (1L << fact.domainSize()) - 1;
		}

		private long[] top() {
			long[] c = new long[model.facts().size()];
			for (int f = 0; f < c.length; f++) {
				c[f] = full(f);
			}
			return c;
		}

		private List<long[]> literal(int f, long mask) {
			mask &= full(f);
			if (mask == 0) {
				return List.of();
			}
			long[] c = top();
			c[f] = mask;
			return List.of(c);
		}

		List<long[]> dnf(Expr e, boolean positive) {
			if (e instanceof Expr.Const c) {
				return c.value() == positive ? List.of(top()) : List.of();
			} else if (e instanceof Expr.BoolFact b) {
				return literal(b.fact(), positive ? 2 : 1);
			} else if (e instanceof Expr.EnumIn in) {
				long m = 0;
				for (int v : in.values()) {
					m |= 1L << v;
				}
				return literal(in.fact(), positive ? m : ~m);
			} else if (e instanceof Expr.Not n) {
				return dnf(n.operand(), !positive);
			} else if (e instanceof Expr.And a) {
				return positive ? product(a.operands(), true) : union(a.operands(), false);
			} else if (e instanceof Expr.Or o) {
				return positive ? union(o.operands(), true) : product(o.operands(), false);
			} else if (e instanceof Expr.Implies i) {
				Expr notLeft = new Expr.Not(i.left(), i.span());
				return positive ? union(List.of(notLeft, i.right()), true) : product(List.of(i.left(), new Expr.Not(i.right(),
						i.span())), true);
			}
			throw new IllegalArgumentException("rule `" + rule + "` of `" + policy + "` names an outcome or attribute");
		}

		private List<long[]> union(List<Expr> ops, boolean positive) {
			List<long[]> out = new ArrayList<>();
			for (Expr o : ops) {
				out.addAll(dnf(o, positive));
				check(out.size());
			}
			return simplify(out);
		}

		private List<long[]> product(List<Expr> ops, boolean positive) {
			List<long[]> acc = List.of(top());
			for (Expr o : ops) {
				List<long[]> next = new ArrayList<>();
				for (long[] x : dnf(o, positive)) {
					for (long[] y : acc) {
						long[] z = new long[x.length];
						boolean empty = false;
						for (int f = 0; f < z.length; f++) {
							z[f] = x[f] & y[f];
							empty |= z[f] == 0;
						}
						if (!empty) {
							next.add(z);
							check(next.size());
						}
					}
				}
				acc = simplify(next);
			}
			return acc;
		}

		private void check(int n) {
			if (n > max) {
				throw new IllegalArgumentException("rule `" + rule + "` of `" + policy + "` has more than " + max
						+ " conjunctions in disjunctive normal form, too many for a DMN table");
			}
		}

		/** Drops duplicates and conjunctions contained in another; keeps first-seen order. */
		List<long[]> simplify(List<long[]> cubes) {
			Set<List<Long>> seen = new LinkedHashSet<>();
			List<long[]> unique = new ArrayList<>();
			for (long[] c : cubes) {
				if (seen.add(Arrays.stream(c).boxed().toList())) {
					unique.add(c);
				}
			}
			List<long[]> out = new ArrayList<>();
			for (int i = 0; i < unique.size(); i++) {
				boolean subsumed = false;
				for (int j = 0; j < unique.size() && !subsumed; j++) {
					if (i != j && contains(unique.get(j), unique.get(i)) && (!contains(unique.get(i), unique.get(j)) || j < i)) {
						subsumed = true;
					}
				}
				if (!subsumed) {
					out.add(unique.get(i));
				}
			}
			return out;
		}

		private boolean contains(long[] big, long[] small) {
			for (int f : inputs) {
				if ((small[f] & ~big[f]) != 0) {
					return false;
				}
			}
			return true;
		}
	}
}
