package dev.mapl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import dev.mapl.testing.IrBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Partial evaluation (explain, table and diff with some facts given), checked against brute-force
 * enumeration through the interpreter: on small synthesized policies, every subset of up to three
 * fixed facts with every combination of their values.
 */
class PartialEvaluationPropertyTest {

	static final int POLICIES = 120;

	@Test
	void residualsAgreeWithTheInterpreter() {
		int questions = 0;
		for (long seed = 0; seed < POLICIES; seed++) {
			Spec spec = AnalysisPropertyTest.spec(seed);
			if (spec.factCount() + spec.enumCount() > 5) {
				continue;
			}
			if (seed % 5 == 4) {
				spec = spec.withAssumptions(4); // some given facts contradict them
			}
			Model m = PolicySynthesizer.synthesize(spec);
			Policy p = m.policies().get(0);
			PolicyAnalyzer analyzer = new PolicyAnalyzer(m);
			if (analyzer.possibleInputs(p).signum() == 0) {
				continue;
			}
			for (List<Integer> facts : ResidualOracle.subsets(p, 3)) {
				for (int[] given : ResidualOracle.combinations(m, facts)) {
					try {
						ResidualOracle.check(analyzer, p, given);
					} catch (AssertionError | RuntimeException e) {
						throw new AssertionError("seed " + seed + " " + spec + " given "
								+ ResidualOracle.restriction(m, given) + ": " + e.getMessage(), e);
					}
					questions++;
				}
			}
		}
		assertTrue(questions > 5000, "questions asked: " + questions);
	}

	@Test
	void badFactsGetDidYouMeanHelpAndExcludedOnesNameTheAssumption() {
		Model m = new IrBuilder().bool("VM_PFNMAP", "VM_MIXEDMAP", "guest.mte").enumeration("prot", "MT_NORMAL", "MT_DEVICE")
				.outcome("Device").outcome("Normal")
				.policy("fault", HitPolicy.FIRST)
				.assume("!(VM_PFNMAP & VM_MIXEDMAP)")
				.rule("dev", "VM_PFNMAP & prot == MT_DEVICE", "Device")
				.rule("mte", "guest.mte", "Device")
				.otherwise("Normal")
				.end().build();
		Policy p = m.policies().get(0);
		PolicyAnalyzer analyzer = new PolicyAnalyzer(m);
		RestrictionException unknown = bad(analyzer, p, "VM_PFNMP=1");
		assertEquals("policy `fault` has no fact `VM_PFNMP`", unknown.getMessage());
		assertEquals("did you mean `VM_PFNMAP`?", unknown.help());
		RestrictionException far = bad(analyzer, p, "zzz=1");
		assertEquals("its facts are `VM_PFNMAP`, `VM_MIXEDMAP`, `guest.mte`, `prot`", far.help());
		RestrictionException value = bad(analyzer, p, "prot=MT_NORML");
		assertEquals("`MT_NORML` is not a value of enum `prot`", value.getMessage());
		assertEquals("did you mean `MT_NORMAL`?", value.help());
		RestrictionException bool = bad(analyzer, p, "guest.mte=ture");
		assertEquals("`guest.mte` is a boolean: give 0 or 1, not `ture`", bool.getMessage());
		assertEquals("did you mean `true`?", bool.help());
		assertEquals("`VM_PFNMAP` is given twice", bad(analyzer, p, "VM_PFNMAP=1", "VM_PFNMAP=0").getMessage());
		assertThrows(RestrictionException.class, () -> Restriction.parse(List.of("VM_PFNMAP")));
		RestrictionException excluded = bad(analyzer, p, "VM_PFNMAP=true", "VM_MIXEDMAP=true");
		assertTrue(excluded.excluded());
		assertEquals("no possible input of policy `fault` has VM_PFNMAP=1, VM_MIXEDMAP=1: the assumption "
				+ "`!(VM_PFNMAP & VM_MIXEDMAP)` (test.mapl:" + p.assumptions().get(0).span().line() + ":1) excludes it",
				excluded.getMessage());
		assertFalse(unknown.excluded());
	}

	private static RestrictionException bad(PolicyAnalyzer analyzer, Policy p, String... words) {
		return assertThrows(RestrictionException.class,
				() -> PartialEvaluation.residual(analyzer, p, Restriction.parse(List.of(words))));
	}

	@Test
	void sameAnswerOnEveryRun() {
		Model m = PolicySynthesizer.synthesize(AnalysisPropertyTest.spec(7));
		Policy p = m.policies().get(0);
		Restriction r = ResidualOracle.restriction(m, ResidualOracle.combinations(m, List.of(p.inputs().get(0))).get(0));
		Residual a = PartialEvaluation.residual(new PolicyAnalyzer(m), p, r);
		Residual b = PartialEvaluation.residual(new PolicyAnalyzer(m), p, r);
		assertEquals(dev.mapl.report.ExplainRenderer.json(a, s -> ""), dev.mapl.report.ExplainRenderer.json(b, s -> ""));
		assertEquals(dev.mapl.report.ExplainRenderer.text(a, s -> ""), dev.mapl.report.ExplainRenderer.text(b, s -> ""));
	}
}
