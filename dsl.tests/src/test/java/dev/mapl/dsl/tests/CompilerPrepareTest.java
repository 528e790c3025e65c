package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MaplCompiler#prepare()}, which the command line runs on its second thread while the first
 * goes on towards its files: it makes the grammar and the validators' check methods ahead of the
 * first compile, and a compile that runs meanwhile says what it says without it. Each case runs in
 * a fresh JVM, where prepare() and the first compile really meet.
 */
class CompilerPrepareTest {

	private static final String START = "-- preparing";
	private static final String END = "-- prepared";
	private static final String DIAGNOSTIC = "-- diagnostic ";

	private static final Pattern INITIALISING = Pattern.compile("Initializing '([^']+)'");

	/** Two files: a warning, and an unknown name with its "did you mean" from the other file. */
	private static final String FACTS = """
			package shared

			facts {
			    VM_PFNMAP
			    MTE_ALLOWED
			    UNUSED
			}

			outcomes {
			    Device
			    Normal [cacheable]
			}
			""";

	private static final String POLICY = """
			package p

			import shared.*

			policy stage2 first {
			    r1: VM_PFNMA -> Normal
			    r2: MTE_ALLOWED -> Normal
			    otherwise -> Device
			}
			""";

	@TempDir
	Path dir;

	/**
	 * Run in a fresh JVM by the tests: {@code prepare} prepares between two markers;
	 * {@code meanwhile FILE...} compiles while another thread prepares, {@code alone FILE...}
	 * compiles without; both print the diagnostics.
	 */
	public static void main(String[] args) throws InterruptedException {
		MaplCompiler compiler = MaplCompiler.create();
		List<Path> files = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			files.add(Path.of(args[i]));
		}
		switch (args[0]) {
			case "prepare" -> {
				System.out.println(START);
				compiler.prepare();
				System.out.println(END);
			}
			case "meanwhile" -> {
				Thread preparing = new Thread(compiler::prepare);
				preparing.start();
				print(compiler.compile(files));
				preparing.join();
			}
			default -> print(compiler.compile(files));
		}
	}

	private static void print(Compilation c) {
		c.diagnostics().forEach(d -> System.out.println(DIAGNOSTIC + d));
	}

	@Test
	void makesTheGrammarAndTheChecksAheadOfTheFirstCompile() throws Exception {
		List<String> initialised = new ArrayList<>();
		boolean inside = false;
		for (String line : run("-Xlog:class+init=info:stdout", "prepare")) {
			if (line.equals(START) || line.equals(END)) {
				inside = line.equals(START);
				continue;
			}
			Matcher m = INITIALISING.matcher(line);
			if (inside && m.find()) {
				initialised.add(m.group(1));
			}
		}
		assertTrue(initialised.contains("dev/mapl/dsl/services/MaplGrammarAccess"), initialised.toString());
		// a composed validator: Xtext makes them when it collects the check methods
		assertTrue(initialised.contains("dev/mapl/dsl/validation/PolicyValidator"), initialised.toString());
	}

	@Test
	void aCompileMeanwhileSaysWhatItSaysAlone() throws Exception {
		Path facts = Files.writeString(dir.resolve("shared.mapl"), FACTS);
		Path policy = Files.writeString(dir.resolve("p.mapl"), POLICY);
		List<String> alone = diagnostics(run(null, "alone", facts.toString(), policy.toString()));
		assertTrue(alone.stream().anyMatch(d -> d.contains("mapl.name.unknown")), alone.toString());
		assertTrue(alone.stream().anyMatch(d -> d.contains("mapl.fact.unused")), alone.toString());
		for (int i = 0; i < 3; i++) {
			assertEquals(alone, diagnostics(run(null, "meanwhile", facts.toString(), policy.toString())));
		}
	}

	/** The diagnostics among a run's lines (Xtext's own log4j configuration may log there too). */
	private static List<String> diagnostics(List<String> lines) {
		return lines.stream().filter(l -> l.startsWith(DIAGNOSTIC)).toList();
	}

	/** This class's main in a fresh JVM on the test class path; its output lines. */
	private static List<String> run(String jvmOption, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		if (jvmOption != null) {
			command.add(jvmOption);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), CompilerPrepareTest.class.getName()));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit");
		assertEquals(0, p.exitValue(), out);
		assertFalse(out.contains("\tat "), out);
		return out.lines().toList();
	}
}
