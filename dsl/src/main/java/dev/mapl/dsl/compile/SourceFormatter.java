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
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
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

	/**
	 * What {@code mapl fmt} writes for a parsed file without syntax errors: the formatted text with
	 * the file's own line endings and byte order mark.
	 */
	public String formatFile(MaplCompiler.ParsedFile parsed) {
		return parsed.source().restore(format(parsed.resource()));
	}

	/**
	 * The formatted text of a resource without syntax errors (LF line endings). Only whitespace
	 * outside comments changes; the file starts at its first comment or token.
	 */
	public String format(XtextResource resource) {
		INode root = resource.getParseResult() == null ? null : resource.getParseResult().getRootNode();
		if (root == null) {
			return "";
		}
		boolean tokens = false;
		for (ILeafNode leaf : root.getLeafNodes()) {
			tokens |= !leaf.isHidden();
		}
		if (!tokens) {
			// comments only: Xtext's region access needs a token to hang hidden regions on
			return commentsOnly(root.getText());
		}
		ITextRegionAccess access = regionAccess.forNodeModel(resource).create();
		FormatterRequest request = requests.get();
		request.setTextRegionAccess(access);
		request.setAllowIdentityEdits(false);
		request.setFormatUndefinedHiddenRegionsOnly(false);
		request.setPreferences(new MapBasedPreferenceValues(Map.of(
				FormatterPreferenceKeys.indentation.getId(), INDENT,
				FormatterPreferenceKeys.lineSeparator.getId(), "\n")));
		List<ITextReplacement> replacements = formatter.format(request);
		// the formatter leaves the whitespace before a leading comment alone
		return stripLeading(access.getRewriter().renderToString(replacements));
	}

	/** A file of comments: no leading whitespace, one line break at the end. */
	private static String commentsOnly(String text) {
		String t = stripLeading(text.replace("\r\n", "\n").replace('\r', '\n'));
		int last = t.length();
		while (last > 0 && Character.isWhitespace(t.charAt(last - 1))) {
			last--;
		}
		if (last == 0) {
			return "";
		}
		int eol = t.indexOf('\n', last);
		// spaces after the last `//` comment are its text; keep them, drop only the blank lines after it
		return (eol < 0 ? t : t.substring(0, eol)) + "\n";
	}

	private static String stripLeading(String text) {
		int i = 0;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n'
				|| text.charAt(i) == '\r' || text.charAt(i) == '\f')) {
			i++;
		}
		return text.substring(i);
	}
}
