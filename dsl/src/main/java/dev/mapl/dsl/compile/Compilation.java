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
		Optional<Model> model) {

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
	}
}
