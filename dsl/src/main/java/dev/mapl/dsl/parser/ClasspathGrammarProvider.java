package dev.mapl.dsl.parser;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.name.Named;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.URIConverter;
import org.eclipse.emf.ecore.resource.impl.URIHandlerImpl;
import org.eclipse.xtext.Constants;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.service.GrammarProvider;

/**
 * Xtext's grammar provider, reading the grammar (the {@code .xtextbin} in the jar) without asking
 * for its time stamp. EMF's default handler asks the jar entry's URLConnection for its
 * last-modified time, which the JDK answers by formatting an HTTP date and parsing it back: a
 * Calendar, the locale providers and the MIME table, about 8 ms of every cold {@code mapl check}
 * before the first file is parsed (docs/PERFORMANCE.md, "Start-up: tenth round"). Nothing reads
 * that time stamp; a grammar on the class path never changes while the process runs.
 */
public class ClasspathGrammarProvider extends GrammarProvider {

	@Inject
	public ClasspathGrammarProvider(@Named(Constants.LANGUAGE_NAME) String languageName,
			Provider<XtextResourceSet> resourceSets) {
		super(languageName, () -> {
			XtextResourceSet rs = resourceSets.get();
			rs.getURIConverter().getURIHandlers().add(0, new JarEntryHandler());
			return rs;
		});
	}

	/** Opens {@code jar:} URIs (what the class path URIs resolve to in a jar) and records no time stamp. */
	static final class JarEntryHandler extends URIHandlerImpl {

		@Override
		public boolean canHandle(URI uri) {
			return "jar".equals(uri.scheme());
		}

		@Override
		public InputStream createInputStream(URI uri, Map<?, ?> options) throws IOException {
			// EMF's own handler, without the response map: that is where it would put the time stamp
			Map<Object, Object> noResponse = options == null ? new HashMap<>() : new HashMap<>(options);
			noResponse.remove(URIConverter.OPTION_RESPONSE);
			return super.createInputStream(uri, noResponse);
		}
	}
}
