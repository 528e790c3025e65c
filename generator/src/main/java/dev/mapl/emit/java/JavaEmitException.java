package dev.mapl.emit.java;

/** A policy the Java backend cannot generate as asked; the message says why, in one line. */
public final class JavaEmitException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public JavaEmitException(String message) {
		super(message);
	}
}
