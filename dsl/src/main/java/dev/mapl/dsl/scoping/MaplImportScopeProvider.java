package dev.mapl.dsl.scoping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.scoping.impl.ImportedNamespaceAwareLocalScopeProvider;

/**
 * Xtext's import scoping, except that an element whose name is empty (a `package` whose name
 * the parser recovered as nothing) opens no namespace: Xtext would throw "Imported namespace must
 * not be null / empty" inside lazy linking, an internal error instead of the syntax error.
 */
public class MaplImportScopeProvider extends ImportedNamespaceAwareLocalScopeProvider {

	@Override
	protected QualifiedName getQualifiedNameOfLocalElement(EObject context) {
		QualifiedName name = super.getQualifiedNameOfLocalElement(context);
		return name == null || name.isEmpty() ? null : name;
	}
}
