package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `mapl check` on the reproducers of issue 15: one diagnostic, exit 0/1/2, no stack trace (MaplRun). */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LimitsCliTest {

	@TempDir
	Path dir;

	private String write(String text) throws IOException {
		Path f = dir.resolve("t.mapl");
		Files.writeString(f, text);
		return f.toString();
	}

	@Test
	void deepNestingIsOneDiagnosticAndExitCode1() throws IOException {
		MaplRun r = MaplRun.of("check", write("facts { a }\noutcomes { X Y }\npolicy p first {\n    " + "(".repeat(5000) + "a"
				+ ")".repeat(5000) + " -> X\n    otherwise -> Y\n}\n"));
		assertEquals(1, r.code(), r.err());
		assertTrue(r.out().contains(":4:261: error: the expression nests more than 256 levels deep here [mapl.limit.nesting]"),
				r.out());
	}

	@Test
	void aChainOfTwoThousandLetsIsChecked() throws IOException {
		String lets = "let l0 = a\n" + IntStream.range(1, 2000).mapToObj(i -> "let l" + i + " = l" + (i - 1) + " & b\n")
				.collect(Collectors.joining());
		MaplRun r = MaplRun.of("check", write("facts { a b }\noutcomes { X Y }\n" + lets
				+ "policy p first {\n    l1999 -> X\n    otherwise -> Y\n}\n"));
		assertEquals(0, r.code(), r.out() + r.err());
	}

	@Test
	void aPolicyPastTheNodeBudgetIsAWarningAndTheOthersAreChecked() throws IOException {
		int n = 40;
		String facts = IntStream.range(0, n).mapToObj(i -> "x" + i).collect(Collectors.joining(" ")) + " "
				+ IntStream.range(0, n).mapToObj(i -> "y" + i).collect(Collectors.joining(" "));
		String big = IntStream.range(0, n).mapToObj(i -> "(x" + i + " & y" + i + " | !x" + i + " & !y" + i + ")")
				.collect(Collectors.joining(" & "));
		MaplRun r = MaplRun.of("check", "--analysis-nodes", "100000", write("facts { " + facts + " }\noutcomes { X Y }\n"
				+ "policy small first {\n    x0 -> X\n}\npolicy big first {\n    " + big + " -> X\n    otherwise -> Y\n}\n"));
		assertEquals(1, r.code(), r.out() + r.err());
		assertTrue(r.out().contains("policy `big` not analysed: budget exceeded (it needs more than 100000 BDD nodes) [mapl.analysis.budget]"),
				r.out());
		assertTrue(r.out().contains("[mapl.analysis.gap]"), "`small` is still analysed: " + r.out());
	}

	@Test
	void aNegativeBudgetIsAUsageError() throws IOException {
		MaplRun r = MaplRun.of("check", "--analysis-seconds", "-1", write("facts { a }\n"));
		assertEquals(2, r.code(), r.err());
	}
}
