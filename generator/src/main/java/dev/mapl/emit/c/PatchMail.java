package dev.mapl.emit.c;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patch as {@code git format-patch} writes it (one mbox message): the {@code From } line, the
 * author, the subject, the commit message, {@code ---}, the diffstat and the diffs. No date and no
 * commit id, so the same input always gives the same bytes; {@code git am} takes the author date
 * from the time it applies the patch.
 *
 * @param author  {@code Name <mail>}
 * @param subject without {@code [PATCH]}: {@code KVM: arm64: Add stage2_memtype.h generated from MAPL}
 * @param body    the commit message body, lines of at most 75 columns
 * @param signoff the {@code Signed-off-by:} identity, if any
 */
public record PatchMail(String author, String subject, String body, Optional<String> signoff,
		List<UnifiedDiff.FileChange> changes, String version) {

	public PatchMail {
		changes = List.copyOf(changes);
	}

	public String render() {
		StringBuilder sb = new StringBuilder();
		sb.append("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n");
		sb.append("From: ").append(encodeAddress(author)).append('\n');
		sb.append("Subject: [PATCH] ").append(encodeWords(subject)).append('\n');
		if (!isAscii(body) || !isAscii(author) || signoff.map(s -> !isAscii(s)).orElse(false)) {
			sb.append("MIME-Version: 1.0\n");
			sb.append("Content-Type: text/plain; charset=UTF-8\n");
			sb.append("Content-Transfer-Encoding: 8bit\n");
		}
		sb.append('\n');
		sb.append(body.strip()).append('\n');
		signoff.ifPresent(s -> sb.append('\n').append("Signed-off-by: ").append(s).append('\n'));
		sb.append("---\n");
		sb.append(UnifiedDiff.stat(changes));
		sb.append('\n');
		for (UnifiedDiff.FileChange c : changes) {
			sb.append(UnifiedDiff.diff(c));
		}
		sb.append("-- \n").append(version).append("\n\n");
		return sb.toString();
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
