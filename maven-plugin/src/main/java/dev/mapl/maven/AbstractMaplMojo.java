package dev.mapl.maven;

import dev.mapl.dsl.compile.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal shares: the project, the MAPL files it selects, and {@code mapl.skip}. */
abstract class AbstractMaplMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	protected MavenProject project;

	@Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
	protected MojoExecution mojoExecution;

	/** Ant patterns, relative to the source folder, of the MAPL files to read; default every {@code .mapl} file. */
	@Parameter
	protected List<String> includes;

	/** Ant patterns of MAPL files to leave out. */
	@Parameter
	protected List<String> excludes;

	/** Skips the goal, for example {@code -Dmapl.skip}. */
	@Parameter(property = "mapl.skip", defaultValue = "false")
	protected boolean skip;

	/** The folder of MAPL files this execution reads. */
	protected abstract File sourceDirectory();

	/** The selected MAPL files, sorted; all of them form one model. */
	protected List<Path> sources() throws MojoExecutionException {
		try {
			return SourceSet.scan(sourceDirectory().toPath(), includes, excludes);
		} catch (IOException e) {
			throw new MojoExecutionException("cannot read " + sourceDirectory() + ": " + e.getMessage(), e);
		}
	}

	protected Path basedir() {
		return project.getBasedir().toPath().toAbsolutePath().normalize();
	}

	/**
	 * A path as generated files name it: relative to the project, never absolute, so that the output
	 * does not depend on where the project is checked out.
	 */
	protected UnaryOperator<String> projectRelative() {
		Path base = basedir();
		return f -> {
			Path abs = Path.of(f).toAbsolutePath().normalize();
			Path shown = abs.startsWith(base) ? base.relativize(abs) : abs.getFileName();
			return shown.toString().replace('\\', '/');
		};
	}

	/** A folder as the log names it: relative to the project when inside it. */
	protected String shown(Path dir) {
		Path abs = dir.toAbsolutePath().normalize();
		return abs.startsWith(basedir()) && !abs.equals(basedir()) ? basedir().relativize(abs).toString() : abs.toString();
	}

	/** Logs every diagnostic of at least the given severity, in Maven's compiler format. */
	protected void log(Pipeline.Result r, Diagnostic.Severity least) {
		for (Diagnostic d : r.diagnostics()) {
			if (d.severity().ordinal() <= least.ordinal()) {
				MavenDiagnostics.log(getLog(), d);
			}
		}
	}
}
