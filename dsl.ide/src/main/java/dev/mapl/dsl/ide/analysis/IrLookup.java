package dev.mapl.dsl.ide.analysis;

import dev.mapl.ir.Expr;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/** From an AST node of the analysed text to its IR counterpart, by source span. */
public final class IrLookup {

	private IrLookup() {
	}

	public static Optional<Policy> policy(FileAnalysis a, dev.mapl.dsl.mapl.Policy ast) {
		ICompositeNode n = NodeModelUtils.getNode(ast);
		if (a == null || n == null) {
			return Optional.empty();
		}
		return a.model().policies().stream().filter(p -> p.span().file().equals(a.uri())
				&& inside(p.span().offset(), n)).findFirst();
	}

	public static Optional<Rule> rule(Policy p, EObject astRule) {
		ICompositeNode n = NodeModelUtils.getNode(astRule);
		return n == null ? Optional.empty()
				: p.rules().stream().filter(r -> !r.isDelegated() && inside(r.span().offset(), n)).findFirst();
	}

	private static boolean inside(int offset, ICompositeNode n) {
		return offset >= n.getOffset() && offset < n.getEndOffset();
	}

	/** Where the rule decides: its condition, minus earlier rules under `first`. */
	public static Expr firing(Policy p, Rule r) {
		if (p.hitPolicy() != HitPolicy.FIRST) {
			return r.condition();
		}
		List<Expr> parts = new ArrayList<>();
		for (Rule earlier : p.rules()) {
			if (earlier == r) {
				break;
			}
			if (!earlier.otherwise()) {
				parts.add(new Expr.Not(earlier.condition(), r.span()));
			}
		}
		if (!r.otherwise()) {
			parts.add(r.condition());
		}
		return parts.isEmpty() ? new Expr.Const(true, r.span()) : new Expr.And(parts, r.span());
	}
}
