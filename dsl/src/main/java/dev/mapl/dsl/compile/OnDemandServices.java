package dev.mapl.dsl.compile;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Singleton;
import org.eclipse.xtext.formatting2.IFormatter2;

/**
 * The injector of the services {@link CompilerModule} leaves out (the serializer, the formatters),
 * made on first use as a child of the compiler's. In an injector that binds them itself (MAPL's
 * full runtime module: the tests, the language server), that injector.
 */
@Singleton
public class OnDemandServices {

	@Inject
	private Injector injector;

	private Injector services;

	public synchronized Injector injector() {
		if (services == null) {
			services = injector.getExistingBinding(Key.get(IFormatter2.class)) != null ? injector
					: injector.createChildInjector(CompilerModule.onDemand());
		}
		return services;
	}
}
