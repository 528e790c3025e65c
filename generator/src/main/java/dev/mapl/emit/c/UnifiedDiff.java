package dev.mapl.emit.c;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Git-style unified diffs ({@code diff --git}, blob ids, three lines of context, hunks with the
 * function line git would show) and {@code git format-patch} diffstats. The line diff is
 * java-diff-utils' Myers diff; this class only writes what git writes around it. Lines are compared
 * with their line terminator, so a missing final newline is a change ({@code \ No newline at end
 * of file}).
 */
public final class UnifiedDiff {

	static final int CONTEXT = 3;
	/** {@code git format-patch}'s diffstat width (MAIL_DEFAULT_WRAP). */
	static final int STAT_WIDTH = 72;

	private UnifiedDiff() {
	}

	/**
	 * One file's change.
	 *
	 * @param oldText empty for a new file
	 * @param mode    the file mode ({@code 100644})
	 */
	public record FileChange(String path, Optional<String> oldText, String newText, String mode) {

		public boolean isNew() {
			return oldText.isEmpty();
		}
	}

	/** Lines with their terminators (the last one may have none). */
	public static List<String> lines(String text) {
		return Regions.splitKeepingEnds(text);
	}

	private static List<AbstractDelta<String>> deltas(List<String> a, List<String> b) {
		return DiffUtils.diff(a, b).getDeltas();
	}

	/** The {@code diff --git} section of one file. */
	public static String diff(FileChange c) {
		List<String> a = c.oldText().map(UnifiedDiff::lines).orElse(List.of());
		List<String> b = lines(c.newText());
		StringBuilder sb = new StringBuilder();
		sb.append("diff --git a/").append(c.path()).append(" b/").append(c.path()).append('\n');
		if (c.isNew()) {
			sb.append("new file mode ").append(c.mode()).append('\n');
			sb.append("index ").append("0".repeat(12)).append("..").append(abbrev(c.newText())).append('\n');
			sb.append("--- /dev/null\n");
		} else {
			sb.append("index ").append(abbrev(c.oldText().get())).append("..").append(abbrev(c.newText())).append(' ')
					.append(c.mode()).append('\n');
			sb.append("--- a/").append(c.path()).append('\n');
		}
		sb.append("+++ b/").append(c.path()).append('\n');
		List<AbstractDelta<String>> deltas = deltas(a, b);
		// A hunk takes the following changes while at most 2 * CONTEXT unchanged lines lie between (as git).
		int i = 0;
		while (i < deltas.size()) {
			int j = i + 1;
			while (j < deltas.size() && start(deltas.get(j).getSource()) - end(deltas.get(j - 1).getSource()) <= 2 * CONTEXT) {
				j++;
			}
			hunk(sb, deltas.subList(i, j), a, b);
			i = j;
		}
		return sb.toString();
	}

	private static int start(Chunk<String> c) {
		return c.getPosition();
	}

	private static int end(Chunk<String> c) {
		return c.getPosition() + c.size();
	}

	/** One hunk: the deltas (sorted, close together) with CONTEXT lines of context around them. */
	private static void hunk(StringBuilder sb, List<AbstractDelta<String>> ds, List<String> a, List<String> b) {
		AbstractDelta<String> first = ds.get(0);
		AbstractDelta<String> last = ds.get(ds.size() - 1);
		int aStart = Math.max(0, start(first.getSource()) - CONTEXT);
		int aEnd = Math.min(a.size(), end(last.getSource()) + CONTEXT);
		int bStart = start(first.getTarget()) - (start(first.getSource()) - aStart);
		int bEnd = end(last.getTarget()) + (aEnd - end(last.getSource()));
		sb.append("@@ -").append(range(aStart, aEnd - aStart)).append(" +").append(range(bStart, bEnd - bStart))
				.append(" @@");
		String func = funcname(a, aStart);
		if (!func.isEmpty()) {
			sb.append(' ').append(func);
		}
		sb.append('\n');
		int pos = aStart;
		for (AbstractDelta<String> d : ds) {
			for (; pos < start(d.getSource()); pos++) {
				line(sb, ' ', a.get(pos));
			}
			for (String l : d.getSource().getLines()) {
				line(sb, '-', l);
			}
			for (String l : d.getTarget().getLines()) {
				line(sb, '+', l);
			}
			pos = end(d.getSource());
		}
		for (; pos < aEnd; pos++) {
			line(sb, ' ', a.get(pos));
		}
	}

	private static void line(StringBuilder sb, char mark, String line) {
		sb.append(mark).append(line);
		if (!line.endsWith("\n")) {
			sb.append("\n\\ No newline at end of file\n");
		}
	}

	/** GNU unified ranges: {@code start,count}; {@code start} alone when count is 1. */
	private static String range(int start, int count) {
		if (count == 0) {
			return start + ",0";
		}
		return count == 1 ? Integer.toString(start + 1) : (start + 1) + "," + count;
	}

	/** The line git's default funcname rule shows: the last one before the hunk starting with a letter, _ or $. */
	static String funcname(List<String> a, int before) {
		for (int i = Math.min(before, a.size()) - 1; i >= 0; i--) {
			String l = a.get(i);
			if (!l.isEmpty() && (Character.isLetter(l.charAt(0)) || l.charAt(0) == '_' || l.charAt(0) == '$')) {
				String s = l.stripTrailing();
				byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
				if (bytes.length > 80) {
					s = new String(bytes, 0, 80, StandardCharsets.UTF_8).replace("\uFFFD", "").stripTrailing();
				}
				return s;
			}
		}
		return "";
	}

	/** The git blob id of a text, abbreviated to 12 hex digits. */
	static String abbrev(String text) {
		return blobId(text).substring(0, 12);
	}

	/** The git blob id (SHA-1 of {@code blob LEN\0BYTES}). */
	public static String blobId(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		try {
			MessageDigest md = MessageDigest.getInstance("SHA-1");
			md.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
			md.update(bytes);
			return HexFormat.of().formatHex(md.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Inserted and deleted lines of a change. */
	public static int[] counts(FileChange c) {
		List<String> a = c.oldText().map(UnifiedDiff::lines).orElse(List.of());
		List<String> b = lines(c.newText());
		int ins = 0;
		int del = 0;
		for (AbstractDelta<String> d : deltas(a, b)) {
			ins += d.getTarget().size();
			del += d.getSource().size();
		}
		return new int[] {ins, del};
	}

	/**
	 * {@code git format-patch}'s diffstat, summary line and mode lines: the column widths, the name
	 * shortening and the graph scaling of git's {@code show_stats} (diff.c) at 72 columns.
	 */
	public static String stat(List<FileChange> changes) {
		int maxLen = 0;
		int maxChange = 0;
		int[][] counts = new int[changes.size()][];
		int insTotal = 0;
		int delTotal = 0;
		for (int i = 0; i < changes.size(); i++) {
			counts[i] = counts(changes.get(i));
			maxLen = Math.max(maxLen, changes.get(i).path().length());
			maxChange = Math.max(maxChange, counts[i][0] + counts[i][1]);
			insTotal += counts[i][0];
			delTotal += counts[i][1];
		}
		int numberWidth = Integer.toString(maxChange).length();
		int width = Math.max(STAT_WIDTH, 16 + 6 + numberWidth);
		int graphWidth = maxChange;
		int nameWidth = maxLen;
		if (nameWidth + numberWidth + 6 + graphWidth > width) {
			if (graphWidth > width * 3 / 8 - numberWidth - 6) {
				graphWidth = Math.max(6, width * 3 / 8 - numberWidth - 6);
			}
			if (nameWidth > width - numberWidth - 6 - graphWidth) {
				nameWidth = width - numberWidth - 6 - graphWidth;
			} else {
				graphWidth = width - numberWidth - 6 - nameWidth;
			}
		}
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < changes.size(); i++) {
			int ins = counts[i][0];
			int del = counts[i][1];
			int plus = ins;
			int minus = del;
			if (graphWidth <= maxChange) {
				int total = scale(ins + del, graphWidth, maxChange);
				if (total < 2 && ins > 0 && del > 0) {
					total = 2;
				}
				if (ins < del) {
					plus = scale(ins, graphWidth, maxChange);
					minus = total - plus;
				} else {
					minus = scale(del, graphWidth, maxChange);
					plus = total - minus;
				}
			}
			sb.append(' ').append(name(changes.get(i).path(), nameWidth)).append(" | ");
			String n = Integer.toString(ins + del);
			sb.append(" ".repeat(numberWidth - n.length())).append(n);
			if (ins + del > 0) {
				sb.append(' ').append("+".repeat(plus)).append("-".repeat(minus));
			}
			sb.append('\n');
		}
		sb.append(' ').append(changes.size()).append(changes.size() == 1 ? " file changed" : " files changed");
		if (insTotal > 0 || delTotal == 0) {
			sb.append(", ").append(insTotal).append(insTotal == 1 ? " insertion(+)" : " insertions(+)");
		}
		if (delTotal > 0 || insTotal == 0) {
			sb.append(", ").append(delTotal).append(delTotal == 1 ? " deletion(-)" : " deletions(-)");
		}
		sb.append('\n');
		for (FileChange c : changes) {
			if (c.isNew()) {
				sb.append(" create mode ").append(c.mode()).append(' ').append(c.path()).append('\n');
			}
		}
		return sb.toString();
	}

	/** A path padded to {@code width}, or shortened to {@code .../tail} from a slash as git does. */
	private static String name(String path, int width) {
		if (path.length() <= width) {
			return path + " ".repeat(width - path.length());
		}
		String tail = path.substring(path.length() - (width - 3));
		int slash = tail.indexOf('/');
		String shown = "..." + (slash >= 0 ? tail.substring(slash) : tail);
		return shown + " ".repeat(width - shown.length());
	}

	private static int scale(int it, int width, int max) {
		return it == 0 ? 0 : 1 + (int) ((long) it * (width - 1) / max);
	}
}
