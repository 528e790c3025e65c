package dev.mapl.emit.c;

import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * C targets for synthesized models ({@link dev.mapl.synth.PolicySynthesizer}): every fact reads a
 * field of {@code struct synth_input}, enum values are non-contiguous constants
 * {@code S_E<k>_V<v>}, outcome {@code O<i>} is {@code 10 * i + 3}.
 */
final class SynthTargets {

	static final int MAX_BOOLS = 16;
	static final int MAX_ENUMS = 4;

	private SynthTargets() {
	}

	static String constant(String enumFact, int value) {
		return "S_" + enumFact.toUpperCase(java.util.Locale.ROOT) + "_V" + value;
	}

	static int outcomeValue(int outcome) {
		return 10 * outcome + 3;
	}

	/** The model with one target for its first policy. */
	static Model withTarget(Model m, String function, String file, CTarget.Style style) {
		Map<Integer, String> facts = new TreeMap<>();
		Map<Integer, List<String>> values = new TreeMap<>();
		for (int f = 0; f < m.facts().size(); f++) {
			Fact fact = m.fact(f);
			facts.put(f, "in->" + fact.name());
			if (!fact.isBoolean()) {
				List<String> vs = new ArrayList<>();
				for (int v = 0; v < fact.domainSize(); v++) {
					vs.add(constant(fact.name(), v));
				}
				values.put(f, vs);
			}
		}
		Map<Integer, String> outcomes = new TreeMap<>();
		for (int o = 0; o < m.outcomes().size(); o++) {
			outcomes.put(o, Integer.toString(outcomeValue(o)));
		}
		CTarget t = new CTarget(m.policies().get(0).name(), file,
				CTarget.Prototype.parse("int " + function + "(const struct synth_input *in)").orElseThrow(), List.of(),
				facts, values, outcomes, Optional.empty(), style, new SourceSpan("synth.mapl", 0, 0, 1, 1));
		return new Model(m.facts(), m.outcomes(), m.assumptions(), m.policies(), List.of(t));
	}

	/** {@code linux/types.h} and the declarations the synthesized targets read. */
	static String stubs() {
		StringBuilder sb = new StringBuilder();
		sb.append("/* SPDX-License-Identifier: GPL-2.0 */\n");
		sb.append("#ifndef SYNTH_STUBS_H\n#define SYNTH_STUBS_H\n\n");
		sb.append("#include <stdbool.h>\n\n");
		sb.append("typedef unsigned char u8;\n\n");
		sb.append("#define __always_unused __attribute__((__unused__))\n\n");
		sb.append("struct synth_input {\n");
		for (int f = 0; f < MAX_BOOLS; f++) {
			sb.append("\tbool f").append(f).append(";\n");
		}
		for (int e = 0; e < MAX_ENUMS; e++) {
			sb.append("\tu8 e").append(e).append(";\n");
		}
		sb.append("};\n\n");
		for (int e = 0; e < MAX_ENUMS; e++) {
			for (int v = 0; v < 3 + e % 3; v++) {
				// Not 0..n-1: the code must use the constants, not value positions.
				sb.append("#define ").append(constant("e" + e, v)).append(' ').append(v * 3 + e + 1).append('\n');
			}
		}
		sb.append("\n#endif\n");
		return sb.toString();
	}
}
