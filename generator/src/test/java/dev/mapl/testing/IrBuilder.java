package dev.mapl.testing;

import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Exprs;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Invariant;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds IR directly for tests, with expressions in MAPL syntax:
 *
 * <pre>
 * Model m = new IrBuilder()
 *     .bool("VM_PFNMAP", "VM_MTE_ALLOWED", "guest.mte")
 *     .enumeration("prot", "MT_NORMAL", "MT_DEVICE_nGnRE")
 *     .outcome("Normal", "cacheable").outcome("Device")
 *     .policy("stage2", HitPolicy.FIRST)
 *         .rule("r1", "VM_PFNMAP &amp; prot == MT_DEVICE_nGnRE", "Device")
 *         .otherwise("Normal")
 *         .test("device", "VM_PFNMAP, prot = MT_DEVICE_nGnRE", "Device")
 *     .end().build();
 * </pre>
 *
 * Every element gets its own line of a virtual file {@code test.mapl}: line N starts at offset
 * 100 * N, so findings sort in declaration order. Unlabelled rules are named {@code line N}.
 */
public final class IrBuilder {

	public static final String FILE = "test.mapl";

	private final List<Fact> facts = new ArrayList<>();
	private final List<Outcome> outcomes = new ArrayList<>();
	private final List<Assumption> assumptions = new ArrayList<>();
	private final List<Policy> policies = new ArrayList<>();
	private int line = 0;

	SourceSpan nextSpan(int length) {
		line++;
		return new SourceSpan(FILE, line * 100, length, line, 1);
	}

	int line() {
		return line;
	}

	public IrBuilder bool(String... names) {
		for (String n : names) {
			facts.add(new Fact(n, List.of(), "", nextSpan(n.length())));
		}
		return this;
	}

	public IrBuilder enumeration(String name, String... values) {
		facts.add(new Fact(name, List.of(values), "", nextSpan(name.length())));
		return this;
	}

	public IrBuilder outcome(String name, String... attributes) {
		outcomes.add(new Outcome(outcomes.size(), name, List.of(attributes), "", nextSpan(name.length())));
		return this;
	}

	/** A model-level assumption. */
	public IrBuilder assume(String expr) {
		assumptions.add(new Assumption(parse(expr), "", nextSpan(expr.length())));
		return this;
	}

	public PolicyBuilder policy(String name, HitPolicy hitPolicy) {
		return new PolicyBuilder(name, hitPolicy, nextSpan(name.length()));
	}

	public Model build() {
		return new Model(facts, outcomes, assumptions, policies);
	}

	public int fact(String name) {
		for (int i = 0; i < facts.size(); i++) {
			if (facts.get(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalArgumentException("unknown fact " + name);
	}

	public int outcomeIndex(String name) {
		for (Outcome o : outcomes) {
			if (o.name().equals(name)) {
				return o.index();
			}
		}
		throw new IllegalArgumentException("unknown outcome " + name);
	}

	public Expr parse(String text) {
		return new Parser(text).parse();
	}

	/** Builds one policy; {@link #end()} adds it to the model. */
	public final class PolicyBuilder {
		private final String name;
		private final HitPolicy hitPolicy;
		private final SourceSpan span;
		private final List<Assumption> own = new ArrayList<>();
		private final List<Rule> rules = new ArrayList<>();
		private final List<Invariant> invariants = new ArrayList<>();
		private final List<PolicyTest> tests = new ArrayList<>();

		PolicyBuilder(String name, HitPolicy hitPolicy, SourceSpan span) {
			this.name = name;
			this.hitPolicy = hitPolicy;
			this.span = span;
		}

		public PolicyBuilder assume(String expr) {
			own.add(new Assumption(parse(expr), "", nextSpan(expr.length())));
			return this;
		}

		/** A labelled rule. */
		public PolicyBuilder rule(String label, String when, String outcome) {
			return add(label, when, outcome, null);
		}

		/** An unlabelled rule, named {@code line N}. */
		public PolicyBuilder rule(String when, String outcome) {
			return add(null, when, outcome, null);
		}

		/** A labelled rule with an {@code if} guard. */
		public PolicyBuilder rule(String label, String when, String outcome, String guard) {
			return add(label, when, outcome, guard);
		}

		public PolicyBuilder otherwise(String outcome) {
			return add(null, null, outcome, null);
		}

		public PolicyBuilder otherwise(String label, String outcome) {
			return add(label, null, outcome, null);
		}

		private PolicyBuilder add(String label, String when, String outcome, String guard) {
			SourceSpan s = nextSpan(10);
			Expr w = when == null ? new Expr.Const(true, s) : parse(when);
			String n = label != null ? label : "line " + s.line();
			rules.add(new Rule(rules.size(), n, label != null, when == null, w,
					Optional.ofNullable(guard).map(IrBuilder.this::parse), outcomeIndex(outcome), "", s));
			return this;
		}

		public PolicyBuilder invariant(String name, String expr) {
			invariants.add(new Invariant(name, parse(expr), "", nextSpan(name.length())));
			return this;
		}

		/** {@code test "name": literals => expected}; literals like {@code A, !B, prot = X}. */
		public PolicyBuilder test(String name, String literals, String expected) {
			SourceSpan s = nextSpan(name.length());
			List<PolicyTest.Literal> lits = new ArrayList<>();
			for (String part : literals.split(",")) {
				String t = part.trim();
				if (t.isEmpty()) {
					continue;
				}
				if (t.contains("=")) {
					String[] kv = t.split("=");
					int f = fact(kv[0].trim());
					int v = facts.get(f).indexOf(kv[1].trim());
					if (v < 0) {
						throw new IllegalArgumentException("unknown value " + t);
					}
					lits.add(new PolicyTest.Literal(f, v, s));
				} else if (t.startsWith("!")) {
					lits.add(new PolicyTest.Literal(fact(t.substring(1).trim()), 0, s));
				} else {
					lits.add(new PolicyTest.Literal(fact(t), 1, s));
				}
			}
			tests.add(new PolicyTest(name, lits, outcomeIndex(expected), s));
			return this;
		}

		public IrBuilder end() {
			BitSet used = new BitSet();
			for (Assumption a : own) {
				used.or(Exprs.factsOf(a.expr()));
			}
			for (Rule r : rules) {
				used.or(Exprs.factsOf(r.condition()));
			}
			for (Invariant i : invariants) {
				used.or(Exprs.factsOf(i.expr()));
			}
			for (PolicyTest t : tests) {
				for (var l : t.literals()) {
					used.set(l.fact());
				}
			}
			boolean[] applies = new boolean[assumptions.size()];
			boolean changed = true;
			while (changed) {
				changed = false;
				for (int i = 0; i < assumptions.size(); i++) {
					BitSet fs = Exprs.factsOf(assumptions.get(i).expr());
					if (!applies[i] && fs.intersects(used)) {
						applies[i] = true;
						used.or(fs);
						changed = true;
					}
				}
			}
			List<Assumption> all = new ArrayList<>();
			for (int i = 0; i < assumptions.size(); i++) {
				if (applies[i]) {
					all.add(assumptions.get(i));
				}
			}
			all.addAll(own);
			List<Integer> inputs = used.stream().boxed().toList();
			policies.add(new Policy(name, hitPolicy, inputs, all, rules, invariants, tests, "", span));
			return IrBuilder.this;
		}
	}

	/** MAPL expressions: {@code =>} (right-assoc), {@code |}, {@code &}, {@code !}, atoms. */
	private final class Parser {
		private final String s;
		private int pos;
		private final SourceSpan span = new SourceSpan(FILE, 0, 0, 0, 0);

		Parser(String s) {
			this.s = s;
		}

		Expr parse() {
			Expr e = implication();
			skip();
			if (pos != s.length()) {
				throw error("trailing input");
			}
			return e;
		}

		private Expr implication() {
			Expr left = disjunction();
			if (eat("=>")) {
				return new Expr.Implies(left, implication(), span);
			}
			return left;
		}

		private Expr disjunction() {
			List<Expr> ops = new ArrayList<>(List.of(conjunction()));
			while (eat("|")) {
				ops.add(conjunction());
			}
			return ops.size() == 1 ? ops.get(0) : new Expr.Or(ops, span);
		}

		private Expr conjunction() {
			List<Expr> ops = new ArrayList<>(List.of(negation()));
			while (eat("&")) {
				ops.add(negation());
			}
			return ops.size() == 1 ? ops.get(0) : new Expr.And(ops, span);
		}

		private Expr negation() {
			skip();
			if (s.startsWith("!", pos) && !s.startsWith("!=", pos)) {
				pos++;
				return new Expr.Not(negation(), span);
			}
			return primary();
		}

		private Expr primary() {
			if (eat("(")) {
				Expr e = implication();
				expect(")");
				return e;
			}
			String id = ident();
			if (id.equals("true") || id.equals("false")) {
				return new Expr.Const(id.equals("true"), span);
			}
			int f = -1;
			for (int i = 0; i < facts.size(); i++) {
				if (facts.get(i).name().equals(id)) {
					f = i;
				}
			}
			if (f >= 0) {
				Fact fact = facts.get(f);
				if (eat("==")) {
					return new Expr.EnumIn(f, Set.of(value(fact, ident())), span);
				}
				if (eat("!=")) {
					int v = value(fact, ident());
					Set<Integer> vs = new TreeSet<>();
					for (int i = 0; i < fact.domainSize(); i++) {
						if (i != v) {
							vs.add(i);
						}
					}
					return new Expr.EnumIn(f, vs, span);
				}
				if (eat("in")) {
					expect("{");
					Set<Integer> vs = new TreeSet<>();
					do {
						vs.add(value(fact, ident()));
					} while (eat(","));
					expect("}");
					return new Expr.EnumIn(f, vs, span);
				}
				if (!fact.isBoolean()) {
					throw error("enum fact " + id + " needs ==, != or in");
				}
				return new Expr.BoolFact(f, span);
			}
			for (Outcome o : outcomes) {
				if (o.name().equals(id)) {
					return new Expr.OutcomeIs(o.index(), span);
				}
			}
			for (Outcome o : outcomes) {
				if (o.has(id)) {
					return new Expr.HasAttribute(id, span);
				}
			}
			throw error("unknown name " + id);
		}

		private int value(Fact fact, String name) {
			int v = fact.indexOf(name);
			if (v < 0) {
				throw error("unknown value " + name + " of " + fact.name());
			}
			return v;
		}

		private String ident() {
			skip();
			int start = pos;
			while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
					|| s.charAt(pos) == '.')) {
				pos++;
			}
			if (start == pos) {
				throw error("name expected");
			}
			return s.substring(start, pos);
		}

		private boolean eat(String tok) {
			skip();
			if (s.startsWith(tok, pos)) {
				if (Character.isLetter(tok.charAt(0)) && pos + tok.length() < s.length()
						&& Character.isLetterOrDigit(s.charAt(pos + tok.length()))) {
					return false;
				}
				pos += tok.length();
				return true;
			}
			return false;
		}

		private void expect(String tok) {
			if (!eat(tok)) {
				throw error("expected " + tok);
			}
		}

		private void skip() {
			while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
				pos++;
			}
		}

		private IllegalArgumentException error(String msg) {
			return new IllegalArgumentException(msg + " at " + pos + " in `" + s + "`");
		}
	}
}
