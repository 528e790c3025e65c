package dev.mapl.cli;

/** A problem the user can fix (bad path, unknown policy, bad FACT=VALUE): one line, no stack trace. */
public class UserError extends RuntimeException {
	private static final long serialVersionUID = 1L;
	private final int exitCode;

	public UserError(String message) {
		this(message, Main.USAGE);
	}

	public UserError(String message, int exitCode) {
		super(message);
		this.exitCode = exitCode;
	}

	public int exitCode() {
		return exitCode;
	}
}
