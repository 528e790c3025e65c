package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated KUnit suites run for real: in an arm64 kernel that kunit.py builds (Linux 6.12,
 * Debian's aarch64-linux-gnu-gcc) and boots under qemu-system-aarch64. {@code mapl patch --kunit}
 * adds the suite with its Kconfig entry and Makefile line, applied with {@code git am}; a
 * kunitconfig enables it. The suite calls only the pure inner functions, so it needs no
 * {@code struct kvm}.
 * The first run builds the kernel (minutes); each further one rebuilds what changed.
 */
class Arm64KunitTest {

	static final Path EXAMPLES = Path.of("../examples/kvm-arm64");
	static final Pattern DONE = Pattern.compile("Testing complete\\. Ran (\\d+) tests: passed: (\\d+)(?:, failed: (\\d+))?");

	@TempDir
	Path dir;

	record KunitRun(int code, String out, int ran, int passed, int failed, long millis) {
	}

	/**
	 * Applies {@code mapl patch --kunit} for {@code file} with git am (the header, its suite, the
	 * Kconfig entry and the Makefile line), edits the suite with {@code edit}, and runs kunit.py.
	 */
	KunitRun run(Arm64Tree tree, Path file, UnaryOperator<String> edit) throws IOException {
		KernelTree.require("python3");
		KernelTree.require("qemu-system-aarch64");
		Path patch = dir.resolve("kunit.patch");
		String mail = KernelCTest.patchMail(file, tree.src, patch, "--kunit");
		for (String f : List.of("stage2_memtype.h", "stage2_memtype_test.c", "Kconfig", "Makefile")) {
			assertTrue(mail.contains("\ndiff --git a/arch/arm64/kvm/" + f + " "), f + " is not in the patch:\n" + mail);
		}
		KernelTree.git(tree.src, "am", "-q", patch.toString());
		Matcher m = Pattern.compile("\nconfig (\\w+_KUNIT_TEST)\n").matcher(tree.read("arch/arm64/kvm/Kconfig"));
		assertTrue(m.find(), "no KUnit entry in arch/arm64/kvm/Kconfig");
		String symbol = m.group(1);
		assertTrue(tree.read("arch/arm64/kvm/Makefile").contains("obj-$(CONFIG_" + symbol + ") += stage2_memtype_test.o\n"));
		String suitePath = "arch/arm64/kvm/stage2_memtype_test.c";
		String suite = tree.read(suitePath);
		tree.write(suitePath, edit.apply(suite));
		Path kunitconfig = dir.resolve(".kunitconfig");
		Files.writeString(kunitconfig, "CONFIG_KUNIT=y\nCONFIG_VIRTUALIZATION=y\nCONFIG_KVM=y\nCONFIG_" + symbol + "=y\n");

		long t0 = System.nanoTime();
		KernelTree.Result k = KernelTree.run(tree.src, List.of("python3", "tools/testing/kunit/kunit.py", "run",
				"--arch=arm64", "--cross_compile=" + Arm64Tree.CROSS, "--build_dir=" + tree.kunitBuild,
				"--kunitconfig=" + kunitconfig, "--jobs=" + Runtime.getRuntime().availableProcessors(), "--timeout=600"),
				Map.of(), 3600);
		long millis = (System.nanoTime() - t0) / 1_000_000;
		Matcher d = DONE.matcher(k.out());
		assertTrue(d.find(), "kunit.py did not finish the tests:\n" + tail(k.out()));
		int failed = d.group(3) == null ? 0 : Integer.parseInt(d.group(3));
		return new KunitRun(k.code(), k.out(), Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)), failed, millis);
	}

	static String tail(String out) {
		String[] lines = out.split("\n");
		return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
	}

	/**
	 * The number of test runs a generated suite has: for each {@code KUNIT_CASE_PARAM}, one per
	 * entry of the case array its parameters come from (one per possible input of the policy).
	 */
	static int cases(String suite) {
		int total = 0;
		Matcher c = Pattern.compile("KUNIT_CASE_PARAM\\(\\w+, (\\w+)_gen_params\\)").matcher(suite);
		while (c.find()) {
			String start = " " + c.group(1) + "_cases[] = {\n";
			int from = suite.indexOf(start);
			assertTrue(from >= 0, "no case array for " + c.group(1));
			String array = suite.substring(from, suite.indexOf("\n};\n", from));
			total += array.split("\n\t\\{\n", -1).length - 1;
		}
		return total;
	}

	@ParameterizedTest
	@ValueSource(strings = {"v6_1.mapl", "v6_6.mapl", "v6_12.mapl", "v6_17.mapl", "thread-catalin.mapl"})
	void everyCaseOfTheGeneratedSuitePassesUnderQemu(String name) throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			int[] expected = new int[1];
			KunitRun k = run(tree, EXAMPLES.resolve(name), suite -> {
				expected[0] = cases(suite);
				return suite;
			});
			assertEquals(0, k.code(), tail(k.out()));
			assertTrue(expected[0] > 0);
			assertEquals(expected[0], k.ran(), "every case ran");
			assertEquals(k.ran(), k.passed(), tail(k.out()));
			assertTrue(k.out().contains("arm64_kvm_stage2_memtype"), tail(k.out()));
			System.out.printf("%s: KUnit under qemu-system-aarch64: %d/%d passed, kunit.py run in %d s%n", name,
					k.passed(), k.ran(), k.millis() / 1000);
		} finally {
			tree.restore();
		}
	}

	/** A wrong expected outcome in the suite makes the run fail, naming the case. */
	@Test
	void aWrongExpectedOutcomeFailsTheRun() throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			String wrongCase = "mte_untagged: Efault <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte !fault.exec";
			KunitRun k = run(tree, EXAMPLES.resolve("v6_12.mapl"), suite -> {
				String right = "\"" + wrongCase + "\",\n\t\tfalse, false, true, true, false, -EFAULT\n";
				assertTrue(suite.contains(right), suite);
				return suite.replace(right, right.replace("-EFAULT\n", "0\n"));
			});
			assertNotEquals(0, k.code(), "kunit.py passed a wrong expectation:\n" + tail(k.out()));
			assertEquals(1, k.failed(), tail(k.out()));
			assertEquals(k.ran() - 1, k.passed());
			assertTrue(k.out().contains("[FAILED] " + wrongCase), tail(k.out()));
			System.out.printf("a wrong expectation: %d/%d passed, 1 failed, kunit.py run in %d s%n", k.passed(), k.ran(),
					k.millis() / 1000);
		} finally {
			tree.restore();
		}
	}
}
