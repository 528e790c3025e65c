package dev.mapl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The goals are {@code threadSafe}: modules of a {@code -T} build run them at the same time in one
 * class realm, sharing the Xtext injector. Many concurrent runs over the repository's examples must
 * give exactly the diagnostics and classes of a run on its own.
 */
class PipelineConcurrencyTest {

	private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

	private static List<List<Path>> inputs() throws Exception {
		Path kvm = EXAMPLES.resolve("kvm-arm64");
		return List.of(SourceSet.scan(kvm, List.of("common.mapl", "v6_*.mapl"), List.of("v6_12-in-mmu.mapl")),
				SourceSet.scan(EXAMPLES.resolve("quickstart"), null, null),
				SourceSet.scan(kvm, List.of("common.mapl", "thread-*.mapl"), null),
				SourceSet.scan(EXAMPLES.resolve("arm64-ioremap"), null, null));
	}

	/** Every diagnostic line and every generated class of one pipeline run. */
	private static Map<String, String> outcome(List<Path> files) throws Exception {
		Pipeline.Result r = Pipeline.run(files);
		Map<String, String> out = new TreeMap<>();
		out.put("diagnostics", String.join("\n", r.diagnostics().stream().map(Diagnostic::render).toList()));
		if (r.model().isPresent()) {
			Model m = r.model().get();
			for (Policy p : m.policies()) {
				JavaEmitter.JavaFile f = JavaEmitter.emit(m, p, JavaEmitter.Options.of("test"));
				out.put(f.path(), f.content());
			}
		}
		return out;
	}

	@Test
	void concurrentRunsMatchSequentialOnes() throws Exception {
		List<List<Path>> inputs = inputs();
		inputs.forEach(files -> assertFalse(files.isEmpty()));
		List<Map<String, String>> expected = new ArrayList<>();
		for (List<Path> files : inputs) {
			expected.add(outcome(files));
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Map<String, String>>> futures = new ArrayList<>();
			for (int round = 0; round < 2; round++) {
				for (List<Path> files : inputs) {
					Callable<Map<String, String>> task = () -> outcome(files);
					futures.add(pool.submit(task));
				}
			}
			for (int i = 0; i < futures.size(); i++) {
				assertEquals(expected.get(i % inputs.size()), futures.get(i).get(), "run " + i);
			}
		} finally {
			pool.shutdownNow();
		}
	}
}
