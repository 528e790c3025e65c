package dev.mapl.cli;

import dev.mapl.analysis.DecisionTable;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.TableRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "table", mixinStandardHelpOptions = true,
		description = {"Print a policy's decision table: reduced to few readable rows (inputs with the same",
				"outcome and rule merged), or with --all one row per possible input (assumptions applied):",
				"the facts in declaration order (booleans 0/1, enums by value), then `outcome` and `rule`.",
				"Markdown names the facts no row constrains below the table; CSV keeps their columns."})
final class TableCommand implements Callable<Integer> {

	/** More rows than anyone reads; --all refuses beyond it rather than print for hours. */
	private static final long MAX_ROWS = 1_000_000;

	enum Format {
		markdown, csv
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@picocli.CommandLine.Mixin
	PolicyOption target;

	@Option(names = "--all", description = "one row per possible input")
	boolean all;

	@Option(names = "--format", defaultValue = "markdown", description = "markdown (default) or csv")
	Format format;

	@Override
	public Integer call() {
		Model model = target.model(spec.commandLine().getErr());
		Policy policy = target.policy(model);
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		DecisionTable table;
		if (all) {
			if (analyzer.possibleInputs(policy).compareTo(java.math.BigInteger.valueOf(MAX_ROWS)) > 0) {
				throw new UserError("policy `" + policy.name() + "` has " + analyzer.possibleInputs(policy)
						+ " possible inputs, more than the " + MAX_ROWS + " rows --all prints; use the reduced table");
			}
			table = DecisionTable.full(analyzer, policy, MAX_ROWS);
		} else {
			table = DecisionTable.reduced(model, policy);
		}
		spec.commandLine().getOut().print(format == Format.csv ? TableRenderer.csv(table) : TableRenderer.markdown(table));
		return Main.OK;
	}
}
