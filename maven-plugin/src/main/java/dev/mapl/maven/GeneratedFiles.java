package dev.mapl.maven;

import dev.mapl.output.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place the plugin writes and deletes generated files. Writing is the generator's shared
 * {@link OutputFiles#write} (whole or not at all, untouched when the content is already there, so
 * the file keeps its timestamp and javac or make see nothing to rebuild), as in the CLI.
 */
final class GeneratedFiles {

	private GeneratedFiles() {
	}

	/** Writes {@code content} to {@code file} unless it already holds it; true when it wrote. */
	static boolean write(Path file, String content) throws IOException {
		return OutputFiles.write(file, content);
	}

	/** Deletes a file this plugin generated earlier, and the folders it leaves empty up to {@code root}. */
	static boolean delete(Path file, Path root) throws IOException {
		Path target = file.toAbsolutePath().normalize();
		boolean deleted = Files.deleteIfExists(target);
		Path top = root.toAbsolutePath().normalize();
		for (Path d = target.getParent(); d != null && d.startsWith(top) && !d.equals(top); d = d.getParent()) {
			try (var entries = Files.list(d)) {
				if (entries.findAny().isPresent()) {
					break;
				}
			}
			Files.delete(d);
		}
		return deleted;
	}
}
