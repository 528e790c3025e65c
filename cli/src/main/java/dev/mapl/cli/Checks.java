package dev.mapl.cli;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** What `mapl check` reports: the front end's diagnostics, then the policies' analysis. */
final class Checks {

	private Checks() {
	}

	static List<Diagnostic> run(Compilation c) {
		List<Diagnostic> all = new ArrayList<>(c.diagnostics());
		all.sort(Diagnostic.ORDER);
		return all;
	}

	static String summary(Compilation c, List<Diagnostic> diagnostics) {
		long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
		long warnings = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).count();
		int policies = c.model().map(m -> m.policies().size()).orElse(0);
		return "checked " + c.files().size() + (c.files().size() == 1 ? " file" : " files") + ", " + policies
				+ (policies == 1 ? " policy" : " policies") + ": " + errors + (errors == 1 ? " error" : " errors") + ", "
				+ warnings + (warnings == 1 ? " warning" : " warnings");
	}

	static String json(Compilation c, List<Diagnostic> diagnostics) {
		throw new UserError("--format json is not available yet");
	}
}
