package dev.mapl.maven;

import dev.mapl.dsl.compile.Diagnostic;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Everything {@code mapl check} reports (syntax, names, types, each policy's analysis and inline
 * tests), as {@code [ERROR] path:[line,col] message (code)} lines; fails the build on errors, and
 * on warnings with {@code failOnWarnings}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends AbstractMaplMojo {

	/** The folder of MAPL files to check. */
	@Parameter(property = "mapl.sourceDirectory", defaultValue = "${project.basedir}/src/main/mapl")
	private File sourceDirectory;

	/** Fails the build on warnings too (dead rules, impossible rules, unused facts, ...). */
	@Parameter(property = "mapl.failOnWarnings", defaultValue = "false")
	private boolean failOnWarnings;

	@Override
	protected File sourceDirectory() {
		return sourceDirectory;
	}

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (skip) {
			getLog().info("MAPL check skipped (mapl.skip)");
			return;
		}
		List<Path> files = sources();
		if (files.isEmpty()) {
			getLog().info("No MAPL files in " + shown(sourceDirectory.toPath()) + "; nothing to check");
			return;
		}
		Pipeline.Result r = Pipeline.run(files);
		log(r, Diagnostic.Severity.INFO);
		String summary = "MAPL checked " + files.size() + (files.size() == 1 ? " file" : " files") + ", " + r.policies()
				+ (r.policies() == 1 ? " policy" : " policies") + ": " + MavenDiagnostics.counts(r);
		if (r.hasErrors()) {
			throw new MojoFailureException(summary + " (see the [ERROR] lines above)");
		}
		if (failOnWarnings && r.count(Diagnostic.Severity.WARNING) > 0) {
			throw new MojoFailureException(summary + ", and failOnWarnings is set");
		}
		getLog().info(summary);
	}
}
