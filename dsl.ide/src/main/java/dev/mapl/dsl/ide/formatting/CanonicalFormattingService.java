package dev.mapl.dsl.ide.formatting;

import com.google.inject.Inject;
import dev.mapl.dsl.compile.SourceFormatter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;

/**
 * Formatting is canonical, as {@code mapl fmt} writes it: the editor's tab size and tabs are
 * ignored, so a formatted file always passes {@code mapl fmt --check}.
 */
public class CanonicalFormattingService extends FormattingService {

	@Inject
	private SourceFormatter canonical;

	@Override
	public List<TextEdit> format(XtextResource resource, Document document, int offset, int length,
			FormattingOptions ignored) {
		if (resource.getParseResult() == null || resource.getParseResult().hasSyntaxErrors()) {
			return List.of(); // like `mapl fmt`: a file that does not parse is left alone
		}
		String text = document.getContents();
		if (offset == 0 && length >= text.length()) {
			String formatted = canonical.format(resource);
			if (formatted.equals(text)) {
				return List.of();
			}
			return List.of(new TextEdit(new Range(document.getPosition(0), document.getPosition(text.length())), formatted));
		}
		MapBasedPreferenceValues preferences = new MapBasedPreferenceValues();
		preferences.put(FormatterPreferenceKeys.indentation.getId(), SourceFormatter.INDENT);
		preferences.put(FormatterPreferenceKeys.lineSeparator.getId(), "\n");
		List<TextEdit> result = new ArrayList<>();
		for (ITextReplacement r : format2(resource, new TextRegion(offset, length), preferences)) {
			result.add(toTextEdit(document, r.getReplacementText(), r.getOffset(), r.getLength()));
		}
		return result;
	}
}
