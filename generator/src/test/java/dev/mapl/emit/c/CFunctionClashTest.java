package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mapl.ir.CTarget;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 20.1: two targets compiled together never write clashing functions into one header. */
class CFunctionClashTest {

	@Test
	void aFunctionNamedLikeAnotherTargetsInnerFunctionIsRefused() {
		Model m = SynthTargets.withTarget(PolicySynthesizer.synthesize(Spec.of(3, 0, 4, HitPolicy.FIRST, 5)
				.withOtherwise(true)), "f", "x.h", CTarget.Style.BRANCHES);
		CTarget t = m.cTargets().get(0);
		CTarget inner = new CTarget(t.policy(), t.file(), CTarget.Prototype.parse("int __f(const struct synth_input *in)")
				.orElseThrow(), t.includes(), t.facts(), t.enumValues(), t.outcomes(), t.region(), t.style(), t.span());
		CBackend backend = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
		CEmitException e = assertThrows(CEmitException.class, () -> backend.byFile(List.of(t, inner)));
		assertEquals("`x.h` would get two functions `__f` (for policies `synth` and `synth`)", e.getMessage());
		e = assertThrows(CEmitException.class, () -> backend.byFile(List.of(t, t)));
		assertEquals("`x.h` would get two functions `f` (for policies `synth` and `synth`)", e.getMessage());
	}
}
