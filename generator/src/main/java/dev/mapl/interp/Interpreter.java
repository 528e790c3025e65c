package dev.mapl.interp;

import dev.mapl.ir.Expr;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference interpreter: the executable definition of MAPL's semantics. Every backend and the
 * symbolic analysis are tested against it, so it favours obviousness over speed.
 *
 * <p>An input is an {@code int[]} indexed like {@link Model#facts()}: 0/1 for a boolean fact, the
 * value index for an enum fact. Facts outside a policy's inputs are ignored.
 */
public final class Interpreter {

	private final Model model;

	public Interpreter(Model model) {
		this.model = model;
	}

	public Model model() {
		return model;
	}

	/** Whether an input satisfies every assumption that applies to the policy. */
	public boolean isPossible(Policy policy, int[] input) {
		for (var a : policy.assumptions()) {
			if (!eval(a.expr(), input, -1)) {
				return false;
			}
		}
		return true;
	}

	public boolean matches(Rule rule, int[] input) {
		return eval(rule.condition(), input, -1);
	}

	/** Decides one input according to the policy's hit policy. */
	public Decision decide(Policy policy, int[] input) {
		List<Rule> matching = new ArrayList<>();
		for (Rule r : policy.rules()) {
			if (matches(r, input)) {
				matching.add(r);
				if (policy.hitPolicy() == HitPolicy.FIRST) {
					break;
				}
			}
		}
		if (matching.isEmpty()) {
			return new Decision(Decision.Kind.NO_RULE, Optional.empty(), matching);
		}
		switch (policy.hitPolicy()) {
			case PRIORITY: {
				Rule best = matching.get(0);
				for (Rule r : matching) {
					if (r.outcome() < best.outcome()) {
						best = r;
					}
				}
				return new Decision(Decision.Kind.DECIDED, Optional.of(best), matching);
			}
			case UNIQUE:
				return new Decision(matching.size() == 1 ? Decision.Kind.DECIDED : Decision.Kind.CONFLICT,
						Optional.of(matching.get(0)), matching);
			case FIRST:
			default:
				return new Decision(Decision.Kind.DECIDED, Optional.of(matching.get(0)), matching);
		}
	}

	/**
	 * Whether an invariant holds for one input and the policy's decision on it. An input that no
	 * rule decides has no outcome: outcome names and attributes read false there.
	 */
	public boolean invariantHolds(Policy policy, Expr invariant, int[] input) {
		return eval(invariant, input, decide(policy, input).outcome());
	}

	/** The result of running one inline test by enumerating its completions. */
	public record TestRun(PolicyTest test, long completions, Optional<int[]> failingInput,
			Optional<Decision> failingDecision) {

		public boolean passed() {
			return completions > 0 && failingInput.isEmpty();
		}
	}

	/** Runs a test: every possible completion of the facts its literals leave open must decide its outcome. */
	public TestRun runTest(Policy policy, PolicyTest test, long limit) {
		int[] fixed = new int[model.facts().size()];
		java.util.Arrays.fill(fixed, -1);
		for (var lit : test.literals()) {
			fixed[lit.fact()] = lit.value();
		}
		long[] count = {0};
		int[][] failing = {null};
		Decision[] failingDecision = {null};
		InputSpace.of(model, policy).forEachPossible(this, policy, fixed, limit, input -> {
			count[0]++;
			Decision d = decide(policy, input);
			// Count every completion; the first failing one (in enumeration order) is the counterexample.
			if (failing[0] == null && (d.outcome() != test.expected() || d.kind() == Decision.Kind.CONFLICT)) {
				failing[0] = input.clone();
				failingDecision[0] = d;
			}
			return true;
		});
		return new TestRun(test, count[0], Optional.ofNullable(failing[0]), Optional.ofNullable(failingDecision[0]));
	}

	/**
	 * Evaluates an expression.
	 *
	 * @param outcome the decided outcome index for invariants, or -1 for none
	 */
	public boolean eval(Expr e, int[] input, int outcome) {
		if (e instanceof Expr.Const c) {
			return c.value();
		} else if (e instanceof Expr.BoolFact b) {
			return input[b.fact()] != 0;
		} else if (e instanceof Expr.EnumIn in) {
			return in.values().contains(input[in.fact()]);
		} else if (e instanceof Expr.Not n) {
			return !eval(n.operand(), input, outcome);
		} else if (e instanceof Expr.And a) {
			for (Expr o : a.operands()) {
				if (!eval(o, input, outcome)) {
					return false;
				}
			}
			return true;
		} else if (e instanceof Expr.Or o) {
			for (Expr x : o.operands()) {
				if (eval(x, input, outcome)) {
					return true;
				}
			}
			return false;
		} else if (e instanceof Expr.Implies i) {
			return !eval(i.left(), input, outcome) || eval(i.right(), input, outcome);
		} else if (e instanceof Expr.OutcomeIs o) {
			return o.outcome() == outcome;
		} else if (e instanceof Expr.HasAttribute h) {
			return outcome >= 0 && model.outcome(outcome).has(h.attribute());
		}
		throw new IllegalStateException("unknown expression " + e);
	}
}
