package dev.mapl.dsl.compile;

import dev.mapl.dsl.parser.antlr.internal.InternalMaplLexer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.Token;

/**
 * Which of the files read beside the named ones can matter to them, judged from their words alone:
 * no parse and no injector, so that it runs while the injector is still being created. A cold
 * `mapl check v6_17.mapl` then parses the two files it needs, not the eight of its folder
 * (docs/PERFORMANCE.md, "Start-up: seventh round").
 *
 * <p>A file {@code f} needs a file {@code x} when {@code x} has no package, or {@code f} writes the
 * last segment of {@code x}'s package as a word (ignoring case; the words of a file include those
 * of its own `package` line). The files kept are the named ones, those with an assumption (`assume`
 * joins every policy that reads its facts), those a kept file needs, and those that need a named
 * file (whose unused-fact warnings count such uses), transitively. That only ever keeps too much:
 * <ul>
 * <li>a name written in {@code f} that resolves into {@code x} is either qualified or imported,
 * and then it or its import writes that segment; or it resolves in {@code f}'s own package or an
 * ancestor of it, which {@code f}'s `package` line writes;
 * <li>when {@code x} declares a name that {@code f} declares too (a duplicate, an output clash),
 * their packages are the same, or the one is an ancestor of the other, and the other file writes
 * every segment after it as names of its own, the last one included;
 * </ul>
 * Case is ignored because Java file names clash ignoring case on some file systems. A file that
 * cannot be read, is over the size limit, or whose package cannot be made out counts as having no
 * package: it is kept, and the compiler reports what is wrong with it as it would have. Unknown
 * names are another matter: their help may suggest a name from any file, so
 * {@link MaplCompiler#compile(List, List, List)} reads all files again when it finds one.
 */
public final class RelatedFiles {

	private RelatedFiles() {
	}

	/** {@code files} without those that cannot matter to {@code named} (which are among them), in their order. */
	public static List<Path> of(List<Path> files, Collection<Path> named) {
		Set<Path> namedSet = new HashSet<>(named);
		if (namedSet.containsAll(files)) {
			return files;
		}
		List<Scan> scans = files.stream().map(Scan::of).toList();
		boolean[] kept = new boolean[scans.size()];
		Deque<Integer> open = new ArrayDeque<>();
		for (int i = 0; i < scans.size(); i++) {
			if (namedSet.contains(scans.get(i).file) || scans.get(i).assumes) {
				kept[i] = true;
				open.push(i);
			}
		}
		while (!open.isEmpty()) {
			Scan f = scans.get(open.pop());
			boolean isNamed = namedSet.contains(f.file);
			for (int x = 0; x < scans.size(); x++) {
				if (!kept[x] && (needs(f, scans.get(x)) || isNamed && needs(scans.get(x), f))) {
					kept[x] = true;
					open.push(x);
				}
			}
		}
		List<Path> related = new ArrayList<>();
		for (int i = 0; i < scans.size(); i++) {
			if (kept[i]) {
				related.add(files.get(i));
			}
		}
		return related;
	}

	/** Whether {@code f} needs {@code x} (see above). */
	private static boolean needs(Scan f, Scan x) {
		return x.segments.isEmpty() || f.words.contains(x.segments.get(x.segments.size() - 1));
	}

	/**
	 * One file's package (its segments, lower case; none for the default package or one that cannot
	 * be made out), its words (names and keywords outside comments and strings, lower case, without
	 * a leading `^`), and whether it has an assumption. Nothing for a file that cannot be read or is
	 * over the size limit: the compiler does not parse it either.
	 */
	private record Scan(Path file, List<String> segments, Set<String> words, boolean assumes) {

		static Scan of(Path file) {
			String text;
			try {
				if (MaplCompiler.tooLarge(file).isPresent()) {
					return new Scan(file, List.of(), Set.of(), false);
				}
				text = MaplCompiler.read(file).parserText(); // as the compiler reads it
			} catch (RuntimeException e) {
				return new Scan(file, List.of(), Set.of(), false);
			}
			List<String> significant = new ArrayList<>(); // words, and "." for a dot; other tokens as ""
			String first = null; // as written
			InternalMaplLexer lexer = new InternalMaplLexer(new ANTLRStringStream(text));
			for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
				switch (t.getType()) {
				case InternalMaplLexer.RULE_WS, InternalMaplLexer.RULE_ML_COMMENT, InternalMaplLexer.RULE_SL_COMMENT -> {
				}
				default -> {
					if (first == null) {
						first = String.valueOf(t.getText());
					}
					significant.add(word(t.getText()));
				}
				}
			}
			Set<String> words = new HashSet<>();
			for (String s : significant) {
				if (isWord(s)) {
					words.add(s);
				}
			}
			return new Scan(file, "package".equals(first) ? packageName(significant) : List.of(), words,
					words.contains("assume"));
		}

		/** The segments after the `package` keyword; none when there is a syntax error instead (`package a.`). */
		private static List<String> packageName(List<String> significant) {
			List<String> segments = new ArrayList<>();
			for (int i = 1; i < significant.size() && isWord(significant.get(i)); i += 2) {
				segments.add(significant.get(i));
				if (i + 1 >= significant.size() || !significant.get(i + 1).equals(".")) {
					return List.copyOf(segments);
				}
			}
			return List.of();
		}

		/** The token's text as a word (lower case, without `^`), "." for a dot, else "". */
		private static String word(String text) {
			if (text == null) {
				return "";
			}
			String w = text.startsWith("^") ? text.substring(1) : text;
			return w.equals(".") || isWord(w) ? w.toLowerCase(Locale.ROOT) : "";
		}

		/** An ASCII name: what the grammar's ID and keywords are made of. */
		private static boolean isWord(String s) {
			if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
				return false;
			}
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
					return false;
				}
			}
			return true;
		}
	}
}
