package dev.mapl.maven;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.PolicyChecks;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.ir.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The same pipeline as {@code mapl check} and {@code mapl compile}, in process: the files read as
 * one model (text -> AST -> validated -> IR), then every policy's analysis and inline tests.
 *
 * <p>
 * Thread safety: {@link MaplCompiler#create()} shares one Xtext injector per class realm and
 * creates it under a lock; every call here gets its own resource set, lowering and analyzer, so
 * modules of a parallel build ({@code -T}) compile concurrently without sharing mutable state.
 */
final class Pipeline {

	/** What the pipeline found: every diagnostic in file, line, column order, and the model when there are no errors. */
	record Result(List<Path> files, List<Diagnostic> diagnostics, Optional<Model> model, int policies) {
		long count(Diagnostic.Severity s) {
			return diagnostics.stream().filter(d -> d.severity() == s).count();
		}

		boolean hasErrors() {
			return count(Diagnostic.Severity.ERROR) > 0;
		}
	}

	private Pipeline() {
	}

	static Result run(List<Path> files) throws MojoExecutionException {
		Compilation c;
		try {
			c = MaplCompiler.create().compile(files);
		} catch (SourceFiles.BadPathException e) {
			throw new MojoExecutionException(e.getMessage(), e);
		} catch (RuntimeException e) {
			throw internal(e);
		}
		List<Diagnostic> all = new ArrayList<>(c.diagnostics());
		int policies = 0;
		if (c.model().isPresent()) {
			try {
				all.addAll(PolicyChecks.analyze(c.model().get()).diagnostics());
			} catch (RuntimeException e) {
				throw internal(e);
			}
			policies = c.model().get().policies().size();
		}
		all.sort(Diagnostic.ORDER);
		boolean errors = all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
		return new Result(files, List.copyOf(all), errors ? Optional.empty() : c.model(), policies);
	}

	/** A bug in MAPL, not in the policies: one line saying so (the stack trace with -e). */
	private static MojoExecutionException internal(RuntimeException e) {
		return new MojoExecutionException("MAPL internal error (please report it with the input files): " + e, e);
	}
}
