package dev.mapl.emit.c;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Git-style unified diffs ({@code diff --git}, blob ids, three lines of context, hunks with the
 * function line git would show) and diffstats, from a line diff computed with Myers' O(ND)
 * algorithm. Lines are compared with their line terminator, so a missing final newline is a
 * change ({@code \ No newline at end of file}).
 */
public final class UnifiedDiff {

	static final int CONTEXT = 3;

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

	/** One step of an edit script. */
	public enum Op {
		EQUAL, DELETE, INSERT
	}

	/** An edit: {@code op} on line {@code a} of the old text or {@code b} of the new one. */
	public record Edit(Op op, int a, int b) {
	}

	/** The shortest edit script from {@code a} to {@code b} (Myers, common prefix and suffix first). */
	public static List<Edit> edits(List<String> a, List<String> b) {
		int pre = 0;
		while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) {
			pre++;
		}
		int suf = 0;
		while (suf < a.size() - pre && suf < b.size() - pre
				&& a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) {
			suf++;
		}
		List<Edit> out = new ArrayList<>();
		for (int i = 0; i < pre; i++) {
			out.add(new Edit(Op.EQUAL, i, i));
		}
		out.addAll(myers(a.subList(pre, a.size() - suf), b.subList(pre, b.size() - suf), pre));
		for (int i = 0; i < suf; i++) {
			out.add(new Edit(Op.EQUAL, a.size() - suf + i, b.size() - suf + i));
		}
		return out;
	}

	private static List<Edit> myers(List<String> a, List<String> b, int offset) {
		int n = a.size();
		int m = b.size();
		int max = n + m;
		List<Edit> out = new ArrayList<>();
		if (max == 0) {
			return out;
		}
		int[] v = new int[2 * max + 2];
		List<int[]> trace = new ArrayList<>();
		int found = -1;
		for (int d = 0; d <= max && found < 0; d++) {
			trace.add(v.clone());
			for (int k = -d; k <= d; k += 2) {
				int x;
				if (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) {
					x = v[max + k + 1];
				} else {
					x = v[max + k - 1] + 1;
				}
				int y = x - k;
				while (x < n && y < m && a.get(x).equals(b.get(y))) {
					x++;
					y++;
				}
				v[max + k] = x;
				if (x >= n && y >= m) {
					found = d;
					break;
				}
			}
		}
		// Backtrack through the saved frontiers.
		List<Edit> rev = new ArrayList<>();
		int x = n;
		int y = m;
		for (int d = found; d > 0; d--) {
			int[] vd = trace.get(d);
			int k = x - y;
			int prevK;
			if (k == -d || (k != d && vd[max + k - 1] < vd[max + k + 1])) {
				prevK = k + 1;
			} else {
				prevK = k - 1;
			}
			int prevX = vd[max + prevK];
			int prevY = prevX - prevK;
			while (x > prevX && y > prevY) {
				x--;
				y--;
				rev.add(new Edit(Op.EQUAL, offset + x, offset + y));
			}
			if (x == prevX) {
				y--;
				rev.add(new Edit(Op.INSERT, offset + x, offset + y));
			} else {
				x--;
				rev.add(new Edit(Op.DELETE, offset + x, offset + y));
			}
		}
		while (x > 0 && y > 0) {
			x--;
			y--;
			rev.add(new Edit(Op.EQUAL, offset + x, offset + y));
		}
		for (int i = rev.size() - 1; i >= 0; i--) {
			out.add(rev.get(i));
		}
		return out;
	}

	/** Lines with their terminators (the last one may have none). */
	public static List<String> lines(String text) {
		return Regions.splitKeepingEnds(text);
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
		List<Edit> edits = edits(a, b);
		for (int[] h : hunks(edits)) {
			hunk(sb, edits, h[0], h[1], a, b);
		}
		return sb.toString();
	}

	/** Ranges [from, to) of the edit script that make hunks: changes with their context, merged. */
	static List<int[]> hunks(List<Edit> edits) {
		List<int[]> out = new ArrayList<>();
		int i = 0;
		while (i < edits.size()) {
			if (edits.get(i).op() == Op.EQUAL) {
				i++;
				continue;
			}
			int start = Math.max(0, i - CONTEXT);
			int end = i;
			// Extend over changes separated by at most 2 * CONTEXT equal lines.
			while (true) {
				while (end < edits.size() && edits.get(end).op() != Op.EQUAL) {
					end++;
				}
				int eq = end;
				while (eq < edits.size() && edits.get(eq).op() == Op.EQUAL) {
					eq++;
				}
				if (eq < edits.size() && eq - end <= 2 * CONTEXT) {
					end = eq;
					continue;
				}
				end = Math.min(edits.size(), end + CONTEXT);
				break;
			}
			if (!out.isEmpty() && out.get(out.size() - 1)[1] >= start) {
				out.get(out.size() - 1)[1] = end;
			} else {
				out.add(new int[] {start, end});
			}
			i = end;
		}
		return out;
	}

	private static void hunk(StringBuilder sb, List<Edit> edits, int from, int to, List<String> a, List<String> b) {
		int aStart = -1;
		int bStart = -1;
		int aCount = 0;
		int bCount = 0;
		for (int i = from; i < to; i++) {
			Edit e = edits.get(i);
			if (e.op() != Op.INSERT) {
				aCount++;
				if (aStart < 0) {
					aStart = e.a();
				}
			}
			if (e.op() != Op.DELETE) {
				bCount++;
				if (bStart < 0) {
					bStart = e.b();
				}
			}
		}
		Edit first = edits.get(from);
		if (aStart < 0) {
			aStart = first.a();
		}
		if (bStart < 0) {
			bStart = first.b();
		}
		sb.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@");
		String func = funcname(a, aStart);
		if (!func.isEmpty()) {
			sb.append(' ').append(func);
		}
		sb.append('\n');
		for (int i = from; i < to; i++) {
			Edit e = edits.get(i);
			String line;
			char mark;
			if (e.op() == Op.EQUAL) {
				mark = ' ';
				line = a.get(e.a());
			} else if (e.op() == Op.DELETE) {
				mark = '-';
				line = a.get(e.a());
			} else {
				mark = '+';
				line = b.get(e.b());
			}
			sb.append(mark).append(line);
			if (!line.endsWith("\n")) {
				sb.append("\n\\ No newline at end of file\n");
			}
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
		for (Edit e : edits(a, b)) {
			if (e.op() == Op.INSERT) {
				ins++;
			} else if (e.op() == Op.DELETE) {
				del++;
			}
		}
		return new int[] {ins, del};
	}

	/** {@code git format-patch}'s diffstat (72 columns), summary line and mode lines. */
	public static String stat(List<FileChange> changes) {
		int nameWidth = 0;
		int max = 0;
		int[][] counts = new int[changes.size()][];
		int insTotal = 0;
		int delTotal = 0;
		for (int i = 0; i < changes.size(); i++) {
			counts[i] = counts(changes.get(i));
			nameWidth = Math.max(nameWidth, changes.get(i).path().length());
			max = Math.max(max, counts[i][0] + counts[i][1]);
			insTotal += counts[i][0];
			delTotal += counts[i][1];
		}
		int numberWidth = Integer.toString(max).length();
		int graphWidth = Math.max(6, 72 - nameWidth - numberWidth - 6);
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < changes.size(); i++) {
			int ins = counts[i][0];
			int del = counts[i][1];
			int total = ins + del;
			int plus = ins;
			int minus = del;
			if (max > graphWidth) {
				plus = scale(ins, graphWidth, max);
				minus = scale(total, graphWidth, max) - plus;
				if (minus < 0) {
					minus = 0;
				}
			}
			String name = changes.get(i).path();
			sb.append(' ').append(name).append(" ".repeat(nameWidth - name.length())).append(" | ")
					.append(" ".repeat(numberWidth - Integer.toString(total).length())).append(total);
			if (total > 0) {
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

	private static int scale(int it, int width, int max) {
		return it == 0 ? 0 : 1 + (int) ((long) it * (width - 1) / max);
	}
}
