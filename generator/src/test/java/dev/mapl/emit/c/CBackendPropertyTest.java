package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.synth.PolicySynthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated C agrees with the reference interpreter: for many synthesized policies (all hit
 * policies, booleans and enums, assumptions), in both code styles, the header is compiled with
 * gcc {@code -Wall -Wextra -Werror} and checked by sparse, and the compiled inner function and
 * wrapper are run on every input. On every input some possible input of the policy projects to,
 * they return what the interpreter decides; on every other input the code is still
 * deterministic; an enum value outside the enum decides as the enum's last value.
 */
class CBackendPropertyTest {

	static final int POLICIES = 120;

	@TempDir
	Path dir;

	/** One generated function and what it must return. */
	record Case(String fn, CFunctionPlan plan, List<int[]> args, List<Integer> expected, Map<String, Integer> reference) {
	}

	static Model synth(long seed) {
		HitPolicy[] hits = HitPolicy.values();
		int bools = 2 + (int) (seed % 6);
		int enums = (int) ((seed / 2) % 3);
		int rules = 2 + (int) ((seed * 7) % 8);
		var spec = PolicySynthesizer.Spec.of(bools, enums, rules, hits[(int) (seed % 3)], 1000 + seed)
				.withOtherwise(true).withAssumptions((int) (seed % 3)).withOutcomes(2 + (int) (seed % 4))
				.withGuards(0.2).withExclusive(seed % 3 == 1 && seed % 2 == 0);
		return PolicySynthesizer.synthesize(spec);
	}

	@Test
	void generatedCodeAgreesWithTheInterpreterOnEveryInput() throws IOException {
		Tools.require("gcc");
		Tools.require("sparse");
		Path inc = dir.resolve("include");
		Files.createDirectories(inc.resolve("linux"));
		Files.writeString(inc.resolve("linux/types.h"), SynthTargets.stubs());
		long t0 = System.nanoTime();
		List<Case> cases = new ArrayList<>();
		StringBuilder includes = new StringBuilder();
		long inputs = 0;
		for (int i = 0; i < POLICIES; i++) {
			for (CTarget.Style style : CTarget.Style.values()) {
				String fn = "synth_" + i + "_" + style.name().toLowerCase(java.util.Locale.ROOT);
				String file = fn + ".h";
				Model m = SynthTargets.withTarget(synth(i), fn, file, style);
				CBackend backend = new CBackend(m, Optional.empty(), Provenance.of("out"));
				String header = backend.header(file, m.cTargets());
				assertTrue(header.startsWith("/* SPDX-License-Identifier: GPL-2.0 */\n"), header);
				Files.writeString(dir.resolve(file), header);
				includes.append("#include \"").append(file).append("\"\n");
				Case c = expectations(fn, backend.plan(m.cTargets().get(0)), m);
				inputs += c.reference().size();
				cases.add(c);
			}
		}
		Files.writeString(dir.resolve("check.c"), "// SPDX-License-Identifier: GPL-2.0\n" + includes);
		Files.writeString(dir.resolve("main.c"), CDifferentialTest.driver(cases, includes));
		long t1 = System.nanoTime();
		Tools.Result cc = Tools.run(dir, null, Tools.gcc("-I", inc.toString(), "-o", "main", "main.c"));
		assertEquals(0, cc.code(), cc.out());
		Tools.Result sp = Tools.run(dir, null, Tools.sparse("-I", inc.toString(), "check.c"));
		assertEquals(0, sp.code(), sp.out());
		assertEquals("", sp.out().strip(), "sparse is not clean");
		String dump = System.getenv("MAPL_C_DUMP");
		if (dump != null) {
			// For looking at the generated code: MAPL_C_DUMP=/tmp/synth
			Files.createDirectories(Path.of(dump));
			try (var files = Files.list(dir)) {
				for (Path f : files.filter(Files::isRegularFile).toList()) {
					Files.copy(f, Path.of(dump).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		Tools.Result run = Tools.run(dir, "./main");
		assertEquals(0, run.code(), run.out());
		String[] lines = run.out().split("\n");
		int line = 0;
		int compared = 0;
		for (Case c : cases) {
			for (int k = 0; k < c.args().size(); k++) {
				int[] args = c.args().get(k);
				String[] got = lines[line++].trim().split(" ");
				String where = c.fn() + java.util.Arrays.toString(args);
				int expected = SynthTargets.outcomeValue(c.expected().get(k));
				assertEquals(expected, Integer.parseInt(got[0]), where + ": inner function vs decision diagram");
				assertEquals(expected, Integer.parseInt(got[1]), where + ": wrapper vs decision diagram");
				Integer ref = c.reference().get(java.util.Arrays.toString(args));
				if (ref != null) {
					assertEquals(SynthTargets.outcomeValue(ref), Integer.parseInt(got[0]), where + ": vs interpreter");
					compared++;
				}
				for (int e = 2; e < got.length; e += 2) {
					assertEquals(got[e + 1], got[e], where + ": an out-of-range enum value decides as the last value");
				}
			}
		}
		assertEquals(lines.length, line);
		assertEquals(inputs, compared);
		System.out.println(cases.size() + " functions, " + compared + " possible inputs compared with the interpreter, "
				+ line + " inputs run; generated in " + (t1 - t0) / 1_000_000 + " ms, compiled, checked and run in "
				+ (System.nanoTime() - t1) / 1_000_000 + " ms");
	}

	/**
	 * A policy with more inputs than the projection enumerates: the code is built from the
	 * assumptions over the facts it reads, and still decides every sampled possible input as the
	 * interpreter does.
	 */
	@Test
	void policiesTooBigToEnumerateAgreeOnSampledInputs() {
		for (long seed = 0; seed < 3; seed++) {
			var spec = PolicySynthesizer.Spec.of(24, 1, 40, HitPolicy.values()[(int) seed], 77 + seed)
					.withOtherwise(true).withAssumptions(3).withMaxLiterals(3);
			Model m = SynthTargets.withTarget(PolicySynthesizer.synthesize(spec), "big", "big.h", CTarget.Style.BRANCHES);
			CBackend backend = new CBackend(m, Optional.empty(), Provenance.of("out"));
			CFunctionPlan plan = backend.plan(m.cTargets().get(0));
			long space = InputSpace.of(m, m.policies().get(0)).size();
			assertTrue(space > CFunctionPlan.ENUMERATION_LIMIT && !plan.exactProjection(), "expected the fallback for "
					+ space + " inputs");
			String header = backend.header("big.h", m.cTargets());
			assertTrue(header.contains("__big("), header);
			Policy p = plan.policy();
			Interpreter interp = new Interpreter(m);
			java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
			int checked = 0;
			for (int k = 0; k < 20000; k++) {
				int[] in = new int[m.facts().size()];
				for (int f : p.inputs()) {
					in[f] = rnd.nextInt(m.fact(f).domainSize());
				}
				if (!interp.isPossible(p, in)) {
					continue;
				}
				int[] args = new int[plan.facts().size()];
				for (int j = 0; j < args.length; j++) {
					args[j] = in[plan.facts().get(j)];
				}
				assertEquals(interp.decide(p, in).outcome(), plan.decide(args), "seed " + seed);
				checked++;
			}
			assertTrue(checked > 1000, "sampled " + checked);
		}
	}

	/** Every input of the inner function, the code's decision, and the interpreter's where possible. */
	static Case expectations(String fn, CFunctionPlan plan, Model m) {
		List<int[]> args = new ArrayList<>();
		List<Integer> expected = new ArrayList<>();
		int n = plan.facts().size();
		int[] cur = new int[n];
		while (true) {
			args.add(cur.clone());
			expected.add(plan.decide(cur));
			int k = n - 1;
			for (; k >= 0; k--) {
				if (++cur[k] < m.fact(plan.facts().get(k)).domainSize()) {
					break;
				}
				cur[k] = 0;
			}
			if (k < 0) {
				break;
			}
		}
		Map<String, Integer> reference = new HashMap<>();
		Policy p = plan.policy();
		Interpreter interp = new Interpreter(m);
		InputSpace.of(m, p).forEachPossible(interp, p, null, 1 << 20, in -> {
			int[] a = new int[n];
			for (int k = 0; k < n; k++) {
				a[k] = in[plan.facts().get(k)];
			}
			int o = interp.decide(p, in).outcome();
			Integer prev = reference.put(java.util.Arrays.toString(a), o);
			assertTrue(prev == null || prev == o, "the rules read only the function's facts");
			return true;
		});
		return new Case(fn, plan, args, expected, reference);
	}

}
