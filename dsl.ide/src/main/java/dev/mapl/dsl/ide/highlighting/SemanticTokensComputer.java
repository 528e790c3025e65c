package dev.mapl.dsl.ide.highlighting;

import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.CBindings;
import dev.mapl.dsl.mapl.EnumValue;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.Let;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.PolicyTest;
import dev.mapl.dsl.mapl.Rule;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Semantic tokens from the node model: keywords, comments (doc comments with the
 * {@code documentation} modifier), strings, operators, and every name by what it names: facts,
 * groups, enum values, outcomes, attributes, policies, rule and invariant labels, definitions.
 */
public final class SemanticTokensComputer {

	public static final List<String> TYPES = List.of("keyword", "comment", "string", "operator", "variable",
			"namespace", "enumMember", "enum", "property", "class", "function", "macro", "number");

	public static final List<String> MODIFIERS = List.of("declaration", "documentation", "readonly");

	public static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TYPES, MODIFIERS);

	private static final int DECLARATION = 1;
	private static final int DOCUMENTATION = 2;

	private SemanticTokensComputer() {
	}

	private record Token(int offset, int length, int type, int modifiers) {
	}

	/** The encoded tokens of the file, or of the lines the range touches. */
	public static List<Integer> compute(XtextResource resource, Document doc, Range range) {
		String text = doc.getContents();
		int[] lineStarts = lineStarts(text);
		List<Token> tokens = new ArrayList<>();
		if (resource.getParseResult() != null) {
			for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
				Token t = classify(leaf);
				if (t != null && t.length() > 0) {
					splitLines(t, text, tokens);
				}
			}
		}
		List<Integer> out = new ArrayList<>();
		int prevLine = 0;
		int prevChar = 0;
		for (Token t : tokens) {
			int line = lineOf(lineStarts, t.offset());
			int ch = t.offset() - lineStarts[line];
			if (range != null && (line < range.getStart().getLine() || line > range.getEnd().getLine())) {
				continue;
			}
			out.add(line - prevLine);
			out.add(line == prevLine ? ch - prevChar : ch);
			out.add(t.length());
			out.add(t.type());
			out.add(t.modifiers());
			prevLine = line;
			prevChar = ch;
		}
		return out;
	}

	private static void splitLines(Token t, String text, List<Token> out) {
		int start = t.offset();
		int end = Math.min(text.length(), t.offset() + t.length());
		while (start < end) {
			int nl = text.indexOf('\n', start);
			int stop = nl < 0 || nl >= end ? end : nl;
			int len = stop - start;
			if (len > 0 && text.charAt(stop - 1) == '\r') {
				len--;
			}
			if (len > 0) {
				out.add(new Token(start, len, t.type(), t.modifiers()));
			}
			start = stop + 1;
		}
	}

	private static Token classify(ILeafNode leaf) {
		EObject ge = leaf.getGrammarElement();
		int off = leaf.getOffset();
		int len = leaf.getLength();
		if (leaf.isHidden()) {
			if (ge instanceof TerminalRule r && r.getName().endsWith("COMMENT")) {
				boolean doc = leaf.getText().startsWith("/**") && !leaf.getText().startsWith("/**/");
				int l = leaf.getText().endsWith("\n") ? len - 1 : len;
				return new Token(off, l, type("comment"), doc ? DOCUMENTATION : 0);
			}
			return null;
		}
		CrossReference cr = GrammarUtil.containingCrossReference(ge);
		INode parent = leaf.getParent();
		if (cr == null && parent != null && parent.getGrammarElement() != null) {
			cr = GrammarUtil.containingCrossReference(parent.getGrammarElement());
		}
		if (cr != null) {
			EObject target = target(leaf, cr);
			boolean qualifierPart = ge instanceof Keyword k && k.getValue().equals(".");
			if (qualifierPart) {
				return null;
			}
			if (target != null && isGroupSegment(leaf, target)) {
				return new Token(off, len, type("namespace"), 0);
			}
			return target == null ? null : new Token(off, len, typeOf(target), 0);
		}
		Assignment a = GrammarUtil.containingAssignment(ge);
		if (a == null && parent != null && parent.getGrammarElement() instanceof RuleCall) {
			a = GrammarUtil.containingAssignment(parent.getGrammarElement());
		}
		if (a != null && "name".equals(a.getFeature())) {
			EObject owner = NodeModelUtils.findActualSemanticObjectFor(leaf);
			if (owner instanceof PolicyTest) {
				return new Token(off, len, type("string"), DECLARATION);
			}
			if (owner instanceof Model) {
				return ge instanceof Keyword k && k.getValue().equals(".") ? null : new Token(off, len, type("namespace"), 0);
			}
			return owner == null ? null : new Token(off, len, typeOf(owner), DECLARATION);
		}
		if (a != null && "importedNamespace".equals(a.getFeature())) {
			return new Token(off, len, type("namespace"), 0);
		}
		if (ge instanceof Keyword k) {
			String v = k.getValue();
			return Character.isLetter(v.charAt(0)) ? new Token(off, len, type("keyword"), 0) : new Token(off, len, type("operator"), 0);
		}
		if (ge instanceof RuleCall rc && rc.getRule() != null && "STRING".equals(rc.getRule().getName())) {
			return new Token(off, len, type("string"), 0);
		}
		if (a != null && ("hitPolicy".equals(a.getFeature()) || "style".equals(a.getFeature()) || "op".equals(a.getFeature()))) {
			return new Token(off, len, type("keyword"), 0);
		}
		return null;
	}

	/** In {@code guest.mte}, {@code guest} names the group. */
	private static boolean isGroupSegment(ILeafNode leaf, EObject target) {
		if (!(target instanceof Fact)) {
			return false;
		}
		INode next = leaf.getNextSibling();
		while (next != null && next instanceof ILeafNode l && l.isHidden()) {
			next = next.getNextSibling();
		}
		return next != null && ".".equals(next.getText());
	}

	private static EObject target(ILeafNode leaf, CrossReference cr) {
		EObject owner = NodeModelUtils.findActualSemanticObjectFor(leaf);
		if (owner == null) {
			return null;
		}
		EReference ref = GrammarUtil.getReference(cr, owner.eClass());
		if (ref == null) {
			return null;
		}
		Object v = owner.eGet(ref, true);
		if (v instanceof EObject o) {
			return o.eIsProxy() ? null : o;
		}
		if (v instanceof List<?> list) {
			// `in {A, B}`: the n-th cross-reference node of this feature is the n-th value
			List<INode> nodes = NodeModelUtils.findNodesForFeature(owner, ref);
			for (int i = 0; i < nodes.size() && i < list.size(); i++) {
				INode n = nodes.get(i);
				if (n.getOffset() <= leaf.getOffset() && leaf.getOffset() < n.getOffset() + n.getLength()) {
					Object o = list.get(i);
					return o instanceof EObject e && !e.eIsProxy() ? e : null;
				}
			}
		}
		return null;
	}

	private static int typeOf(EObject o) {
		if (o instanceof Fact) {
			return type("variable");
		} else if (o instanceof FactGroup || o instanceof CBindings) {
			return type("namespace");
		} else if (o instanceof EnumValue) {
			return type("enumMember");
		} else if (o instanceof Outcome) {
			return type("enum");
		} else if (o instanceof Attribute) {
			return type("property");
		} else if (o instanceof Policy) {
			return type("class");
		} else if (o instanceof Rule || o instanceof Invariant) {
			return type("function");
		} else if (o instanceof Let) {
			return type("macro");
		}
		return EcoreUtil2.getContainerOfType(o, Policy.class) != null ? type("function") : type("variable");
	}

	private static int type(String name) {
		return TYPES.indexOf(name);
	}

	private static int[] lineStarts(String text) {
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				starts.add(i + 1);
			}
		}
		return starts.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int lineOf(int[] starts, int offset) {
		int i = java.util.Arrays.binarySearch(starts, offset);
		return i >= 0 ? i : -i - 2;
	}
}
