package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import dev.mapl.dsl.ide.MaplIdeSetup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.Test;

/** What the language server's build does per file beyond parse, link and validate. */
class LanguageServerBuildTest {

	/**
	 * Xtext's build asks IShouldGenerate after validating; its default validates the file again to
	 * answer. The language server generates nothing, so the answer is no, without a second
	 * validation (the validator is never asked: a valid file would otherwise be "yes").
	 */
	@Test
	void theBuildDoesNotValidateAgainToDecideOnGenerating() throws Exception {
		Injector injector = new MaplIdeSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("file:///tmp/valid.mapl"));
		String text = "facts { A }\noutcomes {\n    X\n    Y\n}\npolicy p first {\n    A -> X\n    otherwise -> Y\n}\n";
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		assertTrue(resource.getErrors().isEmpty(), "the file is valid: " + resource.getErrors());
		assertFalse(injector.getInstance(IShouldGenerate.class).shouldGenerate(resource, CancelIndicator.NullImpl));
	}
}
