package dev.mapl.eclipse.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where the build put things; the paths come from the surefire configuration in the pom. */
final class Build {

	private Build() {
	}

	static Path root() {
		return path("mapl.root");
	}

	/** The built update site (target/repository of dev.mapl.eclipse.site). */
	static Path site() {
		return path("mapl.site").resolve("repository");
	}

	static Path siteZip() {
		return path("mapl.site").resolve("dev.mapl.eclipse.site-" + System.getProperty("mapl.version") + ".zip");
	}

	/** The build-only repository: the feature plus every bundle p2 says it needs, stubs included. */
	static Path platform() {
		return path("mapl.platform").resolve("plugins");
	}

	static Path work(String name) throws IOException {
		return Files.createDirectories(path("mapl.work").resolve(name));
	}

	/** The root project's version, as a dotted OSGi prefix: 0.1.0-SNAPSHOT -> "0.1.0.". */
	static String osgiVersionPrefix() throws IOException {
		String pom = Files.readString(root().resolve("pom.xml"));
		Matcher m = Pattern.compile("<artifactId>mapl-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
		if (!m.find()) {
			throw new AssertionError("no version in the root pom.xml");
		}
		return m.group(1).replace("-SNAPSHOT", "") + ".";
	}

	static List<Path> jars(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
		}
	}

	static String symbolicName(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
			return name == null ? null : name.split(";")[0].trim();
		}
	}

	private static Path path(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			throw new AssertionError("system property " + property + " is not set: run the tests through Maven");
		}
		return Path.of(value).toAbsolutePath().normalize();
	}
}
