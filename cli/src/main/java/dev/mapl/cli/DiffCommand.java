package dev.mapl.cli;

import dev.mapl.analysis.DiffAnalyzer;
import dev.mapl.analysis.PolicyDiff;
import dev.mapl.analysis.Restriction;
import dev.mapl.analysis.RestrictionException;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.DiffRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
		description = {"Show the exact behaviour change between two versions of a policy.",
				"The input regions whose outcome changes, from what to what, how many possible inputs each "
						+ "holds, and the rules responsible on each side. Facts and outcomes are matched by name. "
						+ "The markdown form is ready to paste into a commit message. FACT=VALUE words restrict the "
						+ "comparison to the inputs with those facts (\"what changed for vfio BARs\").",
				"Exit 0 when the two are equivalent, 1 when they differ, 2 for usage or I/O problems."})
final class DiffCommand implements Callable<Integer> {

	enum Format {
		text, markdown, json
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "OLD", description = "the old version (a MAPL file)")
	Path oldFile;

	@Parameters(index = "1", paramLabel = "NEW", description = "the new version (a MAPL file)")
	Path newFile;

	@Option(names = "--policy", paramLabel = "NAME", description = "the policy to compare (by simple name in both files)")
	String policyName;

	@Option(names = "--format", defaultValue = "text", description = "text (default), markdown or json")
	Format format;

	@Parameters(index = "2..*", paramLabel = "FACT=VALUE",
			description = "compare only inputs with these facts: booleans as 0/1 or true/false, enums by value name")
	List<String> assignments = new ArrayList<>();

	@Override
	public Integer call() {
		var err = spec.commandLine().getErr();
		Model oldModel = Workspace.modelOrFail(List.of(oldFile), err);
		Model newModel = Workspace.modelOrFail(List.of(newFile), err);
		Policy oldPolicy = Workspace.policy(oldModel, policyName, oldFile);
		Policy newPolicy = Workspace.policy(newModel, policyName == null ? oldPolicy.simpleName() : policyName, newFile);
		PolicyDiff diff;
		try {
			diff = new DiffAnalyzer().diff(oldModel, oldPolicy, newModel, newPolicy, Restriction.parse(assignments));
		} catch (RestrictionException e) {
			throw UserError.of(e);
		}
		String text = switch (format) {
			case markdown -> DiffRenderer.markdown(diff);
			case json -> DiffRenderer.json(diff);
			default -> DiffRenderer.text(diff);
		};
		var out = spec.commandLine().getOut();
		out.print(text);
		if (!text.endsWith("\n")) {
			out.println();
		}
		return diff.equivalent() ? Main.OK : Main.FAILED;
	}
}
