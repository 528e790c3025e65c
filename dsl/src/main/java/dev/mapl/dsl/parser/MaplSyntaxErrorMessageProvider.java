package dev.mapl.dsl.parser;

import dev.mapl.dsl.validation.IssueCodes;
import org.antlr.runtime.MismatchedTokenException;
import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/** Parser errors in MAPL's voice: lowercase, backticked tokens, one code. */
public class MaplSyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		RecognitionException e = context.getRecognitionException();
		Token token = e == null ? null : e.token;
		if (token instanceof LimitToken limit) {
			return new SyntaxErrorMessage(limit.message, limit.code, new String[] {limit.help});
		}
		String found = token == null || token.getType() == Token.EOF ? "end of file"
				: "`" + token.getText() + "`";
		String message;
		if (e instanceof MismatchedTokenException m && m.expecting >= 0 && context.getTokenNames() != null
				&& m.expecting < context.getTokenNames().length) {
			message = "expected " + tokenName(context.getTokenNames()[m.expecting]) + " but found " + found;
		} else if (token != null) {
			message = "unexpected " + found;
		} else {
			message = context.getDefaultMessage().replace("'", "`");
		}
		return new SyntaxErrorMessage(message, IssueCodes.SYNTAX,
				new String[] {"see the MAPL syntax in the README: `facts`, `outcomes`, `assume`, `policy NAME first|unique|priority { ... }`"});
	}

	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IValueConverterErrorContext context) {
		return new SyntaxErrorMessage(context.getDefaultMessage(), IssueCodes.SYNTAX);
	}

	private static String tokenName(String name) {
		if (name.startsWith("'") && name.endsWith("'")) {
			return "`" + name.substring(1, name.length() - 1) + "`";
		}
		return switch (name) {
			case "RULE_ID" -> "a name";
			case "RULE_STRING" -> "a string";
			case "EOF" -> "end of file";
			default -> name.toLowerCase(java.util.Locale.ROOT);
		};
	}
}
