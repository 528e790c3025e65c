package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diffstat equals the one real {@code git format-patch} writes for the same commit: counts,
 * column widths, shortened names, the scaled graph, the summary and the mode lines.
 */
class DiffstatGitTest {

	@TempDir
	Path repo;

	private String git(String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Mapl Tester", "-c",
				"user.email=tester@example.org", "-c", "core.quotepath=off", "-c", "diff.algorithm=myers"));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(60, TimeUnit.SECONDS);
		assertEquals(0, p.exitValue(), out);
		return out;
	}

	/** Commits {@code before}, then the changes, and compares git's diffstat of that commit with ours. */
	private void assertSameStat(List<UnifiedDiff.FileChange> changes) throws Exception {
		git("init", "-q");
		for (UnifiedDiff.FileChange c : changes) {
			if (c.oldText().isPresent()) {
				write(c.path(), c.oldText().get());
			}
		}
		write("README", "base\n");
		git("add", "-A");
		git("commit", "-q", "-m", "base");
		for (UnifiedDiff.FileChange c : changes) {
			write(c.path(), c.newText());
		}
		git("add", "-A");
		git("commit", "-q", "-m", "change");
		String mail = git("format-patch", "-1", "--stdout");
		int from = mail.indexOf("\n---\n") + 5;
		String gitStat = mail.substring(from, mail.indexOf("\n\ndiff --git", from) + 1);
		List<UnifiedDiff.FileChange> sorted = changes.stream()
				.sorted(Comparator.comparing(UnifiedDiff.FileChange::path)).toList();
		assertEquals(gitStat, UnifiedDiff.stat(sorted));
	}

	private void write(String path, String text) throws IOException {
		Path p = repo.resolve(path);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text);
	}

	private static String lines(String prefix, int n) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < n; i++) {
			sb.append(prefix).append(i).append('\n');
		}
		return sb.toString();
	}

	/**
	 * The shape of the KVM patch's mmu.c: a generated region inserted and a call site rewritten, so
	 * both insertions and deletions, next to a new header with a longer name and more lines.
	 */
	@Test
	void aModifiedFileNextToANewOne() throws Exception {
		String old = lines("static int line_", 400);
		String now = old.replace("static int line_120\nstatic int line_121\nstatic int line_122\n",
				"static int call_site(void)\n") + lines("/* generated */ int region_", 57);
		now = now.replace("static int line_300\n", "static int line_300_changed\n");
		assertSameStat(List.of(new UnifiedDiff.FileChange("arch/arm64/kvm/mmu.c", Optional.of(old), now, "100644"),
				new UnifiedDiff.FileChange("arch/arm64/kvm/stage2_fault_memtype.h", Optional.empty(),
						lines("#define X", 131), "100644")));
	}

	/** Long paths are shortened at a slash, and large counts scale the graph. */
	@Test
	void longNamesAndLargeChanges() throws Exception {
		assertSameStat(List.of(
				new UnifiedDiff.FileChange("drivers/some/deeply/nested/directory/with/a/very_long_file_name.c",
						Optional.of(lines("a", 50)), lines("a", 20) + lines("b", 300), "100644"),
				new UnifiedDiff.FileChange("x.c", Optional.of(lines("a", 10)), lines("a", 9), "100644")));
	}

	/** Random edits of random files, one commit each. */
	@Test
	void randomChanges() throws Exception {
		SplittableRandom rnd = new SplittableRandom(17);
		for (int round = 0; round < 12; round++) {
			List<UnifiedDiff.FileChange> changes = new ArrayList<>();
			int files = 1 + rnd.nextInt(3);
			for (int f = 0; f < files; f++) {
				// Mostly distinct lines: git's diff is only guaranteed minimal without many repeated lines.
				List<String> a = new ArrayList<>();
				for (int n = rnd.nextInt(80); n > 0; n--) {
					a.add("line " + rnd.nextInt(10_000) + "\n");
				}
				List<String> b = new ArrayList<>(a);
				for (int e = rnd.nextInt(40); e > 0; e--) {
					if (b.isEmpty() || rnd.nextBoolean()) {
						b.add(rnd.nextInt(b.size() + 1), "new " + rnd.nextInt(10_000) + "\n");
					} else {
						b.remove(rnd.nextInt(b.size()));
					}
				}
				String path = "r" + round + "/" + "d".repeat(1 + rnd.nextInt(60)) + "/f" + f + ".c";
				changes.add(new UnifiedDiff.FileChange(path,
						rnd.nextInt(4) == 0 ? Optional.empty() : Optional.of(String.join("", a)), String.join("", b),
						"100644"));
			}
			changes.removeIf(c -> c.oldText().map(c.newText()::equals).orElse(c.newText().isEmpty()));
			if (!changes.isEmpty()) {
				Files.walk(repo).sorted(Comparator.reverseOrder()).filter(p -> !p.equals(repo)).forEach(p -> p.toFile().delete());
				assertSameStat(changes);
			}
		}
	}
}
