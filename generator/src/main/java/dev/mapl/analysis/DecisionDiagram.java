package dev.mapl.analysis;

import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The reduced, ordered, multi-valued decision diagram of a policy over its input facts. A test
 * node reads one fact and has one edge per group of values leading to the same child; facts are
 * tested in declaration order and a fact is tested only where the answer depends on it. Leaves
 * are the firing rule ({@link LeafKind#RULE}, for tracing) or the decided outcome
 * ({@link LeafKind#OUTCOME}, for the smallest code), {@link Kind#NONE} for inputs no rule decides
 * and {@link Kind#IMPOSSIBLE} for inputs the assumptions exclude.
 *
 * <p>With {@code impossibleAsDontCare}, impossible inputs are don't-cares, used to skip tests:
 * a subtree whose possible inputs all reach one leaf becomes that leaf; sibling subtrees that agree
 * wherever both have possible inputs are merged (so a fact that only matters on impossible inputs
 * is not tested); an edge that only leads to impossible inputs joins the largest sibling group.
 * Every possible input still reaches its leaf; an {@link Kind#IMPOSSIBLE} leaf then appears only
 * when the assumptions exclude every input. This is a greedy heuristic (exact minimisation with
 * don't-cares is NP-hard), deterministic and bounded by a merge budget. Backends walk such a
 * diagram to emit the fewest tests on every path.
 *
 * <p>Nodes are hash-consed and immutable: two nodes of one diagram are structurally equal exactly
 * when they are the same object.
 */
public final class DecisionDiagram {

	/** What the leaves of a diagram name. */
	public enum LeafKind {
		/** The firing rule (with its outcome). */
		RULE,
		/** Only the decided outcome: rules deciding the same outcome share a leaf. */
		OUTCOME
	}

	/** The kind of a node. */
	public enum Kind {
		TEST, RULE, OUTCOME, NONE, IMPOSSIBLE
	}

	/** A node of the diagram. */
	public abstract static sealed class Node permits Test, Leaf {
		private final int id;

		Node(int id) {
			this.id = id;
		}

		/** Unique within one diagram, in creation order. */
		public int id() {
			return id;
		}

		public abstract Kind kind();

		public boolean isLeaf() {
			return kind() != Kind.TEST;
		}
	}

	/** An edge of a test node: the values (sorted indexes) that lead to {@code child}. */
	public record Edge(SortedSet<Integer> values, List<String> valueNames, Node child) {
		public Edge {
			values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
			valueNames = List.copyOf(valueNames);
		}
	}

	/** A node testing one fact. */
	public static final class Test extends Node {
		private final int fact;
		private final String factName;
		private final boolean bool;
		private final Node[] byValue;
		private final Fact f;
		/** Made on first use: the builder makes many nodes that no diagram keeps. */
		private List<Edge> edges;

		Test(int id, Fact f, int fact, Node[] byValue) {
			super(id);
			this.fact = fact;
			this.factName = f.name();
			this.bool = f.isBoolean();
			this.byValue = byValue;
			this.f = f;
		}

		private static List<Edge> edges(Fact f, Node[] byValue) {
			List<Edge> es = new ArrayList<>();
			Map<Node, List<Integer>> groups = new IdentityHashMap<>();
			List<Node> order = new ArrayList<>();
			for (int v = 0; v < byValue.length; v++) {
				List<Integer> g = groups.get(byValue[v]);
				if (g == null) {
					g = new ArrayList<>();
					groups.put(byValue[v], g);
					order.add(byValue[v]);
				}
				g.add(v);
			}
			for (Node child : order) {
				List<Integer> vs = groups.get(child);
				es.add(new Edge(new TreeSet<>(vs), vs.stream().map(f::valueName).toList(), child));
			}
			return List.copyOf(es);
		}

		@Override
		public Kind kind() {
			return Kind.TEST;
		}

		/** Index into the model's facts. */
		public int fact() {
			return fact;
		}

		public String factName() {
			return factName;
		}

		public boolean isBoolean() {
			return bool;
		}

		/** Edges in order of their smallest value. */
		public List<Edge> edges() {
			// A race makes equal lists twice; List.copyOf's list is safely published.
			List<Edge> es = edges;
			if (es == null) {
				es = edges(f, byValue);
				edges = es;
			}
			return es;
		}

		/** The child for one value of the fact. */
		public Node child(int value) {
			return byValue[value];
		}

		/** The number of values of the fact (children by value, some of them the same node). */
		int arity() {
			return byValue.length;
		}

		/** Whether {@code value} is the smallest value leading to its child (one per edge). */
		boolean firstValueOfItsChild(int value) {
			for (int v = 0; v < value; v++) {
				if (byValue[v] == byValue[value]) {
					return false;
				}
			}
			return true;
		}
	}

	/** A leaf: a rule, an outcome, no decision, or an impossible input. */
	public static final class Leaf extends Node {
		private final Kind kind;
		private final int rule;
		private final String ruleName;
		private final int outcome;
		private final String outcomeName;

		Leaf(int id, Kind kind, int rule, String ruleName, int outcome, String outcomeName) {
			super(id);
			this.kind = kind;
			this.rule = rule;
			this.ruleName = ruleName;
			this.outcome = outcome;
			this.outcomeName = outcomeName;
		}

		@Override
		public Kind kind() {
			return kind;
		}

		/** The firing rule's position in the policy, or -1 (OUTCOME, NONE and IMPOSSIBLE leaves). */
		public int rule() {
			return rule;
		}

		public String ruleName() {
			return ruleName;
		}

		/** The decided outcome's index, or -1 (NONE and IMPOSSIBLE leaves). */
		public int outcome() {
			return outcome;
		}

		public String outcomeName() {
			return outcomeName;
		}

		/** A short label: {@code r1: Normal}, {@code Normal}, {@code none}, {@code impossible}. */
		public String label() {
			switch (kind) {
				case RULE:
					return ruleName + ": " + outcomeName;
				case OUTCOME:
					return outcomeName;
				case NONE:
					return "none";
				default:
					return "impossible";
			}
		}
	}

	private final Model model;
	private final Policy policy;
	private final LeafKind leafKind;
	private final boolean dontCare;
	private final Node root;
	private final List<Node> nodes;

	private DecisionDiagram(Model model, Policy policy, LeafKind leafKind, boolean dontCare, Node root) {
		this.model = model;
		this.policy = policy;
		this.leafKind = leafKind;
		this.dontCare = dontCare;
		this.root = root;
		List<Node> order = new ArrayList<>();
		collect(root, Collections.newSetFromMap(new IdentityHashMap<>()), order);
		this.nodes = List.copyOf(order);
	}

	private static void collect(Node n, java.util.Set<Node> seen, List<Node> out) {
		if (!seen.add(n)) {
			return;
		}
		out.add(n);
		if (n instanceof Test t) {
			// By value: the same children in the same order as by edge, without making the edges.
			for (int v = 0; v < t.arity(); v++) {
				collect(t.child(v), seen, out);
			}
		}
	}

	/** Builds the diagram of a policy of a model (with a fresh analyzer). */
	public static DecisionDiagram build(Model model, Policy policy, LeafKind leafKind,
			boolean impossibleAsDontCare) {
		return build(new PolicyAnalyzer(model), policy, leafKind, impossibleAsDontCare);
	}

	/** Builds the diagram of a policy, reusing an analyzer's encoding. */
	public static DecisionDiagram build(PolicyAnalyzer analyzer, Policy policy, LeafKind leafKind,
			boolean impossibleAsDontCare) {
		return build(analyzer, policy, leafKind, impossibleAsDontCare, null);
	}

	/**
	 * Builds the diagram of a policy restricted to the inputs that agree with {@code fixed} (per
	 * model fact a value index, or -1 for free; null for no restriction): the other inputs count as
	 * impossible, so with {@code impossibleAsDontCare} the fixed facts are never tested.
	 */
	public static DecisionDiagram build(PolicyAnalyzer analyzer, Policy policy, LeafKind leafKind,
			boolean impossibleAsDontCare, int[] fixed) {
		PolicyState s = analyzer.state(policy);
		Encoding enc = analyzer.encoding();
		Model model = analyzer.model();
		List<Rule> rules = policy.rules();
		int n = rules.size();
		List<Integer> regions = new ArrayList<>();
		List<Leaf> leaves = new ArrayList<>();
		int[] leafOf = new int[n + 2];
		Builder b = new Builder(enc, model);
		if (leafKind == LeafKind.RULE) {
			for (int j = 0; j < n; j++) {
				Rule r = rules.get(j);
				leaves.add(b.leaf(Kind.RULE, j, r.name(), r.outcome(), model.outcome(r.outcome()).name()));
				leafOf[j] = j;
			}
		} else {
			for (int o = 0; o < model.outcomes().size(); o++) {
				leaves.add(b.leaf(Kind.OUTCOME, -1, "", o, model.outcome(o).name()));
			}
			for (int j = 0; j < n; j++) {
				leafOf[j] = rules.get(j).outcome();
			}
		}
		int given = fixed == null ? enc.ref(Encoding.TRUE) : enc.fixed(fixed);
		List<Integer> owned = new ArrayList<>();
		for (int j = 0; j < n; j++) {
			owned.add(enc.and(s.fire[j], given));
		}
		regions.addAll(owned);
		leafOf[n] = leaves.size();
		leaves.add(b.leaf(Kind.NONE, -1, "", -1, "none"));
		int gap = enc.and(s.gap, given);
		owned.add(gap);
		regions.add(gap);
		leafOf[n + 1] = leaves.size();
		Leaf impossible = b.leaf(Kind.IMPOSSIBLE, -1, "", -1, "impossible");
		leaves.add(impossible);
		int possible = enc.and(s.possible, given);
		int impossibleRegion = enc.andNot(s.domain, possible);
		enc.deref(possible);
		enc.deref(given);
		regions.add(impossibleRegion);
		List<Integer> labels = new ArrayList<>();
		for (int i = 0; i < n + 2; i++) {
			labels.add(i);
		}
		b.leaves = leaves;
		b.leafOf = leafOf;
		b.empty = impossible;
		b.dc = impossibleAsDontCare ? impossible : null;
		Node root = b.finish(b.build(labels, regions));
		enc.deref(impossibleRegion);
		owned.forEach(enc::deref);
		return new DecisionDiagram(model, policy, leafKind, impossibleAsDontCare, root);
	}

	public Model model() {
		return model;
	}

	public Policy policy() {
		return policy;
	}

	public LeafKind leafKind() {
		return leafKind;
	}

	public boolean impossibleAsDontCare() {
		return dontCare;
	}

	public Node root() {
		return root;
	}

	/** Every node, depth-first from the root in edge order (the root first). */
	public List<Node> nodes() {
		return nodes;
	}

	/** The number of test nodes. */
	public int testCount() {
		return (int) nodes.stream().filter(n -> !n.isLeaf()).count();
	}

	/** The most tests on any path from the root to a leaf. */
	public int depth() {
		return depth(root, new IdentityHashMap<>());
	}

	private static int depth(Node n, Map<Node, Integer> memo) {
		if (n.isLeaf()) {
			return 0;
		}
		Integer d = memo.get(n);
		if (d == null) {
			int m = 0;
			for (Edge e : ((Test) n).edges()) {
				m = Math.max(m, depth(e.child(), memo));
			}
			d = m + 1;
			memo.put(n, d);
		}
		return d;
	}

	/** The leaf an input (indexed like the model's facts) reaches. */
	public Leaf evaluate(int[] input) {
		Node n = root;
		while (n instanceof Test t) {
			n = t.child(input[t.fact()]);
		}
		return (Leaf) n;
	}

	/** The number of root-to-leaf paths. */
	public BigInteger pathCount() {
		return pathCount(root, new IdentityHashMap<>());
	}

	static BigInteger pathCount(Node n, Map<Node, BigInteger> memo) {
		if (n.isLeaf()) {
			return BigInteger.ONE;
		}
		BigInteger c = memo.get(n);
		if (c == null) {
			c = BigInteger.ZERO;
			for (Edge e : ((Test) n).edges()) {
				c = c.add(pathCount(e.child(), memo));
			}
			memo.put(n, c);
		}
		return c;
	}

	/**
	 * Builds diagrams from a partition of an input domain into labelled, disjoint BDD regions, by
	 * walking the fact blocks of the regions' BDDs (no kernel operations).
	 */
	static final class Builder {
		private final Encoding enc;
		private final Model model;
		private final int[] varToFact;
		List<Leaf> leaves;
		/** Per region label, the index of its leaf in {@link #leaves}. */
		int[] leafOf;
		/** The leaf of an empty state. */
		Leaf empty;
		/** The don't-care leaf, or null. */
		Leaf dc;
		private int nextId;
		/** States the builder may visit before giving up with {@link TooLarge}; unlimited by default. */
		int maxStates = Integer.MAX_VALUE;
		private final Map<StateKey, Node> memo = new HashMap<>();
		private final Map<IntArrayKey, Node> unique = new HashMap<>();

		Builder(Encoding enc, Model model) {
			this.enc = enc;
			this.model = model;
			this.varToFact = new int[enc.kernel.varCount() + 1];
			Arrays.fill(varToFact, -1);
			for (int f = 0; f < model.facts().size(); f++) {
				for (int b = 0; b < enc.bits(f); b++) {
					varToFact[enc.firstVar(f) + b] = f;
				}
			}
		}

		Leaf leaf(Kind kind, int rule, String ruleName, int outcome, String outcomeName) {
			return new Leaf(nextId++, kind, rule, ruleName, outcome, outcomeName);
		}

		Node build(List<Integer> labels, List<Integer> regions) {
			int n = 0;
			int[] ls = new int[labels.size()];
			int[] rs = new int[labels.size()];
			for (int i = 0; i < labels.size(); i++) {
				if (regions.get(i) != Encoding.FALSE) {
					ls[n] = labels.get(i);
					rs[n] = regions.get(i);
					n++;
				}
			}
			return build(Arrays.copyOf(ls, n), Arrays.copyOf(rs, n));
		}

		private Node build(int[] labels, int[] regions) {
			// Don't-care regions stay in the state: where only impossible inputs and one label are
			// left, the subtree still records which values are don't-cares, so that a sibling can
			// be merged with it (see makeTest); finish() resolves what is left.
			if (labels.length == 0) {
				return empty;
			}
			int leaf = leafOf[labels[0]];
			for (int i = 1; i < labels.length && leaf >= 0; i++) {
				if (leafOf[labels[i]] != leaf) {
					leaf = -1;
				}
			}
			if (leaf >= 0) {
				return leaves.get(leaf);
			}
			StateKey key = new StateKey(labels, regions);
			Node cached = memo.get(key);
			if (cached != null) {
				return cached;
			}
			if (memo.size() >= maxStates) {
				throw new TooLarge();
			}
			int top = Integer.MAX_VALUE;
			for (int r : regions) {
				if (r > Encoding.TRUE) {
					top = Math.min(top, enc.kernel.var(r));
				}
			}
			if (top == Integer.MAX_VALUE) {
				throw new IllegalStateException("overlapping regions in a decision diagram");
			}
			int fact = varToFact[top];
			int domain = model.fact(fact).domainSize();
			Node[] children = new Node[domain];
			int[] cl = new int[labels.length];
			int[] cr = new int[labels.length];
			for (int v = 0; v < domain; v++) {
				int k = 0;
				for (int i = 0; i < labels.length; i++) {
					int c = enc.cofactor(regions[i], fact, v);
					if (c != Encoding.FALSE) {
						cl[k] = labels[i];
						cr[k] = c;
						k++;
					}
				}
				children[v] = build(Arrays.copyOf(cl, k), Arrays.copyOf(cr, k));
			}
			Node result = makeTest(fact, children);
			memo.put(key, result);
			return result;
		}

		/**
		 * A test node over {@code children} (one per value), reduced. With don't-cares, children that
		 * are compatible (equal wherever both care) are merged first, and don't-care children stay in
		 * the node (a partial node) so that the parent can still merge it with a sibling; {@link
		 * #finish} later sends them to a sibling.
		 */
		private Node makeTest(int fact, Node[] children) {
			if (dc != null) {
				List<Node> groups = new ArrayList<>();
				Node[] merged = new Node[children.length];
				int[] group = new int[children.length];
				for (int v = 0; v < children.length; v++) {
					Node c = children[v];
					group[v] = -1;
					if (c == dc) {
						continue;
					}
					for (int g = 0; g < groups.size(); g++) {
						Node m = merge(groups.get(g), c);
						if (m != null) {
							groups.set(g, m);
							group[v] = g;
							break;
						}
					}
					if (group[v] < 0) {
						group[v] = groups.size();
						groups.add(c);
					}
				}
				if (groups.isEmpty()) {
					return dc;
				}
				boolean anyDc = false;
				for (Node c : children) {
					anyDc |= c == dc;
				}
				if (groups.size() == 1 && !anyDc) {
					return groups.get(0);
				}
				// With don't-care children this stays a (partial) test even when one group is left:
				// the parent may still merge it with a sibling that needs the don't-care values.
				for (int v = 0; v < children.length; v++) {
					merged[v] = group[v] < 0 ? dc : groups.get(group[v]);
				}
				children = merged;
			}
			boolean same = true;
			for (Node c : children) {
				same &= c == children[0];
			}
			if (same) {
				return children[0];
			}
			return unique(fact, children);
		}

		private Node unique(int fact, Node[] children) {
			int[] k = new int[children.length + 1];
			k[0] = fact;
			for (int v = 0; v < children.length; v++) {
				k[v + 1] = children[v].id();
			}
			IntArrayKey key = new IntArrayKey(k);
			Node t = unique.get(key);
			if (t == null) {
				t = new Test(nextId++, model.fact(fact), fact, children.clone());
				unique.put(key, t);
			}
			return t;
		}

		/** Merge steps allowed per diagram; past it, siblings are simply not merged. */
		private static final int MERGE_BUDGET = 200_000;
		private int mergeSteps;
		private final Map<Long, Node> merges = new HashMap<>();
		private static final Node FAILED = new Leaf(-1, Kind.NONE, -1, "", -1, "failed");

		/** A node equal to {@code a} where {@code a} cares and to {@code b} where {@code b} cares, or null. */
		private Node merge(Node a, Node b) {
			if (a == b || b == dc) {
				return a;
			}
			if (a == dc) {
				return b;
			}
			if (a.isLeaf() && b.isLeaf()) {
				return null;
			}
			long key = a.id() < b.id() ? ((long) a.id() << 32) | b.id() : ((long) b.id() << 32) | a.id();
			Node m = merges.get(key);
			if (m != null) {
				return m == FAILED ? null : m;
			}
			if (++mergeSteps > MERGE_BUDGET) {
				return null;
			}
			int fa = a instanceof Test ta ? ta.fact() : Integer.MAX_VALUE;
			int fb = b instanceof Test tb ? tb.fact() : Integer.MAX_VALUE;
			int fact = Math.min(fa, fb);
			Node[] kids = new Node[model.fact(fact).domainSize()];
			Node result = null;
			boolean ok = true;
			for (int v = 0; v < kids.length && ok; v++) {
				Node ca = fa == fact ? ((Test) a).child(v) : a;
				Node cb = fb == fact ? ((Test) b).child(v) : b;
				kids[v] = merge(ca, cb);
				ok = kids[v] != null;
			}
			if (ok) {
				result = makeTest(fact, kids);
			}
			merges.put(key, result == null ? FAILED : result);
			return result;
		}

		/** Sends every remaining don't-care edge to its node's largest sibling group. */
		Node finish(Node root) {
			if (dc == null) {
				return root;
			}
			unique.clear();
			return finish(root, new IdentityHashMap<>());
		}

		private Node finish(Node n, Map<Node, Node> memo) {
			if (n.isLeaf()) {
				return n;
			}
			Node done = memo.get(n);
			if (done != null) {
				return done;
			}
			Test t = (Test) n;
			int d = model.fact(t.fact()).domainSize();
			Node[] kids = new Node[d];
			Map<Node, Integer> sizes = new IdentityHashMap<>();
			Node best = null;
			int bestSize = 0;
			for (int v = 0; v < d; v++) {
				Node c = t.child(v);
				if (c != dc) {
					kids[v] = finish(c, memo);
					int size = sizes.merge(kids[v], 1, Integer::sum);
					if (size > bestSize) {
						best = kids[v];
						bestSize = size;
					}
				}
			}
			for (int v = 0; v < d; v++) {
				if (kids[v] == null) {
					kids[v] = best;
				}
			}
			boolean same = true;
			for (Node c : kids) {
				same &= c == kids[0];
			}
			Node r = same ? kids[0] : unique(t.fact(), kids);
			memo.put(n, r);
			return r;
		}
	}

	/** Thrown by a builder past its state budget. */
	static final class TooLarge extends RuntimeException {
		private static final long serialVersionUID = 1L;

		TooLarge() {
			super(null, null, false, false);
		}
	}

	private static final class StateKey {
		final int[] labels;
		final int[] regions;
		final int hash;

		StateKey(int[] labels, int[] regions) {
			this.labels = labels;
			this.regions = regions;
			this.hash = 31 * Arrays.hashCode(labels) + Arrays.hashCode(regions);
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof StateKey s && hash == s.hash && Arrays.equals(labels, s.labels)
					&& Arrays.equals(regions, s.regions);
		}

		@Override
		public int hashCode() {
			return hash;
		}
	}

	static final class IntArrayKey {
		final int[] a;
		final int hash;

		IntArrayKey(int[] a) {
			this.a = a;
			this.hash = Arrays.hashCode(a);
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof IntArrayKey k && hash == k.hash && Arrays.equals(a, k.a);
		}

		@Override
		public int hashCode() {
			return hash;
		}
	}
}
