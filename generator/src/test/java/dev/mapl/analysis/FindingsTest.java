package dev.mapl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.testing.IrBuilder;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each finding kind on a small hand-written policy: exact message, help, span and counterexample. */
class FindingsTest {

	/** The stage-2 facts and outcomes, in priority order. */
	static IrBuilder kvm() {
		return new IrBuilder()
				.bool("VM_PFNMAP", "MTE_ALLOWED", "guest.mte")
				.enumeration("prot", "MT_NORMAL", "MT_NORMAL_TAGGED", "MT_NORMAL_NC", "MT_DEVICE_nGnRE")
				.outcome("Efault")
				.outcome("Device")
				.outcome("NormalNC")
				.outcome("Normal", "cacheable");
	}

	static PolicyReport analyze(Model m) {
		return new PolicyAnalyzer(m).analyze(m.policies().get(0));
	}

	static Finding only(PolicyReport r, String code) {
		List<Finding> fs = r.findings(code);
		assertEquals(1, fs.size(), () -> code + " in " + r.findings());
		return fs.get(0);
	}

	static Rule rule(Model m, String name) {
		return m.policies().get(0).rules().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void gap() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "!VM_PFNMAP", "Normal")
				.rule("r2", "MTE_ALLOWED", "Normal")
				.rule("r3", "prot == MT_DEVICE_nGnRE", "Device")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = only(r, FindingCodes.GAP);
		assertEquals(Severity.ERROR, f.severity());
		assertEquals("policy `stage2` decides nothing for 3 possible inputs", f.message());
		assertEquals("add a rule for `VM_PFNMAP & !MTE_ALLOWED & prot != MT_DEVICE_nGnRE`, or end the policy with "
				+ "`otherwise -> ...`", f.help());
		assertEquals(m.policies().get(0).span(), f.span());
		assertEquals("VM_PFNMAP, !MTE_ALLOWED, prot = MT_NORMAL", f.counterexample().get().toString());
		assertEquals("", f.counterexample().get().outcome());
		assertEquals("", f.counterexample().get().rule());
		assertEquals(List.of("VM_PFNMAP & !MTE_ALLOWED & prot != MT_DEVICE_nGnRE"), f.cubes());
		assertEquals(BigInteger.valueOf(3), r.gapInputs());
		assertEquals(BigInteger.valueOf(16), r.possibleInputs());
		assertEquals(Map.of(0, BigInteger.ZERO, 1, BigInteger.ONE, 2, BigInteger.ZERO, 3, BigInteger.valueOf(12)),
				r.outcomeCounts());
		assertEquals(List.of(BigInteger.valueOf(8), BigInteger.valueOf(4), BigInteger.ONE), r.ruleCoverage());
	}

	@Test
	void gapWithSeveralRegions() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & MTE_ALLOWED", "Normal")
				.rule("r2", "!VM_PFNMAP & !MTE_ALLOWED", "Device")
				.end().build();
		Finding f = only(analyze(m), FindingCodes.GAP);
		assertEquals("policy `stage2` decides nothing for 2 possible inputs", f.message());
		assertEquals(List.of("!VM_PFNMAP & MTE_ALLOWED", "VM_PFNMAP & !MTE_ALLOWED"), f.cubes());
		assertEquals("add rules for `!VM_PFNMAP & MTE_ALLOWED` and `VM_PFNMAP & !MTE_ALLOWED`, or end the policy "
				+ "with `otherwise -> ...`", f.help());
		assertEquals("!VM_PFNMAP, MTE_ALLOWED", f.counterexample().get().toString());
	}

	@Test
	void noGapWithOtherwise() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP", "Device")
				.otherwise("Normal")
				.end().build();
		assertTrue(analyze(m).findings().isEmpty());
	}

	@Test
	void overlap() {
		Model m = kvm().policy("stage2", HitPolicy.UNIQUE)
				.rule("r1", "VM_PFNMAP", "Device")
				.rule("r2", "prot in {MT_NORMAL_NC, MT_DEVICE_nGnRE}", "Device")
				.rule("r3", "!VM_PFNMAP & prot in {MT_NORMAL, MT_NORMAL_TAGGED}", "Normal")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = only(r, FindingCodes.OVERLAP);
		assertEquals(Severity.ERROR, f.severity());
		assertEquals("rules `r1` and `r2` both match 2 possible inputs", f.message());
		assertEquals("make the conditions exclusive, or use the `first` or `priority` hit policy", f.help());
		assertEquals(rule(m, "r2").span(), f.span());
		assertEquals("VM_PFNMAP, prot = MT_NORMAL_NC", f.counterexample().get().toString());
		assertEquals("r1", f.counterexample().get().rule());
		assertEquals(List.of("VM_PFNMAP & prot in {MT_NORMAL_NC, MT_DEVICE_nGnRE}"), f.cubes());
	}

	@Test
	void overlapOnePairPerFinding() {
		Model m = kvm().policy("stage2", HitPolicy.UNIQUE)
				.rule("a", "VM_PFNMAP", "Device")
				.rule("b", "MTE_ALLOWED", "Device")
				.rule("c", "VM_PFNMAP & MTE_ALLOWED", "Normal")
				.otherwise("Normal")
				.end().build();
		List<String> messages = analyze(m).findings(FindingCodes.OVERLAP).stream().map(Finding::message).toList();
		assertEquals(List.of(
				"rules `a` and `b` both match 1 possible input",
				"rules `a` and `c` both match 1 possible input",
				"rules `b` and `c` both match 1 possible input",
				"rules `a` and `line 13` both match 2 possible inputs",
				"rules `b` and `line 13` both match 2 possible inputs",
				"rules `c` and `line 13` both match 1 possible input"), messages);
	}

	@Test
	void deadRule() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP", "Device")
				.rule("r2", "!VM_PFNMAP & guest.mte", "Efault")
				.rule("r3", "VM_PFNMAP & MTE_ALLOWED", "Normal")
				.rule("r4", "guest.mte", "Normal")
				.otherwise("Normal")
				.end().build();
		PolicyReport r = analyze(m);
		List<Finding> dead = r.findings(FindingCodes.DEAD_RULE);
		assertEquals(2, dead.size(), r.findings()::toString);
		assertEquals(Severity.WARNING, dead.get(0).severity());
		assertEquals("rule `r3` is never reached: rule `r1` decides every input it matches", dead.get(0).message());
		assertEquals("remove it, or move it before `r1`", dead.get(0).help());
		assertEquals(rule(m, "r3").span(), dead.get(0).span());
		assertEquals("VM_PFNMAP, MTE_ALLOWED, !guest.mte", dead.get(0).counterexample().get().toString());
		assertEquals("r1", dead.get(0).counterexample().get().rule());
		assertEquals("rule `r4` is never reached: rules `r1`, `r2` decide every input it matches",
				dead.get(1).message());
		assertEquals("remove it, or move it before `r1`", dead.get(1).help());
		// Dead rules are not also reported redundant.
		assertTrue(r.findings(FindingCodes.REDUNDANT_RULE).isEmpty(), r.findings()::toString);
		assertEquals(2, r.findings().size());
	}

	@Test
	void deadRuleUnderPriority() {
		Model m = kvm().policy("stage2", HitPolicy.PRIORITY)
				.rule("r1", "VM_PFNMAP", "Normal")
				.rule("r2", "VM_PFNMAP & MTE_ALLOWED", "Device")
				.rule("r3", "MTE_ALLOWED & guest.mte & VM_PFNMAP", "NormalNC")
				.otherwise("Normal")
				.end().build();
		Finding f = only(analyze(m), FindingCodes.DEAD_RULE);
		assertEquals("rule `r3` never decides: rule `r2` decides every input it matches", f.message());
		assertEquals("remove it, or narrow the rules that win over it", f.help());
		assertEquals(rule(m, "r3").span(), f.span());
		assertEquals("VM_PFNMAP, MTE_ALLOWED, guest.mte", f.counterexample().get().toString());
		assertEquals("Device", f.counterexample().get().outcome());
	}

	@Test
	void redundantRule() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & MTE_ALLOWED", "Normal")
				.rule("r2", "VM_PFNMAP", "Device")
				.rule("r3", "!VM_PFNMAP & guest.mte", "Normal")
				.otherwise("Normal")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = only(r, FindingCodes.REDUNDANT_RULE);
		assertEquals(Severity.INFO, f.severity());
		assertEquals("rule `r3` is redundant: removing it changes no decision", f.message());
		assertEquals("remove it", f.help());
		assertEquals(rule(m, "r3").span(), f.span());
		assertEquals("!VM_PFNMAP, !MTE_ALLOWED, guest.mte", f.counterexample().get().toString());
	}

	@Test
	void invariantRefuted() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & prot in {MT_NORMAL, MT_NORMAL_TAGGED}", "Normal")
				.rule("r2", "prot == MT_DEVICE_nGnRE", "Device")
				.otherwise("NormalNC")
				.invariant("no_tags", "guest.mte & !MTE_ALLOWED => !cacheable")
				.invariant("device_is_device", "prot == MT_DEVICE_nGnRE => Device")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = only(r, FindingCodes.INVARIANT_REFUTED);
		assertEquals(Severity.ERROR, f.severity());
		assertEquals("invariant `no_tags` does not hold: rule `r1` decides `Normal` for "
				+ "`VM_PFNMAP, !MTE_ALLOWED, guest.mte, prot = MT_NORMAL`", f.message());
		assertEquals("it fails for 2 possible inputs", f.help());
		assertEquals(m.policies().get(0).invariants().get(0).span(), f.span());
		assertEquals(List.of("VM_PFNMAP & !MTE_ALLOWED & guest.mte & prot in {MT_NORMAL, MT_NORMAL_TAGGED}"),
				f.cubes());
		assertEquals("r1", f.counterexample().get().rule());
		assertEquals(rule(m, "r1").span(), f.counterexample().get().ruleSpan());
		InvariantResult no = r.invariants().get(0);
		assertFalse(no.proven());
		assertEquals(BigInteger.TWO, no.violations());
		assertTrue(r.invariants().get(1).proven());
	}

	@Test
	void invariantRefutedOnAGap() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP", "Device")
				.invariant("decided", "Device | Normal")
				.end().build();
		PolicyReport r = analyze(m);
		Finding f = only(r, FindingCodes.INVARIANT_REFUTED);
		assertEquals("invariant `decided` does not hold: the policy decides nothing for `!VM_PFNMAP`", f.message());
		assertEquals("it fails for 1 possible input", f.help());
	}

	@Test
	void testFailed() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & prot in {MT_NORMAL, MT_NORMAL_TAGGED}", "Normal")
				.rule("prot == MT_DEVICE_nGnRE", "Device")
				.otherwise("NormalNC")
				.test("pfnmap, mte guest", "VM_PFNMAP, guest.mte, prot = MT_DEVICE_nGnRE", "NormalNC")
				.test("plain", "VM_PFNMAP, prot = MT_NORMAL", "Normal")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = only(r, FindingCodes.TEST_FAILED);
		String device = rule(m, "line 11").name();
		assertEquals("test `pfnmap, mte guest` fails: expected `NormalNC`, but rule `" + device
				+ "` decides `Device` for `VM_PFNMAP, guest.mte, prot = MT_DEVICE_nGnRE`", f.message());
		assertEquals(m.policies().get(0).tests().get(0).span(), f.span());
		assertEquals("VM_PFNMAP, guest.mte, prot = MT_DEVICE_nGnRE", f.counterexample().get().toString());
		TestResult t = r.tests().get(0);
		assertFalse(t.passed());
		assertEquals(BigInteger.ONE, t.completions());
		assertEquals("NormalNC", t.expected());
		assertEquals("Device", t.actual());
		assertEquals("line 11", t.rule());
		TestResult plain = r.tests().get(1);
		assertTrue(plain.passed());
		assertEquals(BigInteger.TWO, plain.completions());
	}

	@Test
	void testFailedOnGapAndConflict() {
		Model m = kvm().policy("stage2", HitPolicy.UNIQUE)
				.rule("a", "VM_PFNMAP", "Device")
				.rule("b", "VM_PFNMAP & MTE_ALLOWED", "Device")
				.test("gap", "!VM_PFNMAP", "Normal")
				.test("conflict", "VM_PFNMAP, MTE_ALLOWED", "Device")
				.end().build();
		PolicyReport r = analyze(m);
		List<Finding> fs = r.findings(FindingCodes.TEST_FAILED);
		assertEquals(2, fs.size());
		assertEquals("test `gap` fails: expected `Normal`, but the policy decides nothing for `!VM_PFNMAP, !MTE_ALLOWED`",
				fs.get(0).message());
		assertEquals("test `conflict` fails: expected `Device`, but rules `a` and `b` both match "
				+ "`VM_PFNMAP, MTE_ALLOWED`", fs.get(1).message());
		assertEquals("Device", r.tests().get(1).actual());
		assertEquals("a", r.tests().get(1).rule());
	}

	@Test
	void testVacuous() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.assume("guest.mte => MTE_ALLOWED")
				.rule("r1", "VM_PFNMAP", "Device")
				.otherwise("Normal")
				.test("x", "guest.mte, !MTE_ALLOWED", "Normal")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = only(r, FindingCodes.TEST_VACUOUS);
		assertEquals(Severity.ERROR, f.severity());
		assertEquals("test `x` matches no possible input", f.message());
		assertEquals(m.policies().get(0).tests().get(0).span(), f.span());
		assertTrue(f.counterexample().isEmpty());
		assertTrue(r.tests().get(0).vacuous());
		assertFalse(r.tests().get(0).passed());
		assertEquals(BigInteger.valueOf(6), r.possibleInputs());
	}

	@Test
	void assumptionsContradictory() {
		Model m = kvm().policy("p", HitPolicy.FIRST)
				.assume("VM_PFNMAP")
				.assume("!VM_PFNMAP | MTE_ALLOWED")
				.assume("!MTE_ALLOWED")
				.rule("r1", "VM_PFNMAP", "Device")
				.invariant("i", "Device")
				.test("t", "VM_PFNMAP", "Device")
				.end().build();
		PolicyReport r = analyze(m);
		assertEquals(1, r.findings().size(), r.findings()::toString);
		Finding f = r.findings().get(0);
		assertEquals(FindingCodes.ASSUMPTIONS_CONTRADICTORY, f.code());
		assertEquals(Severity.ERROR, f.severity());
		assertEquals("the assumptions of policy `p` exclude every input", f.message());
		assertEquals(m.policies().get(0).span(), f.span());
		assertEquals(BigInteger.ZERO, r.possibleInputs());
	}

	@Test
	void ruleImpossible() {
		Model m = kvm()
				.assume("!(VM_PFNMAP & guest.mte)")
				.policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP", "Device")
				.rule("r2", "VM_PFNMAP & guest.mte", "Efault")
				.rule("r3", "MTE_ALLOWED & !MTE_ALLOWED", "Efault")
				.otherwise("Normal")
				.end().build();
		PolicyReport r = analyze(m);
		List<Finding> fs = r.findings(FindingCodes.RULE_IMPOSSIBLE);
		assertEquals(2, fs.size(), r.findings()::toString);
		assertEquals(Severity.WARNING, fs.get(0).severity());
		assertEquals("the assumptions exclude every input rule `r2` could match", fs.get(0).message());
		assertEquals(rule(m, "r2").span(), fs.get(0).span());
		assertEquals("rule `r3` can never match: its condition is always false", fs.get(1).message());
		assertEquals(2, r.findings().size(), r.findings()::toString);
	}

	@Test
	void findingsAreSortedBySpan() {
		Model m = kvm().policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP", "Device")
				.rule("r2", "VM_PFNMAP & guest.mte", "Normal")
				.invariant("i", "!Device")
				.test("t", "VM_PFNMAP", "Normal")
				.end().build();
		List<String> codes = analyze(m).findings().stream().map(Finding::kind).toList();
		assertEquals(List.of("gap", "dead-rule", "invariant-refuted", "test-failed"), codes);
	}

	@Test
	void overlapFindingsAreCapped() {
		Model m = kvm().policy("stage2", HitPolicy.UNIQUE)
				.rule("a", "VM_PFNMAP", "Device")
				.rule("b", "MTE_ALLOWED", "Device")
				.rule("c", "guest.mte", "Normal")
				.rule("d", "VM_PFNMAP | guest.mte", "Normal")
				.otherwise("Normal")
				.end().build();
		PolicyAnalyzer.Options o = PolicyAnalyzer.Options.DEFAULT;
		PolicyReport r = new PolicyAnalyzer(m, new PolicyAnalyzer.Options(o.maxCubes(), 2, o.maxNamedRules(),
				o.maxNodes(), 0)).analyze(m.policies().get(0));
		List<String> messages = r.findings(FindingCodes.OVERLAP).stream().map(Finding::message).toList();
		assertEquals(List.of(
				"3 more rules overlap an earlier rule (only the first 2 overlapping pairs are reported)",
				"rules `a` and `b` both match 2 possible inputs",
				"rules `a` and `c` both match 2 possible inputs"), messages);
		assertEquals(m.policies().get(0).span(), r.findings(FindingCodes.OVERLAP).get(0).span());
	}

	@Test
	void limits() {
		Model m = dev.mapl.synth.PolicySynthesizer.synthesize(
				dev.mapl.synth.PolicySynthesizer.Spec.of(40, 2, 200, HitPolicy.FIRST, 1));
		Policy p = m.policies().get(0);
		AnalysisLimitException e = org.junit.jupiter.api.Assertions.assertThrows(AnalysisLimitException.class,
				() -> new PolicyAnalyzer(m, PolicyAnalyzer.Options.DEFAULT.withMaxNodes(1000)).analyze(p));
		assertEquals("policy `synth` is too large to analyse: more than 1000 BDD nodes", e.getMessage());
		Model m2 = dev.mapl.synth.PolicySynthesizer.synthesize(
				dev.mapl.synth.PolicySynthesizer.Spec.of(40, 2, 3000, HitPolicy.FIRST, 1));
		e = org.junit.jupiter.api.Assertions.assertThrows(AnalysisLimitException.class,
				() -> new PolicyAnalyzer(m2, PolicyAnalyzer.Options.DEFAULT.withTimeoutMillis(1))
						.analyze(m2.policies().get(0)));
		assertTrue(e.getMessage().startsWith("policy `synth` is too large to analyse within 1 ms"), e.getMessage());
	}

	@Test
	void queries() {
		IrBuilder b = kvm();
		Model m = b.policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & prot in {MT_NORMAL, MT_NORMAL_TAGGED}", "Normal")
				.otherwise("Device")
				.end().build();
		Policy p = m.policies().get(0);
		PolicyAnalyzer a = new PolicyAnalyzer(m);
		assertEquals(BigInteger.valueOf(8), a.possibleInputs(p));
		assertEquals(BigInteger.TWO, a.count(p, b.parse("cacheable")));
		assertEquals("VM_PFNMAP, prot = MT_NORMAL", a.firstInput(p, b.parse("Normal")).get().toString());
		assertEquals(List.of("VM_PFNMAP & prot in {MT_NORMAL, MT_NORMAL_TAGGED}"), a.cubes(p, b.parse("Normal")));
		assertEquals("!VM_PFNMAP, prot = MT_NORMAL", a.firstFiring(p, 1).get().toString());
		assertTrue(a.firstGap(p).isEmpty());
	}
}
