package dev.mapl.dsl.compile;

import dev.mapl.dsl.validation.IssueCodes;
import dev.mapl.ir.SourceSpan;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A MAPL file's bytes as the parser reads them: UTF-8, with an optional byte order mark and any
 * line endings (LF, CRLF or CR alone).
 *
 * <p>{@link #parserText()} has the same length and offsets as the decoded file (so spans still
 * quote the file): the byte order mark becomes a space and a lone CR a LF, so that lines and
 * columns count as an editor counts them. {@link #formatterText()} has every line ending as LF;
 * {@link #restore} puts the file's own line ending and byte order mark back on formatted text.
 *
 * @param text the decoded file, invalid bytes as U+FFFD
 * @param bom whether the file starts with a UTF-8 byte order mark
 * @param lineSeparator the file's line ending: its first after the first non-blank character
 *                      ({@code "\n"} when it has none)
 * @param malformed the error for the first byte that is not UTF-8, if any
 */
public record SourceBytes(String text, boolean bom, String lineSeparator, Optional<Diagnostic> malformed) {

	private static final char BOM = '\uFEFF';

	public static SourceBytes decode(String displayName, byte[] bytes) {
		String text;
		Optional<Diagnostic> malformed = Optional.empty();
		CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			text = strict.decode(ByteBuffer.wrap(bytes)).toString();
		} catch (CharacterCodingException e) {
			text = new String(bytes, StandardCharsets.UTF_8);
			malformed = Optional.of(malformed(displayName, bytes));
		}
		boolean bom = !text.isEmpty() && text.charAt(0) == BOM;
		return new SourceBytes(text, bom, lineSeparator(text), malformed);
	}

	/** The text for the parser: same offsets as the file, the byte order mark a space, a lone CR a LF. */
	public String parserText() {
		String t = bom ? " " + text.substring(1) : text;
		return t.replaceAll("\r(?!\n)", "\n");
	}

	/** The text to format: no byte order mark, every line ending LF (lines and columns as in the file). */
	public String formatterText() {
		String t = bom ? " " + text.substring(1) : text;
		return t.replace("\r\n", "\n").replace('\r', '\n');
	}

	/** Formatted LF text with the file's line ending and byte order mark. */
	public String restore(String formatted) {
		String t = lineSeparator.equals("\n") ? formatted : formatted.replace("\n", lineSeparator);
		return bom ? BOM + t : t;
	}

	/** The first line ending after the first character that is not whitespace (stray blank lines before it do not count). */
	private static String lineSeparator(String text) {
		int start = 0;
		while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == BOM)) {
			start++;
		}
		if (text.indexOf('\n', start) < 0 && text.indexOf('\r', start) < 0) {
			start = 0;
		}
		int i = text.indexOf('\r', start);
		int n = text.indexOf('\n', start);
		if (i < 0 || n >= 0 && n < i) {
			return "\n";
		}
		return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
	}

	/** Where the first invalid byte is, as line and column of the text before it. */
	private static Diagnostic malformed(String displayName, byte[] bytes) {
		CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		CoderResult r = d.decode(in, out, true);
		int bad = in.position();
		out.flip();
		String before = out.toString();
		int line = 1;
		int column = 1;
		for (int i = 0; i < before.length(); i++) {
			char c = before.charAt(i);
			if (c == '\n' || c == '\r' && (i + 1 == before.length() || before.charAt(i + 1) != '\n')) {
				line++;
				column = 1;
			} else if (c != '\r') {
				column++;
			}
		}
		String what = r.isError() ? String.format("byte 0x%02X", bytes[bad] & 0xff) : "a truncated character";
		return new Diagnostic(Diagnostic.Severity.ERROR, IssueCodes.ENCODING, "the file is not UTF-8: " + what
				+ " at byte offset " + bad + " is not a valid UTF-8 character", "save the file as UTF-8",
				new SourceSpan(displayName, before.length(), 1, line, column), Map.of());
	}
}
