package dev.mapl.dsl.compile;

import dev.mapl.analysis.Finding;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.PolicyReport;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.FindingsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The analysis stage of the pipeline: each policy's report (gaps, overlaps, dead rules,
 * invariants, inline tests) as data, and its findings as {@link Diagnostic}s on exact spans. The
 * CLI and the Maven plugin call it; the editor reaches the same code through
 * {@link dev.mapl.dsl.validation.PolicyAnalysisValidator}.
 */
public final class PolicyChecks {

	private PolicyChecks() {
	}

	/** The reports and the diagnostics of one analysis run. */
	public record Result(List<PolicyReport> reports, List<Diagnostic> diagnostics) {
	}

	/** Analyses every policy of the model. */
	public static Result analyze(Model model) {
		return analyze(model, p -> true);
	}

	/** Analyses the policies the filter accepts, with one analyzer (one BDD kernel) for all. */
	public static Result analyze(Model model, Predicate<Policy> which) {
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		List<PolicyReport> reports = new ArrayList<>();
		List<Diagnostic> diagnostics = new ArrayList<>();
		for (Policy p : model.policies()) {
			if (which.test(p)) {
				PolicyReport r;
				try {
					r = analyzer.analyze(p);
				} catch (dev.mapl.analysis.AnalysisLimitException e) {
					// too large to analyse within the budget: say so on the policy, keep going
					diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, "mapl.analysis.limit",
							"policy `" + p.name() + "` was not analysed: " + e.getMessage(),
							"split the policy, or order its facts so that related facts are declared together",
							p.span(), Map.of()));
					continue;
				}
				reports.add(r);
				r.findings().forEach(f -> diagnostics.add(toDiagnostic(f)));
			}
		}
		diagnostics.sort(Diagnostic.ORDER);
		return new Result(List.copyOf(reports), List.copyOf(diagnostics));
	}

	public static Diagnostic toDiagnostic(Finding f) {
		Diagnostic.Severity severity = switch (f.severity()) {
			case ERROR -> Diagnostic.Severity.ERROR;
			case WARNING -> Diagnostic.Severity.WARNING;
			default -> Diagnostic.Severity.INFO;
		};
		Map<String, Object> details = FindingsJson.finding(f);
		return new Diagnostic(severity, f.code(), f.message(), f.help(), f.span(), details);
	}
}
