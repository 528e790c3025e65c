package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.SourceFormatter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor in the suite: headless Neovim (Debian's `neovim`, 0.7.2) starts the server jar
 * with its own LSP client, receives the I-MTE diagnostic on Jason's invariant, applies a quick fix
 * and formats a scrambled file to exactly what `mapl fmt` writes. Skipped without `nvim` outside
 * CI; with CI=true a missing `nvim` fails.
 */
class NeovimClientTest {

	@TempDir
	Path root;

	@Test
	void neovimGetsDiagnosticsQuickFixAndCanonicalFormatting() throws Exception {
		Path nvim = onPath("nvim");
		if (nvim == null) {
			Assumptions.assumeTrue("true".equals(System.getenv("CI")) ? fail() : false, "nvim is not installed");
		}
		Path jar = Path.of("../dsl.ide/target/mapl-language-server.jar").toAbsolutePath().normalize();
		assertTrue(Files.isRegularFile(jar), "build the server jar first: " + jar);
		try (Stream<Path> files = Files.list(Path.of("../examples/kvm-arm64"))) {
			for (Path f : files.toList()) {
				Files.copy(f, root.resolve(f.getFileName()));
			}
		}
		Files.writeString(root.resolve("typo.mapl"),
				"package kvm.typo\nimport kvm.*\npolicy p first {\n    VM_PFNMA -> Device\n    otherwise -> Normal\n}\n");
		Files.writeString(root.resolve("scrambled.mapl"),
				"package kvm.scrambled\nimport kvm.*\npolicy   p first{\nVM_PFNMAP->Device\n\t\totherwise->Normal}\n");
		Path script = Path.of("src/test/resources/nvim/mapl-client.lua").toAbsolutePath();
		Path out = root.resolve("nvim-results.txt");
		ProcessBuilder pb = new ProcessBuilder(nvim.toString(), "--headless", "--clean", "-n", "-i", "NONE", "-u", "NONE",
				"-c", "luafile " + script).redirectErrorStream(true).redirectOutput(root.resolve("nvim.log").toFile());
		pb.environment().putAll(Map.of("MAPL_JAR", jar.toString(),
				"MAPL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"MAPL_ROOT", root.toString(), "MAPL_OUT", out.toString()));
		Process p = pb.start();
		boolean exited = p.waitFor(300, TimeUnit.SECONDS);
		if (!exited) {
			p.destroyForcibly();
		}
		String log = Files.exists(root.resolve("nvim.log")) ? Files.readString(root.resolve("nvim.log")) : "";
		Map<String, String> results = Files.exists(out) ? Files.readAllLines(out).stream().filter(l -> l.contains("="))
				.collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b))
				: Map.of();
		assertTrue(exited, "nvim did not finish; results " + results + "; log " + log);
		assertEquals("true", results.get("done"), "results " + results + "; log " + log);

		int invariantLine = lineOf(Files.readString(root.resolve("thread-jason.mapl")), "invariant i_mte");
		assertEquals(String.valueOf(invariantLine), results.get("imte_line"), results.toString());
		assertTrue(results.get("imte_message").contains("help: "), results.get("imte_message"));

		assertEquals("true", results.get("fix_applied"), results.toString());
		assertTrue(Files.readString(root.resolve("typo.mapl")).contains("    VM_PFNMAP -> Device\n"));

		MaplCompiler compiler = MaplCompiler.create();
		Path expected = Files.createDirectories(root.resolve("expected")).resolve("scrambled.mapl");
		Files.writeString(expected, "package kvm.scrambled\nimport kvm.*\npolicy   p first{\nVM_PFNMAP->Device\n\t\totherwise->Normal}\n");
		String canonical = compiler.formatter().format(compiler.parse(expected).resource());
		assertEquals(canonical, Files.readString(root.resolve("scrambled.mapl")), "exactly what `mapl fmt` writes");
	}

	private static boolean fail() {
		throw new AssertionError("CI=true but `nvim` is not installed (Debian package `neovim`; .ci/run installs it)");
	}

	private static int lineOf(String text, String what) {
		int off = text.indexOf(what);
		return (int) text.substring(0, off).chars().filter(c -> c == '\n').count() + 1;
	}

	private static Path onPath(String exe) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path p = Path.of(dir, exe);
			if (Files.isExecutable(p)) {
				return p;
			}
		}
		return null;
	}
}
