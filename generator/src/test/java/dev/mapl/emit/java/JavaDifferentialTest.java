package dev.mapl.emit.java;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.emit.c.CDifferentialAccess;
import dev.mapl.ir.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential testing at scale (issue 15): the policies of {@code CDifferentialTest}, each as a
 * class in both code styles, compiled by in-process javac ({@code --release 17 -Xlint:all -Werror})
 * {@value #PER_JAVAC} policies per run, loaded and compared with the reference interpreter on every
 * input ({@link Conformance#check}: decide, rule, isPossible, typed and packed).
 */
class JavaDifferentialTest {

	static final int POLICIES = Integer.getInteger("mapl.differential.policies", 1_000);
	static final int PER_JAVAC = 500;

	@Test
	void javacAgreesWithTheInterpreterOnEveryInputOfEveryPolicy() {
		long t0 = System.nanoTime();
		long inputs = 0;
		int javacRuns = 0;
		for (int from = 0; from < POLICIES; from += PER_JAVAC) {
			List<JavaBackendPropertyTest.Case> cases = new ArrayList<>();
			for (int i = from; i < Math.min(POLICIES, from + PER_JAVAC); i++) {
				Model m = CDifferentialAccess.synth(i);
				cases.add(JavaBackendPropertyTest.generate("d" + i + ".table", m, JavaEmitter.Style.TABLE));
				cases.add(JavaBackendPropertyTest.generate("d" + i + ".branches", m, JavaEmitter.Style.BRANCHES));
			}
			inputs += JavaBackendPropertyTest.checkAll(cases, 0);
			javacRuns++;
		}
		assertTrue(inputs >= POLICIES, "checked " + inputs);
		System.out.println("Java differential: " + POLICIES + " policies, " + 2 * POLICIES + " classes in " + javacRuns
				+ " javac runs; " + inputs + " inputs compared with the interpreter, 0 disagreements; total "
				+ (System.nanoTime() - t0) / 1_000_000 + " ms");
	}
}
