package dev.mapl.dsl.compile;

import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.name.Names;
import dev.mapl.dsl.MaplRuntimeModule;
import java.util.Set;
import org.eclipse.xtext.Constants;
import org.eclipse.xtext.linking.lazy.LazyURIEncoder;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.service.MethodBasedModule;

/**
 * MAPL's runtime module for the batch compiler (the command line, the Maven plugin): without the
 * bindings of the serializer and the formatters, which {@link OnDemandServices} binds on first use
 * in a child injector. Guice builds the dependency graph of every binding when it creates an
 * injector; these are 77 of its 243 bindings and a fifth of its creation, which is on the
 * critical path of every {@code mapl check}, and reading, checking and compiling never use them.
 * Only {@code mapl fmt} (the formatter) and saving a resource (the serializer, never done here) do.
 * It also binds a few values the cheaper way (constants and a provider, below), with the values
 * the generated module binds; CompilerModuleTest compares them.
 */
public class CompilerModule extends MaplRuntimeModule {

	/**
	 * An injector of this module's bindings. Guice is handed a module that only calls
	 * {@link #configure}: it searches the class of each module it is handed, superclasses and all,
	 * for @Provides methods, and this one's classes (Xtext's runtime modules) declare some 90
	 * methods and none of those (CompilerModuleTest). About 5% of the injector's creation, which is
	 * on the way of every cold {@code mapl check} (docs/PERFORMANCE.md, "Start-up: twelfth round").
	 */
	public static Injector newInjector() {
		Module bindings = new CompilerModule()::configure;
		return Guice.createInjector(bindings);
	}

	/** The binding methods of the serializer and the formatters. */
	static final Set<String> ON_DEMAND = Set.of("bindISerializer", "bindISemanticSequencer", "bindISyntacticSequencer",
			"configureGenericSemanticSequencer", "configureSerializerIScopeProvider", "bindIFormatter", "bindIFormatter2",
			"bindINodeModelFormatter", "configureFormatterPreferences");

	@Override
	protected boolean leftOut(String bindingMethod) {
		return ON_DEMAND.contains(bindingMethod) || bindingMethod.equals("bindClassLoaderToInstance")
				|| super.leftOut(bindingMethod);
	}

	@Override
	public void configure(Binder binder) {
		super.configure(binder);
		// every XtextResource has a serializer injected, for saving
		binder.bind(ISerializer.class).to(OnDemandSerializer.class);
		// Xtext's binding of the class loader, as a provider (see below)
		ClassLoader loader = bindClassLoaderToInstance();
		binder.bind(ClassLoader.class).toProvider(() -> loader);
	}

	/*
	 * The names and switches below are bound as constants, not as instances as the generated
	 * module and Xtext's do: Guice reads the class of every instance it is given for members to
	 * inject, all its methods' and fields' annotations, and String's are some 160 members, with
	 * JDK-internal annotations each of which costs Guice a proxy class. Likewise the class loader
	 * goes through a provider: its four classes have some 130 members more. Together about 6% of the
	 * injector's creation, on the way of every cold `mapl check` (docs/PERFORMANCE.md, "Start-up:
	 * thirteenth round"). CompilerModuleTest checks that they bind the same values.
	 */

	@Override
	public void configureLanguageName(Binder binder) {
		binder.bindConstant().annotatedWith(Names.named(Constants.LANGUAGE_NAME)).to("dev.mapl.dsl.Mapl");
	}

	@Override
	public void configureFileExtensions(Binder binder) {
		if (properties == null || properties.getProperty(Constants.FILE_EXTENSIONS) == null) {
			binder.bindConstant().annotatedWith(Names.named(Constants.FILE_EXTENSIONS)).to("mapl");
		}
	}

	@Override
	public void configureUseIndexFragmentsForLazyLinking(Binder binder) {
		binder.bindConstant().annotatedWith(Names.named(LazyURIEncoder.USE_INDEXED_FRAGMENTS_BINDING)).to(true);
	}

	/** The bindings left out, but for {@link ISerializer}'s own: the parent binds that one. */
	static Module onDemand() {
		MaplRuntimeModule all = new MaplRuntimeModule();
		return binder -> {
			for (Module m : all.getBindings().getModules()) {
				if (m instanceof MethodBasedModule method && ON_DEMAND.contains(method.getMethod().getName())
						&& !method.getMethod().getName().equals("bindISerializer")) {
					m.configure(binder);
				}
			}
		};
	}

	/** The serializer MAPL's runtime module binds. */
	static Class<? extends ISerializer> serializer() {
		return new MaplRuntimeModule().bindISerializer();
	}
}
