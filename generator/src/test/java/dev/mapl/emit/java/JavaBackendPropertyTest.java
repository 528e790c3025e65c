package dev.mapl.emit.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generated classes, compiled with {@code javac --release 17 -Xlint:all -Werror} and loaded, agree
 * with the reference interpreter on every input of hundreds of synthesized policies, in both code
 * shapes; and on large samples plus all rule boundaries of large ones.
 */
class JavaBackendPropertyTest {

	static final int POLICIES = 150;

	static Spec spec(long seed) {
		SplittableRandom r = new SplittableRandom(seed * 31 + 7);
		HitPolicy hp = HitPolicy.values()[(int) (seed % 3)];
		return new Spec(1 + r.nextInt(9), r.nextInt(4), r.nextInt(26), hp, seed, 1 + r.nextInt(4), 1 + r.nextInt(6),
				r.nextInt(4), 0, 0, 0.2, r.nextInt(3) > 0, r.nextInt(5) == 0);
	}

	record Case(String name, Model model, Policy policy, JavaEmitter.Style style, JavaEmitter.JavaFile file) {
	}

	static Case generate(String pkg, Model m, JavaEmitter.Style style) {
		Policy p = m.policies().get(0);
		JavaEmitter.JavaFile f = JavaEmitter.emit(m, p, JavaEmitter.Options.of("./mapl compile synth.mapl --java-out gen")
				.withPackage(pkg).withStyle(style));
		return new Case(pkg, m, p, style, f);
	}

	/** Compiles every case at once and checks each; returns the inputs checked. */
	static long checkAll(List<Case> cases, int samples) {
		Map<String, String> sources = new LinkedHashMap<>();
		for (Case c : cases) {
			sources.put(c.file().className(), c.file().content());
		}
		InMemoryJavac.Compiled compiled = InMemoryJavac.compile(sources);
		ClassLoader loader = compiled.loader();
		long inputs = 0;
		for (Case c : cases) {
			try {
				GeneratedPolicy g = new GeneratedPolicy(c.model(), c.policy(), loader.loadClass(c.file().className()));
				Conformance.Report r = Conformance.check(g, samples, c.name().hashCode());
				inputs += r.inputs();
				for (var e : compiled.classes().entrySet()) {
					if (e.getKey().startsWith(c.file().className())) {
						for (var m : ClassFiles.codeSizes(e.getValue()).entrySet()) {
							assertTrue(m.getValue() <= ClassFiles.HUGE_METHOD_LIMIT, e.getKey() + "." + m.getKey() + " has "
									+ m.getValue() + " bytes of bytecode: HotSpot would never compile it");
						}
					}
				}
			} catch (AssertionError | ReflectiveOperationException | RuntimeException e) {
				throw new AssertionError(c.name() + " (" + c.style() + "): " + e.getMessage() + "\n" + c.file().content()
						.lines().limit(0).toList(), e);
			}
		}
		return inputs;
	}

	@Test
	void smallPoliciesAgreeWithTheInterpreterOnEveryInput() {
		List<Case> cases = new ArrayList<>();
		for (long seed = 0; seed < POLICIES; seed++) {
			Model m = PolicySynthesizer.synthesize(spec(seed));
			cases.add(generate("p" + seed + ".table", m, JavaEmitter.Style.TABLE));
			cases.add(generate("p" + seed + ".branches", m, JavaEmitter.Style.BRANCHES));
		}
		long inputs = checkAll(cases, 0);
		assertTrue(inputs > 100_000, "checked " + inputs);
	}

	@Test
	void largePoliciesAgreeOnSamplesAndBoundaries() {
		List<Case> cases = new ArrayList<>();
		// The benchmark's shape: 20 facts, 300 rules, in each hit policy.
		Model first = PolicySynthesizer.synthesize(Spec.of(16, 4, 300, HitPolicy.FIRST, 20).withOtherwise(true)
				.withInvariants(0).withTests(0));
		cases.add(generate("big.first", first, JavaEmitter.Style.AUTO));
		Model unique = PolicySynthesizer.synthesize(Spec.of(16, 4, 300, HitPolicy.UNIQUE, 21).withExclusive(true)
				.withInvariants(0).withTests(0));
		cases.add(generate("big.unique", unique, JavaEmitter.Style.AUTO));
		Model priority = PolicySynthesizer.synthesize(Spec.of(16, 4, 300, HitPolicy.PRIORITY, 22).withMaxLiterals(8)
				.withOutcomes(6).withOtherwise(true).withInvariants(0).withTests(0));
		cases.add(generate("big.priority", priority, JavaEmitter.Style.AUTO));
		// A table packed several entries per word, over several text blocks.
		Model wide = PolicySynthesizer.synthesize(Spec.of(16, 0, 120, HitPolicy.FIRST, 5).withMaxLiterals(8)
				.withOtherwise(true).withInvariants(0).withTests(0));
		Policy wp = wide.policies().get(0);
		cases.add(new Case("wide.table", wide, wp, JavaEmitter.Style.TABLE, JavaEmitter.emit(wide, wp,
				JavaEmitter.Options.of("x").withPackage("wide.table").withStyle(JavaEmitter.Style.TABLE)
						.withByteTableMaxEntries(1 << 10))));
		// More facts than a long holds: typed code only.
		Model huge = PolicySynthesizer.synthesize(Spec.of(70, 2, 60, HitPolicy.FIRST, 9).withMaxLiterals(3)
				.withOtherwise(true).withInvariants(0).withTests(0));
		cases.add(generate("huge.auto", huge, JavaEmitter.Style.AUTO));
		for (Case c : cases) {
			assertTrue(c.file().keyBits() > 8, c.name() + " decides on " + c.file().keyBits() + " bits only");
		}
		assertTrue(cases.get(3).file().content().contains("private static final long[] decisionTable"));
		assertTrue(cases.get(4).file().keyBits() > 64 || !cases.get(4).file().content().contains("decide(long facts)"));
		long inputs = checkAll(cases, 10_000);
		assertTrue(inputs > 50_000, "checked " + inputs);
	}
}
