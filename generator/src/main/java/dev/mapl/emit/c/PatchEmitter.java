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
 * This class decides what the message says; {@link CommitMessageTemplate} holds its text and
 * {@link CommitText} wraps it.
 */
public final class PatchEmitter {

	/** Reduced tables with more rows are summarised. */
	static final int MAX_ROWS = 40;

	/** What one target's policy did before, for {@code --since}. */
	public record SinceChange(CTarget target, Optional<PolicyDiff> diff, String basePolicy) {
	}

	/** A row of a reduced decision table as literals: {@code rule -> outcome: a !b c=2}. */
	record TableRow(String rule, String outcome, List<String> literals) {
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
		return fitting(CommitMessageTemplate.subject(prefix, created, names(paths), names(sources)),
				CommitMessageTemplate.shortSubject(prefix, created));
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
		return fitting(CommitMessageTemplate.regionSubject(prefix, functions, names(paths), names(sources)),
				CommitMessageTemplate.shortRegionSubject(prefix, names(paths)));
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
		return CommitText.message(CommitMessageTemplate.body(files, created, regions, sources, targets,
				review(backend, targets, since, changes)));
	}

	/**
	 * The reduced decision table of each policy the targets decide and, against a previous version,
	 * each one's behaviour change: what a reviewer of the generated code needs to see.
	 */
	static String review(CBackend backend, List<CTarget> targets, Optional<String> since, List<SinceChange> changes) {
		Model model = backend.model();
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		Set<String> seen = new LinkedHashSet<>();
		List<String> tables = new ArrayList<>();
		for (CTarget t : targets) {
			if (seen.add(t.policy())) {
				tables.add(table(model, analyzer, backend.plan(t).policy()));
			}
		}
		List<String> diffs = new ArrayList<>();
		for (SinceChange c : changes) {
			if (c.diff().isEmpty()) {
				diffs.add(CommitText.block(CommitMessageTemplate.newPolicy(c.target().policy(), c.basePolicy())));
				continue;
			}
			// The Markdown of `mapl diff`, each line wrapped under its item.
			List<String> lines = new ArrayList<>();
			for (String l : DiffRenderer.markdown(c.diff().get()).split("\n")) {
				lines.addAll(CommitText.wrapLine(l));
			}
			diffs.add(String.join("\n", lines));
		}
		return CommitText.block(CommitMessageTemplate.review(tables, since.orElse(null), diffs));
	}

	/** The subject of the patch that adds the KUnit suites of generated headers. */
	public static String kunitSubject(List<String> headers) {
		String prefix = subsystem(headers.get(0));
		return fitting(CommitMessageTemplate.kunitSubject(prefix, names(headers)),
				CommitMessageTemplate.shortKunitSubject(prefix));
	}

	/**
	 * The body of the patch that adds the KUnit suites of generated headers, with their Kconfig
	 * entries and Makefile lines.
	 */
	public static String kunitBody(List<KunitEmitter.Suite> suites, List<String> headers, List<String> sources) {
		return CommitText.message(CommitMessageTemplate.kunitBody(headers, sources,
				suites.stream().map(KunitEmitter.Suite::path).toList(),
				suites.stream().map(KunitEmitter.Suite::kconfigSymbol).toList()));
	}

	/**
	 * The cover letter's subject: what the series generates (its functions, or how many) and, where
	 * it fits in 75 columns, from which MAPL file.
	 */
	public static String coverSubject(List<String> paths, List<String> functions, List<String> sources) {
		String prefix = subsystem(paths.get(0));
		CharSequence from = CommitMessageTemplate.from(names(sources));
		List<CharSequence> candidates = new ArrayList<>();
		if (functions.size() <= 2) {
			CharSequence calls = CommitMessageTemplate.functionCalls(functions);
			candidates.add(CommitMessageTemplate.coverSubject(prefix, calls, from));
			candidates.add(CommitMessageTemplate.coverSubject(prefix, calls, null));
		}
		CharSequence count = CommitMessageTemplate.decisionCount(functions.size());
		candidates.add(CommitMessageTemplate.coverSubject(prefix, count, from));
		candidates.add(CommitMessageTemplate.coverSubject(prefix, count, null));
		for (CharSequence c : candidates) {
			if (c.length() <= CommitText.MAX) {
				return c.toString();
			}
		}
		return CommitMessageTemplate.shortCoverSubject(prefix).toString();
	}

	/**
	 * The cover letter's text: what the series does patch by patch, then the decision tables and
	 * the behaviour change, which the patches carry one by one.
	 */
	public static String coverBlurb(CBackend backend, List<CTarget> targets, List<String> sources,
			List<String> patchSummaries, Optional<String> since, List<SinceChange> changes) {
		return CommitText.message(CommitMessageTemplate.coverBlurb(sources, targets, patchSummaries,
				review(backend, targets, since, changes)));
	}

	/** The subject if it fits in {@link CommitText#MAX} columns, else the short one. */
	private static String fitting(CharSequence subject, CharSequence shorter) {
		return (subject.length() <= CommitText.MAX ? subject : shorter).toString();
	}

	/** The file names of repo-relative paths. */
	private static List<String> names(List<String> paths) {
		return paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
	}

	/**
	 * A policy's reduced decision table: one column per fact the table constrains (a letter, with a
	 * legend), then the outcome and the rule; rows too wide become one line per row.
	 */
	static String table(Model model, PolicyAnalyzer analyzer, Policy p) {
		DecisionTable t;
		try {
			t = DecisionTable.reduced(analyzer, p, MAX_ROWS);
		} catch (IllegalArgumentException e) {
			return CommitText.block(CommitMessageTemplate.tableTooLarge(p.name(), MAX_ROWS));
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
		List<String> letters = new ArrayList<>();
		List<String> facts = new ArrayList<>();
		for (int i = 0; i < cols.size(); i++) {
			letters.add(letter(i));
			facts.add(model.fact(t.facts().get(cols.get(i))).name());
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
		grid.add(gridRow(letters, width, "outcome", ow, "rule"));
		for (DecisionTable.Row r : t.rows()) {
			List<String> cells = new ArrayList<>();
			for (int c : cols) {
				cells.add(r.cells().get(c));
			}
			grid.add(gridRow(cells, width, r.outcome(), ow, ruleName(p, r)));
		}
		if (grid.stream().allMatch(l -> l.length() <= CommitText.MAX)) {
			return CommitText.block(CommitMessageTemplate.table(p.name(), p.hitPolicy(), letters, facts, grid));
		}
		// Too wide: one row per line, as literals.
		List<TableRow> rows = new ArrayList<>();
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
			rows.add(new TableRow(ruleName(p, r), r.outcome(), lits));
		}
		return CommitText.block(CommitMessageTemplate.tableRows(p.name(), p.hitPolicy(), rows));
	}

	private static String ruleName(Policy p, DecisionTable.Row r) {
		return r.ruleIndex() >= 0 ? MaplText.ruleName(p.rules().get(r.ruleIndex())) : r.rule();
	}

	/** A row of the grid, each column padded to its width. */
	private static String gridRow(List<String> cells, int[] width, String outcome, int ow, String rule) {
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
}
