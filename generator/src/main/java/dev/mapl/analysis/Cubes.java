package dev.mapl.analysis;

import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable cubes: a region as a short disjunction of conjunctions in MAPL syntax
 * ({@code VM_PFNMAP & !VM_IO & prot in {MT_NORMAL, MT_NORMAL_TAGGED}}).
 *
 * <p>The region goes through a {@link DecisionDiagram} whose impossible inputs are don't-cares
 * (so the cubes may be simpler than the exact region but agree with it on every possible input);
 * each root-to-leaf path is a cube with one literal per tested fact, whose enum values are
 * already grouped by child. Cubes that differ in one fact only are then merged, repeatedly. The
 * result is sorted by each cube's first input in truth-table order.
 */
final class Cubes {

	/** Paths beyond this many are not merged: the first few are shown as they come. */
	static final int MERGE_LIMIT = 256;

	private Cubes() {
	}

	/** A conjunction: per fact (model index), the set of allowed values as a bit mask. */
	static final class Cube {
		final long[] masks;

		Cube(long[] masks) {
			this.masks = masks;
		}

		boolean contains(int[] input, int[] inputs) {
			for (int f : inputs) {
				if ((masks[f] & (1L << input[f])) == 0) {
					return false;
				}
			}
			return true;
		}
	}

	static long full(Fact f) {
		int d = f.domainSize();
		return d == 64 ? -1L : (1L << d) - 1;
	}

	/** Every cube of the paths from the root to a leaf satisfying {@code accept}, in path order. */
	static List<Cube> paths(Model model, DecisionDiagram.Node root,
			java.util.function.Predicate<DecisionDiagram.Leaf> accept, int limit) {
		List<Cube> out = new ArrayList<>();
		long[] masks = new long[model.facts().size()];
		for (int f = 0; f < masks.length; f++) {
			masks[f] = full(model.fact(f));
		}
		walk(root, masks, accept, out, limit);
		return out;
	}

	private static void walk(DecisionDiagram.Node n, long[] masks,
			java.util.function.Predicate<DecisionDiagram.Leaf> accept, List<Cube> out, int limit) {
		if (out.size() >= limit) {
			return;
		}
		if (n instanceof DecisionDiagram.Leaf leaf) {
			if (accept.test(leaf)) {
				out.add(new Cube(masks.clone()));
			}
			return;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		long saved = masks[t.fact()];
		for (DecisionDiagram.Edge e : t.edges()) {
			long m = 0;
			for (int v : e.values()) {
				m |= 1L << v;
			}
			masks[t.fact()] = m;
			walk(e.child(), masks, accept, out, limit);
		}
		masks[t.fact()] = saved;
	}

	/** Every path's cube, grouped by the leaf it reaches (path order within a leaf). */
	static Map<DecisionDiagram.Leaf, List<Cube>> pathsByLeaf(Model model, DecisionDiagram.Node root) {
		Map<DecisionDiagram.Leaf, List<Cube>> out = new IdentityHashMap<>();
		long[] masks = new long[model.facts().size()];
		for (int f = 0; f < masks.length; f++) {
			masks[f] = full(model.fact(f));
		}
		walkAll(root, masks, out);
		return out;
	}

	private static void walkAll(DecisionDiagram.Node n, long[] masks, Map<DecisionDiagram.Leaf, List<Cube>> out) {
		if (n instanceof DecisionDiagram.Leaf leaf) {
			out.computeIfAbsent(leaf, k -> new ArrayList<>()).add(new Cube(masks.clone()));
			return;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		long saved = masks[t.fact()];
		for (DecisionDiagram.Edge e : t.edges()) {
			long m = 0;
			for (int v : e.values()) {
				m |= 1L << v;
			}
			masks[t.fact()] = m;
			walkAll(e.child(), masks, out);
		}
		masks[t.fact()] = saved;
	}

	/** The number of paths to an accepted leaf. */
	static BigInteger pathCount(DecisionDiagram.Node n,
			java.util.function.Predicate<DecisionDiagram.Leaf> accept, Map<DecisionDiagram.Node, BigInteger> memo) {
		if (n instanceof DecisionDiagram.Leaf leaf) {
			return accept.test(leaf) ? BigInteger.ONE : BigInteger.ZERO;
		}
		BigInteger c = memo.get(n);
		if (c == null) {
			c = BigInteger.ZERO;
			for (DecisionDiagram.Edge e : ((DecisionDiagram.Test) n).edges()) {
				c = c.add(pathCount(e.child(), accept, memo));
			}
			memo.put(n, c);
		}
		return c;
	}

	/** Merges cubes that agree on every fact but one, until none do; then sorts them. */
	static List<Cube> merge(List<Cube> cubes, int[] inputs) {
		List<Cube> cur = new ArrayList<>(cubes);
		boolean changed = true;
		while (changed && cur.size() > 1) {
			changed = false;
			for (int p : inputs) {
				Map<Key, Cube> groups = new LinkedHashMap<>();
				for (Cube c : cur) {
					Key k = new Key(c.masks, p);
					Cube g = groups.get(k);
					if (g == null) {
						groups.put(k, new Cube(c.masks.clone()));
					} else {
						g.masks[p] |= c.masks[p];
						changed = true;
					}
				}
				cur = new ArrayList<>(groups.values());
			}
		}
		cur.sort(order(inputs));
		return cur;
	}

	/** By first input in truth-table order. */
	static Comparator<Cube> order(int[] inputs) {
		return (a, b) -> {
			for (int f : inputs) {
				int c = Long.compare(Long.numberOfTrailingZeros(a.masks[f]), Long.numberOfTrailingZeros(b.masks[f]));
				if (c != 0) {
					return c;
				}
			}
			for (int f : inputs) {
				int c = Long.compareUnsigned(a.masks[f], b.masks[f]);
				if (c != 0) {
					return c;
				}
			}
			return 0;
		};
	}

	private static final class Key {
		final long[] masks;
		final int skip;
		final int hash;

		Key(long[] masks, int skip) {
			this.masks = masks;
			this.skip = skip;
			int h = 1;
			for (int i = 0; i < masks.length; i++) {
				if (i != skip) {
					h = 31 * h + Long.hashCode(masks[i]);
				}
			}
			this.hash = h;
		}

		@Override
		public boolean equals(Object o) {
			if (!(o instanceof Key k) || k.hash != hash || k.skip != skip) {
				return false;
			}
			for (int i = 0; i < masks.length; i++) {
				if (i != skip && masks[i] != k.masks[i]) {
					return false;
				}
			}
			return true;
		}

		@Override
		public int hashCode() {
			return hash;
		}
	}

	/** A cube in MAPL expression syntax; {@code true} for the empty conjunction. */
	static String render(Model model, Cube c, int[] inputs) {
		List<String> lits = new ArrayList<>();
		for (int f : inputs) {
			Fact fact = model.fact(f);
			long m = c.masks[f];
			long all = full(fact);
			if (m == all) {
				continue;
			}
			lits.add(literal(fact, m));
		}
		return lits.isEmpty() ? "true" : String.join(" & ", lits);
	}

	static String literal(Fact fact, long m) {
		if (fact.isBoolean()) {
			return m == 2 ? fact.name() : "!" + fact.name();
		}
		int n = Long.bitCount(m);
		int d = fact.domainSize();
		if (n == 1) {
			return fact.name() + " == " + fact.values().get(Long.numberOfTrailingZeros(m));
		}
		if (n == d - 1) {
			long missing = full(fact) & ~m;
			return fact.name() + " != " + fact.values().get(Long.numberOfTrailingZeros(missing));
		}
		List<String> vs = new ArrayList<>();
		for (int v = 0; v < d; v++) {
			if ((m & (1L << v)) != 0) {
				vs.add(fact.values().get(v));
			}
		}
		return fact.name() + " in {" + String.join(", ", vs) + "}";
	}

	/**
	 * Readable cubes of {@code region}, which lies inside {@code care}; inputs of the domain outside
	 * {@code care} are don't-cares. At most {@code max} cubes, then {@code and N more}.
	 */
	static List<String> of(Encoding enc, int[] inputs, int domain, int care, int region, int max) {
		if (region == Encoding.FALSE) {
			return List.of();
		}
		if (enc.larger(region, NODE_LIMIT) || enc.larger(care, NODE_LIMIT)) {
			return fromBdd(enc, inputs, region, max);
		}
		Model model = enc.model;
		DecisionDiagram.Builder b = new DecisionDiagram.Builder(enc, model);
		DecisionDiagram.Leaf in = b.leaf(DecisionDiagram.Kind.OUTCOME, -1, "", 0, "in");
		DecisionDiagram.Leaf outside = b.leaf(DecisionDiagram.Kind.NONE, -1, "", -1, "out");
		DecisionDiagram.Leaf dc = b.leaf(DecisionDiagram.Kind.IMPOSSIBLE, -1, "", -1, "dc");
		b.leaves = List.of(in, outside, dc);
		b.leafOf = new int[] {0, 1, 2};
		b.empty = dc;
		b.dc = dc;
		b.maxStates = STATE_BUDGET;
		int out = enc.andNot(care, region);
		int dontCare = enc.andNot(domain, care);
		DecisionDiagram.Node root;
		try {
			root = b.finish(b.build(List.of(0, 1, 2), List.of(region, out, dontCare)));
		} catch (DecisionDiagram.TooLarge e) {
			return fromBdd(enc, inputs, region, max);
		} finally {
			enc.deref(out);
			enc.deref(dontCare);
		}
		java.util.function.Predicate<DecisionDiagram.Leaf> accept = l -> l == in;
		BigInteger total = pathCount(root, accept, new IdentityHashMap<>());
		List<Cube> cubes;
		if (total.compareTo(BigInteger.valueOf(MERGE_LIMIT)) <= 0) {
			cubes = merge(paths(model, root, accept, MERGE_LIMIT), inputs);
			total = BigInteger.valueOf(cubes.size());
		} else {
			cubes = paths(model, root, accept, max);
		}
		return shown(model, cubes, inputs, total, max);
	}

	/**
	 * BDD nodes of a region (or of the care set) beyond which no diagram is built: cubes then come
	 * straight from the BDD's paths, exact but not simplified.
	 */
	static final int NODE_LIMIT = 5_000;

	/** States a cube diagram may visit; past it, cubes come straight from the BDD's paths. */
	static final int STATE_BUDGET = 20_000;

	private static List<String> shown(Model model, List<Cube> cubes, int[] inputs, BigInteger total, int max) {
		List<String> shown = new ArrayList<>();
		for (int i = 0; i < Math.min(max, cubes.size()); i++) {
			shown.add(render(model, cubes.get(i), inputs));
		}
		BigInteger rest = total.subtract(BigInteger.valueOf(shown.size()));
		if (rest.signum() > 0) {
			shown.add("and " + rest + " more");
		}
		return shown;
	}

	/**
	 * The fallback for regions too complex for a readable diagram: the first {@code max} paths of
	 * the region's BDD (0-edges first), each a cube, and the number of paths.
	 */
	static List<String> fromBdd(Encoding enc, int[] inputs, int region, int max) {
		Model model = enc.model;
		List<Cube> cubes = new ArrayList<>();
		int[] bit = new int[enc.kernel.varCount()];
		Arrays.fill(bit, -1);
		bddPaths(enc, region, bit, cubes, max);
		BigInteger total = bddPathCount(enc, region, new java.util.HashMap<>());
		return shown(model, cubes, inputs, total, max);
	}

	private static void bddPaths(Encoding enc, int node, int[] bit, List<Cube> out, int max) {
		if (out.size() >= max || node == Encoding.FALSE) {
			return;
		}
		if (node == Encoding.TRUE) {
			Model model = enc.model;
			long[] masks = new long[model.facts().size()];
			for (int f = 0; f < masks.length; f++) {
				long m = 0;
				int nb = enc.bits(f);
				for (int v = 0; v < model.fact(f).domainSize(); v++) {
					boolean ok = true;
					for (int b = 0; b < nb && ok; b++) {
						int want = bit[enc.firstVar(f) + b];
						ok = want < 0 || want == ((v >> (nb - 1 - b)) & 1);
					}
					if (ok) {
						m |= 1L << v;
					}
				}
				masks[f] = m;
			}
			out.add(new Cube(masks));
			return;
		}
		int v = enc.kernel.var(node);
		bit[v] = 0;
		bddPaths(enc, enc.kernel.lo(node), bit, out, max);
		bit[v] = 1;
		bddPaths(enc, enc.kernel.hi(node), bit, out, max);
		bit[v] = -1;
	}

	private static BigInteger bddPathCount(Encoding enc, int node, Map<Integer, BigInteger> memo) {
		if (node <= Encoding.TRUE) {
			return node == Encoding.TRUE ? BigInteger.ONE : BigInteger.ZERO;
		}
		BigInteger c = memo.get(node);
		if (c == null) {
			c = bddPathCount(enc, enc.kernel.lo(node), memo).add(bddPathCount(enc, enc.kernel.hi(node), memo));
			memo.put(node, c);
		}
		return c;
	}
}
