package dev.mapl.dsl.validation;

/**
 * Policy analysis (gaps, overlaps, dead rules, invariants, inline tests) reported on the exact span
 * of the rule, invariant or test. Runs as an expensive check: the editor and the Maven build run it,
 * and the CLI runs the same analysis once for all files through {@code MaplCompiler}.
 */
public class PolicyAnalysisValidator extends MaplCheckBase {
}
