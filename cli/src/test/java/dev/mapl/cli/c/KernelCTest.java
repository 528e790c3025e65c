package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mapl.cli.MaplRun;
import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.Provenance;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel C backend end to end, with real tools: the kvm-arm64 examples are compiled to
 * headers (both code styles) and a KUnit suite, which must match their golden files, compile with
 * gcc {@code -Wall -Wextra -Werror}, be clean under sparse, kernel-doc and {@code checkpatch.pl
 * --strict} from Debian's linux-source-6.12, and decide every possible input as the interpreter
 * does; patches made against a git repository of that kernel's files apply with {@code git am}.
 */
class KernelCTest {

	static final Path EXAMPLE = Path.of("../examples/kvm-arm64/v6_12.mapl");
	static final Path GOLDEN = Path.of("../generator/src/test/resources/golden/kvm-arm64");
	static final String HEADER = "arch/arm64/kvm/stage2_memtype.h";
	static final String SUITE = "arch/arm64/kvm/stage2_memtype_test.c";
	static final String SIGNOFF = "Mapl Tester <tester@example.org>";

	@TempDir
	Path dir;

	static MaplRun mapl(String... args) {
		return MaplRun.of(args);
	}

	/**
	 * {@code mapl patch FILE --kernel-tree TREE [EXTRA...] --signoff SIGNOFF}, which must succeed; the
	 * mails it printed (one mbox, as {@code git format-patch --stdout}), also written to OUT.
	 */
	static String patchMail(Path file, Path tree, Path out, String... extra) throws IOException {
		List<String> args = new ArrayList<>(List.of("patch", file.toString(), "--kernel-tree", tree.toString()));
		args.addAll(List.of(extra));
		args.addAll(List.of("--signoff", SIGNOFF));
		MaplRun r = mapl(args.toArray(String[]::new));
		assertEquals(0, r.code(), r.out() + r.err());
		Files.writeString(out, r.out());
		return r.out();
	}

	static Model model(Path file) {
		List<Path> files = new ArrayList<>(SourceFiles.collect(List.of(file.getParent())));
		Compilation c = MaplCompiler.create().compile(files);
		assertFalse(c.hasErrors(), c.diagnostics().toString());
		return c.model().orElseThrow();
	}

	static void golden(String name, String actual) throws IOException {
		Path file = GOLDEN.resolve(name);
		if (System.getenv("MAPL_UPDATE_GOLDEN") != null) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, actual);
			return;
		}
		assertTrue(Files.exists(file), "missing golden file " + file + " (MAPL_UPDATE_GOLDEN=1 creates it)");
		assertEquals(Files.readString(file), actual, "differs from golden file " + file);
	}

	static void assertClean(KernelTree.Report r, String what) {
		assertEquals(0, r.errors(), what + ": " + r.findings());
		assertEquals(0, r.warnings(), what + ": " + r.findings());
		for (String f : r.findings()) {
			// CHECK lines only for names the kernel itself spells in CamelCase (MT_DEVICE_nGnRE).
			assertTrue(f.matches("CHECK:CAMELCASE: Avoid CamelCase: <MT_\\w+>"), what + ": " + f);
		}
	}

	Path compileExample(String style) {
		Path out = dir.resolve(style);
		MaplRun r = mapl("compile", EXAMPLE.toString(), "--c-out", out.toString(), "--kunit-out", out.toString(),
				"--c-style", style);
		assertEquals(0, r.code(), r.out() + r.err());
		assertTrue(r.out().contains("wrote "), r.out());
		assertTrue(r.out().contains("obj-$(CONFIG_ARM64_KVM_STAGE2_MEMTYPE_KUNIT_TEST) += stage2_memtype_test.o"), r.out());
		return out;
	}

	@Test
	void exampleHeadersCompileAndDecideEveryInputAsTheInterpreter() throws IOException {
		KernelTree.require("gcc");
		KernelTree.require("sparse");
		Model model = model(EXAMPLE);
		List<CTarget> targets = model.cTargets().stream().filter(t -> t.span().file().endsWith("v6_12.mapl")).toList();
		Path stubs = KvmHarness.writeStubs(dir.resolve("stubs"));
		for (String style : List.of("branches", "table")) {
			Path out = compileExample(style);
			String header = Files.readString(out.resolve(HEADER));
			golden(style.equals("branches") ? "stage2_memtype.h" : "stage2_memtype.table.h", header);
			if (style.equals("branches")) {
				golden("stage2_memtype_test.c", Files.readString(out.resolve(SUITE)));
			}
			Path kvm = out.resolve("arch/arm64/kvm");
			long[] count = new long[1];
			for (String l : runAgainstInterpreter(model, targets, kvm, stubs, style, count)) {
				String[] f = l.split(" ");
				for (int c = 4; c < 8; c++) {
					assertTrue(Integer.parseInt(f[c]) <= 1, style + ": a binding evaluated more than once: " + l);
				}
			}
			// The KUnit suite, on a stub of KUnit.
			Files.writeString(kvm.resolve("kunit_main.c"), KvmHarness.KUNIT_MAIN);
			var kc = KernelTree.run(kvm, gcc(stubs, "-o", "kunit", "kunit_main.c", "stage2_memtype_test.c"), Map.of());
			assertEquals(0, kc.code(), style + ": gcc on the KUnit suite:\n" + kc.out());
			var kr = KernelTree.run(kvm, List.of("./kunit"), Map.of());
			assertEquals(0, kr.code(), kr.out());
			assertTrue(kr.out().strip().matches("\\d+ passed, 0 failed"), kr.out());
			// sparse, as C=1 runs it.
			Files.writeString(kvm.resolve("check.c"), "// SPDX-License-Identifier: GPL-2.0\n#include \"stage2_memtype.h\"\n");
			var sp = KernelTree.run(kvm, List.of("sparse", "-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
					"-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute", "-Wsparse-error", "-I", stubs.toString(),
					"check.c", "stage2_memtype_test.c"), Map.of());
			assertEquals(0, sp.code(), sp.out());
			assertEquals("", sp.out().strip(), style + ": sparse");
			System.out.println(style + ": " + count[0] + " possible inputs agree; KUnit: " + kr.out().strip());
		}
	}

	/**
	 * Every kvm-arm64 version: the header compiles with gcc, decides every possible input as the
	 * interpreter does, and checkpatch has nothing to say. (thread-catalin.mapl binds cpu.mte_perm to
	 * the constant `false`, which this harness cannot vary, so its wrapper is not compared here.)
	 */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = {"v6_1.mapl", "v6_6.mapl", "v6_17.mapl"})
	void everyKvmExampleCompilesAndAgreesWithTheInterpreter(String name) throws IOException {
		KernelTree.require("gcc");
		Path file = EXAMPLE.resolveSibling(name);
		Model model = model(file);
		List<CTarget> targets = model.cTargets().stream().filter(t -> t.span().file().endsWith(name)).toList();
		org.junit.jupiter.api.Assertions.assertFalse(targets.isEmpty(), name + " has no `target c`");
		Path out = dir.resolve("out");
		MaplRun r = mapl("compile", file.toString(), "--c-out", out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		Path stubs = KvmHarness.writeStubs(dir.resolve("stubs"));
		Path kvm = out.resolve("arch/arm64/kvm");
		long[] count = new long[1];
		runAgainstInterpreter(model, targets, kvm, stubs, name, count);
		assertClean(KernelTree.report(KernelTree.checkpatch(KernelTree.root(), true,
				List.of(kvm.resolve("stage2_memtype.h").toString())).out()), name);
		System.out.println(name + ": " + count[0] + " possible inputs agree");
	}

	/**
	 * v6.17's fault policy reads the pgprot's memory type, an enum fact: the code switches over the
	 * kernel's MT_* constants, and checkpatch's only remark is the kernel's own CamelCase spelling.
	 */
	@Test
	void anEnumFactBecomesASwitchOverTheKernelConstants() throws IOException {
		KernelTree.require("gcc");
		Path src = dir.resolve("policies");
		Files.createDirectories(src);
		Files.copy(EXAMPLE.resolveSibling("common.mapl"), src.resolve("common.mapl"));
		// v6_17.mapl declares its own `target c` sections
		Files.copy(EXAMPLE.resolveSibling("v6_17.mapl"), src.resolve("v6_17.mapl"));
		Path out = dir.resolve("out");
		MaplRun r = mapl("compile", src.resolve("v6_17.mapl").toString(), "--c-out", out.toString(), "--kunit-out",
				out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		String header = Files.readString(out.resolve(HEADER));
		assertTrue(header.contains("case MT_DEVICE_nGnRE:\n\tdefault:") || header.contains("prot == MT_NORMAL"), header);
		Model model = model(src.resolve("v6_17.mapl"));
		List<CTarget> targets = model.cTargets();
		Path stubs = KvmHarness.writeStubs(dir.resolve("stubs"));
		Path kvm = out.resolve("arch/arm64/kvm");
		long[] count = new long[1];
		Files.writeString(kvm.resolve("main.c"), KvmHarness.main(model, targets, List.of("stage2_memtype.h"), count));
		var cc = KernelTree.run(kvm, gcc(stubs, "-o", "main", "main.c"), Map.of());
		assertEquals(0, cc.code(), "gcc:\n" + cc.out());
		var run = KernelTree.run(kvm, List.of("./main"), Map.of());
		assertEquals(0, run.code(), run.out());
		String[] lines = run.out().split("\n");
		assertEquals(count[0], lines.length);
		for (String l : lines) {
			String[] f = l.split(" ");
			assertEquals(f[3], f[2], "returned vs the interpreter's outcome: " + l);
			for (int c = 4; c < 7; c++) {
				assertTrue(Integer.parseInt(f[c]) <= 1, "a binding evaluated more than once: " + l);
			}
			assertTrue(Integer.parseInt(f[7]) <= 2, "cpu.fwb and cpu.cache_dic read at most once each: " + l);
		}
		Files.writeString(kvm.resolve("kunit_main.c"), KvmHarness.KUNIT_MAIN);
		var kc = KernelTree.run(kvm, gcc(stubs, "-o", "kunit", "kunit_main.c", "stage2_memtype_test.c"), Map.of());
		assertEquals(0, kc.code(), "gcc on the KUnit suite:\n" + kc.out());
		var kr = KernelTree.run(kvm, List.of("./kunit"), Map.of());
		assertEquals(0, kr.code(), kr.out());
		var cp = KernelTree.checkpatch(KernelTree.root(), true, List.of(out.resolve(HEADER).toString(),
				out.resolve(SUITE).toString()));
		KernelTree.Report rep = KernelTree.report(cp.out());
		assertClean(rep, "checkpatch --strict -f");
		System.out.println("v6_17: " + count[0] + " possible inputs agree; KUnit: " + kr.out().strip() + "; checkpatch: "
				+ rep.errors() + " errors, " + rep.warnings() + " warnings, " + rep.checks() + " checks (CamelCase)");
	}

	/**
	 * Compiles the harness for the header in {@code kvm}, runs every possible input, and asserts that
	 * each returned value is the interpreter's; the output lines, for further checks.
	 */
	static String[] runAgainstInterpreter(Model model, List<CTarget> targets, Path kvm, Path stubs, String what,
			long[] count) throws IOException {
		Files.writeString(kvm.resolve("main.c"), KvmHarness.main(model, targets, List.of("stage2_memtype.h"), count));
		var cc = KernelTree.run(kvm, gcc(stubs, "-o", "main", "main.c"), Map.of());
		assertEquals(0, cc.code(), what + ": gcc:\n" + cc.out());
		var run = KernelTree.run(kvm, List.of("./main"), Map.of());
		assertEquals(0, run.code(), run.out());
		String[] lines = run.out().split("\n");
		assertEquals(count[0], lines.length);
		for (String l : lines) {
			String[] f = l.split(" ");
			assertEquals(f[3], f[2], what + ": returned vs the interpreter's outcome: " + l);
		}
		return lines;
	}

	static List<String> gcc(Path stubs, String... args) {
		List<String> c = new ArrayList<>(List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1", "-I",
				stubs.toString()));
		c.addAll(List.of(args));
		return c;
	}

	@Test
	void generatedFilesAreCheckpatchAndKernelDocClean() throws IOException {
		Path root = KernelTree.root();
		List<String> files = new ArrayList<>();
		for (String style : List.of("branches", "table")) {
			Path out = compileExample(style);
			files.add(out.resolve(HEADER).toString());
			files.add(out.resolve(SUITE).toString());
		}
		// And synthesized policies with enums, all hit policies, both styles, with their suites.
		for (int seed = 0; seed < 12; seed++) {
			for (CTarget.Style style : CTarget.Style.values()) {
				String fn = "synth_" + seed + "_" + style.name().toLowerCase(java.util.Locale.ROOT);
				String path = "drivers/synth/" + fn + ".h";
				Model m = SynthModels.model(seed, fn, path, style);
				CBackend b = new CBackend(m, Optional.empty(), Provenance.of("<linux>"));
				Path h = dir.resolve("synth").resolve(path);
				Files.createDirectories(h.getParent());
				Files.writeString(h, b.header(path, m.cTargets()));
				var suite = b.kunit(path, m.cTargets());
				Files.writeString(dir.resolve("synth").resolve(suite.path()), suite.content());
				files.add(h.toString());
				files.add(dir.resolve("synth").resolve(suite.path()).toString());
			}
		}
		// And the generator's golden files.
		Path synthGolden = GOLDEN.resolveSibling("synth");
		for (String g : List.of("synth_branches.h", "synth_table.h", "synth_branches_test.c")) {
			files.add(synthGolden.resolve(g).toAbsolutePath().toString());
		}
		assertPatchClean(synthGolden.resolve("synth_new.patch"), true);
		assertPatchClean(synthGolden.resolve("synth_update.patch"), false);
		var r = KernelTree.checkpatch(root, true, files);
		KernelTree.Report rep = KernelTree.report(r.out());
		assertClean(rep, "checkpatch --strict -f");
		var kd = KernelTree.kernelDoc(root, files.stream().filter(f -> f.endsWith(".h")).toList());
		assertEquals(0, kd.code(), kd.out());
		assertEquals("", kd.out().strip(), "kernel-doc -Wall");
		System.out.println("checkpatch --strict on " + files.size() + " files: " + rep.errors() + " errors, "
				+ rep.warnings() + " warnings, " + rep.checks() + " checks");
	}

	/** A patch adding the header to a git repository of the kernel's files applies with git am. */
	@Test
	void patchAddsTheHeaderAndAppliesWithGitAm() throws IOException {
		Path repo = KernelTree.gitCopy(dir.resolve("linux"));
		Path patch = dir.resolve("0001.patch");
		String mail = patchMail(EXAMPLE, repo, patch);
		assertTrue(mail.contains("\nSubject: [PATCH] KVM: arm64: Add stage2_memtype.h generated from v6_12.mapl\n"), mail);
		assertTrue(mail.contains("Policy kvm.v6_12.fault (the first matching rule decides)"), mail);
		golden("0001-add-stage2_memtype.patch", mail);
		assertPatchClean(patch, true);
		KernelTree.git(repo, "am", "-q", patch.toString());
		assertTrue(KernelTree.git(repo, "log", "--format=%s", "-1").contains("KVM: arm64: Add stage2_memtype.h"));
		// The applied header is exactly what `mapl compile` writes: nothing left to do.
		MaplRun again = mapl("compile", EXAMPLE.toString(), "--c-out", repo.toString());
		assertEquals(0, again.code(), again.err());
		assertTrue(again.out().startsWith("unchanged "), again.out());
		MaplRun none = mapl("patch", EXAMPLE.toString(), "--kernel-tree", repo.toString(), "--signoff", SIGNOFF);
		assertEquals(1, none.code());
		assertTrue(none.err().contains("nothing to patch"), none.err());
	}

	/**
	 * With --kunit the patch also adds the header's KUnit suite, its Kconfig entry and its Makefile
	 * line; it applies with git am, and once applied there is nothing left to patch
	 * ({@link Arm64KunitTest} runs the suite).
	 */
	@Test
	void patchWithKunitAddsTheSuiteAndItsKbuildLines() throws IOException {
		Path repo = KernelTree.gitCopy(dir.resolve("linux"));
		Path patch = dir.resolve("0001.patch");
		String mail = patchMail(EXAMPLE, repo, patch, "--kunit");
		assertTrue(mail.contains("\nSubject: [PATCH 1/2] KVM: arm64: Add stage2_memtype.h generated from\n v6_12.mapl\n"),
				mail);
		assertTrue(mail.contains("\nSubject: [PATCH 2/2] KVM: arm64: Add KUnit tests for stage2_memtype.h\n"), mail);
		assertTrue(mail.contains("\nThe KUnit suite arch/arm64/kvm/stage2_memtype_test.c tests the inner\n"), mail);
		assertTrue(mail.contains("\n arch/arm64/kvm/Kconfig               |  16 ++\n arch/arm64/kvm/Makefile              |   1 +\n"),
				mail);
		// checkpatch reads one patch at a time: the numbered files of -o.
		MaplRun series = mapl("patch", EXAMPLE.toString(), "--kernel-tree", repo.toString(), "--kunit", "--signoff",
				SIGNOFF, "-o", dir.resolve("series").toString());
		assertEquals(0, series.code(), series.err());
		for (String f : series.out().strip().split("\n")) {
			assertPatchClean(Path.of(f), true);
		}
		KernelTree.git(repo, "am", "-q", patch.toString());
		String kconfig = Files.readString(repo.resolve("arch/arm64/kvm/Kconfig"));
		assertTrue(kconfig.contains("endif # VIRTUALIZATION\n\nconfig ARM64_KVM_STAGE2_MEMTYPE_KUNIT_TEST\n"
				+ "\ttristate \"KUnit tests for stage2_memtype.h, generated from MAPL\" if !KUNIT_ALL_TESTS\n"
				+ "\tdepends on KUNIT\n\tdepends on KVM\n\tdefault KUNIT_ALL_TESTS\n\thelp\n"
				+ "\t  Builds the KUnit tests of arch/arm64/kvm/stage2_memtype.h,\n"
				+ "\t  generated by MAPL from a memory attribute policy. Each test\n"), kconfig);
		assertTrue(kconfig.endsWith("\n\t  If unsure, say N.\n"), kconfig);
		assertTrue(Files.readString(repo.resolve("arch/arm64/kvm/Makefile"))
				.endsWith("\nobj-$(CONFIG_ARM64_KVM_STAGE2_MEMTYPE_KUNIT_TEST) += stage2_memtype_test.o\n"));
		assertEquals(Files.readString(GOLDEN.resolve("stage2_memtype_test.c")),
				Files.readString(repo.resolve(SUITE)));
		MaplRun none = mapl("patch", EXAMPLE.toString(), "--kernel-tree", repo.toString(), "--kunit", "--signoff", SIGNOFF);
		assertEquals(1, none.code(), none.out());
		assertTrue(none.err().contains("nothing to patch"), none.err());
		// A folder without a Makefile cannot take the suite: one clear error, no patch.
		Files.delete(repo.resolve("arch/arm64/kvm/Makefile"));
		Files.delete(repo.resolve(SUITE));
		Path bad = dir.resolve("bad-series");
		MaplRun missing = mapl("patch", EXAMPLE.toString(), "--kernel-tree", repo.toString(), "--kunit", "--signoff", SIGNOFF,
				"-o", bad.toString());
		assertEquals(1, missing.code(), missing.out());
		assertTrue(missing.err().contains("`arch/arm64/kvm/Makefile` does not exist in "), missing.err());
		assertEquals(1, missing.err().strip().split("\n").length, missing.err());
		assertFalse(Files.exists(bad));
	}

	/** Against a base version, the message states the behaviour change, and the update applies. */
	@Test
	void patchAgainstABaseStatesTheBehaviourChange() throws IOException {
		Path src = dir.resolve("policies");
		Files.createDirectories(src);
		Files.copy(EXAMPLE.resolveSibling("common.mapl"), src.resolve("common.mapl"));
		String v612 = Files.readString(EXAMPLE);
		Files.writeString(src.resolve("v6_12.mapl"), v612);
		// v6.6: no Normal-NC for vfio-pci BARs.
		String v66 = v612.replace("package kvm.v6_12", "package kvm.v6_6")
				.replace("    vfio_nc: !pfn.map_memory & VM_ALLOW_ANY_UNCACHED -> NormalNC\n", "")
				.replace("    test \"vfio-pci BAR\": VM_PFNMAP, VM_ALLOW_ANY_UNCACHED, !pfn.struct_page, !fault.exec => NormalNC\n",
						"");
		assertFalse(v66.contains("vfio_nc"), v66);
		Files.writeString(src.resolve("v6_6.mapl"), v66);
		Path repo = KernelTree.gitCopy(dir.resolve("linux"));
		MaplRun c = mapl("compile", src.resolve("v6_6.mapl").toString(), "--c-out", repo.toString());
		assertEquals(0, c.code(), c.out() + c.err());
		KernelTree.git(repo, "add", "-A");
		KernelTree.git(repo, "commit", "-q", "-m", "KVM: arm64: Add the v6.6 policy");
		Path patch = dir.resolve("0002.patch");
		String mail = patchMail(src.resolve("v6_12.mapl"), repo, patch, "--since",
				src.resolve("v6_6.mapl").toString());
		assertTrue(mail.contains("Subject: [PATCH] KVM: arm64: Regenerate stage2_memtype.h from v6_12.mapl"), mail);
		assertTrue(mail.contains("Behaviour change in `kvm.v6_6.fault` -> `kvm.v6_12.fault`"), mail);
		assertTrue(mail.contains("- `Device` -> `NormalNC` for "), mail);
		assertTrue(mail.contains("No behaviour change in `kvm.v6_6.slot` -> `kvm.v6_12.slot`"), mail);
		assertPatchClean(patch, false);
		KernelTree.git(repo, "am", "-q", patch.toString());
		assertTrue(KernelTree.git(repo, "show", "--stat", "HEAD").contains("stage2_memtype.h"));
	}

	/**
	 * A target with a region (v6_12-in-mmu.mapl) replaces the marked region of an existing file,
	 * here the real mmu.c; {@link Arm64KernelBuildTest} builds the result.
	 */
	@Test
	void patchReplacesAMarkedRegionOfAnExistingFile() throws IOException {
		Path example = EXAMPLE.resolveSibling("v6_12-in-mmu.mapl");
		Path repo = KernelTree.gitCopy(dir.resolve("linux"));
		Path mmu = repo.resolve("arch/arm64/kvm/mmu.c");
		// Without the markers: one diagnostic at the target, the file untouched.
		String text = Files.readString(mmu);
		MaplRun unmarked = mapl("compile", example.toString(), "--c-out", repo.toString());
		assertEquals(1, unmarked.code());
		String at = example.toAbsolutePath().normalize() + ":9:1: error: ";
		assertEquals(at + "`arch/arm64/kvm/mmu.c` has no region `kvm_s2_fault_memtype`: add the lines "
				+ "`/* mapl:begin kvm_s2_fault_memtype */` and `/* mapl:end kvm_s2_fault_memtype */` where the generated "
				+ "code goes [mapl.c.emit]\n", unmarked.err());
		assertEquals(text, Files.readString(mmu));
		String anchor = "static int user_mem_abort(";
		assertTrue(text.contains(anchor));
		Files.writeString(mmu, text.replace(anchor, "/* mapl:begin kvm_s2_fault_memtype */\n"
				+ "/* mapl:end kvm_s2_fault_memtype */\n\n" + anchor));
		KernelTree.git(repo, "commit", "-q", "-a", "-m", "KVM: arm64: Mark where the generated memory type code goes");
		MaplRun missing = mapl("compile", example.toString(), "--c-out", dir.resolve("empty").toString());
		assertEquals(1, missing.code());
		assertTrue(missing.err().startsWith(at + "`arch/arm64/kvm/mmu.c` does not exist in the output tree"),
				missing.err());
		Path patch = dir.resolve("0003.patch");
		String mail = patchMail(example, repo, patch);
		assertTrue(mail.contains(" arch/arm64/kvm/mmu.c"), mail);
		assertTrue(mail.contains("\n /* mapl:begin kvm_s2_fault_memtype */\n+/* Do not edit this region directly"), mail);
		// Folded at 78 columns, as git folds a long subject.
		assertTrue(mail.contains("\nSubject: [PATCH] KVM: arm64: Generate kvm_s2_fault_memtype() in mmu.c from\n"
				+ " v6_12-in-mmu.mapl\n"), mail);
		assertTrue(mail.contains("\nUpdate the generated code in arch/arm64/kvm/mmu.c from the MAPL policies"), mail);
		assertPatchClean(patch, false);
		KernelTree.git(repo, "am", "-q", patch.toString());
		String after = Files.readString(mmu);
		assertTrue(after.contains("/* mapl:begin kvm_s2_fault_memtype */\n/* Do not edit this region directly"), after);
		assertTrue(after.contains("static int kvm_s2_fault_memtype(struct kvm *kvm"), after);
		assertFalse(Files.exists(repo.resolve(HEADER)), "a region target writes no header");
		// Regenerating into the patched tree changes nothing.
		MaplRun again = mapl("compile", example.toString(), "--c-out", repo.toString());
		assertEquals(0, again.code(), again.err());
		assertFalse(again.out().contains("wrote "), again.out());
	}

	/** checkpatch --strict on a patch: no error, no warning but the MAINTAINERS reminder for a new file. */
	static void assertPatchClean(Path patch, boolean newFile) {
		var r = KernelTree.checkpatch(KernelTree.root(), false, List.of(patch.toAbsolutePath().toString()));
		KernelTree.Report rep = KernelTree.report(r.out());
		assertEquals(0, rep.errors(), r.out());
		List<String> warnings = rep.findings().stream().filter(f -> f.startsWith("WARNING")).toList();
		for (String w : warnings) {
			assertTrue(newFile && w.startsWith("WARNING:FILE_PATH_CHANGES:"), "unexpected: " + w + "\n" + r.out());
		}
		for (String f : rep.findings()) {
			if (f.startsWith("CHECK")) {
				assertTrue(f.matches("CHECK:CAMELCASE: Avoid CamelCase: <MT_\\w+>"), f);
			}
		}
	}

	/** The README shows the real tool's output: the golden header and the start of the golden patch. */
	@Test
	void readmeShowsTheGeneratedHeaderAndPatch() throws IOException {
		String readme = Files.readString(Path.of("../README.md"));
		assertTrue(readme.contains("```c\n" + Files.readString(GOLDEN.resolve("stage2_memtype.h")) + "```\n"),
				"README.md's Kernel C section shows another header than " + GOLDEN.resolve("stage2_memtype.h"));
		String patch = Files.readString(GOLDEN.resolve("0001-add-stage2_memtype.patch"));
		String start = patch.substring(0, patch.indexOf("+#include <asm/kvm_pgtable.h>\n"));
		assertTrue(readme.contains(start), "README.md's Kernel C section shows another patch than the golden one");
	}

	@Test
	void badRequestsAreOneLineErrors() throws IOException {
		MaplRun none = mapl("compile", EXAMPLE.toString());
		assertEquals(2, none.code());
		assertTrue(none.err().startsWith("mapl: error: nothing to generate"), none.err());
		MaplRun noTargets = mapl("compile", EXAMPLE.resolveSibling("common.mapl").toString(), "--c-out", dir.toString());
		assertEquals(1, noTargets.code());
		assertTrue(noTargets.err().contains("no `target c` section"), noTargets.err());
		MaplRun noTree = mapl("patch", EXAMPLE.toString(), "--kernel-tree", dir.resolve("nope").toString());
		assertEquals(2, noTree.code());
		assertTrue(noTree.err().contains("is not a folder"), noTree.err());
		MaplRun badSignoff = mapl("patch", EXAMPLE.toString(), "--kernel-tree", dir.toString(), "--signoff=me");
		assertEquals(2, badSignoff.code());
		assertTrue(badSignoff.err().contains("--signoff wants"), badSignoff.err());
		for (MaplRun r : List.of(none, noTargets, noTree, badSignoff)) {
			assertEquals(1, r.err().strip().split("\n").length, r.err());
		}
	}

	static String read(Path p) {
		try {
			return Files.readString(p, StandardCharsets.UTF_8);
		} catch (IOException e) {
			fail(e);
			return null;
		}
	}
}
