package dev.mapl.dsl.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input a fuzzing campaign found (src/test/resources/fuzz-findings), replayed as a regression test. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FuzzFindingsTest {

	static Stream<Path> findings() throws IOException {
		Path dir = Path.of("src", "test", "resources", "fuzz-findings");
		return Files.isDirectory(dir) ? Files.list(dir).filter(f -> f.toString().endsWith(".mapl")).sorted() : Stream.of();
	}

	@ParameterizedTest
	@MethodSource("findings")
	void replays(Path finding) throws IOException {
		String text = Files.readString(finding);
		if (finding.getFileName().toString().startsWith("formatter-")) {
			MaplFuzzTest.checkFormatter(text);
		} else {
			MaplFuzzTest.checkFrontEnd(text);
		}
	}
}
