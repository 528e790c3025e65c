package dev.mapl.emit.c;

/**
 * A policy or target the C backend cannot turn into code (a gap in the decision, a name clash, a
 * region that is not there). The message is one line, meant for users, with {@code `backticked`}
 * names.
 */
public final class CEmitException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public CEmitException(String message) {
		super(message);
	}
}
