package dev.mapl.dsl.ide.resource;

import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.impl.PartialParsingHelper;
import org.eclipse.xtext.util.ReplaceRegion;

/**
 * Xtext's partial parser, which re-parses only the smallest rule around an edit. Where it would
 * fall back to parsing the whole file (the edit is not inside one re-parsable rule, or the rule does
 * not parse without errors), an in-place update ({@link CheapUnloadResource#updateInPlace}) gives up
 * instead, before the resource is changed, and the build loads the file anew as before.
 */
public class InPlaceParsingHelper extends PartialParsingHelper {

	private static final ThreadLocal<Boolean> IN_PLACE = ThreadLocal.withInitial(() -> Boolean.FALSE);

	/** Thrown out of a partial parse that would re-parse the whole file, while the resource is untouched. */
	static final class WholeFileNeeded extends RuntimeException {
		private static final long serialVersionUID = 1L;

		WholeFileNeeded() {
			super(null, null, false, false);
		}
	}

	/** Runs {@code update} with whole-file re-parses refused; false if one was refused. */
	static boolean partialOnly(Runnable update) {
		IN_PLACE.set(Boolean.TRUE);
		try {
			update.run();
			return true;
		} catch (WholeFileNeeded e) {
			return false;
		} finally {
			IN_PLACE.set(Boolean.FALSE);
		}
	}

	@Override
	protected IParseResult fullyReparse(IParser parser, IParseResult previousParseResult, ReplaceRegion replaceRegion) {
		// every call comes before the partial parse changes the model or the node tree
		if (IN_PLACE.get()) {
			throw new WholeFileNeeded();
		}
		return super.fullyReparse(parser, previousParseResult, replaceRegion);
	}
}
