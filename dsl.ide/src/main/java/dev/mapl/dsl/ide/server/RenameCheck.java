package dev.mapl.dsl.ide.server;

import dev.mapl.dsl.naming.Names;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.XtextResource;

/**
 * A rename must produce a name the parser reads as the same kind of name and that does not
 * already name something else in the same scope (which would silently merge two declarations).
 */
final class RenameCheck {

	private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/** Keywords that MAPL's grammar still accepts as names (ValidID). */
	private static final Set<String> NAME_KEYWORDS = Set.of("c", "file", "function", "include", "use", "region",
			"style", "kconfig", "fact", "outcome", "bindings", "branches", "table");

	private RenameCheck() {
	}

	static void check(XtextResource resource, int offset, String newName, IResourceDescriptions index) {
		if (newName == null || !ID.matcher(newName).matches()) {
			throw invalid("`" + newName + "` is not a valid name: a name is a letter or `_` followed by letters, digits or `_`");
		}
		IGrammarAccess grammar = resource.getResourceServiceProvider().get(IGrammarAccess.class);
		if (GrammarUtil.getAllKeywords(grammar.getGrammar()).contains(newName) && !NAME_KEYWORDS.contains(newName)) {
			throw invalid("`" + newName + "` is a keyword and cannot be a name");
		}
		EObjectAtOffsetHelper at = new EObjectAtOffsetHelper();
		EObject target = at.resolveCrossReferencedElementAt(resource, offset);
		if (target == null) {
			target = at.resolveElementAt(resource, offset);
		}
		if (target == null) {
			return;
		}
		EStructuralFeature name = target.eClass().getEStructuralFeature("name");
		if (name == null) {
			return;
		}
		Object old = target.eGet(name);
		if (newName.equals(old)) {
			return;
		}
		// the same container: two facts of one group, two outcomes, two rules of a policy
		EObject container = target.eContainer();
		if (container != null) {
			for (EObject sibling : container.eContents()) {
				EStructuralFeature f = sibling.eClass().getEStructuralFeature("name");
				if (sibling != target && f != null && newName.equals(sibling.eGet(f))) {
					throw invalid("`" + newName + "` already names " + Names.kind(sibling) + " `" + newName
							+ "` here; renaming would merge the two");
				}
			}
		}
		// the index: another declaration of that qualified name in any file
		IQualifiedNameProvider names = resource.getResourceServiceProvider().get(IQualifiedNameProvider.class);
		QualifiedName qn = names.getFullyQualifiedName(target);
		if (qn != null) {
			QualifiedName renamed = qn.skipLast(1).append(newName);
			for (IEObjectDescription d : index.getExportedObjects(dev.mapl.dsl.mapl.MaplPackage.Literals.SYMBOL.isSuperTypeOf(target.eClass())
					? dev.mapl.dsl.mapl.MaplPackage.Literals.SYMBOL : target.eClass(), renamed, false)) {
				throw invalid("`" + renamed + "` is already declared in `" + d.getEObjectURI().trimFragment().lastSegment()
						+ "`; renaming would merge the two");
			}
		}
	}

	private static ResponseErrorException invalid(String message) {
		return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
	}
}
