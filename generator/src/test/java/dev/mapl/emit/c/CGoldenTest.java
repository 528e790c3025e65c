package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mapl.analysis.DiffAnalyzer;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.synth.PolicySynthesizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Generated C is deterministic to the byte: headers in both styles, a KUnit suite and patch mails
 * for synthesized policies are compared with the files under {@code src/test/resources/golden/}.
 * Any difference fails; after a deliberate change, regenerate them with
 * {@code MAPL_UPDATE_GOLDEN=1 ./mvnw -pl generator test -Dtest=CGoldenTest}.
 */
class CGoldenTest {

	static final Path GOLDEN = Path.of("src/test/resources/golden/synth");

	/** Compares with (or, with MAPL_UPDATE_GOLDEN set, rewrites) a golden file. */
	static void golden(Path dir, String name, String actual) {
		Path file = dir.resolve(name);
		try {
			if (System.getenv("MAPL_UPDATE_GOLDEN") != null) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, actual, StandardCharsets.UTF_8);
				return;
			}
			if (!Files.exists(file)) {
				fail("missing golden file " + file + " (run with MAPL_UPDATE_GOLDEN=1 to create it)");
			}
			assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from golden file " + file);
		} catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	static Model model(long seed, CTarget.Style style, String fn) {
		var spec = PolicySynthesizer.Spec.of(4, 1, 5, HitPolicy.FIRST, seed).withOtherwise(true).withAssumptions(1)
				.withOutcomes(3);
		return SynthTargets.withTarget(PolicySynthesizer.synthesize(spec), fn, "drivers/synth/" + fn + ".h", style);
	}

	@Test
	void headersInBothStyles() {
		for (CTarget.Style style : CTarget.Style.values()) {
			String name = "synth_" + style.name().toLowerCase(java.util.Locale.ROOT);
			Model m = model(17, style, name);
			CBackend b = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
			String first = b.header(m.cTargets().get(0).file(), m.cTargets());
			String again = new CBackend(m, Optional.empty(), Provenance.of("<linux>")).header(m.cTargets().get(0).file(),
					m.cTargets());
			assertEquals(first, again, "deterministic");
			golden(GOLDEN, name + ".h", first);
		}
	}

	@Test
	void kunitSuite() {
		Model m = model(17, CTarget.Style.BRANCHES, "synth_branches");
		CBackend b = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
		KunitEmitter.Suite s = b.kunit(m.cTargets().get(0).file(), m.cTargets());
		assertEquals("drivers/synth/synth_branches_test.c", s.path());
		golden(GOLDEN, "synth_branches_test.c", s.content());
		golden(GOLDEN, "synth_branches_test.Kconfig", s.kconfig() + "\n" + s.makefile());
	}

	@Test
	void patchMails() {
		Model m = model(17, CTarget.Style.BRANCHES, "synth_branches");
		CBackend b = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
		CTarget t = m.cTargets().get(0);
		String header = b.header(t.file(), m.cTargets());
		String body = PatchEmitter.body(b, m.cTargets(), List.of(t.file()), List.of(true), List.of(false),
				List.of("synth.mapl"),
				Optional.empty(), List.of());
		String subject = PatchEmitter.subject(List.of(t.file()), true, List.of("synth.mapl"));
		assertEquals("synth: Add synth_branches.h generated from synth.mapl", subject);
		String mail = new PatchMail(PatchMail.Envelope.of("A U Thor <author@example.org>"), subject, body,
				Optional.of("A U Thor <author@example.org>"),
				List.of(new UnifiedDiff.FileChange(t.file(), Optional.empty(), header, "100644")), Optional.empty(),
				"mapl 0.1.0").render();
		golden(GOLDEN, "synth_new.patch", mail);

		// An update against a changed version of the policy, with the behaviour change.
		// The first mutation (by seed) that changes some decision.
		Model old = null;
		dev.mapl.analysis.PolicyDiff diff = null;
		for (long seed = 1; diff == null || diff.sameDecisions(); seed++) {
			old = SynthTargets.withTarget(PolicySynthesizer.mutate(m, seed, 2), "synth_branches", t.file(),
					CTarget.Style.BRANCHES);
			diff = new DiffAnalyzer().diff(old, old.policies().get(0), m, m.policies().get(0));
		}
		String oldHeader = new CBackend(old, Optional.empty(), Provenance.of("<linux>")).header(t.file(), old.cTargets());
		String body2 = PatchEmitter.body(b, m.cTargets(), List.of(t.file()), List.of(false), List.of(false),
				List.of("synth.mapl"),
				Optional.of("synth-old.mapl"), List.of(new PatchEmitter.SinceChange(t, Optional.of(diff), "synth")));
		String mail2 = new PatchMail(PatchMail.Envelope.of("A U Thor <author@example.org>"),
				PatchEmitter.subject(List.of(t.file()), false, List.of("synth.mapl")), body2,
				Optional.of("A U Thor <author@example.org>"),
				List.of(new UnifiedDiff.FileChange(t.file(), Optional.of(oldHeader), header, "100644")), Optional.empty(),
				"mapl 0.1.0").render();
		golden(GOLDEN, "synth_update.patch", mail2);
		for (String l : (body + body2).split("\n")) {
			assertTrue(l.length() <= 75, "commit message line longer than 75 columns: " + l);
		}
	}

	@Test
	void everyLineFitsInOneHundredColumnsAndUsesTabs() {
		for (long seed = 0; seed < 40; seed++) {
			for (CTarget.Style style : CTarget.Style.values()) {
				Model m = CBackendPropertyTest.synth(seed);
				m = SynthTargets.withTarget(m, "a_rather_long_function_name_for_wrapping_" + seed,
						"include/linux/synth.h", style);
				CBackend b = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
				String h = b.header("include/linux/synth.h", m.cTargets());
				String k = b.kunit("include/linux/synth.h", m.cTargets()).content();
				for (String l : (h + k).split("\n")) {
					assertTrue(KernelLayout.width(l) <= 100 || l.strip().startsWith("\""), "too long: " + l);
					assertTrue(!l.startsWith(" ") || l.startsWith(" *"), "indented with spaces: " + l);
					assertTrue(!l.endsWith(" ") && !l.endsWith("\t"), "trailing whitespace: " + l);
				}
			}
		}
	}

	@Test
	void gapsAndUnboundNamesAreOneLineErrors() {
		var spec = PolicySynthesizer.Spec.of(3, 0, 2, HitPolicy.FIRST, 3).withOtherwise(false).withAssumptions(0);
		Model m = SynthTargets.withTarget(PolicySynthesizer.synthesize(spec), "f", "x.h", CTarget.Style.BRANCHES);
		CBackend b = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
		CEmitException e = assertThrows(CEmitException.class, () -> b.header("x.h", m.cTargets()));
		assertTrue(e.getMessage().contains("undecided"), e.getMessage());
		assertTrue(!e.getMessage().contains("\n"));

		Model full = model(17, CTarget.Style.BRANCHES, "f");
		CTarget t = full.cTargets().get(0);
		CTarget unbound = new CTarget(t.policy(), t.file(), t.function(), t.includes(), java.util.Map.of(), t.enumValues(),
				t.outcomes(), t.region(), t.style(), t.span());
		Model m2 = new Model(full.facts(), full.outcomes(), full.assumptions(), full.policies(), List.of(unbound));
		CEmitException e2 = assertThrows(CEmitException.class,
				() -> new CBackend(m2, Optional.empty(), Provenance.of("x")).header("x.h", m2.cTargets()));
		assertTrue(e2.getMessage().matches("fact `\\w+` has no C binding in `target c synth`"), e2.getMessage());
	}

	@Test
	void regionsAreReplacedAndCheckedOnlyBetweenTheirMarkers() {
		String text = "int a;\n/* mapl:begin f */\nold\n/* mapl:end f */\nint b;";
		assertEquals("int a;\n/* mapl:begin f */\nnew\n/* mapl:end f */\nint b;", Regions.replace(text, "f", "new\n", "x.c"));
		assertThrows(CEmitException.class, () -> Regions.replace("int a;\n", "f", "x\n", "x.c"));
		assertThrows(CEmitException.class,
				() -> Regions.replace("/* mapl:end f */\n/* mapl:begin f */\n", "f", "x\n", "x.c"));
	}
}
