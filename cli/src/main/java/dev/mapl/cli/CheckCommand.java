package dev.mapl.cli;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
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
		List<Diagnostic> diagnostics = Checks.run(c);
		var out = spec.commandLine().getOut();
		if (format == Format.json) {
			out.println(Checks.json(c, diagnostics));
		} else {
			diagnostics.forEach(d -> out.println(d.render()));
			spec.commandLine().getErr().println(Checks.summary(c, diagnostics));
		}
		return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR) ? Main.FAILED : Main.OK;
	}
}
