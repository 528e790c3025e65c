package dev.mapl.emit.java;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.emit.TemplateText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code decide} as straight-line code: the reduced decision diagram as nested {@code if}s with
 * early returns, testing the bits of the packed key. A subdiagram that several branches share
 * becomes a method of its own (rather than being copied into each branch), and so does any part
 * that would make a method longer than the JIT compiles ({@link #METHOD_BUDGET}).
 *
 * <p>A key field holding a code past the last value of its enum takes the branch of the last value.
 */
final class BranchWriter {

	/**
	 * Estimated bytecode per method. HotSpot does not compile methods over 8000 bytes of bytecode
	 * (-XX:-DontCompileHugeMethods), so a method over this budget is split.
	 */
	static final int METHOD_BUDGET = 3000;
	/** A shared subdiagram smaller than this is copied into each branch instead of called. */
	static final int SHARE_MIN = 60;
	static final int CALL_COST = 6;
	static final int LEAF_COST = 4;

	private final JavaPlan plan;
	private final boolean typed;
	private final Map<DecisionDiagram.Node, Integer> refs = new IdentityHashMap<>();
	private final Map<DecisionDiagram.Node, String> methods = new LinkedHashMap<>();

	BranchWriter(JavaPlan plan) {
		this.plan = plan;
		this.typed = !plan.keyPacked();
		DecisionDiagram.Node root = plan.diagram.root();
		for (DecisionDiagram.Node n : plan.diagram.nodes()) {
			if (n instanceof DecisionDiagram.Test t) {
				for (DecisionDiagram.Edge e : t.edges()) {
					refs.merge(e.child(), 1, Integer::sum);
				}
			}
		}
		methods.put(root, "decideKey");
		java.util.Set<DecisionDiagram.Node> outlined = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
		outlined.add(root);
		for (DecisionDiagram.Node n : plan.diagram.nodes()) {
			if (!n.isLeaf() && n != root && refs.getOrDefault(n, 0) > 1 && cost(n, outlined, new HashMap<>(), true) >= SHARE_MIN) {
				outlined.add(n);
			}
		}
		// Split methods over the budget: move their largest inline subtree to a method, repeatedly.
		List<DecisionDiagram.Node> work = new ArrayList<>();
		for (DecisionDiagram.Node n : plan.diagram.nodes()) {
			if (outlined.contains(n)) {
				work.add(n);
			}
		}
		for (int i = 0; i < work.size(); i++) {
			DecisionDiagram.Node m = work.get(i);
			while (cost(m, outlined, new HashMap<>(), true) > METHOD_BUDGET) {
				Map<DecisionDiagram.Node, Integer> costs = new HashMap<>();
				cost(m, outlined, costs, true);
				DecisionDiagram.Node biggest = null;
				for (var e : costs.entrySet()) {
					if (e.getKey() != m && !e.getKey().isLeaf() && (biggest == null || e.getValue() > costs.get(biggest)
							|| e.getValue().equals(costs.get(biggest)) && e.getKey().id() < biggest.id())) {
						biggest = e.getKey();
					}
				}
				if (biggest == null) {
					break;
				}
				outlined.add(biggest);
				work.add(biggest);
			}
		}
		int k = 0;
		for (DecisionDiagram.Node n : plan.diagram.nodes()) {
			if (outlined.contains(n) && n != root) {
				methods.put(n, "subtree" + (++k));
			}
		}
	}

	/** Bytecode estimate of a node inline (outlined children cost a call). */
	private int cost(DecisionDiagram.Node n, Set<DecisionDiagram.Node> outlined, Map<DecisionDiagram.Node, Integer> memo,
			boolean top) {
		if (n.isLeaf()) {
			return LEAF_COST;
		}
		if (!top && outlined.contains(n)) {
			return CALL_COST;
		}
		Integer c = memo.get(n);
		if (c != null) {
			return c;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		int sum = 0;
		for (DecisionDiagram.Edge e : t.edges()) {
			sum += testCost(t, e) + cost(e.child(), outlined, memo, false);
		}
		memo.put(n, sum);
		return sum;
	}

	private static int testCost(DecisionDiagram.Test t, DecisionDiagram.Edge e) {
		return t.isBoolean() ? 10 : 4 + 4 * Math.min(3, e.values().size());
	}

	/** The private methods, {@code decideKey} and the subtrees, an empty line between two. */
	String members() {
		List<String> out = new ArrayList<>();
		for (var m : methods.entrySet()) {
			DecisionDiagram.Node n = m.getKey();
			String doc;
			if (m.getValue().equals("decideKey")) {
				doc = "The decision diagram" + (typed ? "." : " over the packed key: bits the decision does not depend on are ignored.");
			} else {
				int r = refs.getOrDefault(n, 0);
				doc = "A part of the decision diagram" + (r > 1 ? " that " + r + " branches share" : "") + ".";
			}
			// Enum codes read in this method.
			List<JavaPlan.FactInfo> reads = new ArrayList<>();
			if (!typed) {
				TreeSet<Integer> enums = new TreeSet<>();
				collectEnums(n, enums, true, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
				for (JavaPlan.FactInfo fi : plan.keyFacts) {
					if (enums.contains(fi.fact)) {
						reads.add(fi);
					}
				}
			}
			out.add(text(JavaBranchTemplate.method(doc, m.getValue(), signature(), reads, node(n, true))));
		}
		return String.join("\n\n", out);
	}

	/** A template's text as a value for another template: without its last line's newline. */
	private static String text(CharSequence template) {
		return TemplateText.lines(template).stripTrailing();
	}

	private void collectEnums(DecisionDiagram.Node n, Set<Integer> out, boolean top, Set<DecisionDiagram.Node> seen) {
		if (n.isLeaf() || !top && methods.containsKey(n) || !seen.add(n)) {
			return;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		if (!t.isBoolean()) {
			out.add(plan.modelFact(t.fact()));
		}
		for (DecisionDiagram.Edge e : t.edges()) {
			collectEnums(e.child(), out, false, seen);
		}
	}

	private String signature() {
		return typed ? plan.parameters(plan.keyFacts) : "long facts";
	}

	String call(String method) {
		return method + "(" + (typed ? plan.arguments(plan.keyFacts) : "facts") + ")";
	}

	/** The statements of a node, relative to their depth. */
	private String node(DecisionDiagram.Node n, boolean top) {
		if (n.isLeaf()) {
			DecisionDiagram.Leaf l = (DecisionDiagram.Leaf) n;
			return text(JavaBranchTemplate.returnValue(plan.outcomeRef(l.outcome())));
		}
		if (!top && methods.containsKey(n)) {
			return text(JavaBranchTemplate.returnValue(call(methods.get(n))));
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		List<DecisionDiagram.Edge> edges = t.edges();
		if (edges.size() == 1) {
			return node(edges.get(0).child(), false);
		}
		JavaPlan.FactInfo fi = plan.info(plan.modelFact(t.fact()));
		if (t.isBoolean()) {
			DecisionDiagram.Node whenTrue = t.child(1);
			DecisionDiagram.Node whenFalse = t.child(0);
			// The smaller branch goes inside the `if`, the larger one continues below it.
			boolean trueInside = size(whenTrue) <= size(whenFalse);
			return text(JavaBranchTemplate.ifBlock(boolTest(fi, trueInside), null,
					node(trueInside ? whenTrue : whenFalse, false), node(trueInside ? whenFalse : whenTrue, false)));
		}
		// The edge with the last value (and any code past it) is the fall-through.
		int last = fi.f.domainSize() - 1;
		DecisionDiagram.Edge rest = null;
		List<DecisionDiagram.Edge> tested = new ArrayList<>();
		for (DecisionDiagram.Edge e : edges) {
			if (e.values().contains(last)) {
				rest = e;
			}
		}
		for (DecisionDiagram.Edge e : edges) {
			if (e != rest) {
				tested.add(e);
			}
		}
		String text = text(JavaBranchTemplate.otherwise(JavaNames.comment(fi.f.name() + ": " + names(fi, rest.values())
				+ (typed || (1 << fi.width) == fi.f.domainSize() ? "" : " or a code past the last value")),
				node(rest.child(), false)));
		for (int i = tested.size() - 1; i >= 0; i--) {
			DecisionDiagram.Edge e = tested.get(i);
			text = text(JavaBranchTemplate.ifBlock(enumTest(fi, e.values()), JavaNames.comment(names(fi, e.values())),
					node(e.child(), false), text));
		}
		return text;
	}

	private final Map<DecisionDiagram.Node, Integer> sizes = new IdentityHashMap<>();

	/** Lines a node takes inline. */
	private int size(DecisionDiagram.Node n) {
		if (n.isLeaf() || methods.containsKey(n)) {
			return 1;
		}
		Integer s = sizes.get(n);
		if (s == null) {
			s = 0;
			for (DecisionDiagram.Edge e : ((DecisionDiagram.Test) n).edges()) {
				s += 2 + size(e.child());
			}
			sizes.put(n, s);
		}
		return s;
	}

	private String boolTest(JavaPlan.FactInfo fi, boolean value) {
		if (typed) {
			return value ? fi.param : "!" + fi.param;
		}
		return "(facts & " + fi.constant + ") " + (value ? "!=" : "==") + " 0";
	}

	private String enumTest(JavaPlan.FactInfo fi, Set<Integer> values) {
		List<String> parts = new ArrayList<>();
		if (typed) {
			for (int v : values) {
				parts.add(fi.param + " == " + fi.enumType + "." + fi.values.get(v));
			}
			return String.join(" || ", parts);
		}
		if (values.size() <= 3) {
			for (int v : values) {
				parts.add(fi.param + " == " + v);
			}
			return String.join(" || ", parts);
		}
		long mask = 0;
		for (int v : values) {
			mask |= 1L << v;
		}
		if (fi.width <= 5) {
			return "(0b" + Long.toBinaryString(mask) + " >>> " + fi.param + " & 1) != 0";
		}
		return "(" + JavaPlan.hex(mask) + " >>> " + fi.param + " & 1) != 0";
	}

	private static String names(JavaPlan.FactInfo fi, Set<Integer> values) {
		List<String> vs = new ArrayList<>();
		for (int v : values) {
			vs.add(fi.f.values().get(v));
		}
		return String.join(", ", vs);
	}
}
