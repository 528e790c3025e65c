package dev.mapl.report;

import dev.mapl.analysis.DecisionTable;
import java.util.List;

/** Decision tables as Markdown or CSV (RFC 4180, {@code "\n"} line endings). */
public final class TableRenderer {

	private TableRenderer() {
	}

	public static String markdown(DecisionTable table) {
		StringBuilder sb = new StringBuilder();
		row(sb, table.columns());
		sb.append('|');
		for (int i = 0; i < table.columns().size(); i++) {
			sb.append(" --- |");
		}
		sb.append('\n');
		for (DecisionTable.Row r : table.rows()) {
			row(sb, r.allCells());
		}
		return sb.toString();
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
