package dev.mapl.dsl.ide.resource;

import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.impl.PartialParsingHelper;
import org.eclipse.xtext.util.ReplaceRegion;

/**
 * Xtext's partial parser, which re-parses only the smallest rule around an edit. Where it would
 * fall back to parsing the whole file (the edit is not inside one re-parsable rule, or the rule does
 * not parse without errors), an in-place update ({@link CheapUnloadResource#updateInPlace}) gives up
 * instead, before the resource is changed, and the build loads the file anew as before. A partial
 * re-parse remembers which element it replaced ({@link #replaced}), so that only that element's
 * references need linking ({@link CheapUnloadResource#doLinking}).
 */
public class InPlaceParsingHelper extends PartialParsingHelper {

	private static final ThreadLocal<Boolean> IN_PLACE = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private static final ThreadLocal<Replacement> REPLACED = new ThreadLocal<>();

	/**
	 * Where the partial re-parse put its new element (the container's feature, and the index in it
	 * for a list), and whether the element it replaced held anything a reference can name.
	 */
	record Replacement(EObject old, EObject container, EStructuralFeature feature, int index, boolean heldTargets) {

		/** The new element, or null if there is none where the old one was. */
		EObject current() {
			Object value = container.eGet(feature, false);
			Object now = index < 0 ? value : index < ((List<?>) value).size() ? ((List<?>) value).get(index) : null;
			return now instanceof EObject e && e != old ? e : null;
		}
	}

	/** The element the current in-place update replaced, or null (none yet, or not an in-place update). */
	static Replacement replaced() {
		return REPLACED.get();
	}

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
			REPLACED.remove();
		}
	}

	/** Called with the element the partial parse replaces, just before the new one takes its place. */
	@Override
	public void unloadSemanticObject(EObject object) {
		if (IN_PLACE.get() && object.eContainer() != null) {
			EStructuralFeature feature = object.eContainingFeature();
			int index = feature.isMany() ? ((List<?>) object.eContainer().eGet(feature, false)).indexOf(object) : -1;
			// a second replacement in one update is not expected; if there is one, link the whole file
			boolean second = REPLACED.get() != null;
			REPLACED.set(new Replacement(object, object.eContainer(), feature, index,
					second || CheapUnloadResource.holdsTargets(object)));
		}
		super.unloadSemanticObject(object);
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
