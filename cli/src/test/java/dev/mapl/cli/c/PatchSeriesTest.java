package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.cli.MaplRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mapl patch} speaks {@code git format-patch}: a series (header, call sites, KUnit suite)
 * that applies patch by patch with {@code git am}, subjects and file names as git writes them for
 * {@code -v2 --rfc --cover-letter}, the {@code base-commit:} trailer of {@code --base} where git
 * puts it, recipients from the tree's own {@code scripts/get_maintainer.pl} and MAINTAINERS, and
 * {@code --check} with the tree's checkpatch. Each claim is checked against the real tools on a git
 * repository of Debian's linux-source-6.12 files ({@link Arm64KernelBuildTest} builds the series).
 */
class PatchSeriesTest {

	static final Path EXAMPLES = Path.of("../examples/kvm-arm64");
	static final String SLOT_FUNCTION = "int kvm_s2_slot_ok(struct kvm *kvm, vm_flags_t vm_flags, "
			+ "pgprot_t vm_page_prot, const struct kvm_memory_slot *new)";

	@TempDir
	Path dir;

	/**
	 * Policies whose targets make a three-part series: the v6.12 slot decision into a new header, the
	 * fault decision into the marked region of mmu.c (as v6_12-in-mmu.mapl), and with --kunit the
	 * header's KUnit suite.
	 */
	static Path seriesPolicies(Path dir) throws IOException {
		Path src = dir.resolve("policies");
		Files.createDirectories(src);
		Files.copy(EXAMPLES.resolve("common.mapl"), src.resolve("common.mapl"));
		Files.copy(EXAMPLES.resolve("v6_12.mapl"), src.resolve("v6_12.mapl"));
		Path series = src.resolve("series.mapl");
		Files.writeString(series, """
				package kvm.v6_12.series

				import kvm.*

				target c kvm.v6_12.slot {
				    file "arch/arm64/kvm/stage2_slot.h"
				    function "%s"
				    use kvm
				}

				target c kvm.v6_12.fault {
				    region "arch/arm64/kvm/mmu.c"
				    function "int kvm_s2_fault_memtype(struct kvm *kvm, vm_flags_t vm_flags, pgprot_t vm_page_prot, kvm_pfn_t pfn, bool exec_fault)"
				    use kvm
				}
				""".formatted(SLOT_FUNCTION));
		return series;
	}

	/** A git copy of the kernel's files whose mmu.c has the hand-written region, committed. */
	Path markedTree() throws IOException {
		Path repo = KernelTree.gitCopy(dir.resolve("linux"));
		Path mmu = repo.resolve(Arm64Tree.MMU);
		Files.writeString(mmu, MmuCallSites.withHandWrittenRegion(Files.readString(mmu)));
		KernelTree.git(repo, "commit", "-q", "-a", "-m", "KVM: arm64: Move the memory type decision into a function");
		KernelTree.git(repo, "config", "user.name", "Mapl Tester");
		KernelTree.git(repo, "config", "user.email", "tester@example.org");
		return repo;
	}

	static List<Path> files(Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.sorted().toList();
		}
	}

	/** The subject header, unfolded. */
	static String subject(String mail) {
		Matcher m = Pattern.compile("(?m)^Subject: (.*(?:\\n .*)*)$").matcher(mail);
		assertTrue(m.find(), mail);
		return m.group(1).replace("\n ", " ");
	}

	@Test
	void aRerolledRfcSeriesWithCoverLetterIsWhatGitFormatPatchWrites() throws IOException {
		Path series = seriesPolicies(dir);
		Path repo = markedTree();
		String base = KernelTree.git(repo, "rev-parse", "HEAD").strip();
		Path out = dir.resolve("out");
		MaplRun r = MaplRun.of("patch", series.toString(), "--kernel-tree", repo.toString(), "-s", "--kunit",
				"--cover-letter", "-v2", "--rfc", "--base=auto", "--cc", "Reviewer <reviewer@example.org>", "-o",
				out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		List<Path> mails = files(out);
		assertEquals(4, mails.size(), mails.toString());
		assertEquals(mails.stream().map(Path::toString).toList(), List.of(r.out().strip().split("\n")),
				"stdout lists the files, as git format-patch -o does");

		// Subjects: [RFC PATCH v2 n/3], the parts in review order.
		List<String> subjects = new ArrayList<>();
		for (Path m : mails) {
			subjects.add(subject(Files.readString(m)));
		}
		assertEquals(List.of("[RFC PATCH v2 0/3] KVM: arm64: Generate kvm_s2_slot_ok() and kvm_s2_fault_memtype()",
				"[RFC PATCH v2 1/3] KVM: arm64: Add stage2_slot.h generated from series.mapl",
				"[RFC PATCH v2 2/3] KVM: arm64: Generate kvm_s2_fault_memtype() in mmu.c from series.mapl",
				"[RFC PATCH v2 3/3] KVM: arm64: Add KUnit tests for stage2_slot.h"), subjects);

		// Recipients: what the tree's MAINTAINERS says for arch/arm64/kvm, plus --cc.
		String maintainers = Files.readString(repo.resolve("MAINTAINERS"));
		String section = maintainers.substring(maintainers.indexOf("\nKERNEL VIRTUAL MACHINE FOR ARM64 (KVM/arm64)\n"));
		section = section.substring(0, section.indexOf("\n\n"));
		List<String> kvmMaintainers = new ArrayList<>();
		Matcher m = Pattern.compile("(?m)^M:\t(.*)$").matcher(section);
		while (m.find()) {
			kvmMaintainers.add(m.group(1));
		}
		assertTrue(kvmMaintainers.contains("Marc Zyngier <maz@kernel.org>"), section);
		assertTrue(section.contains("\nL:\tkvmarm@lists.linux.dev\n"), section);
		for (Path p : mails) {
			String mail = Files.readString(p);
			String to = mail.substring(mail.indexOf("\nTo: "), mail.indexOf("\nCc: "));
			String cc = mail.substring(mail.indexOf("\nCc: "), mail.indexOf("\n\n"));
			for (String maintainer : kvmMaintainers) {
				assertTrue(to.contains(maintainer), p + ": " + maintainer + " is not in To:" + to);
			}
			assertTrue(cc.contains("    kvmarm@lists.linux.dev"), p + cc);
			assertTrue(cc.startsWith("\nCc: Reviewer <reviewer@example.org>,\n"), p + cc);
			assertFalse(to.contains("kvmarm@"), "lists go to Cc:" + to);
		}

		// The cover letter carries the tables and the base; the patches carry the sign-off.
		String cover = Files.readString(mails.get(0));
		assertTrue(cover.contains("Policy kvm.v6_12.fault (the first matching rule decides)"), cover);
		assertTrue(cover.contains("\n\nbase-commit: " + base + "\n-- \nmapl 0.1.0\n"), cover);
		for (Path p : mails.subList(1, 4)) {
			String mail = Files.readString(p);
			assertTrue(mail.contains("\nSigned-off-by: Mapl Tester <tester@example.org>\n---\n"), mail);
			assertFalse(mail.contains("base-commit:"), "with a cover letter, only it has the base");
		}

		// Patch by patch: each applies with git am and has nothing checkpatch --strict objects to.
		for (Path p : mails.subList(1, 4)) {
			KernelCTest.assertPatchClean(p, true);
			KernelTree.git(repo, "am", "-q", p.toString());
		}
		assertEquals("", KernelTree.git(repo, "status", "--porcelain"));
		String region = Files.readString(repo.resolve(Arm64Tree.MMU));
		assertTrue(region.contains("static inline int __kvm_s2_fault_memtype("), "the region is generated");
		assertTrue(Files.readString(repo.resolve("arch/arm64/kvm/Makefile")).contains("stage2_slot_test.o"));

		// git format-patch on the applied commits names the files alike and writes the same cover
		// letter shortlog, diffstat and base-commit trailer.
		Path gitOut = dir.resolve("git-out");
		KernelTree.git(repo, "format-patch", "-q", "--cover-letter", "-v2", "--rfc", "--base=" + base, "-o",
				gitOut.toString(), base + "..HEAD");
		assertEquals(mails.stream().map(p -> p.getFileName().toString()).toList(),
				files(gitOut).stream().map(p -> p.getFileName().toString()).toList());
		String gitCover = Files.readString(files(gitOut).get(0));
		String shortlog = "Mapl Tester (3):\n";
		assertEquals(gitCover.substring(gitCover.indexOf(shortlog), gitCover.indexOf("\n\n", gitCover.indexOf(shortlog))),
				cover.substring(cover.indexOf(shortlog), cover.indexOf("\n\n", cover.indexOf(shortlog))));
		// The same files in the cover letter's diffstat as git's. Every diffstat counts what the
		// diffs change, as `git apply --numstat` reads them from the mails: git's own re-diff of
		// mmu.c after `git am` is one line longer on each side (its xdiff discards frequent lines
		// such as `}` before Myers and is then not minimal), so its numbers for mmu.c differ.
		Pattern statLine = Pattern.compile("(?m)^ (\\S+) +\\| ");
		assertEquals(statLine.matcher(gitCover).results().map(x -> x.group(1)).toList(),
				statLine.matcher(cover).results().map(x -> x.group(1)).toList());
		java.util.Map<String, int[]> perFile = new java.util.TreeMap<>();
		for (int i = 1; i < 4; i++) {
			java.util.Map<String, int[]> numstat = new java.util.TreeMap<>();
			for (String l : KernelTree.git(repo, "apply", "--numstat", mails.get(i).toString()).split("\n")) {
				String[] f = l.split("\t");
				numstat.put(f[2], new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])});
				perFile.merge(f[2], numstat.get(f[2]), (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
			}
			assertEquals(counts(numstat), counts(diffstat(Files.readString(mails.get(i)))), mails.get(i).toString());
		}
		assertEquals(counts(perFile), counts(cover.substring(cover.indexOf("\n\n", cover.indexOf(shortlog)),
				cover.indexOf("\n\n\nbase-commit: "))));
		assertEquals(gitCover.substring(gitCover.indexOf("\n\n\nbase-commit: "), gitCover.indexOf("-- \n")),
				cover.substring(cover.indexOf("\n\n\nbase-commit: "), cover.indexOf("-- \n")));
		for (int i = 1; i < 4; i++) {
			assertEquals(subject(Files.readString(files(gitOut).get(i))), subjects.get(i));
		}
	}

	/** The diffstat of a patch mail: from the {@code ---} line to the first diff. */
	private static String diffstat(String mail) {
		int from = mail.indexOf("\n---\n");
		assertTrue(from > 0, mail);
		return mail.substring(from, mail.indexOf("\n\ndiff --git ", from));
	}

	/** {@code path total} per file and the summary line of a diffstat. */
	private static List<String> counts(String stat) {
		List<String> out = new ArrayList<>();
		Matcher m = Pattern.compile("(?m)^ (\\S+) +\\| +(\\d+)").matcher(stat);
		while (m.find()) {
			out.add(m.group(1) + " " + m.group(2));
		}
		Matcher summary = Pattern.compile("(?m)^ \\d+ files? changed.*$").matcher(stat);
		assertTrue(summary.find(), stat);
		out.add(summary.group());
		return out;
	}

	/** The same from {@code git apply --numstat}'s insertions and deletions per file. */
	private static List<String> counts(java.util.Map<String, int[]> numstat) {
		List<String> out = new ArrayList<>();
		int ins = 0;
		int del = 0;
		for (var e : numstat.entrySet()) {
			out.add(e.getKey() + " " + (e.getValue()[0] + e.getValue()[1]));
			ins += e.getValue()[0];
			del += e.getValue()[1];
		}
		int n = numstat.size();
		out.add(" " + n + (n == 1 ? " file changed" : " files changed")
				+ (ins > 0 || del == 0 ? ", " + ins + (ins == 1 ? " insertion(+)" : " insertions(+)") : "")
				+ (del > 0 || ins == 0 ? ", " + del + (del == 1 ? " deletion(-)" : " deletions(-)") : ""));
		return out;
	}

	/** Without a cover letter, git puts base-commit: after the last patch's diff, and so does mapl. */
	@Test
	void theBaseCommitTrailerIsWhereGitWritesIt() throws IOException {
		Path repo = markedTree();
		String base = KernelTree.git(repo, "rev-parse", "HEAD").strip();
		MaplRun r = MaplRun.of("patch", seriesPolicies(dir).toString(), "--kernel-tree", repo.toString(),
				"--signoff", "--base", base, "--no-get-maintainer");
		assertEquals(0, r.code(), r.err());
		String mbox = r.out();
		assertEquals(2, mbox.split("\nFrom 0000000000000000000000000000000000000000 ").length, "two patches");
		assertEquals(1, mbox.split("base-commit: ", -1).length - 1, mbox);
		assertFalse(mbox.contains("\nTo: ") || mbox.contains("\nCc: "), "--no-get-maintainer");
		Path all = dir.resolve("series.mbox");
		Files.writeString(all, mbox);
		KernelTree.git(repo, "am", "-q", all.toString());
		String git = KernelTree.git(repo, "format-patch", "--stdout", "--base=" + base, base + "..HEAD");
		assertTrue(git.contains("\nbase-commit: "), git);
		// After the last diff line, a blank line, the trailer, then the signature: in both.
		int from = git.indexOf("\n\nbase-commit: ");
		String gitTrailer = git.substring(from, git.indexOf("-- \n", from));
		String ours = mbox.substring(mbox.lastIndexOf("\n\nbase-commit: "));
		assertEquals(gitTrailer, ours.substring(0, ours.indexOf("-- \n")));
		int at = git.indexOf("\n\nbase-commit: ");
		assertFalse(git.substring(git.lastIndexOf("\n@@ ", at), at).contains("\n-- \n"), "right after a diff");
		assertTrue(at < git.indexOf("\nFrom ", 10) && mbox.indexOf("base-commit: ") < mbox.indexOf("\nFrom ", 10),
				"git writes the trailer after the first patch");
		assertTrue(ours.startsWith("\n\nbase-commit: " + base + "\n-- \n"), ours);
		// A base the touched files have moved on from is refused: the series would not apply to it.
		KernelTree.git(repo, "reset", "-q", "--hard", base);
		Files.writeString(repo.resolve(Arm64Tree.MMU), "/* edited */\n", java.nio.file.StandardOpenOption.APPEND);
		MaplRun dirty = MaplRun.of("patch", seriesPolicies(dir.resolve("again")).toString(), "--kernel-tree",
				repo.toString(), "-s", "--base", base, "--no-get-maintainer");
		assertEquals(1, dirty.code(), dirty.out());
		assertTrue(dirty.err().contains("arch/arm64/kvm/mmu.c"), dirty.err());
		assertTrue(dirty.err().contains("differ from commit " + base.substring(0, 12)), dirty.err());
		assertEquals("", dirty.out());
	}

	/** --check runs the tree's checkpatch: clean with a sign-off, exit 1 with its report without. */
	@Test
	void checkRunsTheTreesCheckpatchAndCanFail() throws IOException {
		Path repo = markedTree();
		Path series = seriesPolicies(dir);
		MaplRun clean = MaplRun.of("patch", series.toString(), "--kernel-tree", repo.toString(), "-s", "--kunit",
				"--check", "-o", dir.resolve("ok").toString());
		assertEquals(0, clean.code(), clean.err());
		assertTrue(clean.err().contains("checkpatch --strict: no errors or warnings in 3 patches"), clean.err());
		MaplRun unsigned = MaplRun.of("patch", series.toString(), "--kernel-tree", repo.toString(), "--check",
				"--no-get-maintainer");
		assertEquals(1, unsigned.code(), unsigned.err());
		assertTrue(unsigned.err().contains("ERROR:MISSING_SIGN_OFF: Missing Signed-off-by: line(s)"), unsigned.err());
		assertTrue(unsigned.err().contains("checkpatch --strict: 2 of 2 patches have errors or warnings"),
				unsigned.err());
	}

	@Test
	void optionsAreGitFormatPatchs() throws IOException {
		Path repo = markedTree();
		Path series = seriesPolicies(dir);
		// -s before FILE leaves FILE alone; an explicit identity is also the author.
		MaplRun s = MaplRun.of("patch", "-s", series.toString(), "--kernel-tree", repo.toString(),
				"--no-get-maintainer", "--subject-prefix", "PATCH kvmarm");
		assertEquals(0, s.code(), s.err());
		assertTrue(s.out().contains("\nSubject: [PATCH kvmarm 1/2] KVM: arm64: Add stage2_slot.h generated"), s.out());
		MaplRun ident = MaplRun.of("patch", series.toString(), "--kernel-tree", repo.toString(),
				"--signoff=Ann Other <ann@example.org>", "--no-get-maintainer", "--to", "maz@kernel.org");
		assertEquals(0, ident.code(), ident.err());
		assertTrue(ident.out().startsWith("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
				+ "From: Ann Other <ann@example.org>\nSubject: [PATCH 1/2] "), ident.out());
		assertTrue(ident.out().contains("\nTo: maz@kernel.org\n\n"), ident.out());
		assertTrue(ident.out().contains("\nSigned-off-by: Ann Other <ann@example.org>\n"), ident.out());
		for (String[] bad : List.of(new String[] {"-o", dir.resolve("one.patch").toString()},
				new String[] {"--signoff=me"}, new String[] {"--to", "nobody"}, new String[] {"--base", "nope"})) {
			List<String> args = new ArrayList<>(List.of("patch", series.toString(), "--kernel-tree", repo.toString()));
			args.addAll(List.of(bad));
			MaplRun r = MaplRun.of(args.toArray(String[]::new));
			assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
			assertEquals(1, r.err().strip().split("\n").length, r.err());
			assertEquals("", r.out());
		}
	}
}
