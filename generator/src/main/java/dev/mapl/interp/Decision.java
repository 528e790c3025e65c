package dev.mapl.interp;

import dev.mapl.ir.Rule;
import java.util.List;
import java.util.Optional;

/**
 * What a policy decides for one full input.
 *
 * @param firing   the rule whose outcome is the decision; empty when no rule matches
 * @param matching every rule whose condition holds, in source order
 */
public record Decision(Kind kind, Optional<Rule> firing, List<Rule> matching) {

	public enum Kind {
		/** One rule decides. */
		DECIDED,
		/** No rule matches: a gap in the policy. */
		NO_RULE,
		/**
		 * Several rules match under the {@code unique} hit policy. {@link #firing()} is then the
		 * first of them, so that every backend still gives one deterministic answer.
		 */
		CONFLICT
	}

	public Decision {
		matching = List.copyOf(matching);
	}

	/** The decided outcome index, or -1 when no rule matches. */
	public int outcome() {
		return firing.map(Rule::outcome).orElse(-1);
	}
}
