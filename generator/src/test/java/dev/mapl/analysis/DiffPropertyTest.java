package dev.mapl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.interp.Interpreter;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Diff counts between random policies over the same facts, against brute force. */
class DiffPropertyTest {

	@Test
	void diffAgreesWithBruteForce() {
		for (long seed = 0; seed < 200; seed++) {
			SplittableRandom r = new SplittableRandom(seed);
			int facts = 1 + r.nextInt(5);
			int enums = r.nextInt(3);
			Spec a = new Spec(facts, enums, r.nextInt(7), HitPolicy.values()[r.nextInt(3)], seed, 3, 3,
					r.nextInt(3), 0, 0, 0.2, r.nextBoolean(), false);
			Model ma = PolicySynthesizer.synthesize(a);
			Model mb = seed % 2 == 0
					? PolicySynthesizer.synthesize(a.withSeed(seed + 1000).withHitPolicy(HitPolicy.values()[r.nextInt(3)]))
					: PolicySynthesizer.mutate(ma, seed, 1 + r.nextInt(3));
			try {
				check(ma, mb);
				check(mb, ma);
				check(ma, ma);
				// The behaviour change restricted to each value of each input fact.
				TreeSet<Integer> union = new TreeSet<>(ma.policies().get(0).inputs());
				union.addAll(mb.policies().get(0).inputs());
				for (int f : union) {
					for (int[] given : ResidualOracle.combinations(ma, List.of(f))) {
						check(ma, mb, given);
					}
				}
			} catch (AssertionError | RuntimeException e) {
				throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
			}
		}
	}

	static void check(Model ma, Model mb) {
		check(ma, mb, null);
	}

	/** With {@code given} (per fact a value or -1), only the inputs that agree with it are compared. */
	static void check(Model ma, Model mb, int[] given) {
		Policy pa = ma.policies().get(0);
		Policy pb = mb.policies().get(0);
		PolicyDiff diff;
		try {
			diff = new DiffAnalyzer().diff(ma, pa, mb, pb,
					given == null ? Restriction.NONE : ResidualOracle.restriction(ma, given));
		} catch (RestrictionException e) {
			assertTrue(e.excluded(), e.getMessage());
			diff = null;
		}
		// Both models have the same facts (by index); enumerate the union of the inputs.
		TreeSet<Integer> union = new TreeSet<>(pa.inputs());
		union.addAll(pb.inputs());
		Interpreter ia = new Interpreter(ma);
		Interpreter ib = new Interpreter(mb);
		Map<String, BigInteger> counts = new TreeMap<>();
		Map<String, int[]> firsts = new TreeMap<>();
		long common = 0;
		long onlyA = 0;
		long onlyB = 0;
		int[] in = new int[ma.facts().size()];
		List<Integer> inputs = new ArrayList<>(union);
		while (true) {
			boolean agrees = true;
			for (int f = 0; given != null && f < given.length; f++) {
				agrees &= given[f] < 0 || given[f] == in[f];
			}
			boolean okA = agrees && ia.isPossible(pa, in);
			boolean okB = agrees && ib.isPossible(pb, in);
			if (okA && okB) {
				common++;
				int oa = ia.decide(pa, in).outcome();
				int ob = ib.decide(pb, in).outcome();
				String from = oa < 0 ? "none" : ma.outcome(oa).name();
				String to = ob < 0 ? "none" : mb.outcome(ob).name();
				if (!from.equals(to)) {
					counts.merge(from + "->" + to, BigInteger.ONE, BigInteger::add);
					firsts.putIfAbsent(from + "->" + to, in.clone());
				}
			} else if (okA) {
				onlyA++;
			} else if (okB) {
				onlyB++;
			}
			int i = inputs.size() - 1;
			for (; i >= 0; i--) {
				int f = inputs.get(i);
				if (++in[f] < ma.fact(f).domainSize()) {
					break;
				}
				in[f] = 0;
			}
			if (i < 0) {
				break;
			}
		}
		if (diff == null) {
			assertEquals(0, common + onlyA + onlyB, "the given facts are excluded on both sides");
			return;
		}
		Map<String, BigInteger> actual = new TreeMap<>();
		for (PolicyDiff.Change c : diff.changes()) {
			actual.put(c.from() + "->" + c.to(), c.count());
			int[] first = firsts.get(c.from() + "->" + c.to());
			if (first != null) {
				// The merged order equals declaration order here, so the example is the first input.
				List<String> expected = new ArrayList<>();
				for (int f : inputs) {
					expected.add(ma.fact(f).isBoolean() ? (first[f] == 1 ? ma.fact(f).name() : "!" + ma.fact(f).name())
							: ma.fact(f).name() + " = " + ma.fact(f).values().get(first[f]));
				}
				assertEquals(String.join(", ", expected), c.example().toString(), "example of " + c.from() + "->" + c.to());
			}
		}
		assertEquals(counts, actual, "changes");
		assertEquals(BigInteger.valueOf(common), diff.commonInputs(), "common");
		assertEquals(counts.values().stream().reduce(BigInteger.ZERO, BigInteger::add), diff.changedInputs());
		assertEquals(BigInteger.valueOf(onlyA), diff.onlyOld().count(), "only old");
		assertEquals(BigInteger.valueOf(onlyB), diff.onlyNew().count(), "only new");
		if (ma == mb) {
			assertTrue(diff.equivalent(), "self diff");
		}
		for (int i = 1; i < diff.changes().size(); i++) {
			assertTrue(diff.changes().get(i - 1).count().compareTo(diff.changes().get(i).count()) >= 0, "sorted");
		}
	}
}
