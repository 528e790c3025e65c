package dev.mapl.analysis;

import dev.mapl.ir.SourceSpan;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The verdict on one invariant.
 *
 * @param violations     the number of possible inputs violating it
 * @param counterexample the first violating input
 */
public record InvariantResult(String name, boolean proven, BigInteger violations,
		Optional<Counterexample> counterexample, SourceSpan span) {
}
