package dev.mapl.analysis;

/** Thrown when a policy needs more BDD nodes than {@link PolicyAnalyzer.Options#maxNodes()}. */
public final class AnalysisLimitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public AnalysisLimitException(String message) {
		super(message);
	}
}
