package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import dev.mapl.emit.DifferentialRun;
import dev.mapl.emit.c.CDifferentialAccess;
import dev.mapl.emit.java.JavaDifferentialAccess;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing at scale (issue 15), the share with {@code let}s and compositions:
 * {@link DifferentialRun#TEXT_POLICIES} MAPL files ({@link ComposedPolicies}: one in five of the
 * population, 2,000 of CI's 10,000), each parsed, validated and lowered like {@code mapl compile}
 * does. Every policy of each file is decided by the reference interpreter on its lowering and by
 * {@link ComposedPolicies} on the text's own meaning, on every input, possible or not; then the
 * file's {@code top} policy goes through the generator's differential batches: generated Java and
 * generated C (gcc), both styles, compared with the interpreter on every input. So the text's
 * meaning, the interpreter, Java and C agree.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(MaplInjectorProvider.class)
class CompositionDifferentialTest {

	@Inject
	MaplTesting mapl;

	@TempDir
	Path dir;

	@Test
	void letsAndCompositionsDecideAsWrittenInTheInterpreterJavaAndC() throws Exception {
		long t0 = System.nanoTime();
		int count = DifferentialRun.TEXT_POLICIES;
		List<Model> tops = new ArrayList<>();
		long inputs = 0;
		int withLet = 0;
		int withComposition = 0;
		int withBoth = 0;
		int policies = 0;
		int delegatedRules = 0;
		for (int seed = 0; seed < count; seed++) {
			ComposedPolicies.File file = ComposedPolicies.generate(seed);
			Model m;
			try {
				m = mapl.lower(file.text());
			} catch (AssertionError e) {
				throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + file.text(), e);
			}
			inputs += agree(file, m);
			policies += file.policies().size();
			withLet += file.usesLet() ? 1 : 0;
			withComposition += file.usesComposition() ? 1 : 0;
			withBoth += file.usesLet() && file.usesComposition() ? 1 : 0;
			Policy top = lowered(m, "top");
			delegatedRules += (int) top.rules().stream().filter(r -> r.isDelegated()).count();
			tops.add(new Model(m.facts(), m.outcomes(), m.assumptions(), List.of(top)));
		}
		long t1 = System.nanoTime();
		JavaDifferentialAccess.Counts java = JavaDifferentialAccess.decideAll("t", tops);
		long t2 = System.nanoTime();
		CDifferentialAccess.Counts c = CDifferentialAccess.decideAll(dir, "text_", tops);
		long t3 = System.nanoTime();
		assertEquals(2L * tops.size(), java.classes());
		assertEquals(2L * tops.size(), c.functions());
		assertTrue(withLet >= count / 2 && withComposition >= count / 2, withLet + " with lets, " + withComposition
				+ " with compositions");
		System.out.printf(Locale.ROOT, "Text differential: %,d policies from MAPL text (%,d with lets, %,d with compositions, "
				+ "%,d with both; %,d delegated rules after lowering), %,d policies in the files; %,d inputs decided by "
				+ "the text's meaning and the interpreter, 0 disagreements; parse, lower and compare %,d ms; %,d "
				+ "policies on to Java and C%n", count, withLet,
				withComposition, withBoth, delegatedRules, policies, inputs, (t1 - t0) / 1_000_000, tops.size());
		System.out.printf(Locale.ROOT, "Text differential, Java: %,d classes in %d javac runs, %,d inputs compared "
				+ "with the interpreter, 0 disagreements, CPU %,d ms, total %,d ms; C: %,d functions in %d gcc runs, %,d "
				+ "inputs run, %,d possible inputs compared with the interpreter, 0 disagreements, Java CPU %,d ms, gcc "
				+ "and run %,d ms (wall, summed over batches), total %,d ms%n", java.classes(), java.javacRuns(),
				java.inputs(), java.cpuNanos() / 1_000_000, (t2 - t1) / 1_000_000, c.functions(), c.gccRuns(),
				c.inputsRun(), c.compared(), c.cpuNanos() / 1_000_000, c.gccNanos() / 1_000_000, (t3 - t2) / 1_000_000);
	}

	/**
	 * On every input of the file's facts, every policy's lowering is possible where the text says
	 * and decides there what the text says. Returns the inputs compared.
	 */
	private static long agree(ComposedPolicies.File file, Model m) {
		List<String> names = new ArrayList<>();
		for (int b = 0; b < file.bools(); b++) {
			names.add("f" + b);
		}
		for (int e = 0; e < file.enums(); e++) {
			names.add("e" + e);
		}
		assertEquals(names, m.facts().stream().map(Fact::name).toList(), "facts in declaration order");
		Interpreter interp = new Interpreter(m);
		int[] in = new int[file.factCount()];
		long compared = 0;
		while (true) {
			for (ComposedPolicies.Pol p : file.policies()) {
				Policy low = lowered(m, p.name);
				boolean possible = p.possible(in);
				String where = "seed " + file.seed() + ", policy " + p.name + ", input " + Arrays.toString(in);
				if (possible != interp.isPossible(low, in)) {
					throw new AssertionError(where + ": possible by the text " + possible + ", by the interpreter "
							+ !possible + "\n" + file.text());
				}
				if (possible) {
					int text = p.decide(in);
					int ir = interp.decide(low, in).outcome();
					if (text != ir) {
						throw new AssertionError(where + ": the text decides " + outcome(text) + ", the interpreter on "
								+ "the lowered policy " + outcome(ir) + "\n" + file.text());
					}
					compared++;
				}
			}
			int k = in.length - 1;
			for (; k >= 0; k--) {
				if (++in[k] < file.domain(k)) {
					break;
				}
				in[k] = 0;
			}
			if (k < 0) {
				return compared;
			}
		}
	}

	private static String outcome(int o) {
		return o < 0 ? "nothing" : "O" + o;
	}

	private static Policy lowered(Model m, String name) {
		return m.policies().stream().filter(p -> p.simpleName().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError("no policy " + name));
	}
}
