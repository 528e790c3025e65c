package dev.mapl.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "table", mixinStandardHelpOptions = true,
		description = {"Print a policy's decision table: reduced to few readable rows, or with --all one row",
				"per possible input (assumptions applied)."})
final class TableCommand implements Callable<Integer> {

	enum Format {
		markdown, csv
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE")
	Path file;

	@Option(names = "--policy", paramLabel = "NAME", description = "the policy (optional when there is only one)")
	String policyName;

	@Option(names = "--all", description = "one row per possible input")
	boolean all;

	@Option(names = "--format", defaultValue = "markdown", description = "markdown (default) or csv")
	Format format;

	@Override
	public Integer call() {
		throw new UserError("table is not available yet");
	}
}
