package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.cli.MaplRun;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated C inside a real arm64 kernel build (Linux 6.12, Debian's aarch64-linux-gnu-gcc,
 * sparse): every kvm-arm64 example's header goes where its target says, mmu.c includes it and calls
 * its functions with values of the kernel's own types, and {@code make W=1 C=1
 * arch/arm64/kvm/mmu.o} builds with no warning the untouched tree does not have. The examples'
 * patches apply with {@code git am} and the patched tree builds the same way, including the
 * example whose target is a marked region of mmu.c itself.
 */
class Arm64KernelBuildTest {

	static final Path EXAMPLES = Path.of("../examples/kvm-arm64");
	static final String SIGNOFF = KernelCTest.SIGNOFF;

	@TempDir
	Path dir;

	/** The functions {@code file} declares targets for, all in one header beside mmu.c. */
	static Set<String> headerFunctions(Path file) {
		Model model = KernelCTest.model(file);
		Set<String> functions = new TreeSet<>();
		for (CTarget t : model.cTargets()) {
			if (t.span().file().endsWith(file.getFileName().toString())) {
				assertEquals(KernelCTest.HEADER, t.file(), t.policy());
				assertTrue(t.region().isEmpty(), t.policy());
				functions.add(t.function().name());
			}
		}
		assertFalse(functions.isEmpty(), file + " has no `target c`");
		return functions;
	}

	static void assertBuildsClean(Arm64Tree tree, String what) {
		Arm64Tree.Build b = tree.buildMmu();
		assertEquals(0, b.code(), what + ": make W=1 C=1 arch/arm64/kvm/mmu.o failed:\n" + b.out());
		assertTrue(b.compiledAndChecked(), what + ": gcc and sparse did not both run on mmu.c:\n" + b.out());
		assertEquals(List.of(), tree.newDiagnostics(b), what + ": new warnings");
		System.out.println(what + ": mmu.o built and checked (W=1 C=1) in " + b.millis() + " ms, no new warning");
	}

	@ParameterizedTest
	@ValueSource(strings = {"v6_1.mapl", "v6_6.mapl", "v6_12.mapl", "v6_17.mapl", "thread-catalin.mapl"})
	void everyExampleHeaderBuildsInsideMmuC(String name) throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			Path file = EXAMPLES.resolve(name);
			Set<String> functions = headerFunctions(file);
			MaplRun r = KernelCTest.mapl("compile", file.toString(), "--c-out", tree.src.toString());
			assertEquals(0, r.code(), r.out() + r.err());
			assertTrue(Files.isRegularFile(tree.src.resolve(KernelCTest.HEADER)), r.out());
			tree.write(Arm64Tree.MMU, MmuCallSites.withHeader(tree.read(Arm64Tree.MMU), "stage2_memtype.h", functions));
			assertBuildsClean(tree, name + " " + functions);
		} finally {
			tree.restore();
		}
		assertEquals("", KernelTree.git(tree.src, "status", "--porcelain", "--ignored"), "the tree is not restored");
	}

	/**
	 * The check can fail: a binding sparse objects to (a plain 0 for a pointer) is a new warning,
	 * reported at the header's line.
	 */
	@Test
	void aBindingSparseObjectsToIsANewWarning() throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			Path src = dir.resolve("policies");
			Files.createDirectories(src);
			String common = Files.readString(EXAMPLES.resolve("common.mapl"));
			String bad = common.replace("fact guest.mte = \"kvm_has_mte(kvm)\"", "fact guest.mte = \"kvm != 0 && kvm_has_mte(kvm)\"");
			assertFalse(bad.equals(common));
			Files.writeString(src.resolve("common.mapl"), bad);
			Files.copy(EXAMPLES.resolve("v6_12.mapl"), src.resolve("v6_12.mapl"));
			MaplRun r = KernelCTest.mapl("compile", src.resolve("v6_12.mapl").toString(), "--c-out",
					tree.src.toString());
			assertEquals(0, r.code(), r.out() + r.err());
			tree.write(Arm64Tree.MMU, MmuCallSites.withHeader(tree.read(Arm64Tree.MMU), "stage2_memtype.h",
					Set.of(MmuCallSites.SLOT, MmuCallSites.FAULT)));
			Arm64Tree.Build b = tree.buildMmu();
			List<String> fresh = tree.newDiagnostics(b);
			assertFalse(fresh.isEmpty(), b.out());
			assertTrue(fresh.stream().allMatch(l -> l.startsWith("arch/arm64/kvm/stage2_memtype.h:")
					&& l.contains("warning: Using plain integer as NULL pointer")), String.join("\n", fresh));
			System.out.println("a bad binding: " + fresh);
		} finally {
			tree.restore();
		}
	}

	/** `mapl patch` adds the header with git am; with mmu.c calling it, the tree builds. */
	@Test
	void examplePatchAppliesWithGitAmAndThePatchedTreeBuilds() throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			Path patch = dir.resolve("0001.patch");
			KernelCTest.patchMail(EXAMPLES.resolve("v6_12.mapl"), tree.src, patch);
			KernelTree.git(tree.src, "am", "-q", patch.toString());
			assertEquals("KVM: arm64: Add stage2_memtype.h generated from v6_12.mapl",
					KernelTree.git(tree.src, "log", "-1", "--format=%s").strip());
			assertEquals("", KernelTree.git(tree.src, "status", "--porcelain"), "git am left changes behind");
			tree.write(Arm64Tree.MMU, MmuCallSites.withHeader(tree.read(Arm64Tree.MMU), "stage2_memtype.h",
					headerFunctions(EXAMPLES.resolve("v6_12.mapl"))));
			tree.commitAll("KVM: arm64: Decide the stage-2 memory type with stage2_memtype.h");
			assertBuildsClean(tree, "v6_12.mapl patch applied with git am");
		} finally {
			tree.restore();
		}
	}

	/**
	 * v6_12-in-mmu.mapl targets the marked region of mmu.c: the patch replaces the hand-written
	 * decision that user_mem_abort() calls with the generated one, and the kernel still builds.
	 */
	@Test
	void theRegionExampleReplacesTheHandWrittenDecisionInUserMemAbort() throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			tree.write(Arm64Tree.MMU, MmuCallSites.withHandWrittenRegion(tree.read(Arm64Tree.MMU)));
			assertBuildsClean(tree, "mmu.c with the hand-written kvm_s2_fault_memtype()");
			tree.commitAll("KVM: arm64: Move the stage-2 memory type decision into kvm_s2_fault_memtype()");

			Path patch = dir.resolve("0001.patch");
			String mail = KernelCTest.patchMail(EXAMPLES.resolve("v6_12-in-mmu.mapl"), tree.src, patch);
			assertTrue(mail.contains(" arch/arm64/kvm/mmu.c | "), mail);
			assertFalse(mail.contains("stage2_memtype.h |"), "only mmu.c changes:\n" + mail);
			KernelCTest.assertPatchClean(patch, false);
			KernelTree.git(tree.src, "am", "-q", patch.toString());

			String mmu = tree.read(Arm64Tree.MMU);
			String region = mmu.substring(mmu.indexOf("/* mapl:begin kvm_s2_fault_memtype */"),
					mmu.indexOf("/* mapl:end kvm_s2_fault_memtype */"));
			assertTrue(region.contains("static inline int __kvm_s2_fault_memtype("), region);
			assertTrue(region.contains("static int kvm_s2_fault_memtype(struct kvm *kvm, vm_flags_t vm_flags,"), region);
			assertFalse(region.contains("Check the VMM hasn't introduced a new disallowed VMA"), "hand-written code left");
			String abort = mmu.substring(mmu.indexOf("static int user_mem_abort("));
			assertTrue(abort.contains("\tmemtype = kvm_s2_fault_memtype(kvm, vm_flags, vm_page_prot, pfn, exec_fault);\n"));
			assertBuildsClean(tree, "v6_12-in-mmu.mapl patch applied with git am");
		} finally {
			tree.restore();
		}
	}

	/**
	 * The series of a header target and a region target with --kunit (header, call sites, KUnit
	 * suite): each patch applies with git am on its own and the tree builds after each one.
	 */
	@Test
	void theSeriesBuildsAfterEveryPatch() throws IOException {
		Arm64Tree tree = Arm64Tree.get();
		try {
			tree.write(Arm64Tree.MMU, MmuCallSites.withHandWrittenRegion(tree.read(Arm64Tree.MMU)));
			tree.commitAll("KVM: arm64: Move the stage-2 memory type decision into kvm_s2_fault_memtype()");
			Path series = PatchSeriesTest.seriesPolicies(dir);
			Path out = dir.resolve("series");
			MaplRun r = KernelCTest.mapl("patch", series.toString(), "--kernel-tree", tree.src.toString(), "--kunit",
					"--signoff", SIGNOFF, "--cover-letter", "--base", "HEAD", "--check", "-o", out.toString());
			assertEquals(0, r.code(), r.out() + r.err());
			List<String> mails = List.of(r.out().strip().split("\n"));
			assertEquals(4, mails.size(), r.out());
			for (String mail : mails.subList(1, 4)) {
				KernelTree.git(tree.src, "am", "-q", mail);
				// mmu.c itself may be unchanged (the header and KUnit patches): build it anyway
				Files.setLastModifiedTime(tree.src.resolve(Arm64Tree.MMU),
						java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
				assertBuildsClean(tree, Path.of(mail).getFileName().toString());
			}
			assertEquals(4, KernelTree.git(tree.src, "log", "--format=%s", Arm64Tree.BASE + "..HEAD").strip()
					.split("\n").length, "the hand-written commit and the three patches");
		} finally {
			tree.restore();
		}
	}
}
