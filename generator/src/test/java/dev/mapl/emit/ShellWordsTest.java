package dev.mapl.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.Provenance;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20.11: the "To regenerate" command of a generated file, pasted into a shell, passes a
 * folder named {@code q'"$(touch HACKED)} as one word and runs nothing else.
 */
class ShellWordsTest {

	static final String EVIL = "q'\"$(touch HACKED)";

	@TempDir
	Path dir;

	/** The words {@code sh} passes to a command line ending in {@code command}'s arguments. */
	private List<String> wordsOf(String command) throws IOException, InterruptedException {
		// Replace the tool by printf, one word per line.
		String line = "printf '%s\\n'" + command.substring(command.indexOf(' '));
		Process p = new ProcessBuilder("sh", "-c", line).directory(dir.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), out);
		assertFalse(Files.exists(dir.resolve("HACKED")), "the command ran something");
		return out.lines().toList();
	}

	@Test
	void plainWordsStayAsTheyAre() {
		assertEquals("examples/kvm-arm64/v6_12.mapl", ShellWords.quote("examples/kvm-arm64/v6_12.mapl"));
		assertEquals("<linux>", ShellWords.quote("<linux>"));
		assertEquals("'a b'", ShellWords.quote("a b"));
		assertEquals("'it'\\''s'", ShellWords.quote("it's"));
	}

	@Test
	void theJavaCommandQuotesItsPaths() throws Exception {
		String cmd = JavaEmitter.command(List.of(EVIL + "/p.mapl"), EVIL + "/out", null, JavaEmitter.Style.AUTO);
		assertEquals(List.of("compile", EVIL + "/p.mapl", "--java-out", EVIL + "/out"), wordsOf(cmd));
	}

	@Test
	void theCCommandQuotesItsPaths() throws Exception {
		SourceSpan span = new SourceSpan(EVIL + "/p.mapl", 0, 0, 1, 1);
		Model m = new Model(List.of(new Fact("a", List.of(), "", span)),
				List.of(new dev.mapl.ir.Outcome(0, "X", List.of(), "", span)), List.of(), List.of(), List.of());
		CTarget t = new CTarget("p", "x.h", CTarget.Prototype.parse("int f(void)").orElseThrow(), List.of(), Map.of(),
				Map.of(), Map.of(), Optional.empty(), CTarget.Style.BRANCHES, span);
		String cmd = new CBackend(m, Optional.empty(), Provenance.of(EVIL + " tree")).command(List.of(t));
		assertTrue(cmd.startsWith("./mapl compile "), cmd);
		assertEquals(List.of("compile", EVIL + "/p.mapl", "--c-out", EVIL + " tree"), wordsOf(cmd));
		assertEquals(HitPolicy.FIRST, HitPolicy.valueOf("FIRST"));
	}
}
