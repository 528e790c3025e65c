package dev.mapl.analysis;

import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Questions with some facts unknown ({@code explain}, {@code table} and {@code diff} with
 * {@code FACT=VALUE} words, and the language server's table command): a policy's decision
 * restricted to the possible inputs that agree with the given facts, computed on the policy's BDD
 * encoding, so counts are exact however many completions there are.
 *
 * <p>Every entry point first checks the given facts ({@link Restriction#resolve}) and that some
 * possible input agrees with them; if none does, the {@link RestrictionException} names the
 * assumptions that exclude them.
 */
public final class PartialEvaluation {

	/** Rows of a reduced table before it is refused as unreadable. */
	public static final int MAX_REDUCED_ROWS = 100_000;

	private PartialEvaluation() {
	}

	/**
	 * The given facts resolved against the policy (per model fact a value index, or -1), after
	 * checking that some possible input agrees with them.
	 *
	 * @throws RestrictionException for unknown facts, values outside a domain, a fact given twice,
	 *                              or facts the policy's assumptions exclude
	 */
	public static int[] check(PolicyAnalyzer analyzer, Policy policy, Restriction restriction) {
		int[] given = restriction.resolve(analyzer.model(), policy);
		requirePossible(analyzer, policy, given);
		return given;
	}

	/** The number of possible inputs that agree with {@code given}. */
	public static BigInteger completions(PolicyAnalyzer analyzer, Policy policy, int[] given) {
		PolicyState s = analyzer.state(policy);
		Encoding enc = analyzer.encoding();
		int f = enc.fixed(given);
		int r = enc.and(s.possible, f);
		try {
			return s.count(r);
		} finally {
			enc.deref(r);
			enc.deref(f);
		}
	}

	/**
	 * The decision table of the possible inputs that agree with the given facts: reduced, or with
	 * {@code all} one row per such input.
	 *
	 * @throws RestrictionException     when the given facts do not fit the policy
	 * @throws IllegalArgumentException when the table would have more than {@code maxRows} rows
	 */
	public static DecisionTable table(PolicyAnalyzer analyzer, Policy policy, Restriction restriction, boolean all,
			long maxRows) {
		int[] given = check(analyzer, policy, restriction);
		return all ? DecisionTable.full(analyzer, policy, maxRows, given)
				: DecisionTable.reduced(analyzer, policy, (int) Math.min(maxRows, MAX_REDUCED_ROWS), given);
	}

	/**
	 * The residual decision for the given facts: the facts it still depends on, the outcomes with
	 * their numbers of completions, the reduced table, and an explanation when the facts fix it.
	 *
	 * @throws RestrictionException when the given facts do not fit the policy
	 */
	public static Residual residual(PolicyAnalyzer analyzer, Policy policy, Restriction restriction) {
		int[] given = check(analyzer, policy, restriction);
		Model model = analyzer.model();
		PolicyState s = analyzer.state(policy);
		Encoding enc = analyzer.encoding();
		int f = enc.fixed(given);
		int region = enc.and(s.possible, f);
		List<Integer> owned = new ArrayList<>();
		try {
			BigInteger completions = s.count(region);
			// Outcome regions, in declaration order, the gap last.
			List<Integer> regions = new ArrayList<>();
			List<Residual.Share> shares = new ArrayList<>();
			int k = model.outcomes().size();
			for (int o = 0; o <= k; o++) {
				int d = enc.and(o < k ? s.decides(o) : s.gap, region);
				owned.add(d);
				if (d == Encoding.FALSE) {
					continue;
				}
				List<String> rules = new ArrayList<>();
				for (int j = 0; j < s.fire.length; j++) {
					if (o < k && s.outcomeOf[j] == o && enc.intersects(s.fire[j], region)) {
						rules.add(policy.rules().get(j).name());
					}
				}
				regions.add(d);
				shares.add(new Residual.Share(o < k ? model.outcome(o).name() : DecisionTable.NONE, s.count(d), rules));
			}
			List<Integer> dependsOn = support(enc, s, given, regions, policy.name());
			Optional<DecisionTable> table;
			try {
				table = Optional.of(DecisionTable.reduced(analyzer, policy, MAX_REDUCED_ROWS, given));
			} catch (IllegalArgumentException tooManyRows) {
				table = Optional.empty();
			}
			return new Residual(model, policy, given, completions, dependsOn, shares, table,
					explanation(enc, s, policy, region));
		} finally {
			owned.forEach(enc::deref);
			enc.deref(region);
			enc.deref(f);
		}
	}

	/**
	 * A smallest-by-inclusion set of free inputs on which the labelled regions (disjoint) are a
	 * function: greedily drops facts, last declared first, while the regions' projections onto
	 * the remaining facts stay disjoint. Support is monotone, so no single fact of the result can
	 * be dropped.
	 */
	private static List<Integer> support(Encoding enc, PolicyState s, int[] given, List<Integer> regions, String name) {
		List<Integer> keep = new ArrayList<>();
		if (regions.size() < 2) {
			return keep;
		}
		for (int f : s.inputs) {
			if (given[f] < 0) {
				keep.add(f);
			}
		}
		for (int i = keep.size() - 1; i >= 0; i--) {
			List<Integer> without = new ArrayList<>(keep);
			without.remove(i);
			List<Integer> away = new ArrayList<>();
			for (int f : s.inputs) {
				if (!without.contains(f)) {
					away.add(f);
				}
			}
			if (disjointProjections(enc, regions, away)) {
				keep = without;
			}
			enc.checkBudget(name);
		}
		return keep;
	}

	private static boolean disjointProjections(Encoding enc, List<Integer> regions, List<Integer> away) {
		List<Integer> projections = new ArrayList<>();
		try {
			for (int r : regions) {
				int p = enc.exists(r, away);
				for (int q : projections) {
					if (enc.intersects(p, q)) {
						enc.deref(p);
						return false;
					}
				}
				projections.add(p);
			}
			return true;
		} finally {
			projections.forEach(enc::deref);
		}
	}

	/** The explanation when one rule (or none) decides the whole region; else empty. */
	private static Optional<Residual.Explanation> explanation(Encoding enc, PolicyState s, Policy policy, int region) {
		int firing = -2;
		int outsideGap = enc.andNot(region, s.gap);
		enc.deref(outsideGap);
		if (outsideGap == Encoding.FALSE) {
			firing = -1;
		}
		for (int j = 0; j < s.fire.length && firing == -2; j++) {
			int rest = enc.andNot(region, s.fire[j]);
			enc.deref(rest);
			if (rest == Encoding.FALSE) {
				firing = j;
			}
		}
		if (firing == -2) {
			return Optional.empty();
		}
		List<Rule> rules = policy.rules();
		List<Residual.Step> earlier = new ArrayList<>();
		List<Residual.Step> others = new ArrayList<>();
		for (int j = 0; j < rules.size(); j++) {
			if (j == firing) {
				continue;
			}
			boolean before = firing < 0 || j < firing;
			Residual.Match m = match(enc, s.cond[j], region);
			if (before || m != Residual.Match.NEVER) {
				Residual.Step step = step(enc, s, rules.get(j), m, region);
				if (before) {
					earlier.add(step);
				}
				if (m != Residual.Match.NEVER) {
					others.add(step);
				}
			}
		}
		return Optional.of(new Residual.Explanation(firing < 0 ? Optional.empty() : Optional.of(rules.get(firing)),
				earlier, others));
	}

	private static Residual.Match match(Encoding enc, int cond, int region) {
		if (!enc.intersects(cond, region)) {
			return Residual.Match.NEVER;
		}
		int rest = enc.andNot(region, cond);
		enc.deref(rest);
		return rest == Encoding.FALSE ? Residual.Match.ALWAYS : Residual.Match.SOMETIMES;
	}

	private static Residual.Step step(Encoding enc, PolicyState s, Rule r, Residual.Match m, int region) {
		List<Expr> falseParts = new ArrayList<>();
		boolean guardFalse = false;
		if (m == Residual.Match.NEVER) {
			for (Expr part : parts(r.when())) {
				if (never(enc, s, part, region)) {
					falseParts.add(part);
				}
			}
			guardFalse = falseParts.isEmpty() && r.guard().isPresent() && never(enc, s, r.guard().get(), region);
		}
		return new Residual.Step(r, m, falseParts, guardFalse);
	}

	private static boolean never(Encoding enc, PolicyState s, Expr e, int region) {
		int x = enc.expr(e, s.isInput, Encoding.NO_DECISIONS);
		boolean out = !enc.intersects(x, region);
		enc.deref(x);
		return out;
	}

	/**
	 * A condition's parts as written: the operands of a written conjunction, whose spans lie inside
	 * its own (a {@code let} name's expansion keeps the definition's spans, so it stays one part).
	 */
	static List<Expr> parts(Expr when) {
		if (when instanceof Expr.And a && a.operands().stream().allMatch(o -> inside(o.span(), a.span()))) {
			return a.operands();
		}
		return List.of(when);
	}

	private static boolean inside(SourceSpan inner, SourceSpan outer) {
		return inner.file().equals(outer.file()) && inner.offset() >= outer.offset()
				&& inner.offset() + inner.length() <= outer.offset() + outer.length();
	}

	/** Throws when no possible input agrees with {@code given}, naming the assumptions to blame. */
	static void requirePossible(PolicyAnalyzer analyzer, Policy policy, int[] given) {
		PolicyState s = analyzer.state(policy);
		Encoding enc = analyzer.encoding();
		int f = enc.fixed(given);
		try {
			if (enc.intersects(s.possible, f)) {
				return;
			}
			Model model = analyzer.model();
			String facts = Restriction.describe(model.facts(), given);
			if (s.possible == Encoding.FALSE) {
				throw new RestrictionException("the assumptions of policy `" + policy.name() + "` exclude every input",
						"see `mapl check`", true);
			}
			// A minimal set of assumptions that exclude the given facts: drop each one that is not needed.
			List<Assumption> core = new ArrayList<>(policy.assumptions());
			for (int i = 0; i < core.size();) {
				List<Assumption> without = new ArrayList<>(core);
				without.remove(i);
				if (satisfiable(enc, s, without, f)) {
					i++;
				} else {
					core = without;
				}
			}
			List<String> named = core.stream()
					.map(a -> "`" + MaplSyntax.expr(model, a.expr()) + "`" + (a.span().file().isEmpty() ? "" : " (" + a.span() + ")"))
					.toList();
			String why = core.isEmpty() ? ""
					: core.size() == 1 ? ": the assumption " + named.get(0) + " excludes it"
					: ": the assumptions " + String.join(" and ", named) + " together exclude it";
			throw new RestrictionException("no possible input of policy `" + policy.name() + "` has " + facts + why,
					"change or leave out one of these facts", true);
		} finally {
			enc.deref(f);
		}
	}

	private static boolean satisfiable(Encoding enc, PolicyState s, List<Assumption> assumptions, int given) {
		int p = enc.and(s.domain, given);
		for (Assumption a : assumptions) {
			if (p == Encoding.FALSE) {
				break;
			}
			int x = enc.expr(a.expr(), s.isInput, Encoding.NO_DECISIONS);
			p = enc.andInto(p, x);
			enc.deref(x);
		}
		boolean out = p != Encoding.FALSE;
		enc.deref(p);
		return out;
	}
}
