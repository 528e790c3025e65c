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
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapl patch FILE --kernel-tree DIR [--base OLD.mapl] [--kunit] [--signoff "Name <mail>"] [-o OUT]}:
 * a {@code git format-patch} style mail that brings the generated code of FILE's targets into a
 * kernel tree (new or updated headers, replaced marked regions), with the decision tables and,
 * against a base version, the behaviour change in its message.
 */
@Command(name = "patch", mixinStandardHelpOptions = true,
		description = {"Write a patch (a `git format-patch` mail) that adds or updates the code",
				"generated from FILE's `target c` sections in a kernel tree; apply it there",
				"with `git am`. Exit 0 on success, 1 when the input has errors or the tree is",
				"already up to date, 2 for usage or I/O problems."})
final class PatchCommand implements Callable<Integer> {

	static final String VERSION = "mapl 0.1.0";

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "the MAPL file with the `target c` sections")
	Path file;

	@Option(names = "--kernel-tree", paramLabel = "DIR", required = true, description = "the kernel tree to patch")
	Path tree;

	@Option(names = "--base", paramLabel = "OLD.mapl",
			description = "the previous version of the policies: the message states the exact behaviour change")
	Path base;

	@Option(names = "--signoff", paramLabel = "\"NAME <MAIL>\"",
			description = "author and Signed-off-by identity (default: the tree's git identity, no sign-off)")
	String signoff;

	@Option(names = {"-o", "--output"}, paramLabel = "OUT.patch", description = "write the patch here (default: stdout)")
	Path output;

	@Option(names = "--kunit", description = "also add each header's KUnit suite, with its entry in the Kconfig and its "
			+ "line in the Makefile beside it")
	boolean kunit;

	@Override
	public Integer call() {
		PrintWriter err = spec.commandLine().getErr();
		if (!Files.isDirectory(tree)) {
			throw new UserError("`" + SourceFiles.display(tree) + "` is not a folder (give the kernel tree with --kernel-tree)");
		}
		if (signoff != null && !signoff.matches("[^<>\\n]+ <[^<>@\\s]+@[^<>\\s]+>")) {
			throw new UserError("--signoff wants `Name <mail@example.org>`, not `" + signoff + "`");
		}
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
		String author = signoff != null ? signoff : gitIdentity(tree);
		try {
			List<UnifiedDiff.FileChange> changes = new ArrayList<>();
			List<String> paths = new ArrayList<>();
			List<Boolean> created = new ArrayList<>();
			List<Boolean> regions = new ArrayList<>();
			List<CTarget> touched = new ArrayList<>();
			var byFile = backend.byFile(targets);
			for (CBackend.FileOutput f : backend.emit(targets,
					path -> CompileCommand.read(CompileCommand.inside(tree, path, targets)))) {
				Optional<String> old = CompileCommand.read(CompileCommand.inside(tree, f.path(), targets));
				if (old.isPresent() && old.get().equals(f.content())) {
					continue;
				}
				Path existing = tree.resolve(f.path());
				String mode = Files.isRegularFile(existing) && Files.isExecutable(existing) ? "100755" : "100644";
				changes.add(new UnifiedDiff.FileChange(f.path(), old, f.content(), mode));
				paths.add(f.path());
				created.add(old.isEmpty());
				regions.add(f.region());
				touched.addAll(byFile.get(f.path()));
			}
			List<KunitEmitter.Suite> suites = kunit ? addKunitSuites(backend, byFile, changes, touched) : List.of();
			if (changes.isEmpty()) {
				throw new UserError("`" + SourceFiles.display(tree) + "` already has the code generated from "
						+ CompileCommand.shown(List.of(file)) + "; nothing to patch", Main.FAILED);
			}
			Set<String> sources = new LinkedHashSet<>();
			for (CTarget t : touched) {
				sources.add(CompileCommand.repoPath(t.span().file(), root));
			}
			List<String> sourceList = new ArrayList<>(new java.util.TreeSet<>(sources));
			Optional<String> baseName = Optional.empty();
			List<PatchEmitter.BaseChange> baseChanges = new ArrayList<>();
			if (base != null) {
				baseName = Optional.of(CompileCommand.repoPath(SourceFiles.display(base), root));
				baseChanges = baseChanges(model, touched, err);
			}
			String body = PatchEmitter.body(backend, touched, paths, created, regions, sourceList, baseName,
					baseChanges, suites);
			String subject = regions.stream().allMatch(r -> r)
					? PatchEmitter.regionSubject(paths, touched.stream().map(t -> t.function().name()).toList(), sourceList)
					: PatchEmitter.subject(paths, created.stream().allMatch(c -> c), sourceList);
			String mail = new PatchMail(author, subject, body, Optional.ofNullable(signoff), changes, VERSION).render();
			if (output != null) {
				CompileCommand.write(output, mail);
				err.println("wrote " + SourceFiles.display(output) + ": " + subject);
			} else {
				spec.commandLine().getOut().print(mail);
			}
		} catch (CEmitException e) {
			throw CompileCommand.emitError(e);
		}
		return Main.OK;
	}

	/**
	 * The KUnit suite of each generated header, and the Kconfig entry and Makefile line it needs in
	 * its folder, as changes to the tree (none for what the tree already has); the suites that
	 * change anything, whose targets join {@code touched}.
	 */
	private List<KunitEmitter.Suite> addKunitSuites(CBackend backend, java.util.Map<String, List<CTarget>> byFile,
			List<UnifiedDiff.FileChange> changes, List<CTarget> touched) {
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
				e.getValue().stream().filter(t -> !touched.contains(t)).forEach(touched::add);
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

	/** Each touched policy against the policy of the same simple name declared in the base file. */
	private List<PatchEmitter.BaseChange> baseChanges(Model model, List<CTarget> touched, PrintWriter err) {
		Model old = CompileCommand.checkedModel(List.of(base), err);
		String shown = SourceFiles.display(base);
		List<Policy> candidates = old.policies().stream().filter(p -> p.span().file().equals(shown)).toList();
		if (candidates.isEmpty()) {
			candidates = old.policies();
		}
		List<PatchEmitter.BaseChange> out = new ArrayList<>();
		Set<String> done = new LinkedHashSet<>();
		DiffAnalyzer analyzer = new DiffAnalyzer();
		for (CTarget t : touched) {
			if (!done.add(t.policy())) {
				continue;
			}
			Policy now = model.policies().stream().filter(p -> p.name().equals(t.policy())).findFirst().orElseThrow();
			List<Policy> same = candidates.stream().filter(p -> p.simpleName().equals(now.simpleName())).toList();
			if (same.size() != 1) {
				out.add(new PatchEmitter.BaseChange(t, Optional.empty(), same.isEmpty()
						? "the base declares no policy `" + now.simpleName() + "`"
						: "the base declares several policies `" + now.simpleName() + "`"));
				continue;
			}
			PolicyDiff d;
			try {
				d = analyzer.diff(old, same.get(0), model, now);
			} catch (IllegalArgumentException e) {
				throw new UserError("cannot compare with the base: " + e.getMessage(), Main.FAILED);
			}
			out.add(new PatchEmitter.BaseChange(t, Optional.of(d), same.get(0).name()));
		}
		return out;
	}

	/** {@code Name <mail>} from git's configuration in the tree. */
	private static String gitIdentity(Path tree) {
		String name = git(tree, "user.name");
		String mail = git(tree, "user.email");
		if (name == null || mail == null) {
			throw new UserError("give --signoff \"Name <mail@example.org>\": the tree has no git user.name and user.email");
		}
		return name + " <" + mail + ">";
	}

	private static String git(Path tree, String key) {
		try {
			Process p = new ProcessBuilder("git", "-C", tree.toString(), "config", key).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
				return null;
			}
			return out;
		} catch (IOException e) {
			return null;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}
}
