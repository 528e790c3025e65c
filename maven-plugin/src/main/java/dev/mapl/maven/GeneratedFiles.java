package dev.mapl.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one place the plugin writes generated files: whole or not at all (a temporary file in the
 * same folder, then a rename), and not at all when the content is already there, so the file keeps
 * its timestamp and javac or make see nothing to rebuild. To be replaced by the generator's shared
 * {@code dev.mapl.output.OutputFiles} once that exists.
 */
final class GeneratedFiles {

	private GeneratedFiles() {
	}

	/** Writes {@code content} to {@code file} unless it already holds it; true when it wrote. */
	static boolean write(Path file, String content) throws IOException {
		Path target = file.toAbsolutePath().normalize();
		byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
		if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
			return false;
		}
		Path dir = target.getParent();
		Files.createDirectories(dir);
		Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
		try {
			Files.write(tmp, bytes);
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(tmp);
		}
		return true;
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
