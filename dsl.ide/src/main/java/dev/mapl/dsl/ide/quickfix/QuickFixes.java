package dev.mapl.dsl.ide.quickfix;

import dev.mapl.analysis.FindingCodes;
import dev.mapl.dsl.ide.analysis.FileAnalysis;
import dev.mapl.dsl.ide.analysis.IrLookup;
import dev.mapl.dsl.compile.SourceFormatter;
import dev.mapl.dsl.mapl.Import;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.PolicyTest;
import dev.mapl.dsl.mapl.Rule;
import dev.mapl.dsl.validation.IssueCodes;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Fact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Quick fixes for the diagnostics that have one, and the format source action. Each fix is a
 * plain text edit, so every client can apply it.
 */
public final class QuickFixes {

	public static final String SOURCE_FORMAT = "source.format";

	private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean `([^`]+)`\\?");

	private QuickFixes() {
	}

	public static List<Either<Command, CodeAction>> compute(XtextResource res, Document doc, CodeActionParams params,
			FileAnalysis analysis, IResourceDescriptions index) {
		List<Either<Command, CodeAction>> out = new ArrayList<>();
		String uri = params.getTextDocument().getUri();
		List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
		if (params.getContext() != null && params.getContext().getDiagnostics() != null
				&& (only == null || only.stream().anyMatch(k -> k.startsWith(CodeActionKind.QuickFix)))) {
			for (Diagnostic d : params.getContext().getDiagnostics()) {
				String code = d.getCode() == null ? "" : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
				String help = help(d);
				Matcher m = DID_YOU_MEAN.matcher(help);
				if (m.find()) {
					out.add(fix("replace with `" + m.group(1) + "`", d, uri, List.of(new TextEdit(d.getRange(), m.group(1))), true));
				}
				if (IssueCodes.UNKNOWN_NAME.equals(code)) {
					importFixes(res, doc, d, uri, index).forEach(out::add);
				}
				if (FindingCodes.DEAD_RULE.equals(code) || FindingCodes.REDUNDANT_RULE.equals(code)) {
					deleteRule(res, doc, d, uri).ifPresent(out::add);
				}
				if (FindingCodes.GAP.equals(code)) {
					gapFixes(res, doc, d, uri, analysis).forEach(out::add);
				}
				if (FindingCodes.INVARIANT_REFUTED.equals(code) || FindingCodes.TEST_FAILED.equals(code)) {
					counterexampleTest(res, doc, d, uri, analysis, code).ifPresent(out::add);
				}
			}
		}
		if (only == null || only.stream().anyMatch(k -> SOURCE_FORMAT.startsWith(k) || k.equals(SOURCE_FORMAT))) {
			if (res.getParseResult() != null && !res.getParseResult().hasSyntaxErrors()) {
				String formatted = res.getResourceServiceProvider().get(SourceFormatter.class).format(res);
				if (!formatted.equals(doc.getContents())) {
					CodeAction a = new CodeAction("Format (mapl fmt)");
					a.setKind(SOURCE_FORMAT);
					a.setEdit(new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(
							new Range(doc.getPosition(0), doc.getPosition(doc.getContents().length())), formatted)))));
					out.add(Either.forRight(a));
				}
			}
		}
		return out;
	}

	static String help(Diagnostic d) {
		if (d.getData() != null) {
			String s = String.valueOf(d.getData());
			if (d.getData() instanceof com.google.gson.JsonArray arr && arr.size() > 0 && arr.get(0).isJsonPrimitive()) {
				return arr.get(0).getAsString();
			}
			if (s.contains("did you mean")) {
				return s;
			}
		}
		String msg = d.getMessage() == null ? "" : d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
		int i = msg.indexOf("\nhelp: ");
		return i < 0 ? "" : msg.substring(i + 7);
	}

	private static Either<Command, CodeAction> fix(String title, Diagnostic d, String uri, List<TextEdit> edits, boolean preferred) {
		CodeAction a = new CodeAction(title);
		a.setKind(CodeActionKind.QuickFix);
		a.setDiagnostics(List.of(d));
		a.setIsPreferred(preferred);
		a.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
		return Either.forRight(a);
	}

	/** `import PKG.*` for each package that declares the unknown name. */
	private static List<Either<Command, CodeAction>> importFixes(XtextResource res, Document doc, Diagnostic d, String uri,
			IResourceDescriptions index) {
		List<Either<Command, CodeAction>> out = new ArrayList<>();
		String name = doc.getSubstring(d.getRange()).trim();
		if (name.isEmpty() || !(res.getContents().get(0) instanceof Model m)) {
			return out;
		}
		QualifiedName wanted = QualifiedName.create(name.split("\\."));
		Set<String> packages = new LinkedHashSet<>();
		for (IResourceDescription rd : index.getAllResourceDescriptions()) {
			for (IEObjectDescription e : rd.getExportedObjects()) {
				QualifiedName qn = e.getName();
				if (qn.getSegmentCount() > wanted.getSegmentCount()
						&& qn.skipFirst(qn.getSegmentCount() - wanted.getSegmentCount()).equals(wanted)) {
					packages.add(qn.skipLast(wanted.getSegmentCount()).toString());
				}
			}
		}
		for (String pkg : packages) {
			if (pkg.equals(m.getName()) || m.getImports().stream().anyMatch(i -> (pkg + ".*").equals(i.getImportedNamespace()))) {
				continue;
			}
			int offset;
			if (!m.getImports().isEmpty()) {
				Import last = m.getImports().get(m.getImports().size() - 1);
				offset = NodeModelUtils.getNode(last).getEndOffset();
			} else if (m.getName() != null) {
				offset = NodeModelUtils.findNodesForFeature(m, dev.mapl.dsl.mapl.MaplPackage.Literals.MODEL__NAME).get(0).getEndOffset();
			} else {
				offset = -1;
			}
			Position p = offset < 0 ? new Position(0, 0) : doc.getPosition(offset);
			String text = offset < 0 ? "import " + pkg + ".*\n" : "\nimport " + pkg + ".*";
			out.add(fix("import `" + pkg + ".*`", d, uri, List.of(new TextEdit(new Range(p, p), text)), false));
		}
		return out;
	}

	private static java.util.Optional<Either<Command, CodeAction>> deleteRule(XtextResource res, Document doc, Diagnostic d, String uri) {
		Rule r = at(res, doc, d, Rule.class);
		if (r == null) {
			return java.util.Optional.empty();
		}
		Range lines = wholeLines(doc, NodeModelUtils.getNode(r));
		return java.util.Optional.of(fix("delete the rule", d, uri, List.of(new TextEdit(lines, "")), false));
	}

	/** `otherwise -> O` for each outcome, and one rule per gap cube. */
	private static List<Either<Command, CodeAction>> gapFixes(XtextResource res, Document doc, Diagnostic d, String uri,
			FileAnalysis analysis) {
		List<Either<Command, CodeAction>> out = new ArrayList<>();
		Policy p = at(res, doc, d, Policy.class);
		if (p == null) {
			return out;
		}
		int insertAt = insertionPoint(p);
		Position pos = doc.getPosition(insertAt);
		String indent = SourceFormatter.INDENT;
		List<String> outcomes = new ArrayList<>();
		res.getResourceSet().getResources().forEach(r -> r.getAllContents().forEachRemaining(o -> {
			if (o instanceof dev.mapl.dsl.mapl.Outcome oc && !outcomes.contains(oc.getName())) {
				outcomes.add(oc.getName());
			}
		}));
		for (String o : outcomes) {
			out.add(fix("add `otherwise -> " + o + "`", d, uri, List.of(new TextEdit(new Range(pos, pos), indent + "otherwise -> " + o + "\n")), false));
		}
		if (analysis != null) {
			IrLookup.policy(analysis, p).flatMap(analysis::report).ifPresent(report -> report.findings(FindingCodes.GAP).stream()
					.findFirst().ifPresent(f -> {
						if (!f.cubes().isEmpty() && f.cubes().stream().noneMatch(c -> c.contains(" more"))) {
							String first = outcomes.isEmpty() ? "Outcome" : outcomes.get(0);
							StringBuilder sb = new StringBuilder();
							f.cubes().forEach(c -> sb.append(indent).append(c).append(" -> ").append(first).append('\n'));
							out.add(fix("add " + f.cubes().size() + " rule" + (f.cubes().size() == 1 ? "" : "s")
									+ " for the undecided inputs (-> " + first + ", to adjust)", d, uri,
									List.of(new TextEdit(new Range(pos, pos), sb.toString())), false));
						}
					}));
		}
		return out;
	}

	/** The counterexample as a test, expecting what the invariant or the failing test wants. */
	private static java.util.Optional<Either<Command, CodeAction>> counterexampleTest(XtextResource res, Document doc,
			Diagnostic d, String uri, FileAnalysis analysis, String code) {
		Policy p = at(res, doc, d, Policy.class);
		if (p == null || analysis == null) {
			return java.util.Optional.empty();
		}
		return IrLookup.policy(analysis, p).flatMap(ip -> analysis.report(ip).flatMap(report -> {
			int off = doc.getOffSet(d.getRange().getStart());
			if (FindingCodes.INVARIANT_REFUTED.equals(code)) {
				return report.invariants().stream().filter(i -> !i.proven() && i.counterexample().isPresent()
						&& i.span().offset() <= off && off <= i.span().offset() + Math.max(1, i.span().length())).findFirst()
						.flatMap(i -> {
							var inv = ip.invariants().stream().filter(x -> x.name().equals(i.name())).findFirst();
							if (inv.isEmpty()) {
								return java.util.Optional.empty();
							}
							int[] input = i.counterexample().get().toInput(analysis.model().facts().size());
							Interpreter interp = new Interpreter(analysis.model());
							for (var o : analysis.model().outcomes()) {
								if (interp.eval(inv.get().expr(), input, o.index())) {
									return java.util.Optional.of(insertTest(p, doc, d, uri, "counterexample of " + i.name(),
											literals(analysis, i.counterexample().get()), o.name()));
								}
							}
							return java.util.Optional.empty();
						});
			}
			return report.tests().stream().filter(t -> !t.passed() && t.counterexample().isPresent()
					&& t.span().offset() <= off && off <= t.span().offset() + Math.max(1, t.span().length())).findFirst()
					.map(t -> insertTest(p, doc, d, uri, t.name() + ": counterexample",
							literals(analysis, t.counterexample().get()), t.expected()));
		}));
	}

	private static String literals(FileAnalysis a, dev.mapl.analysis.Counterexample c) {
		List<String> out = new ArrayList<>();
		for (var as : c.input()) {
			Fact f = a.model().fact(as.factIndex());
			out.add(f.isBoolean() ? (as.bool() ? "" : "!") + as.fact() : as.fact() + " = " + as.valueName());
		}
		return String.join(", ", out);
	}

	private static Either<Command, CodeAction> insertTest(Policy p, Document doc, Diagnostic d, String uri, String name,
			String literals, String outcome) {
		ICompositeNode n = NodeModelUtils.getNode(p);
		int close = n.getEndOffset() - 1;
		while (close > n.getOffset() && doc.getContents().charAt(close) != '}') {
			close--;
		}
		int lineStart = doc.getContents().lastIndexOf('\n', close - 1) + 1;
		Position pos = doc.getPosition(lineStart);
		String text = SourceFormatter.INDENT + "test \"" + name.replace("\"", "'") + "\": " + literals + " => " + outcome + "\n";
		return fix("add this counterexample as a test", d, uri, List.of(new TextEdit(new Range(pos, pos), text)), false);
	}

	/** Before the first invariant or test of the policy, else before its closing brace. */
	private static int insertionPoint(Policy p) {
		for (EObject m : p.getMembers()) {
			if (m instanceof Invariant || m instanceof PolicyTest) {
				ICompositeNode n = NodeModelUtils.getNode(m);
				String all = NodeModelUtils.getNode(EcoreUtil2.getRootContainer(p)).getText();
				return all.lastIndexOf('\n', n.getOffset() - 1) + 1;
			}
		}
		ICompositeNode n = NodeModelUtils.getNode(p);
		String all = NodeModelUtils.getNode(EcoreUtil2.getRootContainer(p)).getText();
		int close = all.lastIndexOf('}', n.getEndOffset() - 1);
		return all.lastIndexOf('\n', close - 1) + 1;
	}

	private static Range wholeLines(Document doc, ICompositeNode n) {
		String text = doc.getContents();
		int start = text.lastIndexOf('\n', n.getOffset() - 1) + 1;
		int end = text.indexOf('\n', n.getEndOffset());
		end = end < 0 ? text.length() : end + 1;
		return new Range(doc.getPosition(start), doc.getPosition(end));
	}

	private static <T extends EObject> T at(XtextResource res, Document doc, Diagnostic d, Class<T> type) {
		int off = doc.getOffSet(d.getRange().getStart());
		var leaf = NodeModelUtils.findLeafNodeAtOffset(res.getParseResult().getRootNode(), off);
		if (leaf == null) {
			return null;
		}
		EObject o = NodeModelUtils.findActualSemanticObjectFor(leaf);
		return o == null ? null : EcoreUtil2.getContainerOfType(o, type);
	}
}
