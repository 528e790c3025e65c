package dev.mapl.dsl.parser;

import dev.mapl.dsl.parser.antlr.MaplParser;
import org.antlr.runtime.Lexer;
import org.antlr.runtime.TokenSource;
import org.eclipse.xtext.parser.antlr.XtextTokenStream;

/** MAPL's parser with {@link InputLimits} between the lexer and the parser. */
public class LimitedMaplParser extends MaplParser {

	@Override
	protected XtextTokenStream createTokenStream(TokenSource tokenSource) {
		return super.createTokenStream(new InputLimits(tokenSource,
				tokenSource instanceof Lexer lexer ? lexer.getCharStream() : null));
	}
}
