package dev.mapl.dsl.ide.server;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.resource.XtextResource;

/**
 * A resource as the last build left it, seen from the editor's newer text: the two texts differ in
 * one region (what was typed since the build), and positions outside it map between them. Lets
 * hover, completion and definition answer at once while the edit's build is still to come; a
 * position inside the typed region has no counterpart ({@link #toBuilt} gives null) and waits for
 * the build.
 */
public final class BuiltView {

	private final Document built;

	private final Document now;

	/** The changed region: {@code [prefix, length - suffix)} in either text. */
	private final int prefix;

	private final int suffix;

	private BuiltView(Document built, Document now, int prefix, int suffix) {
		this.built = built;
		this.now = now;
		this.prefix = prefix;
		this.suffix = suffix;
	}

	/** The view of {@code resource} from the editor's document {@code now} (null: not open). */
	public static BuiltView of(Document now, XtextResource resource) {
		return between(resource.getParseResult() == null ? "" : resource.getParseResult().getRootNode().getText(), now);
	}

	/** The view between the text of the last build and the editor's document (null: not open). */
	public static BuiltView between(String text, Document now) {
		if (now == null) {
			Document d = new Document(1, text);
			return new BuiltView(d, d, text.length(), 0);
		}
		String later = now.getContents();
		if (later.equals(text)) {
			return new BuiltView(now, now, text.length(), 0);
		}
		int max = Math.min(text.length(), later.length());
		int p = 0;
		while (p < max && text.charAt(p) == later.charAt(p)) {
			p++;
		}
		int s = 0;
		while (s < max - p && text.charAt(text.length() - 1 - s) == later.charAt(later.length() - 1 - s)) {
			s++;
		}
		return new BuiltView(new Document(now.getVersion(), text), now, p, s);
	}

	/** The text the resource was built from, as a document (the one to hand Xtext's services). */
	public Document built() {
		return built;
	}

	public boolean current() {
		return built == now;
	}

	/** The built text's position for the editor's, or null inside the region typed since the build. */
	public Position toBuilt(Position p) {
		if (current()) {
			return p;
		}
		int o = now.getOffSet(p);
		int mapped;
		if (o < prefix) {
			mapped = o;
		} else if (o >= now.getContents().length() - suffix) {
			mapped = o - now.getContents().length() + built.getContents().length();
		} else {
			return null;
		}
		return built.getPosition(mapped);
	}

	/** The editor's position for the built text's; one inside the typed region goes to its edge. */
	public Position toNow(Position p) {
		if (current()) {
			return p;
		}
		int o = built.getOffSet(p);
		int oldEnd = built.getContents().length() - suffix;
		int mapped;
		if (o <= prefix) {
			mapped = o;
		} else if (o >= oldEnd) {
			mapped = o - built.getContents().length() + now.getContents().length();
		} else {
			mapped = now.getContents().length() - suffix;
		}
		return now.getPosition(mapped);
	}

	public Range toNow(Range r) {
		return r == null ? null : new Range(toNow(r.getStart()), toNow(r.getEnd()));
	}
}
