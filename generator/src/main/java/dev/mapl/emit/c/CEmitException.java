package dev.mapl.emit.c;

import dev.mapl.ir.SourceSpan;
import java.util.Optional;

/**
 * A policy or target the C backend cannot turn into code (a gap in the decision, a name clash, a
 * region that is not there). The message is one line, meant for users, with {@code `backticked`}
 * names; {@link #at()} is the {@code target c} section it concerns, when there is one.
 */
public final class CEmitException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	private final transient SourceSpan at;

	public CEmitException(String message) {
		this(message, null);
	}

	public CEmitException(String message, SourceSpan at) {
		super(message);
		this.at = at;
	}

	public Optional<SourceSpan> at() {
		return Optional.ofNullable(at);
	}

	/** This error, placed at {@code span} unless it already has a place. */
	CEmitException placedAt(SourceSpan span) {
		return at != null || span == null ? this : new CEmitException(getMessage(), span);
	}

	/** Runs {@code step} for {@code target}; an error without a place is placed at the target. */
	static <T> T forTarget(dev.mapl.ir.CTarget target, java.util.function.Supplier<T> step) {
		try {
			return step.get();
		} catch (CEmitException e) {
			throw e.placedAt(target.span());
		}
	}
}
