package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The line diff is minimal, its hunks reproduce the new text, and the git headers are right. */
class UnifiedDiffTest {

	static List<String> randomLines(SplittableRandom rnd, int n) {
		List<String> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add("l" + rnd.nextInt(6) + "\n");
		}
		return out;
	}

	static int lcs(List<String> a, List<String> b) {
		int[][] t = new int[a.size() + 1][b.size() + 1];
		for (int i = a.size() - 1; i >= 0; i--) {
			for (int j = b.size() - 1; j >= 0; j--) {
				t[i][j] = a.get(i).equals(b.get(j)) ? 1 + t[i + 1][j + 1] : Math.max(t[i + 1][j], t[i][j + 1]);
			}
		}
		return t[0][0];
	}

	/** Applies a unified diff (as produced here) to the old lines. */
	static String apply(String oldText, String diff) {
		List<String> a = UnifiedDiff.lines(oldText);
		StringBuilder out = new StringBuilder();
		int pos = 0;
		String[] lines = diff.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String l = lines[i];
			if (!l.startsWith("@@ ")) {
				continue;
			}
			String[] parts = l.split(" ");
			String[] minus = parts[1].substring(1).split(",");
			int start = Integer.parseInt(minus[0]);
			int count = minus.length > 1 ? Integer.parseInt(minus[1]) : 1;
			int from = count == 0 ? start : start - 1;
			while (pos < from) {
				out.append(a.get(pos++));
			}
			for (i++; i < lines.length && !lines[i].startsWith("@@ ") && !lines[i].isEmpty(); i++) {
				String h = lines[i];
				boolean noNewline = i + 1 < lines.length && lines[i + 1].startsWith("\\ No newline");
				String text = h.substring(1) + (noNewline ? "" : "\n");
				if (h.charAt(0) == ' ') {
					assertEquals(a.get(pos), text);
					out.append(text);
					pos++;
				} else if (h.charAt(0) == '-') {
					assertEquals(a.get(pos), text);
					pos++;
				} else if (h.charAt(0) == '+') {
					out.append(text);
				}
				if (noNewline) {
					i++;
				}
			}
			i--;
		}
		while (pos < a.size()) {
			out.append(a.get(pos++));
		}
		return out.toString();
	}

	@Test
	void editScriptsAreMinimalAndHunksReproduceTheNewText() {
		SplittableRandom rnd = new SplittableRandom(7);
		for (int round = 0; round < 400; round++) {
			List<String> a = randomLines(rnd, rnd.nextInt(30));
			List<String> b = new ArrayList<>(a);
			int edits = rnd.nextInt(8);
			for (int e = 0; e < edits; e++) {
				int kind = rnd.nextInt(3);
				if (kind == 0 || b.isEmpty()) {
					b.add(rnd.nextInt(b.size() + 1), "n" + rnd.nextInt(4) + "\n");
				} else if (kind == 1) {
					b.remove(rnd.nextInt(b.size()));
				} else {
					b.set(rnd.nextInt(b.size()), "c" + rnd.nextInt(4) + "\n");
				}
			}
			if (rnd.nextInt(5) == 0 && !b.isEmpty()) {
				String last = b.remove(b.size() - 1);
				b.add(last.strip());
			}
			String oldText = String.join("", a);
			String newText = String.join("", b);
			var change = new UnifiedDiff.FileChange("f.c", Optional.of(oldText), newText, "100644");
			int[] counts = UnifiedDiff.counts(change);
			assertEquals(a.size() + b.size() - 2L * lcs(a, b), counts[0] + counts[1], "minimal edit script");
			String diff = UnifiedDiff.diff(change);
			assertEquals(newText, apply(oldText, diff), diff);
		}
	}

	@Test
	void newFileHeaderAndStat() {
		String text = "a\nb\n";
		var c = new UnifiedDiff.FileChange("arch/arm64/kvm/x.h", Optional.empty(), text, "100644");
		String d = UnifiedDiff.diff(c);
		assertTrue(d.startsWith("diff --git a/arch/arm64/kvm/x.h b/arch/arm64/kvm/x.h\nnew file mode 100644\nindex "
				+ "000000000000.." + UnifiedDiff.blobId(text).substring(0, 12) + "\n--- /dev/null\n+++ b/arch/arm64/kvm/x.h\n"
				+ "@@ -0,0 +1,2 @@\n+a\n+b\n"), d);
		// git hash-object of "a\nb\n"
		assertEquals("422c2b7ab3b3c668038da977e4e93a5fc623169c", UnifiedDiff.blobId(text));
		assertEquals(" arch/arm64/kvm/x.h | 2 ++\n 1 file changed, 2 insertions(+)\n create mode 100644 arch/arm64/kvm/x.h\n",
				UnifiedDiff.stat(List.of(c)));
	}
}
