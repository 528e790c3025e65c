package dev.mapl.emit.c;

/**
 * The two lines of kbuild a generated KUnit suite needs in the folder it lives in: its entry in
 * the {@code Kconfig} there and its {@code obj-} line in the {@code Makefile}. Each is added once,
 * at the end of the file; a file that already has it is returned unchanged, so regenerating never
 * duplicates them.
 */
public final class Kbuild {

	private Kbuild() {
	}

	/** {@code Kconfig} with the suite's {@code config} entry. */
	public static String withKconfigEntry(String kconfig, KunitEmitter.Suite suite) {
		if (kconfig.contains("\nconfig " + suite.kconfigSymbol() + "\n") || kconfig.startsWith("config " + suite.kconfigSymbol() + "\n")) {
			return kconfig;
		}
		return ended(kconfig) + "\n" + suite.kconfig();
	}

	/** {@code Makefile} with the suite's {@code obj-$(CONFIG_...)} line. */
	public static String withMakefileLine(String makefile, KunitEmitter.Suite suite) {
		if (makefile.contains("$(CONFIG_" + suite.kconfigSymbol() + ")")) {
			return makefile;
		}
		return ended(makefile) + suite.makefile();
	}

	private static String ended(String text) {
		return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
	}
}
