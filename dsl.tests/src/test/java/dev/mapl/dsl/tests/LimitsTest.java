package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.PolicyChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and huge input (issue 15.2-15.4, 20.10): each test is the reproducer of a crash, a stack
 * overflow, a hang or an internal error, and pins the diagnostic that replaced it. The timeouts are
 * hang guards, generous on a loaded 2-core machine, not performance assertions (those are in
 * ParseScalingHarness and docs/PERFORMANCE.md).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LimitsTest {

	private static final String HEAD = "facts { a b }\noutcomes { X Y }\n";

	@TempDir
	Path dir;

	private Compilation compile(String text) throws IOException {
		Path f = dir.resolve("t.mapl");
		Files.writeString(f, text);
		return MaplCompiler.create().compile(List.of(f));
	}

	private static List<String> errors(Compilation c) {
		return c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
				.map(d -> d.span().line() + ":" + d.span().column() + " " + d.code() + ": " + d.message()).toList();
	}

	private static String policy(String condition) {
		return HEAD + "policy p first {\n    " + condition + " -> X\n    otherwise -> Y\n}\n";
	}

	// ---- 15.2: nesting

	@Test
	void fiveThousandParenthesesAreANestingDiagnosticNotAStackOverflow() throws IOException {
		Compilation c = compile(policy("(".repeat(5000) + "a" + ")".repeat(5000)));
		List<String> errors = errors(c);
		assertEquals(1, errors.size(), errors.toString());
		// the first parenthesis past the limit: column 5 + 256
		assertTrue(errors.get(0).startsWith("4:" + (5 + 256) + " mapl.limit.nesting: "), errors.toString());
	}

	@Test
	void fiveThousandNegationsAreANestingDiagnostic() throws IOException {
		List<String> errors = errors(compile(policy("!".repeat(5000) + "a")));
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith("4:" + (5 + 256) + " mapl.limit.nesting: "), errors.toString());
	}

	@Test
	void fiveThousandImplicationsAreANestingDiagnostic() throws IOException {
		List<String> errors = errors(compile(policy("a => ".repeat(5000) + "a")));
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith("4:" + (5 + 256 * 5 + 2) + " mapl.limit.nesting: "), errors.toString());
	}

	@Test
	void nestingWithinTheLimitParsesAndTheRestOfTheFileIsStillChecked() throws IOException {
		String deep = "(".repeat(200) + "a" + ")".repeat(200);
		Compilation c = compile(HEAD + "policy p first {\n    " + "(".repeat(300) + "a" + ")".repeat(300)
				+ " -> X\n    otherwise -> Y\n}\npolicy q first {\n    " + deep + " -> X\n    otherwise -> Nope\n}\n");
		List<String> errors = errors(c);
		assertEquals(2, errors.size(), errors.toString());
		assertTrue(errors.get(0).contains("mapl.limit.nesting"), errors.toString());
		assertTrue(errors.get(1).startsWith("9:18 mapl.name.unknown"), errors.toString());
	}

	@Test
	void aChainOfTwoThousandLetsIsChecked() throws IOException {
		String lets = "let l0 = a\n" + IntStream.range(1, 2000).mapToObj(i -> "let l" + i + " = l" + (i - 1) + " & b\n")
				.collect(Collectors.joining());
		Compilation c = compile(HEAD + lets + "policy p first {\n    l1999 -> X\n    otherwise -> Y\n}\n");
		assertEquals(List.of(), errors(c));
		PolicyChecks.Result r = PolicyChecks.analyze(c.model().orElseThrow());
		assertEquals(1, r.reports().size());
	}

	@Test
	void aTwoHundredThousandCharacterLineIsChecked() throws IOException {
		// a 10,000-term chain and a long comment on one line (longer chains are checked in linear time,
		// FrontEndScalingTest; this one keeps the test short)
		String chain = IntStream.range(0, 10_000).mapToObj(i -> i % 2 == 0 ? "a" : "b").collect(Collectors.joining(" & "));
		String line = chain + " -> X // " + "x".repeat(200_000 - chain.length());
		assertTrue(line.length() > 200_000);
		Compilation c = compile(HEAD + "policy p first {\n    " + line + "\n    otherwise -> Y\n}\n");
		assertEquals(List.of(), errors(c));
		assertEquals(1, PolicyChecks.analyze(c.model().orElseThrow()).reports().size());
	}

	// ---- 20.10: linking is linear in the length of a chain (the timeout is a hang guard: this took
	// over 300 s when each reference walked up the whole chain)

	@Test
	void aFiveThousandTermConjunctionIsChecked() throws IOException {
		Compilation c = compile(policy(String.join(" & ", java.util.Collections.nCopies(5000, "a"))));
		assertEquals(List.of(), errors(c));
		assertEquals(1, PolicyChecks.analyze(c.model().orElseThrow()).reports().size());
	}

	// ---- 15.4: enums

	@Test
	void anEnumWithMoreThan64ValuesIsADiagnosticAtTheEnum() throws IOException {
		String values = IntStream.range(0, 65).mapToObj(i -> "v" + i).collect(Collectors.joining(", "));
		Compilation c = compile("facts {\n    a\n    enum e { " + values + " }\n}\noutcomes { X Y }\n"
				+ "policy p first {\n    a -> X\n    otherwise -> Y\n}\n");
		List<String> errors = errors(c);
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith("3:10 mapl.limit.enum-values: enum `e` has 65 values"), errors.toString());
	}

	// ---- 15.3: size

	@Test
	void tooManyFactsIsADiagnosticAtTheFirstFactPastTheLimit() throws IOException {
		String facts = IntStream.range(0, 10_001).mapToObj(i -> "f" + i).collect(Collectors.joining("\n"));
		Compilation c = compile("facts {\n" + facts + "\n}\noutcomes { X }\npolicy p first {\n    f0 -> X\n}\n");
		List<String> errors = errors(c);
		assertEquals(1, errors.size(), errors.toString());
		assertTrue(errors.get(0).startsWith("10002:1 mapl.limit.facts: "), errors.toString());
	}

	@Test
	void aFileLargerThanTheLimitIsOneDiagnosticAndIsNotParsed() throws IOException {
		StringBuilder junk = new StringBuilder();
		Random random = new Random(15);
		while (junk.length() < 10_000_000) {
			junk.append((char) (32 + random.nextInt(95)));
		}
		List<String> errors = errors(compile(junk.toString()));
		assertEquals(List.of("1:1 mapl.limit.file-size: the file has 10000000 bytes, more than the 4194304 a MAPL file may have"),
				errors);
	}

	@Test
	void aMegabyteOfJunkEndsInBoundedTimeWithBoundedDiagnostics() throws IOException {
		StringBuilder junk = new StringBuilder();
		Random random = new Random(16);
		while (junk.length() < 1_000_000) {
			junk.append((char) (32 + random.nextInt(95)));
			if (random.nextInt(60) == 0) {
				junk.append('\n');
			}
		}
		Compilation c = compile(junk.toString());
		assertFalse(errors(c).isEmpty());
		assertTrue(c.diagnostics().size() <= 1001, "diagnostics: " + c.diagnostics().size());
	}

	// ---- 15.3: the analysis budget

	/** Rules comparing x_i with y_i, facts declared x1..xn then y1..yn: exponential BDDs. */
	private static String blowUp(int n) {
		StringBuilder s = new StringBuilder("facts {\n");
		for (int i = 0; i < n; i++) {
			s.append("    x").append(i).append('\n');
		}
		for (int i = 0; i < n; i++) {
			s.append("    y").append(i).append('\n');
		}
		s.append("}\noutcomes { X Y }\npolicy small first {\n    x0 -> X\n    otherwise -> Y\n}\npolicy big first {\n    ");
		s.append(IntStream.range(0, n).mapToObj(i -> "(x" + i + " & y" + i + " | !x" + i + " & !y" + i + ")")
				.collect(Collectors.joining(" & ")));
		s.append(" -> X\n    otherwise -> Y\n}\n");
		return s.toString();
	}

	@Test
	void aPolicyPastTheNodeBudgetIsReportedNotAnalysedAndTheOthersAreAnalysed() throws IOException {
		Compilation c = compile(blowUp(40));
		assertEquals(List.of(), errors(c));
		PolicyChecks.Result r = PolicyChecks.analyze(c.model().orElseThrow(), p -> true,
				PolicyChecks.Budget.DEFAULT.withMaxNodes(200_000));
		assertEquals(List.of("small"), r.reports().stream().map(x -> x.policyName()).toList());
		List<Diagnostic> budget = r.diagnostics().stream().filter(d -> d.code().equals("mapl.analysis.budget")).toList();
		assertEquals(1, budget.size(), r.diagnostics().toString());
		assertTrue(budget.get(0).message().startsWith("policy `big` not analysed: budget exceeded"), budget.get(0).message());
		assertEquals(88, budget.get(0).span().line());
	}

	@Test
	void threeHundredRandomRulesOverThreeHundredFactsStopAtTheTimeBudget() throws IOException {
		Random random = new Random(300);
		StringBuilder s = new StringBuilder("facts {\n");
		for (int i = 0; i < 300; i++) {
			s.append("    f").append(i).append('\n');
		}
		s.append("}\noutcomes { A B C }\n");
		for (String hit : List.of("first", "unique", "priority")) {
			s.append("policy p_").append(hit).append(' ').append(hit).append(" {\n");
			for (int r = 0; r < 300; r++) {
				s.append("    ");
				for (int l = 0; l < 6; l++) {
					s.append(l == 0 ? "" : random.nextBoolean() ? " & " : " | ").append(random.nextBoolean() ? "!" : "")
							.append('f').append(random.nextInt(300));
				}
				s.append(" -> ").append("ABC".charAt(random.nextInt(3))).append('\n');
			}
			s.append("}\n");
		}
		Compilation c = compile(s.toString());
		assertEquals(List.of(), errors(c));
		long start = System.nanoTime();
		PolicyChecks.Result r = PolicyChecks.analyze(c.model().orElseThrow(), p -> true,
				PolicyChecks.Budget.DEFAULT.withTimeMillis(3_000));
		long seconds = (System.nanoTime() - start) / 1_000_000_000L;
		assertTrue(seconds < 100, "the budget is 3 s, the analysis took " + seconds + " s");
		assertEquals(3, r.reports().size() + r.diagnostics().stream().filter(d -> d.code().equals("mapl.analysis.budget")).count(),
				r.diagnostics().stream().map(Diagnostic::message).toList().toString());
	}
}
