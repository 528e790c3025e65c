package dev.mapl.cli.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.emit.dmn.DmnConformance;
import dev.mapl.emit.dmn.DmnConformance.Boundaries;
import dev.mapl.emit.dmn.DmnConformance.Feel;
import dev.mapl.emit.java.ClassFiles;
import dev.mapl.emit.java.Conformance;
import dev.mapl.emit.java.GeneratedPolicy;
import dev.mapl.emit.java.InMemoryJavac;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.emit.java.QuickstartModel;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every policy of every example, compiled by the Java backend (both code shapes) with
 * {@code javac -Xlint:all -Werror}, agrees with the reference interpreter on every input; its DMN
 * export, evaluated by Camunda, agrees too. The quick-start example's class is the golden file.
 */
class ExamplesJavaTest {

	static final Path REPO = Path.of("").toAbsolutePath().getParent();
	static final Path EXAMPLES = REPO.resolve("examples");

	/** One model per example folder (its files read together, as the CLI reads them). */
	static final Map<String, Model> MODELS = new LinkedHashMap<>();

	@BeforeAll
	static void compileExamples() throws IOException {
		List<Path> dirs;
		try (Stream<Path> s = Files.list(EXAMPLES)) {
			dirs = s.filter(Files::isDirectory).sorted().toList();
		}
		for (Path dir : dirs) {
			List<Path> files;
			try (Stream<Path> s = Files.list(dir)) {
				files = s.filter(p -> p.toString().endsWith(".mapl")).sorted().toList();
			}
			if (files.isEmpty()) {
				continue;
			}
			Compilation c = MaplCompiler.create().compile(files);
			assertTrue(c.model().isPresent(), dir + " has errors: " + c.diagnostics());
			MODELS.put(REPO.relativize(dir).toString().replace('\\', '/'), c.model().get());
		}
		assertTrue(MODELS.size() >= 3, "examples found: " + MODELS.keySet());
	}

	static String repoPath(String spanFile) {
		Path abs = Path.of(spanFile).toAbsolutePath().normalize();
		return abs.startsWith(REPO) ? REPO.relativize(abs).toString().replace('\\', '/') : abs.getFileName().toString();
	}

	record Case(String pkg, Model model, Policy policy, JavaEmitter.JavaFile file) {
	}

	@Test
	void everyExamplePolicyAgreesWithTheInterpreterOnEveryInput() throws ReflectiveOperationException {
		List<Case> cases = new ArrayList<>();
		int k = 0;
		for (Model m : MODELS.values()) {
			for (Policy p : m.policies()) {
				for (JavaEmitter.Style style : List.of(JavaEmitter.Style.AUTO, JavaEmitter.Style.BRANCHES)) {
					String pkg = "examples.p" + (k++);
					cases.add(new Case(pkg, m, p, JavaEmitter.emit(m, p, JavaEmitter.Options.of("test").withPackage(pkg)
							.withStyle(style).withSourcePath(ExamplesJavaTest::repoPath))));
				}
			}
		}
		Map<String, String> sources = new LinkedHashMap<>();
		cases.forEach(c -> sources.put(c.file().className(), c.file().content()));
		InMemoryJavac.Compiled compiled = InMemoryJavac.compile(sources);
		ClassLoader loader = compiled.loader();
		long inputs = 0;
		for (Case c : cases) {
			GeneratedPolicy g = new GeneratedPolicy(c.model(), c.policy(), loader.loadClass(c.file().className()));
			try {
				Conformance.Report r = Conformance.check(g, 0, 1, 1 << 16);
				assertTrue(r.exhaustive());
				inputs += r.inputs();
			} catch (AssertionError e) {
				throw new AssertionError(c.policy().name() + " (" + c.file().style() + "): " + e.getMessage(), e);
			}
		}
		for (var e : compiled.classes().entrySet()) {
			ClassFiles.codeSizes(e.getValue()).forEach((m, size) -> assertTrue(size <= ClassFiles.HUGE_METHOD_LIMIT,
					e.getKey() + "." + m + " is too big for the JIT"));
		}
		assertTrue(inputs > 100_000, "checked " + inputs);
	}

	@Test
	void theKernelExampleIsATable() {
		Model m = MODELS.get("examples/kvm-arm64");
		JavaEmitter.JavaFile f = JavaEmitter.emit(m, m.policy("kvm.v6_17.stage2").orElseThrow(), JavaEmitter.Options.of("x"));
		assertEquals("kvm.v6_17.Stage2", f.className());
		assertEquals(JavaEmitter.Style.TABLE, f.style());
	}

	@Test
	void theQuickstartClassIsTheGoldenFile() throws IOException {
		Model m = MODELS.get("examples/quickstart");
		Policy p = m.policy("stage2").orElseThrow();
		String actual = JavaEmitter.emit(m, p, JavaEmitter.Options.of(QuickstartModel.COMMAND)
				.withPackage("com.example.memtype").withSourcePath(ExamplesJavaTest::repoPath)).content();
		String golden = Files.readString(REPO.resolve("generator/src/test/resources/golden/java/com/example/memtype/Stage2.java"),
				StandardCharsets.UTF_8);
		assertEquals(golden, actual, "the front end lowers examples/quickstart/stage2.mapl differently from QuickstartModel");
		// And the hand-built IR of the golden test is the same model.
		assertEquals(QuickstartModel.generate(QuickstartModel.model()).content(), actual);
	}

	@Test
	void everyExamplePolicyExportsToDmnThatCamundaAgreesWith() {
		long inputs = 0;
		for (Model m : MODELS.values()) {
			for (Policy p : m.policies()) {
				try {
					inputs += DmnConformance.check(Feel.LEGACY, m, p, 1 << 11, 1000, Boundaries.FIRINGS, 7);
					inputs += DmnConformance.check(Feel.SCALA, m, p, 0, 8, Boundaries.NONE, 8);
				} catch (AssertionError e) {
					throw new AssertionError(p.name() + ": " + e.getMessage(), e);
				}
			}
		}
		assertTrue(inputs > 10_000, "checked " + inputs);
	}
}
