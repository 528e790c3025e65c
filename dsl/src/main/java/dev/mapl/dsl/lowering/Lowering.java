package dev.mapl.dsl.lowering;

import com.google.inject.Inject;
import dev.mapl.dsl.mapl.And;
import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.BoolFact;
import dev.mapl.dsl.mapl.BoolLiteral;
import dev.mapl.dsl.mapl.CompareOp;
import dev.mapl.dsl.mapl.Comparison;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.EnumValue;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Implies;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.Membership;
import dev.mapl.dsl.mapl.Not;
import dev.mapl.dsl.mapl.Or;
import dev.mapl.dsl.mapl.OutcomeBlock;
import dev.mapl.dsl.mapl.PolicyMember;
import dev.mapl.dsl.mapl.SymbolRef;
import dev.mapl.dsl.mapl.TestLiteral;
import dev.mapl.dsl.naming.Names;
import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Exprs;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;

/**
 * Lowers the ASTs of a set of MAPL files into one immutable {@link Model}. The only place where
 * the EMF AST and the IR meet: everything downstream (analysis, interpreter, emitters) sees IR.
 *
 * <p>Call it on files without errors: it throws {@link LoweringException} on unresolved names.
 */
public class Lowering {

	@Inject
	private IEObjectDocumentationProvider documentation;

	private Function<Resource, String> pathOf = r -> r.getURI().toString();
	private final Map<EObject, Integer> factIndex = new HashMap<>();
	private final Map<EObject, Integer> outcomeIndex = new HashMap<>();
	private final List<Fact> facts = new ArrayList<>();
	private final List<Outcome> outcomes = new ArrayList<>();
	private final java.util.Set<EObject> expanding = new java.util.HashSet<>();
	private final Map<EObject, Policy> loweredPolicies = new HashMap<>();
	private List<Assumption> modelAssumptions = List.of();

	/**
	 * @param resources the files, in the order their declarations are numbered (callers sort them
	 *                  by path so that output does not depend on load order)
	 * @param pathOf    how spans name a file: a repo- or cwd-relative path for the CLI, a URI in the editor
	 */
	public Model lower(List<Resource> resources, Function<Resource, String> pathOf) {
		this.pathOf = pathOf;
		factIndex.clear();
		outcomeIndex.clear();
		loweredPolicies.clear();
		expanding.clear();
		facts.clear();
		outcomes.clear();
		List<dev.mapl.dsl.mapl.Model> asts = resources.stream()
				.filter(r -> !r.getContents().isEmpty() && r.getContents().get(0) instanceof dev.mapl.dsl.mapl.Model)
				.map(r -> (dev.mapl.dsl.mapl.Model) r.getContents().get(0)).toList();
		for (var ast : asts) {
			for (var element : ast.getElements()) {
				if (element instanceof FactGroup group) {
					for (var fact : group.getFacts()) {
						List<String> values = fact instanceof EnumFact e
								? e.getValues().stream().map(EnumValue::getName).toList()
								: List.of();
						factIndex.put(fact, facts.size());
						facts.add(new Fact(Names.factName(fact), values, doc(fact), span(fact)));
					}
				} else if (element instanceof OutcomeBlock block) {
					for (var o : block.getOutcomes()) {
						outcomeIndex.put(o, outcomes.size());
						outcomes.add(new Outcome(outcomes.size(), o.getName(),
								o.getAttributes().stream().map(Attribute::getName).toList(), doc(o), span(o)));
					}
				}
			}
		}
		List<Assumption> modelAssumptions = new ArrayList<>();
		for (var ast : asts) {
			for (var element : ast.getElements()) {
				if (element instanceof dev.mapl.dsl.mapl.Assumption a) {
					modelAssumptions.add(new Assumption(expr(a.getExpr()), doc(a), span(a)));
				}
			}
		}
		List<Policy> policies = new ArrayList<>();
		this.modelAssumptions = modelAssumptions;
		for (var ast : asts) {
			for (var element : ast.getElements()) {
				if (element instanceof dev.mapl.dsl.mapl.Policy p) {
					policies.add(policy(p));
				}
			}
		}
		List<dev.mapl.ir.CTarget> targets = new ArrayList<>();
		for (var ast : asts) {
			for (var element : ast.getElements()) {
				if (element instanceof dev.mapl.dsl.mapl.CTarget t) {
					targets.add(cTarget(t));
				}
			}
		}
		return new Model(facts, outcomes, modelAssumptions, policies, targets);
	}

	/** A C target with the bindings it uses merged under its own (its own win). */
	private dev.mapl.ir.CTarget cTarget(dev.mapl.dsl.mapl.CTarget t) {
		String file = null;
		String prototype = null;
		Optional<String> region = Optional.empty();
		dev.mapl.ir.CTarget.Style style = dev.mapl.ir.CTarget.Style.BRANCHES;
		List<String> includes = new ArrayList<>();
		List<String> kconfig = new ArrayList<>();
		List<dev.mapl.dsl.mapl.CBinding> bindings = new ArrayList<>();
		for (var m : t.getMembers()) {
			if (m instanceof dev.mapl.dsl.mapl.CUse u) {
				bindings.addAll(resolved(u.getBindings()).getBindings());
				u.getBindings().getIncludes().forEach(i -> includes.add(i.getHeader()));
				u.getBindings().getKconfigs().stream().map(k -> k.getDependency()).filter(k -> !kconfig.contains(k))
						.forEach(kconfig::add);
			}
		}
		for (var m : t.getMembers()) {
			if (m instanceof dev.mapl.dsl.mapl.CFile f) {
				file = f.getPath();
			} else if (m instanceof dev.mapl.dsl.mapl.CFunction f) {
				prototype = f.getPrototype();
			} else if (m instanceof dev.mapl.dsl.mapl.CInclude i && !includes.contains(i.getHeader())) {
				includes.add(i.getHeader());
			} else if (m instanceof dev.mapl.dsl.mapl.CKconfig k && !kconfig.contains(k.getDependency())) {
				kconfig.add(k.getDependency());
			} else if (m instanceof dev.mapl.dsl.mapl.CRegion r) {
				region = Optional.of(r.getPath());
			} else if (m instanceof dev.mapl.dsl.mapl.CStyle st) {
				style = dev.mapl.ir.CTarget.Style.valueOf(st.getStyle().getName().toUpperCase(java.util.Locale.ROOT));
			} else if (m instanceof dev.mapl.dsl.mapl.CBinding b) {
				bindings.add(b);
			}
		}
		if (file == null && region.isPresent()) {
			// a region target writes no header: the file it writes is the one with the region
			file = region.get();
		}
		Map<Integer, String> factCode = new java.util.TreeMap<>();
		Map<Integer, List<String>> valueCode = new java.util.TreeMap<>();
		Map<Integer, String> outcomeCode = new java.util.TreeMap<>();
		for (var b : bindings) {
			if (b instanceof dev.mapl.dsl.mapl.CFactBinding fb) {
				int f = fact(fb.getFact());
				factCode.put(f, fb.getCode());
				if (fb.getFact() instanceof EnumFact e) {
					List<String> consts = new ArrayList<>(e.getValues().stream().map(EnumValue::getName).toList());
					for (var vb : fb.getValues()) {
						consts.set(e.getValues().indexOf(resolved(vb.getValue())), vb.getCode());
					}
					valueCode.put(f, consts);
				}
			} else if (b instanceof dev.mapl.dsl.mapl.COutcomeBinding ob) {
				outcomeCode.put(outcome(ob.getOutcome()), ob.getCode());
			}
		}
		if (file == null || prototype == null) {
			throw new LoweringException("target without file or function");
		}
		var proto = dev.mapl.ir.CTarget.Prototype.parse(prototype)
				.orElseThrow(() -> new LoweringException("bad C prototype"));
		return new dev.mapl.ir.CTarget(Names.policyName(resolved(t.getPolicy())), file, proto, includes, kconfig,
				factCode, valueCode, outcomeCode, region, style, span(t));
	}

	/** Lowers a policy once; policies it refers to are lowered first (composition). */
	private Policy policy(dev.mapl.dsl.mapl.Policy p) {
		Policy done = loweredPolicies.get(p);
		if (done != null) {
			return done;
		}
		if (!expanding.add(p)) {
			throw new LoweringException("policy `" + p.getName() + "` depends on itself");
		}
		try {
			Policy lowered = lowerPolicy(p);
			loweredPolicies.put(p, lowered);
			return lowered;
		} finally {
			expanding.remove(p);
		}
	}

	private Policy lowerPolicy(dev.mapl.dsl.mapl.Policy p) {
		List<Assumption> own = new ArrayList<>(); // in order, with repeats (deduplicated below)
		List<Rule> rules = new ArrayList<>();
		List<dev.mapl.ir.Invariant> invariants = new ArrayList<>();
		List<PolicyTest> tests = new ArrayList<>();
		BitSet used = new BitSet();
		for (PolicyMember m : p.getMembers()) {
			if (m instanceof dev.mapl.dsl.mapl.Assumption a) {
				Assumption lowered = new Assumption(expr(a.getExpr()), doc(a), span(a));
				own.add(lowered);
				used.or(Exprs.factsOf(lowered.expr()));
			} else if (m instanceof dev.mapl.dsl.mapl.Rule r && r.getOutcome() instanceof dev.mapl.dsl.mapl.Policy sub) {
				Policy delegate = policy(resolved(sub));
				for (Rule rule : delegation(r, delegate, rules.size())) {
					rules.add(rule);
					used.or(Exprs.factsOf(rule.condition()));
				}
				own.addAll(delegate.assumptions()); // the delegate's world is this policy's world
				delegate.assumptions().forEach(a -> used.or(Exprs.factsOf(a.expr())));
			} else if (m instanceof dev.mapl.dsl.mapl.Rule r) {
				Rule rule = rule(r, rules.size());
				rules.add(rule);
				used.or(Exprs.factsOf(rule.condition()));
			} else if (m instanceof Invariant i) {
				var inv = new dev.mapl.ir.Invariant(i.getName(), expr(i.getExpr()), doc(i), span(i));
				invariants.add(inv);
				used.or(Exprs.factsOf(inv.expr()));
			} else if (m instanceof dev.mapl.dsl.mapl.PolicyTest t) {
				List<PolicyTest.Literal> literals = new ArrayList<>();
				for (TestLiteral lit : t.getLiterals()) {
					int f = fact(lit.getFact());
					int value = lit.getFact() instanceof EnumFact e ? e.getValues().indexOf(resolved(lit.getValue()))
							: lit.isNegated() ? 0 : 1;
					literals.add(new PolicyTest.Literal(f, value, span(lit)));
					used.set(f);
				}
				tests.add(new PolicyTest(t.getName(), literals, outcome(t.getOutcome()), span(t)));
			}
		}
		// Model-level assumptions that constrain any input join the policy, with their facts.
		List<Assumption> applicable = new ArrayList<>();
		boolean[] applied = new boolean[modelAssumptions.size()];
		boolean grew = true;
		while (grew) {
			grew = false;
			for (int i = 0; i < modelAssumptions.size(); i++) {
				BitSet fs = Exprs.factsOf(modelAssumptions.get(i).expr());
				if (!applied[i] && (fs.isEmpty() || fs.intersects(used))) {
					applied[i] = true;
					used.or(fs);
					grew = true;
				}
			}
		}
		for (int i = 0; i < modelAssumptions.size(); i++) {
			if (applied[i]) {
				applicable.add(modelAssumptions.get(i));
			}
		}
		// By identity: each assumption is made once (model-level ones and a delegate's are shared
		// instances), so identity is value equality here, and a record's generated equals and hashCode
		// would cost a cold `check` their bootstrap on its critical path.
		Set<Assumption> present = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		present.addAll(applicable);
		for (Assumption a : own) {
			if (present.add(a)) {
				applicable.add(a);
			}
		}
		List<Integer> inputs = used.stream().boxed().toList();
		HitPolicy hit = HitPolicy.valueOf(p.getHitPolicy().getName().toUpperCase(java.util.Locale.ROOT));
		return new Policy(Names.policyName(p), hit, inputs, applicable, rules, invariants, tests, doc(p), span(p));
	}

	private Rule rule(dev.mapl.dsl.mapl.Rule r, int index) {
		boolean labelled = r.getName() != null;
		String name = labelled ? r.getName() : "line " + span(r).line();
		Expr when = r.isOtherwise() ? new Expr.Const(true, span(r)) : expr(r.getWhen());
		Optional<Expr> guard = Optional.ofNullable(r.getGuard()).map(this::expr);
		return new Rule(index, name, labelled, r.isOtherwise(), when, guard, outcome(r.getOutcome()), doc(r), span(r));
	}

	/**
	 * {@code condition -> POLICY}: one rule per rule of the delegate that can fire, each matching
	 * exactly where that rule decides the delegate, so the expansion is right under any hit policy.
	 * When the condition tests the same policy ({@code slot != Ok -> slot}), rules whose outcome it
	 * excludes are left out rather than left dead.
	 */
	private List<Rule> delegation(dev.mapl.dsl.mapl.Rule r, Policy delegate, int firstIndex) {
		Expr when = r.isOtherwise() ? new Expr.Const(true, span(r)) : expr(r.getWhen());
		Optional<Expr> guard = Optional.ofNullable(r.getGuard()).map(this::expr);
		java.util.Set<Integer> allowed = testedOutcomes(r.getWhen(), r.getOutcome());
		List<Expr> fires = firing(delegate);
		List<Rule> out = new ArrayList<>();
		String prefix = delegate.simpleName() + ".";
		for (Rule sub : delegate.rules()) {
			if (allowed != null && !allowed.contains(sub.outcome())) {
				continue;
			}
			Expr condition = new Expr.And(List.of(when, fires.get(sub.index())), span(r));
			out.add(new Rule(firstIndex + out.size(), prefix + sub.name(), true, false, condition, guard, sub.outcome(),
					sub.doc(), span(r), delegate.name()));
		}
		return out;
	}

	/** The outcomes a condition like {@code slot != Ok} admits for policy {@code target}; null if it does not test it. */
	private java.util.Set<Integer> testedOutcomes(dev.mapl.dsl.mapl.Expr when, EObject target) {
		if (when instanceof Comparison c && c.getSubject().getSymbol() == target) {
			int v = outcome(c.getValue());
			java.util.Set<Integer> s = new java.util.HashSet<>();
			for (int i = 0; i < outcomes.size(); i++) {
				if (c.getOp() == CompareOp.EQ ? i == v : i != v) {
					s.add(i);
				}
			}
			return s;
		}
		if (when instanceof Membership m && m.getSubject().getSymbol() == target) {
			java.util.Set<Integer> s = new java.util.HashSet<>();
			m.getValues().forEach(v -> s.add(outcome(v)));
			return s;
		}
		return null;
	}

	/** For each rule of a policy, the condition under which it is the one that decides. */
	private static List<Expr> firing(Policy p) {
		List<Expr> out = new ArrayList<>();
		for (Rule r : p.rules()) {
			List<Expr> parts = new ArrayList<>();
			parts.add(r.condition());
			for (Rule other : p.rules()) {
				boolean beats = p.hitPolicy() == HitPolicy.PRIORITY
						? other.outcome() < r.outcome() || other.outcome() == r.outcome() && other.index() < r.index()
						: other.index() < r.index(); // first; unique decides a conflict by the first rule too
				if (beats) {
					parts.add(new Expr.Not(other.condition(), other.span()));
				}
			}
			out.add(parts.size() == 1 ? parts.get(0) : new Expr.And(parts, r.span()));
		}
		return out;
	}

	/** {@code POLICY == O}, {@code != O}, {@code in {...}}: where the policy decides one of those outcomes. */
	private Expr decides(Policy p, java.util.Set<Integer> outcomesWanted, SourceSpan s) {
		List<Expr> fires = firing(p);
		List<Expr> any = new ArrayList<>();
		for (Rule r : p.rules()) {
			if (outcomesWanted.contains(r.outcome())) {
				any.add(fires.get(r.index()));
			}
		}
		return any.isEmpty() ? new Expr.Const(false, s) : any.size() == 1 ? respan(any.get(0), s) : new Expr.Or(any, s);
	}

	private Expr expr(dev.mapl.dsl.mapl.Expr e) {
		SourceSpan s = span(e);
		if (e instanceof Implies i) {
			return new Expr.Implies(expr(i.getLeft()), expr(i.getRight()), s);
		} else if (e instanceof Or o) {
			List<Expr> ops = new ArrayList<>();
			flattenOr(o, ops);
			return new Expr.Or(ops, s);
		} else if (e instanceof And a) {
			List<Expr> ops = new ArrayList<>();
			flattenAnd(a, ops);
			return new Expr.And(ops, s);
		} else if (e instanceof Not n) {
			return new Expr.Not(expr(n.getOperand()), s);
		} else if (e instanceof BoolLiteral b) {
			return new Expr.Const(b.isValue(), s);
		} else if (e instanceof Comparison c && c.getSubject().getSymbol() instanceof dev.mapl.dsl.mapl.Policy sub) {
			return decides(policy(resolved(sub)), testedOutcomes(c, sub), s);
		} else if (e instanceof Membership m && m.getSubject().getSymbol() instanceof dev.mapl.dsl.mapl.Policy sub) {
			return decides(policy(resolved(sub)), testedOutcomes(m, sub), s);
		} else if (e instanceof Comparison c) {
			EnumFact f = enumFact(c.getSubject());
			int v = f.getValues().indexOf((EnumValue) resolved(c.getValue()));
			Set<Integer> values = new TreeSet<>();
			if (c.getOp() == CompareOp.EQ) {
				values.add(v);
			} else {
				for (int i = 0; i < f.getValues().size(); i++) {
					if (i != v) {
						values.add(i);
					}
				}
			}
			return new Expr.EnumIn(fact(f), values, s);
		} else if (e instanceof Membership m) {
			EnumFact f = enumFact(m.getSubject());
			Set<Integer> values = new TreeSet<>();
			for (var v : m.getValues()) {
				values.add(f.getValues().indexOf((EnumValue) resolved(v)));
			}
			return new Expr.EnumIn(fact(f), values, s);
		} else if (e instanceof SymbolRef ref) {
			var symbol = ref.getSymbol();
			if (symbol instanceof BoolFact f) {
				return new Expr.BoolFact(fact(f), s);
			} else if (symbol instanceof dev.mapl.dsl.mapl.Outcome o) {
				return new Expr.OutcomeIs(outcome(o), s);
			} else if (symbol instanceof Attribute a && !a.eIsProxy()) {
				return new Expr.HasAttribute(a.getName(), s);
			} else if (symbol instanceof dev.mapl.dsl.mapl.Let let && !let.eIsProxy()) {
				if (!expanding.add(let)) {
					throw new LoweringException("`let " + let.getName() + "` refers to itself");
				}
				try {
					return respan(expr(let.getExpr()), s); // quoted as the name the user wrote
				} finally {
					expanding.remove(let);
				}
			}
			throw new LoweringException("cannot lower `" + NodeModelUtils.getTokenText(NodeModelUtils.getNode(ref)) + "`");
		}
		throw new LoweringException("cannot lower " + e);
	}

	private static Expr respan(Expr e, SourceSpan s) {
		if (e instanceof Expr.Const c) {
			return new Expr.Const(c.value(), s);
		} else if (e instanceof Expr.BoolFact b) {
			return new Expr.BoolFact(b.fact(), s);
		} else if (e instanceof Expr.EnumIn in) {
			return new Expr.EnumIn(in.fact(), in.values(), s);
		} else if (e instanceof Expr.Not n) {
			return new Expr.Not(n.operand(), s);
		} else if (e instanceof Expr.And a) {
			return new Expr.And(a.operands(), s);
		} else if (e instanceof Expr.Or o) {
			return new Expr.Or(o.operands(), s);
		} else if (e instanceof Expr.Implies i) {
			return new Expr.Implies(i.left(), i.right(), s);
		} else if (e instanceof Expr.OutcomeIs o) {
			return new Expr.OutcomeIs(o.outcome(), s);
		} else if (e instanceof Expr.HasAttribute h) {
			return new Expr.HasAttribute(h.attribute(), s);
		}
		return e;
	}

	/** The operands of {@code a | (b | c)}, parenthesised groups of the same operator included. */
	private void flattenOr(dev.mapl.dsl.mapl.Expr e, List<Expr> out) {
		if (e instanceof Or o) {
			for (var operand : o.getOperands()) {
				flattenOr(operand, out);
			}
		} else {
			out.add(expr(e));
		}
	}

	private void flattenAnd(dev.mapl.dsl.mapl.Expr e, List<Expr> out) {
		if (e instanceof And a) {
			for (var operand : a.getOperands()) {
				flattenAnd(operand, out);
			}
		} else {
			out.add(expr(e));
		}
	}

	private EnumFact enumFact(SymbolRef ref) {
		if (ref != null && ref.getSymbol() instanceof EnumFact f && !f.eIsProxy()) {
			return f;
		}
		throw new LoweringException("comparison of a non-enum fact");
	}

	private static <T extends EObject> T resolved(T object) {
		if (object == null || object.eIsProxy()) {
			throw new LoweringException("unresolved name");
		}
		return object;
	}

	private int fact(EObject fact) {
		Integer i = factIndex.get(resolved(fact));
		if (i == null) {
			throw new LoweringException("fact outside the lowered files");
		}
		return i;
	}

	private int outcome(EObject outcome) {
		Integer i = outcomeIndex.get(resolved(outcome));
		if (i == null) {
			throw new LoweringException("outcome outside the lowered files");
		}
		return i;
	}

	private String doc(EObject o) {
		String d = documentation.getDocumentation(o);
		return d == null ? "" : d.strip();
	}

	private SourceSpan span(EObject o) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
		if (node == null) {
			return SourceSpan.NONE;
		}
		int offset = node.getOffset();
		LineAndColumn lc = NodeModelUtils.getLineAndColumn(node, offset);
		return new SourceSpan(pathOf.apply(o.eResource()), offset, node.getLength(), lc.getLine(), lc.getColumn());
	}
}
