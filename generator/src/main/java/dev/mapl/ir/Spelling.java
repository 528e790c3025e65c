package dev.mapl.ir;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions for names users type: in source files and on the command line. */
public final class Spelling {

	private Spelling() {
	}

	/** The closest candidate within a small edit distance (case ignored), or empty. */
	public static Optional<String> closest(String name, Collection<String> candidates) {
		if (name == null || name.isEmpty()) {
			return Optional.empty();
		}
		int limit = Math.max(1, name.length() / 3);
		String lower = name.toLowerCase(Locale.ROOT);
		return candidates.stream().distinct()
				.filter(c -> c != null && !c.equals(name)) // a declaration the parser recovered has no name
				// the edit distance is at least the difference in length: skip the hopeless cheaply
				.filter(c -> Math.abs(c.length() - name.length()) <= limit)
				.map(c -> new Object[] {c, distance(lower, c.toLowerCase(Locale.ROOT))})
				.filter(p -> (int) p[1] <= limit && (int) p[1] < name.length())
				.min(Comparator.<Object[]>comparingInt(p -> (int) p[1]).thenComparing(p -> (String) p[0]))
				.map(p -> (String) p[0]);
	}

	/** Damerau-style edit distance (adjacent transpositions count as one). */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}
}
