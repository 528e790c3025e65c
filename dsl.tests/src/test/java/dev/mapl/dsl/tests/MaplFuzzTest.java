package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.PolicyChecks;
import dev.mapl.dsl.compile.SourceFormatter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Structured fuzzing of the pipeline with Jazzer. Each input drives a mutator over the example
 * policies (byte flips, token deletion, duplication and swaps, truncation, keyword, brace and
 * parenthesis insertion, splices of two examples, inserted raw text), the mutations issue 15 found
 * the crashes with; Jazzer's coverage guidance then steers the choices.
 * <p>
 * {@code ./mvnw verify} replays the corpus in {@code src/test/resources/dev/mapl/dsl/tests/MaplFuzzTestInputs/<method>/}
 * (regression mode). {@code JAZZER_FUZZ=1} fuzzes each method for its {@code maxDuration}; see
 * docs/RELIABILITY.md for the CI campaign and the long one.
 */
class MaplFuzzTest {

	private static final List<String> SEEDS = seeds();
	private static final String[] KEYWORDS = {"policy p first {", "facts {", "outcomes {", "assume ", "let x = ",
			"invariant i: ", "test \"t\": ", "otherwise", " -> ", " => ", " & ", " | ", "!", " in {", " == ", "if ",
			"enum e { a, b }", "target c p {", "bindings c b {", "package p.q", "import p.*", "unique", "priority",
			"true", "false", "\"", "/*", "//", ":", ",", "."};
	private static final String[] BRACKETS = {"{", "}", "(", ")", "[", "]"};
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z_0-9]+|\\s+|\"[^\"\\n]*\"|.", Pattern.DOTALL);

	private static List<String> seeds() {
		List<String> out = new ArrayList<>();
		out.add(Samples.CARD);
		Path examples = Path.of("..", "examples");
		if (Files.isDirectory(examples)) {
			try (Stream<Path> files = Files.walk(examples)) {
				for (Path f : files.filter(p -> p.toString().endsWith(".mapl")).sorted().toList()) {
					out.add(Files.readString(f));
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return List.copyOf(out);
	}

	private static List<String> tokens(String text) {
		List<String> out = new ArrayList<>();
		Matcher m = TOKEN.matcher(text);
		while (m.find()) {
			out.add(m.group());
		}
		return out;
	}

	/** Where the mutator's choices come from: Jazzer's data, or a seeded random (RandomCampaign). */
	interface Choices {
		int consumeInt(int min, int max);

		String consumeString(int maxLength);

		default String pickValue(String[] values) {
			return values[consumeInt(0, values.length - 1)];
		}
	}

	static Choices of(FuzzedDataProvider data) {
		return new Choices() {
			@Override
			public int consumeInt(int min, int max) {
				return data.consumeInt(min, max);
			}

			@Override
			public String consumeString(int maxLength) {
				return data.consumeString(maxLength);
			}
		};
	}

	/** A mutated example, every choice taken from {@code data}. */
	static String mutate(Choices data) {
		List<String> t = tokens(SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)));
		int n = data.consumeInt(0, 8);
		for (int i = 0; i < n && !t.isEmpty(); i++) {
			int at = data.consumeInt(0, t.size() - 1);
			switch (data.consumeInt(0, 8)) {
				case 0 -> { // a byte flip in a token; an inserted string may be empty
					String s = t.get(at);
					if (s.isEmpty()) {
						continue;
					}
					int c = data.consumeInt(0, s.length() - 1);
					char[] cs = s.toCharArray();
					cs[c] = (char) (cs[c] ^ (1 << data.consumeInt(0, 6)));
					t.set(at, new String(cs));
				}
				case 1 -> t.remove(at);
				case 2 -> t.add(at, t.get(at));
				case 3 -> {
					int other = data.consumeInt(0, t.size() - 1);
					String s = t.get(at);
					t.set(at, t.get(other));
					t.set(other, s);
				}
				case 4 -> t.subList(at, t.size()).clear();
				case 5 -> t.add(at, data.pickValue(KEYWORDS));
				case 6 -> t.add(at, data.pickValue(BRACKETS));
				case 7 -> { // splice: a slice of another example
					List<String> o = tokens(SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)));
					int from = data.consumeInt(0, o.size() - 1);
					int to = data.consumeInt(from, Math.min(o.size(), from + 200));
					t.addAll(at, o.subList(from, to));
				}
				default -> t.add(at, data.consumeString(40));
			}
		}
		return String.join("", t);
	}

	/**
	 * The scratch folder the inputs are written to: one per process, each input overwrites the same
	 * file (a temporary folder per input cost more than parsing a small one). The compiler reads
	 * files, as {@code mapl check} does.
	 */
	private static final Path SCRATCH = scratch();
	/** One compiler (a fresh resource set per compilation) for every input. */
	private static final MaplCompiler COMPILER = MaplCompiler.create();

	private static Path scratch() {
		try {
			Path dir = Files.createTempDirectory("mapl-fuzz");
			dir.toFile().deleteOnExit();
			return dir;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path write(String name, String text) {
		try {
			Path f = SCRATCH.resolve(Thread.currentThread().getId() + "-" + name);
			Files.writeString(f, text);
			f.toFile().deleteOnExit();
			return f;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Parser, linker, validator, lowering and analysis: any exception is a finding, and so is a
	 * diagnostic without a MAPL code or at no line.
	 */
	@FuzzTest(maxDuration = "40s")
	void frontEndAndAnalysis(FuzzedDataProvider data) {
		checkFrontEnd(mutate(of(data)));
	}

	/** Parses, validates and lowers one input, written to this thread's scratch file. */
	static Compilation compile(String text) {
		return COMPILER.compile(List.of(write("fuzz.mapl", text)));
	}

	static void checkFrontEnd(String text) {
		Compilation c = compile(text);
		for (Diagnostic d : c.diagnostics()) {
			assertTrue(d.code().startsWith("mapl.") && !d.code().equals("mapl.internal") && !d.code().equals("mapl.other"),
					d.render());
			assertTrue(d.span().line() >= 1, d.render());
		}
		if (c.model().isPresent()) {
			PolicyChecks.Result r = PolicyChecks.analyze(c.model().get(), p -> true,
					new PolicyChecks.Budget(2_000, 1_000_000));
			r.diagnostics().forEach(d -> assertTrue(d.code().startsWith("mapl."), d.render()));
		}
	}

	/**
	 * The formatter on every input that parses: idempotent, and its output parses too and has the
	 * same comments (the formatter belongs to the `output-safety` work; findings are routed there).
	 */
	@FuzzTest(maxDuration = "20s")
	void formatter(FuzzedDataProvider data) {
		checkFormatter(mutate(of(data)));
	}

	static void checkFormatter(String text) {
		Path f = write("fuzz.mapl", text);
		MaplCompiler compiler = COMPILER;
		MaplCompiler.ParsedFile parsed = compiler.parse(f);
		if (!parsed.syntaxErrors().isEmpty()) {
			return;
		}
		SourceFormatter formatter = compiler.formatter();
		String once = formatter.format(parsed.resource());
		Path g = write("formatted.mapl", once);
		MaplCompiler.ParsedFile again = compiler.parse(g);
		assertEquals(List.of(), again.syntaxErrors(), "the formatted text does not parse:\n" + once);
		assertEquals(once, formatter.format(again.resource()), "formatting is not idempotent");
		assertEquals(comments(text), comments(once), "the formatter changed the comments");
	}

	private static List<String> comments(String text) {
		List<String> out = new ArrayList<>();
		Matcher m = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL).matcher(text);
		while (m.find()) {
			if (!m.group().startsWith("\"")) {
				out.add(m.group().strip());
			}
		}
		return out;
	}
}
