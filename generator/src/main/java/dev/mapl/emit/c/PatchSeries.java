package dev.mapl.emit.c;

import dev.mapl.emit.TemplateText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A patch series as {@code git format-patch [--cover-letter] [-v N] [--rfc] [--subject-prefix P]
 * [--base B]} writes it: numbered subjects ({@code [RFC PATCH v2 1/3]}), an optional cover letter
 * ({@code 0/3}) with the shortlog and the diffstat of the whole series, the {@code base-commit:}
 * trailer in the cover letter or else after the first patch's diff (where git 2.39 writes it), and
 * git's file names
 * ({@code v2-0001-KVM-arm64-Add-stage2_memtype.h-generated-from-v6_12.patch}). The bytes depend
 * only on the input: no dates, no commit ids.
 */
public final class PatchSeries {

	/** git's default {@code --filename-max-length}. */
	static final int FILENAME_MAX = 64;

	/**
	 * How the series is labelled, with {@code git format-patch}'s meaning.
	 *
	 * @param subjectPrefix {@code --subject-prefix} (default {@code PATCH})
	 * @param rfc           {@code --rfc}: {@code RFC} before the prefix
	 * @param rerollCount   {@code -v N}; 0 for none
	 * @param coverLetter   {@code --cover-letter}
	 */
	public record Options(String subjectPrefix, boolean rfc, int rerollCount, boolean coverLetter) {

		public static final Options DEFAULT = new Options("PATCH", false, 0, false);
	}

	/** One patch of the series: its subject (without the tag), commit message and changes. */
	public record Patch(String subject, String body, List<UnifiedDiff.FileChange> changes) {

		public Patch {
			// git writes the files of a commit in path order.
			changes = changes.stream().sorted(Comparator.comparing(UnifiedDiff.FileChange::path)).toList();
		}
	}

	/** The cover letter's subject (without the tag) and text. */
	public record Cover(String subject, String blurb) {
	}

	/** A mail and the file name {@code git format-patch -o DIR} gives it. */
	public record Mail(String fileName, String text) {
	}

	private PatchSeries() {
	}

	/**
	 * The mails of the series, the cover letter first when there is one.
	 *
	 * @param envelope   author and recipients (its tag is replaced by each mail's)
	 * @param cover      the cover letter, required by {@code options.coverLetter()}
	 * @param baseCommit the commit the series applies to ({@code --base})
	 */
	public static List<Mail> render(Options options, PatchMail.Envelope envelope, Optional<Cover> cover,
			List<Patch> patches, Optional<String> signoff, Optional<String> baseCommit, String version) {
		if (patches.isEmpty()) {
			throw new IllegalArgumentException("a series needs at least one patch");
		}
		if (options.coverLetter() && cover.isEmpty()) {
			throw new IllegalArgumentException("--cover-letter needs a cover");
		}
		int total = patches.size();
		List<Mail> out = new ArrayList<>();
		if (options.coverLetter()) {
			out.add(new Mail(fileName(options, 0, "cover-letter"),
					cover(envelope.withTag(tag(options, 0, total)), cover.get(), patches, baseCommit, version)));
		}
		for (int i = 0; i < total; i++) {
			Patch p = patches.get(i);
			Optional<String> base = i == 0 && !options.coverLetter() ? baseCommit : Optional.empty();
			String text = new PatchMail(envelope.withTag(tag(options, i + 1, total)), p.subject(), p.body(), signoff,
					p.changes(), base, version).render();
			out.add(new Mail(fileName(options, i + 1, sanitized(p.subject())), text));
		}
		return out;
	}

	/** The mails as one mbox, as {@code git format-patch --stdout} prints them. */
	public static String mbox(List<Mail> mails) {
		StringBuilder sb = new StringBuilder();
		for (Mail m : mails) {
			sb.append(m.text());
		}
		return sb.toString();
	}

	/**
	 * The text between a subject's brackets: {@code PATCH}, {@code PATCH v2}, {@code RFC PATCH 1/3}.
	 * Numbered as git numbers: when there is more than one patch or a cover letter.
	 */
	public static String tag(Options o, int n, int total) {
		List<String> parts = new ArrayList<>();
		if (o.rfc()) {
			parts.add("RFC");
		}
		if (!o.subjectPrefix().isEmpty()) {
			parts.add(o.subjectPrefix());
		}
		if (o.rerollCount() > 0) {
			parts.add("v" + o.rerollCount());
		}
		if (total > 1 || o.coverLetter()) {
			parts.add(n + "/" + total);
		}
		return String.join(" ", parts);
	}

	/** {@code [vN-]NNNN-name.patch}, at most {@value #FILENAME_MAX} characters as git cuts it. */
	static String fileName(Options o, int n, String name) {
		StringBuilder sb = new StringBuilder();
		if (o.rerollCount() > 0) {
			sb.append('v').append(o.rerollCount()).append('-');
		}
		// Locale.ROOT: in some locales %d writes other digits (Arabic-Indic in ar-EG), and git does not
		sb.append(String.format(Locale.ROOT, "%04d-", n)).append(name);
		int max = FILENAME_MAX - ".patch".length() - 1;
		if (sb.length() > max) {
			sb.setLength(max);
		}
		return sb.append(".patch").toString();
	}

	/**
	 * A subject as a file name, the way git's {@code format_sanitized_subject} does it: runs of
	 * characters other than letters, digits, {@code .} and {@code _} become one {@code -}, runs of
	 * dots one dot, and leading and trailing dots and dashes go.
	 */
	static String sanitized(String subject) {
		StringBuilder sb = new StringBuilder();
		int space = 2; // 2: at the start, 1: after a non-title character, 0: after a title character
		for (int i = 0; i < subject.length(); i++) {
			char c = subject.charAt(i);
			boolean title = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_');
			if (!title) {
				space |= 1;
				continue;
			}
			if (space == 1) {
				sb.append('-');
			}
			space = 0;
			sb.append(c);
			if (c == '.') {
				while (i + 1 < subject.length() && subject.charAt(i + 1) == '.') {
					i++;
				}
			}
		}
		int end = sb.length();
		while (end > 0 && (sb.charAt(end - 1) == '.' || sb.charAt(end - 1) == '-')) {
			end--;
		}
		return sb.substring(0, end);
	}

	/**
	 * The cover letter: the text, the shortlog ({@code Author (N):} and the subjects, wrapped at 72
	 * columns as {@code git shortlog -w} does), the diffstat of the whole series and the base.
	 */
	static String cover(PatchMail.Envelope envelope, Cover cover, List<Patch> patches, Optional<String> baseCommit,
			String version) {
		String author = envelope.author();
		int lt = author.lastIndexOf('<');
		List<String> shortlog = new ArrayList<>();
		List<UnifiedDiff.FileChange> all = new ArrayList<>();
		for (Patch p : patches) {
			shortlog.addAll(CommitText.wrapText(p.subject(), 72, "  ", "    "));
			all.addAll(p.changes());
		}
		all.sort(Comparator.comparing(UnifiedDiff.FileChange::path));
		return TemplateText.lf(PatchTemplate.cover(PatchMail.headers(envelope, cover.subject(),
				PatchMail.isAscii(cover.blurb())), cover.blurb().strip(), lt > 0 ? author.substring(0, lt).strip() : author,
				patches.size(), shortlog, UnifiedDiff.stat(all), PatchMail.trailer(baseCommit, version)));
	}
}
