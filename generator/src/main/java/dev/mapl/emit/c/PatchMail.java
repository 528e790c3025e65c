package dev.mapl.emit.c;

import dev.mapl.emit.TemplateText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patch as {@code git format-patch} writes it (one mbox message): the {@code From } line, the
 * author, the subject, the recipients, the commit message, {@code ---}, the diffstat and the diffs,
 * and the {@code base-commit:} trailer of {@code --base}. No date and no commit id, so the same
 * input always gives the same bytes; {@code git am} takes the author date from the time it applies
 * the patch.
 *
 * @param envelope   who it is from and to, and its subject tag
 * @param subject    without the tag: {@code KVM: arm64: Add stage2_memtype.h generated from MAPL}
 * @param body       the commit message body, lines of at most 75 columns
 * @param signoff    the {@code Signed-off-by:} identity, if any
 * @param baseCommit the commit the series applies to, written after the diffs of the series' first
 *                   patch as {@code git format-patch --base} does (never with a cover letter, which
 *                   carries it instead)
 * @param version    the signature: what wrote the patch
 */
public record PatchMail(Envelope envelope, String subject, String body, Optional<String> signoff,
		List<UnifiedDiff.FileChange> changes, Optional<String> baseCommit, String version) {

	/**
	 * What the mails of a series share but for their number.
	 *
	 * @param author {@code Name <mail>}
	 * @param tag    the text between the subject's brackets: {@code PATCH}, {@code RFC PATCH v2 1/3}
	 * @param to     the {@code To:} addresses
	 * @param cc     the {@code Cc:} addresses
	 */
	public record Envelope(String author, String tag, List<String> to, List<String> cc) {

		public Envelope {
			to = List.copyOf(to);
			cc = List.copyOf(cc);
		}

		/** A single patch to nobody in particular, as {@code git format-patch -1} writes it. */
		public static Envelope of(String author) {
			return new Envelope(author, "PATCH", List.of(), List.of());
		}

		public Envelope withTag(String newTag) {
			return new Envelope(author, newTag, to, cc);
		}
	}

	public PatchMail {
		changes = List.copyOf(changes);
	}

	public String render() {
		boolean ascii = isAscii(body) && signoff.map(PatchMail::isAscii).orElse(true);
		StringBuilder sb = new StringBuilder(TemplateText.lf(PatchTemplate.mail(headers(envelope, subject, ascii),
				body.strip(), signoff.orElse(null), UnifiedDiff.stat(changes))));
		// The diffs as they are: a template would end their lines anew.
		for (UnifiedDiff.FileChange c : changes) {
			sb.append(UnifiedDiff.diff(c));
		}
		return sb.append(trailer(baseCommit, version)).toString();
	}

	/**
	 * The mail headers and the blank line after them, in {@code git format-patch}'s order: the
	 * {@code From } line, author, subject, recipients, then the MIME headers a non-ASCII text needs.
	 */
	static String headers(Envelope e, String subject, boolean asciiBody) {
		String subjectLines = isAscii(subject)
				// Folded at 78 columns, continuation lines indented by one space, as git folds it.
				? String.join("\n", CommitText.wrapText("[" + e.tag() + "] " + subject, 78, "Subject: ", " "))
				: "Subject: [" + e.tag() + "] " + encodeWords(subject);
		return TemplateText.lf(PatchTemplate.headers(encodeAddress(e.author()), subjectLines, recipients(e.to()),
				recipients(e.cc()), !asciiBody || !isAscii(e.author())));
	}

	/** {@code A <a@x>,\n    b@y}: one address per line, folded as git folds them; null for none. */
	private static String recipients(List<String> addresses) {
		if (addresses.isEmpty()) {
			return null;
		}
		List<String> encoded = new ArrayList<>();
		for (String a : addresses) {
			encoded.add(encodeAddress(a));
		}
		return String.join(",\n    ", encoded);
	}

	/** The {@code base-commit:} trailer, if any, and the signature. */
	static String trailer(Optional<String> baseCommit, String version) {
		return TemplateText.lf(PatchTemplate.trailer(baseCommit.orElse(null), version));
	}

	static boolean isAscii(String s) {
		return s.chars().allMatch(c -> c < 128);
	}

	/** {@code Name <mail>} with a non-ASCII name as an RFC 2047 encoded word. */
	static String encodeAddress(String address) {
		int lt = address.lastIndexOf('<');
		if (lt <= 0 || isAscii(address)) {
			return address;
		}
		return encodeWords(address.substring(0, lt).strip()) + " " + address.substring(lt);
	}

	/** RFC 2047 Q-encoding when the text is not plain ASCII. */
	static String encodeWords(String text) {
		if (isAscii(text)) {
			return text;
		}
		List<String> words = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			String enc = (c >= 33 && c <= 126 && c != '=' && c != '?' && c != '_') ? Character.toString((char) c)
					: c == ' ' ? "_" : String.format("=%02X", c);
			// Keep encoded words short and never split a UTF-8 sequence.
			if (cur.length() + enc.length() > 60 && (c & 0xC0) != 0x80) {
				words.add(cur.toString());
				cur.setLength(0);
			}
			cur.append(enc);
		}
		words.add(cur.toString());
		List<String> out = new ArrayList<>();
		for (String w : words) {
			out.add("=?UTF-8?q?" + w + "?=");
		}
		return String.join("\n ", out);
	}
}
