package dev.mapl.analysis;

import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two versions of a policy symbolically (see {@link PolicyDiff}).
 *
 * <p>Both policies are translated into one merged model: its facts are the union of both
 * policies' inputs, matched by name, in the new model's declaration order with old-only facts
 * inserted after the fact that precedes them in the old model; an enum's values are the new
 * values, then old-only ones. A value only one side declares cannot occur on the other side, so
 * inputs with it are possible on one side only. Outcomes are matched by name (new order, then
 * old-only ones). Both translated policies are then encoded in one BDD kernel.
 */
public final class DiffAnalyzer {

	private final PolicyAnalyzer.Options options;

	public DiffAnalyzer() {
		this(PolicyAnalyzer.Options.DEFAULT);
	}

	public DiffAnalyzer(PolicyAnalyzer.Options options) {
		this.options = options;
	}

	private static final class MergedFact {
		final String name;
		final boolean bool;
		final List<String> values = new ArrayList<>();
		int oldIndex = -1;
		int newIndex = -1;

		MergedFact(String name, boolean bool) {
			this.name = name;
			this.bool = bool;
		}
	}

	public PolicyDiff diff(Model oldModel, Policy oldPolicy, Model newModel, Policy newPolicy) {
		return diff(oldModel, oldPolicy, newModel, newPolicy, Restriction.NONE);
	}

	/**
	 * The behaviour change on the inputs that agree with the given facts (a region such as
	 * {@code VM_PFNMAP=1 VM_ALLOW_ANY_UNCACHED=1}); facts are named as in either version.
	 *
	 * @throws RestrictionException when a given fact or value is in neither version, or neither
	 *                              version's assumptions allow the given facts
	 */
	public PolicyDiff diff(Model oldModel, Policy oldPolicy, Model newModel, Policy newPolicy, Restriction restriction) {
		// Merge the facts: both declaration orders interleaved (new first, each old-only fact right
		// after the facts that precede it in the old model), then keep the inputs of either policy.
		Map<String, Integer> oldByName = new LinkedHashMap<>();
		for (int f = 0; f < oldModel.facts().size(); f++) {
			oldByName.putIfAbsent(oldModel.fact(f).name(), f);
		}
		Map<String, Integer> newByName = new LinkedHashMap<>();
		for (int f = 0; f < newModel.facts().size(); f++) {
			newByName.putIfAbsent(newModel.fact(f).name(), f);
		}
		List<String> order = new ArrayList<>();
		int oi = 0;
		for (Fact fact : newModel.facts()) {
			Integer j = oldByName.get(fact.name());
			if (j != null) {
				for (; oi < j; oi++) {
					if (!newByName.containsKey(oldModel.fact(oi).name())) {
						order.add(oldModel.fact(oi).name());
					}
				}
				oi = Math.max(oi, j + 1);
			}
			order.add(fact.name());
		}
		for (; oi < oldModel.facts().size(); oi++) {
			if (!newByName.containsKey(oldModel.fact(oi).name())) {
				order.add(oldModel.fact(oi).name());
			}
		}
		java.util.Set<String> used = new java.util.HashSet<>();
		oldPolicy.inputs().forEach(f -> used.add(oldModel.fact(f).name()));
		newPolicy.inputs().forEach(f -> used.add(newModel.fact(f).name()));
		List<MergedFact> merged = new ArrayList<>();
		for (String name : order) {
			if (!used.contains(name)) {
				continue;
			}
			Integer fo = oldByName.get(name);
			Integer fn = newByName.get(name);
			fo = fo != null && oldPolicy.inputs().contains(fo) ? fo : null;
			fn = fn != null && newPolicy.inputs().contains(fn) ? fn : null;
			Fact nf = fn != null ? newModel.fact(fn) : null;
			Fact of = fo != null ? oldModel.fact(fo) : null;
			// A fact boolean on one side and an enum on the other merges as an enum, the boolean's
			// values being `false` and `true`: values the other side never has (issue 20.2).
			boolean typeChanged = nf != null && of != null && nf.isBoolean() != of.isBoolean();
			MergedFact m = new MergedFact(name, (nf != null ? nf : of).isBoolean() && !typeChanged);
			if (nf != null) {
				m.values.addAll(valuesOf(nf, typeChanged));
				m.newIndex = fn;
			}
			if (of != null) {
				for (String v : valuesOf(of, typeChanged)) {
					if (!m.values.contains(v)) {
						m.values.add(v);
					}
				}
				m.oldIndex = fo;
			}
			merged.add(m);
		}
		List<Fact> facts = new ArrayList<>();
		for (MergedFact m : merged) {
			facts.add(new Fact(m.name, m.bool ? List.of() : m.values, "", SourceSpan.NONE));
		}
		// Merge the outcomes.
		List<String> outcomeNames = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		for (Outcome o : newModel.outcomes()) {
			outcomeNames.add(o.name());
			outcomes.add(new Outcome(outcomes.size(), o.name(), o.attributes(), "", SourceSpan.NONE));
		}
		for (Outcome o : oldModel.outcomes()) {
			if (!outcomeNames.contains(o.name())) {
				outcomeNames.add(o.name());
				outcomes.add(new Outcome(outcomes.size(), o.name(), o.attributes(), "", SourceSpan.NONE));
			}
		}
		Side oldSide = new Side(oldModel, merged, outcomeNames, true);
		Side newSide = new Side(newModel, merged, outcomeNames, false);
		List<Integer> all = new ArrayList<>();
		for (int i = 0; i < merged.size(); i++) {
			all.add(i);
		}
		Policy po = oldSide.translate(oldPolicy, all, facts);
		Policy pn = newSide.translate(newPolicy, all, facts);
		int[] fixed = restriction.resolve(facts, all, "policy " + PolicyDiff.title(oldPolicy.name(), newPolicy.name()));
		Model model = new Model(facts, outcomes, List.of(), List.of(po, pn));
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model, options);
		Encoding enc = analyzer.encoding();
		PolicyState so = analyzer.state(po);
		PolicyState sn = analyzer.state(pn);
		int[] inputs = so.inputs;
		// The region asked about: inputs that agree with the given facts (every input without any).
		int given = enc.fixed(fixed);
		if (!enc.intersects(so.possible, given) && !enc.intersects(sn.possible, given)) {
			PartialEvaluation.requirePossible(analyzer, po, fixed);
		}
		int bothAll = enc.and(so.possible, sn.possible);
		int both = enc.and(bothAll, given);
		enc.deref(bothAll);
		int k = outcomes.size();
		List<PolicyDiff.Change> changes = new ArrayList<>();
		List<int[]> pairs = new ArrayList<>();
		BigInteger changed = BigInteger.ZERO;
		for (int a = 0; a <= k; a++) {
			int ra = a < k ? so.decides(a) : so.gap;
			if (ra == Encoding.FALSE) {
				continue;
			}
			int ra2 = enc.and(ra, both);
			for (int b = 0; b <= k; b++) {
				if (a == b) {
					continue;
				}
				int rb = b < k ? sn.decides(b) : sn.gap;
				if (!enc.intersects(ra2, rb)) {
					continue;
				}
				int x = enc.and(ra2, rb);
				BigInteger count = so.count(x);
				changed = changed.add(count);
				changes.add(new PolicyDiff.Change(a < k ? outcomeNames.get(a) : PolicyDiff.NONE,
						b < k ? outcomeNames.get(b) : PolicyDiff.NONE, count,
						Cubes.of(enc, inputs, so.domain, both, x, options.maxCubes()),
						firing(enc, so, po, x), firing(enc, sn, pn, x),
						analyzer.counterexample(pn, enc.first(x))));
				pairs.add(new int[] {a, b});
				enc.deref(x);
			}
			enc.deref(ra2);
		}
		List<Integer> idx = new ArrayList<>();
		for (int i = 0; i < changes.size(); i++) {
			idx.add(i);
		}
		idx.sort(Comparator.<Integer, BigInteger>comparing(i -> changes.get(i).count()).reversed()
				.thenComparingInt(i -> pairs.get(i)[0]).thenComparingInt(i -> pairs.get(i)[1]));
		List<PolicyDiff.Change> sorted = idx.stream().map(changes::get).toList();
		BigInteger common = so.count(both);
		int oldHere = enc.and(so.possible, given);
		int newHere = enc.and(sn.possible, given);
		PolicyDiff.Region onlyOld = region(analyzer, enc, so, po, oldHere, sn.possible);
		PolicyDiff.Region onlyNew = region(analyzer, enc, sn, pn, newHere, so.possible);
		enc.deref(oldHere);
		enc.deref(newHere);
		enc.deref(both);
		enc.deref(given);
		List<String> names = merged.stream().map(m -> m.name).toList();
		return new PolicyDiff(oldPolicy.name(), newPolicy.name(), names, common, changed, sorted, onlyOld, onlyNew,
				Restriction.words(facts, fixed));
	}

	/** A fact's values by index; a boolean's are {@code false} and {@code true} when merged as an enum. */
	private static List<String> valuesOf(Fact f, boolean asEnum) {
		return f.isBoolean() && asEnum ? List.of("false", "true") : f.values();
	}

	private PolicyDiff.Region region(PolicyAnalyzer analyzer, Encoding enc, PolicyState s, Policy p, int mine,
			int theirs) {
		int x = enc.andNot(mine, theirs);
		BigInteger count = s.count(x);
		PolicyDiff.Region r = new PolicyDiff.Region(count,
				Cubes.of(enc, s.inputs, s.domain, s.domain, x, options.maxCubes()),
				x == Encoding.FALSE ? Optional.empty() : Optional.of(analyzer.counterexample(p, enc.first(x))));
		enc.deref(x);
		return r;
	}

	private static List<String> firing(Encoding enc, PolicyState s, Policy p, int region) {
		List<String> out = new ArrayList<>();
		for (int j = 0; j < s.fire.length; j++) {
			if (enc.intersects(s.fire[j], region)) {
				out.add(p.rules().get(j).name());
			}
		}
		return out;
	}

	/** Translation of one side's expressions into the merged model. */
	private static final class Side {
		final Model model;
		final int[] factMap;
		final int[][] valueMap;
		final int[] outcomeMap;
		final List<MergedFact> merged;
		final boolean old;

		Side(Model model, List<MergedFact> merged, List<String> outcomeNames, boolean old) {
			this.model = model;
			this.merged = merged;
			this.old = old;
			this.factMap = new int[model.facts().size()];
			this.valueMap = new int[model.facts().size()][];
			java.util.Arrays.fill(factMap, -1);
			for (int i = 0; i < merged.size(); i++) {
				MergedFact m = merged.get(i);
				int f = old ? m.oldIndex : m.newIndex;
				if (f >= 0) {
					factMap[f] = i;
					Fact fact = model.fact(f);
					valueMap[f] = new int[fact.domainSize()];
					List<String> names = valuesOf(fact, !m.bool);
					for (int v = 0; v < fact.domainSize(); v++) {
						valueMap[f][v] = m.bool ? v : m.values.indexOf(names.get(v));
					}
				}
			}
			this.outcomeMap = new int[model.outcomes().size()];
			for (int o = 0; o < outcomeMap.length; o++) {
				outcomeMap[o] = outcomeNames.indexOf(model.outcome(o).name());
			}
		}

		Policy translate(Policy p, List<Integer> inputs, List<Fact> facts) {
			List<Assumption> assumptions = new ArrayList<>();
			for (Assumption a : p.assumptions()) {
				assumptions.add(new Assumption(expr(a.expr()), a.doc(), a.span()));
			}
			// Values this side does not declare cannot occur on this side.
			for (int i = 0; i < merged.size(); i++) {
				MergedFact m = merged.get(i);
				int f = old ? m.oldIndex : m.newIndex;
				if (f >= 0 && !m.bool && model.fact(f).domainSize() < m.values.size()) {
					Set<Integer> known = new TreeSet<>();
					for (int v : valueMap[f]) {
						known.add(v);
					}
					assumptions.add(new Assumption(new Expr.EnumIn(i, known, SourceSpan.NONE), "", SourceSpan.NONE));
				}
			}
			List<Rule> rules = new ArrayList<>();
			for (Rule r : p.rules()) {
				rules.add(new Rule(r.index(), r.name(), r.labelled(), r.otherwise(), expr(r.when()),
						r.guard().map(this::expr), outcomeMap[r.outcome()], r.doc(), r.span()));
			}
			return new Policy(p.name(), p.hitPolicy(), inputs, assumptions, rules, List.of(), List.of(), p.doc(),
					p.span());
		}

		Expr expr(Expr e) {
			if (e instanceof Expr.Const) {
				return e;
			} else if (e instanceof Expr.BoolFact b) {
				if (factMap[b.fact()] < 0) {
					return new Expr.Const(false, b.span());
				}
				if (!merged.get(factMap[b.fact()]).bool) {
					return new Expr.EnumIn(factMap[b.fact()], Set.of(valueMap[b.fact()][1]), b.span());
				}
				return new Expr.BoolFact(factMap[b.fact()], b.span());
			} else if (e instanceof Expr.EnumIn in) {
				if (factMap[in.fact()] < 0) {
					return new Expr.Const(in.values().contains(0), in.span());
				}
				Set<Integer> vs = new TreeSet<>();
				for (int v : in.values()) {
					vs.add(valueMap[in.fact()][v]);
				}
				return new Expr.EnumIn(factMap[in.fact()], vs, in.span());
			} else if (e instanceof Expr.Not n) {
				return new Expr.Not(expr(n.operand()), n.span());
			} else if (e instanceof Expr.And a) {
				return new Expr.And(a.operands().stream().map(this::expr).toList(), a.span());
			} else if (e instanceof Expr.Or o) {
				return new Expr.Or(o.operands().stream().map(this::expr).toList(), o.span());
			} else if (e instanceof Expr.Implies i) {
				return new Expr.Implies(expr(i.left()), expr(i.right()), i.span());
			} else if (e instanceof Expr.OutcomeIs o) {
				return new Expr.OutcomeIs(outcomeMap[o.outcome()], o.span());
			}
			return e;
		}
	}
}
