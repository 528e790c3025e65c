package dev.mapl.cli;

import dev.mapl.dsl.compile.SourceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel tree's own tools, run as a kernel developer runs them before sending a series: git
 * (identity and base commit), {@code scripts/get_maintainer.pl} (recipients, with the options b4
 * uses) and {@code scripts/checkpatch.pl --strict}. MAPL reimplements none of them: the tree's
 * MAINTAINERS file and coding rules are the tree's business.
 */
final class KernelTools {

	/** b4's options: no git history, no role statistics; maintainers and reviewers, or lists. */
	static final List<String> GET_MAINTAINER = List.of("--nogit", "--nogit-fallback", "--nogit-chief-penguins",
			"--norolestats");
	private static final Pattern TOTAL = Pattern.compile("total: (\\d+) errors?, (\\d+) warnings?, (?:(\\d+) checks?, )?");
	private static final Pattern FINDING = Pattern.compile("(?m)^(?:\\S+:\\d+: )?(ERROR|WARNING|CHECK):(\\w+):");
	private static final long TIMEOUT_SECONDS = 120;

	private final Path tree;

	KernelTools(Path tree) {
		this.tree = tree;
	}

	record Result(int code, String out) {
	}

	/** The recipients of a series: maintainers and reviewers to {@code To:}, lists to {@code Cc:}. */
	record Recipients(List<String> to, List<String> cc) {
	}

	boolean hasGetMaintainer() {
		return Files.isRegularFile(tree.resolve("scripts/get_maintainer.pl"));
	}

	/** {@code scripts/get_maintainer.pl} on the patches, once for {@code To:} and once for {@code Cc:}. */
	Recipients recipients(List<Path> patches) {
		List<String> to = addresses(getMaintainer("--nol", patches));
		List<String> cc = new ArrayList<>();
		for (String a : addresses(getMaintainer("--nom", patches))) {
			if (!to.contains(a)) {
				cc.add(a);
			}
		}
		return new Recipients(to, cc);
	}

	private String getMaintainer(String which, List<Path> patches) {
		List<String> cmd = new ArrayList<>(List.of("perl", "scripts/get_maintainer.pl"));
		cmd.addAll(GET_MAINTAINER);
		cmd.add(which);
		patches.forEach(p -> cmd.add(p.toAbsolutePath().toString()));
		Result r = run(cmd);
		if (r.code() != 0) {
			throw new UserError("scripts/get_maintainer.pl failed in " + SourceFiles.display(tree) + ": "
					+ firstLine(r.out()) + " (give --no-get-maintainer to skip it)", Main.FAILED);
		}
		return r.out();
	}

	private static List<String> addresses(String out) {
		List<String> list = new ArrayList<>();
		for (String l : out.split("\n")) {
			String a = l.strip();
			if (a.contains("@") && !list.contains(a)) {
				list.add(a);
			}
		}
		return list;
	}

	/**
	 * What {@code scripts/checkpatch.pl --strict} says of one patch: its findings by type
	 * ({@code WARNING:FILE_PATH_CHANGES}) and the whole report.
	 */
	record Checked(Path patch, List<String> findings, String report) {

		/**
		 * No error and no warning, but for checkpatch's question whether MAINTAINERS needs updating,
		 * which it asks of every new file: a generated file belongs to the maintainers of its folder,
		 * whom get_maintainer.pl names.
		 */
		boolean clean() {
			return findings.stream().allMatch(f -> f.startsWith("CHECK:") || f.equals("WARNING:FILE_PATH_CHANGES"));
		}
	}

	Checked checkpatch(Path patch) {
		if (!Files.isRegularFile(tree.resolve("scripts/checkpatch.pl"))) {
			throw new UserError("--check runs scripts/checkpatch.pl, which " + SourceFiles.display(tree) + " does not have");
		}
		Result r = run(List.of("perl", "scripts/checkpatch.pl", "--strict", "--color=never", "--showfile",
				"--show-types", patch.toAbsolutePath().toString()));
		if (!TOTAL.matcher(r.out()).find()) {
			throw new UserError("scripts/checkpatch.pl gave no verdict on " + patch.getFileName() + ": "
					+ firstLine(r.out()), Main.FAILED);
		}
		List<String> findings = new ArrayList<>();
		Matcher m = FINDING.matcher(r.out());
		while (m.find()) {
			findings.add(m.group(1) + ":" + m.group(2));
		}
		return new Checked(patch, findings, r.out().strip());
	}

	/** {@code Name <mail>} of git's configuration in the tree, or null. */
	String identity() {
		String name = gitValue("config", "user.name");
		String mail = gitValue("config", "user.email");
		return name == null || mail == null ? null : name + " <" + mail + ">";
	}

	/** The full commit id of {@code rev} in the tree ({@code auto}: the tree's HEAD). */
	String commit(String rev) {
		String top = gitValue("rev-parse", "--show-toplevel");
		try {
			if (top == null || !Path.of(top).toRealPath().equals(tree.toRealPath())) {
				throw new UserError("--base needs the kernel tree to be a git repository: " + SourceFiles.display(tree)
						+ " is not the top of one");
			}
		} catch (IOException e) {
			throw new UserError("cannot read `" + SourceFiles.display(tree) + "`: " + e.getMessage());
		}
		String id = gitValue("rev-parse", "--verify", "--quiet", ("auto".equals(rev) ? "HEAD" : rev) + "^{commit}");
		if (id == null) {
			throw new UserError("--base " + rev + ": " + SourceFiles.display(tree) + " has no such commit"
					+ ("auto".equals(rev) ? " (it is not a git repository with a commit)" : ""));
		}
		return id;
	}

	/**
	 * The files among {@code paths} whose content in the tree is not what {@code commit} has: a series
	 * made from them would not apply to that commit.
	 */
	List<String> differFrom(String commit, List<String> paths) {
		List<String> out = new ArrayList<>();
		// Uncommitted and untracked changes (porcelain lines are "XY path") ...
		for (String l : run(concat(List.of("git", "status", "--porcelain", "--untracked-files=all", "--"), paths))
				.out().split("\n")) {
			if (l.length() > 3 && !out.contains(l.substring(3))) {
				out.add(l.substring(3));
			}
		}
		// ... and commits after the base.
		for (String l : run(concat(List.of("git", "diff", "--name-only", commit, "--"), paths)).out().split("\n")) {
			if (!l.isBlank() && !out.contains(l.strip())) {
				out.add(l.strip());
			}
		}
		return out;
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private String gitValue(String... args) {
		List<String> cmd = new ArrayList<>(List.of("git"));
		cmd.addAll(List.of(args));
		Result r = run(cmd);
		String out = r.out().strip();
		return r.code() != 0 || out.isEmpty() ? null : out;
	}

	private Result run(List<String> cmd) {
		try {
			Path log = Files.createTempFile("mapl-tool-", ".out");
			try {
				Process p = new ProcessBuilder(cmd).directory(tree.toFile()).redirectErrorStream(true)
						.redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
						.start();
				if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
					p.destroyForcibly();
					throw new UserError("`" + String.join(" ", cmd.subList(0, 2)) + "` did not finish within "
							+ TIMEOUT_SECONDS + " s", Main.FAILED);
				}
				return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
			} finally {
				Files.deleteIfExists(log);
			}
		} catch (IOException e) {
			throw new UserError("cannot run `" + cmd.get(0) + "`: " + e.getMessage());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new UserError("interrupted while running `" + cmd.get(0) + "`");
		}
	}

	private static String firstLine(String s) {
		String t = s.strip();
		int nl = t.indexOf('\n');
		return nl < 0 ? t : t.substring(0, nl);
	}
}
