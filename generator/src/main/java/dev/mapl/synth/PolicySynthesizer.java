package dev.mapl.synth;

import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Exprs;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Invariant;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Seeded random models for property tests, backend tests and benchmarks. The same {@link Spec}
 * always yields the same model, on every JVM (the generator is {@link SplittableRandom}).
 *
 * <p>A synthesized model has {@code factCount} boolean facts {@code f0..} and {@code enumCount}
 * enum facts {@code e0..} (with 3, 4, 5, 3, ... values {@code V0..}) interleaved among them,
 * {@code outcomeCount} outcomes {@code O0..} (even ones carry attribute {@code a0}, every third
 * one {@code a1}) and one policy {@code synth} whose rules are conjunctions of 1 to
 * {@code maxLiterals} literals over distinct facts, optionally guarded, optionally ending with
 * {@code otherwise}. With {@code exclusive}, the rules are instead the leaves of a random decision
 * tree (mutually exclusive, as a {@code unique} policy should be); with a {@code window} as well,
 * the tree tests facts in declaration order along every path. Assumptions, invariants and
 * tests are random too; about half the tests expect what the policy decides at a random input.
 * Every element has its own line of the virtual file {@code synth.mapl}.
 */
public final class PolicySynthesizer {

	public static final String FILE = "synth.mapl";

	/**
	 * What to synthesize.
	 *
	 * @param factCount        boolean facts
	 * @param enumCount        enum facts
	 * @param ruleCount        rules (the {@code otherwise} rule not counted)
	 * @param maxLiterals      literals per rule: 1 to this many
	 * @param outcomeCount     outcomes (at least 1)
	 * @param assumptionCount  policy assumptions
	 * @param invariantCount   invariants
	 * @param testCount        inline tests
	 * @param guardProbability chance that a rule gets an {@code if} guard
	 * @param otherwise        whether the policy ends with {@code otherwise -> O<last>}
	 * @param exclusive        rules from a random decision tree: pairwise exclusive
	 * @param window           0: a rule's facts are drawn from all facts; {@code w > 0}: from a
	 *                         window of {@code w} consecutive facts (in declaration order) around a
	 *                         random centre, as when facts are declared grouped by concern and each
	 *                         rule is about one concern
	 */
	public record Spec(int factCount, int enumCount, int ruleCount, HitPolicy hitPolicy, long seed,
			int maxLiterals, int outcomeCount, int assumptionCount, int invariantCount, int testCount,
			double guardProbability, boolean otherwise, boolean exclusive, int window) {

		public Spec {
			if (factCount + enumCount <= 0 || ruleCount < 0 || maxLiterals < 1 || outcomeCount < 1 || window < 0) {
				throw new IllegalArgumentException("bad spec " + this);
			}
		}

		/** A spec with rules over all facts ({@code window} 0). */
		public Spec(int factCount, int enumCount, int ruleCount, HitPolicy hitPolicy, long seed, int maxLiterals,
				int outcomeCount, int assumptionCount, int invariantCount, int testCount, double guardProbability,
				boolean otherwise, boolean exclusive) {
			this(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount, assumptionCount,
					invariantCount, testCount, guardProbability, otherwise, exclusive, 0);
		}

		public Spec withWindow(int w) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, testCount, guardProbability, otherwise, exclusive, w);
		}

		/** Defaults: up to 4 literals, 4 outcomes, 2 assumptions, 1 invariant, 2 tests, 10% guards. */
		public static Spec of(int factCount, int enumCount, int ruleCount, HitPolicy hitPolicy, long seed) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, 4, 4, 2, 1, 2, 0.1, false, false);
		}

		public Spec withSeed(long s) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, s, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, testCount, guardProbability, otherwise, exclusive, window);
		}

		public Spec withHitPolicy(HitPolicy h) {
			return new Spec(factCount, enumCount, ruleCount, h, seed, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, testCount, guardProbability, otherwise, exclusive, window);
		}

		public Spec withMaxLiterals(int n) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, n, outcomeCount,
					assumptionCount, invariantCount, testCount, guardProbability, otherwise, exclusive, window);
		}

		public Spec withOutcomes(int n) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, n,
					assumptionCount, invariantCount, testCount, guardProbability, otherwise, exclusive, window);
		}

		public Spec withAssumptions(int n) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					n, invariantCount, testCount, guardProbability, otherwise, exclusive, window);
		}

		public Spec withInvariants(int n) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					assumptionCount, n, testCount, guardProbability, otherwise, exclusive, window);
		}

		public Spec withTests(int n) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, n, guardProbability, otherwise, exclusive, window);
		}

		public Spec withGuards(double p) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, testCount, p, otherwise, exclusive, window);
		}

		public Spec withOtherwise(boolean o) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, testCount, guardProbability, o, exclusive, window);
		}

		public Spec withExclusive(boolean e) {
			return new Spec(factCount, enumCount, ruleCount, hitPolicy, seed, maxLiterals, outcomeCount,
					assumptionCount, invariantCount, testCount, guardProbability, otherwise, e, window);
		}
	}

	private PolicySynthesizer() {
	}

	/** The facts of a spec: they depend only on {@code factCount} and {@code enumCount}. */
	public static List<Fact> facts(int factCount, int enumCount) {
		List<Fact> facts = new ArrayList<>();
		int total = factCount + enumCount;
		int b = 0;
		int e = 0;
		int line = 0;
		for (int i = 0; i < total; i++) {
			// enum k sits after roughly (k + 1) / (enumCount + 1) of the booleans
			boolean enumHere = e < enumCount && (b >= (long) (e + 1) * factCount / (enumCount + 1) || b == factCount);
			line++;
			if (enumHere) {
				int size = 3 + e % 3;
				List<String> values = new ArrayList<>();
				for (int v = 0; v < size; v++) {
					values.add("V" + v);
				}
				facts.add(new Fact("e" + e, values, "", span(line)));
				e++;
			} else {
				facts.add(new Fact("f" + b, List.of(), "", span(line)));
				b++;
			}
		}
		return facts;
	}

	/** The outcomes of a spec. */
	public static List<Outcome> outcomes(int count, int firstLine) {
		List<Outcome> out = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<String> attrs = new ArrayList<>();
			if (i % 2 == 0) {
				attrs.add("a0");
			}
			if (i % 3 == 0) {
				attrs.add("a1");
			}
			out.add(new Outcome(i, "O" + i, attrs, "", span(firstLine + i)));
		}
		return out;
	}

	static SourceSpan span(int line) {
		return new SourceSpan(FILE, line * 100, 10, line, 1);
	}

	/** A model with one policy, {@code synth}, as the spec says. */
	public static Model synthesize(Spec spec) {
		return new Generator(spec).model();
	}

	/**
	 * A copy of a synthesized model whose first policy has {@code edits} random changes (an outcome
	 * changed, a literal dropped, or a rule added), for diff tests. Facts and outcomes are kept.
	 */
	public static Model mutate(Model model, long seed, int edits) {
		SplittableRandom rnd = new SplittableRandom(seed);
		Policy p = model.policies().get(0);
		List<Rule> rules = new ArrayList<>(p.rules());
		Generator g = new Generator(null, model.facts(), rnd);
		for (int k = 0; k < edits; k++) {
			int kind = rules.isEmpty() ? 2 : rnd.nextInt(3);
			if (kind == 0) {
				int j = rnd.nextInt(rules.size());
				Rule r = rules.get(j);
				rules.set(j, new Rule(r.index(), r.name(), r.labelled(), r.otherwise(), r.when(), r.guard(),
						rnd.nextInt(model.outcomes().size()), r.doc(), r.span()));
			} else if (kind == 1) {
				int j = rnd.nextInt(rules.size());
				Rule r = rules.get(j);
				if (r.when() instanceof Expr.And a && a.operands().size() > 1) {
					List<Expr> ops = new ArrayList<>(a.operands());
					ops.remove(rnd.nextInt(ops.size()));
					rules.set(j, new Rule(r.index(), r.name(), r.labelled(), r.otherwise(),
							new Expr.And(ops, r.when().span()), r.guard(), r.outcome(), r.doc(), r.span()));
				}
			} else {
				int at = rnd.nextInt(rules.size() + 1);
				// A fresh line after everything else keeps spans unique.
				SourceSpan s = span(maxLine(model) + 1 + k);
				rules.add(at, new Rule(0, "m" + k, true, false, g.conjunction(2, new BitSet()), Optional.empty(),
						rnd.nextInt(model.outcomes().size()), "", s));
			}
		}
		List<Rule> renumbered = new ArrayList<>();
		for (int j = 0; j < rules.size(); j++) {
			Rule r = rules.get(j);
			renumbered.add(new Rule(j, r.name(), r.labelled(), r.otherwise(), r.when(), r.guard(), r.outcome(),
					r.doc(), r.span()));
		}
		Policy q = new Policy(p.name(), p.hitPolicy(), inputsOf(p.assumptions(), renumbered, p.invariants(), p.tests()),
				p.assumptions(), renumbered, p.invariants(), p.tests(), p.doc(), p.span());
		List<Policy> policies = new ArrayList<>(model.policies());
		policies.set(0, q);
		return new Model(model.facts(), model.outcomes(), model.assumptions(), policies);
	}

	private static int maxLine(Model model) {
		int max = 0;
		for (Policy p : model.policies()) {
			max = Math.max(max, p.span().line());
			for (Rule r : p.rules()) {
				max = Math.max(max, r.span().line());
			}
			for (Invariant i : p.invariants()) {
				max = Math.max(max, i.span().line());
			}
			for (PolicyTest t : p.tests()) {
				max = Math.max(max, t.span().line());
			}
			for (Assumption a : p.assumptions()) {
				max = Math.max(max, a.span().line());
			}
		}
		return max;
	}

	/** The sorted facts the parts of a policy name. */
	public static List<Integer> inputsOf(List<Assumption> assumptions, List<Rule> rules,
			List<Invariant> invariants, List<PolicyTest> tests) {
		BitSet used = new BitSet();
		assumptions.forEach(a -> used.or(Exprs.factsOf(a.expr())));
		rules.forEach(r -> used.or(Exprs.factsOf(r.condition())));
		invariants.forEach(i -> used.or(Exprs.factsOf(i.expr())));
		tests.forEach(t -> t.literals().forEach(l -> used.set(l.fact())));
		return used.stream().boxed().toList();
	}

	private static final class Generator {
		private final Spec spec;
		private final List<Fact> facts;
		private final SplittableRandom rnd;
		private int line;

		Generator(Spec spec) {
			this(spec, facts(spec.factCount(), spec.enumCount()), new SplittableRandom(spec.seed()));
		}

		Generator(Spec spec, List<Fact> facts, SplittableRandom rnd) {
			this.spec = spec;
			this.facts = facts;
			this.rnd = rnd;
			this.line = facts.size();
		}

		private SourceSpan next() {
			return span(++line);
		}

		Model model() {
			List<Outcome> outcomes = outcomes(spec.outcomeCount(), line + 1);
			line += outcomes.size();
			SourceSpan policySpan = next();
			List<Assumption> assumptions = new ArrayList<>();
			for (int i = 0; i < spec.assumptionCount(); i++) {
				assumptions.add(new Assumption(assumption(), "", next()));
			}
			List<Rule> rules = spec.exclusive() ? treeRules() : randomRules();
			if (spec.otherwise()) {
				SourceSpan s = next();
				rules.add(new Rule(rules.size(), "line " + s.line(), false, true, new Expr.Const(true, s),
						Optional.empty(), spec.outcomeCount() - 1, "", s));
			}
			List<Invariant> invariants = new ArrayList<>();
			for (int i = 0; i < spec.invariantCount(); i++) {
				invariants.add(new Invariant("inv" + i, invariant(), "", next()));
			}
			Policy draft = new Policy("synth", spec.hitPolicy(), inputsOf(assumptions, rules, invariants, List.of()),
					assumptions, rules, invariants, List.of(), "", policySpan);
			Model draftModel = new Model(facts, outcomes, List.of(), List.of(draft));
			Interpreter interp = new Interpreter(draftModel);
			List<PolicyTest> tests = new ArrayList<>();
			for (int i = 0; i < spec.testCount(); i++) {
				tests.add(test(i, draft, interp));
			}
			Policy policy = new Policy("synth", spec.hitPolicy(), inputsOf(assumptions, rules, invariants, tests),
					assumptions, rules, invariants, tests, "", policySpan);
			return new Model(facts, outcomes, List.of(), List.of(policy));
		}

		private Rule rule(int j, Expr when, Optional<Expr> guard, int outcome) {
			SourceSpan s = next();
			boolean labelled = rnd.nextInt(10) < 7;
			return new Rule(j, labelled ? "r" + (j + 1) : "line " + s.line(), labelled, false, when, guard, outcome,
					"", s);
		}

		private List<Rule> randomRules() {
			List<Rule> rules = new ArrayList<>();
			for (int j = 0; j < spec.ruleCount(); j++) {
				newElement();
				BitSet used = new BitSet();
				Expr when = conjunction(1 + rnd.nextInt(spec.maxLiterals()), used);
				Optional<Expr> guard = Optional.empty();
				if (rnd.nextDouble() < spec.guardProbability()) {
					guard = Optional.of(rnd.nextBoolean() ? literal(pickFact(used))
							: new Expr.Or(List.of(literal(pickFact(used)), literal(pickFact(used))), SourceSpan.NONE));
				}
				rules.add(rule(j, when, guard, rnd.nextInt(spec.outcomeCount())));
			}
			return rules;
		}

		/** Leaves of a random decision tree, in depth-first order. */
		private List<Rule> treeRules() {
			record Leaf(List<Expr> lits, BitSet used) {
			}
			List<Leaf> leaves = new ArrayList<>();
			leaves.add(new Leaf(List.of(), new BitSet()));
			int stuck = 0;
			while (leaves.size() < Math.max(1, spec.ruleCount()) && stuck < 1000) {
				int i = rnd.nextInt(leaves.size());
				if (spec.window() > 0) {
					// Ordered trees: pick among the leaves that can still be split.
					List<Integer> open = new ArrayList<>();
					for (int x = 0; x < leaves.size(); x++) {
						if (leaves.get(x).used().length() < facts.size()) {
							open.add(x);
						}
					}
					if (open.isEmpty()) {
						break;
					}
					i = open.get(rnd.nextInt(open.size()));
				}
				Leaf leaf = leaves.get(i);
				if (leaf.used().cardinality() >= facts.size()) {
					stuck++;
					continue;
				}
				int f;
				if (spec.window() > 0) {
					// Ordered tree: along each path, facts are split in declaration order, each close
					// after the previous one (within a quarter of the window).
					int last = leaf.used().length() - 1;
					int lo = last + 1;
					int hi = Math.min(facts.size(), last + 1 + Math.max(1, spec.window() / 4));
					if (lo >= hi) {
						stuck++;
						continue;
					}
					f = lo + rnd.nextInt(hi - lo);
				} else {
					f = pickFact(leaf.used());
				}
				BitSet used = (BitSet) leaf.used().clone();
				used.set(f);
				Fact fact = facts.get(f);
				Expr a;
				Expr b;
				if (fact.isBoolean()) {
					a = new Expr.Not(new Expr.BoolFact(f, SourceSpan.NONE), SourceSpan.NONE);
					b = new Expr.BoolFact(f, SourceSpan.NONE);
				} else {
					Set<Integer> left = new TreeSet<>();
					Set<Integer> right = new TreeSet<>();
					int cut = 1 + rnd.nextInt(fact.domainSize() - 1);
					for (int v = 0; v < fact.domainSize(); v++) {
						(v < cut ? left : right).add(v);
					}
					a = new Expr.EnumIn(f, left, SourceSpan.NONE);
					b = new Expr.EnumIn(f, right, SourceSpan.NONE);
				}
				List<Expr> la = new ArrayList<>(leaf.lits());
				la.add(a);
				List<Expr> lb = new ArrayList<>(leaf.lits());
				lb.add(b);
				leaves.set(i, new Leaf(la, used));
				leaves.add(i + 1, new Leaf(lb, used));
			}
			List<Rule> rules = new ArrayList<>();
			for (int j = 0; j < leaves.size() && j < spec.ruleCount(); j++) {
				List<Expr> lits = leaves.get(j).lits();
				Expr when = lits.isEmpty() ? new Expr.Const(true, SourceSpan.NONE)
						: lits.size() == 1 ? lits.get(0) : new Expr.And(lits, SourceSpan.NONE);
				rules.add(rule(j, when, Optional.empty(), rnd.nextInt(spec.outcomeCount())));
			}
			return rules;
		}

		Expr conjunction(int n, BitSet used) {
			List<Expr> lits = new ArrayList<>();
			for (int i = 0; i < n && used.cardinality() < facts.size(); i++) {
				lits.add(literal(pickFact(used)));
			}
			return lits.size() == 1 ? lits.get(0) : new Expr.And(lits, SourceSpan.NONE);
		}

		/** With a window: the first fact of the current element's window, else -1. */
		private int windowStart = -1;

		/** Starts a new rule, assumption or invariant: with a window, draws its centre. */
		private void newElement() {
			int w = spec == null ? 0 : spec.window();
			if (w > 0 && w < facts.size()) {
				windowStart = rnd.nextInt(facts.size() - w + 1);
			} else {
				windowStart = -1;
			}
		}

		/** A fact not in {@code used}, which it is then added to (any fact when all are used). */
		private int pickFact(BitSet used) {
			if (used.cardinality() >= facts.size()) {
				return rnd.nextInt(facts.size());
			}
			if (windowStart >= 0) {
				int w = spec.window();
				int free = 0;
				for (int f = windowStart; f < windowStart + w; f++) {
					free += used.get(f) ? 0 : 1;
				}
				if (free > 0) {
					int f;
					do {
						f = windowStart + rnd.nextInt(w);
					} while (used.get(f));
					used.set(f);
					return f;
				}
			}
			int f;
			do {
				f = rnd.nextInt(facts.size());
			} while (used.get(f));
			used.set(f);
			return f;
		}

		private Expr literal(int f) {
			Fact fact = facts.get(f);
			if (fact.isBoolean()) {
				Expr b = new Expr.BoolFact(f, SourceSpan.NONE);
				return rnd.nextBoolean() ? b : new Expr.Not(b, SourceSpan.NONE);
			}
			Set<Integer> values = new TreeSet<>();
			int d = fact.domainSize();
			int kind = rnd.nextInt(3);
			if (kind == 0) {
				values.add(rnd.nextInt(d));
			} else if (kind == 1) {
				int skip = rnd.nextInt(d);
				for (int v = 0; v < d; v++) {
					if (v != skip) {
						values.add(v);
					}
				}
			} else {
				while (values.isEmpty() || values.size() == d) {
					values.clear();
					for (int v = 0; v < d; v++) {
						if (rnd.nextBoolean()) {
							values.add(v);
						}
					}
				}
			}
			return new Expr.EnumIn(f, values, SourceSpan.NONE);
		}

		private Expr assumption() {
			newElement();
			BitSet used = new BitSet();
			Expr a = literal(pickFact(used));
			Expr b = literal(pickFact(used));
			switch (rnd.nextInt(3)) {
				case 0:
					return new Expr.Implies(a, b, SourceSpan.NONE);
				case 1:
					return new Expr.Not(new Expr.And(List.of(a, b), SourceSpan.NONE), SourceSpan.NONE);
				default:
					return new Expr.Or(List.of(a, b), SourceSpan.NONE);
			}
		}

		private Expr invariant() {
			newElement();
			BitSet used = new BitSet();
			int o = rnd.nextInt(spec.outcomeCount());
			if (rnd.nextBoolean()) {
				Expr cond = new Expr.And(List.of(literal(pickFact(used)), literal(pickFact(used))), SourceSpan.NONE);
				return new Expr.Implies(cond, new Expr.Not(new Expr.OutcomeIs(o, SourceSpan.NONE), SourceSpan.NONE),
						SourceSpan.NONE);
			}
			return new Expr.Implies(literal(pickFact(used)), new Expr.Or(List.of(
					new Expr.HasAttribute(rnd.nextBoolean() ? "a0" : "a1", SourceSpan.NONE),
					new Expr.OutcomeIs(o, SourceSpan.NONE)), SourceSpan.NONE), SourceSpan.NONE);
		}

		private PolicyTest test(int i, Policy draft, Interpreter interp) {
			SourceSpan s = next();
			int[] input = new int[facts.size()];
			for (int f = 0; f < input.length; f++) {
				input[f] = rnd.nextInt(facts.get(f).domainSize());
			}
			List<Integer> candidates = draft.inputs().isEmpty() ? List.of(rnd.nextInt(facts.size())) : draft.inputs();
			int n = 1 + rnd.nextInt(Math.min(3, candidates.size()));
			List<PolicyTest.Literal> lits = new ArrayList<>();
			BitSet used = new BitSet();
			for (int k = 0; k < n; k++) {
				int f = candidates.get(rnd.nextInt(candidates.size()));
				if (!used.get(f)) {
					used.set(f);
					lits.add(new PolicyTest.Literal(f, input[f], s));
				}
			}
			int expected;
			int decided = interp.decide(draft, input).outcome();
			if (decided >= 0 && rnd.nextBoolean()) {
				expected = decided;
			} else {
				expected = rnd.nextInt(spec.outcomeCount());
			}
			return new PolicyTest("t" + i, lits, expected, s);
		}
	}
}
