package dev.mapl.analysis;

import dev.mapl.interp.Decision;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Invariant;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The symbolic analysis of a model's policies: gaps, overlaps, dead and redundant rules,
 * invariants and inline tests, with exact counts and first counterexamples.
 *
 * <p>One analyzer owns one LogicNG formula factory and one BDD kernel for its model (see
 * {@link Encoding} for the variable order and the enum encoding); callers only see answers.
 * Policies are encoded on first use and kept. An analyzer is not thread-safe.
 *
 * <p>The semantics are the {@link Interpreter}'s, on the <em>possible</em> inputs of a policy
 * (assignments of its input facts that satisfy all its assumptions):
 * <ul>
 * <li>{@code first}: the first matching rule decides; {@code unique}: the first matching rule
 * decides too, and two matching rules are an overlap; {@code priority}: the matching rule with the
 * earliest declared outcome decides (the first such in source order fires).
 * <li>Invariants are checked on every possible input with the outcome the policy decides there;
 * on an input no rule decides, outcome names and attributes read false (exactly
 * {@link Interpreter#invariantHolds}).
 * <li>A rule is <em>dead</em> ({@code first} and {@code priority}) when some possible input
 * satisfies its condition but it fires on none. The message names a small set of rules that claim
 * inputs before it (earlier rules; under {@code priority}, rules with an earlier outcome or the
 * same outcome and an earlier position) whose conditions together cover every possible input it
 * matches: the first that covers it alone, else a greedy cover that prefers rules sharing a fact
 * with it. Under {@code unique} such a rule is already reported as overlapping, so it is not
 * reported dead (it is reported redundant).
 * <li>A rule is <em>redundant</em> when the policy without it decides the same outcome (or none)
 * for every possible input; for {@code unique}, "decides" is the interpreter's outcome (the first
 * matching rule's), so removing one of two overlapping rules with the same outcome is redundant.
 * Rules reported dead or impossible are not reported redundant.
 * <li>A rule that no possible input satisfies is <em>impossible</em> (and neither dead nor
 * redundant); assumptions that exclude every input stop the analysis of the policy.
 * </ul>
 * Every counterexample is the first input of its region in the interpreter's truth-table order,
 * and its outcome and rule are the interpreter's decision for it.
 *
 * <p>Cost: encoding a policy is one pass over its rules with a complement chain; the analyses then
 * work rule by rule against small BDDs (conditions, firing regions restricted to a test or an
 * invariant), skip rule pairs that cube masks prove disjoint, and never build the per-outcome
 * unions (see {@link PolicyState}). docs/PERFORMANCE.md has measurements.
 */
public final class PolicyAnalyzer {

	/**
	 * Limits on what is reported.
	 *
	 * @param maxCubes           cubes shown per region before {@code and N more}
	 * @param maxOverlapFindings overlapping pairs reported per policy before one summary finding
	 * @param maxNamedRules      rules named in a dead-rule message before {@code and N more}
	 * @param maxNodes           BDD nodes the kernel may allocate before the analysis gives up with
	 *                           an {@link AnalysisLimitException} (24 bytes each)
	 * @param timeoutMillis      wall-clock time one policy's encoding or analysis may take before
	 *                           it gives up with an {@link AnalysisLimitException}; 0 for no limit.
	 *                           Checked between BDD operations, so one huge operation can overrun.
	 */
	public record Options(int maxCubes, int maxOverlapFindings, int maxNamedRules, long maxNodes,
			long timeoutMillis) {
		public static final Options DEFAULT = new Options(5, 1000, 5, 40_000_000L, 0);

		public Options withTimeoutMillis(long millis) {
			return new Options(maxCubes, maxOverlapFindings, maxNamedRules, maxNodes, millis);
		}

		public Options withMaxNodes(long nodes) {
			return new Options(maxCubes, maxOverlapFindings, maxNamedRules, nodes, timeoutMillis);
		}
	}

	private final Model model;
	private final Options options;
	private final Interpreter interpreter;
	private final Encoding enc;
	private final Map<Policy, PolicyState> states = new IdentityHashMap<>();
	/**
	 * The model's policies as a set: asking the list once per policy made many-policy files quadratic.
	 * By identity: a record's hashCode walks the whole policy (and costs a cold run its bootstrap);
	 * an equal copy from elsewhere is still found, by the list ({@link #state(Policy, int)}).
	 */
	private final Set<Policy> policies = Collections.newSetFromMap(new IdentityHashMap<>());

	public PolicyAnalyzer(Model model) {
		this(model, Options.DEFAULT);
	}

	public PolicyAnalyzer(Model model, Options options) {
		this.model = model;
		this.options = options;
		this.interpreter = new Interpreter(model);
		this.policies.addAll(model.policies());
		long rules = 0;
		for (Policy p : model.policies()) {
			rules += p.rules().size() + p.assumptions().size() + 1;
		}
		int vars = 0;
		for (Fact f : model.facts()) {
			vars += Encoding.bitsFor(f.domainSize());
		}
		// Initial node table: jBuddy grows it by at most 50,000 nodes at a time (with a full garbage
		// collection before each growth), so start near the size big policies need.
		long nodes = Math.max(10_000L, Math.min(8_000_000L, rules * (40L + 4L * vars)));
		int cache = (int) Math.max(1_000L, Math.min(1_000_000L, nodes / 8));
		this.enc = new Encoding(model, (int) nodes, cache, options.maxNodes(), options.timeoutMillis());
	}

	public Model model() {
		return model;
	}

	public Options options() {
		return options;
	}

	Encoding encoding() {
		return enc;
	}

	Interpreter interpreter() {
		return interpreter;
	}

	/** The policy's exact symbolic form, complement chain included (whatever its size). */
	PolicyState state(Policy policy) {
		PolicyState s = state(policy, Integer.MAX_VALUE);
		if (!s.chained()) {
			enc.startClock(policy.name());
			s.chain(Integer.MAX_VALUE);
		}
		return s;
	}

	/** The policy's symbolic form, its complement chain built only up to {@code chainLimit} nodes. */
	private PolicyState state(Policy policy, int chainLimit) {
		PolicyState s = states.get(policy);
		if (s == null) {
			if (!policies.contains(policy) && !model.policies().contains(policy)) {
				throw new IllegalArgumentException("policy `" + policy.name() + "` is not part of the model");
			}
			enc.startClock(policy.name());
			s = new PolicyState(enc, policy, chainLimit);
			states.put(policy, s);
		}
		return s;
	}

	/**
	 * The size of a chain BDD past which {@link #analyze} answers with SAT ({@link SatAnalysis});
	 * 0 forces SAT on every policy not yet encoded (for tests).
	 */
	private int chainLimit = PolicyState.CHAIN_NODE_LIMIT;

	/** Makes {@link #analyze} build every BDD whatever its size, as before the SAT path (benchmarks). */
	PolicyAnalyzer exactOnly() {
		chainLimit = Integer.MAX_VALUE;
		return this;
	}

	/** Makes {@link #analyze} use the SAT path for every policy it encodes from now on (for tests). */
	PolicyAnalyzer forceSat() {
		chainLimit = 0;
		return this;
	}

	/** Analyses every policy of the model, in model order. */
	public List<PolicyReport> analyzeAll() {
		List<PolicyReport> out = new ArrayList<>();
		for (Policy p : model.policies()) {
			out.add(analyze(p));
		}
		return out;
	}

	// ---- queries (for hovers, code lenses and tools)

	/** The size of the policy's input space, assumptions not applied. */
	public BigInteger totalInputs(Policy policy) {
		BigInteger n = BigInteger.ONE;
		for (int f : policy.inputs()) {
			n = n.multiply(BigInteger.valueOf(model.fact(f).domainSize()));
		}
		return n;
	}

	/** The number of inputs the policy's assumptions allow. */
	public BigInteger possibleInputs(Policy policy) {
		PolicyState s = state(policy);
		return s.count(s.possible);
	}

	/**
	 * The number of possible inputs on which {@code expr} holds; the expression may name outcomes
	 * and attributes, which then read the decided outcome (as in invariants).
	 */
	public BigInteger count(Policy policy, Expr expr) {
		return withRegion(policy, expr, r -> state(policy).count(r));
	}

	/** The first possible input (truth-table order) on which {@code expr} holds. */
	public Optional<Counterexample> firstInput(Policy policy, Expr expr) {
		return withRegion(policy, expr, r -> first(state(policy), r));
	}

	/** The possible inputs on which {@code expr} holds, as readable cubes. */
	public List<String> cubes(Policy policy, Expr expr) {
		return withRegion(policy, expr, r -> cubes(state(policy), r));
	}

	/** The first possible input no rule decides. */
	public Optional<Counterexample> firstGap(Policy policy) {
		PolicyState s = state(policy);
		return first(s, s.gap);
	}

	/** The first possible input on which the rule at {@code ruleIndex} (policy order) fires. */
	public Optional<Counterexample> firstFiring(Policy policy, int ruleIndex) {
		PolicyState s = state(policy);
		return first(s, s.fire[ruleIndex]);
	}

	/** The first possible input deciding outcome {@code outcome}. */
	public Optional<Counterexample> firstDeciding(Policy policy, int outcome) {
		PolicyState s = state(policy);
		return first(s, s.decides(outcome));
	}

	/** Per outcome index (every outcome of the model), the possible inputs deciding it. */
	public Map<Integer, BigInteger> outcomeCounts(Policy policy) {
		return outcomeCounts(state(policy), ruleCoverage(policy));
	}

	private Map<Integer, BigInteger> outcomeCounts(PolicyState s, List<BigInteger> coverage) {
		Map<Integer, BigInteger> out = new TreeMap<>();
		for (int o = 0; o < model.outcomes().size(); o++) {
			out.put(o, BigInteger.ZERO);
		}
		for (int j = 0; j < coverage.size(); j++) {
			out.merge(s.outcomeOf[j], coverage.get(j), BigInteger::add);
		}
		return out;
	}

	/** Per rule (policy order), the possible inputs it fires on. */
	public List<BigInteger> ruleCoverage(Policy policy) {
		PolicyState s = state(policy);
		List<BigInteger> out = new ArrayList<>();
		for (int f : s.fire) {
			out.add(s.count(f));
		}
		return out;
	}

	/**
	 * No encoding or analysis of this analyzer runs past {@code nanoTime} (of {@link System#nanoTime()}):
	 * the budget of a whole run over several policies, on top of the per-policy
	 * {@link Options#timeoutMillis()}. Past it, calls throw {@link AnalysisLimitException}. May be
	 * called from another thread to stop a running analysis at its next budget check:
	 * {@code stopAt(Long.MIN_VALUE)}.
	 */
	public void stopAt(long nanoTime) {
		enc.stopAt(nanoTime);
	}

	/** Nodes in use in the kernel (for benchmarks). */
	public int kernelNodes() {
		return enc.kernel.usedNodes();
	}

	private <T> T withRegion(Policy policy, Expr expr, java.util.function.IntFunction<T> f) {
		PolicyState s = state(policy);
		int x = s.expr(expr);
		int r = enc.and(x, s.possible);
		enc.deref(x);
		try {
			return f.apply(r);
		} finally {
			enc.deref(r);
		}
	}

	// ---- the analysis

	/**
	 * Analyses one policy of the model. When a BDD of its complement chain (the inputs no earlier
	 * rule claims) grows past {@link PolicyState#CHAIN_NODE_LIMIT} nodes, the questions that need
	 * it are answered with SAT instead ({@link SatAnalysis}): the same verdicts and counterexamples,
	 * some counts as lower bounds ({@link PolicyReport#exactCounts()}).
	 */
	public PolicyReport analyze(Policy policy) {
		PolicyState s = state(policy, chainLimit);
		enc.startClock(policy.name());
		if (!s.chained()) {
			return new SatAnalysis(this, s).analyze();
		}
		List<Rule> rules = policy.rules();
		int n = rules.size();
		List<Finding> findings = new ArrayList<>();
		BigInteger possible = s.count(s.possible);
		if (possible.signum() == 0) {
			return contradictory(s, findings, true);
		}
		BigInteger gapCount = s.count(s.gap);
		List<BigInteger> coverage = ruleCoverage(policy);
		Map<Integer, BigInteger> outcomeCounts = outcomeCounts(s, coverage);
		List<InvariantResult> invariants = new ArrayList<>();
		List<TestResult> tests = new ArrayList<>();

		boolean[] impossible = impossibleRules(s, findings);

		if (gapCount.signum() > 0) {
			List<String> cubes = cubes(s, s.gap);
			findings.add(new Finding(FindingCodes.GAP, Severity.ERROR,
					"policy " + q(policy.name()) + " decides nothing for " + inputs(gapCount),
					gapHelp(cubes), policy.span(), first(s, s.gap), cubes));
		}

		if (policy.hitPolicy() == HitPolicy.UNIQUE) {
			overlaps(s, findings);
		}

		boolean[] dead = new boolean[n];
		if (policy.hitPolicy() != HitPolicy.UNIQUE) {
			for (int j = 0; j < n; j++) {
				enc.checkBudget(policy.name());
				if (!impossible[j] && s.fire[j] == Encoding.FALSE) {
					dead[j] = true;
					if (!rules.get(j).isDelegated()) {
						findings.add(deadRule(s, j));
					}
				}
			}
		}

		boolean[] redundant = redundant(s, impossible, dead);
		for (int j = 0; j < n; j++) {
			if (redundant[j] && !rules.get(j).isDelegated()) {
				Rule r = rules.get(j);
				findings.add(new Finding(FindingCodes.REDUNDANT_RULE, Severity.INFO,
						"rule " + q(r.name()) + " is redundant: removing it changes no decision", "remove it",
						r.span(), Optional.of(s.fire[j] != Encoding.FALSE ? counterexample(policy, enc.first(s.fire[j]), r)
								: counterexample(policy, enc.first(s.cond[j]))), List.of()));
			}
		}

		for (Invariant inv : policy.invariants()) {
			invariants.add(invariant(s, inv, findings));
		}
		for (PolicyTest t : policy.tests()) {
			tests.add(test(s, t, findings));
		}

		findings.sort(Finding.ORDER);
		return new PolicyReport(policy, findings, invariants, tests, totalInputs(policy), possible, gapCount,
				coverage, outcomeCounts, outcomeNames());
	}

	/** The report of a policy whose assumptions exclude every input (no rule fires, nothing fails). */
	PolicyReport contradictory(PolicyState s, List<Finding> findings, boolean exact) {
		Policy policy = s.policy;
		findings.add(new Finding(FindingCodes.ASSUMPTIONS_CONTRADICTORY, Severity.ERROR,
				"the assumptions of policy " + q(policy.name()) + " exclude every input",
				"remove or weaken an assumption", policy.span(), Optional.empty(), List.of()));
		List<InvariantResult> invariants = new ArrayList<>();
		List<TestResult> tests = new ArrayList<>();
		for (Invariant inv : policy.invariants()) {
			invariants.add(new InvariantResult(inv.name(), true, BigInteger.ZERO, Optional.empty(), inv.span()));
		}
		for (PolicyTest t : policy.tests()) {
			tests.add(new TestResult(t.name(), false, BigInteger.ZERO, model.outcome(t.expected()).name(),
					"", "", Optional.empty(), t.span()));
		}
		List<BigInteger> coverage = java.util.Collections.nCopies(policy.rules().size(), BigInteger.ZERO);
		return new PolicyReport(policy, findings, invariants, tests, totalInputs(policy), BigInteger.ZERO,
				BigInteger.ZERO, coverage, outcomeCounts(s, coverage), outcomeNames(), exact);
	}

	/** Per rule, whether no possible input satisfies it; reports those (not delegated ones). */
	boolean[] impossibleRules(PolicyState s, List<Finding> findings) {
		List<Rule> rules = s.policy.rules();
		int n = rules.size();
		boolean[] impossible = new boolean[n];
		for (int j = 0; j < n; j++) {
			if (s.cond[j] == Encoding.FALSE) {
				impossible[j] = true;
				Rule r = rules.get(j);
				if (r.isDelegated()) {
					continue; // reachability of a delegated rule is reported on its own policy
				}
				boolean never = s.rawCond[j] == Encoding.FALSE;
				findings.add(new Finding(FindingCodes.RULE_IMPOSSIBLE, Severity.WARNING,
						never ? "rule " + q(r.name()) + " can never match: its condition is always false"
								: "the assumptions exclude every input rule " + q(r.name()) + " could match",
						"remove it, or fix its condition", r.span(), Optional.empty(), List.of()));
			}
		}
		return impossible;
	}

	/**
	 * Overlapping rule pairs (unique). Only rule conditions are needed (an earlier rule overlaps rule
	 * j exactly where both match), so this is exact on the SAT path too; there, without the chain, a
	 * rule past the cap is counted once it is seen to overlap some earlier rule.
	 */
	void overlaps(PolicyState s, List<Finding> findings) {
		List<Rule> rules = s.policy.rules();
		int reported = 0;
		int moreRules = 0;
		for (int j = 1; j < rules.size(); j++) {
			int earlier = s.chained() ? s.overlapsEarlier[j] : s.cond[j];
			if (earlier == Encoding.FALSE) {
				continue;
			}
			if (reported >= options.maxOverlapFindings() && s.chained()) {
				moreRules++;
				continue;
			}
			enc.checkBudget(s.policy.name());
			for (int i = 0; i < j; i++) {
				if (RuleCube.disjoint(s.cubes[i], s.cubes[j]) || !enc.intersects(s.cond[i], earlier)) {
					continue;
				}
				if (reported >= options.maxOverlapFindings()) {
					moreRules++; // this rule has pairs past the cap
					break;
				}
				int x = enc.and(s.cond[i], s.cond[j]);
				BigInteger count = s.count(x);
				Rule a = rules.get(i);
				Rule b = rules.get(j);
				findings.add(new Finding(FindingCodes.OVERLAP, Severity.ERROR,
						"rules " + q(a.name()) + " and " + q(b.name()) + " both match " + inputs(count),
						"make the conditions exclusive, or use the `first` or `priority` hit policy", b.span(),
						first(s, x), cubes(s, x)));
				enc.deref(x);
				reported++;
			}
		}
		if (moreRules > 0) {
			findings.add(new Finding(FindingCodes.OVERLAP, Severity.ERROR,
					moreRules + " more " + (moreRules == 1 ? "rule overlaps" : "rules overlap")
							+ " an earlier rule (only the first " + options.maxOverlapFindings()
							+ " overlapping pairs are reported)",
					"make the conditions exclusive, or use the `first` or `priority` hit policy",
					s.policy.span(), Optional.empty(), List.of()));
		}
	}

	Finding deadRule(PolicyState s, int j) {
		int[] claim = claimOrder(s);
		int before = claimedBefore(s, j);
		List<Integer> blockers = new ArrayList<>();
		for (int i = 0; i < before; i++) {
			int k = claim[i];
			if (RuleCube.covers(s.cubes[k], s.cubes[j])) {
				blockers.add(k);
				break;
			}
		}
		if (blockers.isEmpty()) {
			int rest = enc.ref(s.cond[j]);
			for (int pass = 0; pass < 2 && rest != Encoding.FALSE; pass++) {
				for (int i = 0; i < before && rest != Encoding.FALSE; i++) {
					int k = claim[i];
					if (RuleCube.related(s.cubes[k], s.cubes[j]) != (pass == 0)
							|| RuleCube.disjoint(s.cubes[k], s.cubes[j]) || !enc.intersects(s.cond[k], rest)) {
						continue;
					}
					blockers.add(k);
					rest = enc.andNotInto(rest, s.cond[k]);
				}
			}
			enc.deref(rest);
		}
		return deadRule(s, j, blockers);
	}

	/**
	 * How many rules claim an input before rule j could: earlier rules under first; under
	 * priority, rules with an earlier outcome, or the same outcome and an earlier position. They
	 * are a prefix of the claim order.
	 */
	int claimedBefore(PolicyState s, int j) {
		int[] claim = claimOrder(s);
		int before = 0;
		while (claim[before] != j) {
			before++;
		}
		return before;
	}

	/**
	 * The finding on dead rule j, naming {@code blockers}: rules claiming before it whose conditions
	 * together cover it. The analysis picks a small such set: the first that covers it alone, else
	 * greedily those that meet what is left of it, the rules constraining a fact of rule j first
	 * (they are the likely culprits, and the others would drag the whole policy in).
	 */
	Finding deadRule(PolicyState s, int j, List<Integer> blockers) {
		List<Rule> rules = s.policy.rules();
		boolean priority = s.policy.hitPolicy() == HitPolicy.PRIORITY;
		int[] claim = claimOrder(s);
		int before = claimedBefore(s, j);
		// The rule that fires on the counterexample: the first in claim order that matches it.
		int[] input = enc.first(s.cond[j]);
		Rule firing = null;
		for (int i = 0; i < before && firing == null; i++) {
			int k = claim[i];
			if (s.cubes[k] != null ? s.cubes[k].contains(input) : enc.contains(s.cond[k], input)) {
				firing = rules.get(k);
			}
		}
		blockers = new ArrayList<>(blockers);
		blockers.sort(null);
		Rule r = rules.get(j);
		List<String> names = new ArrayList<>();
		for (int k : blockers) {
			names.add(rules.get(k).name());
		}
		String who = (names.size() == 1 ? "rule " : "rules ") + listed(names, options.maxNamedRules(), ", ")
				+ (names.size() == 1 ? " decides" : " decide") + " every input it matches";
		String message = priority ? "rule " + q(r.name()) + " never decides: " + who
				: "rule " + q(r.name()) + " is never reached: " + who;
		String help = priority ? "remove it, or narrow the rules that win over it"
				: "remove it, or move it before " + q(names.get(0));
		return new Finding(FindingCodes.DEAD_RULE, Severity.WARNING, message, help, r.span(),
				Optional.of(counterexample(s.policy, input, firing)), List.of());
	}

	/**
	 * The order in which rules claim inputs: source order under first and unique, by outcome then
	 * source order under priority (cached per policy state).
	 */
	int[] claimOrder(PolicyState s) {
		if (s.claimOrder == null) {
			int n = s.outcomeOf.length;
			Integer[] order = new Integer[n];
			for (int k = 0; k < n; k++) {
				order[k] = k;
			}
			if (s.policy.hitPolicy() == HitPolicy.PRIORITY) {
				java.util.Arrays.sort(order,
						java.util.Comparator.<Integer>comparingInt(k -> s.outcomeOf[k]).thenComparingInt(k -> k));
			}
			s.claimOrder = java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray();
		}
		return s.claimOrder;
	}

	/**
	 * Per rule, whether the policy without it decides the same outcome everywhere. Without rule j,
	 * the inputs it fires on go to other rules: under {@code first} and {@code unique} to the first
	 * later rule that matches; under {@code priority} the outcome stays the same exactly when a later
	 * rule with the same outcome matches (an earlier one cannot, or j would not fire, and none with
	 * an earlier outcome does). Each rule's firing region is walked against the later rules, with
	 * the cube prefilter skipping rules that cannot intersect it.
	 */
	private boolean[] redundant(PolicyState s, boolean[] impossible, boolean[] dead) {
		int n = s.fire.length;
		boolean priority = s.policy.hitPolicy() == HitPolicy.PRIORITY;
		boolean[] out = new boolean[n];
		for (int j = 0; j < n; j++) {
			enc.checkBudget(s.policy.name());
			if (impossible[j] || dead[j]) {
				continue;
			}
			if (s.fire[j] == Encoding.FALSE) {
				out[j] = true; // unique: earlier rules match all its inputs and decide them
				continue;
			}
			int o = s.outcomeOf[j];
			int rest = enc.ref(s.fire[j]);
			for (int k = j + 1; k < n && rest != Encoding.FALSE; k++) {
				if ((priority && s.outcomeOf[k] != o) || RuleCube.disjoint(s.cubes[j], s.cubes[k])
						|| !enc.intersects(rest, s.cond[k])) {
					continue;
				}
				if (s.outcomeOf[k] != o) {
					break;
				}
				rest = enc.andNotInto(rest, s.cond[k]);
			}
			out[j] = rest == Encoding.FALSE;
			enc.deref(rest);
		}
		return out;
	}

	/** Pieces unioned for cubes; see {@link Pieces#cubes}. */
	static final int UNION_LIMIT = 64;

	/** Disjoint regions whose union is a result: counted, searched and unioned piece by piece. */
	private final class Pieces {
		private final PolicyState s;
		final List<Integer> nodes = new ArrayList<>();
		final List<Rule> rules = new ArrayList<>();
		BigInteger count = BigInteger.ZERO;
		int[] first;
		Rule firstRule;

		Pieces(PolicyState s) {
			this.s = s;
		}

		/** Adds {@code a & b} when not empty; {@code rule} fires on it (null: no rule decides). */
		void add(int a, int b, Rule rule) {
			enc.checkBudget(s.policy.name());
			if (!enc.intersects(a, b)) {
				return;
			}
			int x = enc.and(a, b);
			nodes.add(x);
			rules.add(rule);
			count = count.add(s.count(x));
			int[] in = enc.first(x);
			if (first == null || Encoding.compare(in, first, s.inputs) < 0) {
				first = in;
				firstRule = rule;
			}
		}

		/**
		 * Readable cubes of the union. Up to {@link #UNION_LIMIT} pieces whose union stays small are
		 * unioned and simplified together; otherwise (the union of many firing regions can be a much
		 * bigger BDD than any of them), the pieces with the first inputs give the cubes shown and the
		 * remaining pieces are counted in {@code and N more}.
		 */
		List<String> cubes() {
			if (nodes.size() <= UNION_LIMIT) {
				int u = Encoding.FALSE;
				boolean small = true;
				for (int i = 0; i < nodes.size() && small; i++) {
					u = enc.orInto(u, nodes.get(i));
					small = !enc.larger(u, Cubes.NODE_LIMIT);
				}
				if (small) {
					List<String> out = PolicyAnalyzer.this.cubes(s, u);
					enc.deref(u);
					return out;
				}
				enc.deref(u);
			}
			List<Integer> order = new ArrayList<>();
			List<int[]> firsts = new ArrayList<>();
			for (int i = 0; i < nodes.size(); i++) {
				order.add(i);
				firsts.add(enc.first(nodes.get(i)));
			}
			order.sort((a, b) -> Encoding.compare(firsts.get(a), firsts.get(b), s.inputs));
			List<String> out = new ArrayList<>();
			int used = 0;
			for (int i : order) {
				if (out.size() >= options.maxCubes()) {
					break;
				}
				used++;
				for (String c : PolicyAnalyzer.this.cubes(s, nodes.get(i))) {
					if (out.size() < options.maxCubes() && !c.startsWith("and ")) {
						out.add(c);
					}
				}
			}
			out.add("and " + (nodes.size() - used) + " more");
			return out;
		}

		void release() {
			nodes.forEach(enc::deref);
		}
	}

	private InvariantResult invariant(PolicyState s, Invariant inv, List<Finding> findings) {
		// Violations are the union, over rules, of the rule's firing region where the invariant
		// (with the rule's outcome substituted) fails, plus the gap where it fails with no outcome.
		int outcomes = model.outcomes().size();
		int[] violating = new int[outcomes + 1];
		java.util.Arrays.fill(violating, -1);
		Pieces pieces = new Pieces(s);
		List<Rule> rules = s.policy.rules();
		for (int j = 0; j < rules.size(); j++) {
			if (s.fire[j] == Encoding.FALSE) {
				continue;
			}
			int o = s.outcomeOf[j];
			if (violating[o] < 0) {
				violating[o] = violating(s, inv, o);
			}
			pieces.add(s.fire[j], violating[o], rules.get(j));
		}
		violating[outcomes] = violating(s, inv, -1);
		pieces.add(s.gap, violating[outcomes], null);
		for (int v : violating) {
			if (v >= 0) {
				enc.deref(v);
			}
		}
		Optional<Counterexample> ce = Optional.empty();
		if (pieces.first != null) {
			Counterexample c = counterexample(s.policy, pieces.first, pieces.firstRule);
			ce = Optional.of(c);
			String what = c.rule().isEmpty() ? "the policy decides nothing for " + q(c.toString())
					: "rule " + q(c.rule()) + " decides " + q(c.outcome()) + " for " + q(c.toString());
			findings.add(new Finding(FindingCodes.INVARIANT_REFUTED, Severity.ERROR,
					"invariant " + q(inv.name()) + " does not hold: " + what,
					"it fails for " + inputs(pieces.count), inv.span(), ce, pieces.cubes()));
		}
		pieces.release();
		return new InvariantResult(inv.name(), pieces.count.signum() == 0, pieces.count, ce, inv.span());
	}

	/** Where the invariant fails for inputs deciding outcome {@code o} (-1: none); referenced. */
	private int violating(PolicyState s, Invariant inv, int o) {
		int holds = s.exprFor(inv.expr(), o);
		int r = enc.not(holds);
		enc.deref(holds);
		return r;
	}

	/** The possible inputs agreeing with the test's literals (referenced). */
	private int testRegion(PolicyState s, PolicyTest t) {
		int region = enc.ref(s.possible);
		for (var lit : t.literals()) {
			if (!s.isInput[lit.fact()]) {
				continue; // as in the interpreter, which only enumerates input facts
			}
			int v = enc.value(lit.fact(), lit.value());
			region = enc.andInto(region, v);
			enc.deref(v);
		}
		return region;
	}

	/** The number of possible inputs agreeing with the test's literals. */
	BigInteger completions(PolicyState s, PolicyTest t) {
		int region = testRegion(s, t);
		BigInteger n = s.count(region);
		enc.deref(region);
		return n;
	}

	TestResult vacuous(PolicyTest t, List<Finding> findings) {
		findings.add(new Finding(FindingCodes.TEST_VACUOUS, Severity.ERROR,
				"test " + q(t.name()) + " matches no possible input",
				"the assumptions exclude every input it describes", t.span(), Optional.empty(), List.of()));
		return new TestResult(t.name(), false, BigInteger.ZERO, model.outcome(t.expected()).name(), "", "",
				Optional.empty(), t.span());
	}

	private TestResult test(PolicyState s, PolicyTest t, List<Finding> findings) {
		String expected = model.outcome(t.expected()).name();
		int region = testRegion(s, t);
		BigInteger completions = s.count(region);
		if (completions.signum() == 0) {
			enc.deref(region);
			return vacuous(t, findings);
		}
		// Failing completions: another rule's outcome, no rule, or (unique) a conflict.
		Pieces pieces = new Pieces(s);
		List<Rule> rules = s.policy.rules();
		for (int j = 0; j < rules.size(); j++) {
			if (s.outcomeOf[j] != t.expected() && s.fire[j] != Encoding.FALSE) {
				pieces.add(region, s.fire[j], rules.get(j));
			}
			if (s.overlapsEarlier[j] != Encoding.FALSE) {
				pieces.add(region, s.overlapsEarlier[j], null);
			}
		}
		pieces.add(region, s.gap, null);
		enc.deref(region);
		TestResult result;
		if (pieces.first == null) {
			result = new TestResult(t.name(), true, completions, expected, "", "", Optional.empty(), t.span());
		} else {
			int[] input = pieces.first;
			Decision d = interpreter.decide(s.policy, input);
			Counterexample c = counterexample(s.policy, input, d.firing().orElse(null));
			findings.add(testFailed(t, expected, d, c, pieces.cubes()));
			result = new TestResult(t.name(), false, completions, expected, c.outcome(), c.rule(), Optional.of(c),
					t.span());
		}
		pieces.release();
		return result;
	}

	/** The finding of a failed test, whose first failing input decides {@code d}. */
	Finding testFailed(PolicyTest t, String expected, Decision d, Counterexample c, List<String> cubes) {
		String but;
		if (d.kind() == Decision.Kind.NO_RULE) {
			but = "the policy decides nothing for " + q(c.toString());
		} else if (d.kind() == Decision.Kind.CONFLICT) {
			List<String> names = d.matching().stream().map(Rule::name).toList();
			but = "rules " + listed(names, Integer.MAX_VALUE, ", ", " and ")
					+ (names.size() == 2 ? " both" : " all") + " match " + q(c.toString());
		} else {
			but = "rule " + q(c.rule()) + " decides " + q(c.outcome()) + " for " + q(c.toString());
		}
		return new Finding(FindingCodes.TEST_FAILED, Severity.ERROR,
				"test " + q(t.name()) + " fails: expected " + q(expected) + ", but " + but, "", t.span(),
				Optional.of(c), cubes);
	}

	// ---- helpers

	List<String> outcomeNames() {
		return model.outcomes().stream().map(dev.mapl.ir.Outcome::name).toList();
	}

	Optional<Counterexample> first(PolicyState s, int region) {
		if (region == Encoding.FALSE) {
			return Optional.empty();
		}
		return Optional.of(counterexample(s.policy, enc.first(region)));
	}

	/** The counterexample for one input: its literals and the interpreter's decision. */
	Counterexample counterexample(Policy policy, int[] input) {
		return counterexample(policy, input, interpreter.decide(policy, input).firing().orElse(null));
	}

	/** The counterexample for one input whose firing rule is known (null: none). */
	Counterexample counterexample(Policy policy, int[] input, Rule firing) {
		List<Assignment> as = new ArrayList<>();
		for (int f : policy.inputs()) {
			Fact fact = model.fact(f);
			as.add(new Assignment(fact.name(), f, fact.isBoolean(), input[f], fact.valueName(input[f])));
		}
		if (firing == null) {
			return new Counterexample(as, "", "", SourceSpan.NONE);
		}
		return new Counterexample(as, model.outcome(firing.outcome()).name(), firing.name(), firing.span());
	}

	List<String> cubes(PolicyState s, int region) {
		return Cubes.of(enc, s.inputs, s.domain, s.possible, region, options.maxCubes());
	}

	static String q(String name) {
		return "`" + name + "`";
	}

	static String inputs(BigInteger n) {
		return n + (n.equals(BigInteger.ONE) ? " possible input" : " possible inputs");
	}

	/** {@code `a`, `b`, `c`} or, past {@code max} names, {@code `a`, `b` and 3 more}. */
	static String listed(List<String> names, int max, String sep) {
		return listed(names, max, sep, sep);
	}

	static String listed(List<String> names, int max, String sep, String lastSep) {
		StringBuilder sb = new StringBuilder();
		int shown = Math.min(max, names.size());
		for (int i = 0; i < shown; i++) {
			if (i > 0) {
				sb.append(i == shown - 1 && shown == names.size() ? lastSep : sep);
			}
			sb.append(q(names.get(i)));
		}
		if (shown < names.size()) {
			sb.append(" and ").append(names.size() - shown).append(" more");
		}
		return sb.toString();
	}

	private static String gapHelp(List<String> cubes) {
		String end = "end the policy with `otherwise -> ...`";
		List<String> real = new ArrayList<>();
		String more = "";
		for (String c : cubes) {
			if (c.startsWith("and ")) {
				more = c.substring(4);
			} else {
				real.add(c);
			}
		}
		if (real.size() == 1 && real.get(0).equals("true")) {
			return "add rules, or " + end;
		}
		if (real.size() == 1 && more.isEmpty()) {
			return "add a rule for " + q(real.get(0)) + ", or " + end;
		}
		if (more.isEmpty()) {
			return "add rules for " + listed(real, real.size(), ", ", " and ") + ", or " + end;
		}
		return "add rules for " + listed(real, real.size(), ", ") + " and " + more + ", or " + end;
	}
}
