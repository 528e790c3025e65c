package dev.mapl.emit.dmn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.emit.dmn.DmnConformance.Boundaries;
import dev.mapl.emit.dmn.DmnConformance.Feel;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.testing.IrBuilder;
import java.util.List;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The DMN export of synthesized policies of every hit policy, evaluated by Camunda's DMN engine,
 * decides like the reference interpreter on every input (unique-policy conflicts included).
 */
class DmnExportPropertyTest {

	static final int POLICIES = 60;

	static Spec spec(long seed) {
		SplittableRandom r = new SplittableRandom(seed * 131 + 3);
		HitPolicy hp = HitPolicy.values()[(int) (seed % 3)];
		return new Spec(1 + r.nextInt(6), r.nextInt(3), r.nextInt(12), hp, seed, 1 + r.nextInt(3), 1 + r.nextInt(5),
				r.nextInt(3), 0, 0, 0.3, r.nextBoolean(), r.nextInt(4) == 0);
	}

	@Test
	void camundaAgreesWithTheInterpreter() {
		long inputs = 0;
		for (long seed = 0; seed < POLICIES; seed++) {
			Model m = PolicySynthesizer.synthesize(spec(seed));
			try {
				// Every input with the legacy FEEL engine; a sample with the default (slower) one.
				inputs += DmnConformance.check(Feel.LEGACY, m, m.policies().get(0), 1 << 10, 300, Boundaries.NEIGHBOURS, seed);
				if (seed % 3 == 0) {
					inputs += DmnConformance.check(Feel.SCALA, m, m.policies().get(0), 32, 32, Boundaries.NONE, seed);
				}
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("seed " + seed + " " + spec(seed) + ": " + e.getMessage() + "\n"
						+ DmnEmitter.emit(m, m.policies().get(0), DmnEmitter.Options.of("test")), e);
			}
		}
		assertTrue(inputs > 4_000, "checked " + inputs);
	}

	@Test
	void largePolicyAgreesOnSamplesAndBoundaries() {
		Model m = PolicySynthesizer.synthesize(Spec.of(16, 4, 300, HitPolicy.UNIQUE, 21).withExclusive(true)
				.withInvariants(0).withTests(0));
		assertTrue(DmnConformance.check(Feel.LEGACY, m, m.policies().get(0), 0, 100, Boundaries.FIRINGS, 1) > 300);
		assertTrue(DmnConformance.check(Feel.SCALA, m, m.policies().get(0), 0, 3, Boundaries.NONE, 2) == 3);
	}

	@Test
	void exportIsDeterministic() {
		Model m = PolicySynthesizer.synthesize(spec(7));
		assertEquals(DmnEmitter.emit(m, m.policies().get(0), DmnEmitter.Options.of("x")),
				DmnEmitter.emit(PolicySynthesizer.synthesize(spec(7)), PolicySynthesizer.synthesize(spec(7)).policies().get(0),
						DmnEmitter.Options.of("x")));
	}

	/**
	 * Issue 20.5: a doc comment may hold characters XML 1.0 forbids (U+FFFE, U+FFFF, a lone
	 * surrogate, control characters); the export stays well-formed XML.
	 */
	@Test
	void charactersXmlForbidsDoNotBreakTheExport() throws Exception {
		Model m = new IrBuilder().bool("a").outcome("X").outcome("Y").policy("p", HitPolicy.FIRST).rule("r", "a", "X")
				.otherwise("Y").end().build();
		Policy p = m.policies().get(0);
		String doc = "odd: \uFFFE \uFFFF \uD800 \u0001 \uDBFF\uDFFF kept";
		Policy odd = new Policy(p.name(), p.hitPolicy(), p.inputs(), p.assumptions(), p.rules(), p.invariants(), p.tests(),
				doc, p.span());
		String xml = DmnEmitter.emit(new Model(m.facts(), m.outcomes(), m.assumptions(), List.of(odd)), odd,
				DmnEmitter.Options.of("x"));
		javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
		f.setNamespaceAware(true);
		org.w3c.dom.Document d = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
		String description = d.getElementsByTagNameNS("*", "description").item(1).getTextContent();
		assertTrue(description.startsWith("odd: \uFFFD \uFFFD \uFFFD   \uDBFF\uDFFF kept"), description);
	}
}
