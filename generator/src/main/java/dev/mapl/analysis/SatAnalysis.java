package dev.mapl.analysis;

import dev.mapl.interp.Decision;
import dev.mapl.ir.Expr;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Invariant;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.logicng.datastructures.Tristate;
import org.logicng.formulas.Formula;
import org.logicng.formulas.FormulaFactory;
import org.logicng.formulas.Literal;
import org.logicng.formulas.Variable;
import org.logicng.solvers.MiniSat;
import org.logicng.solvers.sat.MiniSatConfig;

/**
 * The analysis of a policy whose firing regions have no small BDD (see
 * {@link PolicyState#CHAIN_NODE_LIMIT}): every question is answered with one incremental MiniSat
 * solver instead of the complement chain.
 *
 * <p>The rule conditions, the possible inputs and the tests' regions stay small BDDs, so what only
 * needs them is exact as on the BDD path: possible inputs, impossible rules, overlaps (pairs of
 * rules), dead-rule explanations, test completions. What needs the decision function (gaps, firing
 * regions, redundancy, invariants, failing tests) is a satisfiability question: its verdict is
 * exact, and its counterexample is the same as the BDD path's, the first input in truth-table
 * order (the lexicographically least model over the input bits, MSB first, found by fixing one bit
 * at a time), so it does not depend on the solver's search. Its count is reported as a lower
 * bound: {@code 0} when unsatisfiable, else {@code at least 1} ({@link PolicyReport#exactCounts()}
 * is false).
 *
 * <p>Encoding: one selector variable {@code @r<j>} per rule, equivalent to its condition; the
 * decided outcome is a chain of definitions over the selectors (under first and unique,
 * {@code @s<o>_<k>}: the first matching rule from k on has outcome o; under priority,
 * {@code @a<o>}: some rule of outcome o matches). The solver holds the domain constraints and the
 * assumptions; each question passes its own selector literals as solver assumptions, so clauses
 * are added once and learned clauses are kept across questions.
 */
final class SatAnalysis {

	private final PolicyAnalyzer analyzer;
	private final Encoding enc;
	private final PolicyState s;
	private final Policy policy;
	private final FormulaFactory f;
	private final MiniSat solver;
	private final List<Rule> rules;
	private final int n;
	private final int outcomes;
	/** The input bits in truth-table order: facts in declaration order, each MSB first. */
	private final List<Variable> bits = new ArrayList<>();
	private final Variable[] ruleVar;
	/** first/unique: {@code firstFrom[o][k]}, the first matching rule from k on decides o. */
	private Formula[][] firstFrom;
	/** priority: {@code anyOf[o]}, some rule with outcome o matches. */
	private Formula[] anyOf;
	private Formula[] decides;
	private Formula conflict;
	private int fresh;

	SatAnalysis(PolicyAnalyzer analyzer, PolicyState s) {
		this.analyzer = analyzer;
		this.enc = analyzer.encoding();
		this.s = s;
		this.policy = s.policy;
		this.f = enc.factory;
		this.rules = policy.rules();
		this.n = rules.size();
		this.outcomes = enc.model.outcomes().size();
		this.solver = MiniSat.miniSat(f, MiniSatConfig.builder().cnfMethod(MiniSatConfig.CNFMethod.PG_ON_SOLVER).build());
		for (int fact : s.inputs) {
			for (int b = 0; b < enc.bits(fact); b++) {
				bits.add(enc.variable(enc.firstVar(fact) + b));
			}
		}
		for (int fact : s.inputs) {
			solver.add(domain(fact));
		}
		for (var a : policy.assumptions()) {
			solver.add(formula(a.expr(), null));
		}
		this.ruleVar = new Variable[n];
		for (int j = 0; j < n; j++) {
			ruleVar[j] = f.variable("@r" + j);
			solver.add(f.equivalence(ruleVar[j], formula(rules.get(j).condition(), null)));
		}
	}

	// ---- the formula encoding (the same bits as the BDD kernel's)

	private Formula domain(int fact) {
		int size = enc.model.fact(fact).domainSize();
		if (size == 1 << enc.bits(fact)) {
			return f.verum();
		}
		List<Formula> values = new ArrayList<>();
		for (int v = 0; v < size; v++) {
			values.add(value(fact, v));
		}
		return f.or(values);
	}

	private Formula value(int fact, int value) {
		int nb = enc.bits(fact);
		List<Formula> lits = new ArrayList<>();
		for (int b = 0; b < nb; b++) {
			boolean one = ((value >> (nb - 1 - b)) & 1) != 0;
			lits.add(f.literal(enc.variable(enc.firstVar(fact) + b).name(), one));
		}
		return f.and(lits);
	}

	/** As {@link Encoding#expr}: a fact outside the inputs reads 0; decision atoms read {@link #decides}. */
	private Formula formula(Expr e, Formula[] decision) {
		if (e instanceof Expr.Const k) {
			return f.constant(k.value());
		} else if (e instanceof Expr.BoolFact b) {
			return s.isInput[b.fact()] ? enc.variable(enc.firstVar(b.fact())) : f.falsum();
		} else if (e instanceof Expr.EnumIn in) {
			if (!s.isInput[in.fact()]) {
				return f.constant(in.values().contains(0));
			}
			List<Formula> values = new ArrayList<>();
			for (int v : in.values()) {
				values.add(value(in.fact(), v));
			}
			return f.or(values);
		} else if (e instanceof Expr.Not x) {
			return f.not(formula(x.operand(), decision));
		} else if (e instanceof Expr.And a) {
			return f.and(a.operands().stream().map(o -> formula(o, decision)).toList());
		} else if (e instanceof Expr.Or o) {
			return f.or(o.operands().stream().map(x -> formula(x, decision)).toList());
		} else if (e instanceof Expr.Implies i) {
			return f.implication(formula(i.left(), decision), formula(i.right(), decision));
		} else if (e instanceof Expr.OutcomeIs o) {
			return decision[o.outcome()];
		} else if (e instanceof Expr.HasAttribute h) {
			List<Formula> any = new ArrayList<>();
			List<Outcome> os = enc.model.outcomes();
			for (int o = 0; o < outcomes; o++) {
				if (os.get(o).has(h.attribute())) {
					any.add(decision[o]);
				}
			}
			return f.or(any);
		}
		throw new IllegalStateException("unknown expression " + e);
	}

	/** A fresh variable defined as {@code definition}. */
	private Variable define(Formula definition) {
		Variable v = f.variable("@d" + fresh++);
		solver.add(f.equivalence(v, definition));
		return v;
	}

	/** first/unique: whether the first matching rule from k on decides o (built once). */
	private Formula firstFrom(int o, int k) {
		if (firstFrom == null) {
			firstFrom = new Formula[outcomes][];
			for (int x = 0; x < outcomes; x++) {
				boolean used = false;
				for (Rule r : rules) {
					used |= r.outcome() == x;
				}
				if (!used) {
					continue;
				}
				Formula[] chain = new Formula[n + 1];
				chain[n] = f.falsum();
				for (int j = n - 1; j >= 0; j--) {
					chain[j] = define(rules.get(j).outcome() == x ? f.or(ruleVar[j], chain[j + 1])
							: f.and(ruleVar[j].negate(), chain[j + 1]));
				}
				firstFrom[x] = chain;
			}
		}
		return firstFrom[o] == null ? f.falsum() : firstFrom[o][k];
	}

	/** Per outcome, whether the policy decides it (as the interpreter does). */
	private Formula[] decides() {
		if (decides == null) {
			decides = new Formula[outcomes];
			if (policy.hitPolicy() == HitPolicy.PRIORITY) {
				anyOf = new Formula[outcomes];
				for (int o = 0; o < outcomes; o++) {
					List<Formula> any = new ArrayList<>();
					for (int j = 0; j < n; j++) {
						if (rules.get(j).outcome() == o) {
							any.add(ruleVar[j]);
						}
					}
					anyOf[o] = any.isEmpty() ? f.falsum() : define(f.or(any));
				}
				for (int o = 0; o < outcomes; o++) {
					List<Formula> and = new ArrayList<>();
					and.add(anyOf[o]);
					for (int x = 0; x < o; x++) {
						and.add(anyOf[x].negate());
					}
					decides[o] = define(f.and(and));
				}
			} else {
				for (int o = 0; o < outcomes; o++) {
					decides[o] = firstFrom(o, 0);
				}
			}
		}
		return decides;
	}

	/** unique: two or more rules match (built once); false otherwise. */
	private Formula conflict() {
		if (conflict == null) {
			if (policy.hitPolicy() != HitPolicy.UNIQUE || n < 2) {
				conflict = f.falsum();
			} else {
				List<Formula> pairs = new ArrayList<>();
				Formula earlier = ruleVar[0];
				for (int j = 1; j < n; j++) {
					pairs.add(f.and(ruleVar[j], earlier));
					if (j < n - 1) {
						earlier = define(f.or(earlier, ruleVar[j]));
					}
				}
				conflict = define(f.or(pairs));
			}
		}
		return conflict;
	}

	// ---- questions

	private boolean sat(List<Literal> assumptions) {
		return solver.sat(assumptions) == Tristate.TRUE;
	}

	/**
	 * The first input in truth-table order satisfying the assumptions, or null: the least model over
	 * the input bits, fixing one bit at a time to 0 when a model with it exists (a bit already 0 in
	 * the last model needs no call). Facts outside the policy's inputs are 0.
	 */
	private int[] first(List<Literal> assumptions) {
		List<Literal> as = new ArrayList<>(assumptions);
		if (!sat(as)) {
			return null;
		}
		Set<Variable> ones = new HashSet<>(solver.model(bits).positiveVariables());
		for (Variable v : bits) {
			as.add(v.negate());
			if (!ones.contains(v)) {
				continue;
			}
			if (sat(as)) {
				ones = new HashSet<>(solver.model(bits).positiveVariables());
			} else {
				as.set(as.size() - 1, v);
			}
		}
		int[] input = new int[enc.model.facts().size()];
		for (int fact : s.inputs) {
			int v = 0;
			for (int b = 0; b < enc.bits(fact); b++) {
				v = (v << 1) | (ones.contains(enc.variable(enc.firstVar(fact) + b)) ? 1 : 0);
			}
			input[fact] = v;
		}
		return input;
	}

	/** The rules that claim an input before rule j (earlier rules; priority: the claim order). */
	private List<Literal> fires(int j, int[] claim) {
		List<Literal> as = new ArrayList<>();
		as.add(ruleVar[j]);
		for (int k : claim) {
			if (k == j) {
				break;
			}
			if (!RuleCube.disjoint(s.cubes[k], s.cubes[j])) {
				as.add(ruleVar[k].negate());
			}
		}
		return as;
	}

	private List<Literal> gap() {
		List<Literal> as = new ArrayList<>();
		for (Variable v : ruleVar) {
			as.add(v.negate());
		}
		return as;
	}

	// ---- the analysis (the same findings as PolicyAnalyzer#analyze, counts as lower bounds)

	PolicyReport analyze() {
		String name = policy.name();
		List<Finding> findings = new ArrayList<>();
		BigInteger possible = s.count(s.possible);
		List<InvariantResult> invariants = new ArrayList<>();
		List<TestResult> tests = new ArrayList<>();
		if (possible.signum() == 0) {
			return analyzer.contradictory(s, findings, false);
		}
		boolean[] impossible = analyzer.impossibleRules(s, findings);

		int[] gapInput = first(gap());
		BigInteger gapCount = gapInput == null ? BigInteger.ZERO : BigInteger.ONE;
		if (gapInput != null) {
			findings.add(new Finding(FindingCodes.GAP, Severity.ERROR,
					"policy " + PolicyAnalyzer.q(name) + " decides nothing for " + atLeast(gapCount),
					"add rules for inputs like the counterexample, or end the policy with `otherwise -> ...`",
					policy.span(), Optional.of(analyzer.counterexample(policy, gapInput, null)), List.of()));
		}

		if (policy.hitPolicy() == HitPolicy.UNIQUE) {
			analyzer.overlaps(s, findings);
		}

		int[] claim = analyzer.claimOrder(s);
		boolean[] fires = new boolean[n];
		List<BigInteger> coverage = new ArrayList<>();
		for (int j = 0; j < n; j++) {
			enc.checkBudget(name);
			fires[j] = !impossible[j] && sat(fires(j, claim));
			coverage.add(fires[j] ? BigInteger.ONE : BigInteger.ZERO);
		}
		java.util.Map<Integer, BigInteger> outcomeCounts = new java.util.TreeMap<>();
		for (int o = 0; o < outcomes; o++) {
			outcomeCounts.put(o, BigInteger.ZERO);
		}
		for (int j = 0; j < n; j++) {
			outcomeCounts.merge(rules.get(j).outcome(), coverage.get(j), BigInteger::add);
		}

		boolean[] dead = new boolean[n];
		if (policy.hitPolicy() != HitPolicy.UNIQUE) {
			for (int j = 0; j < n; j++) {
				if (!impossible[j] && !fires[j]) {
					dead[j] = true;
					if (!rules.get(j).isDelegated()) {
						findings.add(deadRule(j, claim));
					}
				}
			}
		}

		for (int j = 0; j < n; j++) {
			enc.checkBudget(name);
			Rule r = rules.get(j);
			if (impossible[j] || dead[j] || !redundant(j, fires[j], claim) || r.isDelegated()) {
				continue;
			}
			Counterexample c = fires[j] ? analyzer.counterexample(policy, first(fires(j, claim)), r)
					: analyzer.counterexample(policy, enc.first(s.cond[j]));
			findings.add(new Finding(FindingCodes.REDUNDANT_RULE, Severity.INFO,
					"rule " + PolicyAnalyzer.q(r.name()) + " is redundant: removing it changes no decision",
					"remove it", r.span(), Optional.of(c), List.of()));
		}

		for (Invariant inv : policy.invariants()) {
			enc.checkBudget(name);
			invariants.add(invariant(inv, findings));
		}
		for (PolicyTest t : policy.tests()) {
			enc.checkBudget(name);
			tests.add(test(t, findings));
		}
		findings.sort(Finding.ORDER);
		return new PolicyReport(policy, findings, invariants, tests, analyzer.totalInputs(policy), possible,
				gapCount, coverage, outcomeCounts, analyzer.outcomeNames(), false);
	}

	/**
	 * The dead-rule finding, its blockers chosen as on the BDD path (the first earlier rule covering
	 * it alone, else a greedy cover preferring rules that share a fact with it) but among the rules
	 * of the solver's final conflict for "rule j fires", which already cover it: the BDD of what is
	 * left of the rule after the earlier ones can be as large as the gap's.
	 */
	private Finding deadRule(int j, int[] claim) {
		int before = analyzer.claimedBefore(s, j);
		for (int i = 0; i < before; i++) {
			if (RuleCube.covers(s.cubes[claim[i]], s.cubes[j])) {
				return analyzer.deadRule(s, j, List.of(claim[i]));
			}
		}
		if (sat(fires(j, claim))) {
			throw new IllegalStateException("rule " + j + " is not dead");
		}
		Set<Integer> core = new HashSet<>();
		var conflict = solver.underlyingSolver().conflict();
		for (int i = 0; i < conflict.size(); i++) {
			String var = solver.underlyingSolver().nameForIdx(conflict.get(i) >> 1);
			if (var.startsWith("@r")) {
				core.add(Integer.parseInt(var.substring(2)));
			}
		}
		List<Integer> blockers = new ArrayList<>();
		List<Literal> rest = new ArrayList<>();
		rest.add(ruleVar[j]);
		for (int pass = 0; pass < 2; pass++) {
			for (int i = 0; i < before; i++) {
				int k = claim[i];
				if (!core.contains(k) || RuleCube.related(s.cubes[k], s.cubes[j]) != (pass == 0)) {
					continue;
				}
				rest.add(ruleVar[k]);
				boolean meets = sat(rest);
				rest.remove(rest.size() - 1);
				if (meets) {
					blockers.add(k);
					rest.add(ruleVar[k].negate());
				}
			}
		}
		return analyzer.deadRule(s, j, blockers);
	}

	/**
	 * As {@code PolicyAnalyzer.redundant}: without rule j, its inputs go to the first later matching
	 * rule (first, unique) or stay with its outcome when a later rule of that outcome matches
	 * (priority). Not redundant when some input it fires on would get another outcome or none.
	 */
	private boolean redundant(int j, boolean fires, int[] claim) {
		if (!fires) {
			return true; // unique: earlier rules match all its inputs and decide them
		}
		int o = rules.get(j).outcome();
		List<Literal> as = fires(j, claim);
		if (policy.hitPolicy() == HitPolicy.PRIORITY) {
			for (int k = j + 1; k < n; k++) {
				if (rules.get(k).outcome() == o && !RuleCube.disjoint(s.cubes[j], s.cubes[k])) {
					as.add(ruleVar[k].negate());
				}
			}
		} else if (j + 1 < n) {
			Formula next = firstFrom(o, j + 1);
			if (next.isConstantFormula()) {
				return next == f.verum();
			}
			as.add(((Variable) next).negate());
		}
		return !sat(as);
	}

	private InvariantResult invariant(Invariant inv, List<Finding> findings) {
		Variable fails = define(f.not(formula(inv.expr(), decides())));
		int[] input = first(List.of(fails));
		if (input == null) {
			return new InvariantResult(inv.name(), true, BigInteger.ZERO, Optional.empty(), inv.span());
		}
		Counterexample c = analyzer.counterexample(policy, input);
		String what = c.rule().isEmpty() ? "the policy decides nothing for " + PolicyAnalyzer.q(c.toString())
				: "rule " + PolicyAnalyzer.q(c.rule()) + " decides " + PolicyAnalyzer.q(c.outcome()) + " for "
						+ PolicyAnalyzer.q(c.toString());
		findings.add(new Finding(FindingCodes.INVARIANT_REFUTED, Severity.ERROR,
				"invariant " + PolicyAnalyzer.q(inv.name()) + " does not hold: " + what,
				"it fails for " + atLeast(BigInteger.ONE), inv.span(), Optional.of(c), List.of()));
		return new InvariantResult(inv.name(), false, BigInteger.ONE, Optional.of(c), inv.span());
	}

	private TestResult test(PolicyTest t, List<Finding> findings) {
		String expected = enc.model.outcome(t.expected()).name();
		BigInteger completions = analyzer.completions(s, t);
		if (completions.signum() == 0) {
			return analyzer.vacuous(t, findings);
		}
		List<Literal> as = new ArrayList<>();
		for (var lit : t.literals()) {
			if (s.isInput[lit.fact()]) {
				int nb = enc.bits(lit.fact());
				for (int b = 0; b < nb; b++) {
					boolean one = ((lit.value() >> (nb - 1 - b)) & 1) != 0;
					Variable v = enc.variable(enc.firstVar(lit.fact()) + b);
					as.add(one ? v : v.negate());
				}
			}
		}
		as.add(define(f.and(decides()[t.expected()], conflict().negate())).negate());
		int[] input = first(as);
		if (input == null) {
			return new TestResult(t.name(), true, completions, expected, "", "", Optional.empty(), t.span());
		}
		Decision d = analyzer.interpreter().decide(policy, input);
		Counterexample c = analyzer.counterexample(policy, input, d.firing().orElse(null));
		findings.add(analyzer.testFailed(t, expected, d, c, List.of()));
		return new TestResult(t.name(), false, completions, expected, c.outcome(), c.rule(), Optional.of(c),
				t.span());
	}

	static String atLeast(BigInteger n) {
		return "at least " + PolicyAnalyzer.inputs(n);
	}
}
