package dev.mapl.dsl.compile;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provider;
import dev.mapl.dsl.MaplStandaloneSetup;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.dsl.lowering.LoweringException;
import dev.mapl.dsl.validation.Help;
import dev.mapl.dsl.validation.IssueCodes;
import dev.mapl.ir.Model;
import dev.mapl.ir.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.LazyStringInputStream;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

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

	/** A compiler from MAPL's standalone setup (one injector per process). */
	public static synchronized MaplCompiler create() {
		if (shared == null) {
			shared = new MaplStandaloneSetup().createInjectorAndDoEMFRegistration();
		}
		return shared.getInstance(MaplCompiler.class);
	}

	public Injector injector() {
		return injector;
	}

	/**
	 * Reads, validates and lowers the given MAPL files as one model.
	 *
	 * @throws SourceFiles.BadPathException for a path that is not a readable MAPL file
	 */
	public Compilation compile(List<Path> files) {
		XtextResourceSet rs = resourceSets.get();
		rs.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8");
		List<XtextResource> resources = new ArrayList<>();
		Map<Resource, String> display = new HashMap<>();
		List<Diagnostic> encodingErrors = new ArrayList<>();
		for (Path f : files) {
			SourceBytes source = read(f);
			XtextResource r = load(rs, f, source.parserText());
			source.malformed().ifPresent(encodingErrors::add);
			resources.add(r);
			display.put(r, SourceFiles.display(f));
		}
		List<Diagnostic> diagnostics = new ArrayList<>(encodingErrors);
		for (XtextResource r : resources) {
			for (Issue issue : validator.validate(r, CheckMode.NORMAL_AND_FAST, CancelIndicator.NullImpl)) {
				diagnostics.add(toDiagnostic(issue, display.get(r)));
			}
		}
		diagnostics.sort(Diagnostic.ORDER);
		Optional<Model> model = Optional.empty();
		if (diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
			try {
				model = Optional.of(lowerings.get().lower(new ArrayList<>(resources),
						r -> display.getOrDefault(r, r.getURI().toString())));
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
	 * Parses one file on its own, for formatting: no linking, no validation (which must not run on
	 * the partial model of a broken file). Its syntax errors, or the error for bytes that are not
	 * UTF-8 (then it is not parsed at all: formatting it would write replacement characters).
	 */
	public ParsedFile parse(Path file) {
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
	 * decoded.
	 */
	public record ParsedFile(Path file, SourceBytes source, XtextResource resource, List<Diagnostic> syntaxErrors) {
	}

	private static SourceBytes read(Path file) {
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
