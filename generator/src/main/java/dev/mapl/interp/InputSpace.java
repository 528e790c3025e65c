package dev.mapl.interp;

import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The full inputs of a policy: the product of its input facts' domains, enumerated like a truth
 * table (the first input fact varies slowest). Facts that are not inputs stay 0.
 */
public final class InputSpace {

	private final Model model;
	private final int[] inputs;

	private InputSpace(Model model, int[] inputs) {
		this.model = model;
		this.inputs = inputs;
	}

	public static InputSpace of(Model model, Policy policy) {
		return new InputSpace(model, policy.inputs().stream().mapToInt(Integer::intValue).toArray());
	}

	/** The number of full inputs, assumptions not applied; saturates at {@link Long#MAX_VALUE}. */
	public long size() {
		long n = 1;
		for (int f : inputs) {
			int d = model.fact(f).domainSize();
			if (n > Long.MAX_VALUE / d) {
				return Long.MAX_VALUE;
			}
			n *= d;
		}
		return n;
	}

	/**
	 * Visits every input that satisfies the policy's assumptions and agrees with {@code fixed}
	 * (-1 = free), in truth-table order, until the visitor returns false.
	 *
	 * @throws IllegalArgumentException when the space exceeds {@code limit} inputs
	 */
	public void forEachPossible(Interpreter interpreter, Policy policy, int[] fixed, long limit,
			Predicate<int[]> visitor) {
		if (size() > limit) {
			throw new IllegalArgumentException("policy `" + policy.name() + "` has " + size()
					+ " inputs, more than the " + limit + " that can be enumerated");
		}
		int[] input = new int[model.facts().size()];
		for (int f : inputs) {
			input[f] = fixed != null && fixed[f] >= 0 ? fixed[f] : 0;
		}
		while (true) {
			if (interpreter.isPossible(policy, input) && !visitor.test(input)) {
				return;
			}
			// Odometer step, last input fact fastest.
			int i = inputs.length - 1;
			for (; i >= 0; i--) {
				int f = inputs[i];
				if (fixed != null && fixed[f] >= 0) {
					continue;
				}
				if (++input[f] < model.fact(f).domainSize()) {
					break;
				}
				input[f] = 0;
			}
			if (i < 0) {
				return;
			}
		}
	}

	/** Every possible input (assumptions applied), each a fresh array. */
	public List<int[]> possibleInputs(Interpreter interpreter, Policy policy, long limit) {
		List<int[]> out = new ArrayList<>();
		forEachPossible(interpreter, policy, null, limit, in -> out.add(in.clone()));
		return out;
	}
}
