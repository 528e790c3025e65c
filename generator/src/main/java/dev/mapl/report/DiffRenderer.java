package dev.mapl.report;

import dev.mapl.analysis.Counterexample;
import dev.mapl.analysis.PolicyDiff;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A {@link PolicyDiff} as plain text, as Markdown for a commit message, or as JSON. */
public final class DiffRenderer {

	private DiffRenderer() {
	}

	/** The policies compared, and the given facts that restrict the comparison. */
	private static String title(PolicyDiff d) {
		return PolicyDiff.title(d.oldPolicy(), d.newPolicy()) + (d.given().isEmpty() ? "" : " where " + String.join(", ", d.given()));
	}

	private static String inputs(BigInteger n) {
		return n + (n.equals(BigInteger.ONE) ? " input" : " inputs");
	}

	private static String rules(List<String> names) {
		if (names.isEmpty()) {
			return "no rule";
		}
		int max = 5;
		String shown = names.stream().limit(max).map(n -> "`" + n + "`").collect(Collectors.joining(", "));
		return names.size() > max ? shown + " and " + (names.size() - max) + " more" : shown;
	}

	private static String summary(PolicyDiff d) {
		if (d.equivalent()) {
			return "policy " + title(d) + ": no change (" + inputs(d.commonInputs()) + ")";
		}
		return "policy " + title(d) + ": " + d.changedInputs() + " of " + inputs(d.commonInputs())
				+ " decide differently";
	}

	/** For a terminal. */
	public static String text(PolicyDiff d) {
		StringBuilder sb = new StringBuilder();
		sb.append(summary(d)).append('\n');
		for (PolicyDiff.Change c : d.changes()) {
			sb.append("  ").append(c.from()).append(" -> ").append(c.to()).append(": ").append(inputs(c.count()))
					.append('\n');
			for (String cube : c.cubes()) {
				sb.append("    where ").append(cube).append('\n');
			}
			sb.append("    rules ").append(rules(c.oldRules())).append(" -> ").append(rules(c.newRules())).append('\n');
			sb.append("    e.g.  ").append(c.example()).append('\n');
		}
		region(sb, "possible only before", d.onlyOld());
		region(sb, "possible only after", d.onlyNew());
		return sb.toString();
	}

	private static void region(StringBuilder sb, String what, PolicyDiff.Region r) {
		if (r.isEmpty()) {
			return;
		}
		sb.append("  ").append(what).append(": ").append(inputs(r.count())).append('\n');
		for (String cube : r.cubes()) {
			sb.append("    where ").append(cube).append('\n');
		}
		r.example().ifPresent(e -> sb.append("    e.g.  ").append(e).append('\n'));
	}

	/** A Markdown list, readable as plain text too, to paste into a commit message. */
	public static String markdown(PolicyDiff d) {
		StringBuilder sb = new StringBuilder();
		if (d.equivalent()) {
			sb.append("No behaviour change in ").append(title(d)).append(" (").append(inputs(d.commonInputs()))
					.append(" compared).\n");
			return sb.toString();
		}
		sb.append("Behaviour change in ").append(title(d)).append(": ").append(d.changedInputs()).append(" of ")
				.append(inputs(d.commonInputs())).append(" decide differently.\n\n");
		for (PolicyDiff.Change c : d.changes()) {
			sb.append("- `").append(c.from()).append("` -> `").append(c.to()).append("` for ").append(inputs(c.count()))
					.append(":\n");
			for (String cube : c.cubes()) {
				sb.append(cube.startsWith("and ") ? "  - " + cube + "\n" : "  - `" + cube + "`\n");
			}
			sb.append("  - rules ").append(rules(c.oldRules())).append(" -> ").append(rules(c.newRules())).append('\n');
			sb.append("  - e.g. `").append(c.example()).append("`\n");
		}
		markdownRegion(sb, "Possible only before", d.onlyOld());
		markdownRegion(sb, "Possible only after", d.onlyNew());
		return sb.toString();
	}

	private static void markdownRegion(StringBuilder sb, String what, PolicyDiff.Region r) {
		if (r.isEmpty()) {
			return;
		}
		sb.append("- ").append(what).append(": ").append(inputs(r.count())).append('\n');
		for (String cube : r.cubes()) {
			sb.append(cube.startsWith("and ") ? "  - " + cube + "\n" : "  - `" + cube + "`\n");
		}
	}

	public static String json(PolicyDiff d) {
		Map<String, Object> o = Json.object();
		o.put("oldPolicy", d.oldPolicy());
		o.put("newPolicy", d.newPolicy());
		o.put("given", d.given());
		o.put("inputs", d.inputs());
		o.put("commonInputs", d.commonInputs());
		o.put("changedInputs", d.changedInputs());
		o.put("equivalent", d.equivalent());
		List<Object> changes = new ArrayList<>();
		for (PolicyDiff.Change c : d.changes()) {
			Map<String, Object> x = Json.object();
			x.put("from", c.from());
			x.put("to", c.to());
			x.put("count", c.count());
			x.put("cubes", c.cubes());
			x.put("oldRules", c.oldRules());
			x.put("newRules", c.newRules());
			x.put("example", example(c.example()));
			changes.add(x);
		}
		o.put("changes", changes);
		o.put("onlyOld", region(d.onlyOld()));
		o.put("onlyNew", region(d.onlyNew()));
		return Json.write(o);
	}

	private static Map<String, Object> example(Counterexample c) {
		return FindingsJson.counterexample(c);
	}

	private static Map<String, Object> region(PolicyDiff.Region r) {
		Map<String, Object> x = Json.object();
		x.put("count", r.count());
		x.put("cubes", r.cubes());
		x.put("example", FindingsJson.counterexample(r.example()));
		return x;
	}
}
