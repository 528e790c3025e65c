package dev.mapl.ir;

import java.util.Optional;

/**
 * One line of a policy: {@code label: when -> outcome if guard}.
 *
 * @param name       the label, or {@code line N} for an unlabelled rule
 * @param labelled   whether {@code name} is a user label
 * @param when       the condition; {@code Const(true)} for {@code otherwise}
 * @param guard      the optional {@code if} guard, conjoined with {@code when}
 * @param outcome    index into {@link Model#outcomes()}
 * @param delegateOf for a rule a composed policy takes from the policy it delegates to
 *                   ({@code otherwise -> fault}), that policy's name; {@code ""} for a rule written
 *                   in this policy. Such a rule's reachability is its own policy's business.
 */
public record Rule(int index, String name, boolean labelled, boolean otherwise, Expr when,
		Optional<Expr> guard, int outcome, String doc, SourceSpan span, String delegateOf) {

	/** A rule written in its own policy. */
	public Rule(int index, String name, boolean labelled, boolean otherwise, Expr when, Optional<Expr> guard,
			int outcome, String doc, SourceSpan span) {
		this(index, name, labelled, otherwise, when, guard, outcome, doc, span, "");
	}

	/** The full match condition, guard included. */
	public Expr condition() {
		return guard.<Expr>map(g -> new Expr.And(java.util.List.of(when, g), span)).orElse(when);
	}

	public boolean isDelegated() {
		return !delegateOf.isEmpty();
	}
}
