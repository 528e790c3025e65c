package dev.mapl.maven;

import dev.mapl.dsl.compile.SourceFiles;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MAPL files of one source folder that the {@code includes} and {@code excludes} patterns
 * select, sorted. Patterns are Ant-style as in every Maven plugin ({@code **}{@code /*.mapl},
 * {@code legacy/**}), relative to the folder, with {@code /} as separator.
 */
final class SourceSet {

	static final List<String> DEFAULT_INCLUDES = List.of("**/*" + SourceFiles.EXTENSION);

	private SourceSet() {
	}

	static List<Path> scan(Path directory, List<String> includes, List<String> excludes) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<PathMatcher> in = matchers(includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : includes);
		List<PathMatcher> out = matchers(excludes == null ? List.of() : excludes);
		Path root = directory.toAbsolutePath().normalize();
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(SourceFiles.EXTENSION)).forEach(f -> {
				Path rel = root.relativize(f);
				if (matches(in, rel) && !matches(out, rel)) {
					files.add(f);
				}
			});
		}
		files.sort(null);
		return files;
	}

	private static boolean matches(List<PathMatcher> matchers, Path relative) {
		return matchers.stream().anyMatch(m -> m.matches(relative));
	}

	/** Ant's {@code **}{@code /} also matches no folder at all, which a plain glob does not. */
	private static List<PathMatcher> matchers(List<String> patterns) {
		FileSystem fs = FileSystems.getDefault();
		List<PathMatcher> out = new ArrayList<>();
		for (String p : patterns) {
			String glob = p.replace('\\', '/');
			if (glob.endsWith("/")) {
				glob = glob + "**";
			}
			out.add(fs.getPathMatcher("glob:" + glob));
			while (glob.startsWith("**/")) {
				glob = glob.substring(3);
				out.add(fs.getPathMatcher("glob:" + glob));
			}
			if (glob.endsWith("/**")) {
				out.add(fs.getPathMatcher("glob:" + glob.substring(0, glob.length() - 3)));
			}
		}
		return out;
	}
}
