package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.parser.ClasspathGrammarProvider;
import dev.mapl.dsl.services.MaplGrammarAccess;
import dev.mapl.dsl.validation.PlainDiagnostician;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.xtext.Grammar;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.service.GrammarProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bindings that keep JDK machinery out of every cold start (docs/PERFORMANCE.md, "Start-up:
 * tenth round"): the grammar read from a jar without asking for its time stamp, and the root
 * diagnostic's message without EMF's translations. Both must give what Xtext's own would.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(MaplInjectorProvider.class)
class StartUpBindingsTest {

	private static final String GRAMMAR = "dev/mapl/dsl/Mapl.xtextbin";

	@Inject
	private Injector injector;

	@Inject
	private MaplTesting mapl;

	@Test
	void theRuntimeModuleBindsBoth() {
		assertInstanceOf(ClasspathGrammarProvider.class, injector.getInstance(GrammarProvider.class));
		assertInstanceOf(PlainDiagnostician.class, injector.getInstance(Diagnostician.class));
	}

	/**
	 * The grammar from a jar (as the command line's shaded jar holds it): the same grammar, and no
	 * time stamp asked for (Xtext's provider records the jar's; that lookup is what is avoided).
	 */
	@Test
	void readsTheGrammarFromAJarWithoutItsTimeStamp(@TempDir Path dir) throws IOException {
		Path jar = dir.resolve("grammar.jar");
		try (InputStream in = MaplGrammarAccess.class.getClassLoader().getResourceAsStream(GRAMMAR);
				OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file)) {
			out.putNextEntry(new JarEntry(GRAMMAR));
			in.transferTo(out);
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
			Grammar ours = load(new ClasspathGrammarProvider("dev.mapl.dsl.Mapl", injector.getProvider(XtextResourceSet.class)), loader);
			Grammar xtexts = load(new GrammarProvider("dev.mapl.dsl.Mapl", injector.getProvider(XtextResourceSet.class)), loader);
			assertEquals(0, ours.eResource().getTimeStamp());
			assertNotEquals(0, xtexts.eResource().getTimeStamp()); // what the handler saves
			assertEquals(GrammarUtil.allRules(xtexts).stream().map(r -> r.getName()).toList(),
					GrammarUtil.allRules(ours).stream().map(r -> r.getName()).toList());
			assertEquals(injector.getInstance(MaplGrammarAccess.class).getGrammar().getName(), ours.getName());
		}
	}

	private static Grammar load(GrammarProvider provider, ClassLoader loader) {
		provider.setClassLoader(loader);
		return provider.getGrammar(provider);
	}

	@Test
	void theRootDiagnosticSaysWhatEmfsWould() throws Exception {
		Model model = (Model) mapl.parse("package p\nfacts { a }\n").get(0).getContents().get(0);
		EValidator.Registry registry = injector.getInstance(EValidator.Registry.class);
		assertEquals(new Diagnostician(registry).createDefaultDiagnostic(model).getMessage(),
				new PlainDiagnostician(registry).createDefaultDiagnostic(model).getMessage());
		assertEquals(new Diagnostician(registry).createDefaultDiagnostic(model).getSource(),
				new PlainDiagnostician(registry).createDefaultDiagnostic(model).getSource());
	}
}
