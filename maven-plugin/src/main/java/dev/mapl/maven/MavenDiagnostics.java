package dev.mapl.maven;

import dev.mapl.dsl.compile.Diagnostic;
import java.nio.file.Path;
import org.apache.maven.plugin.logging.Log;

/**
 * Diagnostics in the format Maven's compiler plugin uses, which IDEs and CI annotate:
 * {@code [ERROR] /abs/path/file.mapl:[line,col] message (code)}, then the help on its own line.
 */
final class MavenDiagnostics {

	private MavenDiagnostics() {
	}

	/** The path as an absolute file, the message and the code; the help is a separate line. */
	static String line(Diagnostic d) {
		return absolute(d.span().file()) + ":[" + d.span().line() + "," + d.span().column() + "] " + d.message() + " ("
				+ d.code() + ")";
	}

	/** Diagnostics record paths relative to the working directory; Maven users expect absolute ones. */
	static String absolute(String spanFile) {
		return Path.of(spanFile).toAbsolutePath().normalize().toString();
	}

	static void log(Log log, Diagnostic d) {
		String help = d.help().isEmpty() ? null : "    help: " + d.help();
		switch (d.severity()) {
			case ERROR -> {
				log.error(line(d));
				if (help != null) {
					log.error(help);
				}
			}
			case WARNING -> {
				log.warn(line(d));
				if (help != null) {
					log.warn(help);
				}
			}
			default -> {
				log.info(line(d));
				if (help != null) {
					log.info(help);
				}
			}
		}
	}

	static String counts(Pipeline.Result r) {
		long errors = r.count(Diagnostic.Severity.ERROR);
		long warnings = r.count(Diagnostic.Severity.WARNING);
		return errors + (errors == 1 ? " error" : " errors") + ", " + warnings + (warnings == 1 ? " warning" : " warnings");
	}
}
