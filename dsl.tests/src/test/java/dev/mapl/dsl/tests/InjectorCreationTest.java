package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.CompilerModule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Creating MAPL's injector (the batch compiler's, {@code CompilerModule}) initialises no class of
 * EMF's or of an EMF model, so that the command line may create it on one thread while its main
 * thread initialises EMF's packages (the CLI's {@code Main.prepareCompiler}): EMF's packages and
 * factories initialise each other, and two threads that start on that from different ends deadlock.
 * A fresh JVM creates the injector with the JVM's class-initialisation log on, which names every
 * class initialised.
 */
class InjectorCreationTest {

	private static final String START = "-- creating the injector";
	private static final String END = "-- created";

	/**
	 * Initialised while the injector is created, and safe: Xtext's registry of resource service
	 * providers extends it, and its initialiser uses nothing but java.util.Collections.
	 */
	private static final Set<String> LEAVES = Set.of("org/eclipse/emf/ecore/resource/impl/ResourceFactoryRegistryImpl");

	private static final Pattern INITIALISING = Pattern.compile("Initializing '([^']+)'");

	/** Run in a fresh JVM by the test: creates the injector between two markers. */
	public static void main(String[] args) {
		System.out.println(START);
		CompilerModule.newInjector(); // the command line's (MaplCompiler.create)
		System.out.println(END);
	}

	@Test
	void creatingTheInjectorInitialisesNoEmfClass() throws Exception {
		List<String> initialised = initialisedWhileCreatingTheInjector();
		// the log is there: Guice's and Xtext's own classes
		assertTrue(initialised.contains("com/google/inject/internal/InjectorImpl"), initialised.toString());
		List<String> emf = initialised.stream().filter(InjectorCreationTest::ofEmf).toList();
		assertEquals(List.of(), emf, "classes of EMF's or of an EMF model initialised by Guice.createInjector");
	}

	private static boolean ofEmf(String type) {
		return (type.startsWith("org/eclipse/emf/") && !LEAVES.contains(type))
				|| type.startsWith("org/eclipse/xtext/impl/") // Xtext's grammar model
				|| type.equals("org/eclipse/xtext/XtextPackage") || type.equals("org/eclipse/xtext/XtextFactory")
				|| type.startsWith("dev/mapl/dsl/mapl/"); // MAPL's model
	}

	private static List<String> initialisedWhileCreatingTheInjector() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process p = new ProcessBuilder(java, "-Xlog:class+init=info:stdout", "-cp", System.getProperty("java.class.path"),
				InjectorCreationTest.class.getName()).redirectErrorStream(true).start();
		List<String> initialised = new ArrayList<>();
		boolean inside = false;
		boolean done = false;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = r.readLine(); line != null; line = r.readLine()) {
				if (line.equals(START)) {
					inside = true;
				} else if (line.equals(END)) {
					done = true;
					inside = false;
				} else if (inside) {
					Matcher m = INITIALISING.matcher(line);
					if (m.find()) {
						initialised.add(m.group(1));
					}
				}
			}
		}
		assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JVM did not exit");
		assertEquals(0, p.exitValue());
		assertTrue(done, "the injector was not created");
		return initialised;
	}
}
