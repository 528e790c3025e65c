package dev.mapl.analysis;

import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Exprs;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which a policy's decision diagram tests its facts, chosen to make the code that
 * follows the diagram small; shared by the C and the Java backends. A diagram's size depends on
 * its variable order, and code that unfolds it into nested tests pays for every test on every path.
 *
 * <p>The search tries the order in which the rules first mention the facts and the declaration
 * order, then, for at most {@code siftFacts} facts, moves one fact at a time to another position
 * while that helps, building at most {@code budget} diagrams in all. Ties keep the earlier order,
 * and nothing depends on time: the same policy gives the same order.
 *
 * <p>Orders are over <em>positions</em> in a list of facts (model indexes): {@code order[k]} is the
 * position of the fact the diagram tests k-th. An ordered model ({@link #build}) holds those facts
 * in that order, the policy's rules moved onto them and the given assumptions.
 */
public final class TestOrderSearch {

	/**
	 * A policy moved onto its facts in a searched test order: {@code model}'s one policy tests the
	 * original model's fact {@code facts[k]} k-th.
	 */
	public record Ordered(Model model, int[] facts) {

		public Policy policy() {
			return model.policies().get(0);
		}
	}

	/**
	 * Bounds for code that unfolds the diagram into branches (the Java branch style, and {@code graph},
	 * which draws that diagram): sift at most this many facts, build at most this many diagrams.
	 * Wider than the C backend's (12 facts, 40 diagrams) because the branch style is for large keys:
	 * on the synthetic 20-fact, 300-rule policy of the benchmarks 200 diagrams took the code from
	 * 4,214 tests to 972 (docs/PERFORMANCE.md, "Java backend").
	 */
	public static final int BRANCHES_SIFT_FACTS = 24;
	public static final int BRANCHES_BUDGET = 200;

	private final Model model;
	private final Policy policy;
	private final List<Integer> facts;

	/**
	 * The policy over its inputs in the best order found, with its assumptions; empty when a rule
	 * or an assumption reads a fact that is not one of its inputs (there is nothing to reorder).
	 *
	 * @see #search
	 */
	public static Optional<Ordered> ofInputs(Model model, Policy policy, int siftFacts, int budget) {
		List<Integer> inputs = policy.inputs();
		Set<Integer> read = new LinkedHashSet<>();
		for (Rule r : policy.rules()) {
			Exprs.forEachFact(r.condition(), read::add);
		}
		for (Assumption a : policy.assumptions()) {
			Exprs.forEachFact(a.expr(), read::add);
		}
		if (!inputs.containsAll(read)) {
			return Optional.empty();
		}
		TestOrderSearch orders = new TestOrderSearch(model, policy, inputs);
		int[] identity = orders.identity();
		List<Assumption> assumptions = new ArrayList<>();
		for (Assumption a : policy.assumptions()) {
			assumptions.add(new Assumption(remap(a.expr(), inputs, identity), a.doc(), a.span()));
		}
		int[] order = orders.search(assumptions, siftFacts, budget);
		int[] facts = new int[order.length];
		for (int k = 0; k < order.length; k++) {
			facts[k] = inputs.get(order[k]);
		}
		return Optional.of(new Ordered(orders.build(order, orders.reorder(assumptions, order)), facts));
	}

	/**
	 * @param facts the facts to order (model indexes): every fact the rules read must be one
	 */
	public TestOrderSearch(Model model, Policy policy, List<Integer> facts) {
		this.model = model;
		this.policy = policy;
		this.facts = List.copyOf(facts);
	}

	/** {@code 0, 1, ..., n - 1}: the facts in the order given. */
	public int[] identity() {
		int[] identity = new int[facts.size()];
		for (int i = 0; i < identity.length; i++) {
			identity[i] = i;
		}
		return identity;
	}

	/**
	 * The best order found.
	 *
	 * @param assumptions over positions in the facts (see {@link #remap})
	 * @param siftFacts   sift only when there are at most this many facts
	 * @param budget      at most this many diagrams built while sifting (the two first orders count)
	 */
	public int[] search(List<Assumption> assumptions, int siftFacts, int budget) {
		int n = facts.size();
		int[] best = null;
		long[] bestCost = null;
		List<int[]> candidates = List.of(appearanceOrder(), identity());
		int builds = 0;
		for (int[] c : candidates) {
			long[] cost = cost(c, assumptions);
			builds++;
			if (bestCost == null || less(cost, bestCost)) {
				best = c;
				bestCost = cost;
			}
		}
		if (n <= siftFacts) {
			boolean improved = true;
			while (improved && builds < budget) {
				improved = false;
				for (int i = 0; i < n && builds < budget; i++) {
					for (int j = 0; j < n && builds < budget; j++) {
						if (i == j) {
							continue;
						}
						int[] c = move(best, i, j);
						long[] cost = cost(c, assumptions);
						builds++;
						if (less(cost, bestCost)) {
							best = c;
							bestCost = cost;
							improved = true;
						}
					}
				}
			}
		}
		return best;
	}

	/**
	 * A model whose facts are the facts in the given order, with the policy's rules and the given
	 * assumptions (already over ordered indexes); its one policy takes every fact.
	 */
	public Model build(int[] order, List<Assumption> assumptions) {
		int n = order.length;
		List<Fact> fs = new ArrayList<>();
		int[] toOrdered = new int[n];
		for (int k = 0; k < n; k++) {
			fs.add(model.fact(facts.get(order[k])));
			toOrdered[order[k]] = k;
		}
		List<Rule> rs = new ArrayList<>();
		for (Rule r : policy.rules()) {
			rs.add(new Rule(r.index(), r.name(), r.labelled(), r.otherwise(), remap(r.when(), facts, toOrdered),
					r.guard().map(g -> remap(g, facts, toOrdered)), r.outcome(), r.doc(), r.span()));
		}
		List<Integer> inputs = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			inputs.add(k);
		}
		Policy p = new Policy(policy.name(), policy.hitPolicy(), inputs, assumptions, rs, List.of(), List.of(),
				policy.doc(), policy.span());
		return new Model(fs, model.outcomes(), List.of(), List.of(p));
	}

	/** Assumptions over positions in the facts, moved to ordered indexes. */
	public List<Assumption> reorder(List<Assumption> assumptions, int[] order) {
		int n = order.length;
		int[] toOrdered = new int[n];
		for (int k = 0; k < n; k++) {
			toOrdered[order[k]] = k;
		}
		List<Integer> identityFacts = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			identityFacts.add(i);
		}
		List<Assumption> out = new ArrayList<>();
		for (Assumption a : assumptions) {
			out.add(new Assumption(remap(a.expr(), identityFacts, toOrdered), a.doc(), a.span()));
		}
		return out;
	}

	/** An expression with fact {@code from.get(i)} renamed to {@code to[i]}. */
	public static Expr remap(Expr e, List<Integer> from, int[] to) {
		if (e instanceof Expr.BoolFact b) {
			return new Expr.BoolFact(to[from.indexOf(b.fact())], b.span());
		} else if (e instanceof Expr.EnumIn in) {
			return new Expr.EnumIn(to[from.indexOf(in.fact())], in.values(), in.span());
		} else if (e instanceof Expr.Not n) {
			return new Expr.Not(remap(n.operand(), from, to), n.span());
		} else if (e instanceof Expr.And a) {
			return new Expr.And(a.operands().stream().map(x -> remap(x, from, to)).toList(), a.span());
		} else if (e instanceof Expr.Or o) {
			return new Expr.Or(o.operands().stream().map(x -> remap(x, from, to)).toList(), o.span());
		} else if (e instanceof Expr.Implies i) {
			return new Expr.Implies(remap(i.left(), from, to), remap(i.right(), from, to), i.span());
		}
		return e;
	}

	/** The facts in the order the rules first mention them (then those no rule mentions, as given). */
	public int[] appearanceOrder() {
		Set<Integer> seen = new LinkedHashSet<>();
		for (Rule r : policy.rules()) {
			Exprs.forEachFact(r.condition(), seen::add);
		}
		seen.retainAll(facts);
		seen.addAll(facts);
		int[] out = new int[facts.size()];
		int k = 0;
		for (int f : seen) {
			out[k++] = facts.indexOf(f);
		}
		return out;
	}

	private static int[] move(int[] order, int from, int to) {
		List<Integer> l = new ArrayList<>();
		for (int x : order) {
			l.add(x);
		}
		int v = l.remove(from);
		l.add(to, v);
		return l.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Code size of an order: tests in the unfolded tree, then the sum of path lengths. */
	private long[] cost(int[] order, List<Assumption> assumptions) {
		Model m = build(order, reorder(assumptions, order));
		DecisionDiagram d = DecisionDiagram.build(m, m.policies().get(0), DecisionDiagram.LeafKind.OUTCOME, true);
		return treeCost(d.root(), new IdentityHashMap<>());
	}

	/** {tests, paths, summed path length} of the unfolded tree. */
	private static long[] treeCost(DecisionDiagram.Node n, Map<DecisionDiagram.Node, long[]> memo) {
		if (n.isLeaf()) {
			return new long[] {0, 1, 0};
		}
		long[] c = memo.get(n);
		if (c == null) {
			long tests = 1;
			long paths = 0;
			long length = 0;
			DecisionDiagram.Test t = (DecisionDiagram.Test) n;
			for (int v = 0; v < t.arity(); v++) {
				if (!t.firstValueOfItsChild(v)) {
					continue; // one branch per edge
				}
				long[] x = treeCost(t.child(v), memo);
				tests = sat(tests + x[0]);
				paths = sat(paths + x[1]);
				length = sat(length + x[2] + x[1]);
			}
			c = new long[] {tests, paths, length};
			memo.put(n, c);
		}
		return c;
	}

	private static long sat(long x) {
		return x < 0 ? Long.MAX_VALUE : x;
	}

	private static boolean less(long[] a, long[] b) {
		if (a[0] != b[0]) {
			return a[0] < b[0];
		}
		return a[2] < b[2];
	}
}
