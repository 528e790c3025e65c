package dev.mapl.dsl.compile;

import dev.mapl.ir.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The result of reading a set of MAPL files: their diagnostics, and the lowered model when the
 * files have no errors. One in-memory model feeds every later stage.
 */
public record Compilation(List<Path> files, List<XtextResource> resources, List<Diagnostic> diagnostics,
		Optional<Model> model, List<Path> requested) {

	/** A compilation of exactly the files that were asked for. */
	public Compilation(List<Path> files, List<XtextResource> resources, List<Diagnostic> diagnostics,
			Optional<Model> model) {
		this(files, resources, diagnostics, model, files);
	}

	/** The same compilation, remembering which of its files the user named (the rest is context). */
	public Compilation withRequested(List<Path> named) {
		return new Compilation(files, resources, diagnostics, model, List.copyOf(named));
	}

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
	}
}
