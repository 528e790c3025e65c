package dev.mapl.cli;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.GraphRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph", mixinStandardHelpOptions = true,
		description = {"Draw a policy's reduced decision diagram.",
				"The diagram the compiler builds (the shape of the generated code): Graphviz dot, or a Mermaid "
						+ "flowchart for Markdown viewers.",
				"Example: mapl graph stage2.mapl --policy fault | dot -Tsvg > fault.svg"})
final class GraphCommand implements Callable<Integer> {

	enum Format {
		dot, mermaid
	}

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@picocli.CommandLine.Mixin
	PolicyOption target;

	@Option(names = "--format", defaultValue = "dot", description = "dot (default) or mermaid")
	Format format;

	@Option(names = "--rules", description = "end in the deciding rules rather than the outcomes")
	boolean rules;

	@Option(names = "--show-impossible", description = "keep inputs the assumptions exclude as their own leaf")
	boolean showImpossible;

	@Option(names = "--declaration-order", description = {"test the facts in the order they are declared, not in the",
			"order the compiler searches for the generated code (the smaller graph)"})
	boolean declarationOrder;

	@Override
	public Integer call() {
		Model model = target.model(spec.commandLine().getErr());
		Policy policy = target.policy(model);
		DecisionDiagram d = GraphRenderer.diagram(model, policy,
				rules ? DecisionDiagram.LeafKind.RULE : DecisionDiagram.LeafKind.OUTCOME, !showImpossible, !declarationOrder);
		spec.commandLine().getOut().print(format == Format.mermaid ? GraphRenderer.mermaid(d) : GraphRenderer.dot(d));
		return Main.OK;
	}
}
