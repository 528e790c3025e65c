package dev.mapl.report;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.analysis.TestOrderSearch;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A {@link DecisionDiagram} as a Graphviz {@code dot} digraph or a Mermaid flowchart. Nodes are
 * numbered {@code n0, n1, ...} depth-first from the root in edge order, so output is stable.
 * Boolean edges are labelled {@code 0}/{@code 1} (the {@code 0} edge dashed in dot), enum edges
 * with their values; leaves read {@code rule: Outcome}, {@code Outcome}, {@code none} or
 * {@code impossible}.
 */
public final class GraphRenderer {

	private GraphRenderer() {
	}

	/**
	 * The diagram to draw for a policy. With {@code searched}, its facts are tested in the order
	 * {@link TestOrderSearch} picks to make the code small, with the Java branch style's bounds: the
	 * diagram that style unfolds. Otherwise, and when a rule reads a fact that is not an input, in
	 * declaration order. (The C backend searches over the facts its function reads, within tighter
	 * bounds.)
	 */
	public static DecisionDiagram diagram(Model model, Policy policy, DecisionDiagram.LeafKind leafKind,
			boolean impossibleAsDontCare, boolean searched) {
		if (searched) {
			var ordered = TestOrderSearch.ofInputs(model, policy, TestOrderSearch.BRANCHES_SIFT_FACTS,
					TestOrderSearch.BRANCHES_BUDGET);
			if (ordered.isPresent()) {
				return DecisionDiagram.build(ordered.get().model(), ordered.get().policy(), leafKind, impossibleAsDontCare);
			}
		}
		return DecisionDiagram.build(model, policy, leafKind, impossibleAsDontCare);
	}

	private static Map<DecisionDiagram.Node, String> ids(DecisionDiagram d) {
		Map<DecisionDiagram.Node, String> ids = new IdentityHashMap<>();
		for (DecisionDiagram.Node n : d.nodes()) {
			ids.put(n, "n" + ids.size());
		}
		return ids;
	}

	private static String edgeLabel(DecisionDiagram.Test t, DecisionDiagram.Edge e) {
		return String.join(", ", e.valueNames());
	}

	public static String dot(DecisionDiagram d) {
		Map<DecisionDiagram.Node, String> ids = ids(d);
		StringBuilder sb = new StringBuilder();
		sb.append("digraph ").append(dotQuote(d.policy().name())).append(" {\n");
		sb.append("\tnode [fontname=\"Helvetica\", fontsize=10];\n");
		sb.append("\tedge [fontname=\"Helvetica\", fontsize=9];\n");
		for (DecisionDiagram.Node n : d.nodes()) {
			String id = ids.get(n);
			if (n instanceof DecisionDiagram.Test t) {
				sb.append('\t').append(id).append(" [label=").append(dotQuote(t.factName())).append(", shape=ellipse];\n");
				for (DecisionDiagram.Edge e : t.edges()) {
					sb.append('\t').append(id).append(" -> ").append(ids.get(e.child())).append(" [label=")
							.append(dotQuote(edgeLabel(t, e)));
					if (t.isBoolean() && e.values().first() == 0) {
						sb.append(", style=dashed");
					}
					sb.append("];\n");
				}
			} else {
				DecisionDiagram.Leaf l = (DecisionDiagram.Leaf) n;
				sb.append('\t').append(id).append(" [label=").append(dotQuote(l.label())).append(", shape=box");
				switch (l.kind()) {
					case NONE:
						sb.append(", style=\"rounded,dashed\"");
						break;
					case IMPOSSIBLE:
						sb.append(", style=\"rounded,dotted\"");
						break;
					default:
						sb.append(", style=rounded");
				}
				sb.append("];\n");
			}
		}
		sb.append("}\n");
		return sb.toString();
	}

	static String dotQuote(String s) {
		return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
	}

	public static String mermaid(DecisionDiagram d) {
		Map<DecisionDiagram.Node, String> ids = ids(d);
		StringBuilder sb = new StringBuilder();
		sb.append("flowchart TD\n");
		for (DecisionDiagram.Node n : d.nodes()) {
			String id = ids.get(n);
			if (n instanceof DecisionDiagram.Test t) {
				sb.append("    ").append(id).append("{").append(mermaidQuote(t.factName())).append("}\n");
				for (DecisionDiagram.Edge e : t.edges()) {
					sb.append("    ").append(id).append(" -->|").append(mermaidQuote(edgeLabel(t, e))).append("| ")
							.append(ids.get(e.child())).append('\n');
				}
			} else {
				DecisionDiagram.Leaf l = (DecisionDiagram.Leaf) n;
				String label = mermaidQuote(l.label());
				switch (l.kind()) {
					case NONE:
					case IMPOSSIBLE:
						sb.append("    ").append(id).append("([").append(label).append("])\n");
						break;
					default:
						sb.append("    ").append(id).append("[").append(label).append("]\n");
				}
			}
		}
		return sb.toString();
	}

	static String mermaidQuote(String s) {
		return '"' + s.replace("\"", "#quot;") + '"';
	}
}
