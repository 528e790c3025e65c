package dev.mapl.dsl.parser;

import dev.mapl.dsl.parser.antlr.internal.InternalMaplParser;
import dev.mapl.dsl.validation.IssueCodes;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.antlr.runtime.CharStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;

/**
 * The limits the parser enforces before it recurses, as a filter between the lexer and the parser:
 * <ul>
 * <li>a file larger than {@link #MAX_FILE_CHARS} is not lexed at all: its first character becomes
 * one {@code mapl.limit.file-size} error and the rest is skipped;</li>
 * <li>an expression nested deeper than {@link #MAX_NESTING} (parentheses, stacked {@code !}, chained
 * {@code =>}: each is a level of parser recursion) gets one {@code mapl.limit.nesting} error at the
 * token that goes past the limit, and the tokens nested below it are skipped like whitespace, so the
 * parser's recursion stays bounded and the rest of the file is still parsed and checked.</li>
 * </ul>
 * The nesting is tracked per parenthesis level: a {@code !} is pending until its operand (a name,
 * a literal or a parenthesised group) ends; a {@code =>} is pending until the group or the
 * expression ends. A token that cannot appear inside an expression (such as {@code ->} or a
 * keyword that starts a declaration) ends every pending level.
 */
public final class InputLimits implements TokenSource {

	/** Expressions may nest this deep; real policies nest a few levels. */
	public static final int MAX_NESTING = 256;

	/** 4 MiB: the largest policy files in the wild are a few kilobytes. */
	public static final int MAX_FILE_CHARS = 4 * 1024 * 1024;

	private static final List<String> NAMES = Arrays.asList(InternalMaplParser.tokenNames);
	private static final int LPAREN = type("'('");
	private static final int RPAREN = type("')'");
	private static final int NOT = type("'!'");
	private static final int IMPLIES = type("'=>'");
	private static final int WS = InternalMaplParser.RULE_WS;
	private static final int ERROR = InternalMaplParser.RULE_ANY_OTHER;
	/** Tokens that end an operand: a name, a literal. */
	private static final int[] OPERANDS = {InternalMaplParser.RULE_ID, type("'true'"), type("'false'")};
	/** Tokens no expression contains: they end every pending level. */
	private static final int[] RESETS = {type("'->'"), type("':'"), type("'if'"), type("'policy'"), type("'let'"),
			type("'assume'"), type("'invariant'"), type("'test'"), type("'otherwise'"), type("'facts'"),
			type("'outcomes'"), type("'target'"), type("'package'"), type("'import'"), type("'='"),
			InternalMaplParser.RULE_STRING};

	private static int type(String name) {
		int t = NAMES.indexOf(name);
		if (t < 0) {
			throw new IllegalStateException("no token " + name + " in the grammar");
		}
		return t;
	}

	private static boolean in(int type, int[] types) {
		for (int t : types) {
			if (t == type) {
				return true;
			}
		}
		return false;
	}

	/** One parenthesis level: the {@code !} and {@code =>} pending in it. */
	private static final class Level {
		int nots;
		int implies;
	}

	private final TokenSource lexer;
	private final CharStream input;
	private final Deque<Level> levels = new ArrayDeque<>();
	private int depth;
	private boolean started;
	/** Skipping the tokens nested below a nesting error. */
	private boolean skipping;
	private Token pendingRest;
	private boolean done;

	InputLimits(TokenSource lexer, CharStream input) {
		this.lexer = lexer;
		this.input = input;
		levels.push(new Level());
	}

	@Override
	public Token nextToken() {
		if (!started) {
			started = true;
			if (input != null && input.size() > MAX_FILE_CHARS) {
				// not lexed: one error on the first character, the rest one skipped token
				done = true;
				pendingRest = new CommonToken(input, WS, Token.DEFAULT_CHANNEL, 1, input.size() - 1);
				return new LimitToken(input, ERROR, 0, 0, IssueCodes.LIMIT_FILE_SIZE,
						"the file has " + input.size() + " characters, more than the " + MAX_FILE_CHARS + " a MAPL file may have",
						"split it into several files of one package");
			}
		}
		if (done) {
			if (pendingRest != null && input.size() > 1) {
				Token rest = pendingRest;
				pendingRest = null;
				return rest;
			}
			CommonToken eof = new CommonToken(Token.EOF);
			eof.setStartIndex(input.size());
			eof.setStopIndex(input.size() - 1);
			return eof;
		}
		Token t = lexer.nextToken();
		int type = t.getType();
		if (type == Token.EOF || type == WS || type == InternalMaplParser.RULE_ML_COMMENT
				|| type == InternalMaplParser.RULE_SL_COMMENT) {
			return t;
		}
		if (in(type, RESETS)) {
			levels.clear();
			levels.push(new Level());
			depth = 0;
			skipping = false;
			return t;
		}
		boolean tooDeep = track(type);
		if (skipping) {
			if (depth <= MAX_NESTING) {
				skipping = false;
			}
			t.setType(WS);
			return t;
		}
		if (tooDeep) {
			skipping = true;
			CommonToken c = (CommonToken) t;
			return new LimitToken(input, ERROR, c.getStartIndex(), c.getStopIndex(), IssueCodes.LIMIT_NESTING,
					"the expression nests more than " + MAX_NESTING + " levels deep here",
					"name parts of it with `let`, or write it with fewer parentheses, `!` and `=>`");
		}
		return t;
	}

	/** Updates the nesting for one token; true when the token takes it past the limit. */
	private boolean track(int type) {
		Level top = levels.peek();
		if (type == LPAREN) {
			levels.push(new Level());
			depth++;
		} else if (type == RPAREN) {
			if (levels.size() > 1) {
				Level closed = levels.pop();
				depth -= 1 + closed.nots + closed.implies;
				top = levels.peek();
			}
			depth -= top.nots;
			top.nots = 0;
			return false;
		} else if (type == NOT) {
			top.nots++;
			depth++;
		} else if (type == IMPLIES) {
			depth -= top.nots;
			top.nots = 0;
			top.implies++;
			depth++;
		} else if (in(type, OPERANDS)) {
			depth -= top.nots;
			top.nots = 0;
			return false;
		} else {
			return false;
		}
		return depth > MAX_NESTING;
	}

	@Override
	public String getSourceName() {
		return lexer.getSourceName();
	}
}
