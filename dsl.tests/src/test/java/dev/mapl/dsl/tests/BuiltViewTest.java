package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.ide.server.BuiltView;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Test;

/** Positions between the text of the last build and the editor's newer text (hover, completion, definition). */
class BuiltViewTest {

	static final String BUILT = "facts {\n    a\n    b\n}\npolicy p first {\n    a -> X\n}\n";

	@Test
	void sameTextMapsEveryPositionToItself() {
		BuiltView v = BuiltView.between(BUILT, new Document(2, BUILT));
		assertTrue(v.current());
		assertEquals(new Position(5, 4), v.toBuilt(new Position(5, 4)));
	}

	@Test
	void aLineInsertedAboveMovesLaterPositionsDown() {
		String now = "// new\n" + BUILT;
		BuiltView v = BuiltView.between(BUILT, new Document(2, now));
		assertEquals(new Position(5, 4), v.toBuilt(new Position(6, 4)), "`a` in the rule");
		assertEquals(new Range(new Position(6, 4), new Position(6, 5)), v.toNow(new Range(new Position(5, 4), new Position(5, 5))));
		assertEquals(BUILT, v.built().getContents());
	}

	@Test
	void aPositionInsideTheTypedRegionHasNoCounterpart() {
		String now = BUILT.replace("a -> X", "abc -> X");
		BuiltView v = BuiltView.between(BUILT, new Document(2, now));
		assertNull(v.toBuilt(new Position(5, 5)), "inside `abc`, typed since the build");
		assertEquals(new Position(5, 4), v.toBuilt(new Position(5, 4)), "before it");
		assertEquals(new Position(5, 7), v.toBuilt(new Position(5, 9)), "`->` after it");
		assertEquals(new Position(1, 4), v.toBuilt(new Position(1, 4)), "lines above");
	}

	@Test
	void deletedTextShiftsPositionsBack() {
		String now = BUILT.replace("    b\n", "");
		BuiltView v = BuiltView.between(BUILT, new Document(2, now));
		assertEquals(new Position(5, 4), v.toBuilt(new Position(4, 4)));
		assertEquals(new Position(4, 4), v.toNow(new Position(5, 4)));
	}
}
