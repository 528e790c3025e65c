package dev.mapl.ir;

import java.util.List;

/**
 * A named decision.
 *
 * @param inputs      the facts this policy decides over, as sorted indexes into {@link Model#facts()}:
 *                    those its rules, assumptions, invariants and tests name, closed under the
 *                    model-level assumptions that share a fact with them
 * @param assumptions every assumption that applies: the applicable model-level ones first, then
 *                    the policy's own
 */
public record Policy(String name, HitPolicy hitPolicy, List<Integer> inputs,
		List<Assumption> assumptions, List<Rule> rules, List<Invariant> invariants,
		List<PolicyTest> tests, String doc, SourceSpan span) {

	public Policy {
		inputs = List.copyOf(inputs);
		assumptions = List.copyOf(assumptions);
		rules = List.copyOf(rules);
		invariants = List.copyOf(invariants);
		tests = List.copyOf(tests);
	}

	/** The simple name: the part after the last dot of a qualified policy name. */
	public String simpleName() {
		return name.substring(name.lastIndexOf('.') + 1);
	}
}
