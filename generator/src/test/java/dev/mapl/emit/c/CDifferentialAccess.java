package dev.mapl.emit.c;

import dev.mapl.ir.Model;

/** The synthesized policies of the C differential test, for the Java one (another package). */
public final class CDifferentialAccess {

	private CDifferentialAccess() {
	}

	/** Policy number {@code seed} of {@link CDifferentialTest}. */
	public static Model synth(long seed) {
		return CBackendPropertyTest.synth(seed);
	}
}
