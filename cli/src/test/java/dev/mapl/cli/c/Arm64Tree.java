package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole Linux 6.12 tree from Debian's {@code linux-source-6.12}, configured for arm64 and built
 * far enough to rebuild {@code arch/arm64/kvm/mmu.o} in seconds: the proof that generated C builds
 * inside the real kernel, with its real types, macros, {@code W=1} warnings and sparse.
 *
 * <p>Prepared once per test run and shared: the sources under {@code target/linux-6.12-src}, a git
 * repository with one commit so that tests can apply patches with {@code git am} and put the tree
 * back; objects out of tree ({@code O=}) under {@code target/linux-6.12-arm64} (defconfig) and
 * {@code target/linux-6.12-kunit} (kunit.py), so the sources stay clean for both. Tests that change
 * the tree call {@link #restore()} when done. In CI a missing tool fails the test; elsewhere it is
 * skipped.
 */
final class Arm64Tree {

	static final String CROSS = "aarch64-linux-gnu-";
	static final String MMU = "arch/arm64/kvm/mmu.c";
	/** The tag of the unchanged tree. */
	static final String BASE = "linux-6.12-debian";
	/** The toolchain the proof uses, checked before anything is built. */
	static final List<String> TOOLS = List.of("make", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-ld", "bc", "bison",
			"flex", "sparse", "perl", "git", "tar", "xz");

	private static Arm64Tree prepared;

	final Path src;
	final Path build;
	final Path kunitBuild;
	/** What {@code W=1 C=1} says about the untouched mmu.c (warnings), to tell new warnings from old. */
	final List<String> baseline;

	private Arm64Tree(Path src, Path build, Path kunitBuild, List<String> baseline) {
		this.src = src;
		this.build = build;
		this.kunitBuild = kunitBuild;
		this.baseline = baseline;
	}

	/** gcc or sparse output of one {@code make W=1 C=1 arch/arm64/kvm/mmu.o}. */
	record Build(int code, String out, List<String> diagnostics, long millis) {

		/** Both gcc (CC) and sparse (CHECK) ran on mmu.c. */
		boolean compiledAndChecked() {
			return out.contains("  CC      arch/arm64/kvm/mmu.o") && out.matches("(?s).*  CHECK   \\S*arch/arm64/kvm/mmu\\.c.*");
		}
	}

	static synchronized Arm64Tree get() {
		if (prepared != null) {
			prepared.restore();
			return prepared;
		}
		for (String tool : TOOLS) {
			KernelTree.require(tool);
		}
		if (!Files.isRegularFile(KernelTree.TARBALL)) {
			KernelTree.missing(KernelTree.TARBALL + " is missing (Debian package linux-source-6.12)");
		}
		try {
			Path target = Path.of("target").toAbsolutePath();
			Path src = target.resolve("linux-6.12-src");
			Path build = target.resolve("linux-6.12-arm64");
			Path kunit = target.resolve("linux-6.12-kunit");
			long t0 = System.nanoTime();
			if (!Files.exists(src.resolve(".git/mapl-complete"))) {
				KernelTree.deleteTree(src);
				Path tmp = Files.createTempDirectory(target, "linux-src-");
				KernelTree.Result x = KernelTree.run(target, List.of("tar", "-xJf", KernelTree.TARBALL.toString(),
						"--strip-components=1", "-C", tmp.toString()), Map.of());
				assertEquals(0, x.code(), "tar: " + x.out());
				// Debian's top-level .gitignore ignores everything: -f tracks the whole tree anyway.
				KernelTree.git(tmp, "init", "-q", "-b", "master");
				KernelTree.git(tmp, "add", "-f", "-A", ".");
				KernelTree.git(tmp, "commit", "-q", "-m", "Linux 6.12 (Debian linux-source-6.12)");
				KernelTree.git(tmp, "tag", BASE);
				Files.writeString(tmp.resolve(".git/mapl-complete"), "");
				Files.move(tmp, src, StandardCopyOption.ATOMIC_MOVE);
				KernelTree.deleteTree(build);
				KernelTree.deleteTree(kunit);
			}
			long t1 = System.nanoTime();
			Arm64Tree tree = new Arm64Tree(src, build, kunit, List.of());
			tree.restore();
			if (!Files.exists(build.resolve(".config"))) {
				KernelTree.Result c = KernelTree.run(src, tree.make(build, "defconfig"), Map.of());
				assertEquals(0, c.code(), "make defconfig:\n" + c.out());
			}
			Build first = tree.buildMmu();
			assertEquals(0, first.code(), "the untouched tree does not build mmu.o:\n" + first.out());
			// Once more with mmu.c alone recompiled: the warnings the tests compare against.
			Files.setLastModifiedTime(src.resolve(MMU), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
			Build base = tree.buildMmu();
			assertEquals(0, base.code(), base.out());
			assertTrue(base.compiledAndChecked(), "gcc and sparse did not both run on mmu.c:\n" + base.out());
			System.out.printf("arm64 tree: sources and git in %d ms, defconfig and mmu.o in %d ms; mmu.o alone "
					+ "(W=1 C=1) in %d ms with %d warnings%n", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000,
					base.millis(), base.diagnostics().size());
			prepared = new Arm64Tree(src, build, kunit, base.diagnostics());
			return prepared;
		} catch (IOException e) {
			throw new AssertionError("cannot prepare the arm64 kernel tree: " + e, e);
		}
	}

	List<String> make(Path objects, String... targets) {
		List<String> cmd = new ArrayList<>(List.of("make", "-j" + Runtime.getRuntime().availableProcessors(), "O=" + objects,
				"ARCH=arm64", "CROSS_COMPILE=" + CROSS));
		cmd.addAll(List.of(targets));
		return cmd;
	}

	/** {@code make W=1 C=1 arch/arm64/kvm/mmu.o}: gcc with the kernel's extra warnings, then sparse. */
	Build buildMmu() {
		long t0 = System.nanoTime();
		KernelTree.Result r = KernelTree.run(src, make(build, "W=1", "C=1", "arch/arm64/kvm/mmu.o"), Map.of());
		List<String> diagnostics = new ArrayList<>();
		for (String l : r.out().split("\n")) {
			if (l.contains("warning:") || l.contains("error:")) {
				diagnostics.add(l.replace(src + "/", ""));
			}
		}
		return new Build(r.code(), r.out(), diagnostics, (System.nanoTime() - t0) / 1_000_000);
	}

	/** The diagnostics of a build that the untouched tree does not have. */
	List<String> newDiagnostics(Build b) {
		List<String> fresh = new ArrayList<>(b.diagnostics());
		fresh.removeAll(baseline);
		return fresh;
	}

	/** Back to the one commit: every change, commit and new file in the sources undone. */
	void restore() {
		if (Files.isDirectory(src.resolve(".git/rebase-apply"))) {
			KernelTree.git(src, "am", "--abort");
		}
		KernelTree.git(src, "checkout", "-q", "-f", "master");
		KernelTree.git(src, "reset", "-q", "--hard", BASE);
		KernelTree.git(src, "clean", "-q", "-f", "-d", "-x");
	}

	String read(String path) throws IOException {
		return Files.readString(src.resolve(path));
	}

	void write(String path, String content) throws IOException {
		Files.writeString(src.resolve(path), content);
	}

	void commitAll(String message) {
		KernelTree.git(src, "add", "-f", "-A", ".");
		KernelTree.git(src, "commit", "-q", "-m", message);
	}
}
