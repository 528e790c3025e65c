package dev.mapl.synth;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.synth.PolicySynthesizer.Spec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * {@link PolicySynthesizer} as a jqwik {@link Arbitrary}: every parameter of the {@link Spec} is
 * drawn by jqwik, so a failing policy shrinks toward fewer facts, rules, literals, outcomes and
 * assumptions (and a smaller seed), and jqwik reports the shrunk policy and the run's seed.
 */
public final class PolicyArbitraries {

	private PolicyArbitraries() {
	}

	/**
	 * The upper bounds of a spec; the lower ones are 1 boolean fact, no enum, no rule, 1 literal,
	 * 1 outcome, and no assumption, invariant, test or window (rules over all facts).
	 */
	public record Bounds(int facts, int enums, int rules, int literals, int outcomes, int assumptions, int invariants,
			int tests, int window, double guard) {

		/** No invariants, tests or windows. */
		public Bounds(int facts, int enums, int rules, int literals, int outcomes, int assumptions, double guard) {
			this(facts, enums, rules, literals, outcomes, assumptions, 0, 0, 0, guard);
		}
	}

	/** A synthesized policy and the spec it came from; shown as both when a property fails. */
	public record Synthesized(Spec spec, Model model) {

		public Policy policy() {
			return model.policies().get(0);
		}

		@Override
		public String toString() {
			StringBuilder sb = new StringBuilder(spec.toString());
			for (Rule r : policy().rules()) {
				sb.append("\n  ").append(MaplSyntax.rule(model, r));
			}
			return sb.toString();
		}
	}

	/** Specs within {@code b}, every hit policy, with and without otherwise and exclusive rules. */
	public static Arbitrary<Spec> specs(Bounds b) {
		Arbitrary<Tuple.Tuple4<Integer, Integer, Integer, HitPolicy>> shape = Combinators.combine(
				Arbitraries.integers().between(1, b.facts()), Arbitraries.integers().between(0, b.enums()),
				Arbitraries.integers().between(0, b.rules()), Arbitraries.of(HitPolicy.class)).as(Tuple::of);
		Arbitrary<Tuple.Tuple4<Integer, Integer, Integer, Integer>> extras = Combinators.combine(
				Arbitraries.integers().between(0, b.assumptions()), Arbitraries.integers().between(0, b.invariants()),
				Arbitraries.integers().between(0, b.tests()), Arbitraries.integers().between(0, b.window())).as(Tuple::of);
		return Combinators.combine(shape, extras, Arbitraries.longs().between(0, Integer.MAX_VALUE),
				Arbitraries.integers().between(1, b.literals()), Arbitraries.integers().between(1, b.outcomes()),
				Arbitraries.of(false, true), Arbitraries.of(false, true))
				.as((s, x, seed, literals, outcomes, otherwise, exclusive) -> new Spec(s.get1(), s.get2(), s.get3(), s.get4(),
						seed, literals, outcomes, x.get1(), x.get2(), x.get3(), b.guard(), otherwise, exclusive, x.get4()));
	}

	/** Synthesized policies within {@code b}. */
	public static Arbitrary<Synthesized> policies(Bounds b) {
		return specs(b).map(s -> new Synthesized(s, PolicySynthesizer.synthesize(s)));
	}
}
