package dev.mapl.analysis;

import dev.mapl.ir.Model;

/** The diff test's models, for renderer tests in other packages. */
public final class DiffTestAccess {
	private DiffTestAccess() {
	}

	public static Model v66() {
		return DiffTest.v66();
	}

	public static Model v612() {
		return DiffTest.v612();
	}
}
