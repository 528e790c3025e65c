package dev.mapl.cli.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.cli.Main;
import dev.mapl.cli.MaplRun;
import dev.mapl.emit.dmn.DmnConformance;
import dev.mapl.emit.dmn.DmnConformance.Feel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mapl export --dmn} and {@code mapl compile --java-out} on the examples. */
class ExportAndCompileCommandTest {

	static final Path REPO = Path.of("").toAbsolutePath().getParent();
	static final String QUICKSTART = REPO.resolve("examples/quickstart/stage2.mapl").toString();
	static final String V6_17 = REPO.resolve("examples/kvm-arm64/v6_17.mapl").toString();

	@TempDir
	Path dir;

	static MaplRun mapl(String... args) {
		return MaplRun.of(args);
	}

	@Test
	void exportWritesDmnToStdoutThatCamundaParses() {
		MaplRun r = mapl("export", "--dmn", V6_17, "--policy", "stage2");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), r.out());
		assertTrue(r.out().contains("hitPolicy=\"FIRST\""));
		assertTrue(r.out().contains("To regenerate: ./mapl export --dmn examples/kvm-arm64/v6_17.mapl --policy kvm.v6_17.stage2"),
				r.out());
		assertFalse(r.out().contains(REPO.toString()), "no absolute path");
		assertEquals("decision_kvm_v6_17_stage2", DmnConformance.parse(Feel.LEGACY, r.out()).getKey());
		assertEquals(r.out(), mapl("export", "--dmn", V6_17, "--policy", "stage2").out(), "deterministic");
	}

	/**
	 * Issue 20.1: with --java-package, policies of two MAPL packages share one Java package, so
	 * `a.my_pol` and `b.MyPol` would both be `MyPol.java`: a diagnostic at the second, nothing written.
	 */
	@Test
	void compileRefusesTwoPoliciesThatShareAJavaFile() throws IOException {
		Path src = Files.createDirectories(dir.resolve("src"));
		Files.writeString(src.resolve("a.mapl"), "package a\noutcomes { X }\npolicy my_pol first {\n    otherwise -> X\n}\n");
		Files.writeString(src.resolve("b.mapl"), "package b\noutcomes { X }\npolicy MyPol first {\n    otherwise -> X\n}\n");
		Path out = dir.resolve("out");
		MaplRun r = mapl("compile", src.resolve("a.mapl").toString(), src.resolve("b.mapl").toString(), "--java-out",
				out.toString(), "--java-package", "com.example");
		assertEquals(Main.FAILED, r.code(), r.out() + r.err());
		assertTrue(r.err().contains("b.mapl:3:1: error: policy `b.MyPol` compiles to the Java file `com/example/MyPol.java`,"
				+ " as policy `a.my_pol` does [mapl.output.clash]"), r.err());
		assertFalse(Files.exists(out.resolve("com/example/MyPol.java")), "nothing written");
		// Without --java-package each class keeps its own package.
		r = mapl("compile", src.resolve("a.mapl").toString(), src.resolve("b.mapl").toString(), "--java-out", out.toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(Files.exists(out.resolve("a/MyPol.java")) && Files.exists(out.resolve("b/MyPol.java")));
	}

	@Test
	void exportWritesAFileOnlyWhenItChanges() throws IOException {
		Path out = dir.resolve("stage2.dmn");
		MaplRun r = mapl("export", "--dmn", QUICKSTART, "-o", out.toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().startsWith("wrote "), r.out());
		assertTrue(r.out().contains("hit policy FIRST"), r.out());
		String first = Files.readString(out, StandardCharsets.UTF_8);
		assertTrue(first.contains(" xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""), first);
		assertTrue(mapl("export", "--dmn", QUICKSTART, "-o", out.toString()).out().startsWith("unchanged "));
	}

	@Test
	void exportNeedsAFormatAndAKnownPolicy() {
		assertEquals(Main.USAGE, mapl("export", QUICKSTART).code());
		MaplRun r = mapl("export", "--dmn", V6_17, "--policy", "nope");
		assertEquals(Main.USAGE, r.code());
		assertTrue(r.err().contains("no policy `nope`"), r.err());
	}

	/**
	 * Through the command line once {@code compile} has {@code --java-out}: the quick-start class is the
	 * golden file but for the regenerate line, which names the output folder.
	 */
	@Test
	void compileJavaOutWritesTheGoldenClass() throws IOException {
		Assumptions.assumeTrue(mapl("compile", "--help").out().contains("--java-out"), "compile has no --java-out yet");
		MaplRun r = mapl("compile", QUICKSTART, "--java-out", dir.toString(), "--java-package", "com.example.memtype");
		assertEquals(0, r.code(), r.out() + r.err());
		String actual = Files.readString(dir.resolve("com/example/memtype/Stage2.java"), StandardCharsets.UTF_8);
		String golden = Files.readString(REPO.resolve("generator/src/test/resources/golden/java/com/example/memtype/Stage2.java"),
				StandardCharsets.UTF_8);
		assertEquals(withoutRegenerateLine(golden), withoutRegenerateLine(actual));
		assertTrue(actual.contains("// To regenerate: ./mapl compile examples/quickstart/stage2.mapl --java-out "), actual);
	}

	static String withoutRegenerateLine(String s) {
		return s.replaceFirst("(?m)^// To regenerate: .*$", "");
	}
}
