package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar holds no class file older than Java 6 (major version 50): the class-data
 * archive the launcher makes skips such classes and every class derived from them. The package
 * phase rewrites them (build-tools/UpgradeClassFiles.java); the rewritten classes run in
 * LauncherIT.
 */
class ClassFileVersionsIT {

	/** log4j 1.2 appenders for JMS and mail, whose libraries are not in the jar; `check` never loads them. */
	static final List<String> LEFT_AS_THEY_WERE = List.of("org/apache/log4j/net/JMSAppender.class",
			"org/apache/log4j/net/JMSSink.class", "org/apache/log4j/net/SMTPAppender.class");

	@Test
	void noClassFileOlderThanJava6() throws IOException {
		List<String> old = new ArrayList<>();
		int classes = 0;
		try (ZipFile jar = new ZipFile(Path.of("target/mapl.jar").toFile())) {
			for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements();) {
				ZipEntry entry = e.nextElement();
				if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
					continue;
				}
				classes++;
				try (InputStream in = jar.getInputStream(entry)) {
					byte[] header = in.readNBytes(8);
					int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
					if (major < 50) {
						old.add(entry.getName());
					}
				}
			}
		}
		assertTrue(classes > 5000, "the shaded jar: " + classes + " classes");
		assertEquals(LEFT_AS_THEY_WERE, old.stream().sorted().toList());
	}
}
