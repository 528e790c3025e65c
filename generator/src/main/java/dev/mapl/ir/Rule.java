package dev.mapl.ir;

import java.util.Optional;

/**
 * One line of a policy: {@code label: when -> outcome if guard}.
 *
 * @param name      the label, or {@code line N} for an unlabelled rule
 * @param labelled  whether {@code name} is a user label
 * @param when      the condition; {@code Const(true)} for {@code otherwise}
 * @param guard     the optional {@code if} guard, conjoined with {@code when}
 * @param outcome   index into {@link Model#outcomes()}
 */
public record Rule(int index, String name, boolean labelled, boolean otherwise, Expr when,
		Optional<Expr> guard, int outcome, String doc, SourceSpan span) {

	/** The full match condition, guard included. */
	public Expr condition() {
		return guard.<Expr>map(g -> new Expr.And(java.util.List.of(when, g), span)).orElse(when);
	}
}
