package dev.mapl.emit.c;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.ir.Fact;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The body of the inner function as nested tests, one per node of the reduced decision diagram
 * (a node reached on several paths is written on each): {@code if} for a boolean fact or a
 * two-way enum test, {@code switch} for an enum test with more branches. Tests chain into one
 * condition ({@code a && !b}, {@code a || b}) where the branches allow it. Every path ends in a
 * {@code return} whose comment names the rules that decide there; there is no {@code else} after
 * a {@code return}.
 *
 * <p>An enum parameter holding none of its constants takes the branch of the enum's last value
 * at every test: that branch is always the one an {@code if} falls through to, or the
 * {@code default} of a {@code switch}.
 */
final class BranchEmitter {

	/** Literals joined into one condition at most. */
	private static final int MAX_LITERALS = 4;

	private final CFunctionPlan plan;
	private final Map<DecisionDiagram.Node, Integer> sizes = new IdentityHashMap<>();

	BranchEmitter(CFunctionPlan plan) {
		this.plan = plan;
	}

	/** Control statements nest at most this deep; deeper tests go to a helper function. */
	static final int MAX_LEVEL = 4;

	/** A subtree split off into its own function, to keep the nesting shallow. */
	private static final class Helper {
		final String name;
		final DecisionDiagram.Node node;
		final List<Integer> facts;
		final List<Helper> uses = new ArrayList<>();
		String code;

		Helper(String name, DecisionDiagram.Node node, List<Integer> facts) {
			this.name = name;
			this.node = node;
			this.facts = facts;
		}
	}

	private final Map<DecisionDiagram.Node, Helper> helpers = new IdentityHashMap<>();
	private final List<Helper> helperOrder = new ArrayList<>();
	private Helper current;

	private String body;
	private final List<String> helperTexts = new ArrayList<>();

	/** The statements of the inner function, relative to its body's depth. */
	String body() {
		plan();
		return body;
	}

	/** The helper functions the body calls, dependencies first, each ending with its {@code }}. */
	List<String> helpers() {
		plan();
		return helperTexts;
	}

	private void plan() {
		if (body != null) {
			return;
		}
		List<long[]> all = new ArrayList<>();
		all.add(plan.fullCube());
		body = emit(plan.code().root(), all, 1);
		List<Helper> done = new ArrayList<>();
		// Dependencies first.
		for (Helper h : helperOrder) {
			emitHelper(h, done);
		}
	}

	private void emitHelper(Helper h, List<Helper> done) {
		if (done.contains(h)) {
			return;
		}
		done.add(h);
		for (Helper u : h.uses) {
			emitHelper(u, done);
		}
		String comment = KernelLayout.comment(0, "/*", List.of("A part of " + plan.innerName()
				+ "(), split off to keep the nesting shallow."));
		List<String> params = new ArrayList<>();
		for (int f : h.facts) {
			params.add((plan.model().fact(f).isBoolean() ? "bool " : "u8 ") + plan.param(f));
		}
		String rt = plan.target().function().returnType();
		String signature = KernelLayout.signature(0, "static inline " + (rt.endsWith("*") ? rt : rt + " "), h.name,
				params);
		helperTexts.add(BranchTemplate.function(comment, signature, h.code).toString());
	}

	/** The name and the arguments of the helper for a node, created on first use. */
	private List<String> helperCall(DecisionDiagram.Node n) {
		Helper h = helpers.get(n);
		if (h == null) {
			java.util.BitSet fs = new java.util.BitSet();
			testedFacts(n, fs, new IdentityHashMap<>());
			h = new Helper(plan.innerName() + "_" + (helperOrder.size() + 1), n, fs.stream().boxed().toList());
			helpers.put(n, h);
			helperOrder.add(h);
			Helper outer = current;
			current = h;
			h.code = emit(n, pathsTo(n), 1);
			current = outer;
		}
		if (current != null && !current.uses.contains(h)) {
			current.uses.add(h);
		}
		List<String> call = new ArrayList<>();
		call.add(h.name);
		for (int f : h.facts) {
			call.add(plan.param(f));
		}
		return call;
	}

	private void testedFacts(DecisionDiagram.Node n, java.util.BitSet out, Map<DecisionDiagram.Node, Boolean> seen) {
		if (n.isLeaf() || seen.put(n, Boolean.TRUE) != null) {
			return;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		out.set(plan.modelFact(t.fact()));
		for (DecisionDiagram.Edge e : t.edges()) {
			testedFacts(e.child(), out, seen);
		}
	}

	/** The cubes of every path from the root to a node (the full cube when there are too many). */
	private List<long[]> pathsTo(DecisionDiagram.Node target) {
		List<long[]> out = new ArrayList<>();
		if (!collectPaths(plan.code().root(), target, plan.fullCube(), out)) {
			out.clear();
			out.add(plan.fullCube());
		}
		return out;
	}

	private boolean collectPaths(DecisionDiagram.Node n, DecisionDiagram.Node target, long[] cube, List<long[]> out) {
		if (out.size() > 256) {
			return false;
		}
		if (n == target) {
			out.add(cube.clone());
			return true;
		}
		if (n.isLeaf()) {
			return true;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		for (DecisionDiagram.Edge e : t.edges()) {
			long[] c = cube.clone();
			long mask = 0;
			for (int v : e.values()) {
				mask |= 1L << v;
			}
			c[t.fact()] &= mask;
			if (!collectPaths(e.child(), target, c, out)) {
				return false;
			}
		}
		return true;
	}

	// ---- conditions

	/** {@code fact in values} over an ordered fact. */
	private record Lit(int fact, SortedSet<Integer> values) {
	}

	private sealed interface Cond permits LitCond, AndCond, OrCond {
	}

	private record LitCond(Lit lit) implements Cond {
	}

	private record AndCond(Cond left, Cond right) implements Cond {
	}

	private record OrCond(Cond left, Cond right) implements Cond {
	}

	private static int literals(Cond c) {
		if (c instanceof AndCond a) {
			return literals(a.left()) + literals(a.right());
		} else if (c instanceof OrCond o) {
			return literals(o.left()) + literals(o.right());
		}
		return 1;
	}

	// ---- emission

	/** The statements deciding node {@code n}, {@code depth} tabs deep (text relative to that depth). */
	private String emit(DecisionDiagram.Node n, List<long[]> ctx, int depth) {
		if (n instanceof DecisionDiagram.Leaf l) {
			return ret(l, ctx, depth);
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		if (depth > MAX_LEVEL) {
			List<String> call = helperCall(n);
			return KernelLayout.list(depth, "return " + call.get(0) + "(", call.subList(1, call.size()), ",", ");");
		}
		if (t.edges().size() > 2) {
			return emitSwitch(t, ctx, depth);
		}
		// if (cond) { x } y: of the two ways round, the one whose branch is a plain return, then the
		// one that tests the earlier rules first, then the smaller branch.
		Chain chain = null;
		for (DecisionDiagram.Edge inside : insideCandidates(t)) {
			Chain c = chain(t, inside, ctx);
			if (chain == null || c.better(chain)) {
				chain = c;
			}
		}
		Cond cond = chain.cond;
		DecisionDiagram.Node x = chain.x;
		DecisionDiagram.Node y = chain.y;
		List<long[]> yes = chain.yes;
		List<long[]> no = chain.no;
		List<String> tokens = new ArrayList<>();
		tokens(cond, 0, tokens);
		String head = KernelLayout.list(depth, "if (", tokens, "", ")");
		if (x instanceof DecisionDiagram.Leaf leaf) {
			String retLine = returnLine(leaf);
			String comment = comment(yes);
			String oneLine = retLine + (comment.isEmpty() ? "" : " /* " + comment + " */");
			if (!comment.isEmpty() && KernelLayout.width(KernelLayout.tabs(depth + 1) + oneLine) > KernelLayout.MAX) {
				return BranchTemplate.ifReturn(KernelLayout.shortComment(depth, comment), head, retLine,
						emit(y, no, depth)).toString();
			}
			return BranchTemplate.ifReturn(null, head, oneLine, emit(y, no, depth)).toString();
		}
		String inside = emit(x, yes, depth + 1);
		return BranchTemplate.ifBlock(head, inside, emit(y, no, depth)).toString();
	}

	private String emitSwitch(DecisionDiagram.Test t, List<long[]> ctx, int depth) {
		Fact fact = plan.orderedModel().fact(t.fact());
		int last = fact.domainSize() - 1;
		int modelFact = plan.modelFact(t.fact());
		List<DecisionDiagram.Edge> edges = new ArrayList<>();
		DecisionDiagram.Edge fallback = null;
		for (DecisionDiagram.Edge e : t.edges()) {
			if (e.values().contains(last)) {
				fallback = e;
			} else {
				edges.add(e);
			}
		}
		edges.add(fallback);
		List<List<String>> labels = new ArrayList<>();
		List<String> bodies = new ArrayList<>();
		for (DecisionDiagram.Edge e : edges) {
			List<String> ls = new ArrayList<>();
			for (int v : e.values()) {
				ls.add("case " + plan.enumConstant(modelFact, v) + ":");
			}
			if (e == fallback) {
				ls.add("default:");
			}
			labels.add(ls);
			bodies.add(emit(e.child(), restrict(ctx, t.fact(), e.values()), depth + 1));
		}
		return BranchTemplate.switchStatement(plan.param(modelFact), labels, bodies).toString();
	}

	/** {@code return VALUE; /* rules *&#47;}. */
	private String ret(DecisionDiagram.Leaf l, List<long[]> ctx, int depth) {
		String line = returnLine(l);
		String comment = comment(ctx);
		if (comment.isEmpty()) {
			return line + "\n";
		}
		String one = line + " /* " + comment + " */";
		if (KernelLayout.width(KernelLayout.tabs(depth) + one) <= KernelLayout.MAX) {
			return one + "\n";
		}
		return KernelLayout.shortComment(depth, comment) + "\n" + line + "\n";
	}

	private String returnLine(DecisionDiagram.Leaf l) {
		if (l.kind() != DecisionDiagram.Kind.OUTCOME) {
			throw new CEmitException("policy `" + plan.policy().name() + "` has inputs without a decision");
		}
		return "return " + plan.outcomeValue(l.outcome()) + ";";
	}

	/** The rules deciding in a region, for a comment: {@code exec_device}, {@code a, b and 3 more}. */
	private String comment(List<long[]> ctx) {
		Set<Integer> rs = plan.rulesIn(ctx);
		List<String> names = new ArrayList<>();
		for (int r : rs) {
			names.add(MaplText.ruleName(plan.policyRules().get(r)));
		}
		int max = 4;
		if (names.size() > max) {
			int more = names.size() - (max - 1);
			return KernelLayout.commentText(String.join(", ", names.subList(0, max - 1)) + " and " + more + " more");
		}
		return KernelLayout.commentText(String.join(", ", names));
	}

	// ---- choosing and chaining branches

	/** A condition, the branch it guards and the rest, with the regions of both. */
	private final class Chain {
		Cond cond;
		DecisionDiagram.Node x;
		DecisionDiagram.Node y;
		List<long[]> yes = new ArrayList<>();
		List<long[]> no = new ArrayList<>();
		int firstRule;
		int restRule;
		boolean positive;

		boolean better(Chain o) {
			if (x.isLeaf() != o.x.isLeaf()) {
				return x.isLeaf();
			}
			boolean inOrder = firstRule <= restRule;
			boolean otherInOrder = o.firstRule <= o.restRule;
			if (inOrder != otherInOrder) {
				return inOrder;
			}
			if (size(x) != size(o.x)) {
				return size(x) < size(o.x);
			}
			return positive && !o.positive;
		}
	}

	/**
	 * The edges that may be written inside the {@code if}: for an enum, never the one holding the
	 * last value (out-of-range values fall through to it); for a boolean, either.
	 */
	private List<DecisionDiagram.Edge> insideCandidates(DecisionDiagram.Test t) {
		DecisionDiagram.Edge e0 = t.edges().get(0);
		DecisionDiagram.Edge e1 = t.edges().get(1);
		if (!t.isBoolean()) {
			int last = plan.orderedModel().fact(t.fact()).domainSize() - 1;
			return List.of(e0.values().contains(last) ? e1 : e0);
		}
		DecisionDiagram.Edge yes = e0.values().contains(1) ? e0 : e1;
		return List.of(yes, yes == e0 ? e1 : e0);
	}

	/** {@code if (lit) x; y}, extended while the branches allow joining the next test. */
	private Chain chain(DecisionDiagram.Test t, DecisionDiagram.Edge inside, List<long[]> ctx) {
		DecisionDiagram.Edge outside = t.edges().get(0) == inside ? t.edges().get(1) : t.edges().get(0);
		Chain c = new Chain();
		c.cond = new LitCond(new Lit(t.fact(), inside.values()));
		c.positive = !t.isBoolean() || inside.values().contains(1);
		c.x = inside.child();
		c.y = outside.child();
		while (literals(c.cond) < MAX_LITERALS) {
			// if (c) X; else if (d) X; Y  =>  if (c || d) X; Y
			Lit or = c.y instanceof DecisionDiagram.Test m ? edgeTo(m, c.x) : null;
			if (or != null) {
				c.cond = new OrCond(c.cond, new LitCond(or));
				c.y = other((DecisionDiagram.Test) c.y, c.x);
				continue;
			}
			// if (c) { if (d) Z; Y } Y  =>  if (c && d) Z; Y
			Lit and = c.x instanceof DecisionDiagram.Test m ? edgeAway(m, c.y) : null;
			if (and != null) {
				c.cond = new AndCond(c.cond, new LitCond(and));
				c.x = other((DecisionDiagram.Test) c.x, c.y);
				continue;
			}
			break;
		}
		split(c.cond, ctx, c.yes, c.no);
		c.firstRule = firstRule(c.yes);
		c.restRule = firstRule(c.no);
		return c;
	}

	private int firstRule(List<long[]> region) {
		Set<Integer> rs = plan.rulesIn(region);
		return rs.isEmpty() ? Integer.MAX_VALUE : rs.iterator().next();
	}

	/** The literal of m's edge leading to {@code target} when m is a two-way test and that edge may be a condition. */
	private Lit edgeTo(DecisionDiagram.Test m, DecisionDiagram.Node target) {
		if (m.edges().size() != 2) {
			return null;
		}
		for (DecisionDiagram.Edge e : m.edges()) {
			if (e.child() == target && conditionable(m, e)) {
				return new Lit(m.fact(), e.values());
			}
		}
		return null;
	}

	/** The literal of m's edge not leading to {@code away}, when its other edge does. */
	private Lit edgeAway(DecisionDiagram.Test m, DecisionDiagram.Node away) {
		if (m.edges().size() != 2) {
			return null;
		}
		DecisionDiagram.Edge e0 = m.edges().get(0);
		DecisionDiagram.Edge e1 = m.edges().get(1);
		if (e0.child() == away && conditionable(m, e1)) {
			return new Lit(m.fact(), e1.values());
		}
		if (e1.child() == away && conditionable(m, e0)) {
			return new Lit(m.fact(), e0.values());
		}
		return null;
	}

	/** An enum edge may be a condition only when it does not hold the last value. */
	private boolean conditionable(DecisionDiagram.Test m, DecisionDiagram.Edge e) {
		if (m.isBoolean()) {
			return true;
		}
		return !e.values().contains(plan.orderedModel().fact(m.fact()).domainSize() - 1);
	}

	private static DecisionDiagram.Node other(DecisionDiagram.Test m, DecisionDiagram.Node not) {
		for (DecisionDiagram.Edge e : m.edges()) {
			if (e.child() != not) {
				return e.child();
			}
		}
		throw new IllegalStateException("both edges lead to the same node");
	}

	/** Unfolded tree size: tests below and at a node. */
	private int size(DecisionDiagram.Node n) {
		if (n.isLeaf()) {
			return 0;
		}
		Integer s = sizes.get(n);
		if (s == null) {
			long total = 1;
			for (DecisionDiagram.Edge e : ((DecisionDiagram.Test) n).edges()) {
				total += size(e.child());
			}
			s = (int) Math.min(Integer.MAX_VALUE / 4, total);
			sizes.put(n, s);
		}
		return s;
	}

	// ---- regions of conditions, for comments

	private static List<long[]> restrict(List<long[]> ctx, int fact, Set<Integer> values) {
		long mask = 0;
		for (int v : values) {
			mask |= 1L << v;
		}
		List<long[]> out = new ArrayList<>();
		for (long[] c : ctx) {
			if ((c[fact] & mask) != 0) {
				long[] x = c.clone();
				x[fact] &= mask;
				out.add(x);
			}
		}
		return out;
	}

	private static List<long[]> restrictNot(List<long[]> ctx, int fact, Set<Integer> values) {
		long mask = 0;
		for (int v : values) {
			mask |= 1L << v;
		}
		List<long[]> out = new ArrayList<>();
		for (long[] c : ctx) {
			if ((c[fact] & ~mask) != 0) {
				long[] x = c.clone();
				x[fact] &= ~mask;
				out.add(x);
			}
		}
		return out;
	}

	/** Splits a region into the cubes where a condition holds and where it does not. */
	private static void split(Cond c, List<long[]> ctx, List<long[]> yes, List<long[]> no) {
		if (c instanceof LitCond l) {
			yes.addAll(restrict(ctx, l.lit().fact(), l.lit().values()));
			no.addAll(restrictNot(ctx, l.lit().fact(), l.lit().values()));
		} else if (c instanceof OrCond o) {
			List<long[]> ly = new ArrayList<>();
			List<long[]> ln = new ArrayList<>();
			split(o.left(), ctx, ly, ln);
			yes.addAll(ly);
			split(o.right(), ln, yes, no);
		} else if (c instanceof AndCond a) {
			List<long[]> ly = new ArrayList<>();
			List<long[]> ln = new ArrayList<>();
			split(a.left(), ctx, ly, ln);
			no.addAll(ln);
			split(a.right(), ly, yes, no);
		}
	}

	// ---- rendering conditions

	/** 0 top level, 1 inside ||, 2 inside &&. */
	private void tokens(Cond c, int context, List<String> out) {
		if (c instanceof LitCond l) {
			List<String> parts = literal(l.lit());
			if (parts.size() > 1 && context == 2) {
				List<String> inner = new ArrayList<>();
				for (int i = 0; i < parts.size(); i++) {
					inner.add(parts.get(i) + (i < parts.size() - 1 ? " ||" : ""));
				}
				out.add("(" + String.join(" ", inner) + ")");
			} else {
				for (int i = 0; i < parts.size(); i++) {
					out.add(parts.get(i) + (i < parts.size() - 1 ? " ||" : ""));
				}
			}
		} else if (c instanceof OrCond o) {
			List<String> inner = new ArrayList<>();
			tokens(o.left(), 1, inner);
			appendOp(inner, " ||");
			tokens(o.right(), 1, inner);
			wrap(inner, context == 2, out);
		} else if (c instanceof AndCond a) {
			List<String> inner = new ArrayList<>();
			tokens(a.left(), 2, inner);
			appendOp(inner, " &&");
			tokens(a.right(), 2, inner);
			wrap(inner, context == 1, out);
		}
	}

	private static void appendOp(List<String> tokens, String op) {
		tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + op);
	}

	private static void wrap(List<String> inner, boolean parens, List<String> out) {
		if (!parens) {
			out.addAll(inner);
			return;
		}
		out.add("(" + String.join(" ", inner) + ")");
	}

	/** {@code vm_pfnmap}, {@code !vm_pfnmap}, or {@code prot == A}, {@code prot == B} (to be joined by ||). */
	private List<String> literal(Lit l) {
		Fact f = plan.orderedModel().fact(l.fact());
		int modelFact = plan.modelFact(l.fact());
		String name = plan.param(modelFact);
		List<String> out = new ArrayList<>();
		if (f.isBoolean()) {
			out.add(l.values().contains(1) ? name : "!" + name);
			return out;
		}
		for (int v : new TreeSet<>(l.values())) {
			out.add(name + " == " + plan.enumConstant(modelFact, v));
		}
		return out;
	}
}
