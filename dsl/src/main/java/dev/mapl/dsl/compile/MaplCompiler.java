package dev.mapl.dsl.compile;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provider;
import dev.mapl.dsl.MaplStandaloneSetup;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.dsl.lowering.LoweringException;
import dev.mapl.dsl.validation.ContextFile;
import dev.mapl.dsl.validation.Help;
import dev.mapl.dsl.parser.InputLimits;
import dev.mapl.dsl.validation.IssueCodes;
import dev.mapl.dsl.validation.LimitValidator;
import dev.mapl.dsl.validation.MaplValidator;
import dev.mapl.ir.Model;
import dev.mapl.ir.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceFactory;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.diagnostics.Severity;

/**
 * The front half of the pipeline as one call: text -> AST -> validated -> IR. The CLI, the Maven
 * plugin and tests use it; the language server drives the same parts through Xtext.
 */
public class MaplCompiler {

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	@Inject
	private IResourceValidator validator;

	@Inject
	private Provider<Lowering> lowerings;

	@Inject
	private Injector injector;

	private static Injector shared;

	/**
	 * A compiler from MAPL's standalone setup with the {@link CompilerModule} (one injector per
	 * process).
	 */
	public static synchronized MaplCompiler create() {
		if (shared == null) {
			shared = new MaplStandaloneSetup() {
				@Override
				public Injector createInjector() {
					return CompilerModule.newInjector();
				}
			}.createInjectorAndDoEMFRegistration();
		}
		return shared.getInstance(MaplCompiler.class);
	}

	/**
	 * Makes now what the first compile would make whatever its files say: the grammar and the
	 * services of a resource (Guice makes them with its first resource), and the validators' check
	 * methods (Xtext collects them on the first validation). The CLI calls it on the thread that made
	 * the injector: the command's compile, which waits for the injector anyway, then waits only for
	 * the grammar, and parses while this collects the check methods. Safe to call while a compile
	 * runs: Guice makes each singleton once and Xtext the check methods once, each under a lock, so
	 * the compile waits for what it needs instead of making it again.
	 */
	public void prepare() {
		injector.getInstance(XtextResourceFactory.class).createResource(URI.createURI("prepare.mapl"));
		injector.getInstance(MaplValidator.class).prepare();
	}

	public Injector injector() {
		return injector;
	}

	/** The formatter of {@code mapl fmt} (made on first use, {@link CompilerModule}). */
	public SourceFormatter formatter() {
		return injector.getInstance(OnDemandServices.class).injector().getInstance(SourceFormatter.class);
	}

	/**
	 * Reads, validates and lowers the given MAPL files as one model.
	 *
	 * @throws SourceFiles.BadPathException for a path that is not a readable MAPL file
	 */
	public Compilation compile(List<Path> files) {
		return DeepStack.call(() -> compileHere(files, files));
	}

	/**
	 * Reads all {@code files} (their declarations are what names resolve against), but validates and
	 * lowers only the {@code named} ones and the files they depend on, transitively (their context).
	 * The named files get every diagnostic; a context file only its errors, which block lowering as
	 * they would in {@link #compile(List)}; the other files are not validated, so their errors do not
	 * matter. A context file is one that a named file's names resolve into, or whose model-level
	 * assumption names a fact of the context (it joins the policies that read that fact).
	 *
	 * @param named files among {@code files}; the result's {@link Compilation#requested()}
	 * @throws SourceFiles.BadPathException for a path that is not a readable MAPL file
	 */
	public Compilation compile(List<Path> files, List<Path> named) {
		return DeepStack.call(() -> compileHere(files, named)).withRequested(named);
	}

	/**
	 * As {@link #compile(List, List)} of {@code files}, reading only the {@code related} ones among
	 * them ({@link RelatedFiles#of}) unless that finds an unknown name; then all of them again: its
	 * help may suggest a name that any file declares ("did you mean"), so it is said exactly as
	 * reading every file says it. Every other diagnostic, error or not, is the same either way
	 * (RelatedFiles says why; RelatedFilesTest compares the two readings), so a file with only other
	 * errors, a syntax error say, is not read twice.
	 */
	public Compilation compile(List<Path> files, List<Path> related, List<Path> named) {
		if (related.size() < files.size()) {
			Compilation some = compile(related, named);
			if (some.diagnostics().stream().noneMatch(d -> d.code().equals(IssueCodes.UNKNOWN_NAME))) {
				return some;
			}
		}
		return compile(files, named);
	}

	private Compilation compileHere(List<Path> files, List<Path> named) {
		XtextResourceSet rs = resourceSets.get();
		rs.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8");
		List<XtextResource> resources = new ArrayList<>();
		Map<Resource, String> display = new HashMap<>();
		Map<String, List<Diagnostic>> loading = new LinkedHashMap<>(); // by displayed file
		Set<String> namedFiles = new HashSet<>();
		named.forEach(f -> namedFiles.add(SourceFiles.display(f)));
		for (Path f : files) {
			String shown = SourceFiles.display(f);
			Optional<Diagnostic> tooLarge = tooLarge(f);
			if (tooLarge.isPresent()) {
				// not read at all; the parser would say the same after reading it (InputLimits)
				loading.computeIfAbsent(shown, k -> new ArrayList<>()).add(tooLarge.get());
				continue;
			}
			SourceBytes source = read(f);
			XtextResource r = load(rs, f, source.parserText());
			source.malformed().ifPresent(d -> loading.computeIfAbsent(shown, k -> new ArrayList<>()).add(d));
			resources.add(r);
			display.put(r, shown);
		}
		Set<Resource> validated = new LinkedHashSet<>();
		Set<Resource> context = new HashSet<>();
		for (XtextResource r : resources) {
			if (namedFiles.contains(display.get(r))) {
				validated.add(r);
			}
		}
		if (validated.size() < resources.size()) {
			context = contextOf(validated, resources);
			validated.addAll(context);
		}
		List<Diagnostic> diagnostics = new ArrayList<>();
		loading.forEach((file, found) -> {
			if (namedFiles.contains(file) || display.entrySet().stream()
					.anyMatch(e -> e.getValue().equals(file) && validated.contains(e.getKey()))) {
				diagnostics.addAll(found);
			}
		});
		List<XtextResource> lowered = new ArrayList<>();
		for (XtextResource r : resources) {
			if (!validated.contains(r)) {
				continue;
			}
			boolean isContext = context.contains(r);
			if (isContext) {
				ContextFile.mark(r);
			}
			for (Issue issue : validator.validate(r, CheckMode.NORMAL_AND_FAST, CancelIndicator.NullImpl)) {
				if (!isContext || issue.getSeverity() == Severity.ERROR) {
					diagnostics.add(toDiagnostic(issue, display.get(r)));
				}
			}
			lowered.add(r);
		}
		diagnostics.sort(Diagnostic.ORDER);
		Optional<Model> model = Optional.empty();
		if (diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
			try {
				model = Optional.of(lowerings.get().lower(new ArrayList<>(lowered),
						r -> display.getOrDefault(r, r.getURI().toString())));
				if (model.get().facts().size() > LimitValidator.MAX_FACTS) {
					diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, IssueCodes.LIMIT_FACTS,
							"more than " + LimitValidator.MAX_FACTS + " facts are declared in these files",
							"split the model into packages; a policy reads only the facts it names",
							model.get().fact(LimitValidator.MAX_FACTS).span(), Map.of()));
					model = Optional.empty();
				}
			} catch (LoweringException e) {
				// Validation should have caught this; say so instead of failing obscurely.
				diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, "mapl.internal",
						"the model could not be lowered: " + e.getMessage(), "please report this with the input files",
						new SourceSpan(display.get(resources.get(0)), 0, 0, 1, 1), Map.of()));
			}
		}
		return new Compilation(files, resources, List.copyOf(diagnostics), model);
	}

	/**
	 * The files that {@code roots} depend on, transitively, roots excluded: those their resolved
	 * names point into, and those with a model-level assumption that names a fact of one of them
	 * or no fact at all (lowering joins such an assumption to every policy that reads its facts).
	 */
	private static Set<Resource> contextOf(Set<Resource> roots, List<XtextResource> all) {
		Set<Resource> files = new HashSet<>(all);
		Set<Resource> closure = new HashSet<>(roots);
		Deque<Resource> todo = new ArrayDeque<>(roots);
		List<XtextResource> withAssumptions = new ArrayList<>();
		for (XtextResource r : all) {
			if (!closure.contains(r) && !r.getContents().isEmpty()
					&& r.getContents().get(0) instanceof dev.mapl.dsl.mapl.Model m
					&& m.getElements().stream().anyMatch(dev.mapl.dsl.mapl.Assumption.class::isInstance)) {
				withAssumptions.add(r);
			}
		}
		while (!todo.isEmpty()) {
			while (!todo.isEmpty()) {
				Resource r = todo.pop();
				r.getAllContents().forEachRemaining(o -> dependOn(o, files, closure, todo));
			}
			for (var it = withAssumptions.iterator(); it.hasNext();) {
				XtextResource r = it.next();
				if (closure.contains(r)) {
					it.remove();
				} else if (assumesAbout(r, closure)) {
					it.remove();
					closure.add(r);
					todo.push(r);
				}
			}
		}
		closure.removeAll(roots);
		return closure;
	}

	/** Adds the files of {@code o}'s references (resolving them) to the closure, and to the work list when new. */
	private static void dependOn(EObject o, Set<Resource> files, Set<Resource> closure, Deque<Resource> todo) {
		for (EObject target : o.eCrossReferences()) {
			Resource t = target.eIsProxy() ? null : target.eResource();
			if (t != null && files.contains(t) && closure.add(t)) {
				todo.push(t);
			}
		}
	}

	/** Whether one of the file's model-level assumptions names a fact of {@code closure}, or no fact. */
	private static boolean assumesAbout(XtextResource r, Set<Resource> closure) {
		for (EObject e : ((dev.mapl.dsl.mapl.Model) r.getContents().get(0)).getElements()) {
			if (e instanceof dev.mapl.dsl.mapl.Assumption a) {
				boolean namesFact = false;
				for (var it = a.eAllContents(); it.hasNext();) {
					for (EObject target : it.next().eCrossReferences()) {
						if (target instanceof dev.mapl.dsl.mapl.Fact f) {
							namesFact = true;
							if (closure.contains(f.eResource())) {
								return true;
							}
						}
					}
				}
				if (!namesFact) {
					return true;
				}
			}
		}
		return false;
	}

	/** An error when the file is larger than a MAPL file may be (checked before reading it). */
	static Optional<Diagnostic> tooLarge(Path f) {
		long size;
		try {
			size = Files.size(f);
		} catch (IOException e) {
			return Optional.empty(); // reading it reports the problem
		}
		if (size <= InputLimits.MAX_FILE_CHARS) {
			return Optional.empty();
		}
		return Optional.of(new Diagnostic(Diagnostic.Severity.ERROR, IssueCodes.LIMIT_FILE_SIZE,
				"the file has " + size + " bytes, more than the " + InputLimits.MAX_FILE_CHARS + " a MAPL file may have",
				"split it into several files of one package", new SourceSpan(SourceFiles.display(f), 0, 0, 1, 1), Map.of()));
	}

	/**
	 * Parses one file on its own, for formatting: no linking, no validation (which must not run on
	 * the partial model of a broken file). Its syntax errors, or the error for bytes that are not
	 * UTF-8 (then it is not parsed at all: formatting it would write replacement characters).
	 */
	public ParsedFile parse(Path file) {
		return DeepStack.call(() -> parseHere(file));
	}

	private ParsedFile parseHere(Path file) {
		Optional<Diagnostic> tooLarge = tooLarge(file);
		if (tooLarge.isPresent()) {
			return new ParsedFile(file, null, null, List.of(tooLarge.get()));
		}
		SourceBytes source = read(file);
		String shown = SourceFiles.display(file);
		if (source.malformed().isPresent()) {
			return new ParsedFile(file, source, null, List.of(source.malformed().get()));
		}
		XtextResource r = load(resourceSets.get(), file, source.formatterText());
		List<Diagnostic> syntax = new ArrayList<>();
		for (Resource.Diagnostic d : r.getErrors()) {
			if (d instanceof XtextSyntaxDiagnostic s) {
				String[] data = s.getData();
				String help = data != null && data.length > 0 && data[0] != null ? data[0] : "";
				syntax.add(new Diagnostic(Diagnostic.Severity.ERROR, IssueCodes.SYNTAX, s.getMessage(), help,
						new SourceSpan(shown, s.getOffset(), s.getLength(), s.getLine(), s.getColumn()), Map.of()));
			}
		}
		if (syntax.isEmpty() && !r.getErrors().isEmpty()) {
			Resource.Diagnostic d = r.getErrors().get(0); // not from the parser (the lexer, say): still not formattable
			syntax.add(new Diagnostic(Diagnostic.Severity.ERROR, IssueCodes.SYNTAX, d.getMessage(), "",
					new SourceSpan(shown, 0, 0, Math.max(1, d.getLine()), Math.max(1, d.getColumn())), Map.of()));
		}
		syntax.sort(Diagnostic.ORDER);
		return new ParsedFile(file, source, r, List.copyOf(syntax));
	}

	/**
	 * One parsed file and its syntax errors; {@code resource} is null when the file could not be
	 * decoded, and {@code source} too when it is over the size limit.
	 */
	public record ParsedFile(Path file, SourceBytes source, XtextResource resource, List<Diagnostic> syntaxErrors) {
	}

	static SourceBytes read(Path file) {
		try {
			return SourceBytes.decode(SourceFiles.display(file), Files.readAllBytes(file));
		} catch (IOException | RuntimeException e) {
			throw new SourceFiles.BadPathException("cannot read `" + SourceFiles.display(file) + "`: " + e.getMessage());
		}
	}

	/** The file's resource, parsed from {@code text} (already decoded and normalised) rather than from disk. */
	private static XtextResource load(XtextResourceSet rs, Path file, String text) {
		URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
		Resource existing = rs.getResource(uri, false);
		if (existing instanceof XtextResource x) {
			return x;
		}
		XtextResource r = (XtextResource) rs.createResource(uri);
		try {
			r.load(new LazyStringInputStream(text, "UTF-8"), Map.of(XtextResource.OPTION_ENCODING, "UTF-8"));
		} catch (IOException e) {
			throw new SourceFiles.BadPathException("cannot read `" + SourceFiles.display(file) + "`: " + e.getMessage());
		}
		return r;
	}

	static Diagnostic toDiagnostic(Issue issue, String file) {
		Diagnostic.Severity severity = switch (issue.getSeverity()) {
			case ERROR -> Diagnostic.Severity.ERROR;
			case WARNING -> Diagnostic.Severity.WARNING;
			default -> Diagnostic.Severity.INFO;
		};
		String code = issue.getCode();
		if (code == null || !code.startsWith("mapl.")) {
			code = issue.isSyntaxError() ? IssueCodes.SYNTAX : code == null ? "mapl.other" : code;
		}
		int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
		int column = issue.getColumn() == null ? 1 : issue.getColumn();
		int offset = issue.getOffset() == null ? 0 : issue.getOffset();
		int length = issue.getLength() == null ? 0 : issue.getLength();
		return new Diagnostic(severity, code, issue.getMessage(), Help.of(issue),
				new SourceSpan(file, offset, length, line, column), Map.of());
	}
}
