package dev.mapl.dsl.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Turns the paths a user names (files or folders) into the sorted set of MAPL files they mean. */
public final class SourceFiles {

	public static final String EXTENSION = ".mapl";

	private SourceFiles() {
	}

	/** A path the user named that does not exist or is not a MAPL file. */
	public static class BadPathException extends RuntimeException {
		private static final long serialVersionUID = 1L;

		public BadPathException(String message) {
			super(message);
		}
	}

	public static List<Path> collect(List<Path> paths) {
		TreeSet<Path> out = new TreeSet<>();
		for (Path p : paths) {
			Path abs = p.toAbsolutePath().normalize();
			if (Files.isDirectory(abs)) {
				List<Path> found;
				try (Stream<Path> walk = Files.walk(abs)) {
					found = walk.filter(f -> f.toString().endsWith(EXTENSION) && Files.isRegularFile(f)).toList();
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				out.addAll(found);
				if (found.isEmpty()) {
					// most likely the wrong folder: "checked 0 files" would read as success
					throw new BadPathException("`" + p + "` holds no `" + EXTENSION + "` file");
				}
			} else if (Files.isRegularFile(abs)) {
				if (!abs.toString().endsWith(EXTENSION)) {
					throw new BadPathException("`" + p + "` is not a MAPL file (expected a `" + EXTENSION + "` file)");
				}
				out.add(abs);
			} else {
				throw new BadPathException("`" + p + "` does not exist");
			}
		}
		return new ArrayList<>(out);
	}

	/** A path as diagnostics print it: relative to the working directory when below it. */
	public static String display(Path file) {
		Path cwd = Path.of("").toAbsolutePath();
		Path abs = file.toAbsolutePath().normalize();
		Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
		return shown.toString().replace('\\', '/');
	}
}
