package dev.mapl.dsl.ide.hover;

import dev.mapl.analysis.PolicyReport;
import dev.mapl.dsl.ide.analysis.FileAnalysis;
import dev.mapl.dsl.ide.analysis.IrLookup;
import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.CFactBinding;
import dev.mapl.dsl.mapl.COutcomeBinding;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.EnumValue;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.Let;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.OutcomeBlock;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.Rule;
import dev.mapl.dsl.naming.Names;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Hover for every name: a fact's kind, enum domain, doc, declaration and C binding; an outcome's
 * attributes and priority rank; an enum value's enum; and on a rule, the inputs it decides (from
 * the last analysis of this text) as a count and a few readable cubes.
 */
public final class MaplHover {

	private MaplHover() {
	}

	public static Hover hover(XtextResource res, Document doc, int offset, FileAnalysis analysis) {
		EObjectAtOffsetHelper at = new EObjectAtOffsetHelper();
		EObject target = at.resolveCrossReferencedElementAt(res, offset);
		if (target == null) {
			target = at.resolveElementAt(res, offset);
		}
		if (target == null) {
			return null;
		}
		String text = describe(target, res, offset, analysis);
		if (text == null) {
			return null;
		}
		return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text));
	}

	static String describe(EObject o, XtextResource res, int offset, FileAnalysis analysis) {
		List<String> parts = new ArrayList<>();
		IEObjectDocumentationProvider docs = res.getResourceServiceProvider().get(IEObjectDocumentationProvider.class);
		if (o instanceof Fact f) {
			String domain = f instanceof EnumFact e ? " { " + String.join(", ", e.getValues().stream().map(EnumValue::getName).toList()) + " }" : "";
			parts.add("**" + Names.kind(f) + "** `" + Names.factName(f) + "`" + domain);
		} else if (o instanceof EnumValue v && v.eContainer() instanceof EnumFact e) {
			parts.add("**value** `" + v.getName() + "` of enum fact `" + Names.factName(e) + "` { "
					+ String.join(", ", e.getValues().stream().map(EnumValue::getName).toList()) + " }");
		} else if (o instanceof Outcome out) {
			String attrs = out.getAttributes().isEmpty() ? "no attributes"
					: "attributes: " + String.join(", ", out.getAttributes().stream().map(a -> "`" + a.getName() + "`").toList());
			// an outcome the parser recovered outside an outcomes block has no rank (a fuzz finding)
			String rank = out.eContainer() instanceof OutcomeBlock b
					? "\n\npriority rank " + (b.getOutcomes().indexOf(out) + 1) + " of " + b.getOutcomes().size()
							+ " (declaration order: under `priority`, the earlier outcome wins)"
					: "";
			parts.add("**outcome** `" + out.getName() + "` — " + attrs + rank);
		} else if (o instanceof Attribute a && a.eContainer() instanceof Outcome owner) {
			parts.add("**attribute** `" + a.getName() + "` of outcome `" + owner.getName() + "`");
		} else if (o instanceof Let l) {
			ICompositeNode n = NodeModelUtils.getNode(l.getExpr());
			parts.add("**definition** `" + l.getName() + "` = `" + (n == null ? "" : n.getText().trim()) + "`");
		} else if (o instanceof Policy p) {
			parts.add("**policy** `" + Names.policyName(p) + "` (" + p.getHitPolicy().getLiteral() + ")");
			IrLookup.policy(analysis, p).flatMap(ir -> analysis.report(ir)).ifPresent(r -> parts.add(verdict(r)));
		} else if (o instanceof Rule r) {
			parts.add("**rule** " + (r.getName() == null ? "" : "`" + r.getName() + "`"));
			ruleInputs(r, analysis).ifPresent(parts::add);
		} else {
			Rule r = EcoreUtil2.getContainerOfType(o, Rule.class);
			if (r == null) {
				return null;
			}
			return describe(r, res, offset, analysis);
		}
		String d = docs.getDocumentation(o);
		if (d != null && !d.isBlank()) {
			parts.add(d.trim());
		}
		if (o.eResource() != null) {
			ICompositeNode n = NodeModelUtils.getNode(o);
			parts.add("declared in `" + o.eResource().getURI().lastSegment() + "`"
					+ (n == null ? "" : " line " + n.getStartLine()));
		}
		bindings(o, res).forEach(parts::add);
		return String.join("\n\n", parts);
	}

	private static List<String> bindings(EObject o, XtextResource res) {
		List<String> out = new ArrayList<>();
		for (Resource r : res.getResourceSet().getResources()) {
			r.getAllContents().forEachRemaining(x -> {
				if (x instanceof CFactBinding b && b.getFact() == o) {
					out.add("C: `" + unquote(b.getCode()) + "`");
				} else if (x instanceof COutcomeBinding b && b.getOutcome() == o) {
					out.add("C: `" + unquote(b.getCode()) + "`");
				}
			});
		}
		return out;
	}

	private static String unquote(String s) {
		return s == null ? "" : s;
	}

	public static String verdict(PolicyReport r) {
		String gaps = r.gapInputs().signum() == 0 ? "complete" : "gaps: " + (r.exactCounts() ? "" : "at least ") + r.gapInputs() + " inputs undecided";
		long proven = r.invariants().stream().filter(i -> i.proven()).count();
		long passed = r.tests().stream().filter(t -> t.passed()).count();
		return gaps + " · invariants proven " + proven + "/" + r.invariants().size() + " · tests passed " + passed + "/"
				+ r.tests().size();
	}

	private static java.util.Optional<String> ruleInputs(Rule r, FileAnalysis a) {
		Policy p = EcoreUtil2.getContainerOfType(r, Policy.class);
		if (a == null || p == null) {
			return java.util.Optional.empty();
		}
		return IrLookup.policy(a, p).flatMap(ip -> IrLookup.rule(ip, r).map(ir -> {
			var report = a.report(ip);
			String count = report.map(rep -> "decides " + (rep.exactCounts() ? "" : "at least ") + rep.ruleCoverage().get(ip.rules().indexOf(ir)) + " of " + rep.possibleInputs()
					+ " possible inputs").orElse("");
			List<String> cubes;
			synchronized (a.analyzer()) {
				cubes = a.analyzer().cubes(ip, IrLookup.firing(ip, ir));
			}
			StringBuilder sb = new StringBuilder(count);
			if (!cubes.isEmpty()) {
				sb.append(":\n");
				cubes.stream().limit(5).forEach(c -> sb.append("\n- `").append(c).append('`'));
			}
			return sb.toString();
		}));
	}
}
