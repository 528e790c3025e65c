package dev.mapl.cli;

import dev.mapl.analysis.DiffAnalyzer;
import dev.mapl.analysis.PolicyDiff;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.CEmitException;
import dev.mapl.emit.c.Kbuild;
import dev.mapl.emit.c.KunitEmitter;
import dev.mapl.emit.c.PatchEmitter;
import dev.mapl.emit.c.PatchMail;
import dev.mapl.emit.c.PatchSeries;
import dev.mapl.emit.c.Provenance;
import dev.mapl.emit.c.UnifiedDiff;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapl patch FILE --kernel-tree DIR [-s] [-v N] [--rfc] [--cover-letter] [--base REV] [-o DIR]
 * ...}: the code generated from FILE's targets as a kernel patch series, with {@code git
 * format-patch}'s options and their meaning. The series is 1) the new or regenerated headers, 2) the
 * rewritten regions of existing files (the call sites), 3) with {@code --kunit}, the KUnit suites
 * with their Kconfig entries and Makefile lines; each part that changes anything is one patch. The
 * recipients come from the tree's {@code scripts/get_maintainer.pl}, and {@code --check} runs its
 * {@code scripts/checkpatch.pl --strict} on every patch.
 */
@Command(name = "patch", mixinStandardHelpOptions = true, sortOptions = false,
		description = {"Write FILE's `target c` code as a kernel patch series.",
				"`git format-patch` mails for the kernel tree DIR; apply them there with `git am`.",
				"Exit 0 on success, 1 when the input has errors, the tree is already up to date or --check "
						+ "finds problems, 2 for usage or I/O problems."})
final class PatchCommand implements Callable<Integer> {

	static final String VERSION = "mapl 0.1.0";
	private static final String IDENT = "[^<>\\n]+ <[^<>@\\s]+@[^<>\\s]+>";

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "the MAPL file with the `target c` sections")
	Path file;

	@Option(names = "--kernel-tree", paramLabel = "DIR", required = true, description = "the kernel tree to patch")
	Path tree;

	@Option(names = {"-s", "--signoff"}, arity = "0..1", paramLabel = "IDENT", parameterConsumer = SignoffConsumer.class,
			description = {"add Signed-off-by: with the tree's git identity (user.name and user.email), or with",
					"IDENT (`--signoff=\"Name <mail@example.org>\"`), who is then also the author"})
	String signoff;

	@Option(names = {"-v", "--reroll-count"}, paramLabel = "N", description = "mark the series as its N-th iteration: "
			+ "[PATCH vN 1/3], file names vN-0001-...")
	int rerollCount;

	@Option(names = "--rfc", description = "mark the series as a request for comments: [RFC PATCH ...]")
	boolean rfc;

	@Option(names = "--subject-prefix", paramLabel = "PREFIX", defaultValue = "PATCH",
			description = "the prefix in the subjects' brackets instead of PATCH")
	String subjectPrefix;

	@Option(names = "--cover-letter", description = "add a cover letter (0/N) with the decision tables, the behaviour "
			+ "change (--since) and the diffstat of the series")
	boolean coverLetter;

	@Option(names = "--to", paramLabel = "ADDRESS", description = "add a To: recipient (repeatable)")
	List<String> to = new ArrayList<>();

	@Option(names = "--cc", paramLabel = "ADDRESS", description = "add a Cc: recipient (repeatable)")
	List<String> cc = new ArrayList<>();

	@Option(names = "--no-get-maintainer", description = "do not add the recipients that the tree's "
			+ "scripts/get_maintainer.pl names (maintainers and reviewers to To:, lists to Cc:)")
	boolean noGetMaintainer;

	@Option(names = "--base", paramLabel = "REV", description = {"record the commit the series applies to in a "
			+ "base-commit: trailer, as `git format-patch --base` does",
			"(auto: the tree's HEAD); the files the series touches must be as that commit has them"})
	String base;

	@Option(names = "--since", paramLabel = "OLD.mapl",
			description = "the previous version of the policies: the messages state the exact behaviour change")
	Path since;

	@Option(names = {"-o", "--output-directory"}, paramLabel = "DIR",
			description = "write the mails as numbered files DIR/0001-....patch and print their names "
					+ "(default: the whole series to stdout, as `git format-patch --stdout`)")
	Path outputDirectory;

	@Option(names = "--kunit", description = "also add each header's KUnit suite, with its entry in the Kconfig and its "
			+ "line in the Makefile beside it (the series' last patch)")
	boolean kunit;

	@Option(names = "--check", description = "run the tree's scripts/checkpatch.pl --strict on every patch written; "
			+ "exit 1 on any error or warning")
	boolean check;

	/**
	 * {@code -s} takes the next argument as its IDENT unless that is an option or an existing file or
	 * folder, so {@code mapl patch -s FILE} keeps FILE as the file, as {@code git format-patch -s}
	 * would.
	 */
	static final class SignoffConsumer implements picocli.CommandLine.IParameterConsumer {
		@Override
		public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec,
				picocli.CommandLine.Model.CommandSpec commandSpec) {
			String value = "";
			if (!args.isEmpty() && !args.peek().startsWith("-") && !Files.exists(Path.of(args.peek()))) {
				value = args.pop();
			}
			argSpec.setValue(value);
		}
	}

	/** One part of the series, before it is a mail. */
	private record Part(List<UnifiedDiff.FileChange> changes, List<String> paths, List<Boolean> created,
			List<Boolean> regions, List<CTarget> targets) {

		Part() {
			this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		}
	}

	@Override
	public Integer call() {
		PrintWriter err = spec.commandLine().getErr();
		if (!Files.isDirectory(tree)) {
			throw new UserError("`" + SourceFiles.display(tree) + "` is not a folder (give the kernel tree with --kernel-tree)");
		}
		if (signoff != null && !signoff.isEmpty() && !signoff.matches(IDENT)) {
			throw new UserError("--signoff wants no value (the tree's git identity) or `Name <mail@example.org>`, not `"
					+ signoff + "`");
		}
		if (rerollCount < 0) {
			throw new UserError("--reroll-count wants a positive number, not " + rerollCount);
		}
		for (String a : concat(to, cc)) {
			if (a.isBlank() || a.contains("\n") || !a.contains("@")) {
				throw new UserError("--to and --cc want a mail address, not `" + a + "`");
			}
		}
		if (outputDirectory != null && (Files.isRegularFile(outputDirectory)
				|| outputDirectory.getFileName().toString().endsWith(".patch"))) {
			throw new UserError("-o names a folder for the numbered mails, as in `git format-patch -o DIR`; for one "
					+ "file, redirect the standard output");
		}
		KernelTools tools = new KernelTools(tree);
		Model model = CompileCommand.checkedModel(List.of(file), err);
		List<CTarget> targets = CompileCommand.cTargetsDeclaredIn(model, List.of(file));
		if (targets.isEmpty()) {
			throw new UserError("no `target c` section in " + CompileCommand.shown(List.of(file)) + "; nothing to patch",
					Main.FAILED);
		}
		Path root = CompileCommand.repoRoot(model, targets);
		Provenance provenance = new Provenance(f -> CompileCommand.repoPath(f, root), CompileCommand.outDir(tree, root),
				CompileCommand.outDir(tree, root), "./mapl");
		CBackend backend = new CBackend(model, Optional.empty(), provenance);
		String identity = signoff != null && !signoff.isEmpty() ? signoff : tools.identity();
		if (identity == null) {
			throw new UserError("the tree has no git user.name and user.email: set them, or give "
					+ "--signoff=\"Name <mail@example.org>\"");
		}
		try {
			Part headers = new Part();
			Part regions = new Part();
			var byFile = backend.byFile(targets);
			for (CBackend.FileOutput f : backend.emit(targets,
					path -> CompileCommand.read(CompileCommand.inside(tree, path, targets)))) {
				Optional<String> old = CompileCommand.read(CompileCommand.inside(tree, f.path(), targets));
				if (old.isPresent() && old.get().equals(f.content())) {
					continue;
				}
				Path existing = tree.resolve(f.path());
				String mode = Files.isRegularFile(existing) && Files.isExecutable(existing) ? "100755" : "100644";
				Part part = f.region() ? regions : headers;
				part.changes().add(new UnifiedDiff.FileChange(f.path(), old, f.content(), mode));
				part.paths().add(f.path());
				part.created().add(old.isEmpty());
				part.regions().add(f.region());
				part.targets().addAll(byFile.get(f.path()));
			}
			Part kunitPart = new Part();
			List<String> headerPaths = new ArrayList<>();
			List<KunitEmitter.Suite> suites = kunit ? addKunitSuites(backend, byFile, kunitPart, headerPaths) : List.of();
			if (headers.changes().isEmpty() && regions.changes().isEmpty() && kunitPart.changes().isEmpty()) {
				throw new UserError("`" + SourceFiles.display(tree) + "` already has the code generated from "
						+ CompileCommand.shown(List.of(file)) + "; nothing to patch", Main.FAILED);
			}
			List<CTarget> touched = new ArrayList<>();
			for (Part p : List.of(headers, regions, kunitPart)) {
				p.targets().stream().filter(t -> !touched.contains(t)).forEach(touched::add);
			}
			Optional<String> sinceName = Optional.empty();
			List<PatchEmitter.SinceChange> sinceChanges = new ArrayList<>();
			if (since != null) {
				sinceName = Optional.of(CompileCommand.repoPath(SourceFiles.display(since), root));
				sinceChanges = sinceChanges(model, touched, err);
			}
			List<PatchSeries.Patch> patches = new ArrayList<>();
			List<String> summaries = new ArrayList<>();
			for (Part p : List.of(headers, regions)) {
				if (p.changes().isEmpty()) {
					continue;
				}
				List<String> sources = sources(p.targets(), root);
				List<PatchEmitter.SinceChange> own = sinceChanges.stream()
						.filter(c -> p.targets().contains(c.target())).toList();
				String body = PatchEmitter.body(backend, p.targets(), p.paths(), p.created(), p.regions(), sources,
						sinceName, own);
				boolean region = p == regions;
				String subject = region
						? PatchEmitter.regionSubject(p.paths(), p.targets().stream().map(t -> t.function().name()).toList(),
								sources)
						: PatchEmitter.subject(p.paths(), p.created().stream().allMatch(c -> c), sources);
				patches.add(new PatchSeries.Patch(subject, body, p.changes()));
				summaries.add((region ? "replaces the marked regions of " : p.created().stream().allMatch(c -> c)
						? "adds " : "regenerates ") + String.join(", ", p.paths()) + ".");
			}
			if (!kunitPart.changes().isEmpty()) {
				patches.add(new PatchSeries.Patch(PatchEmitter.kunitSubject(headerPaths),
						PatchEmitter.kunitBody(suites, headerPaths, sources(kunitPart.targets(), root)),
						kunitPart.changes()));
				summaries.add("adds the KUnit tests of " + String.join(", ", headerPaths)
						+ " with their Kconfig entries and Makefile lines.");
			}
			List<String> allPaths = new ArrayList<>();
			patches.forEach(p -> p.changes().forEach(c -> allPaths.add(c.path())));
			Optional<String> baseCommit = Optional.empty();
			if (base != null) {
				String id = tools.commit(base);
				List<String> differ = tools.differFrom(id, allPaths);
				if (!differ.isEmpty()) {
					throw new UserError("--base " + base + ": " + String.join(", ", differ) + " in "
							+ SourceFiles.display(tree) + " differ from commit " + id.substring(0, 12)
							+ ", so the series would not apply to it; commit or drop those changes, or name the commit "
							+ "the tree is at", Main.FAILED);
				}
				baseCommit = Optional.of(id);
			}
			PatchSeries.Options options = new PatchSeries.Options(subjectPrefix, rfc, rerollCount, coverLetter);
			Optional<PatchSeries.Cover> cover = Optional.empty();
			if (coverLetter) {
				List<String> sources = sources(touched, root);
				cover = Optional.of(new PatchSeries.Cover(
						PatchEmitter.coverSubject(allPaths, touched.stream().map(t -> t.function().name()).toList(), sources),
						PatchEmitter.coverBlurb(backend, touched, sources, summaries, sinceName, sinceChanges)));
			}
			Optional<String> signedOff = signoff == null ? Optional.empty() : Optional.of(identity);
			PatchMail.Envelope envelope = new PatchMail.Envelope(identity, "PATCH", to, cc);
			List<PatchSeries.Mail> mails = PatchSeries.render(options, envelope, cover, patches, signedOff, baseCommit,
					VERSION);
			if (!noGetMaintainer) {
				if (tools.hasGetMaintainer()) {
					KernelTools.Recipients found = withTempFiles(mails, files -> tools.recipients(
							files.subList(coverLetter ? 1 : 0, files.size())));
					envelope = new PatchMail.Envelope(identity, "PATCH", merged(to, found.to(), List.of()),
							merged(cc, found.cc(), merged(to, found.to(), List.of())));
					mails = PatchSeries.render(options, envelope, cover, patches, signedOff, baseCommit, VERSION);
				} else {
					err.println("mapl: note: " + SourceFiles.display(tree) + " has no scripts/get_maintainer.pl; "
							+ "the mails have no recipients but those of --to and --cc");
				}
			}
			List<Path> written = write(mails);
			if (check) {
				return check(tools, written.isEmpty() ? null : written, mails, err);
			}
		} catch (CEmitException e) {
			throw CompileCommand.emitError(e);
		}
		return Main.OK;
	}

	/** The mails to stdout as one mbox, or as numbered files into the output directory. */
	private List<Path> write(List<PatchSeries.Mail> mails) {
		if (outputDirectory == null) {
			spec.commandLine().getOut().print(PatchSeries.mbox(mails));
			spec.commandLine().getOut().flush();
			return List.of();
		}
		List<Path> written = new ArrayList<>();
		for (PatchSeries.Mail m : mails) {
			Path f = outputDirectory.resolve(m.fileName());
			CompileCommand.write(f, m.text());
			written.add(f);
			spec.commandLine().getOut().println(SourceFiles.display(f));
		}
		return written;
	}

	/** checkpatch on every patch but the cover letter; exit 1 with its report when it finds anything. */
	private int check(KernelTools tools, List<Path> written, List<PatchSeries.Mail> mails, PrintWriter err) {
		List<KernelTools.Checked> results = written != null
				? written.subList(coverLetter ? 1 : 0, written.size()).stream().map(tools::checkpatch).toList()
				: withTempFiles(mails, files -> files.subList(coverLetter ? 1 : 0, files.size()).stream()
						.map(tools::checkpatch).toList());
		int problems = 0;
		for (KernelTools.Checked c : results) {
			if (!c.clean()) {
				err.println(c.report());
				problems++;
			}
		}
		err.println("checkpatch --strict: " + (problems == 0 ? "no errors or warnings" : problems + " of "
				+ results.size() + " patches have errors or warnings") + " in " + results.size()
				+ (results.size() == 1 ? " patch" : " patches"));
		return problems == 0 ? Main.OK : Main.FAILED;
	}

	/** Runs {@code use} on the mails written to a temporary folder, which is then removed. */
	private static <T> T withTempFiles(List<PatchSeries.Mail> mails, java.util.function.Function<List<Path>, T> use) {
		Path dir = null;
		try {
			dir = Files.createTempDirectory("mapl-patch-");
			List<Path> files = new ArrayList<>();
			for (PatchSeries.Mail m : mails) {
				Path f = dir.resolve(m.fileName());
				Files.writeString(f, m.text(), StandardCharsets.UTF_8);
				files.add(f);
			}
			return use.apply(files);
		} catch (IOException e) {
			throw new UserError("cannot write temporary files: " + e.getMessage());
		} finally {
			if (dir != null) {
				try (var s = Files.list(dir)) {
					for (Path f : s.toList()) {
						Files.deleteIfExists(f);
					}
					Files.deleteIfExists(dir);
				} catch (IOException e) {
					// a leftover temporary folder is harmless
				}
			}
		}
	}

	/** {@code first} then the addresses of {@code found} not in it nor in {@code except}. */
	private static List<String> merged(List<String> first, List<String> found, List<String> except) {
		List<String> out = new ArrayList<>(first);
		for (String a : found) {
			if (!out.contains(a) && !except.contains(a)) {
				out.add(a);
			}
		}
		return out;
	}

	private static List<String> concat(List<String> a, List<String> b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** The repo-relative MAPL files the targets are declared in, sorted. */
	private static List<String> sources(List<CTarget> targets, Path root) {
		Set<String> sources = new java.util.TreeSet<>();
		for (CTarget t : targets) {
			sources.add(CompileCommand.repoPath(t.span().file(), root));
		}
		return new ArrayList<>(sources);
	}

	/**
	 * The KUnit suite of each generated header, and the Kconfig entry and Makefile line it needs in
	 * its folder, as changes to the tree (none for what the tree already has); the suites that
	 * change anything, whose targets and headers join {@code part} and {@code headers}.
	 */
	private List<KunitEmitter.Suite> addKunitSuites(CBackend backend, java.util.Map<String, List<CTarget>> byFile,
			Part part, List<String> headers) {
		List<UnifiedDiff.FileChange> changes = part.changes();
		List<KunitEmitter.Suite> suites = new ArrayList<>();
		for (var e : byFile.entrySet()) {
			if (e.getValue().get(0).region().isPresent()) {
				continue; // a region of a .c file has no header for a suite to include
			}
			var suite = backend.kunit(e.getKey(), e.getValue());
			String dir = suite.path().substring(0, suite.path().lastIndexOf('/') + 1);
			boolean changed = change(changes, suite.path(), old -> suite.content());
			changed |= change(changes, dir + "Kconfig", old -> Kbuild.withKconfigEntry(
					old.orElseThrow(() -> missingKbuild(dir + "Kconfig", suite)), suite));
			changed |= change(changes, dir + "Makefile", old -> Kbuild.withMakefileLine(
					old.orElseThrow(() -> missingKbuild(dir + "Makefile", suite)), suite));
			if (changed) {
				suites.add(suite);
				headers.add(e.getKey());
				e.getValue().stream().filter(t -> !part.targets().contains(t)).forEach(part.targets()::add);
			}
		}
		return suites;
	}

	private UserError missingKbuild(String path, KunitEmitter.Suite suite) {
		return new UserError("`" + path + "` does not exist in " + SourceFiles.display(tree) + "; --kunit adds "
				+ suite.path() + " and its kbuild lines to the Kconfig and Makefile beside it", Main.FAILED);
	}

	/** Adds the change of one file of the tree to its new content; whether it changes. */
	private boolean change(List<UnifiedDiff.FileChange> changes, String path,
			java.util.function.Function<Optional<String>, String> content) {
		Optional<String> old = CompileCommand.read(tree.resolve(path));
		String now = content.apply(old);
		if (old.isPresent() && old.get().equals(now)) {
			return false;
		}
		changes.add(new UnifiedDiff.FileChange(path, old, now, "100644"));
		return true;
	}

	/** Each touched policy against the policy of the same simple name declared in the --since file. */
	private List<PatchEmitter.SinceChange> sinceChanges(Model model, List<CTarget> touched, PrintWriter err) {
		Model old = CompileCommand.checkedModel(List.of(since), err);
		String shown = SourceFiles.display(since);
		List<Policy> candidates = old.policies().stream().filter(p -> p.span().file().equals(shown)).toList();
		if (candidates.isEmpty()) {
			candidates = old.policies();
		}
		List<PatchEmitter.SinceChange> out = new ArrayList<>();
		Set<String> done = new LinkedHashSet<>();
		DiffAnalyzer analyzer = new DiffAnalyzer();
		for (CTarget t : touched) {
			if (!done.add(t.policy())) {
				continue;
			}
			Policy now = model.policies().stream().filter(p -> p.name().equals(t.policy())).findFirst().orElseThrow();
			List<Policy> same = candidates.stream().filter(p -> p.simpleName().equals(now.simpleName())).toList();
			if (same.size() != 1) {
				out.add(new PatchEmitter.SinceChange(t, Optional.empty(), same.isEmpty()
						? "the --since file declares no policy `" + now.simpleName() + "`"
						: "the --since file declares several policies `" + now.simpleName() + "`"));
				continue;
			}
			PolicyDiff d;
			try {
				d = analyzer.diff(old, same.get(0), model, now);
			} catch (IllegalArgumentException e) {
				throw new UserError("cannot compare with the --since file: " + e.getMessage(), Main.FAILED);
			}
			out.add(new PatchEmitter.SinceChange(t, Optional.of(d), same.get(0).name()));
		}
		return out;
	}
}
