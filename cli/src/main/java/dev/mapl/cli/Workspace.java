package dev.mapl.cli;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.RelatedFiles;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How the CLI turns paths into one model: the named files and folders, plus the other MAPL files
 * beside each named file, so that a policy file finds the shared declarations next to it.
 */
final class Workspace {

	private Workspace() {
	}

	static List<Path> filesFor(List<Path> paths) {
		try {
			TreeSet<Path> all = new TreeSet<>(SourceFiles.collect(paths));
			for (Path p : paths) {
				if (Files.isRegularFile(p)) {
					Path dir = p.toAbsolutePath().normalize().getParent();
					try (Stream<Path> siblings = Files.list(dir)) {
						siblings.filter(f -> f.toString().endsWith(SourceFiles.EXTENSION) && Files.isRegularFile(f))
								.forEach(f -> all.add(f.toAbsolutePath().normalize()));
					}
				}
			}
			return new ArrayList<>(all);
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		} catch (IOException | UncheckedIOException e) {
			throw new UserError("cannot read: " + e.getMessage());
		}
	}

	/** The named files with every file read for them validated and lowered: one model of all of them. */
	static Compilation compile(List<Path> paths) {
		try {
			return MaplCompiler.create().compile(filesFor(paths)).withRequested(SourceFiles.collect(paths));
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		}
	}

	/**
	 * The named files, validated and lowered with only the files they depend on. Of the other files
	 * beside them, those that may matter are read for their declarations (their errors do not matter
	 * here); those that cannot, by their words, are read only when there are errors to report
	 * ({@link RelatedFiles}, which runs before {@link MaplCompiler#create()}: while the command
	 * line's second thread is still creating the injector).
	 */
	static Compilation compileNamed(List<Path> paths) {
		try {
			List<Path> named = SourceFiles.collect(paths);
			List<Path> files = filesFor(paths);
			List<Path> related = RelatedFiles.of(files, named);
			return MaplCompiler.create().compile(files, related, named);
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		}
	}

	/** Compiles, and on errors prints them and stops with exit code 1. */
	static Model modelOrFail(List<Path> paths, PrintWriter err) {
		Compilation c = compile(paths);
		if (c.hasErrors() || c.model().isEmpty()) {
			c.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
					.forEach(d -> err.println(d.render()));
			throw new UserError("the input has errors; fix them first (see `mapl check`)", Main.FAILED);
		}
		return c.model().get();
	}

	/**
	 * The named policy, by qualified or simple name, preferring those declared in {@code file} (its
	 * siblings are read too, and several versions of a policy may share a simple name); or the only
	 * policy of that file.
	 */
	static Policy policy(Model model, String name, Path file) {
		String shown = SourceFiles.display(file);
		List<Policy> inFile = model.policies().stream().filter(p -> p.span().file().equals(shown)).toList();
		List<Policy> candidates = inFile.isEmpty() ? model.policies() : inFile;
		if (name == null) {
			if (candidates.size() == 1) {
				return candidates.get(0);
			}
			throw new UserError("choose a policy with `--policy NAME`: " + names(candidates));
		}
		for (List<Policy> scope : List.of(candidates, model.policies())) {
			List<Policy> exact = scope.stream().filter(p -> p.name().equals(name)).toList();
			if (exact.size() == 1) {
				return exact.get(0);
			}
			List<Policy> simple = scope.stream().filter(p -> p.simpleName().equals(name)).toList();
			if (simple.size() == 1) {
				return simple.get(0);
			}
			if (simple.size() > 1) {
				throw new UserError("`" + name + "` is ambiguous: " + names(simple));
			}
		}
		throw new UserError("no policy `" + name + "`; the policies are " + names(candidates));
	}

	private static String names(List<Policy> policies) {
		if (policies.isEmpty()) {
			return "(none declared)";
		}
		return String.join(", ", policies.stream().map(p -> "`" + p.name() + "`").toList());
	}
}
