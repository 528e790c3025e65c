package dev.mapl.analysis;

import dev.mapl.ir.SourceSpan;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A concrete input and what the policy decides for it. Counterexamples are always the first such
 * input in the interpreter's truth-table order, so they are the same on every run.
 *
 * @param input    every input of the policy, in policy input order
 * @param outcome  the decided outcome's name, or {@code ""} when no rule decides
 * @param rule     the firing rule's name, or {@code ""}
 * @param ruleSpan the firing rule's span, or {@link SourceSpan#NONE}
 */
public record Counterexample(List<Assignment> input, String outcome, String rule, SourceSpan ruleSpan) {

	public Counterexample {
		input = List.copyOf(input);
	}

	/** The input as MAPL test literals: {@code VM_PFNMAP, !MTE_ALLOWED, prot = MT_NORMAL}. */
	@Override
	public String toString() {
		return input.stream().map(Assignment::toString).collect(Collectors.joining(", "));
	}

	/** The input as an interpreter input array of the given length (other facts 0). */
	public int[] toInput(int factCount) {
		int[] out = new int[factCount];
		for (Assignment a : input) {
			out[a.factIndex()] = a.value();
		}
		return out;
	}
}
