package dev.mapl.dsl.ide.analysis;

import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.PolicyReport;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis of one file's policies, for the text it was computed from: its reports, and per
 * rule the inline tests whose inputs reach it. Code lenses, hovers and inlay hints read it; the
 * analyzer is kept for questions about regions (hover cubes) and used under its own lock.
 *
 * @param exercisedBy per policy name, per rule index, the tests that reach the rule
 */
public record FileAnalysis(String uri, String text, Model model, List<PolicyReport> reports,
		Map<String, List<List<PolicyTest>>> exercisedBy, PolicyAnalyzer analyzer) {

	public Optional<PolicyReport> report(Policy policy) {
		return reports.stream().filter(r -> r.policy() == policy).findFirst();
	}
}
