package dev.mapl.dsl;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.Scopes;
import dev.mapl.dsl.linking.MaplLinkingDiagnosticMessageProvider;
import dev.mapl.dsl.parser.MaplSyntaxErrorMessageProvider;
import dev.mapl.dsl.validation.MaplValidator;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.xtext.documentation.IEObjectDocumentationProvider;
import org.eclipse.xtext.documentation.impl.MultiLineCommentDocumentationProvider;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.service.CompoundModule;
import org.eclipse.xtext.service.MethodBasedModule;

/** Guice bindings of the MAPL language, shared by the CLI, the language server and the tests. */
public class MaplRuntimeModule extends AbstractMaplRuntimeModule {

	/**
	 * The bindings whose methods would touch EMF while the injector is created: Xtext binds EMF's
	 * global registries as instances (reading them initialises Ecore's package), and the validator
	 * as an eager singleton (creating it initialises MAPL's package and registers it with EMF).
	 */
	private static final Set<String> TOUCHING_EMF = Set.of("bindEPackageRegistry", "bindEValidatorRegistry",
			"bindMaplValidator");

	/**
	 * Xtext's bindings, with those that touch EMF made lazy: the same registries, through
	 * providers, and the validator a plain singleton that {@link MaplStandaloneSetup#register}
	 * creates. So the injector can be created on one thread while another initialises EMF's
	 * packages (the command line's start-up), with no class initialisation shared between them:
	 * EMF's packages and factories initialise each other, which deadlocks when two threads start
	 * from different ends. InjectorCreationTest (dsl.tests) checks that creating the injector
	 * initialises no EMF class.
	 */
	@Override
	public void configure(Binder binder) {
		// what AbstractMaplRuntimeModule.configure does before Xtext's bindings
		properties = tryBindProperties(binder, "dev/mapl/dsl/Mapl.properties");
		CompoundModule bindings = getBindings();
		for (Module m : List.copyOf(bindings.getModules())) {
			if (m instanceof MethodBasedModule method && leftOut(method.getMethod().getName())) {
				bindings.remove(m);
			}
		}
		bindings.configure(binder);
		binder.bind(EPackage.Registry.class).toProvider(() -> EPackage.Registry.INSTANCE);
		binder.bind(EValidator.Registry.class).toProvider(() -> EValidator.Registry.INSTANCE);
		binder.bind(MaplValidator.class).in(Scopes.SINGLETON);
	}

	/**
	 * Whether the binding method of that name is left out of Xtext's bindings: those that touch
	 * EMF, which {@link #configure} binds its own way. Subclasses may leave out more.
	 */
	protected boolean leftOut(String bindingMethod) {
		return TOUCHING_EMF.contains(bindingMethod);
	}

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

	/** The grammar read from the jar without a time stamp (ClasspathGrammarProvider says why). */
	public Class<? extends org.eclipse.xtext.service.GrammarProvider> bindGrammarProvider() {
		return dev.mapl.dsl.parser.ClasspathGrammarProvider.class;
	}

	/** The root diagnostic's message without EMF's translations (PlainDiagnostician says why). */
	@Override
	public Class<? extends org.eclipse.emf.ecore.util.Diagnostician> bindDiagnostician() {
		return dev.mapl.dsl.validation.PlainDiagnostician.class;
	}

	/** `/** ... *&#47;` comments before a declaration are its documentation (hover, generated code). */
	public Class<? extends IEObjectDocumentationProvider> bindIEObjectDocumentationProvider() {
		return MultiLineCommentDocumentationProvider.class;
	}
}
