package dev.mapl.dsl.formatting2;

import dev.mapl.dsl.mapl.Element;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Import;
import dev.mapl.dsl.mapl.Membership;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.OutcomeBlock;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.PolicyMember;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatting;
import org.eclipse.xtext.formatting2.internal.CommentReplacer;
import org.eclipse.xtext.formatting2.internal.HiddenRegionReplacer;
import org.eclipse.xtext.formatting2.internal.MultilineCommentReplacer;
import org.eclipse.xtext.formatting2.internal.SinglelineDocCommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;

/**
 * The canonical layout of MAPL files: four-space indentation, one declaration per line, one blank
 * line between top-level elements, at most one kept blank line inside blocks, single spaces around
 * binary operators and none inside dotted names, parentheses or value sets.
 *
 * <p>Token spacing is set once for the whole file at low priority; block structure (line breaks,
 * indentation) is set per element and wins over it. Formatting is idempotent and changes only
 * whitespace, so it never changes meaning (both are tested).
 */
public class MaplFormatter extends AbstractJavaFormatter {

	protected void format(Model model, IFormattableDocument doc) {
		spaceTokens(doc);
		var root = getTextRegionAccess().regionForRootEObject();
		IHiddenRegion start = root.getPreviousHiddenRegion();
		if (!start.containsComment()) {
			doc.set(start, hf -> hf.noSpace()); // a leading comment keeps its place and its line
		}
		IHiddenRegion end = root.getNextHiddenRegion();
		// comments after the last element may keep the blank line before them
		doc.set(end, hf -> hf.setNewLines(1, 1, end.containsComment() ? 2 : 1));
		boolean first = model.getName() == null;
		for (Import imp : model.getImports()) {
			doc.prepend(imp, hf -> hf.setNewLines(model.getName() == null && imp == model.getImports().get(0) ? 0 : 1,
					model.getName() != null && imp == model.getImports().get(0) ? 2 : 1, 2));
			first = false;
		}
		Element previous = null;
		for (Element element : model.getElements()) {
			if (!first) {
				// a run of assumptions or definitions may stay together; other elements get a blank line
				boolean run = previous != null && previous.eClass() == element.eClass()
						&& (element instanceof dev.mapl.dsl.mapl.Assumption || element instanceof dev.mapl.dsl.mapl.Let);
				doc.prepend(element, hf -> {
					if (run) {
						hf.setNewLines(1, 1, 2);
					} else {
						hf.setNewLines(2);
					}
				});
			}
			first = false;
			previous = element;
			doc.format(element);
		}
	}

	protected void format(FactGroup group, IFormattableDocument doc) {
		block(group, group.getFacts(), doc);
		group.getFacts().forEach(doc::format);
	}

	protected void format(OutcomeBlock block, IFormattableDocument doc) {
		block(block, block.getOutcomes(), doc);
	}

	protected void format(Policy policy, IFormattableDocument doc) {
		block(policy, policy.getMembers(), doc);
	}

	protected void format(dev.mapl.dsl.mapl.CBindings bindings, IFormattableDocument doc) {
		block(bindings, bindings.eContents(), doc); // includes and bindings, in source order
		bindings.getBindings().forEach(doc::format);
	}

	protected void format(dev.mapl.dsl.mapl.CTarget target, IFormattableDocument doc) {
		block(target, target.getMembers(), doc);
		target.getMembers().forEach(doc::format);
	}

	protected void format(dev.mapl.dsl.mapl.CFactBinding binding, IFormattableDocument doc) {
		// `fact prot = "..." { MT_NORMAL = "MT_NORMAL" }`: values inline, like an enum declaration
		ISemanticRegion open = regionFor(binding).keyword("{");
		if (open != null) {
			doc.prepend(open, hf -> hf.oneSpace());
			doc.append(open, hf -> hf.oneSpace());
			doc.prepend(regionFor(binding).keyword("}"), hf -> hf.oneSpace());
		}
	}

	protected void format(EnumFact fact, IFormattableDocument doc) {
		// `enum prot { A, B }`: one space inside the braces of a declaration
		doc.append(regionFor(fact).keyword("{"), hf -> hf.oneSpace());
		doc.prepend(regionFor(fact).keyword("}"), hf -> hf.oneSpace());
	}

	/** Braces on the declaration's line, one member per line, indented; keeps up to one blank line. */
	private void block(EObject owner, List<? extends EObject> members, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		if (open == null || close == null) {
			return;
		}
		doc.prepend(open, hf -> hf.oneSpace());
		doc.interior(open, close, hf -> hf.indent());
		for (int i = 0; i < members.size(); i++) {
			EObject m = members.get(i);
			if (i == 0) {
				doc.prepend(m, hf -> hf.setNewLines(1));
			} else {
				doc.prepend(m, hf -> hf.setNewLines(1, 1, 2));
			}
		}
		doc.prepend(close, hf -> hf.setNewLines(1));
	}

	/** Default spacing between any two tokens, overridden by the block rules above. */
	private void spaceTokens(IFormattableDocument doc) {
		ISemanticRegion previous = null;
		for (ISemanticRegion region : getTextRegionAccess().regionForRootEObject().getAllSemanticRegions()) {
			if (previous != null) {
				IHiddenRegion between = region.getPreviousHiddenRegion();
				boolean tight = tightAfter(previous) || tightBefore(region);
				doc.set(between, hf -> {
					if (tight) {
						hf.noSpace();
					} else {
						hf.oneSpace();
					}
					hf.lowPriority();
				});
			}
			previous = region;
		}
	}

	private static boolean tightAfter(ISemanticRegion r) {
		String t = r.getText();
		return t.equals(".") || t.equals("!") || t.equals("(") || t.equals("[")
				|| t.equals("{") && r.getSemanticElement() instanceof Membership;
	}

	private static boolean tightBefore(ISemanticRegion r) {
		String t = r.getText();
		return t.equals(".") || t.equals(".*") || t.equals(")") || t.equals("]") || t.equals(",") || t.equals(":")
				|| t.equals("}") && r.getSemanticElement() instanceof Membership;
	}

	/**
	 * Comments are kept to the character: Xtext's replacers would put ` * ` before every line of a
	 * block comment (commented-out code and doc text alike) and a space after `//`. Only the
	 * whitespace around a comment is formatted, as Xtext's replacer for that comment would.
	 */
	@Override
	public ITextReplacer createCommentReplacer(IComment comment) {
		ITextReplacer xtext = super.createCommentReplacer(comment);
		if (xtext instanceof MultilineCommentReplacer) {
			return new MultilineCommentReplacer(comment, '*') {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}
			};
		}
		if (xtext instanceof SinglelineDocCommentReplacer) {
			return new SinglelineDocCommentReplacer(comment, "//") {
				@Override
				public ITextReplacerContext createReplacements(ITextReplacerContext context) {
					return context;
				}
			};
		}
		return xtext; // a `//` comment at the start of its line: Xtext changes nothing in it
	}

	/**
	 * Where the line breaks and indentation of a hidden region with comments go, decided the same
	 * way for the formatted text as for the input, so that formatting is idempotent. Xtext puts the
	 * element's line breaks on the first whitespace that already holds a line break, which moves
	 * once a block comment has been put on a line of its own; here a whitespace next to a multi-line
	 * block comment counts as holding one. Comments between braces are indented with the members.
	 */
	@Override
	public ITextReplacer createHiddenRegionReplacer(IHiddenRegion region, IHiddenRegionFormatting formatting) {
		return new HiddenRegionReplacer(region, formatting) {
			@Override
			protected WhitespaceReplacer findWhitespaceThatSeparatesSemanticRegions(List<ITextReplacer> replacers) {
				for (int i = 0; i < replacers.size(); i++) {
					if (replacers.get(i) instanceof WhitespaceReplacer w
							&& (w.getRegion().isMultiline() || multilineComment(replacers, i - 1)
									|| multilineComment(replacers, i + 1) && w.getRegion().getOffset() > 0)) {
						return w;
					}
				}
				return (WhitespaceReplacer) replacers.get(replacers.size() - 1);
			}

			@Override
			protected void applyPriorityAndDefaultFormatting(List<ITextReplacer> replacers,
					IHiddenRegionFormatting separator) {
				super.applyPriorityAndDefaultFormatting(replacers, separator);
				// a blank line between two comments is kept, as between declarations
				for (int i = 1; i + 1 < replacers.size(); i++) {
					if (replacers.get(i) instanceof WhitespaceReplacer w && w.getFormatting() != separator
							&& replacers.get(i - 1) instanceof CommentReplacer && replacers.get(i + 1) instanceof CommentReplacer) {
						w.getFormatting().setNewLinesMax(2);
					}
				}
			}

			@Override
			protected void applyIndentation(List<ITextReplacer> replacers, IHiddenRegionFormatting separator) {
				Integer inc = getFormatting().getIndentationIncrease();
				Integer dec = getFormatting().getIndentationDecrease();
				if (inc != null) {
					((WhitespaceReplacer) replacers.get(0)).getFormatting().setIndentationIncrease(inc);
				}
				if (dec != null) {
					((WhitespaceReplacer) replacers.get(replacers.size() - 1)).getFormatting().setIndentationDecrease(dec);
				}
			}
		};
	}

	private static boolean multilineComment(List<ITextReplacer> replacers, int i) {
		return i >= 0 && i < replacers.size() && replacers.get(i) instanceof MultilineCommentReplacer c
				&& c.getComment().isMultiline();
	}

	// Keep the generated dispatch happy for types without their own layout.
	protected void format(Fact fact, IFormattableDocument doc) {
		if (fact instanceof EnumFact e) {
			format(e, doc);
		}
	}

	protected void format(Outcome outcome, IFormattableDocument doc) {
	}

	protected void format(PolicyMember member, IFormattableDocument doc) {
	}
}
