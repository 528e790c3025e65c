package dev.mapl.analysis;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scaling benchmark of the symbolic analysis; not a test (JUnit never runs it). Run from the
 * repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -f generator/pom.xml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.mapl.analysis.ScalingHarness [-Dexec.args="8,16 10,100 first"]
 * </pre>
 *
 * Arguments (all optional, positional): boolean fact counts, rule counts, hit policies
 * (comma-separated); {@code diagram} or {@code nodiagram} (skip the decision-diagram column); the
 * synthesizer's locality window (default 8; 0 draws every rule's facts from all facts); the node
 * budget past which the analysis gives up (default {@link PolicyAnalyzer.Options#DEFAULT}); a time
 * budget in milliseconds for the {@code bdd} path (default none); the analysis paths to compare, {@code auto} (BDDs, SAT
 * past {@link PolicyState#CHAIN_NODE_LIMIT}, the default) and/or {@code bdd} (BDDs whatever their
 * size, as before the SAT path). The last column says which path answered.
 * For each combination it synthesizes one policy (3 enums, 6 outcomes, 4 assumptions,
 * 3 invariants, 10 tests; {@code unique} policies from a random decision tree so that they are
 * nearly exclusive, the others with 1-4 literals per rule; see {@link Spec#window()}), runs the full
 * {@link PolicyAnalyzer#analyze} with a fresh analyzer (three times) and prints one Markdown table
 * row: the median wall time, the CPU time of the last run, bytes allocated by the analysing thread (last run), peak heap (all heap pools' peaks after a reset;
 * includes garbage not yet collected), findings and kernel nodes in use. It also times building
 * the rule-leaf decision diagram with don't-cares.
 */
public final class ScalingHarness {

	public static void main(String[] args) {
		int[] facts = args.length > 0 ? ints(args[0]) : new int[] {8, 16, 32, 64};
		int[] rules = args.length > 1 ? ints(args[1]) : new int[] {10, 100, 1000, 10000};
		List<HitPolicy> policies = new ArrayList<>();
		for (String h : (args.length > 2 ? args[2] : "first,unique,priority").split(",")) {
			policies.add(HitPolicy.valueOf(h.trim().toUpperCase(Locale.ROOT)));
		}
		diagrams = args.length <= 3 || !args[3].equals("nodiagram");
		window = args.length > 4 ? Integer.parseInt(args[4]) : 8;
		maxNodes = args.length > 5 ? Long.parseLong(args[5]) : PolicyAnalyzer.Options.DEFAULT.maxNodes();
		timeout = args.length > 6 ? Long.parseLong(args[6]) : 0;
		String[] modes = (args.length > 7 ? args[7] : "auto").split(",");
		// Warm up the JIT on mid-sized policies, so the first row is not penalised.
		for (int i = 0; i < 3; i++) {
			for (HitPolicy hp : HitPolicy.values()) {
				run(spec(16, 300, hp, 100 + i), false);
			}
		}
		System.out.println("| facts | rules | hit policy | analysis ms | cpu ms | diagram ms | allocated MB | peak heap MB "
				+ "| findings | kernel nodes | diagram tests | path |");
		System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
		for (int f : facts) {
			for (int r : rules) {
				for (HitPolicy hp : policies) {
					for (String mode : modes) {
						exactOnly = mode.trim().equals("bdd");
						System.out.println(run(spec(f, r, hp, 1), true));
					}
				}
			}
		}
	}

	private static boolean diagrams = true;
	private static int window = 8;
	private static long maxNodes;
	private static long timeout;
	private static boolean exactOnly;

	private static PolicyAnalyzer analyzer(Model m, PolicyAnalyzer.Options o) {
		PolicyAnalyzer a = new PolicyAnalyzer(m, o);
		return exactOnly ? a.exactOnly() : a;
	}

	static Spec spec(int facts, int rules, HitPolicy hp, long seed) {
		return new Spec(facts, 3, rules, hp, seed, 4, 6, 4, 3, 10, 0.1, false, hp == HitPolicy.UNIQUE, window);
	}

	static String run(Spec spec, boolean measure) {
		Model m = PolicySynthesizer.synthesize(spec);
		Policy p = m.policies().get(0);
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long id = Thread.currentThread().getId();
		long alloc0 = threads.getThreadAllocatedBytes(id);
		// Median wall time of three fresh analyses (the machine may be shared); memory of the last.
		PolicyAnalyzer.Options o = measure
				? PolicyAnalyzer.Options.DEFAULT.withMaxNodes(maxNodes).withTimeoutMillis(exactOnly ? timeout : 0)
				: PolicyAnalyzer.Options.DEFAULT;
		long[] times = new long[measure ? 2 : 0];
		for (int i = 0; i < times.length; i++) {
			long s0 = System.nanoTime();
			try {
				analyzer(m, o).analyze(p);
			} catch (AnalysisLimitException e) {
				times = new long[0];
				break;
			}
			times[i] = System.nanoTime() - s0;
		}
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		alloc0 = threads.getThreadAllocatedBytes(id);
		long c0 = threads.getCurrentThreadCpuTime();
		long t0 = System.nanoTime();
		PolicyAnalyzer analyzer = analyzer(m, o);
		PolicyReport report;
		try {
			report = analyzer.analyze(p);
		} catch (AnalysisLimitException e) {
			return String.format(Locale.ROOT, "| %d | %d | %s | gave up after %d | - | - | - | - | - | - | - | %s |",
					spec.factCount(), p.rules().size(), spec.hitPolicy().keyword(), (System.nanoTime() - t0) / 1_000_000,
					exactOnly ? "bdd only" : "auto");
		}
		long t1 = System.nanoTime();
		long c1 = threads.getCurrentThreadCpuTime();
		long alloc1 = threads.getThreadAllocatedBytes(id);
		long median = t1 - t0;
		if (times.length == 2) {
			long[] all = {times[0], times[1], t1 - t0};
			java.util.Arrays.sort(all);
			median = all[1];
		}
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		int nodes = analyzer.kernelNodes();
		long t2 = System.nanoTime();
		DecisionDiagram d = diagrams && report.exactCounts() ? DecisionDiagram.build(analyzer, p, DecisionDiagram.LeafKind.RULE, true) : null;
		long t3 = System.nanoTime();
		if (!measure) {
			return "";
		}
		return String.format(Locale.ROOT, "| %d | %d | %s | %d | %d | %s | %.1f | %.1f | %d | %d | %s | %s |",
				spec.factCount(), p.rules().size(), spec.hitPolicy().keyword(), median / 1_000_000, (c1 - c0) / 1_000_000,
				d == null ? "-" : Long.toString((t3 - t2) / 1_000_000), (alloc1 - alloc0) / 1e6, peak / 1e6,
				report.findings().size(), nodes, d == null ? "-" : Integer.toString(d.testCount()),
				(exactOnly ? "bdd only" : "auto") + ": " + (report.exactCounts() ? "bdd" : "sat"));
	}

	private static int[] ints(String s) {
		String[] parts = s.split(",");
		int[] out = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			out[i] = Integer.parseInt(parts[i].trim());
		}
		return out;
	}
}
