package dev.mapl.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Java classes from {@code src/main/mapl} into {@code target/generated-sources/mapl}, added as a
 * compile source root.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractJavaMojo {

	/** The folder of MAPL files. */
	@Parameter(property = "mapl.sourceDirectory", defaultValue = "${project.basedir}/src/main/mapl")
	private File sourceDirectory;

	/** Where the classes go, below it by package. */
	@Parameter(property = "mapl.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/mapl")
	private File outputDirectory;

	@Override
	protected File sourceDirectory() {
		return sourceDirectory;
	}

	@Override
	protected File outputDirectory() {
		return outputDirectory;
	}

	@Override
	protected String regenerate() {
		return "mvn generate-sources (dev.mapl:mapl-maven-plugin:generate)";
	}

	@Override
	protected void completed() {
		project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
	}
}
