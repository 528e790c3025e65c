package dev.mapl.ir;

import java.util.List;
import java.util.Optional;

/**
 * Everything a set of MAPL files declares, lowered into one immutable value. Facts and outcomes
 * are in declaration order (files sorted by path); expressions refer to them by index.
 */
public record Model(List<Fact> facts, List<Outcome> outcomes, List<Assumption> assumptions,
		List<Policy> policies, List<CTarget> cTargets) {

	public Model {
		facts = List.copyOf(facts);
		outcomes = List.copyOf(outcomes);
		assumptions = List.copyOf(assumptions);
		policies = List.copyOf(policies);
		cTargets = List.copyOf(cTargets);
	}

	/** A model without C targets. */
	public Model(List<Fact> facts, List<Outcome> outcomes, List<Assumption> assumptions, List<Policy> policies) {
		this(facts, outcomes, assumptions, policies, List.of());
	}

	/** The C targets of one policy, in declaration order. */
	public List<CTarget> cTargetsOf(Policy policy) {
		return cTargets.stream().filter(t -> t.policy().equals(policy.name())).toList();
	}

	public Fact fact(int index) {
		return facts.get(index);
	}

	public Outcome outcome(int index) {
		return outcomes.get(index);
	}

	public int factIndex(String name) {
		for (int i = 0; i < facts.size(); i++) {
			if (facts.get(i).name().equals(name)) {
				return i;
			}
		}
		return -1;
	}

	public int outcomeIndex(String name) {
		for (int i = 0; i < outcomes.size(); i++) {
			if (outcomes.get(i).name().equals(name)) {
				return i;
			}
		}
		return -1;
	}

	/** A policy by qualified name, or by simple name when that is unambiguous. */
	public Optional<Policy> policy(String name) {
		for (Policy p : policies) {
			if (p.name().equals(name)) {
				return Optional.of(p);
			}
		}
		List<Policy> bySimple = policies.stream().filter(p -> p.simpleName().equals(name)).toList();
		return bySimple.size() == 1 ? Optional.of(bySimple.get(0)) : Optional.empty();
	}
}
