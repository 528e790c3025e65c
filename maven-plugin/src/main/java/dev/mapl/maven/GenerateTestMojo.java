package dev.mapl.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Java classes from {@code src/test/mapl} into {@code target/generated-test-sources/mapl}, added
 * as a test compile source root: the {@code generate} goal for policies only tests use.
 */
@Mojo(name = "generate-test", defaultPhase = LifecyclePhase.GENERATE_TEST_SOURCES, threadSafe = true)
public class GenerateTestMojo extends AbstractJavaMojo {

	/** The folder of MAPL files. */
	@Parameter(property = "mapl.testSourceDirectory", defaultValue = "${project.basedir}/src/test/mapl")
	private File sourceDirectory;

	/** Where the classes go, below it by package. */
	@Parameter(property = "mapl.testOutputDirectory",
			defaultValue = "${project.build.directory}/generated-test-sources/mapl")
	private File outputDirectory;

	/** Skips only this goal, like {@code maven.test.skip} does for test compilation. */
	@Parameter(property = "maven.test.skip", defaultValue = "false")
	private boolean testSkip;

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
		return "mvn generate-test-sources (dev.mapl:mapl-maven-plugin:generate-test)";
	}

	@Override
	public void execute() throws org.apache.maven.plugin.MojoExecutionException,
			org.apache.maven.plugin.MojoFailureException {
		if (testSkip) {
			getLog().info("MAPL generate-test skipped (maven.test.skip)");
			return;
		}
		super.execute();
	}

	@Override
	protected void completed() {
		project.addTestCompileSourceRoot(outputDirectory.getAbsolutePath());
	}
}
