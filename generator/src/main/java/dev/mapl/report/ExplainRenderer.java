package dev.mapl.report;

import dev.mapl.analysis.DecisionTable;
import dev.mapl.analysis.PartialEvaluation;
import dev.mapl.analysis.Residual;
import dev.mapl.ir.Expr;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Model;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Residual} for people ({@code mapl explain}) or tools (JSON). Conditions are quoted as
 * the user wrote them through {@code quote} (the source text of a span; {@code ""} when unknown,
 * then they are printed back from the IR).
 */
public final class ExplainRenderer {

	private ExplainRenderer() {
	}

	public static String text(Residual r, Function<SourceSpan, String> quote) {
		StringBuilder sb = new StringBuilder();
		if (r.explanation().isPresent()) {
			decided(sb, r, r.explanation().get(), quote);
		} else {
			residual(sb, r);
		}
		return sb.toString();
	}

	private static void decided(StringBuilder sb, Residual r, Residual.Explanation e, Function<SourceSpan, String> quote) {
		Model model = r.model();
		String every = r.completions().compareTo(BigInteger.ONE) > 0
				? " (all " + r.completions() + " completions of the given facts)" : "";
		if (e.firing().isEmpty()) {
			sb.append("outcome: none (no rule matches: a gap in policy `").append(r.policy().name()).append("`)")
					.append(every).append('\n');
		} else {
			Rule f = e.firing().get();
			sb.append("outcome: ").append(model.outcome(f.outcome()).name()).append(every).append('\n');
			sb.append("rule:    ").append(f.name()).append(" (").append(f.span()).append("): ")
					.append(rule(model, f, quote)).append('\n');
			if (r.policy().hitPolicy() == HitPolicy.UNIQUE && !e.others().isEmpty()) {
				List<Rule> all = new ArrayList<>(List.of(f));
				e.others().forEach(s -> all.add(s.rule()));
				all.sort((a, b) -> Integer.compare(a.index(), b.index()));
				boolean always = e.others().stream().allMatch(s -> s.match() == Residual.Match.ALWAYS);
				sb.append("warning: policy `").append(r.policy().name()).append("` is `unique` but these rules ")
						.append(always ? "all match: " : "match together for some completions: ")
						.append(all.stream().map(x -> "`" + x.name() + "`").collect(Collectors.joining(", "))).append('\n');
			}
		}
		if (!e.earlier().isEmpty()) {
			sb.append(e.firing().isPresent() ? "earlier rules:\n" : "rules:\n");
			for (Residual.Step s : e.earlier()) {
				sb.append("  ").append(s.rule().name()).append(" (").append(s.rule().span()).append("): ")
						.append(why(r, e, s, quote)).append('\n');
			}
		}
		if (e.firing().isPresent() && r.policy().hitPolicy() == HitPolicy.PRIORITY) {
			for (Residual.Step s : e.others()) {
				if (s.rule().index() > e.firing().get().index()) {
					sb.append("  ").append(s.rule().name()).append(" (").append(s.rule().span()).append(") ")
							.append(s.match() == Residual.Match.ALWAYS ? "also matches" : "also matches some completions")
							.append(", but ").append(priority(model, e.firing().get(), s.rule())).append('\n');
				}
			}
		}
	}

	private static String priority(Model model, Rule winner, Rule loser) {
		return "`" + model.outcome(winner.outcome()).name() + "` has priority over `" + model.outcome(loser.outcome()).name()
				+ "`";
	}

	/** Why a rule does not decide: the parts of its condition that are false. */
	private static String why(Residual r, Residual.Explanation e, Residual.Step s, Function<SourceSpan, String> quote) {
		if (s.match() != Residual.Match.NEVER) {
			String head = s.match() == Residual.Match.ALWAYS ? "matches too" : "matches some completions too";
			if (r.policy().hitPolicy() == HitPolicy.PRIORITY && e.firing().isPresent()) {
				return head + ", but " + priority(r.model(), e.firing().get(), s.rule());
			}
			return head + ", but an earlier rule decides first";
		}
		List<String> reasons = new ArrayList<>();
		for (Expr p : s.falseParts()) {
			reasons.add("`" + expr(r.model(), p, quote) + "` is false");
		}
		if (s.guardFalse()) {
			reasons.add("guard `" + expr(r.model(), s.rule().guard().get(), quote) + "` is false");
		}
		if (reasons.isEmpty()) {
			return "no completion matches it";
		}
		return String.join(", ", reasons);
	}

	private static void residual(StringBuilder sb, Residual r) {
		Model model = r.model();
		sb.append("given:      ").append(r.givenText().isEmpty() ? "nothing" : r.givenText()).append(" (")
				.append(count(r.completions(), "possible completion")).append(")\n");
		if (r.outcomes().size() == 1) {
			sb.append("outcome:    ").append(r.outcomes().get(0).outcome())
					.append(" for every completion; which rule decides depends on the other facts\n");
		} else {
			sb.append("depends on: ").append(r.dependsOn().stream().map(f -> model.fact(f).name())
					.collect(Collectors.joining(", "))).append('\n');
			sb.append("outcomes:\n");
			for (Residual.Share s : r.outcomes()) {
				sb.append("  ").append(s.outcome()).append(": ").append(s.count()).append(" of ").append(r.completions());
				if (!s.rules().isEmpty()) {
					sb.append(s.rules().size() == 1 ? " (rule " : " (rules ")
							.append(s.rules().stream().map(x -> "`" + x + "`").collect(Collectors.joining(", "))).append(')');
				}
				sb.append('\n');
			}
		}
		if (r.table().isPresent()) {
			sb.append("decision:\n");
			TableRenderer.grid(sb, r.table().get());
		} else {
			sb.append("decision: more than ").append(PartialEvaluation.MAX_REDUCED_ROWS)
					.append(" rows in its reduced table; give more facts to see it\n");
		}
	}

	private static String count(BigInteger n, String what) {
		return n + " " + what + (n.equals(BigInteger.ONE) ? "" : "s");
	}

	private static String rule(Model model, Rule r, Function<SourceSpan, String> quote) {
		String q = quote.apply(r.span());
		return q == null || q.isEmpty() ? MaplSyntax.rule(model, r) : q;
	}

	private static String expr(Model model, Expr e, Function<SourceSpan, String> quote) {
		String q = quote.apply(e.span());
		return q == null || q.isEmpty() ? MaplSyntax.expr(model, e) : q;
	}

	/** For tools: the same answer as one JSON object. */
	public static String json(Residual r, Function<SourceSpan, String> quote) {
		Model model = r.model();
		Map<String, Object> o = Json.object();
		o.put("policy", r.policy().name());
		Map<String, Object> given = Json.object();
		int[] g = r.given();
		for (int f : r.policy().inputs()) {
			if (g[f] >= 0) {
				given.put(model.fact(f).name(), model.fact(f).isBoolean() ? (Object) (g[f] == 1) : model.fact(f).valueName(g[f]));
			}
		}
		o.put("given", given);
		o.put("completions", r.completions());
		o.put("decided", r.decided());
		o.put("dependsOn", r.dependsOn().stream().map(f -> model.fact(f).name()).toList());
		List<Object> outcomes = new ArrayList<>();
		for (Residual.Share s : r.outcomes()) {
			Map<String, Object> x = Json.object();
			x.put("outcome", s.outcome());
			x.put("count", s.count());
			x.put("rules", s.rules());
			outcomes.add(x);
		}
		o.put("outcomes", outcomes);
		if (r.explanation().isPresent()) {
			Residual.Explanation e = r.explanation().get();
			o.put("rule", e.firing().map(f -> (Object) ruleJson(model, f, quote)).orElse(null));
			List<Object> earlier = new ArrayList<>();
			for (Residual.Step s : e.earlier()) {
				earlier.add(stepJson(r, e, s, quote));
			}
			o.put("earlierRules", earlier);
			List<Object> others = new ArrayList<>();
			for (Residual.Step s : e.others()) {
				Map<String, Object> x = ruleJson(model, s.rule(), quote);
				x.put("matches", s.match().name().toLowerCase(java.util.Locale.ROOT));
				others.add(x);
			}
			o.put("alsoMatching", others);
		}
		if (r.table().isEmpty()) {
			o.put("table", null);
			return Json.write(o);
		}
		DecisionTable t = r.table().get();
		Map<String, Object> table = Json.object();
		List<Integer> columns = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int c = 0; c < t.facts().size(); c++) {
			if (!t.isGiven(t.facts().get(c))) {
				columns.add(c);
				names.add(t.columns().get(c));
			}
		}
		names.add("outcome");
		names.add("rule");
		table.put("columns", names);
		List<Object> rows = new ArrayList<>();
		for (DecisionTable.Row row : t.rows()) {
			List<String> cells = new ArrayList<>();
			columns.forEach(c -> cells.add(row.cells().get(c)));
			cells.add(row.outcome());
			cells.add(row.rule());
			rows.add(cells);
		}
		table.put("rows", rows);
		o.put("table", table);
		return Json.write(o);
	}

	private static Map<String, Object> ruleJson(Model model, Rule r, Function<SourceSpan, String> quote) {
		Map<String, Object> x = Json.object();
		x.put("name", r.name());
		x.put("outcome", model.outcome(r.outcome()).name());
		x.put("text", rule(model, r, quote));
		x.put("span", FindingsJson.span(r.span()));
		return x;
	}

	private static Map<String, Object> stepJson(Residual r, Residual.Explanation e, Residual.Step s,
			Function<SourceSpan, String> quote) {
		Map<String, Object> x = ruleJson(r.model(), s.rule(), quote);
		x.put("matches", s.match().name().toLowerCase(java.util.Locale.ROOT));
		x.put("falseParts", s.falseParts().stream().map(p -> expr(r.model(), p, quote)).toList());
		x.put("guardFalse", s.guardFalse());
		x.put("why", why(r, e, s, quote));
		return x;
	}
}
