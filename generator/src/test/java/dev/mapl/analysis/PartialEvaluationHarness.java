package dev.mapl.analysis;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cost of a partial question ({@code explain} with three facts given) next to the full analysis
 * of the same policy; not a test (JUnit never runs it). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -f generator/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.mapl.analysis.PartialEvaluationHarness
 * </pre>
 *
 * For each size it synthesizes one {@code first} policy like {@link ScalingHarness} (window 8),
 * fixes its first three input facts to their first values, and prints one Markdown row: the
 * median of five runs of {@link PolicyAnalyzer#analyze} and of {@link PartialEvaluation#residual}
 * (each with a fresh analyzer, so encoding is included in both), the facts the residual depends
 * on and its table rows.
 */
public final class PartialEvaluationHarness {

	public static void main(String[] args) {
		int[][] sizes = {{8, 10}, {16, 100}, {32, 100}, {32, 1000}, {64, 1000}};
		run(16, 100, false); // warm-up
		System.out.println("| facts | rules | analyze ms | residual ms | depends on | table rows |");
		System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
		for (int[] s : sizes) {
			run(s[0], s[1], true);
		}
	}

	private static void run(int facts, int rules, boolean print) {
		Spec spec = new Spec(facts, 3, rules, HitPolicy.FIRST, 42, 4, 6, 4, 3, 10, 0.1, true, false).withWindow(8);
		Model m = PolicySynthesizer.synthesize(spec);
		Policy p = m.policies().get(0);
		List<String> words = new ArrayList<>();
		for (int f : p.inputs().subList(0, 3)) {
			words.add(m.fact(f).name() + "=" + m.fact(f).valueName(0));
		}
		Restriction r = Restriction.parse(words);
		long[] analyze = new long[5];
		long[] residual = new long[5];
		Residual last = null;
		for (int i = 0; i < 5; i++) {
			long t0 = System.nanoTime();
			new PolicyAnalyzer(m).analyze(p);
			analyze[i] = System.nanoTime() - t0;
			t0 = System.nanoTime();
			try {
				last = PartialEvaluation.residual(new PolicyAnalyzer(m), p, r);
			} catch (RestrictionException e) {
				System.out.println("| " + facts + " | " + rules + " | excluded: " + e.getMessage() + " |");
				return;
			}
			residual[i] = System.nanoTime() - t0;
		}
		if (print) {
			System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %d | %s |%n", facts, rules, median(analyze),
					median(residual), last.dependsOn().size(),
					last.table().map(t -> Integer.toString(t.rows().size())).orElse("> " + PartialEvaluation.MAX_REDUCED_ROWS));
		}
	}

	private static double median(long[] ns) {
		long[] s = ns.clone();
		Arrays.sort(s);
		return s[s.length / 2] / 1e6;
	}
}
