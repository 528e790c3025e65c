package dev.mapl.emit.c;

import dev.mapl.analysis.DecisionTable;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.PolicyDiff;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.DiffRenderer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commit message of a generated patch, as a kernel maintainer reads it: a subject with the
 * subsystem prefix of the files it touches ({@code KVM: arm64: ...}), what was generated from
 * which MAPL files, each policy's reduced decision table, and, against a previous version, the exact
 * behaviour change. Every line fits in 75 columns (checkpatch's limit for commit messages).
 */
public final class PatchEmitter {

	static final int WIDTH = 72;
	static final int MAX = 75;
	/** Reduced tables with more rows are summarised. */
	static final int MAX_ROWS = 40;

	/** What one target's policy did before, for {@code --since}. */
	public record SinceChange(CTarget target, Optional<PolicyDiff> diff, String basePolicy) {
	}

	private PatchEmitter() {
	}

	/** {@code arch/arm64/kvm/x.h} -> {@code KVM: arm64: }, {@code mm/x.h} -> {@code mm: }. */
	public static String subsystem(String path) {
		String[] p = path.split("/");
		if (p.length >= 3 && p[0].equals("arch") && p[2].equals("kvm")) {
			return "KVM: " + p[1] + ": ";
		}
		if (p.length >= 2 && p[0].equals("virt") && p[1].equals("kvm")) {
			return "KVM: ";
		}
		if (p.length >= 3 && p[0].equals("arch")) {
			return p[1] + ": ";
		}
		if (p.length >= 3 && (p[0].equals("drivers") || p[0].equals("fs") || p[0].equals("net"))) {
			return p[1] + ": ";
		}
		return p.length >= 2 ? p[0] + ": " : "";
	}

	/**
	 * The subject (without {@code [PATCH]}).
	 *
	 * @param paths   the files the patch touches
	 * @param created whether they are all new
	 * @param sources the MAPL files the targets are declared in
	 */
	public static String subject(List<String> paths, boolean created, List<String> sources) {
		String prefix = subsystem(paths.get(0));
		List<String> names = new ArrayList<>();
		for (String p : paths) {
			names.add(p.substring(p.lastIndexOf('/') + 1));
		}
		String files = names.size() == 1 ? names.get(0) : names.size() + " files";
		List<String> srcNames = new ArrayList<>();
		for (String s : sources) {
			srcNames.add(s.substring(s.lastIndexOf('/') + 1));
		}
		String from = srcNames.size() == 1 ? srcNames.get(0) : "MAPL";
		String subject = prefix + (created ? "Add " + files + " generated from " + from
				: "Regenerate " + files + " from " + from);
		if (subject.length() > MAX) {
			subject = prefix + (created ? "Add code generated from MAPL" : "Regenerate code from MAPL");
		}
		return subject;
	}

	/**
	 * The subject of a patch that only rewrites marked regions of existing files: it names what is
	 * generated there, not the file, which stays hand-written around the region.
	 *
	 * @param paths     the files whose regions the patch rewrites
	 * @param functions the functions generated into them
	 * @param sources   the MAPL files the targets are declared in
	 */
	public static String regionSubject(List<String> paths, List<String> functions, List<String> sources) {
		String prefix = subsystem(paths.get(0));
		String files = paths.size() == 1 ? paths.get(0).substring(paths.get(0).lastIndexOf('/') + 1) : paths.size() + " files";
		String what = functions.size() == 1 ? functions.get(0) + "()" : functions.size() + " functions";
		String from = sources.size() == 1 ? sources.get(0).substring(sources.get(0).lastIndexOf('/') + 1) : "MAPL";
		String subject = prefix + "Generate " + what + " in " + files + " from " + from;
		return subject.length() > MAX ? prefix + "Generate code in " + files + " from MAPL" : subject;
	}

	/**
	 * The body of the patch that adds or regenerates headers, or rewrites marked regions.
	 *
	 * @param targets the targets whose code the patch writes
	 * @param files   the files it writes, with whether each is new and whether it is a region
	 * @param sources the repo-relative MAPL files the targets are declared in
	 * @param since   the previous version of the policies ({@code --since}), when the patch is made
	 *                against one
	 * @param changes per target, the behaviour change against that version
	 */
	public static String body(CBackend backend, List<CTarget> targets, List<String> files, List<Boolean> created,
			List<Boolean> regions, List<String> sources, Optional<String> since, List<SinceChange> changes) {
		Model model = backend.model();
		List<String> out = new ArrayList<>();
		List<String> fns = new ArrayList<>();
		for (CTarget t : targets) {
			fns.add(t.function().name() + "() decides policy " + t.policy());
		}
		List<String> what = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			what.add((created.get(i) ? "add " : regions.get(i) ? "update the generated code in " : "regenerate ")
					+ files.get(i));
		}
		String all = String.join(", and ", what);
		if (!all.isEmpty()) {
			paragraph(out, Character.toUpperCase(all.charAt(0)) + all.substring(1) + " from the MAPL policies in "
					+ String.join(", ", sources) + ": " + join(fns) + ".");
		}
		paragraph(out, "The MAPL compiler checked that every possible input is decided, that the rules do not "
				+ "conflict, and that every invariant and inline test of the policies holds. Each function "
				+ "evaluates the C expression of each fact once and calls a pure inner function over the facts, "
				+ "which a KUnit suite can test on every input.");
		out.addAll(tablesAndChanges(backend, targets, since, changes));
		return text(out);
	}

	/**
	 * The reduced decision table of each policy the targets decide and, against a previous version,
	 * each one's behaviour change: what a reviewer of the generated code needs to see.
	 */
	static List<String> tablesAndChanges(CBackend backend, List<CTarget> targets, Optional<String> since,
			List<SinceChange> changes) {
		Model model = backend.model();
		List<String> out = new ArrayList<>();
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		Set<String> seen = new LinkedHashSet<>();
		for (CTarget t : targets) {
			if (!seen.add(t.policy())) {
				continue;
			}
			Policy p = backend.plan(t).policy();
			out.addAll(table(model, analyzer, p));
			out.add("");
		}
		if (since.isPresent()) {
			paragraph(out, "Behaviour change against " + since.get() + ":");
			for (SinceChange c : changes) {
				if (c.diff().isEmpty()) {
					paragraph(out, "Policy " + c.target().policy() + " is new: " + c.basePolicy() + ".");
					continue;
				}
				for (String l : DiffRenderer.markdown(c.diff().get()).split("\n")) {
					out.addAll(wrapLine(l));
				}
				out.add("");
			}
		}
		return out;
	}

	/** The subject of the patch that adds the KUnit suites of generated headers. */
	public static String kunitSubject(List<String> headers) {
		String prefix = subsystem(headers.get(0));
		String subject = prefix + "Add KUnit tests for " + (headers.size() == 1
				? headers.get(0).substring(headers.get(0).lastIndexOf('/') + 1) : headers.size() + " generated headers");
		return subject.length() > MAX ? prefix + "Add KUnit tests for code generated from MAPL" : subject;
	}

	/**
	 * The body of the patch that adds the KUnit suites of generated headers, with their Kconfig
	 * entries and Makefile lines.
	 */
	public static String kunitBody(List<KunitEmitter.Suite> suites, List<String> headers, List<String> sources) {
		List<String> out = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		List<String> symbols = new ArrayList<>();
		for (KunitEmitter.Suite s : suites) {
			paths.add(s.path());
			symbols.add("CONFIG_" + s.kconfigSymbol());
		}
		boolean one = suites.size() == 1;
		paragraph(out, "Add KUnit tests for " + join(headers) + ", generated by MAPL from the policies in "
				+ String.join(", ", sources) + ".");
		paragraph(out, (one ? "The KUnit suite " : "The KUnit suites ") + join(paths) + (one ? " tests" : " test")
				+ " the inner functions against the policies' decisions, on every possible input or, when there "
				+ "are too many, on every path of the decision, its neighbours and the invariants' witnesses; "
				+ join(symbols) + " (default KUNIT_ALL_TESTS), added to the Kconfig and Makefile beside "
				+ (one ? "it, enables it." : "them, enables them."));
		return text(out);
	}

	/**
	 * The cover letter's subject: what the series generates (its functions, or how many) and, where
	 * it fits in 75 columns, from which MAPL file.
	 */
	public static String coverSubject(List<String> paths, List<String> functions, List<String> sources) {
		String prefix = subsystem(paths.get(0));
		String from = " from " + (sources.size() == 1 ? sources.get(0).substring(sources.get(0).lastIndexOf('/') + 1)
				: "MAPL");
		List<String> candidates = new ArrayList<>();
		if (functions.size() <= 2) {
			String what = prefix + "Generate " + join(functions.stream().map(f -> f + "()").toList());
			candidates.add(what + from);
			candidates.add(what);
		}
		String count = prefix + "Generate " + functions.size() + (functions.size() == 1 ? " decision" : " decisions");
		candidates.add(count + from);
		candidates.add(count);
		for (String c : candidates) {
			if (c.length() <= MAX) {
				return c;
			}
		}
		return prefix + "Generate code from MAPL";
	}

	/**
	 * The cover letter's text: what the series does patch by patch, then the decision tables and
	 * the behaviour change, which the patches carry one by one.
	 */
	public static String coverBlurb(CBackend backend, List<CTarget> targets, List<String> sources,
			List<String> patchSummaries, Optional<String> since, List<SinceChange> changes) {
		List<String> out = new ArrayList<>();
		List<String> fns = new ArrayList<>();
		for (CTarget t : targets) {
			fns.add(t.function().name() + "() decides policy " + t.policy());
		}
		paragraph(out, "This series brings the code MAPL generates from the policies in " + String.join(", ", sources)
				+ " into the tree: " + join(fns) + ".");
		for (int i = 0; i < patchSummaries.size(); i++) {
			out.addAll(wrapText("- Patch " + (i + 1) + " " + patchSummaries.get(i), WIDTH, "", "  "));
		}
		out.add("");
		paragraph(out, "The MAPL compiler checked that every possible input is decided, that the rules do not "
				+ "conflict, and that every invariant and inline test of the policies holds.");
		out.addAll(tablesAndChanges(backend, targets, since, changes));
		return text(out);
	}

	private static String text(List<String> out) {
		while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
			out.remove(out.size() - 1);
		}
		return String.join("\n", out) + "\n";
	}

	private static String join(List<String> items) {
		if (items.size() <= 1) {
			return String.join("", items);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

	private static void paragraph(List<String> out, String text) {
		out.addAll(wrapText(text, WIDTH, "", ""));
		out.add("");
	}

	/** A line of Markdown wrapped to {@link #WIDTH}, continuation lines indented under the item. */
	static List<String> wrapLine(String line) {
		if (line.length() <= MAX) {
			return List.of(line.stripTrailing());
		}
		int indent = 0;
		while (indent < line.length() && line.charAt(indent) == ' ') {
			indent++;
		}
		String lead = line.substring(0, indent);
		String rest = line.substring(indent);
		String cont = lead + (rest.startsWith("- ") ? "  " : "") + "  ";
		return wrapText(rest, WIDTH, lead, cont);
	}

	/**
	 * A policy's reduced decision table: one column per fact the table constrains (a letter, with a
	 * legend), then the outcome and the rule; rows too wide become one line per row.
	 */
	static List<String> table(Model model, PolicyAnalyzer analyzer, Policy p) {
		List<String> out = new ArrayList<>();
		DecisionTable t;
		try {
			t = DecisionTable.reduced(analyzer, p, MAX_ROWS);
		} catch (IllegalArgumentException e) {
			out.addAll(wrapText("Policy " + p.name() + " has more than " + MAX_ROWS
					+ " rows in its reduced decision table; see `mapl table`.", WIDTH, "", ""));
			return out;
		}
		List<Integer> cols = new ArrayList<>();
		for (int c = 0; c < t.facts().size(); c++) {
			for (DecisionTable.Row r : t.rows()) {
				if (!r.cells().get(c).equals("-")) {
					cols.add(c);
					break;
				}
			}
		}
		out.addAll(wrapText("Policy " + p.name() + " (" + hit(p) + "), as its reduced decision table "
				+ "('-' is any value):", WIDTH, "", ""));
		out.add("");
		List<String> letters = new ArrayList<>();
		for (int i = 0; i < cols.size(); i++) {
			letters.add(letter(i));
		}
		for (int i = 0; i < cols.size(); i++) {
			out.add("  " + letters.get(i) + "  " + model.fact(t.facts().get(cols.get(i))).name());
		}
		if (!cols.isEmpty()) {
			out.add("");
		}
		int[] width = new int[cols.size()];
		for (int i = 0; i < cols.size(); i++) {
			width[i] = letters.get(i).length();
			for (DecisionTable.Row r : t.rows()) {
				width[i] = Math.max(width[i], r.cells().get(cols.get(i)).length());
			}
		}
		int ow = "outcome".length();
		for (DecisionTable.Row r : t.rows()) {
			ow = Math.max(ow, r.outcome().length());
		}
		List<String> grid = new ArrayList<>();
		grid.add(row(letters, width, "outcome", ow, "rule"));
		for (DecisionTable.Row r : t.rows()) {
			List<String> cells = new ArrayList<>();
			for (int c : cols) {
				cells.add(r.cells().get(c));
			}
			grid.add(row(cells, width, r.outcome(), ow, ruleName(p, r)));
		}
		boolean fits = grid.stream().allMatch(l -> l.length() <= MAX);
		if (fits) {
			out.addAll(grid);
			return out;
		}
		// Too wide: one row per line, as literals.
		out.clear();
		out.addAll(wrapText("Policy " + p.name() + " (" + hit(p) + "), as its reduced decision table "
				+ "(facts not named take any value):", WIDTH, "", ""));
		out.add("");
		for (DecisionTable.Row r : t.rows()) {
			List<String> lits = new ArrayList<>();
			for (int c : cols) {
				String cell = r.cells().get(c);
				String name = model.fact(t.facts().get(c)).name();
				if (cell.equals("-")) {
					continue;
				}
				lits.add(cell.equals("1") && model.fact(t.facts().get(c)).isBoolean() ? name
						: cell.equals("0") && model.fact(t.facts().get(c)).isBoolean() ? "!" + name : name + "=" + cell);
			}
			out.addAll(wrapText(ruleName(p, r) + " -> " + r.outcome() + ": "
					+ (lits.isEmpty() ? "any input" : String.join(" ", lits)), WIDTH, "  ", "      "));
		}
		return out;
	}

	private static String ruleName(Policy p, DecisionTable.Row r) {
		return r.ruleIndex() >= 0 ? MaplText.ruleName(p.rules().get(r.ruleIndex())) : r.rule();
	}

	private static String hit(Policy p) {
		switch (p.hitPolicy()) {
			case UNIQUE:
				return "at most one rule matches";
			case PRIORITY:
				return "the matching rule whose outcome is declared first decides";
			default:
				return "the first matching rule decides";
		}
	}

	private static String row(List<String> cells, int[] width, String outcome, int ow, String rule) {
		StringBuilder sb = new StringBuilder("  ");
		for (int i = 0; i < cells.size(); i++) {
			sb.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(' ');
		}
		sb.append(' ').append(outcome).append(" ".repeat(ow - outcome.length())).append("  ").append(rule);
		return sb.toString().stripTrailing();
	}

	static String letter(int i) {
		String s = "";
		int n = i;
		do {
			s = (char) ('A' + n % 26) + s;
			n = n / 26 - 1;
		} while (n >= 0);
		return s;
	}

	/** Plain text wrapped at {@code width} columns (a longer word stays whole on its line). */
	static List<String> wrapText(String text, int width, String first, String next) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder(first);
		boolean empty = true;
		for (String w : text.strip().split("\\s+")) {
			if (w.isEmpty()) {
				continue;
			}
			if (!empty && cur.length() + 1 + w.length() > width) {
				out.add(cur.toString());
				cur = new StringBuilder(next + w);
			} else {
				cur.append(empty ? "" : " ").append(w);
			}
			empty = false;
		}
		out.add(cur.toString());
		return out;
	}
}
