package dev.mapl.dsl.compile;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;

/** Canonical formatting of a whole file: what {@code mapl fmt} writes. */
public class SourceFormatter {

	/** The canonical indentation; editors may format with their own settings. */
	public static final String INDENT = "    ";

	@Inject
	private Provider<FormatterRequest> requests;

	@Inject
	private IFormatter2 formatter;

	@Inject
	private TextRegionAccessBuilder regionAccess;

	/** The formatted text of a resource without syntax errors. */
	public String format(XtextResource resource) {
		ITextRegionAccess access = regionAccess.forNodeModel(resource).create();
		FormatterRequest request = requests.get();
		request.setTextRegionAccess(access);
		request.setAllowIdentityEdits(false);
		request.setFormatUndefinedHiddenRegionsOnly(false);
		request.setPreferences(new MapBasedPreferenceValues(Map.of(
				FormatterPreferenceKeys.indentation.getId(), INDENT,
				FormatterPreferenceKeys.lineSeparator.getId(), "\n")));
		List<ITextReplacement> replacements = formatter.format(request);
		return access.getRewriter().renderToString(replacements);
	}
}
