package dev.mapl.cli;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.PolicyChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
		description = {"Check MAPL files: syntax, names, types, analysis and inline tests.",
				"Exit 0 when there are no errors, 1 when there are, 2 for usage or I/O problems."})
final class CheckCommand implements Callable<Integer> {

	enum Format {
		text, json
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Option(names = "--format", description = "text (default) or json", defaultValue = "text")
	Format format;

	@Option(names = "--analysis-seconds", paramLabel = "S", defaultValue = "40",
			description = "time the analysis of all policies may take (default 40; 0 for no limit); a policy past it is "
					+ "reported \"not analysed: budget exceeded\"")
	long analysisSeconds;

	@Option(names = "--analysis-nodes", paramLabel = "N", defaultValue = "8000000",
			description = "BDD nodes (24 bytes each) the analysis may use (default 8000000)")
	long analysisNodes;

	@Parameters(arity = "1..*", paramLabel = "PATH", description = "MAPL files or folders")
	List<Path> paths;

	@Override
	public Integer call() {
		if (analysisSeconds < 0 || analysisNodes < 1000) {
			throw new picocli.CommandLine.ParameterException(spec.commandLine(),
					"--analysis-seconds must be 0 or more and --analysis-nodes at least 1000");
		}
		Compilation c = Workspace.compileNamed(paths);
		Checks.Outcome result = Checks.analyze(c,
				new PolicyChecks.Budget(analysisSeconds * 1000, analysisNodes));
		var out = spec.commandLine().getOut();
		if (format == Format.json) {
			out.println(Checks.json(c, result));
		} else {
			result.diagnostics().forEach(d -> out.println(d.render()));
			spec.commandLine().getErr().println(Checks.summary(c, result));
		}
		return result.hasErrors() ? Main.FAILED : Main.OK;
	}
}
