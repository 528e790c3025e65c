package dev.mapl.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.Exprs;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PolicySynthesizerTest {

	@Test
	void sameSpecSameModel() {
		Spec spec = Spec.of(12, 2, 40, HitPolicy.PRIORITY, 7).withGuards(0.3).withOtherwise(true);
		assertEquals(PolicySynthesizer.synthesize(spec), PolicySynthesizer.synthesize(spec));
		assertNotEquals(PolicySynthesizer.synthesize(spec), PolicySynthesizer.synthesize(spec.withSeed(8)));
	}

	@Test
	void shape() {
		Model m = PolicySynthesizer.synthesize(Spec.of(10, 2, 25, HitPolicy.FIRST, 3).withOtherwise(true)
				.withTests(4).withInvariants(2).withAssumptions(3).withOutcomes(5));
		assertEquals(12, m.facts().size());
		assertEquals(2, m.facts().stream().filter(f -> !f.isBoolean()).count());
		assertEquals(5, m.outcomes().size());
		Policy p = m.policies().get(0);
		assertEquals(26, p.rules().size());
		assertTrue(p.rules().get(25).otherwise());
		assertEquals(4, p.tests().size());
		assertEquals(2, p.invariants().size());
		assertEquals(3, p.assumptions().size());
		BitSet used = new BitSet();
		p.rules().forEach(r -> used.or(Exprs.factsOf(r.condition())));
		used.stream().forEach(f -> assertTrue(p.inputs().contains(f)));
		for (int j = 0; j < p.rules().size(); j++) {
			assertEquals(j, p.rules().get(j).index());
		}
	}

	@Test
	void windowKeepsRulesLocal() {
		Model m = PolicySynthesizer.synthesize(Spec.of(60, 0, 200, HitPolicy.FIRST, 1).withWindow(6).withGuards(0));
		for (Rule r : m.policies().get(0).rules()) {
			BitSet fs = Exprs.factsOf(r.condition());
			assertTrue(fs.length() - 1 - fs.nextSetBit(0) < 6, r.toString());
		}
	}

	@Test
	void exclusiveRulesAreDisjoint() {
		for (int window : new int[] {0, 4}) {
			Model m = PolicySynthesizer.synthesize(Spec.of(8, 1, 30, HitPolicy.UNIQUE, 5).withExclusive(true)
					.withWindow(window).withAssumptions(0));
			var report = new dev.mapl.analysis.PolicyAnalyzer(m).analyze(m.policies().get(0));
			assertTrue(report.findings(dev.mapl.analysis.FindingCodes.OVERLAP).isEmpty());
			assertEquals(0, report.gapInputs().signum());
		}
	}

	@Test
	void mutateKeepsFactsAndChangesRules() {
		Model m = PolicySynthesizer.synthesize(Spec.of(6, 1, 10, HitPolicy.FIRST, 2));
		Model n = PolicySynthesizer.mutate(m, 11, 3);
		assertEquals(m.facts(), n.facts());
		assertEquals(m.outcomes(), n.outcomes());
		assertNotEquals(m.policies().get(0).rules(), n.policies().get(0).rules());
	}
}
