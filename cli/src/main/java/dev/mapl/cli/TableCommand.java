package dev.mapl.cli;

import dev.mapl.analysis.DecisionTable;
import dev.mapl.analysis.PartialEvaluation;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.Restriction;
import dev.mapl.analysis.RestrictionException;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.TableRenderer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "table", mixinStandardHelpOptions = true,
		description = {"Print a policy's decision table.",
				"Reduced to few readable rows (inputs with the same outcome and rule merged), or with --all one "
						+ "row per possible input (assumptions applied): the facts in declaration order (booleans 0/1, "
						+ "enums by value), then `outcome` and `rule`. Markdown names the facts no row constrains "
						+ "below the table; CSV keeps their columns.",
				"FACT=VALUE words restrict the table to the inputs with those facts (a subsystem's view): "
						+ "Markdown names them below the table, CSV keeps their columns with the given value."})
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

	@Parameters(index = "1..*", paramLabel = "FACT=VALUE",
			description = "restrict to inputs with these facts: booleans as 0/1 or true/false, enums by value name")
	List<String> assignments = new ArrayList<>();

	@Override
	public Integer call() {
		Model model = target.model(spec.commandLine().getErr());
		Policy policy = target.policy(model);
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		int[] given;
		try {
			given = PartialEvaluation.check(analyzer, policy, Restriction.parse(assignments));
		} catch (RestrictionException e) {
			throw UserError.of(e);
		}
		DecisionTable table;
		if (all) {
			BigInteger rows = PartialEvaluation.completions(analyzer, policy, given);
			if (rows.compareTo(BigInteger.valueOf(MAX_ROWS)) > 0) {
				throw new UserError("policy `" + policy.name() + "` has " + rows + " possible inputs"
						+ (assignments.isEmpty() ? "" : " with these facts") + ", more than the " + MAX_ROWS
						+ " rows --all prints; use the reduced table or give more facts");
			}
			table = DecisionTable.full(analyzer, policy, MAX_ROWS, given);
		} else {
			try {
				table = DecisionTable.reduced(analyzer, policy, PartialEvaluation.MAX_REDUCED_ROWS, given);
			} catch (IllegalArgumentException tooManyRows) {
				throw new UserError("policy `" + policy.name() + "` has more than " + PartialEvaluation.MAX_REDUCED_ROWS
						+ " rows in its reduced decision table" + (assignments.isEmpty() ? "" : " with these facts")
						+ "; give FACT=VALUE words to see a part of it");
			}
		}
		spec.commandLine().getOut().print(format == Format.csv ? TableRenderer.csv(table) : TableRenderer.markdown(table));
		return Main.OK;
	}
}
