package dev.mapl.emit.java;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Rule conditions and assumptions as Java boolean expressions over the typed parameters:
 * {@code guestMte && !vmMteAllowed}, {@code prot == Prot.MT_NORMAL || prot == Prot.MT_NORMAL_TAGGED}.
 */
final class JavaConditions {

	private final JavaPlan plan;

	JavaConditions(JavaPlan plan) {
		this.plan = plan;
	}

	// Precedence: 1 ||, 2 &&, 3 unary, ==, atoms.
	String render(Expr e) {
		return render(e, 0);
	}

	private String render(Expr e, int context) {
		if (e instanceof Expr.Const c) {
			return Boolean.toString(c.value());
		} else if (e instanceof Expr.BoolFact b) {
			return plan.info(b.fact()).param;
		} else if (e instanceof Expr.EnumIn in) {
			return enumIn(in.fact(), new TreeSet<>(in.values()), context);
		} else if (e instanceof Expr.Not n) {
			Expr o = n.operand();
			if (o instanceof Expr.EnumIn in) {
				TreeSet<Integer> rest = new TreeSet<>();
				for (int v = 0; v < plan.model.fact(in.fact()).domainSize(); v++) {
					if (!in.values().contains(v)) {
						rest.add(v);
					}
				}
				return enumIn(in.fact(), rest, context);
			}
			if (o instanceof Expr.Const c) {
				return Boolean.toString(!c.value());
			}
			if (o instanceof Expr.Not nn) {
				return render(nn.operand(), context);
			}
			if (o instanceof Expr.Implies i) {
				return render(new Expr.And(List.of(i.left(), new Expr.Not(i.right(), i.span())), i.span()), context);
			}
			return "!" + render(o, 3);
		} else if (e instanceof Expr.And a) {
			return join(a.operands(), " && ", 2, context, "true");
		} else if (e instanceof Expr.Or o) {
			return join(o.operands(), " || ", 1, context, "false");
		} else if (e instanceof Expr.Implies i) {
			return join(List.of(new Expr.Not(i.left(), i.span()), i.right()), " || ", 1, context, "false");
		}
		throw new JavaEmitException("a rule or assumption of `" + plan.policy.name() + "` names an outcome or attribute");
	}

	private String join(List<Expr> ops, String sep, int level, int context, String empty) {
		if (ops.isEmpty()) {
			return empty;
		}
		if (ops.size() == 1) {
			return render(ops.get(0), context);
		}
		List<String> parts = new ArrayList<>();
		for (Expr o : ops) {
			// a && (b && c) is a && b && c; likewise for ||.
			boolean same = level == 2 ? o instanceof Expr.And : o instanceof Expr.Or || o instanceof Expr.Implies;
			parts.add(render(o, same ? level : level + 1));
		}
		String s = String.join(sep, parts);
		return context > level ? "(" + s + ")" : s;
	}

	private String enumIn(int fact, TreeSet<Integer> values, int context) {
		JavaPlan.FactInfo fi = plan.info(fact);
		Fact f = fi.f;
		if (values.isEmpty()) {
			return "false";
		}
		if (values.size() == f.domainSize()) {
			return "true";
		}
		List<String> parts = new ArrayList<>();
		String sep;
		if (values.size() * 2 <= f.domainSize() + 1) {
			for (int v : values) {
				parts.add(fi.param + " == " + fi.enumType + "." + fi.values.get(v));
			}
			sep = " || ";
		} else {
			for (int v = 0; v < f.domainSize(); v++) {
				if (!values.contains(v)) {
					parts.add(fi.param + " != " + fi.enumType + "." + fi.values.get(v));
				}
			}
			sep = " && ";
		}
		String s = String.join(sep, parts);
		int level = sep.equals(" || ") ? 1 : 2;
		return parts.size() > 1 && context > level ? "(" + s + ")" : s;
	}

	/**
	 * A rough size of the bytecode a condition compiles to, to keep methods small. Without
	 * recursion: a condition may be thousands of operators deep.
	 */
	static int cost(Expr e) {
		int cost = 0;
		java.util.Deque<Expr> todo = new java.util.ArrayDeque<>();
		todo.push(e);
		while (!todo.isEmpty()) {
			Expr x = todo.pop();
			if (x instanceof Expr.EnumIn in) {
				cost += 6 * Math.max(1, in.values().size());
			} else if (x instanceof Expr.Not n) {
				cost += 2;
				todo.push(n.operand());
			} else if (x instanceof Expr.And a) {
				cost += 1;
				a.operands().forEach(todo::push);
			} else if (x instanceof Expr.Or o) {
				cost += 1;
				o.operands().forEach(todo::push);
			} else if (x instanceof Expr.Implies i) {
				cost += 2;
				todo.push(i.left());
				todo.push(i.right());
			} else {
				cost += 4;
			}
		}
		return cost;
	}
}
