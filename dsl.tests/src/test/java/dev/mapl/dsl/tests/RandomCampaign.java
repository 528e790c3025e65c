package dev.mapl.dsl.tests;

import dev.mapl.dsl.compile.DeepStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * The long campaign without coverage guidance: {@link MaplFuzzTest}'s mutator driven by a seeded
 * random, uninstrumented, so it runs many more inputs per second than Jazzer's fuzzing mode. Each
 * failing input is written to {@code src/test/resources/fuzz-findings/<target>-<seed>-<n>.mapl}
 * (replayed by {@link FuzzFindingsTest} once fixed). Arguments: target (frontEnd or formatter),
 * number of inputs, seed. See docs/RELIABILITY.md.
 */
public final class RandomCampaign {

	private RandomCampaign() {
	}

	public static void main(String[] args) {
		// The whole campaign on one deep stack: the compiler then runs on this thread instead of
		// starting a thread per input.
		DeepStack.call(() -> {
			try {
				run(args);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return null;
		});
	}

	private static void run(String[] args) throws IOException {
		String target = args.length > 0 ? args[0] : "frontEnd";
		long inputs = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
		long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
		Random random = new Random(seed);
		MaplFuzzTest.Choices choices = new MaplFuzzTest.Choices() {
			@Override
			public int consumeInt(int min, int max) {
				return min + random.nextInt(max - min + 1);
			}

			@Override
			public String consumeString(int maxLength) {
				StringBuilder s = new StringBuilder();
				int n = random.nextInt(maxLength + 1);
				for (int i = 0; i < n; i++) {
					s.append((char) (random.nextInt(8) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
				}
				return s.toString();
			}
		};
		Path findings = Path.of("src", "test", "resources", "fuzz-findings");
		long start = System.nanoTime();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu0 = threads.getCurrentThreadCpuTime();
		int failures = 0;
		for (long i = 1; i <= inputs; i++) {
			String text = MaplFuzzTest.mutate(choices);
			try {
				if (target.equals("formatter")) {
					MaplFuzzTest.checkFormatter(text);
				} else {
					MaplFuzzTest.checkFrontEnd(text);
				}
			} catch (Throwable e) {
				failures++;
				Files.createDirectories(findings);
				Path f = findings.resolve(target + "-" + seed + "-" + i + ".mapl");
				Files.writeString(f, text);
				System.out.println("finding " + f + ": " + e.toString().lines().findFirst().orElse(""));
			}
			if (i % 1000 == 0 || i == inputs) {
				double s = (System.nanoTime() - start) / 1e9;
				double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
				System.out.printf(Locale.ROOT, "%d inputs, %d findings, %.0f s, %.1f inputs/s; %.2f ms CPU per input "
						+ "(%.0f inputs/s on a free core)%n", i, failures, s, i / s, 1000 * cpu / i, i / cpu);
			}
		}
	}
}
