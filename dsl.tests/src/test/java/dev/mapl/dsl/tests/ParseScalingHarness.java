package dev.mapl.dsl.tests;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.PolicyChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How the front end (parse, link, validate, lower) and the analysis scale with the input, on the
 * inputs of issue 20.10: one {@code a & a & ...} chain, and many one-line policies (with and
 * without a syntax error on every line). Not a test: run it and copy the table into
 * docs/PERFORMANCE.md. Arguments: the largest size factor (default 16).
 */
public final class ParseScalingHarness {

	private ParseScalingHarness() {
	}

	public static void main(String[] args) throws IOException {
		int max = args.length > 0 ? Integer.parseInt(args[0]) : 16;
		List<String> which = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("chain", "policies", "broken");
		MaplCompiler compiler = MaplCompiler.create();
		run(compiler, "warm-up", 1, n -> chain(2000));
		System.out.println("| input | size | bytes | front end (s) | analysis (s) | diagnostics |");
		System.out.println("|---|---:|---:|---:|---:|---:|");
		for (int k = 1; k <= max && which.contains("chain"); k *= 2) {
			int terms = 1250 * k;
			run(compiler, "`a & a & ...` chain", terms, ParseScalingHarness::chain);
		}
		for (int k = 1; k <= max && which.contains("policies"); k *= 2) {
			run(compiler, "`policy pN first { a -> X }` lines", 2600 * k, ParseScalingHarness::policies);
		}
		for (int k = 1; k <= max && which.contains("broken"); k *= 2) {
			run(compiler, "`policy pN first { a -> }` lines (a syntax error each)", 2500 * k, ParseScalingHarness::broken);
		}
	}

	static String chain(int terms) {
		return "facts { a }\noutcomes { X Y }\npolicy p first {\n    " + String.join(" & ", Collections.nCopies(terms, "a"))
				+ " -> X\n    otherwise -> Y\n}\n";
	}

	static String policies(int n) {
		return "facts { a }\noutcomes { X }\n"
				+ IntStream.range(0, n).mapToObj(i -> "policy p" + i + " first { a -> X }\n").collect(Collectors.joining());
	}

	static String broken(int n) {
		return "facts { a }\noutcomes { X }\n"
				+ IntStream.range(0, n).mapToObj(i -> "policy p" + i + " first { a -> }\n").collect(Collectors.joining());
	}

	private static void run(MaplCompiler compiler, String what, int size, IntFunction<String> text) throws IOException {
		Path dir = Files.createTempDirectory("mapl-scaling");
		Path f = dir.resolve("scale.mapl");
		String s = text.apply(size);
		Files.writeString(f, s);
		long t0 = System.nanoTime();
		Compilation c = compiler.compile(List.of(f));
		long t1 = System.nanoTime();
		int diagnostics = c.diagnostics().size();
		if (c.model().isPresent()) {
			diagnostics += PolicyChecks.analyze(c.model().get()).diagnostics().size();
		}
		long t2 = System.nanoTime();
		Files.delete(f);
		Files.delete(dir);
		if (!what.equals("warm-up")) {
			System.out.printf("| %s | %d | %d | %.2f | %s | %d |%n", what, size, s.length(), (t1 - t0) / 1e9,
					c.model().isPresent() ? String.format("%.2f", (t2 - t1) / 1e9) : "-", diagnostics);
		}
	}
}
