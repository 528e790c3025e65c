package dev.mapl.maven;

import dev.mapl.emit.dmn.DmnEmitter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Each policy as an equivalent DMN 1.3 decision table, as {@code mapl export --dmn}:
 * {@code outputDirectory/<qualified policy name>.dmn}. No default phase.
 */
@Mojo(name = "export-dmn", threadSafe = true)
public class ExportDmnMojo extends AbstractGenerateMojo {

	/** The folder of MAPL files. */
	@Parameter(property = "mapl.sourceDirectory", defaultValue = "${project.basedir}/src/main/mapl")
	private File sourceDirectory;

	/** Where the {@code .dmn} files go. */
	@Parameter(property = "mapl.dmn.outputDirectory", defaultValue = "${project.build.directory}/mapl-dmn",
			required = true)
	private File outputDirectory;

	/** The policies to export, by qualified or simple name; default all of them. */
	@Parameter
	private List<String> policies;

	/** An equivalent FIRST table whatever the hit policy, for engines without PRIORITY (Camunda 7). */
	@Parameter(property = "mapl.dmn.first", defaultValue = "false")
	private boolean firstHitPolicy;

	@Override
	protected File sourceDirectory() {
		return sourceDirectory;
	}

	@Override
	protected String what() {
		return "DMN files";
	}

	@Override
	protected Path outputRoot() {
		return outputDirectory.toPath();
	}

	@Override
	protected String configuration() {
		return "dmn\n" + outputDirectory.getAbsolutePath() + "\n" + policies + "\n" + firstHitPolicy;
	}

	@Override
	protected List<Output> generate(Model model) throws MojoExecutionException, MojoFailureException {
		List<Policy> chosen = new ArrayList<>();
		if (policies == null || policies.isEmpty()) {
			chosen.addAll(model.policies());
		} else {
			for (String name : policies) {
				List<Policy> match = model.policies().stream().filter(p -> p.name().equals(name)).toList();
				if (match.isEmpty()) {
					match = model.policies().stream().filter(p -> p.simpleName().equals(name)).toList();
				}
				if (match.size() != 1) {
					throw new MojoFailureException((match.isEmpty() ? "no policy `" : "`" + name + "` is ambiguous; ")
							+ (match.isEmpty() ? name + "`; " : "") + "the policies are "
							+ String.join(", ", model.policies().stream().map(p -> "`" + p.name() + "`").toList()));
				}
				chosen.add(match.get(0));
			}
		}
		DmnEmitter.Options options = new DmnEmitter.Options(firstHitPolicy, projectRelative(),
				"mvn dev.mapl:mapl-maven-plugin:export-dmn");
		List<Output> out = new ArrayList<>();
		for (Policy p : chosen) {
			try {
				out.add(new Output(outputDirectory.toPath().resolve(p.name() + ".dmn"), DmnEmitter.emit(model, p, options),
						true));
			} catch (IllegalArgumentException e) {
				throw new MojoFailureException("policy `" + p.name() + "`: " + e.getMessage());
			}
		}
		return out;
	}
}
