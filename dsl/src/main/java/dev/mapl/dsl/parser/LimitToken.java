package dev.mapl.dsl.parser;

import org.antlr.runtime.CharStream;
import org.antlr.runtime.CommonToken;

/**
 * A token that {@link InputLimits} turned into a syntax error because the input went past a limit
 * there; the parser reports it with this message and code (see {@link MaplSyntaxErrorMessageProvider}).
 */
final class LimitToken extends CommonToken {

	private static final long serialVersionUID = 1L;

	final String code;
	final String message;
	final String help;

	LimitToken(CharStream input, int type, int start, int stop, String code, String message, String help) {
		super(input, type, DEFAULT_CHANNEL, start, stop);
		this.code = code;
		this.message = message;
		this.help = help;
	}
}
