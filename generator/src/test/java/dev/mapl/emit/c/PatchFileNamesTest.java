package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A series' file names are git's in every locale, not only in those that write ASCII digits. */
class PatchFileNamesTest {

	private final Locale before = Locale.getDefault();

	@AfterEach
	void restore() {
		Locale.setDefault(before);
	}

	@Test
	void asciiDigitsInALocaleThatWritesOthers() {
		Locale.setDefault(Locale.forLanguageTag("ar-EG")); // %d writes Arabic-Indic digits there
		assertEquals("0001-add-a-header.patch", PatchSeries.fileName(PatchSeries.Options.DEFAULT, 1, "add-a-header"));
		assertEquals("v2-0012-x.patch",
				PatchSeries.fileName(new PatchSeries.Options("PATCH", false, 2, false), 12, "x"));
	}
}
