package dev.mapl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the CLI writes: whole or not at all, and untouched when the content is the same. */
final class Output {

	private Output() {
	}

	/** Writes through a temporary file in the same folder and a rename: never a half-written file. */
	static boolean writeAtomically(Path file, String content) {
		try {
			Path target = file.toAbsolutePath().normalize();
			if (Files.isRegularFile(target) && Files.readString(target, StandardCharsets.UTF_8).equals(content)) {
				return false;
			}
			Path dir = target.getParent();
			Files.createDirectories(dir);
			Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
			try {
				Files.writeString(tmp, content, StandardCharsets.UTF_8);
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			} finally {
				Files.deleteIfExists(tmp);
			}
			return true;
		} catch (IOException e) {
			throw new UserError("cannot write `" + file + "`: " + e.getMessage());
		}
	}
}
