package dev.mapl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.interp.Decision;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a partial evaluation against brute force: every completion of the given facts enumerated
 * and decided by the reference interpreter. Public so that the cli tests run it on the examples.
 */
public final class ResidualOracle {

	private ResidualOracle() {
	}

	/** The given facts as a restriction of FACT=VALUE words. */
	public static Restriction restriction(Model m, int[] given) {
		List<String> words = new ArrayList<>();
		for (int f = 0; f < given.length; f++) {
			if (given[f] >= 0) {
				words.add(m.fact(f).name() + "=" + m.fact(f).valueName(given[f]));
			}
		}
		return Restriction.parse(words);
	}

	/** Every value combination of the given facts, each an array indexed like the model's facts. */
	public static List<int[]> combinations(Model m, List<Integer> facts) {
		List<int[]> out = new ArrayList<>();
		int[] g = new int[m.facts().size()];
		java.util.Arrays.fill(g, -1);
		combine(m, facts, 0, g, out);
		return out;
	}

	private static void combine(Model m, List<Integer> facts, int i, int[] g, List<int[]> out) {
		if (i == facts.size()) {
			out.add(g.clone());
			return;
		}
		int f = facts.get(i);
		for (int v = 0; v < m.fact(f).domainSize(); v++) {
			g[f] = v;
			combine(m, facts, i + 1, g, out);
		}
		g[f] = -1;
	}

	/** Every subset of the policy's inputs with at most {@code k} facts, smallest first. */
	public static List<List<Integer>> subsets(Policy p, int k) {
		List<List<Integer>> out = new ArrayList<>();
		out.add(List.of());
		for (int size = 1; size <= k; size++) {
			subsets(p.inputs(), size, 0, new ArrayList<>(), out);
		}
		return out;
	}

	private static void subsets(List<Integer> inputs, int size, int from, List<Integer> cur, List<List<Integer>> out) {
		if (cur.size() == size) {
			out.add(List.copyOf(cur));
			return;
		}
		for (int i = from; i < inputs.size(); i++) {
			cur.add(inputs.get(i));
			subsets(inputs, size, i + 1, cur, out);
			cur.remove(cur.size() - 1);
		}
	}

	/** Checks the residual, the restricted tables and the restriction's errors for {@code given}. */
	public static void check(PolicyAnalyzer analyzer, Policy p, int[] given) {
		Model m = analyzer.model();
		Interpreter interp = new Interpreter(m);
		List<int[]> completions = new ArrayList<>();
		InputSpace.of(m, p).forEachPossible(interp, p, given, 1 << 22, in -> completions.add(in.clone()));
		Restriction r = restriction(m, given);
		if (completions.isEmpty()) {
			RestrictionException e = assertThrows(RestrictionException.class, () -> PartialEvaluation.residual(analyzer, p, r));
			assertTrue(e.excluded(), e.getMessage());
			assertThrows(RestrictionException.class, () -> PartialEvaluation.table(analyzer, p, r, false, 1 << 20));
			return;
		}
		Residual res = PartialEvaluation.residual(analyzer, p, r);
		assertEquals(BigInteger.valueOf(completions.size()), res.completions(), "completions");

		// Outcomes: counts and deciding rules, in declaration order with none last.
		List<Decision> decisions = completions.stream().map(in -> interp.decide(p, in)).toList();
		Map<Integer, BigInteger> counts = new TreeMap<>();
		Map<Integer, Set<Integer>> rules = new TreeMap<>();
		int none = m.outcomes().size();
		for (Decision d : decisions) {
			int o = d.outcome() < 0 ? none : d.outcome();
			counts.merge(o, BigInteger.ONE, BigInteger::add);
			Set<Integer> rs = rules.computeIfAbsent(o, x -> new java.util.TreeSet<>());
			d.firing().ifPresent(f -> rs.add(f.index()));
		}
		List<Residual.Share> expected = new ArrayList<>();
		counts.forEach((o, c) -> expected.add(new Residual.Share(o == none ? DecisionTable.NONE : m.outcome(o).name(), c,
				rules.get(o).stream().map(j -> p.rules().get(j).name()).toList())));
		assertEquals(expected, res.outcomes(), "outcomes");

		// The facts it depends on: they determine the outcome, and none of them can be dropped.
		List<Integer> dep = res.dependsOn();
		for (int f : dep) {
			assertTrue(p.inputs().contains(f) && given[f] < 0, "depends on a free input");
		}
		assertTrue(determines(completions, decisions, dep), "the outcome is a function of " + dep);
		for (int f : dep) {
			List<Integer> fewer = new ArrayList<>(dep);
			fewer.remove(Integer.valueOf(f));
			assertFalse(determines(completions, decisions, fewer), "minimal: " + m.fact(f).name() + " is needed");
		}
		assertEquals(counts.size() == 1, dep.isEmpty(), "depends on nothing exactly when one outcome");

		// Decided exactly when one rule (or none) decides every completion.
		Set<Integer> firing = new LinkedHashSet<>();
		decisions.forEach(d -> firing.add(d.firing().map(Rule::index).orElse(-1)));
		assertEquals(firing.size() == 1, res.decided(), "decided");
		if (res.decided()) {
			checkExplanation(interp, p, completions, firing.iterator().next(), res.explanation().get());
		}

		// The reduced table: every completion falls in exactly one row, which names its rule.
		DecisionTable t = res.table().orElseThrow();
		for (int i = 0; i < completions.size(); i++) {
			int[] in = completions.get(i);
			List<DecisionTable.Row> rows = t.rows().stream().filter(row -> row.matches(in)).toList();
			assertEquals(1, rows.size(), "one row per completion");
			Decision d = decisions.get(i);
			assertEquals(d.firing().map(Rule::name).orElse(""), rows.get(0).rule(), "row rule");
		}
		for (int c = 0; c < t.facts().size(); c++) {
			int f = t.facts().get(c);
			if (given[f] >= 0) {
				assertTrue(t.isGiven(f));
				for (DecisionTable.Row row : t.rows()) {
					assertEquals(m.fact(f).valueName(given[f]), row.cells().get(c), "given cell");
				}
			}
		}
		// The full table: one row per completion, in truth-table order.
		DecisionTable full = PartialEvaluation.table(analyzer, p, r, true, 1 << 22);
		assertEquals(completions.size(), full.rows().size(), "full rows");
		for (int i = 0; i < completions.size(); i++) {
			DecisionTable.Row row = full.rows().get(i);
			assertTrue(row.matches(completions.get(i)), "full row order");
			assertEquals(decisions.get(i).firing().map(Rule::name).orElse(""), row.rule(), "full row rule");
		}
	}

	private static boolean determines(List<int[]> completions, List<Decision> decisions, List<Integer> facts) {
		Map<List<Integer>, Integer> seen = new HashMap<>();
		for (int i = 0; i < completions.size(); i++) {
			List<Integer> key = new ArrayList<>();
			for (int f : facts) {
				key.add(completions.get(i)[f]);
			}
			Integer prev = seen.putIfAbsent(key, decisions.get(i).outcome());
			if (prev != null && prev != decisions.get(i).outcome()) {
				return false;
			}
		}
		return true;
	}

	private static void checkExplanation(Interpreter interp, Policy p, List<int[]> completions, int firing,
			Residual.Explanation e) {
		assertEquals(firing, e.firing().map(Rule::index).orElse(-1), "firing rule");
		List<Integer> earlier = new ArrayList<>();
		List<Integer> others = new ArrayList<>();
		for (Rule r : p.rules()) {
			if (r.index() == firing) {
				continue;
			}
			Residual.Match match = match(interp, r, completions);
			if (firing < 0 || r.index() < firing) {
				earlier.add(r.index());
			}
			if (match != Residual.Match.NEVER) {
				others.add(r.index());
			}
		}
		assertEquals(earlier, e.earlier().stream().map(s -> s.rule().index()).toList(), "earlier rules");
		assertEquals(others, e.others().stream().map(s -> s.rule().index()).toList(), "other matching rules");
		for (Residual.Step s : e.earlier()) {
			assertEquals(match(interp, s.rule(), completions), s.match(), "match of " + s.rule().name());
			if (s.match() != Residual.Match.NEVER) {
				continue;
			}
			List<Expr> falseParts = new ArrayList<>();
			for (Expr part : PartialEvaluation.parts(s.rule().when())) {
				if (completions.stream().noneMatch(in -> interp.eval(part, in, -1))) {
					falseParts.add(part);
				}
			}
			assertEquals(falseParts, s.falseParts(), "false parts of " + s.rule().name());
			boolean guardFalse = falseParts.isEmpty() && s.rule().guard().isPresent()
					&& completions.stream().noneMatch(in -> interp.eval(s.rule().guard().get(), in, -1));
			assertEquals(guardFalse, s.guardFalse(), "guard of " + s.rule().name());
		}
	}

	private static Residual.Match match(Interpreter interp, Rule r, List<int[]> completions) {
		long n = completions.stream().filter(in -> interp.matches(r, in)).count();
		return n == 0 ? Residual.Match.NEVER : n == completions.size() ? Residual.Match.ALWAYS : Residual.Match.SOMETIMES;
	}
}
