package dev.mapl.dsl.ide.lens;

import com.google.gson.JsonObject;
import dev.mapl.dsl.ide.analysis.FileAnalysis;
import dev.mapl.dsl.ide.analysis.IrLookup;
import dev.mapl.dsl.ide.hover.MaplHover;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.Rule;
import dev.mapl.ir.PolicyTest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The analysis where the eye is: on each policy its verdict, on each rule how many possible inputs
 * it decides and which inline tests reach it (rule coverage), or that no test does.
 */
public final class CodeLenses {

	private CodeLenses() {
	}

	public static List<CodeLens> compute(XtextResource res, Document doc, FileAnalysis a) {
		List<CodeLens> out = new ArrayList<>();
		if (a == null || res.getContents().isEmpty() || !(res.getContents().get(0) instanceof Model m)) {
			return out;
		}
		for (EObject e : m.getElements()) {
			if (!(e instanceof Policy p)) {
				continue;
			}
			IrLookup.policy(a, p).ifPresent(ip -> a.report(ip).ifPresent(report -> {
				JsonObject args = new JsonObject();
				args.addProperty("uri", a.uri());
				args.addProperty("policy", ip.name());
				out.add(lens(doc, p, new Command(MaplHover.verdict(report), "mapl.table", List.of(args))));
				List<List<PolicyTest>> tests = a.exercisedBy().getOrDefault(ip.name(), List.of());
				for (EObject member : p.getMembers()) {
					if (member instanceof Rule r) {
						IrLookup.rule(ip, r).ifPresent(ir -> {
							int i = ip.rules().indexOf(ir);
							// counts answered by SAT are lower bounds (PolicyReport.exactCounts)
							String title = "decides " + (report.exactCounts() ? "" : "at least ")
									+ report.ruleCoverage().get(i) + " input"
									+ (report.ruleCoverage().get(i).intValue() == 1 ? "" : "s");
							List<PolicyTest> reaching = i < tests.size() ? tests.get(i) : List.of();
							title += reaching.isEmpty() ? " · not exercised by any test"
									: " · tests: " + String.join(", ", reaching.stream().map(PolicyTest::name).toList());
							out.add(lens(doc, r, new Command(title, "")));
						});
					}
				}
			}));
		}
		return out;
	}

	private static CodeLens lens(Document doc, EObject o, Command c) {
		ICompositeNode n = NodeModelUtils.getNode(o);
		Position start = doc.getPosition(n.getOffset());
		return new CodeLens(new Range(start, start), c, null);
	}

	/** After `otherwise`: how many possible inputs reach it. */
	public static List<InlayHint> inlayHints(XtextResource res, Document doc, FileAnalysis a, Range range) {
		List<InlayHint> out = new ArrayList<>();
		if (a == null || res.getContents().isEmpty() || !(res.getContents().get(0) instanceof Model m)) {
			return out;
		}
		for (EObject e : m.getElements()) {
			if (e instanceof Policy p) {
				IrLookup.policy(a, p).ifPresent(ip -> a.report(ip).ifPresent(report -> {
					for (EObject member : p.getMembers()) {
						if (member instanceof Rule r && r.isOtherwise()) {
							IrLookup.rule(ip, r).ifPresent(ir -> {
								ICompositeNode n = NodeModelUtils.getNode(r);
								int off = doc.getContents().indexOf("otherwise", n.getOffset()) + "otherwise".length();
								var count = report.ruleCoverage().get(ip.rules().indexOf(ir));
								InlayHint h = new InlayHint(doc.getPosition(off), Either.forLeft(" " + (report.exactCounts() ? "" : "≥ ") + count + " inputs"));
								h.setKind(InlayHintKind.Parameter);
								h.setPaddingLeft(true);
								out.add(h);
							});
						}
					}
				}));
			}
		}
		return out;
	}
}
