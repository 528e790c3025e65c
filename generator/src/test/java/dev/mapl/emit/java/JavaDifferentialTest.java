package dev.mapl.emit.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.emit.DifferentialRun;
import dev.mapl.emit.c.CDifferentialAccess;
import dev.mapl.ir.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Differential testing at scale (issue 15): the policies of {@code CDifferentialTest} ({@link
 * DifferentialRun#IR_POLICIES}: 8,000 of CI's 10,000), each as a class in both code styles, compiled
 * by in-process javac ({@code --release 17 -Xlint:all -Werror}) {@value #PER_JAVAC} policies per
 * compilation, loaded by one class loader per compilation and compared with the reference
 * interpreter on every input ({@link Conformance#check}: decide, rule, isPossible, typed and
 * packed). The batches run on {@link DifferentialRun#WORKERS} workers.
 */
class JavaDifferentialTest {

	static final int POLICIES = DifferentialRun.IR_POLICIES;
	static final int PER_JAVAC = 250;
	static final int STRAY_BITS = 100;

	/** What one batch did. */
	record Batch(long classes, long inputs, long cpuNanos) {
	}

	@Test
	void javacAgreesWithTheInterpreterOnEveryInputOfEveryPolicy() throws Exception {
		long t0 = System.nanoTime();
		List<Integer> starts = new ArrayList<>();
		for (int from = 0; from < POLICIES; from += PER_JAVAC) {
			starts.add(from);
		}
		List<Batch> batches = DifferentialRun.map(starts, from -> {
			long cpu0 = DifferentialRun.cpuNanos();
			List<JavaBackendPropertyTest.Case> cases = new ArrayList<>();
			for (int i = from; i < Math.min(POLICIES, from + PER_JAVAC); i++) {
				Model m = CDifferentialAccess.synth(i);
				cases.add(JavaBackendPropertyTest.generate("d" + i + ".table", m, JavaEmitter.Style.TABLE));
				cases.add(JavaBackendPropertyTest.generate("d" + i + ".branches", m, JavaEmitter.Style.BRANCHES));
			}
			long inputs = checkAll(cases);
			return new Batch(cases.size(), inputs, DifferentialRun.cpuNanos() - cpu0);
		});
		long classes = batches.stream().mapToLong(Batch::classes).sum();
		long inputs = batches.stream().mapToLong(Batch::inputs).sum();
		long cpu = batches.stream().mapToLong(Batch::cpuNanos).sum();
		assertTrue(classes == 2L * POLICIES && inputs >= POLICIES, "checked " + inputs);
		System.out.printf(Locale.ROOT, "Java differential: %,d policies, %,d classes in %d javac runs on %d workers; "
				+ "%,d inputs compared with the interpreter, 0 disagreements; CPU %,d ms, total %,d ms%n", POLICIES,
				classes, batches.size(), DifferentialRun.WORKERS, inputs, cpu / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
	}

	/**
	 * One javac run and one class loader for the batch, each class checked on every input. Stray
	 * bits of packed inputs are tried {@value #STRAY_BITS} times per class, not the property test's
	 * 2,000: at 20,000 classes those reflective calls were the largest share of the run.
	 */
	static long checkAll(List<JavaBackendPropertyTest.Case> cases) {
		Map<String, String> sources = new LinkedHashMap<>();
		for (JavaBackendPropertyTest.Case c : cases) {
			sources.put(c.file().className(), c.file().content());
		}
		ClassLoader loader = InMemoryJavac.compile(sources).loader();
		long inputs = 0;
		for (JavaBackendPropertyTest.Case c : cases) {
			try {
				GeneratedPolicy g = new GeneratedPolicy(c.model(), c.policy(), loader.loadClass(c.file().className()));
				Conformance.Report r = Conformance.check(g, 0, c.name().hashCode(), Conformance.EXHAUSTIVE_LIMIT, STRAY_BITS);
				assertTrue(r.exhaustive(), c.name() + " was not checked on every input");
				inputs += r.inputs();
			} catch (ReflectiveOperationException e) {
				throw new AssertionError(c.name() + " (" + c.style() + "): " + e, e);
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError(c.name() + " (" + c.style() + "): " + e.getMessage(), e);
			}
		}
		return inputs;
	}
}
