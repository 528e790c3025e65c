package dev.mapl.emit.java;

import dev.mapl.emit.DifferentialRun;
import dev.mapl.ir.Model;
import java.util.ArrayList;
import java.util.List;

/** The Java differential test's batches, for policies made elsewhere (dsl.tests' text-level ones). */
public final class JavaDifferentialAccess {

	private JavaDifferentialAccess() {
	}

	/** What {@link #decideAll} did. */
	public record Counts(long classes, long inputs, int javacRuns, long cpuNanos) {
	}

	/**
	 * Decides the first policy of each model as {@link JavaDifferentialTest} does: both styles,
	 * {@value JavaDifferentialTest#PER_JAVAC} policies per in-process javac run, each class compared
	 * with the reference interpreter on every input; fails at the first disagreement.
	 */
	public static Counts decideAll(String packagePrefix, List<Model> models) throws Exception {
		List<Integer> starts = new ArrayList<>();
		for (int from = 0; from < models.size(); from += JavaDifferentialTest.PER_JAVAC) {
			starts.add(from);
		}
		List<long[]> batches = DifferentialRun.map(starts, from -> {
			long cpu0 = DifferentialRun.cpuNanos();
			List<JavaBackendPropertyTest.Case> cases = new ArrayList<>();
			for (int i = from; i < Math.min(models.size(), from + JavaDifferentialTest.PER_JAVAC); i++) {
				Model m = models.get(i);
				cases.add(JavaBackendPropertyTest.generate(packagePrefix + i + ".table", m, JavaEmitter.Style.TABLE));
				cases.add(JavaBackendPropertyTest.generate(packagePrefix + i + ".branches", m, JavaEmitter.Style.BRANCHES));
			}
			long inputs = JavaDifferentialTest.checkAll(cases);
			return new long[] {cases.size(), inputs, DifferentialRun.cpuNanos() - cpu0};
		});
		long classes = 0;
		long inputs = 0;
		long cpu = 0;
		for (long[] b : batches) {
			classes += b[0];
			inputs += b[1];
			cpu += b[2];
		}
		return new Counts(classes, inputs, batches.size(), cpu);
	}
}
