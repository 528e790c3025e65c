package dev.mapl.emit.c;

import dev.mapl.ir.Model;
import java.nio.file.Path;
import java.util.List;

/** The C differential test for other packages and modules: its policies, and its batches for theirs. */
public final class CDifferentialAccess {

	private CDifferentialAccess() {
	}

	/** What {@link #decideAll} did. */
	public record Counts(long functions, long inputsRun, long compared, long cpuNanos, long gccNanos, int gccRuns) {
	}

	/** Policy number {@code seed} of {@link CDifferentialTest}. */
	public static Model synth(long seed) {
		return CBackendPropertyTest.synth(seed);
	}

	/**
	 * Decides the first policy of each model as {@link CDifferentialTest} does: both styles, compiled
	 * by gcc in batches, run on every input, compared with the decision diagram and on every possible
	 * input with the reference interpreter. Facts must be named {@code f0..f15} (booleans) and
	 * {@code e0..e3} (enums of {@code 3 + k % 3} values), as the synthesizer names them.
	 */
	public static Counts decideAll(Path dir, String prefix, List<Model> models) throws Exception {
		CDifferentialTest.Batch b = CDifferentialTest.decideAll(dir, prefix, models.size(), models::get);
		return new Counts(b.functions(), b.run(), b.compared(), b.cpuNanos(), b.gccNanos(), b.gccRuns());
	}
}
