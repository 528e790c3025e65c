package dev.mapl.emit;

import java.util.regex.Pattern;

/**
 * Words of the "To regenerate" command a generated file names, quoted for a POSIX shell so that a
 * path such as {@code q'"$(touch HACKED)} is one word when pasted, never a command (issue 20.11).
 */
public final class ShellWords {

	private ShellWords() {
	}

	/** Characters no POSIX shell treats specially. */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
	/** A placeholder the user replaces ({@code <linux>}, {@code <dir>}), kept as it is. */
	private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z]+>");

	/** The word as is when it is plain, else in single quotes (a {@code '} as {@code '\''}). */
	public static String quote(String word) {
		if (PLAIN.matcher(word).matches() || PLACEHOLDER.matcher(word).matches()) {
			return word;
		}
		return "'" + word.replace("'", "'\\''") + "'";
	}
}
