package dev.mapl.cli;

import dev.mapl.dsl.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
		description = {"Check MAPL files: syntax, names, types, and the policies' analysis and inline tests.",
				"Exit 0 when there are no errors, 1 when there are, 2 for usage or I/O problems."})
final class CheckCommand implements Callable<Integer> {

	enum Format {
		text, json
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Option(names = "--format", description = "text (default) or json", defaultValue = "text")
	Format format;

	@Parameters(arity = "1..*", paramLabel = "PATH", description = "MAPL files or folders")
	List<Path> paths;

	@Override
	public Integer call() {
		Compilation c = Workspace.compile(paths);
		Checks.Outcome result = Checks.analyze(c);
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
