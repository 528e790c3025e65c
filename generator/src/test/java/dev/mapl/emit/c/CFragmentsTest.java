package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mapl.ir.CTarget;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 20.3: a C piece that would break out of its line is refused, never written. */
class CFragmentsTest {

	@Test
	void expressionsThatWouldBreakTheirLine() {
		assertEquals(Optional.of("holds a comment"), CFragments.expressionProblem("flags & 2 // bit 1"));
		assertEquals(Optional.of("holds a comment"), CFragments.expressionProblem("a /* b */"));
		assertEquals(Optional.of("spans several lines"), CFragments.expressionProblem("a\n#error x"));
		assertEquals(Optional.of("has an unbalanced `)`"), CFragments.expressionProblem("a)"));
		assertEquals(Optional.of("has an unbalanced `)`"), CFragments.expressionProblem("f(a[1)]"));
		assertEquals(Optional.of("has an unbalanced `(`"), CFragments.expressionProblem("f(a, g(b)"));
		assertEquals(Optional.of("has an unterminated string literal"), CFragments.expressionProblem("\"a"));
		assertEquals(Optional.of("ends with a line continuation"), CFragments.expressionProblem("a \\"));
		assertEquals(Optional.of("is empty"), CFragments.expressionProblem(" "));
		assertEquals(Optional.empty(), CFragments.expressionProblem("FIELD_GET(M, pgprot_val(p)) == '/' && s[1] / 2"));
		assertEquals(Optional.empty(), CFragments.expressionProblem("!strcmp(s, \"//)\")"));
		assertEquals(Optional.empty(), CFragments.includeProblem("linux/kvm_host.h"));
		assertEquals(Optional.empty(), CFragments.includeProblem("<asm/kvm_pgtable.h>"));
		assertEquals(Optional.of("is not a header name"), CFragments.includeProblem("x.h>\n#error injected\n#include <y.h"));
		assertEquals(Optional.of("is not a header name"), CFragments.includeProblem("x.h> // y"));
	}

	/** The backend refuses what the validator reports, for a model that was never validated. */
	@Test
	void theBackendRefusesAnUnsafeBinding() {
		Model m = SynthTargets.withTarget(PolicySynthesizer.synthesize(Spec.of(3, 0, 4, HitPolicy.FIRST, 5)
				.withOtherwise(true)), "f", "x.h", CTarget.Style.BRANCHES);
		CTarget t = m.cTargets().get(0);
		Map<Integer, String> facts = new HashMap<>(t.facts());
		facts.put(0, "in->f0 & 2 // bit 1");
		CTarget bad = new CTarget(t.policy(), t.file(), t.function(), t.includes(), facts, t.enumValues(), t.outcomes(),
				t.region(), t.style(), t.span());
		Model withBad = new Model(m.facts(), m.outcomes(), m.assumptions(), m.policies(), List.of(bad));
		CEmitException e = assertThrows(CEmitException.class,
				() -> new CBackend(withBad, Optional.empty(), Provenance.of("<linux>")).header("x.h", List.of(bad)));
		assertEquals("C binding `in->f0 & 2 // bit 1` holds a comment", e.getMessage());
		CTarget badInclude = new CTarget(t.policy(), t.file(), t.function(), List.of("x.h>\n#error injected\n#include <y.h"),
				t.facts(), t.enumValues(), t.outcomes(), t.region(), t.style(), t.span());
		Model withBadInclude = new Model(m.facts(), m.outcomes(), m.assumptions(), m.policies(), List.of(badInclude));
		e = assertThrows(CEmitException.class, () -> new CBackend(withBadInclude, Optional.empty(), Provenance.of("<linux>"))
				.header("x.h", List.of(badInclude)));
		assertEquals("include `x.h>\\n#error injected\\n#include <y.h` is not a header name", e.getMessage());
	}
}
