package dev.mapl.analysis;

/**
 * A question's given facts do not fit the policy: an unknown fact, a value outside its domain, a
 * fact given twice, or facts the assumptions exclude. The message names the problem, the help
 * says what to do ("did you mean `guest.mte`?"); callers print both, never a stack trace.
 */
public final class RestrictionException extends IllegalArgumentException {
	private static final long serialVersionUID = 1L;
	private final String help;
	private final boolean excluded;

	/** Facts that do not fit the policy's declarations (a usage problem). */
	public RestrictionException(String message, String help) {
		this(message, help, false);
	}

	/** With {@code excluded}: the facts fit, but the policy's assumptions exclude every input with them. */
	public RestrictionException(String message, String help, boolean excluded) {
		super(message);
		this.help = help;
		this.excluded = excluded;
	}

	/** Whether the facts are well-formed but the assumptions exclude them. */
	public boolean excluded() {
		return excluded;
	}

	/** What to do about it; may be empty. */
	public String help() {
		return help;
	}
}
