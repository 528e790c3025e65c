package dev.mapl.emit.c;

import java.util.function.UnaryOperator;

/**
 * Where generated code comes from, as its header says: the MAPL sources as repo-relative paths
 * and the command that regenerates it. Never an absolute path, never a time.
 *
 * @param sourcePath maps a source span's file (as the model records it) to its repo-relative path
 * @param cOut       the {@code --c-out} folder as the regenerate command names it ({@code <linux>}
 *                   for a kernel tree outside the repository)
 * @param kunitOut   the {@code --kunit-out} folder, likewise
 * @param tool       how the command is invoked ({@code ./mapl})
 */
public record Provenance(UnaryOperator<String> sourcePath, String cOut, String kunitOut, String tool) {

	/** Span files as they are, the same folder for both outputs, {@code ./mapl}. */
	public static Provenance of(String outDir) {
		return new Provenance(UnaryOperator.identity(), outDir, outDir, "./mapl");
	}
}
