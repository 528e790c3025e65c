package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The few files of a real kernel tree the tests need (checkpatch.pl and its data, kernel-doc, the
 * top-level files checkpatch looks for, and the arm64 KVM files patches touch), extracted once
 * from Debian's {@code linux-source-6.12} into {@code target/linux-6.12}; and the external tools
 * (gcc, sparse, perl, git). In CI ({@code CI} set) a missing tool or tarball fails the test; on a
 * developer machine without it the test is skipped.
 */
public final class KernelTree {

	static final Path TARBALL = Path.of("/usr/src/linux-source-6.12.tar.xz");
	static final String TOP = "linux-source-6.12/";
	static final List<String> MEMBERS = List.of("COPYING", "CREDITS", "Kbuild", "MAINTAINERS", "Makefile", "README",
			"scripts/checkpatch.pl", "scripts/get_maintainer.pl", "scripts/spelling.txt", "scripts/const_structs.checkpatch", "scripts/kernel-doc",
			"arch/arm64/kvm/mmu.c", "arch/arm64/kvm/Makefile", "arch/arm64/kvm/Kconfig");
	/** Folders checkpatch wants to see at the top of a kernel tree. */
	static final List<String> DIRS = List.of("Documentation", "arch", "include", "drivers", "fs", "init", "ipc",
			"kernel", "lib", "scripts");

	private static Path cached;

	private KernelTree() {
	}

	record Result(int code, String out) {
	}

	static void require(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
				return;
			}
		}
		missing("`" + tool + "` is not installed");
	}

	static void missing(String what) {
		String msg = what + " (.ci/run installs it)";
		if (System.getenv("CI") != null) {
			fail(msg);
		}
		Assumptions.abort(msg);
	}

	/** The extracted tree (read-only use; copy it to change it). */
	public static synchronized Path root() {
		if (cached != null) {
			return cached;
		}
		Path dir = Path.of("target/linux-6.12").toAbsolutePath();
		if (!Files.exists(dir.resolve(".complete"))) {
			if (!Files.isRegularFile(TARBALL)) {
				missing(TARBALL + " is missing (Debian package linux-source-6.12)");
			}
			require("tar");
			require("xz");
			try {
				Path tmp = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "linux-");
				List<String> cmd = new ArrayList<>(List.of("tar", "-xJf", TARBALL.toString(), "--occurrence=1",
						"--strip-components=1", "-C", tmp.toString()));
				for (String m : MEMBERS) {
					cmd.add(TOP + m);
				}
				long t0 = System.nanoTime();
				Result r = run(Path.of("."), cmd, Map.of());
				assertEquals(0, r.code(), "tar: " + r.out());
				for (String d : DIRS) {
					Files.createDirectories(tmp.resolve(d));
				}
				Files.writeString(tmp.resolve(".complete"), "extracted in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n");
				deleteTree(dir);
				Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
				System.out.println("kernel files extracted in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
			} catch (IOException e) {
				throw new AssertionError("cannot extract the kernel files: " + e, e);
			}
		}
		cached = dir;
		return dir;
	}

	/** A git repository with a copy of the extracted tree, one commit. */
	public static Path gitCopy(Path where) throws IOException {
		require("git");
		Path src = root();
		try (Stream<Path> files = Files.walk(src)) {
			for (Path f : files.toList()) {
				Path to = where.resolve(src.relativize(f).toString());
				if (Files.isDirectory(f)) {
					Files.createDirectories(to);
				} else if (!f.getFileName().toString().equals(".complete")) {
					Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		for (String d : DIRS) {
			Files.writeString(where.resolve(d).resolve(".keep"), "");
		}
		git(where, "init", "-q", "-b", "master");
		git(where, "add", "-A");
		git(where, "commit", "-q", "-m", "Linux 6.12 (the files MAPL's tests need)");
		return where;
	}

	static Map<String, String> gitEnv() {
		return Map.of("GIT_AUTHOR_NAME", "Test Tree", "GIT_AUTHOR_EMAIL", "tree@example.org", "GIT_COMMITTER_NAME",
				"Test Tree", "GIT_COMMITTER_EMAIL", "tree@example.org", "GIT_CONFIG_NOSYSTEM", "1", "HOME",
				Path.of("target").toAbsolutePath().toString());
	}

	static String git(Path repo, String... args) {
		List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
		cmd.addAll(List.of(args));
		Result r = run(repo, cmd, gitEnv());
		assertEquals(0, r.code(), String.join(" ", cmd) + ":\n" + r.out());
		return r.out();
	}

	/** checkpatch.pl --strict on files (-f) or a patch, run from a kernel tree. */
	static Result checkpatch(Path tree, boolean files, List<String> paths) {
		require("perl");
		List<String> cmd = new ArrayList<>(List.of("perl", root().resolve("scripts/checkpatch.pl").toString(), "--strict",
				"--no-summary-file", "--color=never", "--show-types"));
		if (files) {
			cmd.add("-f");
		}
		cmd.addAll(paths);
		return run(tree, cmd, Map.of());
	}

	/** kernel-doc's warnings for files. */
	static Result kernelDoc(Path dir, List<String> paths) {
		require("perl");
		List<String> cmd = new ArrayList<>(List.of("perl", root().resolve("scripts/kernel-doc").toString(), "-none",
				"-Wall"));
		cmd.addAll(paths);
		return run(dir, cmd, Map.of());
	}

	static Result run(Path dir, List<String> command, Map<String, String> env) {
		return run(dir, command, env, 300);
	}

	/** Runs a command with its output in a file, so that the timeout holds even if it never closes it. */
	static Result run(Path dir, List<String> command, Map<String, String> env, int timeoutSeconds) {
		Path log = null;
		try {
			log = Files.createTempFile("mapl-run-", ".log");
			ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
					.redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
			pb.environment().putAll(env);
			Process p = pb.start();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
				fail("timed out after " + timeoutSeconds + " s: " + command + "\n"
						+ new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
			}
			return new Result(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new AssertionError("cannot run " + command + ": " + e, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		} finally {
			if (log != null) {
				try {
					Files.deleteIfExists(log);
				} catch (IOException e) {
					// a temporary file left behind is harmless
				}
			}
		}
	}

	static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	/**
	 * The counts in checkpatch's summary ({@code total: E errors, W warnings, C checks, ...}), and
	 * every ERROR, WARNING and CHECK line.
	 */
	record Report(int errors, int warnings, int checks, List<String> findings) {
	}

	static Report report(String out) {
		var m = java.util.regex.Pattern.compile("total: (\\d+) errors, (\\d+) warnings, (\\d+) checks").matcher(out);
		int e = 0;
		int w = 0;
		int c = 0;
		boolean found = false;
		while (m.find()) {
			e += Integer.parseInt(m.group(1));
			w += Integer.parseInt(m.group(2));
			c += Integer.parseInt(m.group(3));
			found = true;
		}
		if (!found) {
			fail("no checkpatch summary in:\n" + out);
		}
		List<String> findings = new ArrayList<>();
		for (String l : out.split("\n")) {
			if (l.startsWith("ERROR:") || l.startsWith("WARNING:") || l.startsWith("CHECK:")) {
				findings.add(l);
			}
		}
		return new Report(e, w, c, findings);
	}
}
