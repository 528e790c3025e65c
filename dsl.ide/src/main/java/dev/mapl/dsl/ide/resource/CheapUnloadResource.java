package dev.mapl.dsl.ide.resource;

import dev.mapl.dsl.linking.MaplLinkingResource;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.parser.InputLimits;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.xtext.parser.IParseResult;

/**
 * The editor's resource: unloading it (every rebuild of the file does) turns into proxies only
 * the objects another file can refer to, the targets of MAPL's cross-references (facts, outcomes,
 * policies, ...). EMF turns every object into a proxy, computing the URI fragment of each, and
 * that cost a sixth of each rebuild of a 2,000-rule policy; its rules and expressions are never
 * the target of a reference, so nothing needs to find them again. It is a {@link MaplLinkingResource}
 * like the command line's, so linking a file with errors stays linear in the editor too.
 *
 * <p>An edit can also be applied in place ({@link #updateInPlace}): Xtext's partial parser re-parses
 * the rule around it, and the whole file is linked again, as after a load.
 */
public class CheapUnloadResource extends MaplLinkingResource {

	/** The classes some cross-reference of the language points at. */
	private static final List<EClass> TARGETS = targets();

	private static List<EClass> targets() {
		List<EClass> out = new ArrayList<>();
		for (EClassifier c : MaplPackage.eINSTANCE.getEClassifiers()) {
			if (c instanceof EClass type) {
				for (EReference r : type.getEReferences()) {
					if (!r.isContainment() && !r.isContainer() && !out.contains(r.getEReferenceType())) {
						out.add(r.getEReferenceType());
					}
				}
			}
		}
		return List.copyOf(out);
	}

	static boolean referable(EClass type) {
		for (EClass t : TARGETS) {
			if (t.isSuperTypeOf(type)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void unloaded(InternalEObject object) {
		if (referable(object.eClass())) {
			super.unloaded(object);
		} else {
			object.eAdapters().clear();
		}
	}

	/**
	 * Applies the new text of the file by re-parsing only the rule around the change, if that gives
	 * exactly the model, node tree and syntax errors a load of {@code text} would: the old and the new
	 * text parse without errors (a syntax error makes Xtext's partial parser parse the whole file,
	 * which is refused here, and its error recovery could differ from a full parse's), the input
	 * limits cannot trigger (they depend on the tokens before the re-parsed rule), and the new node
	 * tree spells {@code text}. False if not: the resource may then be half-updated and must be
	 * unloaded and loaded anew. The references of the whole file are linked again either way.
	 */
	public boolean updateInPlace(String text) {
		IParseResult old = getParseResult();
		if (!isLoaded() || old == null || old.getRootNode() == null || old.hasSyntaxErrors()
				|| text.length() > InputLimits.MAX_FILE_CHARS || nestingBound(text) >= InputLimits.MAX_NESTING) {
			return false;
		}
		String before = old.getRootNode().getText();
		int prefix = 0;
		int max = Math.min(before.length(), text.length());
		while (prefix < max && before.charAt(prefix) == text.charAt(prefix)) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < max - prefix
				&& before.charAt(before.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
			suffix++;
		}
		int offset = prefix;
		int replaced = before.length() - prefix - suffix;
		String with = text.substring(prefix, text.length() - suffix);
		if (!InPlaceParsingHelper.partialOnly(() -> update(offset, replaced, with))) {
			return false;
		}
		IParseResult now = getParseResult();
		return now != null && !now.hasSyntaxErrors() && now.getRootNode().getText().equals(text);
	}

	/**
	 * An upper bound of the expression nesting {@link InputLimits} counts: the most {@code (}, {@code !}
	 * and {@code =>} between two {@code ->} outside comments and strings (each {@code ->} ends every
	 * pending level). Under {@link InputLimits#MAX_NESTING} neither a partial nor a full parse can
	 * reach the limit, so where the parse starts does not matter.
	 */
	static int nestingBound(String text) {
		int most = 0;
		int count = 0;
		int n = text.length();
		for (int i = 0; i < n; i++) {
			char c = text.charAt(i);
			char next = i + 1 < n ? text.charAt(i + 1) : 0;
			if (c == '/' && next == '/') {
				while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
					i++;
				}
			} else if (c == '/' && next == '*') {
				int end = text.indexOf("*/", i + 2);
				i = end < 0 ? n : end + 1;
			} else if (c == '"') {
				i++;
				while (i < n && text.charAt(i) != '"') {
					i += text.charAt(i) == '\\' ? 2 : 1;
				}
			} else if (c == '-' && next == '>') {
				count = 0;
				i++;
			} else if (c == '(' || c == '!' || (c == '=' && next == '>')) {
				most = Math.max(most, ++count);
			}
		}
		return most;
	}
}
