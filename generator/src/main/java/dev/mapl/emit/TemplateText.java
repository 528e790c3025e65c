package dev.mapl.emit;

/**
 * What every emitter does with the text of its Xtend templates before it is written: lines ended
 * by {@code \n} (a template ends its lines with the platform's separator) and no trailing blanks
 * (a template indents every line of an inserted multi-line value, the empty ones too).
 */
public final class TemplateText {

	private TemplateText() {
	}

	/** Code: lines ended by {@code \n}, without trailing blanks. */
	public static String lines(CharSequence text) {
		String s = lf(text);
		StringBuilder sb = new StringBuilder(s.length());
		int start = 0;
		while (start <= s.length()) {
			int end = s.indexOf('\n', start);
			int stop = end < 0 ? s.length() : end;
			int e = stop;
			while (e > start && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
				e--;
			}
			sb.append(s, start, e);
			if (end < 0) {
				break;
			}
			sb.append('\n');
			start = end + 1;
		}
		return sb.toString();
	}

	/** Text whose lines end as the template ended them, with {@code \n} (mail keeps its {@code "-- "}). */
	public static String lf(CharSequence text) {
		String s = text.toString();
		String nl = System.lineSeparator();
		return nl.equals("\n") ? s : s.replace(nl, "\n");
	}
}
