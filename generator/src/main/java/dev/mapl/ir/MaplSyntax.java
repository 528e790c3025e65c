package dev.mapl.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * IR rules and expressions printed back in MAPL syntax, for the comments of generated code, commit
 * messages and DMN descriptions.
 */
public final class MaplSyntax {

	private MaplSyntax() {
	}

	/** {@code label: when -> Outcome if guard}; unlabelled rules without the label. */
	public static String rule(Model model, Rule r) {
		String head = r.labelled() ? r.name() + ": " : "";
		String when = r.otherwise() ? "otherwise" : expr(model, r.when());
		String guard = r.guard().map(g -> " if " + expr(model, g)).orElse("");
		return head + when + " -> " + model.outcome(r.outcome()).name() + guard;
	}

	public static String expr(Model model, Expr e) {
		return expr(model, e, 0);
	}

	// Precedence: 0 implies, 1 or, 2 and, 3 not and atoms.
	private static String expr(Model model, Expr e, int context) {
		if (e instanceof Expr.Const c) {
			return Boolean.toString(c.value());
		} else if (e instanceof Expr.BoolFact b) {
			return model.fact(b.fact()).name();
		} else if (e instanceof Expr.EnumIn in) {
			return enumIn(model.fact(in.fact()), in);
		} else if (e instanceof Expr.Not n) {
			// `!prot == X` would read as `!(prot == X)` too, but the parentheses say so.
			return n.operand() instanceof Expr.EnumIn ? "!(" + expr(model, n.operand(), 0) + ")"
					: "!" + expr(model, n.operand(), 3);
		} else if (e instanceof Expr.And a) {
			return join(model, a.operands(), " & ", 2, context);
		} else if (e instanceof Expr.Or o) {
			return join(model, o.operands(), " | ", 1, context);
		} else if (e instanceof Expr.Implies i) {
			String s = expr(model, i.left(), 1) + " => " + expr(model, i.right(), 0);
			return context > 0 ? "(" + s + ")" : s;
		} else if (e instanceof Expr.OutcomeIs o) {
			return model.outcome(o.outcome()).name();
		} else if (e instanceof Expr.HasAttribute h) {
			return h.attribute();
		}
		throw new IllegalArgumentException("unknown expression " + e);
	}

	private static String join(Model model, List<Expr> ops, String sep, int level, int context) {
		if (ops.isEmpty()) {
			return level == 2 ? "true" : "false";
		}
		List<String> parts = new ArrayList<>();
		for (Expr o : ops) {
			parts.add(expr(model, o, ops.size() == 1 ? context : level + 1));
		}
		String s = String.join(sep, parts);
		return context > level && ops.size() > 1 ? "(" + s + ")" : s;
	}

	private static String enumIn(Fact f, Expr.EnumIn in) {
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
	}
}
