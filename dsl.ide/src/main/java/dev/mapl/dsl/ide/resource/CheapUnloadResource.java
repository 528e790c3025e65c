package dev.mapl.dsl.ide.resource;

import dev.mapl.dsl.linking.MaplLinkingResource;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.parser.InputLimits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.ImportedNamesAdapter;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.impl.ListBasedDiagnosticConsumer;
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
 * the rule around it. Where the old and the new rule hold nothing a reference can name, and every
 * other reference of the file is resolved, only the new rule's references are linked: the others
 * cannot have changed (nothing they name came or went, so their scopes are the same). Otherwise the
 * whole file is linked again, as after a load. Linking the whole file was 40% of such a build.
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

	/** Whether some object of the tree under {@code root}, or root itself, can be named by a reference. */
	static boolean holdsTargets(EObject root) {
		if (referable(root.eClass())) {
			return true;
		}
		for (TreeIterator<EObject> i = root.eAllContents(); i.hasNext();) {
			if (referable(i.next().eClass())) {
				return true;
			}
		}
		return false;
	}

	/** Whether the last linking of this file linked only the element an in-place update replaced. */
	private boolean linkedOnlyReplacement;

	/**
	 * Whether the file was linked without a diagnostic before this in-place update: the update
	 * clears the linker's diagnostics of the whole file, and linking only the new element would
	 * not make those of the rest again.
	 */
	private boolean linkedBefore;

	public boolean linkedOnlyTheReplacedElement() {
		return linkedOnlyReplacement;
	}

	/**
	 * Links only the element an in-place update put in, when that gives what linking the whole file
	 * would (see the class comment); else the whole file, as Xtext does.
	 */
	@Override
	protected void doLinking() {
		InPlaceParsingHelper.Replacement replaced = InPlaceParsingHelper.replaced();
		EObject element = replaced == null ? null : replaced.current();
		linkedOnlyReplacement = element != null && linkedBefore && !replaced.heldTargets() && !holdsTargets(element)
				&& !unresolvedOutside(element);
		if (!linkedOnlyReplacement) {
			super.doLinking();
			return;
		}
		// Xtext's linker forgets the names the file looked up (the index's record of what it depends
		// on) before it links: keep those of the rest of the file, whose references stay as they are.
		ImportedNamesAdapter names = ImportedNamesAdapter.find(this);
		List<QualifiedName> kept = names == null ? List.of() : new ArrayList<>(names.getImportedNames());
		ListBasedDiagnosticConsumer consumer = new ListBasedDiagnosticConsumer();
		getLinker().linkModel(element, consumer);
		if (names != null) {
			names.getImportedNames().addAll(kept);
		}
		if (!isValidationDisabled()) {
			getErrors().addAll(consumer.getResult(Severity.ERROR));
			getWarnings().addAll(consumer.getResult(Severity.WARNING));
		}
	}

	/**
	 * Whether a cross-reference outside {@code element} is a proxy: a name that did not resolve, whose
	 * proxy Xtext's linker would make anew (its record is dropped when linking starts).
	 */
	private boolean unresolvedOutside(EObject element) {
		for (TreeIterator<EObject> i = getAllContents(); i.hasNext();) {
			EObject o = i.next();
			if (o == element) {
				i.prune();
				continue;
			}
			for (EReference ref : o.eClass().getEAllReferences()) {
				if (ref.isContainment() || ref.isContainer()) {
					continue;
				}
				Object value = o.eGet(ref, false);
				if (value instanceof InternalEList<?> list) {
					for (Iterator<?> v = list.basicIterator(); v.hasNext();) {
						if (v.next() instanceof EObject e && e.eIsProxy()) {
							return true;
						}
					}
				} else if (value instanceof EObject e && e.eIsProxy()) {
					return true;
				}
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
	 * unloaded and loaded anew.
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
		linkedBefore = getErrors().isEmpty() && getWarnings().isEmpty();
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
