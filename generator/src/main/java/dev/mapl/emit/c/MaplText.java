package dev.mapl.emit.c;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.List;

/** Expressions and rules printed back in MAPL syntax, for comments and commit messages. */
final class MaplText {

	private MaplText() {
	}

	/** {@code label: when -> Outcome if guard}. */
	static String rule(Model model, Rule r) {
		String head = r.labelled() ? r.name() + ": " : "";
		String when = r.otherwise() ? "otherwise" : expr(model, r.when());
		String guard = r.guard().map(g -> " if " + expr(model, g)).orElse("");
		return head + when + " -> " + model.outcome(r.outcome()).name() + guard;
	}

	/** How generated code names a rule: its label, {@code otherwise}, or {@code rule at line N}. */
	static String ruleName(Rule r) {
		if (r.labelled()) {
			return r.name();
		}
		if (r.otherwise()) {
			return "otherwise";
		}
		return r.span().line() > 0 ? "rule at line " + r.span().line() : r.name();
	}

	static String expr(Model model, Expr e) {
		return expr(model, e, 0);
	}

	// Precedence levels: 0 implies, 1 or, 2 and, 3 not/atom.
	private static String expr(Model model, Expr e, int context) {
		if (e instanceof Expr.Const c) {
			return Boolean.toString(c.value());
		} else if (e instanceof Expr.BoolFact b) {
			return model.fact(b.fact()).name();
		} else if (e instanceof Expr.EnumIn in) {
			Fact f = model.fact(in.fact());
			if (in.values().size() == 1) {
				return f.name() + " == " + f.values().get(in.values().iterator().next());
			}
			if (in.values().size() == f.domainSize() - 1) {
				for (int v = 0; v < f.domainSize(); v++) {
					if (!in.values().contains(v)) {
						return f.name() + " != " + f.values().get(v);
					}
				}
			}
			List<String> vs = new ArrayList<>();
			for (int v : in.values()) {
				vs.add(f.values().get(v));
			}
			return f.name() + " in {" + String.join(", ", vs) + "}";
		} else if (e instanceof Expr.Not n) {
			String inner = expr(model, n.operand(), 3);
			return "!" + inner;
		} else if (e instanceof Expr.And a) {
			return paren(join(model, a.operands(), " & ", 2), context > 2);
		} else if (e instanceof Expr.Or o) {
			return paren(join(model, o.operands(), " | ", 1), context > 1);
		} else if (e instanceof Expr.Implies i) {
			return paren(expr(model, i.left(), 1) + " => " + expr(model, i.right(), 0), context > 0);
		} else if (e instanceof Expr.OutcomeIs o) {
			return model.outcome(o.outcome()).name();
		} else if (e instanceof Expr.HasAttribute h) {
			return h.attribute();
		}
		return e.toString();
	}

	private static String join(Model model, List<Expr> es, String sep, int level) {
		List<String> parts = new ArrayList<>();
		for (Expr x : es) {
			parts.add(expr(model, x, level + 1 > 3 ? 3 : level + 1));
		}
		return String.join(sep, parts);
	}

	private static String paren(String s, boolean p) {
		return p ? "(" + s + ")" : s;
	}
}
