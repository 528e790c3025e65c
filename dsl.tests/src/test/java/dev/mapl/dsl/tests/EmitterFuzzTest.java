package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.CEmitException;
import dev.mapl.emit.c.Provenance;
import dev.mapl.emit.java.InMemoryJavac;
import dev.mapl.emit.java.JavaEmitException;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Fuzzing of the emitters: every mutated example ({@link MaplFuzzTest#mutate}) that compiles without
 * errors is emitted as Java, every policy in both styles, all compiled by one in-process javac
 * ({@code --release 17 -Xlint:all -Werror}); and as C, every policy in both styles, as headers of
 * one translation unit compiled by one gcc ({@code -Wall -Wextra -Werror}). The C targets are the
 * fuzz harness's own (each fact a field of {@code struct fuzz_input}, each enum value a
 * {@code #define}, declared by the stubs below), so any policy can be emitted; the examples' own
 * kernel bindings are compiled against the kernel stubs by the cli module's tests. An emitter may
 * refuse a policy with its documented exception ({@link JavaEmitException}, {@link CEmitException});
 * anything else, and any compiler diagnostic, is a finding.
 */
class EmitterFuzzTest {

	/** Policies of one input that are emitted (a splice of examples can have dozens). */
	static final int MAX_POLICIES = 12;

	@FuzzTest(maxDuration = "30s")
	void emitters(FuzzedDataProvider data) {
		check(MaplFuzzTest.mutate(MaplFuzzTest.of(data)));
	}

	static void check(String text) {
		Compilation c = MaplFuzzTest.compile(text);
		if (c.model().isEmpty() || c.diagnostics().stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
			return;
		}
		Model model = c.model().get();
		List<Policy> policies = model.policies().subList(0, Math.min(MAX_POLICIES, model.policies().size()));
		checkJava(model, policies);
		checkC(model, policies);
	}

	static void checkJava(Model model, List<Policy> policies) {
		Map<String, String> sources = new LinkedHashMap<>();
		for (int k = 0; k < policies.size(); k++) {
			for (JavaEmitter.Style style : List.of(JavaEmitter.Style.TABLE, JavaEmitter.Style.BRANCHES)) {
				try {
					JavaEmitter.JavaFile f = JavaEmitter.emit(model, policies.get(k), JavaEmitter.Options
							.of("mapl compile fuzz.mapl --java-out gen").withPackage("fuzz.p" + k + "." + style.name()
									.toLowerCase(Locale.ROOT)).withStyle(style));
					sources.put(f.className(), f.content());
				} catch (JavaEmitException e) {
					// refused with a message, as `mapl compile` reports it
				}
			}
		}
		if (!sources.isEmpty()) {
			InMemoryJavac.compile(sources);
		}
	}

	static void checkC(Model model, List<Policy> policies) {
		if (!gcc()) {
			return;
		}
		StringBuilder unit = new StringBuilder("#include <linux/types.h>\n");
		int headers = 0;
		for (int k = 0; k < policies.size(); k++) {
			for (CTarget.Style style : CTarget.Style.values()) {
				String fn = "fuzz_" + k + "_" + style.name().toLowerCase(Locale.ROOT);
				Model m = withTarget(model, policies.get(k), fn, fn + ".h", style);
				try {
					unit.append(new CBackend(m, Optional.empty(), Provenance.of("out")).header(fn + ".h", m.cTargets()));
					headers++;
				} catch (CEmitException e) {
					// refused with a message (say, a policy that leaves inputs undecided)
				}
			}
		}
		if (headers > 0) {
			gcc(stubs(model), unit.toString());
		}
	}

	/** The model with one C target for the policy, over {@code struct fuzz_input}. */
	static Model withTarget(Model m, Policy p, String function, String file, CTarget.Style style) {
		Map<Integer, String> facts = new TreeMap<>();
		Map<Integer, List<String>> values = new TreeMap<>();
		for (int f = 0; f < m.facts().size(); f++) {
			Fact fact = m.fact(f);
			facts.put(f, "in->f" + f);
			if (!fact.isBoolean()) {
				List<String> vs = new ArrayList<>();
				for (int v = 0; v < fact.domainSize(); v++) {
					vs.add("FUZZ_F" + f + "_V" + v);
				}
				values.put(f, vs);
			}
		}
		Map<Integer, String> outcomes = new TreeMap<>();
		for (int o = 0; o < m.outcomes().size(); o++) {
			outcomes.put(o, Integer.toString(10 * o + 3));
		}
		CTarget t = new CTarget(p.name(), file,
				CTarget.Prototype.parse("int " + function + "(const struct fuzz_input *in)").orElseThrow(), List.of(),
				facts, values, outcomes, Optional.empty(), style, new SourceSpan("fuzz.mapl", 0, 0, 1, 1));
		return new Model(m.facts(), m.outcomes(), m.assumptions(), m.policies(), List.of(t));
	}

	/** {@code linux/types.h} for the fuzz targets: the input struct and the enum constants. */
	static String stubs(Model m) {
		StringBuilder sb = new StringBuilder("#ifndef FUZZ_STUBS_H\n#define FUZZ_STUBS_H\n#include <stdbool.h>\n");
		sb.append("typedef unsigned char u8;\n#define __always_unused __attribute__((__unused__))\n");
		sb.append("struct fuzz_input {\n\tint unused;\n");
		for (int f = 0; f < m.facts().size(); f++) {
			sb.append(m.fact(f).isBoolean() ? "\tbool f" : "\tu8 f").append(f).append(";\n");
		}
		sb.append("};\n");
		for (int f = 0; f < m.facts().size(); f++) {
			for (int v = 0; !m.fact(f).isBoolean() && v < m.fact(f).domainSize(); v++) {
				sb.append("#define FUZZ_F").append(f).append("_V").append(v).append(' ').append(2 * v + 1).append('\n');
			}
		}
		return sb.append("#endif\n").toString();
	}

	private static Boolean gccFound;

	private static synchronized boolean gcc() {
		if (gccFound == null) {
			gccFound = List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
					.anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "gcc")));
			if (!gccFound && System.getenv("CI") != null) {
				throw new AssertionError("gcc is not installed (.ci/run installs it)");
			}
		}
		if (!gccFound) {
			Assumptions.abort("gcc is not installed");
		}
		return true;
	}

	/** One gcc run over the translation unit; its diagnostics are a finding. */
	private static void gcc(String stubs, String unit) {
		try {
			Path dir = Files.createTempDirectory("mapl-fuzz-c");
			try {
				Files.createDirectories(dir.resolve("include/linux"));
				Files.writeString(dir.resolve("include/linux/types.h"), stubs);
				Files.writeString(dir.resolve("unit.c"), unit);
				Process p = new ProcessBuilder("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1", "-I", "include",
						"-c", "-o", "unit.o", "unit.c").directory(dir.toFile()).redirectErrorStream(true).start();
				String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!p.waitFor(120, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					throw new AssertionError("gcc did not finish within 120 s");
				}
				assertEquals(0, p.exitValue(), "gcc -Wall -Wextra -Werror rejected generated code:\n" + out);
			} finally {
				try (var files = Files.walk(dir)) {
					for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
						Files.delete(f);
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}
}
