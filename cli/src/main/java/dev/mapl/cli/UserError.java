package dev.mapl.cli;

/** A problem the user can fix (bad path, unknown policy, bad FACT=VALUE): one line, no stack trace. */
public class UserError extends RuntimeException {
	private static final long serialVersionUID = 1L;
	private final int exitCode;
	private final boolean rendered;

	public UserError(String message) {
		this(message, Main.USAGE);
	}

	public UserError(String message, int exitCode) {
		this(message, exitCode, false);
	}

	private UserError(String message, int exitCode, boolean rendered) {
		super(message);
		this.exitCode = exitCode;
		this.rendered = rendered;
	}

	/** A diagnostic with its place in the source ({@code file:line:col: error: ...}), printed as it is. */
	public static UserError at(dev.mapl.dsl.compile.Diagnostic diagnostic, int exitCode) {
		return new UserError(diagnostic.render(), exitCode, true);
	}

	/**
	 * Given facts that do not fit a policy: exit 2 for an unknown fact or value (with its "did you
	 * mean" help on the next line), 1 when the policy's assumptions exclude them.
	 */
	public static UserError of(dev.mapl.analysis.RestrictionException e) {
		String help = e.help().isEmpty() ? "" : "\n    help: " + e.help();
		return new UserError(e.getMessage() + help, e.excluded() ? Main.FAILED : Main.USAGE);
	}

	/** Whether the message is a whole rendered diagnostic rather than a line for {@code mapl: error: }. */
	public boolean rendered() {
		return rendered;
	}

	public int exitCode() {
		return exitCode;
	}
}
