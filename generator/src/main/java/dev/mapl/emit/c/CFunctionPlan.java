package dev.mapl.emit.c;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.TestOrderSearch;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Assumption;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Exprs;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the C emitters need to know about one {@code target c}: the policy's reduced
 * decision diagram over the facts its rules read, the facts the inner function takes (those the
 * diagram tests, in declaration order) and their C names.
 *
 * <p>The diagram is built on a <em>projection</em> of the policy onto the facts its rules read
 * (the <em>read facts</em>): an input of them is possible when some possible input of the policy
 * agrees with it, so assumptions over other facts still make don't-cares, but the code never
 * tests a fact the rules do not read. A read fact the decision does not depend on is not a
 * parameter. The test order is chosen to make the code small ({@link TestOrderSearch}).
 */
public final class CFunctionPlan {

	/** Policies with more inputs than this are projected from their own-fact assumptions only. */
	static final long ENUMERATION_LIMIT = 1 << 20;
	/** At most this many minterms describe an exact projection. */
	static final int MINTERM_LIMIT = 4096;
	/** Variable-order search: at most this many facts, at most this many diagrams built. */
	static final int SIFT_FACTS = 12;
	static final int SIFT_BUDGET = 40;

	private final Model model;
	private final Policy policy;
	private final CTarget target;
	/** The read facts (model indexes, declaration order): the projection's and the diagram's facts. */
	private final List<Integer> read;
	/** The parameters: the read facts the code tests (model indexes, declaration order). */
	private final List<Integer> facts;
	/** Per parameter, its position among the read facts. */
	private final int[] paramPos;
	private final Map<Integer, String> params;
	private final Model projModel;
	private final Policy projPolicy;
	private final boolean exact;
	private final int[] order;
	private final Model orderedModel;
	private final DecisionDiagram code;
	private final DecisionDiagram rules;

	private CFunctionPlan(Model model, Policy policy, CTarget target) {
		this.model = model;
		this.policy = policy;
		this.target = target;
		BitSet readSet = new BitSet();
		for (Rule r : policy.rules()) {
			readSet.or(Exprs.factsOf(r.condition()));
		}
		this.read = readSet.stream().boxed().toList();
		TestOrderSearch orders = new TestOrderSearch(model, policy, read);
		for (int f : read) {
			if (!target.facts().containsKey(f)) {
				throw new CEmitException("fact `" + model.fact(f).name() + "` has no C binding in `target c "
						+ policy.name() + "`");
			}
		}
		for (Rule r : policy.rules()) {
			if (!target.outcomes().containsKey(r.outcome())) {
				throw new CEmitException("outcome `" + model.outcome(r.outcome()).name() + "` has no C value in `target c "
						+ policy.name() + "`");
			}
		}
		Set<String> reserved = new java.util.HashSet<>(target.function().names());
		reserved.add(target.function().name());
		reserved.add(innerName(target));
		reserved.addAll(List.of("i", "decision", "outcome", "desc", "expected", "c", "test", "got", "want"));

		// The projection, in declaration order.
		int n = read.size();
		int[] identity = new int[n];
		for (int i = 0; i < n; i++) {
			identity[i] = i;
		}
		Optional<Expr> projected = project();
		this.exact = projected.isPresent();
		List<Assumption> assumptions = new ArrayList<>();
		if (exact) {
			if (!(projected.get() instanceof Expr.Const c && c.value())) {
				assumptions.add(new Assumption(projected.get(), "", SourceSpan.NONE));
			}
		} else {
			for (Assumption a : policy.assumptions()) {
				BitSet fs = Exprs.factsOf(a.expr());
				if (fs.stream().allMatch(readSet::get)) {
					assumptions.add(new Assumption(TestOrderSearch.remap(a.expr(), read, identity), a.doc(), a.span()));
				}
			}
			// Too big to project exactly: inputs no rule matches are excluded by assumptions over
			// other facts (the analysis found no gap), so they are don't-cares too.
			List<Expr> conditions = new ArrayList<>();
			for (Rule r : policy.rules()) {
				conditions.add(TestOrderSearch.remap(r.condition(), read, identity));
			}
			if (!conditions.isEmpty()) {
				assumptions.add(new Assumption(conditions.size() == 1 ? conditions.get(0)
						: new Expr.Or(conditions, SourceSpan.NONE), "", SourceSpan.NONE));
			}
		}
		this.projModel = orders.build(identity, assumptions);
		this.projPolicy = projModel.policies().get(0);

		// The test order.
		int[] best = orders.search(assumptions, SIFT_FACTS, SIFT_BUDGET);
		this.order = best;
		this.orderedModel = orders.build(best, orders.reorder(assumptions, best));
		PolicyAnalyzer analyzer = new PolicyAnalyzer(orderedModel);
		Policy p = orderedModel.policies().get(0);
		this.code = DecisionDiagram.build(analyzer, p, DecisionDiagram.LeafKind.OUTCOME, true);
		this.rules = DecisionDiagram.build(analyzer, p, DecisionDiagram.LeafKind.RULE, false);
		for (DecisionDiagram.Node node : code.nodes()) {
			if (node instanceof DecisionDiagram.Leaf l && l.kind() == DecisionDiagram.Kind.NONE) {
				throw new CEmitException("policy `" + policy.name() + "` leaves some input undecided; C needs a decision "
						+ "for every input (add an `otherwise` rule)");
			}
			if (node instanceof DecisionDiagram.Leaf l && l.kind() == DecisionDiagram.Kind.IMPOSSIBLE) {
				throw new CEmitException("the assumptions of policy `" + policy.name() + "` exclude every input");
			}
		}
		BitSet tested = new BitSet();
		for (DecisionDiagram.Node node : code.nodes()) {
			if (node instanceof DecisionDiagram.Test t) {
				tested.set(modelFact(t.fact()));
			}
		}
		this.facts = tested.stream().boxed().toList();
		this.paramPos = facts.stream().mapToInt(read::indexOf).toArray();
		this.params = CNames.parameters(facts, facts.stream().map(f -> model.fact(f).name()).toList(), reserved);
	}

	/** Plans the function of one target. */
	public static CFunctionPlan of(Model model, CTarget target) {
		Policy policy = model.policies().stream().filter(p -> p.name().equals(target.policy())).findFirst()
				.orElseThrow(() -> new CEmitException("`target c " + target.policy() + "` names no policy"));
		return new CFunctionPlan(model, policy, target);
	}

	static String innerName(CTarget target) {
		return "__" + target.function().name();
	}

	// ---- accessors

	public Model model() {
		return model;
	}

	public Policy policy() {
		return policy;
	}

	public CTarget target() {
		return target;
	}

	/** The facts the inner function takes, as model indexes in declaration (= parameter) order. */
	public List<Integer> facts() {
		return facts;
	}

	/** The facts the policy's rules read, as model indexes in declaration order. */
	public List<Integer> readFacts() {
		return read;
	}

	/** The parameters' values of an input of the read facts. */
	public int[] toParams(int[] readArgs) {
		int[] out = new int[facts.size()];
		for (int j = 0; j < out.length; j++) {
			out[j] = readArgs[paramPos[j]];
		}
		return out;
	}

	/** The C parameter name of a fact. */
	public String param(int fact) {
		return params.get(fact);
	}

	public String name() {
		return target.function().name();
	}

	public String innerName() {
		return innerName(target);
	}

	/** Whether the projection is exact (else only assumptions over the read facts make don't-cares). */
	public boolean exactProjection() {
		return exact;
	}

	/** The C constant of a value of a fact (an enum value's binding). */
	public String enumConstant(int fact, int value) {
		List<String> vs = target.enumValues().get(fact);
		return vs != null && value < vs.size() ? vs.get(value) : model.fact(fact).values().get(value);
	}

	/** The C value of an outcome. */
	public String outcomeValue(int outcome) {
		String v = target.outcomes().get(outcome);
		if (v == null) {
			throw new CEmitException("outcome `" + model.outcome(outcome).name() + "` has no C value in `target c "
					+ policy.name() + "`");
		}
		return v;
	}

	/** The diagram the code follows: outcome leaves, impossible inputs as don't-cares, facts in test order. */
	DecisionDiagram code() {
		return code;
	}

	/** The same decision with rule leaves and impossible inputs kept: for comments. */
	DecisionDiagram rules() {
		return rules;
	}

	/** The model fact an ordered-model fact index stands for. */
	int modelFact(int orderedFact) {
		return read.get(order[orderedFact]);
	}

	/** The projected (declaration-order) fact index of an ordered-model fact index. */
	int projectedFact(int orderedFact) {
		return order[orderedFact];
	}

	/** The ordered-model fact index of a model fact. */
	int orderedFact(int modelFact) {
		int pos = read.indexOf(modelFact);
		for (int k = 0; k < order.length; k++) {
			if (order[k] == pos) {
				return k;
			}
		}
		throw new IllegalArgumentException("fact " + modelFact + " is not an input of the function");
	}

	int orderedFactCount() {
		return order.length;
	}

	/** The rules of the policy (in the ordered model: same indexes and names). */
	List<Rule> policyRules() {
		return policy.rules();
	}

	/**
	 * The decided outcome for an input of the inner function, given per parameter, as the emitted
	 * code decides it.
	 */
	public int decide(int[] args) {
		int[] readArgs = new int[read.size()];
		for (int j = 0; j < paramPos.length; j++) {
			readArgs[paramPos[j]] = args[j];
		}
		int[] in = new int[order.length];
		for (int k = 0; k < order.length; k++) {
			in[k] = readArgs[order[k]];
		}
		return code.evaluate(in).outcome();
	}

	/** The reference decision of an input of the read facts (the interpreter on the policy's rules). */
	public dev.mapl.interp.Decision reference(int[] readArgs) {
		return new Interpreter(projModel).decide(projPolicy, readArgs);
	}

	/** Whether an input of the read facts can occur. */
	public boolean isPossible(int[] readArgs) {
		return new Interpreter(projModel).isPossible(projPolicy, readArgs);
	}

	/** The number of inputs of the read facts, possible or not (saturating). */
	public long inputSpace() {
		return InputSpace.of(projModel, projPolicy).size();
	}

	/** Every possible input of the read facts, in truth-table order. */
	public List<int[]> possibleInputs(long limit) {
		return InputSpace.of(projModel, projPolicy).possibleInputs(new Interpreter(projModel), projPolicy, limit);
	}

	/** The projected policy (facts = the read facts, in declaration order). */
	Model projectedModel() {
		return projModel;
	}

	Policy projectedPolicy() {
		return projPolicy;
	}

	// ---- the projection

	/**
	 * The possible inputs of the read facts as one expression over projected indexes, or empty
	 * when the policy is too big to enumerate.
	 */
	private Optional<Expr> project() {
		int n = read.size();
		long space = 1;
		for (int f : read) {
			space *= model.fact(f).domainSize();
		}
		InputSpace all = InputSpace.of(model, policy);
		if (all.size() > ENUMERATION_LIMIT || space > ENUMERATION_LIMIT) {
			return Optional.empty();
		}
		BitSet possible = new BitSet();
		Interpreter interpreter = new Interpreter(model);
		all.forEachPossible(interpreter, policy, null, ENUMERATION_LIMIT, in -> {
			long code = 0;
			for (int f : read) {
				code = code * model.fact(f).domainSize() + in[f];
			}
			possible.set((int) code);
			return true;
		});
		int count = possible.cardinality();
		if (count == space) {
			return Optional.of(new Expr.Const(true, SourceSpan.NONE));
		}
		boolean listPossible = count <= space - count;
		if ((listPossible ? count : space - count) > MINTERM_LIMIT) {
			return Optional.empty();
		}
		List<Expr> terms = new ArrayList<>();
		for (int code = 0; code < space; code++) {
			if (possible.get(code) != listPossible) {
				continue;
			}
			List<Expr> lits = new ArrayList<>();
			int rest = code;
			for (int i = n - 1; i >= 0; i--) {
				Fact f = model.fact(read.get(i));
				int v = rest % f.domainSize();
				rest /= f.domainSize();
				lits.add(0, literal(i, f, v));
			}
			Expr minterm = lits.size() == 1 ? lits.get(0) : new Expr.And(lits, SourceSpan.NONE);
			terms.add(listPossible ? minterm : new Expr.Not(minterm, SourceSpan.NONE));
		}
		if (terms.isEmpty()) {
			return Optional.of(new Expr.Const(false, SourceSpan.NONE));
		}
		if (terms.size() == 1) {
			return Optional.of(terms.get(0));
		}
		return Optional.of(listPossible ? new Expr.Or(terms, SourceSpan.NONE) : new Expr.And(terms, SourceSpan.NONE));
	}

	private static Expr literal(int index, Fact f, int v) {
		if (f.isBoolean()) {
			Expr b = new Expr.BoolFact(index, SourceSpan.NONE);
			return v == 1 ? b : new Expr.Not(b, SourceSpan.NONE);
		}
		return new Expr.EnumIn(index, Set.of(v), SourceSpan.NONE);
	}

	@Override
	public String toString() {
		return "CFunctionPlan[" + name() + " for " + policy.name() + ", order " + Arrays.toString(order) + "]";
	}

	/** Rule indexes (policy order) that fire on some possible input in one of the cubes. */
	Set<Integer> rulesIn(List<long[]> cubes) {
		Set<Integer> out = new TreeSet<>();
		for (long[] c : cubes) {
			collectRules(rules.root(), c, out, new IdentityHashMap<>());
		}
		return out;
	}

	private static void collectRules(DecisionDiagram.Node n, long[] cube, Set<Integer> out,
			Map<DecisionDiagram.Node, Boolean> seen) {
		if (seen.put(n, Boolean.TRUE) != null) {
			return;
		}
		if (n instanceof DecisionDiagram.Leaf l) {
			if (l.kind() == DecisionDiagram.Kind.RULE) {
				out.add(l.rule());
			}
			return;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		for (DecisionDiagram.Edge e : t.edges()) {
			for (int v : e.values()) {
				if ((cube[t.fact()] & (1L << v)) != 0) {
					collectRules(e.child(), cube, out, seen);
					break;
				}
			}
		}
	}

	/** The cube of every input of the read facts (over ordered facts). */
	long[] fullCube() {
		long[] c = new long[order.length];
		for (int k = 0; k < order.length; k++) {
			c[k] = (1L << orderedModel.fact(k).domainSize()) - 1;
		}
		return c;
	}

	Model orderedModel() {
		return orderedModel;
	}
}
