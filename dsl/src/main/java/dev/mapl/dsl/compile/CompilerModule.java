package dev.mapl.dsl.compile;

import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.mapl.dsl.MaplRuntimeModule;
import java.util.Set;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.service.MethodBasedModule;

/**
 * MAPL's runtime module for the batch compiler (the command line, the Maven plugin): without the
 * bindings of the serializer and the formatters, which {@link OnDemandServices} binds on first use
 * in a child injector. Guice builds the dependency graph of every binding when it creates an
 * injector; these are 77 of its 243 bindings and a fifth of its creation, which is on the
 * critical path of every {@code mapl check}, and reading, checking and compiling never use them.
 * Only {@code mapl fmt} (the formatter) and saving a resource (the serializer, never done here) do.
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
		return ON_DEMAND.contains(bindingMethod) || super.leftOut(bindingMethod);
	}

	@Override
	public void configure(Binder binder) {
		super.configure(binder);
		// every XtextResource has a serializer injected, for saving
		binder.bind(ISerializer.class).to(OnDemandSerializer.class);
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
