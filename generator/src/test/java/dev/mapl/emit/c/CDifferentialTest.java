package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing at scale (issue 15): {@value #POLICIES} synthesized policies (every hit
 * policy, booleans and enums, assumptions, guards; {@link CBackendPropertyTest#synth}), each in
 * both code styles, compiled by gcc {@value #PER_GCC} policies per invocation and run on every
 * input; the inner function and the wrapper return what the reference interpreter decides on every
 * possible input. {@code JavaDifferentialTest} holds the generated Java to the same policies and
 * the same interpreter, so the three agree. {@code -Dmapl.differential.policies=N} changes the count.
 */
class CDifferentialTest {

	static final int POLICIES = Integer.getInteger("mapl.differential.policies", 1_000);
	static final int PER_GCC = 1000;

	@TempDir
	Path dir;

	@Test
	void gccAgreesWithTheInterpreterOnEveryInputOfEveryPolicy() throws IOException {
		Tools.require("gcc");
		Path inc = dir.resolve("include");
		Files.createDirectories(inc.resolve("linux"));
		Files.writeString(inc.resolve("linux/types.h"), SynthTargets.stubs());
		long t0 = System.nanoTime();
		long generateNanos = 0;
		long functions = 0;
		long run = 0;
		long compared = 0;
		int gccRuns = 0;
		for (int from = 0; from < POLICIES; from += PER_GCC) {
			long g0 = System.nanoTime();
			List<CBackendPropertyTest.Case> cases = new ArrayList<>();
			StringBuilder includes = new StringBuilder();
			Path batch = Files.createDirectories(dir.resolve("b" + from));
			for (int i = from; i < Math.min(POLICIES, from + PER_GCC); i++) {
				for (CTarget.Style style : CTarget.Style.values()) {
					String fn = "synth_" + i + "_" + style.name().toLowerCase(java.util.Locale.ROOT);
					String file = fn + ".h";
					Model m = SynthTargets.withTarget(CBackendPropertyTest.synth(i), fn, file, style);
					CBackend backend = new CBackend(m, Optional.empty(), Provenance.of("out"));
					Files.writeString(batch.resolve(file), backend.header(file, m.cTargets()));
					includes.append("#include \"").append(file).append("\"\n");
					cases.add(CBackendPropertyTest.expectations(fn, backend.plan(m.cTargets().get(0)), m));
				}
			}
			Files.writeString(batch.resolve("main.c"), CBackendPropertyTest.main(cases, includes.toString()));
			generateNanos += System.nanoTime() - g0;
			Tools.Result cc = Tools.run(batch, null, Tools.gcc("-I", inc.toString(), "-o", "main", "main.c"));
			assertEquals(0, cc.code(), cc.out());
			gccRuns++;
			Tools.Result out = Tools.run(batch, "./main");
			assertEquals(0, out.code(), out.out());
			String[] lines = out.out().split("\n");
			int line = 0;
			for (CBackendPropertyTest.Case c : cases) {
				for (int k = 0; k < c.args().size(); k++) {
					int[] args = c.args().get(k);
					String[] got = lines[line++].trim().split(" ");
					String where = c.fn() + Arrays.toString(args);
					int expected = SynthTargets.outcomeValue(c.expected().get(k));
					assertEquals(expected, Integer.parseInt(got[0]), where + ": inner function vs decision diagram");
					assertEquals(expected, Integer.parseInt(got[1]), where + ": wrapper vs decision diagram");
					Integer ref = c.reference().get(Arrays.toString(args));
					if (ref != null) {
						assertEquals(SynthTargets.outcomeValue(ref), Integer.parseInt(got[0]), where + ": vs interpreter");
						compared++;
					}
				}
			}
			assertEquals(lines.length, line);
			functions += cases.size();
			run += line;
			deleteTree(batch);
		}
		assertTrue(functions >= 2L * POLICIES);
		System.out.println("C differential: " + POLICIES + " policies, " + functions + " functions in " + gccRuns
				+ " gcc runs; " + run + " inputs run, " + compared + " possible inputs compared with the interpreter,"
				+ " 0 disagreements; generation " + generateNanos / 1_000_000 + " ms, total "
				+ (System.nanoTime() - t0) / 1_000_000 + " ms");
	}

	private static void deleteTree(Path p) throws IOException {
		try (var files = Files.walk(p)) {
			for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(f);
			}
		}
	}
}
