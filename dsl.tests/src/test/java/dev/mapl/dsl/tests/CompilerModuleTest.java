package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.ProvidesIntoOptional;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InstanceBinding;
import dev.mapl.dsl.MaplRuntimeModule;
import dev.mapl.dsl.compile.CompilerModule;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.SourceFormatter;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.serializer.sequencer.ISemanticSequencer;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch compiler's module leaves the serializer and the formatters out of its injector (so that
 * creating it, on every `mapl check`'s critical path, builds less) and makes them on first use: they
 * must then work exactly as the full runtime module's, which the tests and the language server use.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(MaplInjectorProvider.class)
class CompilerModuleTest {

	@Inject
	private MaplTesting mapl;

	@Inject
	private SourceFormatter fullFormatter;

	@Inject
	private ISerializer fullSerializer;

	/** A compiler from the full module's injector, as the language server gets one. */
	@Inject
	private MaplCompiler fullModulesCompiler;

	@Test
	void theInjectorHasNeitherSerializerNorFormatter() {
		Injector full = Guice.createInjector(new MaplRuntimeModule());
		Injector compiler = Guice.createInjector(new CompilerModule());
		for (Class<?> left : List.of(IFormatter2.class, ISemanticSequencer.class)) {
			assertNotNull(full.getExistingBinding(Key.get(left)), left.getName());
			assertNull(compiler.getExistingBinding(Key.get(left)), left.getName());
		}
		assertTrue(compiler.getAllBindings().size() < full.getAllBindings().size() - 50,
				compiler.getAllBindings().size() + " bindings against " + full.getAllBindings().size());
	}

	/** {@link CompilerModule#newInjector()} hands Guice a module of another class: the same bindings. */
	@Test
	void newInjectorBindsWhatTheModuleBinds() {
		assertEquals(Guice.createInjector(new CompilerModule()).getAllBindings().keySet(),
				CompilerModule.newInjector().getAllBindings().keySet());
	}

	/**
	 * The names, switches and class loader the full module binds as instances, the compiler's binds
	 * as constants and a provider (Guice reads an instance's class, CompilerModule): the same values.
	 */
	@Test
	void bindsTheFullModulesInstancesToTheSameValues() {
		Injector full = Guice.createInjector(new MaplRuntimeModule());
		Injector compiler = CompilerModule.newInjector();
		int instances = 0;
		for (Element e : Elements.getElements(new MaplRuntimeModule())) {
			if (e instanceof InstanceBinding<?> b) {
				instances++;
				assertEquals(full.getInstance(b.getKey()), compiler.getInstance(b.getKey()), b.getKey().toString());
			}
		}
		assertTrue(instances >= 7, instances + " instance bindings");
		assertEquals(full.getInstance(ClassLoader.class), compiler.getInstance(ClassLoader.class));
	}

	/** What {@link CompilerModule#newInjector()} leaves Guice to look for: none in the module's classes. */
	@Test
	void theModuleHasNoProviderMethods() {
		List<Class<? extends Annotation>> scanned = List.of(Provides.class, ProvidesIntoSet.class,
				ProvidesIntoMap.class, ProvidesIntoOptional.class);
		int methods = 0;
		for (Class<?> c = CompilerModule.class; c != Object.class; c = c.getSuperclass()) {
			for (Method m : c.getDeclaredMethods()) {
				methods++;
				for (Class<? extends Annotation> a : scanned) {
					assertFalse(m.isAnnotationPresent(a), m + " is @" + a.getSimpleName());
				}
			}
		}
		assertTrue(methods > 80, methods + " methods");
	}

	@Test
	void formatsAndSerializesAsTheFullModule() throws IOException {
		MaplCompiler compiler = MaplCompiler.create();
		List<Path> files;
		try (Stream<Path> s = Files.walk(Path.of("..", "examples"))) {
			files = s.filter(p -> p.toString().endsWith(".mapl")).sorted().toList();
		}
		assertTrue(files.size() >= 8, files.toString());
		for (Path file : files) {
			MaplCompiler.ParsedFile parsed = compiler.parse(file);
			assertEquals(List.of(), parsed.syntaxErrors(), file.toString());
			// the same text parsed by the full module's injector (a serializer knows its own grammar's elements)
			XtextResource full = (XtextResource) mapl.parse(parsed.source().text()).get(0);
			assertEquals(fullFormatter.format(full), compiler.formatter().format(parsed.resource()), file.toString());
			// in an injector that binds the formatter itself, no child injector (it would bind it twice)
			assertEquals(fullFormatter.format(full), fullModulesCompiler.formatter().format(full), file.toString());
			assertEquals(fullSerializer.serialize(full.getContents().get(0)),
					parsed.resource().getSerializer().serialize(parsed.resource().getContents().get(0)), file.toString());
		}
	}
}
