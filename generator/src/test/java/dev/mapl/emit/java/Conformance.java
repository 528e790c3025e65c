package dev.mapl.emit.java;

import dev.mapl.analysis.Counterexample;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.interp.Decision;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The proof that a generated class means what its policy means: on every input (or, past
 * {@link #EXHAUSTIVE_LIMIT} inputs, on a large random sample plus every rule's boundary), its
 * {@code decide}, {@code rule} and {@code isPossible}, typed and packed, agree with the
 * reference interpreter; on impossible inputs {@code decide} still returns an outcome and never
 * throws; packed inputs with stray bits or enum codes past the last value read as documented.
 */
public final class Conformance {

	/** Policies with at most this many inputs (assumptions not applied) are checked on all of them. */
	public static final long EXHAUSTIVE_LIMIT = 1 << 14;

	/** What was checked. */
	public record Report(boolean exhaustive, long inputs, long possible, long packedRandom) {
	}

	private Conformance() {
	}

	/** Checks a generated class; {@code samples} random inputs when the space is too large for all. */
	public static Report check(GeneratedPolicy g, int samples, long seed) {
		return check(g, samples, seed, EXHAUSTIVE_LIMIT);
	}

	/** Checks a generated class on every input when there are at most {@code exhaustiveLimit}. */
	public static Report check(GeneratedPolicy g, int samples, long seed, long exhaustiveLimit) {
		return check(g, samples, seed, exhaustiveLimit, STRAY_BIT_SAMPLES);
	}

	/** Random packed longs with stray bits that {@link #check} tries by default. */
	public static final int STRAY_BIT_SAMPLES = 2000;

	/** As above, with {@code strayBitSamples} random packed longs (a cost per class at scale). */
	public static Report check(GeneratedPolicy g, int samples, long seed, long exhaustiveLimit, int strayBitSamples) {
		Model model = g.model();
		Policy policy = g.policy();
		Interpreter interp = new Interpreter(model);
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		boolean gapsPossible = analyzer.firstGap(policy).isPresent() || analyzer.possibleInputs(policy).signum() == 0;
		long[] counts = new long[2];
		Consumer<int[]> one = input -> {
			counts[0]++;
			boolean possible = interp.isPossible(policy, input);
			Decision d = interp.decide(policy, input);
			int firing = d.firing().map(r -> policy.rules().indexOf(r)).orElse(-1);
			// rendered only for a failure: building it for every input was a fifth of the run
			Supplier<String> where = () -> " for " + render(model, policy, input);
			check(g.isPossible(input) == possible, "isPossible", where);
			Object rv = g.ruleValue(input);
			if (g.ruleIndex(rv) != firing) {
				check(false, "rule() is " + g.ruleIndex(rv) + ", the interpreter's " + firing, where);
			}
			if (rv != null) {
				var r = policy.rules().get(firing);
				check(g.labelAndLine(rv).equals(r.name() + "@" + r.span().line()), "rule label and line", where);
			}
			int decided = g.decide(input);
			if (possible) {
				counts[1]++;
				if (decided != d.outcome()) {
					check(false, "decide() is " + name(model, decided) + ", the interpreter's " + name(model, d.outcome()), where);
				}
			} else {
				check(decided >= 0 || gapsPossible, "decide() is null on an impossible input of a policy without gaps", where);
			}
			if (g.isPacked()) {
				long f = g.pack(input);
				check(g.decide(f) == decided, "decide(pack(...)) differs from decide(...)", where);
				check(g.rule(f) == firing, "rule(pack(...)) differs from rule(...)", where);
				check(g.isPossible(f) == possible, "isPossible(pack(...))", where);
			}
		};
		InputSpace space = InputSpace.of(model, policy);
		boolean exhaustive = space.size() <= exhaustiveLimit;
		if (exhaustive) {
			allInputs(model, policy, one);
		} else {
			SplittableRandom rnd = new SplittableRandom(seed);
			for (int i = 0; i < samples; i++) {
				one.accept(random(model, policy, rnd));
			}
			for (int[] b : boundaries(model, policy, analyzer)) {
				one.accept(b);
			}
		}
		long packedRandom = 0;
		if (g.isPacked()) {
			packedRandom = strayBits(g, interp, seed, strayBitSamples);
		}
		return new Report(exhaustive, counts[0], counts[1], packedRandom);
	}

	/**
	 * Random longs: bits past the packing are ignored and an enum code past the last value reads as
	 * the last value, for decide, rule and isPossible alike.
	 */
	private static long strayBits(GeneratedPolicy g, Interpreter interp, long seed, int n) {
		Model model = g.model();
		Policy policy = g.policy();
		int[] inputs = policy.inputs().stream().mapToInt(Integer::intValue).toArray();
		int[] zero = new int[model.facts().size()];
		long base = g.pack(zero);
		long[] shift = new long[inputs.length];
		long[] mask = new long[inputs.length];
		for (int i = 0; i < inputs.length; i++) {
			Fact f = model.fact(inputs[i]);
			int[] x = zero.clone();
			long all = 0;
			for (int v = 1; v < f.domainSize(); v++) {
				x[inputs[i]] = v;
				all |= g.pack(x) ^ base;
			}
			shift[i] = all == 0 ? 0 : Long.numberOfTrailingZeros(all);
			int width = f.isBoolean() ? 1 : JavaPlan.bitsFor(f.domainSize());
			mask[i] = width == 0 ? 0 : ((1L << width) - 1) << shift[i];
		}
		SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
		for (int k = 0; k < n; k++) {
			long f = rnd.nextLong();
			int[] x = new int[model.facts().size()];
			for (int i = 0; i < inputs.length; i++) {
				int code = (int) ((f & mask[i]) >>> shift[i]);
				x[inputs[i]] = Math.min(code, model.fact(inputs[i]).domainSize() - 1);
			}
			Supplier<String> where = () -> " for packed " + Long.toHexString(f) + " = " + render(model, policy, x);
			check(g.decide(f) == g.decide(x), "decide(long) with stray bits", where);
			check(g.rule(f) == g.rule(x), "rule(long) with stray bits", where);
			check(g.isPossible(f) == interp.isPossible(policy, x), "isPossible(long) with stray bits", where);
		}
		return n;
	}

	private static void check(boolean ok, String what, Supplier<String> where) {
		if (!ok) {
			throw new AssertionError(what + where.get());
		}
	}

	private static String name(Model model, int outcome) {
		return outcome < 0 ? "null" : model.outcome(outcome).name();
	}

	static String render(Model model, Policy policy, int[] input) {
		List<String> parts = new ArrayList<>();
		for (int f : policy.inputs()) {
			Fact fact = model.fact(f);
			parts.add(fact.isBoolean() ? (input[f] != 0 ? "" : "!") + fact.name() : fact.name() + " = " + fact.valueName(input[f]));
		}
		return String.join(", ", parts);
	}

	/** Every assignment of the policy's inputs, assumptions not applied, in truth-table order. */
	public static void allInputs(Model model, Policy policy, Consumer<int[]> visitor) {
		int[] inputs = policy.inputs().stream().mapToInt(Integer::intValue).toArray();
		int[] in = new int[model.facts().size()];
		while (true) {
			visitor.accept(in.clone());
			int i = inputs.length - 1;
			for (; i >= 0; i--) {
				if (++in[inputs[i]] < model.fact(inputs[i]).domainSize()) {
					break;
				}
				in[inputs[i]] = 0;
			}
			if (i < 0) {
				return;
			}
		}
	}

	public static int[] random(Model model, Policy policy, SplittableRandom rnd) {
		int[] in = new int[model.facts().size()];
		for (int f : policy.inputs()) {
			in[f] = rnd.nextInt(model.fact(f).domainSize());
		}
		return in;
	}

	/**
	 * The boundaries of the rules: for each rule, the first possible input it fires on, and every
	 * input one fact away from it (where a rule, or the next one, starts or stops deciding); the
	 * first input no rule decides and its neighbours too.
	 */
	public static List<int[]> boundaries(Model model, Policy policy, PolicyAnalyzer analyzer) {
		List<int[]> out = new ArrayList<>();
		List<Optional<Counterexample>> seeds = new ArrayList<>();
		for (int j = 0; j < policy.rules().size(); j++) {
			seeds.add(analyzer.firstFiring(policy, j));
		}
		seeds.add(analyzer.firstGap(policy));
		for (Optional<Counterexample> c : seeds) {
			if (c.isEmpty()) {
				continue;
			}
			int[] x = c.get().toInput(model.facts().size());
			out.add(x);
			for (int f : policy.inputs()) {
				for (int v = 0; v < model.fact(f).domainSize(); v++) {
					if (v != x[f]) {
						int[] y = x.clone();
						y[f] = v;
						out.add(y);
					}
				}
			}
		}
		return out;
	}
}
