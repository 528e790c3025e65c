package dev.mapl.dsl;

import dev.mapl.dsl.linking.MaplLinkingDiagnosticMessageProvider;
import dev.mapl.dsl.parser.MaplSyntaxErrorMessageProvider;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.documentation.impl.MultiLineCommentDocumentationProvider;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;

/** Guice bindings of the MAPL language, shared by the CLI, the language server and the tests. */
public class MaplRuntimeModule extends AbstractMaplRuntimeModule {

	/** Imports as Xtext scopes them, without failing on an empty package name (fuzz finding frontEnd-2-3603). */
	@Override
	public void configureIScopeProviderDelegate(com.google.inject.Binder binder) {
		binder.bind(org.eclipse.xtext.scoping.IScopeProvider.class).annotatedWith(com.google.inject.name.Names.named(
				org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
				.to(dev.mapl.dsl.scoping.MaplImportScopeProvider.class);
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return MaplLinkingDiagnosticMessageProvider.class;
	}

	/**
	 * No EMF constraint validation: Xtext reports unresolved names itself, and EMF's
	 * "every reference is contained" check calls eResource() (a walk to the root) per object, which
	 * is quadratic in the depth of an `a & a & ...` chain.
	 */
	public void configureUseEObjectValidator(com.google.inject.Binder binder) {
		binder.bindConstant().annotatedWith(com.google.inject.name.Names.named(
				org.eclipse.xtext.validation.CompositeEValidator.USE_EOBJECT_VALIDATOR)).to(false);
	}

	/** Lazy linking without the did-you-mean search on every resolved name (issue 20.10). */
	@Override
	public Class<? extends org.eclipse.xtext.resource.XtextResource> bindXtextResource() {
		return dev.mapl.dsl.linking.MaplLinkingResource.class;
	}

	/** The generated parser behind the input limits (nesting depth, file size). */
	@Override
	public Class<? extends org.eclipse.xtext.parser.IParser> bindIParser() {
		return dev.mapl.dsl.parser.LimitedMaplParser.class;
	}

	public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return MaplSyntaxErrorMessageProvider.class;
	}

	/** `/** ... *&#47;` comments before a declaration are its documentation (hover, generated code). */
	public Class<? extends IEObjectDocumentationProvider> bindIEObjectDocumentationProvider() {
		return MultiLineCommentDocumentationProvider.class;
	}
}
