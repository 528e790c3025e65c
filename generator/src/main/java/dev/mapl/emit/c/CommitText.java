package dev.mapl.emit.c;

import dev.mapl.emit.TemplateText;
import java.util.ArrayList;
import java.util.List;

/**
 * How the text of a commit message is laid out: wrapped at {@link #WIDTH} columns so that every
 * line fits in {@link #MAX} (checkpatch's limit for commit messages). {@link CommitMessageTemplate}
 * calls {@link #paragraph}, {@link #item} and {@link #literalRow} on its prose.
 */
final class CommitText {

	static final int WIDTH = 72;
	static final int MAX = 75;

	private CommitText() {
	}

	/** Prose, however the template broke its lines, wrapped at {@link #WIDTH}. */
	static String paragraph(CharSequence text) {
		return String.join("\n", wrapText(text.toString(), WIDTH, "", ""));
	}

	/** A list item ({@code - ...}), continuation lines under its text. */
	static String item(CharSequence text) {
		return String.join("\n", wrapText(text.toString(), WIDTH, "", "  "));
	}

	/** A row of a decision table written as literals, indented, continuation lines further in. */
	static String literalRow(CharSequence text) {
		return String.join("\n", wrapText(text.toString(), WIDTH, "  ", "      "));
	}

	/** A block of a template to insert in another: {@code \n} line ends, none at the end. */
	static String block(CharSequence text) {
		String s = TemplateText.lf(text);
		int end = s.length();
		while (end > 0 && s.charAt(end - 1) == '\n') {
			end--;
		}
		return s.substring(0, end);
	}

	/** A whole message: {@code \n} line ends, no blank lines at the end, one line end. */
	static String message(CharSequence text) {
		return block(text) + "\n";
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
