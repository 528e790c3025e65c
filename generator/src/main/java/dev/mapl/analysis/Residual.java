package dev.mapl.analysis;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What a policy decides when only some of its facts are known: the decision restricted to the
 * possible inputs that agree with the given facts (its <em>completions</em>).
 *
 * @param given       per model fact, the value index it is fixed to, or -1
 * @param completions the possible inputs that agree with the given facts (at least one)
 * @param dependsOn   the facts (model indexes, declaration order) the decided outcome still depends
 *                    on: a smallest-by-inclusion set that determines the outcome of every
 *                    completion; empty when the outcome is fixed
 * @param outcomes    every outcome some completion decides, in declaration order ({@code none} last)
 * @param table       the reduced decision table of the completions, with the deciding rules; empty
 *                    when it would have more than {@link PartialEvaluation#MAX_REDUCED_ROWS} rows
 * @param explanation present when one rule decides every completion (or none does)
 */
public record Residual(Model model, Policy policy, int[] given, BigInteger completions, List<Integer> dependsOn,
		List<Share> outcomes, Optional<DecisionTable> table, Optional<Explanation> explanation) {

	public Residual {
		given = given.clone();
		dependsOn = List.copyOf(dependsOn);
		outcomes = List.copyOf(outcomes);
	}

	/**
	 * The completions deciding one outcome.
	 *
	 * @param outcome the outcome's name, or {@link DecisionTable#NONE}
	 * @param rules   the rules deciding it on some completion, in policy order
	 */
	public record Share(String outcome, BigInteger count, List<String> rules) {
		public Share {
			rules = List.copyOf(rules);
		}
	}

	@Override
	public int[] given() {
		return given.clone();
	}

	/** Whether the given facts fix the decision: one rule (or no rule) for every completion. */
	public boolean decided() {
		return explanation.isPresent();
	}

	/** The given facts as {@code FACT=VALUE} words in declaration order. */
	public String givenText() {
		return Restriction.describe(model.facts(), given);
	}

	/**
	 * Why the fixed decision is what it is.
	 *
	 * @param firing  the rule deciding every completion; empty when no rule decides any
	 * @param earlier the rules before it in policy order (every rule when none fires)
	 * @param others  the rules other than the firing one that match some completion, in policy
	 *                order: under {@code priority} they lose to its outcome, under {@code unique}
	 *                they conflict with it
	 */
	public record Explanation(Optional<Rule> firing, List<Step> earlier, List<Step> others) {
		public Explanation {
			earlier = List.copyOf(earlier);
			others = List.copyOf(others);
		}
	}

	/** How a rule's condition (guard included) meets the completions. */
	public enum Match {
		NEVER, SOMETIMES, ALWAYS
	}

	/**
	 * One rule's part in the explanation.
	 *
	 * @param falseParts for a rule that matches no completion: the parts of its written
	 *                   conjunction (a {@code let} name is one part) that are false on every
	 *                   completion; empty when no single part is
	 * @param guardFalse whether, with no false part, its guard is false on every completion
	 */
	public record Step(Rule rule, Match match, List<Expr> falseParts, boolean guardFalse) {
		public Step {
			falseParts = List.copyOf(falseParts);
		}
	}
}
