package dev.mapl.emit.c;

import java.util.ArrayList;
import java.util.List;

/**
 * Marked regions of hand-written files: the lines strictly between {@code /* mapl:begin NAME *&#47;}
 * and {@code /* mapl:end NAME *&#47;} (each alone on its line, indentation allowed) belong to
 * the generator; everything else is left byte for byte.
 */
public final class Regions {

	private Regions() {
	}

	public static String begin(String name) {
		return "/* mapl:begin " + name + " */";
	}

	public static String end(String name) {
		return "/* mapl:end " + name + " */";
	}

	/**
	 * The text with the region's content replaced by {@code content} (whole lines, each ending
	 * with a newline).
	 *
	 * @throws CEmitException when the markers are missing, repeated or out of order
	 */
	public static String replace(String text, String name, String content, String path) {
		List<String> lines = splitKeepingEnds(text);
		int b = -1;
		int e = -1;
		for (int i = 0; i < lines.size(); i++) {
			String l = lines.get(i).strip();
			if (l.equals(begin(name))) {
				if (b >= 0) {
					throw new CEmitException("`" + path + "` marks region `" + name + "` twice");
				}
				b = i;
			} else if (l.equals(end(name))) {
				if (e >= 0) {
					throw new CEmitException("`" + path + "` marks region `" + name + "` twice");
				}
				e = i;
			}
		}
		if (b < 0 || e < 0) {
			throw new CEmitException("`" + path + "` has no region `" + name + "`: add the lines `" + begin(name)
					+ "` and `" + end(name) + "` where the generated code goes");
		}
		if (e < b) {
			throw new CEmitException("`" + path + "` ends region `" + name + "` before it begins");
		}
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i <= b; i++) {
			sb.append(lines.get(i));
		}
		if (!lines.get(b).endsWith("\n")) {
			sb.append('\n');
		}
		sb.append(content);
		for (int i = e; i < lines.size(); i++) {
			sb.append(lines.get(i));
		}
		return sb.toString();
	}

	static List<String> splitKeepingEnds(String text) {
		List<String> out = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				out.add(text.substring(start, i + 1));
				start = i + 1;
			}
		}
		if (start < text.length()) {
			out.add(text.substring(start));
		}
		return out;
	}
}
