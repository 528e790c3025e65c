package dev.mapl.cli;

import dev.mapl.analysis.PartialEvaluation;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.Residual;
import dev.mapl.analysis.Restriction;
import dev.mapl.analysis.RestrictionException;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.ExplainRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
		description = {"Explain the decision for the given facts.",
				"When they fix it: the outcome, the rule that fired and why each earlier rule did not. Otherwise "
						+ "the residual decision: the facts it still depends on, each possible outcome with how many "
						+ "completions (possible inputs with the given facts) decide it, and the reduced decision "
						+ "table over the other facts.",
				"Example: mapl explain stage2.mapl --policy stage2 VM_PFNMAP=1 MTE_ALLOWED=0 guest.mte=1 prot=MT_NORMAL"})
final class ExplainCommand implements Callable<Integer> {

	enum Format {
		text, json
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Mixin
	PolicyOption target;

	@Option(names = "--format", defaultValue = "text", description = "text (default) or json")
	Format format;

	@Parameters(index = "1..*", paramLabel = "FACT=VALUE", description = "booleans as 0/1 or true/false, enums by value name")
	List<String> assignments = new ArrayList<>();

	@Override
	public Integer call() {
		Model model = target.model(spec.commandLine().getErr());
		Policy policy = target.policy(model);
		Residual residual;
		try {
			residual = PartialEvaluation.residual(new PolicyAnalyzer(model), policy, Restriction.parse(assignments));
		} catch (RestrictionException e) {
			throw UserError.of(e);
		}
		SourceText text = new SourceText();
		spec.commandLine().getOut().print(format == Format.json ? ExplainRenderer.json(residual, text::of)
				: ExplainRenderer.text(residual, text::of));
		return Main.OK;
	}
}
