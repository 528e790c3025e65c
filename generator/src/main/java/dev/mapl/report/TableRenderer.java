package dev.mapl.report;

import dev.mapl.analysis.DecisionTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decision tables as Markdown, for people, or CSV (RFC 4180, {@code "\n"} line endings), for
 * programs. Markdown leaves out the facts no row constrains (a {@code -} in every row: facts the
 * policy reads only through its assumptions) and names them below the table; CSV keeps every
 * column. A table restricted to given facts leaves their columns out in Markdown and names them
 * below the table ({@code Given: VM_PFNMAP=1, prot=MT_NORMAL.}); CSV keeps them, with the given value
 * in every row.
 */
public final class TableRenderer {

	private TableRenderer() {
	}

	public static String markdown(DecisionTable table) {
		StringBuilder sb = new StringBuilder();
		List<String> hidden = grid(sb, table);
		if (!hidden.isEmpty()) {
			sb.append("\nNo row depends on ").append(String.join(", ", hidden)).append(".\n");
		}
		if (!table.given().isEmpty()) {
			sb.append("\nGiven: ").append(String.join(", ", table.given())).append(".\n");
		}
		return sb.toString();
	}

	/**
	 * The Markdown table alone, without the given facts' columns and those no row constrains;
	 * returns the names of the latter.
	 */
	static List<String> grid(StringBuilder sb, DecisionTable table) {
		List<Integer> shown = new ArrayList<>();
		List<String> hidden = new ArrayList<>();
		List<String> columns = table.columns();
		for (int c = 0; c < table.facts().size(); c++) {
			final int col = c;
			if (table.isGiven(table.facts().get(c))) {
				continue;
			}
			if (table.rows().isEmpty() || table.rows().stream().anyMatch(r -> !r.cells().get(col).equals("-"))) {
				shown.add(c);
			} else {
				hidden.add(columns.get(c));
			}
		}
		shown.add(columns.size() - 2); // outcome
		shown.add(columns.size() - 1); // rule
		row(sb, pick(columns, shown));
		sb.append('|');
		for (int i = 0; i < shown.size(); i++) {
			sb.append(" --- |");
		}
		sb.append('\n');
		for (DecisionTable.Row r : table.rows()) {
			row(sb, pick(r.allCells(), shown));
		}
		return hidden;
	}

	private static List<String> pick(List<String> cells, List<Integer> which) {
		List<String> out = new ArrayList<>();
		for (int i : which) {
			out.add(cells.get(i));
		}
		return out;
	}

	private static void row(StringBuilder sb, List<String> cells) {
		sb.append('|');
		for (String c : cells) {
			sb.append(' ').append(c.replace("|", "\\|")).append(" |");
		}
		sb.append('\n');
	}

	public static String csv(DecisionTable table) {
		StringBuilder sb = new StringBuilder();
		csvRow(sb, table.columns());
		for (DecisionTable.Row r : table.rows()) {
			csvRow(sb, r.allCells());
		}
		return sb.toString();
	}

	private static void csvRow(StringBuilder sb, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				sb.append(',');
			}
			sb.append(csvCell(cells.get(i)));
		}
		sb.append('\n');
	}

	static String csvCell(String c) {
		if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
			return '"' + c.replace("\"", "\"\"") + '"';
		}
		return c;
	}
}
