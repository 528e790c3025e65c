package dev.mapl.maven;

import dev.mapl.emit.java.JavaEmitException;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** The Java backend: one dependency-free Java 17 class per policy, as {@code mapl compile --java-out}. */
abstract class AbstractJavaMojo extends AbstractGenerateMojo {

	/** The package of the generated classes; default each MAPL file's own {@code package}. */
	@Parameter(property = "mapl.javaPackage")
	protected String javaPackage;

	/**
	 * The shape of {@code decide}: {@code auto} (a lookup table when the facts fit 20 bits, else
	 * branches), {@code table} or {@code branches}.
	 */
	@Parameter(property = "mapl.javaStyle", defaultValue = "auto")
	protected String javaStyle;

	protected abstract File outputDirectory();

	/** The command the generated header names. */
	protected abstract String regenerate();

	@Override
	protected String what() {
		return "Java classes";
	}

	@Override
	protected Path outputRoot() {
		return outputDirectory().toPath();
	}

	@Override
	protected String configuration() {
		return "java\n" + outputDirectory().getAbsolutePath() + "\n" + javaPackage + "\n" + javaStyle;
	}

	private JavaEmitter.Style style() throws MojoExecutionException {
		try {
			return JavaEmitter.Style.valueOf(javaStyle.trim().toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new MojoExecutionException("javaStyle `" + javaStyle + "` is none of auto, table, branches");
		}
	}

	@Override
	protected List<Output> generate(Model model) throws MojoExecutionException, MojoFailureException {
		JavaEmitter.Options options = JavaEmitter.Options.of(regenerate()).withStyle(style()).withPackage(
				javaPackage == null || javaPackage.isBlank() ? null : javaPackage.trim()).withSourcePath(projectRelative());
		List<Output> out = new ArrayList<>();
		for (Policy p : model.policies()) {
			try {
				JavaEmitter.JavaFile f = JavaEmitter.emit(model, p, options);
				out.add(new Output(outputDirectory().toPath().resolve(f.path()), f.content(), true));
			} catch (JavaEmitException e) {
				throw new MojoFailureException("policy `" + p.name() + "`: " + e.getMessage());
			}
		}
		if (model.policies().isEmpty()) {
			getLog().warn("No policy in the MAPL files of " + shown(sourceDirectory().toPath()) + "; no class to generate");
		}
		return out;
	}
}
