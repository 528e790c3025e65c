package dev.mapl.cli.c;

import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.SourceSpan;
import dev.mapl.synth.PolicySynthesizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Synthesized policies with a C target whose facts read {@code struct synth_input}. */
final class SynthModels {

	private SynthModels() {
	}

	static Model model(long seed, String function, String file, CTarget.Style style) {
		HitPolicy[] hits = HitPolicy.values();
		var spec = PolicySynthesizer.Spec.of(2 + (int) (seed % 6), 1 + (int) (seed % 2), 3 + (int) (seed % 5),
				hits[(int) (seed % 3)], 500 + seed).withOtherwise(true).withAssumptions((int) (seed % 3)).withOutcomes(3);
		Model m = PolicySynthesizer.synthesize(spec);
		Map<Integer, String> facts = new TreeMap<>();
		Map<Integer, List<String>> values = new TreeMap<>();
		for (int f = 0; f < m.facts().size(); f++) {
			Fact fact = m.fact(f);
			facts.put(f, "in->" + fact.name());
			if (!fact.isBoolean()) {
				List<String> vs = new ArrayList<>();
				for (int v = 0; v < fact.domainSize(); v++) {
					vs.add("SYNTH_" + fact.name().toUpperCase(java.util.Locale.ROOT) + "_V" + v);
				}
				values.put(f, vs);
			}
		}
		Map<Integer, String> outcomes = new TreeMap<>();
		for (int o = 0; o < m.outcomes().size(); o++) {
			outcomes.put(o, o == 0 ? "-EINVAL" : "SYNTH_OUTCOME_" + o);
		}
		CTarget t = new CTarget(m.policies().get(0).name(), file,
				CTarget.Prototype.parse("int " + function + "(const struct synth_input *in)").orElseThrow(),
				List.of("linux/synth.h"), facts, values, outcomes, Optional.empty(), style,
				new SourceSpan("synth.mapl", 0, 0, 1, 1));
		return new Model(m.facts(), m.outcomes(), m.assumptions(), m.policies(), List.of(t));
	}
}
