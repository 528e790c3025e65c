package dev.mapl.cli;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.dsl.validation.IssueCodes;
import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.CEmitException;
import dev.mapl.emit.c.Provenance;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import dev.mapl.output.OutputFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mapl compile FILE... [--c-out DIR] [--kunit-out DIR] [--c-style branches|table]}: the
 * code generators. Each output option selects one backend; a backend is one method of this class
 * that takes the checked model and the targets declared in the named files.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
		description = {"Generate Java, kernel C and KUnit suites from MAPL files.",
				"From the policies and `target` sections of the named files (the files beside them are read "
						+ "for shared declarations):",
				"--java-out DIR: one dependency-free Java 17 class per policy, below DIR by package.",
				"--c-out DIR: a kernel C header per target file, or the marked region of an existing file, at "
						+ "paths relative to DIR (usually a kernel tree).",
				"--kunit-out DIR: a KUnit suite beside each header; prints the Kconfig and Makefile lines it needs.",
				"Files are rewritten only when their content changes. Exit 0 on success, 1 when the input has "
						+ "errors, 2 for usage or I/O problems."})
final class CompileCommand implements Callable<Integer> {

	enum CStyle {
		branches, table
	}

	enum JavaStyle {
		auto, table, branches
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "FILE", description = "MAPL files or folders with `target` sections")
	List<Path> files;

	@Option(names = "--c-out", paramLabel = "DIR", description = "write kernel C headers below DIR")
	Path cOut;

	@Option(names = "--kunit-out", paramLabel = "DIR", description = "write KUnit suites below DIR")
	Path kunitOut;

	@Option(names = "--java-out", paramLabel = "DIR", description = "write one Java class per policy below DIR")
	Path javaOut;

	@Option(names = "--java-package", paramLabel = "PKG",
			description = "the Java package of the classes (default: the MAPL file's package)")
	String javaPackage;

	@Option(names = "--java-style", paramLabel = "STYLE",
			description = "auto (default: a lookup table when the facts fit " + dev.mapl.emit.java.JavaEmitter.TABLE_THRESHOLD_BITS
					+ " bits, else branches), table or branches")
	JavaStyle javaStyle;

	@Option(names = "--c-style", paramLabel = "STYLE",
			description = "branches (nested if/else) or table (a lookup table); default: each target's `style`")
	CStyle cStyle;

	@Override
	public Integer call() {
		if (cOut == null && kunitOut == null && javaOut == null) {
			throw new UserError("nothing to generate: give --java-out DIR, --c-out DIR and/or --kunit-out DIR");
		}
		PrintWriter out = spec.commandLine().getOut();
		Model model = checkedModel(files, spec.commandLine().getErr());
		if (javaOut != null) {
			emitJava(model, out);
		}
		if (cOut == null && kunitOut == null) {
			return Main.OK;
		}
		List<CTarget> targets = cTargetsDeclaredIn(model, files);
		if (targets.isEmpty()) {
			throw new UserError("no `target c` section in " + shown(files) + "; nothing to compile", Main.FAILED);
		}
		Path root = repoRoot(model, targets);
		Provenance provenance = new Provenance(f -> repoPath(f, root), cOut == null ? "<linux>" : outDir(cOut, root),
				kunitOut == null ? "<linux>" : outDir(kunitOut, root), "./mapl");
		CBackend backend = new CBackend(model, Optional.ofNullable(cStyle).map(s -> CTarget.Style.valueOf(s.name()
				.toUpperCase(java.util.Locale.ROOT))), provenance);
		try {
			if (cOut != null) {
				emitC(backend, targets, cOut, out);
			}
			if (kunitOut != null) {
				emitKunit(backend, targets, kunitOut, out);
			}
		} catch (CEmitException e) {
			throw emitError(e);
		}
		return Main.OK;
	}

	// ---- backends

	/** One class per policy declared in the named files; plain Java 17, no runtime dependency. */
	private void emitJava(Model model, PrintWriter out) {
		Set<String> named = namedFiles(files);
		List<dev.mapl.ir.Policy> policies = model.policies().stream().filter(p -> named.contains(p.span().file())).toList();
		if (policies.isEmpty()) {
			throw new UserError("no policy in " + shown(files) + "; nothing to compile", Main.FAILED);
		}
		Path root = repoRoot(Path.of(policies.get(0).span().file()));
		dev.mapl.emit.java.JavaEmitter.Style style = javaStyle == null ? dev.mapl.emit.java.JavaEmitter.Style.AUTO
				: dev.mapl.emit.java.JavaEmitter.Style.valueOf(javaStyle.name().toUpperCase(java.util.Locale.ROOT));
		List<String> sources = new ArrayList<>(named.stream().map(f -> repoPath(f, root)).toList());
		String command = dev.mapl.emit.java.JavaEmitter.command(sources, javaOutShown(root), javaPackage, style);
		var options = dev.mapl.emit.java.JavaEmitter.Options.of(command).withStyle(style).withPackage(javaPackage)
				.withSourcePath(f -> repoPath(f, root));
		// The validator keeps classes of one MAPL package apart; --java-package puts all in one.
		dev.mapl.emit.java.JavaEmitter.fileClash(policies, javaPackage).ifPresent(c -> {
			String path = dev.mapl.emit.java.JavaEmitter.path(c[1].name(), javaPackage);
			throw UserError.at(new Diagnostic(Diagnostic.Severity.ERROR, "mapl.output.clash", "policy `" + c[1].name()
					+ "` compiles to the Java file `" + path + "`, as policy `" + c[0].name() + "` does", "with --java-package "
					+ javaPackage + " every class is in one package: rename one of the policies", c[1].span(), null),
					Main.FAILED);
		});
		for (dev.mapl.ir.Policy p : policies) {
			dev.mapl.emit.java.JavaEmitter.JavaFile f;
			try {
				f = dev.mapl.emit.java.JavaEmitter.emit(model, p, options);
			} catch (dev.mapl.emit.java.JavaEmitException e) {
				throw new UserError(e.getMessage(), Main.FAILED);
			}
			boolean changed = write(javaOut.resolve(f.path()), f.content());
			out.println((changed ? "wrote " : "unchanged ") + SourceFiles.display(javaOut.resolve(f.path())) + " ("
					+ f.className() + ", " + f.style().name().toLowerCase(java.util.Locale.ROOT) + ")");
		}
	}

	private String javaOutShown(Path root) {
		Path abs = javaOut.toAbsolutePath().normalize();
		return abs.startsWith(root) && !abs.equals(root) ? root.relativize(abs).toString().replace('\\', '/') : "<dir>";
	}

	private static Set<String> namedFiles(List<Path> paths) {
		Set<String> named = new java.util.TreeSet<>();
		try {
			for (Path p : SourceFiles.collect(paths)) {
				named.add(SourceFiles.display(p));
			}
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		}
		return named;
	}

	private static void emitC(CBackend backend, List<CTarget> targets, Path dir, PrintWriter out) {
		List<CBackend.FileOutput> files = backend.emit(targets, path -> read(inside(dir, path, targets)));
		List<Path> paths = files.stream().map(f -> inside(dir, f.path(), targets)).toList();
		for (int i = 0; i < files.size(); i++) {
			boolean changed = write(paths.get(i), files.get(i).content());
			out.println((changed ? "wrote " : "unchanged ") + SourceFiles.display(paths.get(i)) + " ("
					+ String.join(", ", files.get(i).functions()) + ")");
		}
	}

	private static void emitKunit(CBackend backend, List<CTarget> targets, Path dir, PrintWriter out) {
		List<String> kconfig = new ArrayList<>();
		List<String> makefile = new ArrayList<>();
		for (var e : backend.byFile(targets).entrySet()) {
			if (e.getValue().get(0).region().isPresent()) {
				out.println("skipped " + e.getKey() + ": its functions live in a marked region of a .c file, which a "
						+ "KUnit suite cannot include");
				continue;
			}
			var suite = backend.kunit(e.getKey(), e.getValue());
			Path file = inside(dir, suite.path(), e.getValue());
			boolean changed = write(file, suite.content());
			out.println((changed ? "wrote " : "unchanged ") + SourceFiles.display(file));
			kconfig.add(suite.kconfig());
			makefile.add("# " + suite.path().substring(0, Math.max(0, suite.path().lastIndexOf('/') + 1)) + "Makefile\n"
					+ suite.makefile());
		}
		if (!kconfig.isEmpty()) {
			out.println();
			out.println("Add to the Kconfig beside each suite:");
			out.println();
			kconfig.forEach(out::print);
			out.println();
			out.println("and to the Makefile:");
			out.println();
			makefile.forEach(out::print);
		}
	}

	// ---- shared with `mapl patch`

	/** What the C backend could not do, at the `target c` section concerned when it is known. */
	static UserError emitError(CEmitException e) {
		if (e.at().isEmpty()) {
			return new UserError(e.getMessage(), Main.FAILED);
		}
		return UserError.at(new Diagnostic(Diagnostic.Severity.ERROR, "mapl.c.emit", e.getMessage(), "", e.at().get(),
				null), Main.FAILED);
	}

	/** The model, or the errors printed and exit 1 (front end and policy analysis alike). */
	static Model checkedModel(List<Path> paths, PrintWriter err) {
		Compilation c = Workspace.compile(paths);
		List<Diagnostic> diagnostics = Checks.analyze(c).diagnostics();
		boolean errors = false;
		for (Diagnostic d : diagnostics) {
			if (d.severity() == Diagnostic.Severity.ERROR) {
				err.println(d.render());
				errors = true;
			}
		}
		if (errors || c.model().isEmpty()) {
			throw new UserError("the input has errors; fix them first (see `mapl check`)", Main.FAILED);
		}
		return c.model().get();
	}

	/** The C targets declared in the named files or folders (not in siblings read for declarations). */
	static List<CTarget> cTargetsDeclaredIn(Model model, List<Path> paths) {
		Set<String> named = new HashSet<>();
		try {
			for (Path p : SourceFiles.collect(paths)) {
				named.add(SourceFiles.display(p));
			}
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		}
		return model.cTargets().stream().filter(t -> named.contains(t.span().file())).toList();
	}

	static String shown(List<Path> paths) {
		return String.join(", ", paths.stream().map(p -> "`" + SourceFiles.display(p) + "`").toList());
	}

	/**
	 * Where a generated file goes: {@code path} below {@code dir}, never out of it (through {@code ..}
	 * or a symbolic link); otherwise a diagnostic at the target that names the file.
	 */
	static Path inside(Path dir, String path, List<CTarget> targets) {
		try {
			return OutputFiles.resolveInside(dir, path);
		} catch (OutputFiles.UnsafePathException e) {
			CTarget at = targets.stream().filter(t -> path.equals(t.file()) || t.region().filter(path::equals).isPresent())
					.findFirst().orElse(targets.get(0));
			throw UserError.at(new Diagnostic(Diagnostic.Severity.ERROR, IssueCodes.C_BAD_PATH, e.getMessage(),
					"generated files stay inside the output folder `" + SourceFiles.display(dir) + "`", at.span(), null),
					Main.FAILED);
		}
	}

	/** Writes a generated file (see {@link OutputFiles#write}); whether it changed. */
	static boolean write(Path file, String content) {
		try {
			return OutputFiles.write(file, content);
		} catch (IOException e) {
			throw new UserError(e.getMessage());
		}
	}

	static Optional<String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UserError("cannot read `" + SourceFiles.display(file) + "`: " + e.getMessage());
		}
	}

	/**
	 * The repository the targets' sources live in: the nearest folder above them with a
	 * {@code .git}, or the working directory.
	 */
	static Path repoRoot(Model model, List<CTarget> targets) {
		return repoRoot(Path.of(targets.isEmpty() ? "" : targets.get(0).span().file()));
	}

	static Path repoRoot(Path source) {
		Path start = source.toAbsolutePath().normalize();
		for (Path d = start.getParent(); d != null; d = d.getParent()) {
			if (Files.exists(d.resolve(".git"))) {
				return d;
			}
		}
		return Path.of("").toAbsolutePath();
	}

	/** A source file as generated code names it: relative to the repository, never absolute. */
	static String repoPath(String spanFile, Path root) {
		Path abs = Path.of(spanFile).toAbsolutePath().normalize();
		Path shown = abs.startsWith(root) ? root.relativize(abs) : abs.getFileName();
		return shown.toString().replace('\\', '/');
	}

	/** An output folder as the regenerate command names it: repo-relative, or {@code <linux>} outside. */
	static String outDir(Path dir, Path root) {
		Path abs = dir.toAbsolutePath().normalize();
		if (abs.startsWith(root) && !abs.equals(root)) {
			return root.relativize(abs).toString().replace('\\', '/');
		}
		return "<linux>";
	}
}
