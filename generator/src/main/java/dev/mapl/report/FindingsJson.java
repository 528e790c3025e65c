package dev.mapl.report;

import dev.mapl.analysis.Assignment;
import dev.mapl.analysis.Counterexample;
import dev.mapl.analysis.Finding;
import dev.mapl.analysis.InvariantResult;
import dev.mapl.analysis.PolicyReport;
import dev.mapl.analysis.TestResult;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Analysis reports as JSON, for tools and CI:
 *
 * <pre>
 * {"policies": [{"policy", "hitPolicy", "totalInputs", "possibleInputs", "gapInputs",
 *   "findings": [{"kind", "code", "severity", "span": {"file", "line", "column", "offset", "length"},
 *                 "message", "help", "counterexample": {"input": {fact: true|false|"VALUE"},
 *                 "outcome", "rule"} | null, "cubes": [...]}],
 *   "invariants": [{"name", "proven", "violations", "counterexample"}],
 *   "tests": [{"name", "passed", "completions", "expected", "actual", "rule", "counterexample"}],
 *   "outcomes": {name: count}, "rules": [{"rule", "inputs"}]}]}
 * </pre>
 *
 * {@code kind} is the code without its {@code mapl.analysis.} prefix. Counts are exact JSON
 * integers (they may exceed 2^53). Outcome and rule are {@code ""} when no rule decides.
 *
 * <p>A policy answered with SAT instead of BDDs (too large for exact counting) has
 * {@code "exactCounts": false} after {@code gapInputs}: its {@code gapInputs}, {@code outcomes},
 * rules' {@code inputs} and invariants' {@code violations} are then lower bounds (0 still means
 * none); {@code totalInputs}, {@code possibleInputs} and the tests' {@code completions} stay
 * exact, and verdicts and counterexamples are the same as with BDDs. The key is absent when every
 * count is exact.
 */
public final class FindingsJson {

	private FindingsJson() {
	}

	public static String write(List<PolicyReport> reports) {
		Map<String, Object> root = Json.object();
		List<Object> policies = new ArrayList<>();
		for (PolicyReport r : reports) {
			policies.add(report(r));
		}
		root.put("policies", policies);
		return Json.write(root);
	}

	/** One report as a JSON object tree. */
	public static Map<String, Object> report(PolicyReport r) {
		Map<String, Object> o = Json.object();
		o.put("policy", r.policyName());
		o.put("hitPolicy", r.policy().hitPolicy().keyword());
		o.put("totalInputs", r.totalInputs());
		o.put("possibleInputs", r.possibleInputs());
		o.put("gapInputs", r.gapInputs());
		if (!r.exactCounts()) {
			o.put("exactCounts", false);
		}
		List<Object> findings = new ArrayList<>();
		for (Finding f : r.findings()) {
			findings.add(finding(f));
		}
		o.put("findings", findings);
		List<Object> invariants = new ArrayList<>();
		for (InvariantResult i : r.invariants()) {
			Map<String, Object> x = Json.object();
			x.put("name", i.name());
			x.put("proven", i.proven());
			x.put("violations", i.violations());
			x.put("counterexample", counterexample(i.counterexample()));
			invariants.add(x);
		}
		o.put("invariants", invariants);
		List<Object> tests = new ArrayList<>();
		for (TestResult t : r.tests()) {
			Map<String, Object> x = Json.object();
			x.put("name", t.name());
			x.put("passed", t.passed());
			x.put("completions", t.completions());
			x.put("expected", t.expected());
			x.put("actual", t.actual());
			x.put("rule", t.rule());
			x.put("counterexample", counterexample(t.counterexample()));
			tests.add(x);
		}
		o.put("tests", tests);
		Map<String, Object> outcomes = Json.object();
		r.outcomeCounts().forEach((k, v) -> outcomes.put(outcomeName(r, k), v));
		o.put("outcomes", outcomes);
		List<Object> rules = new ArrayList<>();
		List<Rule> rs = r.policy().rules();
		for (int j = 0; j < rs.size(); j++) {
			Map<String, Object> x = Json.object();
			x.put("rule", rs.get(j).name());
			x.put("inputs", r.ruleCoverage().get(j));
			rules.add(x);
		}
		o.put("rules", rules);
		return o;
	}

	private static String outcomeName(PolicyReport r, int index) {
		return r.outcomeNames().get(index);
	}

	public static Map<String, Object> finding(Finding f) {
		Map<String, Object> x = Json.object();
		x.put("kind", f.kind());
		x.put("code", f.code());
		x.put("severity", f.severity().keyword());
		x.put("span", span(f.span()));
		x.put("message", f.message());
		x.put("help", f.help());
		x.put("counterexample", counterexample(f.counterexample()));
		x.put("cubes", f.cubes());
		return x;
	}

	public static Map<String, Object> span(SourceSpan s) {
		Map<String, Object> x = Json.object();
		x.put("file", s.file());
		x.put("line", s.line());
		x.put("column", s.column());
		x.put("offset", s.offset());
		x.put("length", s.length());
		return x;
	}

	/** A counterexample as {@code {"input": {fact: value}, "outcome", "rule"}}, or null. */
	public static Object counterexample(Optional<Counterexample> c) {
		return c.map(FindingsJson::counterexample).orElse(null);
	}

	public static Map<String, Object> counterexample(Counterexample c) {
		Map<String, Object> x = Json.object();
		Map<String, Object> input = Json.object();
		for (Assignment a : c.input()) {
			input.put(a.fact(), a.bool() ? (Object) (a.value() != 0) : a.valueName());
		}
		x.put("input", input);
		x.put("outcome", c.outcome());
		x.put("rule", c.rule());
		return x;
	}
}
