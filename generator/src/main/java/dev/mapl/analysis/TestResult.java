package dev.mapl.analysis;

import dev.mapl.ir.SourceSpan;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The verdict on one inline test.
 *
 * @param completions    the possible inputs agreeing with the test's literals (0: vacuous)
 * @param expected       the expected outcome's name
 * @param actual         the outcome decided for the counterexample, {@code ""} when none or passed
 * @param rule           the rule firing on the counterexample, {@code ""} when none or passed
 * @param counterexample the first completion that does not decide {@code expected}
 */
public record TestResult(String name, boolean passed, BigInteger completions, String expected,
		String actual, String rule, Optional<Counterexample> counterexample, SourceSpan span) {

	public boolean vacuous() {
		return completions.signum() == 0;
	}
}
