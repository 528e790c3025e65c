package dev.mapl.analysis;

import dev.mapl.ir.SourceSpan;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One diagnostic of the policy analysis, as data.
 *
 * @param code           one of {@link FindingCodes}
 * @param message        short, lowercase, names in backticks
 * @param help           what to do about it, or {@code ""}
 * @param span           what to underline
 * @param counterexample the first input showing the problem, when there is one
 * @param cubes          the region concerned as MAPL expressions (at most a few, the last one
 *                       possibly {@code and N more}); empty when not meaningful
 */
public record Finding(String code, Severity severity, String message, String help, SourceSpan span,
		Optional<Counterexample> counterexample, List<String> cubes) {

	/** Sorted by span offset, then code, then message. */
	public static final Comparator<Finding> ORDER = Comparator
			.comparingInt((Finding f) -> f.span().offset())
			.thenComparing(Finding::code)
			.thenComparing(Finding::message);

	public Finding {
		cubes = List.copyOf(cubes);
	}

	/** The code without its {@code mapl.analysis.} prefix, e.g. {@code gap}. */
	public String kind() {
		return FindingCodes.kind(code);
	}
}
