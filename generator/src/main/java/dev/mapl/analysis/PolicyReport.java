package dev.mapl.analysis;

import dev.mapl.ir.Policy;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Everything the analysis found out about one policy.
 *
 * @param findings       sorted by {@link Finding#ORDER}
 * @param totalInputs    the size of the input space, assumptions not applied
 * @param possibleInputs the inputs the assumptions allow
 * @param gapInputs      possible inputs no rule decides
 * @param ruleCoverage   per rule (in policy order), the possible inputs it fires on
 * @param outcomeCounts  per outcome index (every outcome of the model), the possible inputs
 *                       deciding it
 * @param outcomeNames   the model's outcome names, by index
 * @param exactCounts    whether every count is exact; false when the policy was answered with SAT
 *                       (its firing regions have no small BDD): then {@code gapInputs},
 *                       {@code ruleCoverage}, {@code outcomeCounts} and the invariants'
 *                       {@code violations} are lower bounds (0 exactly when there is none; a
 *                       positive count is "at least" that many), while {@code totalInputs},
 *                       {@code possibleInputs} and the tests' {@code completions} stay exact
 */
public record PolicyReport(Policy policy, List<Finding> findings, List<InvariantResult> invariants,
		List<TestResult> tests, BigInteger totalInputs, BigInteger possibleInputs, BigInteger gapInputs,
		List<BigInteger> ruleCoverage, Map<Integer, BigInteger> outcomeCounts, List<String> outcomeNames,
		boolean exactCounts) {

	public PolicyReport {
		findings = List.copyOf(findings);
		invariants = List.copyOf(invariants);
		tests = List.copyOf(tests);
		ruleCoverage = List.copyOf(ruleCoverage);
		outcomeCounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(outcomeCounts));
		outcomeNames = List.copyOf(outcomeNames);
	}

	/** A report whose counts are all exact. */
	public PolicyReport(Policy policy, List<Finding> findings, List<InvariantResult> invariants,
			List<TestResult> tests, BigInteger totalInputs, BigInteger possibleInputs, BigInteger gapInputs,
			List<BigInteger> ruleCoverage, Map<Integer, BigInteger> outcomeCounts, List<String> outcomeNames) {
		this(policy, findings, invariants, tests, totalInputs, possibleInputs, gapInputs, ruleCoverage,
				outcomeCounts, outcomeNames, true);
	}

	public String policyName() {
		return policy.name();
	}

	public boolean hasErrors() {
		return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
	}

	public List<Finding> findings(String code) {
		return findings.stream().filter(f -> f.code().equals(code)).toList();
	}
}
