package dev.mapl.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.interp.Decision;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Invariant;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the symbolic analysis, checked against brute-force enumeration through the
 * reference interpreter on hundreds of small synthesized policies.
 */
class AnalysisPropertyTest {

	static final int POLICIES = 800;

	static Spec spec(long seed) {
		SplittableRandom r = new SplittableRandom(seed * 7919 + 13);
		HitPolicy hp = HitPolicy.values()[(int) (seed % 3)];
		return new Spec(1 + r.nextInt(5), r.nextInt(3), r.nextInt(9), hp, seed, 1 + r.nextInt(3),
				2 + r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(4), 0.2, r.nextInt(4) == 0,
				r.nextInt(5) == 0);
	}

	@Test
	void analysisAgreesWithInterpreter() {
		Set<String> seen = new java.util.TreeSet<>();
		for (long seed = 0; seed < POLICIES; seed++) {
			Spec spec = spec(seed);
			if (seed % 4 == 3) {
				spec = spec.withWindow(3); // some rules over neighbouring facts, as real policies have
			}
			if (seed % 10 == 9) {
				spec = spec.withAssumptions(6); // sometimes contradictory
			}
			Model m = PolicySynthesizer.synthesize(spec);
			try {
				check(m, m.policies().get(0));
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("seed " + seed + " " + spec + ": " + e.getMessage(), e);
			}
			new PolicyAnalyzer(m).analyze(m.policies().get(0)).findings().forEach(f -> seen.add(f.code()));
		}
		// The synthesized policies exercise every kind of finding.
		assertEquals(new java.util.TreeSet<>(List.of(FindingCodes.GAP, FindingCodes.OVERLAP, FindingCodes.DEAD_RULE,
				FindingCodes.REDUNDANT_RULE, FindingCodes.INVARIANT_REFUTED, FindingCodes.TEST_FAILED,
				FindingCodes.TEST_VACUOUS, FindingCodes.RULE_IMPOSSIBLE, FindingCodes.ASSUMPTIONS_CONTRADICTORY)), seen);
	}

	@Test
	void mutatedPoliciesAgreeToo() {
		for (long seed = 0; seed < 100; seed++) {
			Model m = PolicySynthesizer.mutate(PolicySynthesizer.synthesize(spec(seed)), seed, 3);
			try {
				check(m, m.policies().get(0));
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
			}
		}
	}

	/** The SAT path (forced on small policies) against brute force and against the BDD path. */
	@Test
	void satPathAgreesWithInterpreter() {
		for (long seed = 0; seed < POLICIES; seed++) {
			Spec spec = spec(seed);
			if (seed % 4 == 3) {
				spec = spec.withWindow(3);
			}
			if (seed % 10 == 9) {
				spec = spec.withAssumptions(6);
			}
			Model m = PolicySynthesizer.synthesize(spec);
			try {
				checkSat(m, m.policies().get(0));
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("seed " + seed + " " + spec + ": " + e.getMessage(), e);
			}
		}
	}

	@Test
	void satPathOnMutatedPolicies() {
		for (long seed = 0; seed < 100; seed++) {
			Model m = PolicySynthesizer.mutate(PolicySynthesizer.synthesize(spec(seed)), seed, 3);
			try {
				checkSat(m, m.policies().get(0));
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
			}
		}
	}

	/** A finding with its counts replaced by {@code N}, as the SAT path may only bound them. */
	static String withoutCounts(Finding f) {
		String counts = "(at least )?\\d+ possible inputs?";
		String help = f.code().equals(FindingCodes.GAP) ? "(cubes of the gap)" : f.help().replaceAll(counts, "N");
		String message = f.message().replaceAll(counts, "N");
		if (f.code().equals(FindingCodes.DEAD_RULE)) {
			// The SAT path picks its blockers among the solver's final conflict: checked on their own.
			message = message.substring(0, message.indexOf(':')) + ": (blockers)";
			help = "(blockers)";
		}
		return f.code() + " " + f.span() + " " + message + " / " + help + " @ " + f.counterexample().map(c -> c + " -> " + c.rule()).orElse("-");
	}

	/**
	 * The SAT path's report: every verdict and counterexample checked by enumeration (a gap input
	 * decides nothing, an invariant counterexample violates it, ...) and equal to the BDD path's
	 * (which {@link #check} pins to brute force); every count a sound lower bound, zero exactly when
	 * the exact count is.
	 */
	static void checkSat(Model m, Policy p) {
		Interpreter interp = new Interpreter(m);
		List<int[]> possible = InputSpace.of(m, p).possibleInputs(interp, p, 1 << 20);
		PolicyReport exact = new PolicyAnalyzer(m).analyze(p);
		PolicyAnalyzer analyzer = new PolicyAnalyzer(m).forceSat();
		PolicyReport sat = analyzer.analyze(p);
		assertFalse(sat.exactCounts(), "SAT path taken");
		assertTrue(exact.exactCounts());
		assertEquals(sat.findings(), new PolicyAnalyzer(m).forceSat().analyze(p).findings(), "deterministic");
		assertEquals(exact.possibleInputs(), sat.possibleInputs(), "possible inputs");
		assertEquals(exact.totalInputs(), sat.totalInputs(), "total inputs");
		assertEquals(exact.findings().stream().map(AnalysisPropertyTest::withoutCounts).toList(),
				sat.findings().stream().map(AnalysisPropertyTest::withoutCounts).toList(), "findings");
		assertBound(exact.gapInputs(), sat.gapInputs(), "gap inputs");
		for (int j = 0; j < p.rules().size(); j++) {
			assertBound(exact.ruleCoverage().get(j), sat.ruleCoverage().get(j), "coverage of " + p.rules().get(j).name());
		}
		for (int o : exact.outcomeCounts().keySet()) {
			assertBound(exact.outcomeCounts().get(o), sat.outcomeCounts().get(o), "outcome " + o);
		}
		int n = m.facts().size();
		for (Finding f : sat.findings()) {
			if (f.counterexample().isEmpty()) {
				continue;
			}
			int[] in = f.counterexample().get().toInput(n);
			assertTrue(possible.stream().anyMatch(x -> java.util.Arrays.equals(project(p, x, n), in)),
					"counterexample is a possible input: " + f.message());
			Decision d = interp.decide(p, in);
			assertEquals(d.firing().map(Rule::name).orElse(""), f.counterexample().get().rule(), "firing rule");
			if (f.code().equals(FindingCodes.GAP)) {
				assertEquals(Decision.Kind.NO_RULE, d.kind(), "a gap input decides nothing");
				assertTrue(f.message().endsWith("decides nothing for at least 1 possible input"), f.message());
			}
		}
		for (Finding f : sat.findings(FindingCodes.DEAD_RULE)) {
			checkBlockers(m, p, f, possible);
		}
		for (int k = 0; k < p.invariants().size(); k++) {
			InvariantResult e = exact.invariants().get(k);
			InvariantResult r = sat.invariants().get(k);
			assertEquals(e.proven(), r.proven(), "invariant " + e.name());
			assertBound(e.violations(), r.violations(), "violations of " + e.name());
			assertEquals(e.counterexample(), r.counterexample(), "invariant counterexample");
			Invariant inv = p.invariants().get(k);
			r.counterexample().ifPresent(c -> assertFalse(interp.invariantHolds(p, inv.expr(), c.toInput(n)),
					"the counterexample violates " + inv.name()));
		}
		for (int k = 0; k < p.tests().size(); k++) {
			TestResult e = exact.tests().get(k);
			TestResult r = sat.tests().get(k);
			assertEquals(e.passed(), r.passed(), "test " + e.name());
			assertEquals(e.completions(), r.completions(), "test completions");
			assertEquals(e.counterexample(), r.counterexample(), "test counterexample");
			assertEquals(e.actual() + "/" + e.rule(), r.actual() + "/" + r.rule());
			Interpreter.TestRun run = interp.runTest(p, p.tests().get(k), 1 << 20);
			if (run.failingInput().isPresent()) {
				assertInput(p, run.failingInput().get(), r.counterexample(), "test counterexample");
			}
		}
	}

	/** The rules a dead-rule finding names claim inputs before it and together cover it. */
	static void checkBlockers(Model m, Policy p, Finding f, List<int[]> possible) {
		Interpreter interp = new Interpreter(m);
		List<Rule> rules = p.rules();
		Rule j = rules.stream().filter(r -> r.span().equals(f.span())).findFirst().get();
		String rest = f.message().substring(f.message().indexOf(": ") + 2);
		List<String> names = new ArrayList<>();
		java.util.regex.Matcher mm = java.util.regex.Pattern.compile("`([^`]*)`").matcher(rest);
		while (mm.find()) {
			names.add(mm.group(1));
		}
		assertFalse(names.isEmpty(), f.message());
		List<Rule> named = names.stream().map(nm -> rules.stream().filter(r -> r.name().equals(nm)).findFirst()
				.get()).toList();
		for (Rule k : named) {
			boolean before = p.hitPolicy() == HitPolicy.PRIORITY
					? k.outcome() < j.outcome() || k.outcome() == j.outcome() && rules.indexOf(k) < rules.indexOf(j)
					: rules.indexOf(k) < rules.indexOf(j);
			assertTrue(before, "blocker " + k.name() + " claims before " + j.name());
		}
		if (!rest.contains(" more ")) {
			for (int[] in : possible) {
				if (interp.matches(j, in)) {
					assertTrue(named.stream().anyMatch(k -> interp.matches(k, in)), "blockers cover " + j.name());
				}
			}
		}
	}

	/** {@code bound} is a lower bound of {@code exact}, zero exactly when it is. */
	static void assertBound(BigInteger exact, BigInteger bound, String what) {
		assertTrue(bound.compareTo(exact) <= 0, what + ": bound " + bound + " above " + exact);
		assertEquals(exact.signum(), bound.signum(), what + ": zero exactly when none");
	}

	/** Every assignment of the policy's inputs (assumptions not applied), in truth-table order. */
	static List<int[]> allInputs(Model m, Policy p) {
		List<int[]> out = new ArrayList<>();
		int[] in = new int[m.facts().size()];
		int[] inputs = p.inputs().stream().mapToInt(Integer::intValue).toArray();
		while (true) {
			out.add(in.clone());
			int i = inputs.length - 1;
			for (; i >= 0; i--) {
				if (++in[inputs[i]] < m.fact(inputs[i]).domainSize()) {
					break;
				}
				in[inputs[i]] = 0;
			}
			if (i < 0) {
				return out;
			}
		}
	}

	static int[] project(Policy p, int[] input, int n) {
		int[] out = new int[n];
		for (int f : p.inputs()) {
			out[f] = input[f];
		}
		return out;
	}

	static void assertInput(Policy p, int[] expected, Optional<Counterexample> actual, String what) {
		assertTrue(actual.isPresent(), what + ": no counterexample");
		int n = expected.length;
		assertArrayEquals(project(p, expected, n), actual.get().toInput(n), what + ": counterexample");
	}

	static void check(Model m, Policy p) {
		Interpreter interp = new Interpreter(m);
		List<int[]> possible = InputSpace.of(m, p).possibleInputs(interp, p, 1 << 20);
		PolicyAnalyzer analyzer = new PolicyAnalyzer(m);
		PolicyReport report = analyzer.analyze(p);
		int n = m.facts().size();
		List<Rule> rules = p.rules();

		assertEquals(BigInteger.valueOf(possible.size()), report.possibleInputs(), "possible inputs");
		assertEquals(BigInteger.valueOf(allInputs(m, p).size()), report.totalInputs(), "total inputs");
		for (int i = 1; i < report.findings().size(); i++) {
			assertTrue(Finding.ORDER.compare(report.findings().get(i - 1), report.findings().get(i)) <= 0, "sorted");
		}
		// Determinism: a fresh analyzer gives the same report.
		assertEquals(report.findings(), new PolicyAnalyzer(m).analyze(p).findings(), "deterministic");

		if (possible.isEmpty()) {
			assertEquals(1, report.findings().size());
			assertEquals(FindingCodes.ASSUMPTIONS_CONTRADICTORY, report.findings().get(0).code());
			return;
		}

		List<Decision> decisions = new ArrayList<>();
		for (int[] in : possible) {
			decisions.add(interp.decide(p, in));
		}

		// Gaps.
		List<int[]> gaps = new ArrayList<>();
		for (int i = 0; i < possible.size(); i++) {
			if (decisions.get(i).kind() == Decision.Kind.NO_RULE) {
				gaps.add(possible.get(i));
			}
		}
		assertEquals(BigInteger.valueOf(gaps.size()), report.gapInputs(), "gap count");
		List<Finding> gapFindings = report.findings(FindingCodes.GAP);
		assertEquals(gaps.isEmpty() ? 0 : 1, gapFindings.size(), "gap finding");
		if (!gaps.isEmpty()) {
			assertInput(p, gaps.get(0), gapFindings.get(0).counterexample(), "first gap");
			assertEquals("policy `synth` decides nothing for " + gaps.size() + " possible input"
					+ (gaps.size() == 1 ? "" : "s"), gapFindings.get(0).message());
			assertEquals(BigInteger.valueOf(gaps.size()), analyzer.count(p, gapExpr(m)), "gap via count()");
		}

		// Outcome counts and rule coverage.
		Map<Integer, BigInteger> outcomes = new TreeMap<>();
		for (int o = 0; o < m.outcomes().size(); o++) {
			outcomes.put(o, BigInteger.ZERO);
		}
		BigInteger[] coverage = new BigInteger[rules.size()];
		java.util.Arrays.fill(coverage, BigInteger.ZERO);
		for (Decision d : decisions) {
			if (d.outcome() >= 0) {
				outcomes.merge(d.outcome(), BigInteger.ONE, BigInteger::add);
				coverage[rules.indexOf(d.firing().get())] = coverage[rules.indexOf(d.firing().get())].add(BigInteger.ONE);
			}
		}
		assertEquals(outcomes, report.outcomeCounts(), "outcome counts");
		assertEquals(List.of(coverage), report.ruleCoverage(), "rule coverage");

		// Impossible rules.
		boolean[] matchesSome = new boolean[rules.size()];
		for (int[] in : possible) {
			for (int j = 0; j < rules.size(); j++) {
				matchesSome[j] |= interp.matches(rules.get(j), in);
			}
		}
		Set<String> impossible = new LinkedHashSet<>();
		for (int j = 0; j < rules.size(); j++) {
			if (!matchesSome[j]) {
				impossible.add(rules.get(j).span().toString());
			}
		}
		Set<String> reportedImpossible = new LinkedHashSet<>();
		report.findings(FindingCodes.RULE_IMPOSSIBLE).forEach(f -> reportedImpossible.add(f.span().toString()));
		assertEquals(impossible, reportedImpossible, "impossible rules");

		// Overlaps (unique).
		if (p.hitPolicy() == HitPolicy.UNIQUE) {
			List<String> expected = new ArrayList<>();
			for (int j = 0; j < rules.size(); j++) {
				for (int i = 0; i < j; i++) {
					int count = 0;
					int[] first = null;
					for (int[] in : possible) {
						if (interp.matches(rules.get(i), in) && interp.matches(rules.get(j), in)) {
							count++;
							first = first == null ? in : first;
						}
					}
					if (count > 0) {
						expected.add("rules `" + rules.get(i).name() + "` and `" + rules.get(j).name() + "` both match "
								+ count + " possible input" + (count == 1 ? "" : "s") + " @ "
								+ analyzer.counterexample(p, first));
					}
				}
			}
			List<String> actual = new ArrayList<>();
			for (Finding f : report.findings(FindingCodes.OVERLAP)) {
				actual.add(f.message() + " @ " + f.counterexample().get());
			}
			assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(actual), "overlaps");
			assertEquals(expected.size(), actual.size(), "overlap count");
		} else {
			assertTrue(report.findings(FindingCodes.OVERLAP).isEmpty());
		}

		// Dead rules (first, priority): match some possible input, fire on none. The message names
		// earlier rules (in claim order) whose conditions together cover the dead rule's inputs.
		boolean[] fires = new boolean[rules.size()];
		for (Decision d : decisions) {
			d.firing().ifPresent(r -> fires[rules.indexOf(r)] = true);
		}
		boolean[] dead = new boolean[rules.size()];
		Map<String, String> expectedDead = new TreeMap<>();
		if (p.hitPolicy() != HitPolicy.UNIQUE) {
			for (int j = 0; j < rules.size(); j++) {
				if (matchesSome[j] && !fires[j]) {
					dead[j] = true;
					int[] first = null;
					for (int[] in : possible) {
						if (interp.matches(rules.get(j), in)) {
							first = in;
							break;
						}
					}
					expectedDead.put(rules.get(j).span().toString(), analyzer.counterexample(p, first).toString()
							+ " / " + interp.decide(p, first).firing().get().name());
				}
			}
		}
		Map<String, String> actualDead = new TreeMap<>();
		for (Finding f : report.findings(FindingCodes.DEAD_RULE)) {
			actualDead.put(f.span().toString(), f.counterexample().get() + " / " + f.counterexample().get().rule());
			Rule j = rules.stream().filter(r -> r.span().equals(f.span())).findFirst().get();
			String prefix = "rule `" + j.name() + "` " + (p.hitPolicy() == HitPolicy.PRIORITY ? "never decides: "
					: "is never reached: ");
			assertTrue(f.message().startsWith(prefix), f.message());
			String rest = f.message().substring(prefix.length());
			List<String> names = new ArrayList<>();
			java.util.regex.Matcher mm = java.util.regex.Pattern.compile("`([^`]*)`").matcher(rest);
			while (mm.find()) {
				names.add(mm.group(1));
			}
			boolean truncated = rest.contains(" more ");
			assertEquals((names.size() == 1 && !truncated ? "rule " : "rules ")
					+ PolicyAnalyzer.listed(names, 5, ", ") + (truncated ? rest.substring(rest.indexOf(" and "),
							rest.indexOf(" more") + 5) : "")
					+ (names.size() == 1 && !truncated ? " decides" : " decide") + " every input it matches", rest);
			List<Rule> named = names.stream().map(nm -> rules.stream().filter(r -> r.name().equals(nm)).findFirst()
					.get()).toList();
			for (Rule k : named) {
				boolean before = p.hitPolicy() == HitPolicy.PRIORITY
						? k.outcome() < j.outcome() || k.outcome() == j.outcome() && rules.indexOf(k) < rules.indexOf(j)
						: rules.indexOf(k) < rules.indexOf(j);
				assertTrue(before, "blocker " + k.name() + " claims before " + j.name());
			}
			if (!truncated) {
				for (int[] in : possible) {
					if (interp.matches(j, in)) {
						assertTrue(named.stream().anyMatch(k -> interp.matches(k, in)), "blockers cover " + j.name());
					}
				}
			}
		}
		assertEquals(expectedDead, actualDead, "dead rules");

		// Redundant rules: removing the rule changes no decided outcome.
		Set<String> expectedRedundant = new java.util.TreeSet<>();
		for (int j = 0; j < rules.size(); j++) {
			if (!matchesSome[j] || dead[j]) {
				continue;
			}
			List<Rule> without = new ArrayList<>(rules);
			without.remove(j);
			Policy q = new Policy(p.name(), p.hitPolicy(), p.inputs(), p.assumptions(), without, p.invariants(),
					p.tests(), p.doc(), p.span());
			boolean same = true;
			for (int i = 0; i < possible.size() && same; i++) {
				same = interp.decide(q, possible.get(i)).outcome() == decisions.get(i).outcome();
			}
			if (same) {
				expectedRedundant.add(rules.get(j).span().toString());
			}
		}
		Set<String> actualRedundant = new java.util.TreeSet<>();
		report.findings(FindingCodes.REDUNDANT_RULE).forEach(f -> actualRedundant.add(f.span().toString()));
		assertEquals(expectedRedundant, actualRedundant, "redundant rules");

		// Invariants.
		for (int k = 0; k < p.invariants().size(); k++) {
			Invariant inv = p.invariants().get(k);
			int count = 0;
			int[] first = null;
			for (int[] in : possible) {
				if (!interp.invariantHolds(p, inv.expr(), in)) {
					count++;
					first = first == null ? in : first;
				}
			}
			InvariantResult r = report.invariants().get(k);
			assertEquals(count == 0, r.proven(), "invariant " + inv.name());
			assertEquals(BigInteger.valueOf(count), r.violations(), "invariant violations");
			if (first != null) {
				assertInput(p, first, r.counterexample(), "invariant counterexample");
			}
		}
		assertEquals(p.invariants().size(), report.invariants().size());
		assertEquals(report.invariants().stream().filter(i -> !i.proven()).count(),
				report.findings(FindingCodes.INVARIANT_REFUTED).size());

		// Tests.
		for (int k = 0; k < p.tests().size(); k++) {
			PolicyTest t = p.tests().get(k);
			Interpreter.TestRun run = interp.runTest(p, t, 1 << 20);
			TestResult r = report.tests().get(k);
			assertEquals(run.passed(), r.passed(), "test " + t.name());
			long completions = possible.stream().filter(in -> t.literals().stream()
					.allMatch(l -> !p.inputs().contains(l.fact()) || in[l.fact()] == l.value())).count();
			assertEquals(BigInteger.valueOf(completions), r.completions(), "test completions");
			assertEquals(completions, run.completions(), "the interpreter counts every completion, failing or not");
			if (run.failingInput().isPresent()) {
				assertInput(p, run.failingInput().get(), r.counterexample(), "test counterexample");
				assertEquals(run.failingDecision().get().firing().map(Rule::name).orElse(""), r.rule());
			}
		}
		long failed = report.tests().stream().filter(t -> !t.passed() && !t.vacuous()).count();
		long vacuous = report.tests().stream().filter(TestResult::vacuous).count();
		assertEquals(failed, report.findings(FindingCodes.TEST_FAILED).size());
		assertEquals(vacuous, report.findings(FindingCodes.TEST_VACUOUS).size());

		// Decision diagrams: every possible input reaches its leaf; without don't-cares, every
		// impossible input reaches IMPOSSIBLE.
		Map<String, Boolean> possibleSet = new HashMap<>();
		for (int[] in : possible) {
			possibleSet.put(java.util.Arrays.toString(in), true);
		}
		for (DecisionDiagram.LeafKind kind : DecisionDiagram.LeafKind.values()) {
			for (boolean dc : new boolean[] {false, true}) {
				DecisionDiagram d = DecisionDiagram.build(analyzer, p, kind, dc);
				for (int[] in : allInputs(m, p)) {
					DecisionDiagram.Leaf leaf = d.evaluate(in);
					if (!possibleSet.containsKey(java.util.Arrays.toString(in))) {
						if (!dc) {
							assertEquals(DecisionDiagram.Kind.IMPOSSIBLE, leaf.kind(), "impossible leaf");
						}
						continue;
					}
					Decision dec = interp.decide(p, in);
					if (dec.firing().isEmpty()) {
						assertEquals(DecisionDiagram.Kind.NONE, leaf.kind(), "gap leaf " + kind + dc);
					} else if (kind == DecisionDiagram.LeafKind.RULE) {
						assertEquals(rules.indexOf(dec.firing().get()), leaf.rule(), "rule leaf");
						assertEquals(dec.outcome(), leaf.outcome());
					} else {
						assertEquals(dec.outcome(), leaf.outcome(), "outcome leaf");
					}
				}
				checkReduced(d);
			}
		}

		// Decision tables.
		DecisionTable reduced = DecisionTable.reduced(analyzer, p, 100_000);
		for (int i = 0; i < possible.size(); i++) {
			int[] in = possible.get(i);
			List<DecisionTable.Row> hits = reduced.rows().stream().filter(r -> r.matches(in)).toList();
			assertEquals(1, hits.size(), "one reduced row per possible input");
			Decision d = decisions.get(i);
			assertEquals(d.firing().map(Rule::name).orElse(""), hits.get(0).rule());
			assertEquals(d.outcome() < 0 ? "none" : m.outcome(d.outcome()).name(), hits.get(0).outcome());
		}
		DecisionTable full = DecisionTable.full(analyzer, p, 1 << 20);
		assertEquals(possible.size(), full.rows().size(), "full table rows");
		for (int i = 0; i < possible.size(); i++) {
			DecisionTable.Row row = full.rows().get(i);
			assertTrue(row.matches(possible.get(i)), "full table order");
			assertEquals(decisions.get(i).firing().map(Rule::name).orElse(""), row.rule());
		}
	}

	/** No test node has two edges to the same child, and no two test nodes are equal. */
	static void checkReduced(DecisionDiagram d) {
		Set<String> seen = new java.util.HashSet<>();
		for (DecisionDiagram.Node n : d.nodes()) {
			if (n instanceof DecisionDiagram.Test t) {
				assertTrue(t.edges().size() > 1, "test with one edge");
				Set<Integer> children = new java.util.HashSet<>();
				StringBuilder key = new StringBuilder().append(t.fact());
				for (DecisionDiagram.Edge e : t.edges()) {
					assertTrue(children.add(e.child().id()), "duplicate child");
					key.append(' ').append(e.values()).append(e.child().id());
				}
				assertTrue(seen.add(key.toString()), "duplicate node");
			}
		}
		if (d.impossibleAsDontCare()) {
			assertFalse(d.root() instanceof DecisionDiagram.Test t && t.edges().stream()
					.anyMatch(e -> e.child().kind() == DecisionDiagram.Kind.IMPOSSIBLE), "dc leaf left");
		}
	}

	/** An expression true exactly where no rule decides: no outcome holds. */
	static dev.mapl.ir.Expr gapExpr(Model m) {
		return new dev.mapl.ir.Expr.Not(new dev.mapl.ir.Expr.Or(java.util.stream.IntStream.range(0, m.outcomes().size())
				.mapToObj(o -> (dev.mapl.ir.Expr) new dev.mapl.ir.Expr.OutcomeIs(o, dev.mapl.ir.SourceSpan.NONE))
				.toList(), dev.mapl.ir.SourceSpan.NONE), dev.mapl.ir.SourceSpan.NONE);
	}
}
