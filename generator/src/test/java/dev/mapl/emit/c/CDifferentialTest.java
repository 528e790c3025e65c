package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.emit.DifferentialRun;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing at scale (issue 15): {@link DifferentialRun#IR_POLICIES} synthesized policies
 * (four fifths of the population, 8,000 of CI's 10,000; every hit policy, booleans and enums, assumptions, guards;
 * {@link CBackendPropertyTest#synth}), each in both code styles. {@value #PER_GCC} policies (twice
 * as many functions, distinct names) go into one translation unit with one driver function per
 * generated function, one gcc invocation ({@code -Wall -Wextra -Werror}) and one run that prints
 * every decision; the batches run on {@link DifferentialRun#WORKERS} workers. On every input the inner
 * function and the wrapper return what the decision diagram says, and on every possible input what
 * the reference interpreter decides; an enum value outside the enum decides as the enum's last
 * value. {@code JavaDifferentialTest} holds the generated Java to the same policies and the same
 * interpreter, so the three agree.
 */
class CDifferentialTest {

	static final int POLICIES = DifferentialRun.IR_POLICIES;
	static final int PER_GCC = 125;

	@TempDir
	Path dir;

	/** What one batch, or the sum of several, did. */
	record Batch(long functions, long run, long compared, long cpuNanos, long gccNanos, int gccRuns) {
		Batch plus(Batch o) {
			return new Batch(functions + o.functions, run + o.run, compared + o.compared, cpuNanos + o.cpuNanos,
					gccNanos + o.gccNanos, gccRuns + o.gccRuns);
		}
	}

	@Test
	void gccAgreesWithTheInterpreterOnEveryInputOfEveryPolicy() throws Exception {
		long t0 = System.nanoTime();
		Batch all = decideAll(dir, "synth_", POLICIES, CBackendPropertyTest::synth);
		assertEquals(2L * POLICIES, all.functions());
		System.out.printf(Locale.ROOT, "C differential: %,d policies, %,d functions in %d gcc runs on %d workers; "
				+ "%,d inputs run, %,d possible inputs compared with the interpreter, 0 disagreements; "
				+ "Java CPU %,d ms (generation and comparison), gcc and run %,d ms (wall, summed over batches), "
				+ "total %,d ms%n", POLICIES, all.functions(), all.gccRuns(), DifferentialRun.WORKERS, all.run(),
				all.compared(), all.cpuNanos() / 1_000_000, all.gccNanos() / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
	}

	/** A source of policies by number; each model's first policy is the one decided. */
	interface Models {
		Model model(int i) throws Exception;
	}

	/**
	 * Decides policies {@code 0..count-1} of {@code models} in both styles, {@value #PER_GCC}
	 * policies per gcc run, the runs on {@link DifferentialRun#WORKERS} workers; fails at the first
	 * disagreement.
	 */
	static Batch decideAll(Path dir, String prefix, int count, Models models) throws Exception {
		Tools.require("gcc");
		Path inc = dir.resolve("include");
		Files.createDirectories(inc.resolve("linux"));
		Files.writeString(inc.resolve("linux/types.h"), SynthTargets.stubs());
		List<Integer> starts = new ArrayList<>();
		for (int from = 0; from < count; from += PER_GCC) {
			starts.add(from);
		}
		List<Batch> batches = DifferentialRun.map(starts,
				from -> batch(dir, inc, prefix, from, Math.min(count, from + PER_GCC), models));
		return batches.stream().reduce(new Batch(0, 0, 0, 0, 0, 0), Batch::plus);
	}

	private static Batch batch(Path dir, Path inc, String prefix, int from, int to, Models models) throws Exception {
		long cpu0 = DifferentialRun.cpuNanos();
		List<CBackendPropertyTest.Case> cases = new ArrayList<>();
		StringBuilder unit = new StringBuilder();
		for (int i = from; i < to; i++) {
			Model policy = models.model(i);
			for (CTarget.Style style : CTarget.Style.values()) {
				String fn = prefix + i + "_" + style.name().toLowerCase(Locale.ROOT);
				String file = fn + ".h";
				Model m = SynthTargets.withTarget(policy, fn, file, style);
				CBackend backend = new CBackend(m, Optional.empty(), Provenance.of("out"));
				unit.append(backend.header(file, m.cTargets())).append('\n');
				cases.add(CBackendPropertyTest.expectations(fn, backend.plan(m.cTargets().get(0)), m));
			}
		}
		Path batch = Files.createDirectories(dir.resolve(prefix + from));
		Files.writeString(batch.resolve("main.c"), driver(cases, unit));
		long cpu1 = DifferentialRun.cpuNanos();
		long g0 = System.nanoTime();
		Tools.Result cc = Tools.run(batch, null, Tools.gcc("-I", inc.toString(), "-o", "main", "main.c"));
		assertEquals(0, cc.code(), cc.out());
		Tools.Result out = Tools.run(batch, "./main");
		assertEquals(0, out.code(), out.out());
		long gccNanos = System.nanoTime() - g0;
		long cpu2 = DifferentialRun.cpuNanos();
		String[] lines = out.out().split("\n");
		int line = 0;
		long compared = 0;
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
				for (int e = 2; e < got.length; e += 2) {
					assertEquals(got[e + 1], got[e], where + ": an out-of-range enum value decides as the last value");
				}
			}
			long possible = c.reference().size();
			assertTrue(possible > 0, c.fn() + " has no possible input");
		}
		assertEquals(lines.length, line);
		deleteTree(batch);
		return new Batch(cases.size(), line, compared, (cpu1 - cpu0) + (DifferentialRun.cpuNanos() - cpu2), gccNanos, 1);
	}

	/**
	 * One translation unit: the generated headers, the enum helpers, one {@code static void} per
	 * generated function that runs it on every input (one huge {@code main} made gcc -O1 slow),
	 * and a {@code main} that calls them in order.
	 */
	static String driver(List<CBackendPropertyTest.Case> cases, CharSequence headers) {
		StringBuilder sb = new StringBuilder();
		sb.append("#include <stdio.h>\n#include <linux/types.h>\n").append(headers).append('\n');
		for (int e = 0; e < SynthTargets.MAX_ENUMS; e++) {
			int size = 3 + e % 3;
			List<String> cs = new ArrayList<>();
			for (int v = 0; v < size; v++) {
				cs.add(SynthTargets.constant("e" + e, v));
			}
			sb.append("static const u8 e").append(e).append("_c[] __attribute__((unused)) = {")
					.append(String.join(", ", cs)).append("};\n");
			List<String> tests = new ArrayList<>();
			for (String c : cs) {
				tests.add("v == " + c);
			}
			sb.append("static __attribute__((unused)) u8 e").append(e).append("_other(void)\n{\n\tu8 v = 0;\n\n\twhile (")
					.append(String.join(" || ", tests)).append(")\n\t\tv++;\n\treturn v;\n}\n");
		}
		for (CBackendPropertyTest.Case c : cases) {
			CFunctionPlan p = c.plan();
			Model m = p.model();
			int n = p.facts().size();
			sb.append("\nstatic void run_").append(c.fn()).append("(void)\n{\n");
			if (n > 0) {
				sb.append("\tstatic const u8 in[][").append(n).append("] = {");
				for (int[] a : c.args()) {
					sb.append('{');
					for (int k = 0; k < n; k++) {
						sb.append(k > 0 ? "," : "").append(a[k]);
					}
					sb.append("},");
				}
				sb.append("};\n");
				sb.append("\tfor (unsigned int i = 0; i < sizeof(in) / sizeof(in[0]); i++) {\n");
			} else {
				sb.append("\tfor (unsigned int i = 0; i < 1; i++) {\n");
			}
			sb.append("\t\tstruct synth_input s = {0};\n");
			List<String> args = new ArrayList<>();
			for (int k = 0; k < n; k++) {
				Fact f = m.fact(p.facts().get(k));
				String v = f.isBoolean() ? "in[i][" + k + "]" : f.name() + "_c[in[i][" + k + "]]";
				sb.append("\t\ts.").append(f.name()).append(" = ").append(v).append(";\n");
				args.add(v);
			}
			sb.append("\t\tprintf(\"%d %d\", ").append(p.innerName()).append('(').append(String.join(", ", args))
					.append("), ").append(c.fn()).append("(&s));\n");
			for (int k = 0; k < n; k++) {
				Fact f = m.fact(p.facts().get(k));
				if (f.isBoolean()) {
					continue;
				}
				List<String> other = new ArrayList<>(args);
				List<String> last = new ArrayList<>(args);
				other.set(k, f.name() + "_other()");
				last.set(k, SynthTargets.constant(f.name(), f.domainSize() - 1));
				sb.append("\t\tprintf(\" %d %d\", ").append(p.innerName()).append('(').append(String.join(", ", other))
						.append("), ").append(p.innerName()).append('(').append(String.join(", ", last)).append("));\n");
			}
			sb.append("\t\tprintf(\"\\n\");\n\t}\n}\n");
		}
		sb.append("\nint main(void)\n{\n");
		for (CBackendPropertyTest.Case c : cases) {
			sb.append("\trun_").append(c.fn()).append("();\n");
		}
		sb.append("\treturn 0;\n}\n");
		return sb.toString();
	}

	private static void deleteTree(Path p) throws IOException {
		try (var files = Files.walk(p)) {
			for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(f);
			}
		}
	}
}
