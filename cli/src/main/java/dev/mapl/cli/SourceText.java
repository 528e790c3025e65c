package dev.mapl.cli;

import dev.mapl.ir.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The source text behind IR spans, to quote conditions exactly as the user wrote them. */
final class SourceText {

	private final Map<String, String> files = new HashMap<>();

	String of(SourceSpan span) {
		String text = files.computeIfAbsent(span.file(), f -> {
			try {
				return Files.readString(Path.of(f), StandardCharsets.UTF_8);
			} catch (IOException | RuntimeException e) {
				return "";
			}
		});
		int end = span.offset() + span.length();
		if (end > text.length()) {
			return "";
		}
		return text.substring(span.offset(), end).replaceAll("\\s+", " ").strip();
	}
}
