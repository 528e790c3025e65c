package dev.mapl.dsl.ide.symbols;

import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.CBindings;
import dev.mapl.dsl.mapl.CFactBinding;
import dev.mapl.dsl.mapl.COutcomeBinding;
import dev.mapl.dsl.mapl.CTarget;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.EnumValue;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.Let;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.OutcomeBlock;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.PolicyTest;
import dev.mapl.dsl.mapl.Rule;
import dev.mapl.dsl.naming.Names;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/** The outline: short names, kinds that say what each thing is, targets and bindings included. */
public final class MaplSymbols {

	private MaplSymbols() {
	}

	public static List<DocumentSymbol> documentSymbols(XtextResource res, Document doc) {
		List<DocumentSymbol> out = new ArrayList<>();
		if (res.getContents().isEmpty() || !(res.getContents().get(0) instanceof Model m)) {
			return out;
		}
		for (EObject e : m.getElements()) {
			if (e instanceof FactGroup g) {
				DocumentSymbol s = symbol(doc, g, g.getName() == null ? "facts" : g.getName(), SymbolKind.Namespace, "facts");
				for (Fact f : g.getFacts()) {
					DocumentSymbol fs = symbol(doc, f, f.getName(), f instanceof EnumFact ? SymbolKind.Enum : SymbolKind.Boolean,
							Names.kind(f));
					if (f instanceof EnumFact ef) {
						for (EnumValue v : ef.getValues()) {
							add(fs, symbol(doc, v, v.getName(), SymbolKind.EnumMember, "value"));
						}
					}
					add(s, fs);
				}
				out.add(s);
			} else if (e instanceof OutcomeBlock b) {
				DocumentSymbol s = symbol(doc, b, "outcomes", SymbolKind.Namespace, null);
				for (Outcome o : b.getOutcomes()) {
					DocumentSymbol os = symbol(doc, o, o.getName(), SymbolKind.EnumMember, "outcome");
					for (Attribute a : o.getAttributes()) {
						add(os, symbol(doc, a, a.getName(), SymbolKind.Property, "attribute"));
					}
					add(s, os);
				}
				out.add(s);
			} else if (e instanceof Let l) {
				out.add(symbol(doc, l, l.getName(), SymbolKind.Constant, "definition"));
			} else if (e instanceof Policy p) {
				DocumentSymbol s = symbol(doc, p, p.getName(), SymbolKind.Class, "policy " + p.getHitPolicy().getLiteral());
				for (EObject member : p.getMembers()) {
					if (member instanceof Rule r) {
						String name = r.getName() != null ? r.getName() : r.isOtherwise() ? "otherwise" : "line " + line(r);
						add(s, symbol(doc, r, name, SymbolKind.Function, "rule"));
					} else if (member instanceof Invariant i) {
						add(s, symbol(doc, i, i.getName(), SymbolKind.Boolean, "invariant"));
					} else if (member instanceof PolicyTest t) {
						add(s, symbol(doc, t, t.getName(), SymbolKind.Event, "test"));
					} else if (member instanceof Let l) {
						add(s, symbol(doc, l, l.getName(), SymbolKind.Constant, "definition"));
					}
				}
				out.add(s);
			} else if (e instanceof CBindings b) {
				DocumentSymbol s = symbol(doc, b, b.getName(), SymbolKind.Module, "bindings c");
				b.getBindings().forEach(x -> add(s, binding(doc, x)));
				out.add(s);
			} else if (e instanceof CTarget t) {
				String name = t.getPolicy() != null && !t.getPolicy().eIsProxy() ? t.getPolicy().getName() : text(t, "target");
				DocumentSymbol s = symbol(doc, t, name, SymbolKind.Interface, "target c");
				t.getMembers().forEach(x -> {
					if (x instanceof CFactBinding || x instanceof COutcomeBinding) {
						add(s, binding(doc, x));
					}
				});
				out.add(s);
			}
		}
		return out;
	}

	private static DocumentSymbol binding(Document doc, EObject b) {
		if (b instanceof CFactBinding f) {
			String name = f.getFact() != null && !f.getFact().eIsProxy() ? Names.factName(f.getFact()) : text(f, "fact");
			return symbol(doc, f, name, SymbolKind.Field, "fact binding");
		}
		COutcomeBinding o = (COutcomeBinding) b;
		String name = o.getOutcome() != null && !o.getOutcome().eIsProxy() ? o.getOutcome().getName() : text(o, "outcome");
		return symbol(doc, o, name, SymbolKind.Field, "outcome binding");
	}

	private static String text(EObject o, String fallback) {
		ICompositeNode n = NodeModelUtils.getNode(o);
		return n == null ? fallback : n.getText().trim().split("\\s+", 3).length > 1 ? n.getText().trim().split("\\s+", 3)[1] : fallback;
	}

	private static int line(EObject o) {
		ICompositeNode n = NodeModelUtils.getNode(o);
		return n == null ? 0 : n.getStartLine();
	}

	private static void add(DocumentSymbol parent, DocumentSymbol child) {
		if (parent.getChildren() == null) {
			parent.setChildren(new ArrayList<>());
		}
		parent.getChildren().add(child);
	}

	private static DocumentSymbol symbol(Document doc, EObject o, String name, SymbolKind kind, String detail) {
		ICompositeNode n = NodeModelUtils.getNode(o);
		Range full = n == null ? new Range(doc.getPosition(0), doc.getPosition(0))
				: new Range(doc.getPosition(n.getTotalOffset() < n.getOffset() ? n.getOffset() : n.getOffset()), doc.getPosition(n.getEndOffset()));
		Range selection = full;
		var nameFeature = o.eClass().getEStructuralFeature("name");
		if (nameFeature != null) {
			List<INode> nodes = NodeModelUtils.findNodesForFeature(o, nameFeature);
			if (!nodes.isEmpty()) {
				INode nn = nodes.get(0);
				selection = new Range(doc.getPosition(nn.getOffset()), doc.getPosition(nn.getEndOffset()));
			}
		}
		DocumentSymbol s = new DocumentSymbol(name == null || name.isEmpty() ? "?" : name, kind, full, selection);
		if (detail != null) {
			s.setDetail(detail);
		}
		return s;
	}

	/** Multi-line comments fold. */
	public static List<FoldingRange> commentFolds(XtextResource res, Document doc) {
		List<FoldingRange> out = new ArrayList<>();
		if (res.getParseResult() == null) {
			return out;
		}
		for (ILeafNode leaf : res.getParseResult().getRootNode().getLeafNodes()) {
			if (leaf.isHidden() && leaf.getText().startsWith("/*") && leaf.getStartLine() < leaf.getEndLine()) {
				FoldingRange f = new FoldingRange(leaf.getStartLine() - 1, leaf.getEndLine() - 1);
				f.setKind(FoldingRangeKind.Comment);
				out.add(f);
			}
		}
		return out;
	}
}
