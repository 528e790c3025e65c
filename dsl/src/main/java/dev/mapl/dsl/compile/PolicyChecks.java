package dev.mapl.dsl.compile;

import dev.mapl.analysis.AnalysisLimitException;
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

	/**
	 * What one run of the analysis may spend: wall-clock time over all policies and BDD nodes (24
	 * bytes each) per kernel. The default keeps {@code mapl check} under a minute and under 1 GB;
	 * a policy that needs more is reported "not analysed: budget exceeded" and the others are
	 * analysed as usual.
	 *
	 * @param timeMillis total analysis time; 0 for no limit
	 * @param maxNodes   nodes a BDD kernel may grow to
	 */
	public record Budget(long timeMillis, long maxNodes) {
		public static final Budget DEFAULT = new Budget(40_000, 8_000_000L);

		public Budget withTimeMillis(long millis) {
			return new Budget(millis, maxNodes);
		}

		public Budget withMaxNodes(long nodes) {
			return new Budget(timeMillis, nodes);
		}
	}

	/** The code of the warning on a policy the budget did not allow to analyse. */
	public static final String BUDGET_EXCEEDED = "mapl.analysis.budget";

	/** Analyses every policy of the model. */
	public static Result analyze(Model model) {
		return analyze(model, p -> true);
	}

	/** Analyses the policies the filter accepts, within the default budget. */
	public static Result analyze(Model model, Predicate<Policy> which) {
		return analyze(model, which, Budget.DEFAULT);
	}

	/**
	 * Analyses the policies the filter accepts, with one analyzer (one BDD kernel) for all, until a
	 * policy exceeds the budget: that kernel is dropped (it may be left mid-operation) and the next
	 * policy gets a fresh one.
	 */
	public static Result analyze(Model model, Predicate<Policy> which, Budget budget) {
		return DeepStack.call(() -> analyzeHere(model, which, budget));
	}

	private static Result analyzeHere(Model model, Predicate<Policy> which, Budget budget) {
		long stopAt = budget.timeMillis() > 0 ? System.nanoTime() + budget.timeMillis() * 1_000_000L : Long.MAX_VALUE;
		PolicyAnalyzer.Options options = PolicyAnalyzer.Options.DEFAULT.withMaxNodes(budget.maxNodes());
		PolicyAnalyzer analyzer = null;
		List<PolicyReport> reports = new ArrayList<>();
		List<Diagnostic> diagnostics = new ArrayList<>();
		for (Policy p : model.policies()) {
			if (!which.test(p)) {
				continue;
			}
			if (System.nanoTime() > stopAt) {
				diagnostics.add(notAnalysed(p, "the analysis time budget (" + budget.timeMillis() / 1000
						+ " s) was spent on the policies before it"));
				continue;
			}
			if (analyzer == null) {
				analyzer = new PolicyAnalyzer(model, options);
				analyzer.stopAt(stopAt);
			}
			PolicyReport r;
			try {
				r = analyzer.analyze(p);
			} catch (AnalysisLimitException e) {
				analyzer = null;
				diagnostics.add(notAnalysed(p, e.getMessage().contains("BDD nodes")
						? "it needs more than " + budget.maxNodes() + " BDD nodes"
						: "it needs more than the analysis time budget (" + budget.timeMillis() / 1000 + " s)"));
				continue;
			}
			reports.add(r);
			r.findings().forEach(f -> diagnostics.add(toDiagnostic(f)));
		}
		diagnostics.sort(Diagnostic.ORDER);
		return new Result(List.copyOf(reports), List.copyOf(diagnostics));
	}

	/** Gaps, conflicts, invariants and tests of this policy are undecided: say so on the policy. */
	private static Diagnostic notAnalysed(Policy p, String why) {
		return new Diagnostic(Diagnostic.Severity.WARNING, BUDGET_EXCEEDED,
				"policy `" + p.name() + "` not analysed: budget exceeded (" + why + ")",
				"its gaps, conflicts, invariants and tests are undecided; raise the budget with `mapl check "
						+ "--analysis-seconds N --analysis-nodes N`, split the policy, or declare related facts together",
				p.span(), Map.of());
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
