package dev.mapl.cli;

import dev.mapl.analysis.PolicyReport;
import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.PolicyChecks;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.report.FindingsJson;
import dev.mapl.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What `mapl check` reports: the front end's diagnostics, then the policies' analysis. */
final class Checks {

	private Checks() {
	}

	/** Everything `check` found, in file, line, column order, and the analysis reports. */
	record Outcome(List<Diagnostic> diagnostics, List<PolicyReport> reports) {
		boolean hasErrors() {
			return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
		}
	}

	/**
	 * Diagnostics and analysis of the named files only: the files beside them are read for their
	 * declarations, and their own problems are theirs (a note says so when they block the analysis).
	 */
	static Outcome analyze(Compilation c) {
		return analyze(c, PolicyChecks.Budget.DEFAULT);
	}

	static Outcome analyze(Compilation c, PolicyChecks.Budget budget) {
		java.util.Set<String> named = new java.util.HashSet<>();
		c.requested().forEach(p -> named.add(SourceFiles.display(p)));
		List<Diagnostic> all = new ArrayList<>();
		for (Diagnostic d : c.diagnostics()) {
			if (named.contains(d.span().file())) {
				all.add(d);
			}
		}
		List<PolicyReport> reports = List.of();
		if (c.model().isPresent()) {
			PolicyChecks.Result analysis = PolicyChecks.analyze(c.model().get(), p -> named.contains(p.span().file()),
					budget);
			analysis.diagnostics().stream().filter(d -> named.contains(d.span().file())).forEach(all::add);
			reports = analysis.reports();
		} else if (all.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
			// the named files are fine, but a file they depend on is not
			c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).findFirst()
					.ifPresent(d -> all.add(new Diagnostic(Diagnostic.Severity.ERROR, "mapl.context-error",
							"`" + d.span().file() + "`, read for its declarations, has errors",
							"run `mapl check " + d.span().file() + "`", d.span(), Map.of())));
		}
		all.sort(Diagnostic.ORDER);
		return new Outcome(List.copyOf(all), reports);
	}

	static String summary(Compilation c, Outcome o) {
		long errors = count(o, Diagnostic.Severity.ERROR);
		long warnings = count(o, Diagnostic.Severity.WARNING);
		int policies = o.reports().size();
		long invariants = o.reports().stream().mapToLong(r -> r.invariants().stream().filter(i -> i.proven()).count()).sum();
		long tests = o.reports().stream().mapToLong(r -> r.tests().stream().filter(t -> t.passed()).count()).sum();
		String head = "checked " + c.requested().size() + (c.requested().size() == 1 ? " file" : " files") + ", " + policies
				+ (policies == 1 ? " policy" : " policies") + ": " + errors + (errors == 1 ? " error" : " errors") + ", "
				+ warnings + (warnings == 1 ? " warning" : " warnings");
		if (c.model().isEmpty()) {
			return head + " (analysis skipped: fix the errors first)";
		}
		return head + "; " + invariants + (invariants == 1 ? " invariant" : " invariants") + " proven, " + tests
				+ (tests == 1 ? " test" : " tests") + " passed";
	}

	private static long count(Outcome o, Diagnostic.Severity s) {
		return o.diagnostics().stream().filter(d -> d.severity() == s).count();
	}

	/**
	 * The JSON form: {@code {"files", "summary": {errors, warnings, infos}, "diagnostics": [{kind,
	 * code, severity, span, message, help, counterexample, cubes}], "policies": [analysis reports]}}.
	 */
	static String json(Compilation c, Outcome o) {
		Map<String, Object> root = Json.object();
		root.put("files", c.requested().stream().map(SourceFiles::display).toList());
		Map<String, Object> summary = Json.object();
		summary.put("errors", count(o, Diagnostic.Severity.ERROR));
		summary.put("warnings", count(o, Diagnostic.Severity.WARNING));
		summary.put("infos", count(o, Diagnostic.Severity.INFO));
		summary.put("policies", o.reports().size());
		root.put("summary", summary);
		List<Object> diagnostics = new ArrayList<>();
		for (Diagnostic d : o.diagnostics()) {
			Map<String, Object> x = Json.object();
			String code = d.code();
			x.put("kind", code.startsWith("mapl.analysis.") ? code.substring("mapl.analysis.".length()) : code.substring(code.indexOf('.') + 1));
			x.put("code", code);
			x.put("severity", d.severity().label());
			x.put("span", FindingsJson.span(d.span()));
			x.put("message", d.message());
			x.put("help", d.help());
			x.put("counterexample", d.details().getOrDefault("counterexample", null));
			x.put("cubes", d.details().getOrDefault("cubes", List.of()));
			diagnostics.add(x);
		}
		root.put("diagnostics", diagnostics);
		root.put("policies", o.reports().stream().map(FindingsJson::report).toList());
		return Json.write(root);
	}
}
