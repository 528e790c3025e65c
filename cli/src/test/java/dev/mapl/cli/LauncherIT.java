package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mapl} launcher's fast path, run for real on the packaged jar (failsafe, after
 * {@code package}): the class-data archive it makes on first use changes nothing a user sees, and
 * an archive the JVM cannot use (here: garbage under the right name) is ignored silently.
 *
 * <p>Each test runs in a copy of the repository's launcher, jar and kernel example, so the
 * archives it makes and breaks are its own.
 */
class LauncherIT {

	static final Path MODULE = Path.of("").toAbsolutePath();
	static final Path REPO = MODULE.getParent();
	static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
	/** A Java 25 for the AOT cache; the test of it is skipped where there is none. */
	static final Path JAVA_25 = Path.of(System.getenv().getOrDefault("MAPL_TEST_JAVA25",
			"/usr/lib/jvm/temurin-25-jdk-amd64")).resolve("bin/java");

	@TempDir
	Path temp;

	/**
	 * Where each test's copy of the repository goes: a folder whose name has the characters of a
	 * `find -path` pattern, which the launcher uses on its own paths (they must still find the
	 * archive, and the staleness check still work).
	 */
	Path root;

	@BeforeEach
	void inAFolderWithPatternCharacters() throws IOException {
		root = Files.createDirectories(temp.resolve("repo [1]*?"));
	}

	record Run(int code, String out, String err) {
	}

	/** A repository as the launcher sees it: sources older than the jar, so it builds nothing. */
	void copyRepository() throws IOException {
		FileTime old = FileTime.fromMillis(0);
		for (String dir : List.of("generator", "dsl", "cli/target")) {
			Files.createDirectories(root.resolve(dir));
		}
		Files.writeString(root.resolve("pom.xml"), "<project/>");
		Files.setLastModifiedTime(root.resolve("pom.xml"), old);
		Files.copy(REPO.resolve("mapl"), root.resolve("mapl"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.copy(MODULE.resolve("target/mapl.jar"), root.resolve("cli/target/mapl.jar"));
		Path examples = Files.createDirectories(root.resolve("examples/kvm-arm64"));
		try (Stream<Path> files = Files.list(REPO.resolve("examples/kvm-arm64"))) {
			for (Path f : (Iterable<Path>) files::iterator) {
				if (f.toString().endsWith(".mapl")) {
					Files.copy(f, examples.resolve(f.getFileName()));
				}
			}
		}
		Path bad = Files.createDirectories(root.resolve("bad"));
		Files.writeString(bad.resolve("p.mapl"), "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    B -> Q\n}\n");
	}

	Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(root.resolve("mapl").toString()));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
		pb.environment().remove("JAVA_HOME");
		pb.environment().remove("MAPL_JAVA_OPTS");
		pb.environment().putAll(env);
		Path out = Files.createTempFile("mapl-out", ".txt");
		Path err = Files.createTempFile("mapl-err", ".txt");
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the launcher hung");
		Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
		Files.delete(out);
		Files.delete(err);
		return r;
	}

	List<Path> archives() throws IOException {
		try (Stream<Path> files = Files.list(root.resolve("cli/target"))) {
			return files.filter(f -> f.getFileName().toString().matches("mapl-.*\\.(jsa|aot)")).toList();
		}
	}

	/** Each of the commands below, with and without the archive: the same exit code and bytes. */
	void sameWithAndWithoutArchive(Path java, String kind) throws IOException, InterruptedException {
		copyRepository();
		Map<String, String> withArchive = Map.of("MAPL_JAVA", java.toString());
		Map<String, String> without = Map.of("MAPL_JAVA", java.toString(), "MAPL_ARCHIVE", "0");

		Run first = launch(withArchive, "check", "examples/kvm-arm64/v6_17.mapl");
		assertTrue(first.err().startsWith("mapl: preparing a class-data archive"), first.err());
		List<Path> made = archives();
		assertEquals(1, made.size(), "one archive: " + made);
		assertTrue(made.get(0).toString().endsWith("." + kind), made.toString());
		assertTrue(Files.size(made.get(0)) > 1_000_000, "an archive of the classes a check loads");

		// It holds the classes of pre-Java-6 class files too (EMF, picocli; rewritten at package time)
		// and the MAPL model classes derived from them.
		Run loads = launch(Map.of("MAPL_JAVA", java.toString(), "MAPL_JAVA_OPTS", "-Xlog:class+load=info"),
				"check", "examples/kvm-arm64/v6_17.mapl");
		for (String c : List.of("org.eclipse.emf.ecore.impl.MinimalEObjectImpl", "picocli.CommandLine",
				"org.antlr.runtime.Lexer", "dev.mapl.dsl.mapl.impl.FactImpl")) {
			assertTrue(loads.out().contains("] " + c + " source: shared objects file"), c + " is not in the archive");
		}
		// Java 25 does not replay the training run's compilations (the launcher's comment says why)
		if (kind.equals("aot")) {
			Run flags = launch(Map.of("MAPL_JAVA", java.toString(), "MAPL_JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
					"--version");
			boolean java25 = Files.readString(java.getParent().getParent().resolve("release")).contains("JAVA_VERSION=\"25");
			assertEquals(java25, flags.out().contains("-XX:-AOTReplayTraining"), flags.out());
		}
		// log4j is set up in code (Logging): reading a log4j.properties takes java.beans' Introspector;
		// EMF's reference-clearing thread is switched off (Main)
		for (String c : List.of("org.apache.log4j.PropertyConfigurator", "java.beans.Introspector",
				"org.eclipse.emf.common.util.CommonUtil$1ReferenceClearingQueuePollingThread")) {
			assertFalse(loads.out().contains("] " + c + " "), c + " was loaded");
		}

		List<String[]> commands = List.of(new String[] {"check", "examples/kvm-arm64/v6_17.mapl"},
				new String[] {"check", "--format", "json", "examples/kvm-arm64/v6_17.mapl"},
				new String[] {"check", "bad/p.mapl"},
				new String[] {"table", "examples/kvm-arm64/v6_17.mapl", "--policy", "stage2"},
				new String[] {"fmt", "--check", "examples/kvm-arm64"});
		for (String[] args : commands) {
			Run fast = launch(withArchive, args);
			Run plain = launch(without, args);
			assertEquals(plain, fast, String.join(" ", args));
			if (!args[0].equals("fmt")) { // `fmt --check` of clean files is silent
				assertFalse(fast.out().isEmpty() && fast.err().isEmpty(), "no output at all from " + String.join(" ", args));
			}
		}
		assertEquals(1, launch(withArchive, "check", "bad/p.mapl").code(), "an error still fails the check");
		assertEquals(made, archives(), "the archive is made once");

		// An archive the JVM cannot map is ignored without a word, and not made again.
		Files.write(made.get(0), new byte[4096]);
		String[] json = commands.get(1);
		assertEquals(launch(without, json), launch(withArchive, json));
		assertEquals(4096, Files.size(made.get(0)));

		// A new jar (a rebuild) gets its own archive; the old one goes.
		Files.setLastModifiedTime(root.resolve("cli/target/mapl.jar"), FileTime.fromMillis(System.currentTimeMillis() + 1000));
		Run rebuilt = launch(withArchive, json);
		assertTrue(rebuilt.err().startsWith("mapl: preparing a class-data archive"), rebuilt.err());
		assertEquals(launch(without, json).out(), rebuilt.out());
		assertEquals(1, archives().size());
		assertFalse(archives().contains(made.get(0)), "the old archive was removed");
	}

	/**
	 * In a folder without pattern characters: Java 17's dynamic archive maps but serves no class of a
	 * jar whose path has a space, `[` or `?` (measured with 17.0.15; Java 25's AOT cache serves them).
	 */
	@Test
	void dynamicArchiveOnThisJava() throws Exception {
		assumeTrue(Runtime.version().feature() < 25, "the build's Java is 25 or newer: the AOT test covers it");
		root = Files.createDirectories(temp.resolve("repo"));
		sameWithAndWithoutArchive(JAVA, "jsa");
	}

	/**
	 * Without MAPL_JAVA the CLI runs on a Java 25 or newer found in JAVA_HOME or the JDK folder
	 * (MAPL_JVM_DIR stands in for /usr/lib/jvm), even when JAVA_HOME names an older one; with none
	 * there, on JAVA_HOME's; MAPL_JAVA always wins.
	 */
	@Test
	void prefersAJava25WhenOneIsInstalled() throws Exception {
		assumeTrue(Files.isExecutable(JAVA_25), "no Java 25 at " + JAVA_25);
		assumeTrue(Runtime.version().feature() < 25, "the build's Java is 25 or newer already");
		copyRepository();
		Path home = JAVA.getParent().getParent();
		Path jvms = Files.createDirectories(root.resolve("jvm"));
		Files.createSymbolicLink(jvms.resolve("jdk-old"), home);
		Map<String, String> env = Map.of("JAVA_HOME", home.toString(), "MAPL_JVM_DIR", jvms.toString(),
				"MAPL_ARCHIVE", "0", "MAPL_JAVA_OPTS", "-XshowSettings:properties");
		String[] check = {"check", "examples/kvm-arm64/v6_17.mapl"};
		assertTrue(launch(env, check).err().contains("java.home = " + home.toRealPath()), "only an older Java: JAVA_HOME's");

		Files.createSymbolicLink(jvms.resolve("jdk-25"), JAVA_25.getParent().getParent());
		Run on25 = launch(env, check);
		assertEquals(0, on25.code(), on25.err());
		assertTrue(on25.err().contains("java.specification.version = 25"), "a Java 25 is preferred: " + on25.err());

		Map<String, String> chosen = new java.util.HashMap<>(env);
		chosen.put("MAPL_JAVA", JAVA.toString());
		assertTrue(launch(chosen, check).err().contains("java.home = " + home.toRealPath()), "MAPL_JAVA wins");
	}

	/**
	 * The heap gets transparent huge pages where the kernel's setting offers them ("always" or
	 * "madvise"), and the JVM is not asked for them where it does not ("never", or no setting at
	 * all), which would make it print a warning.
	 */
	@Test
	void hugePagesOnlyWhereTheKernelOffersThem() throws Exception {
		copyRepository();
		String flag = "-XX:+UseTransparentHugePages";
		Map<String, Boolean> settings = Map.of("always [madvise] never", true, "[always] madvise never", true,
				"always madvise [never]", false);
		int n = 0;
		for (var setting : settings.entrySet()) {
			Path file = Files.writeString(root.resolve("thp-setting-" + n++), setting.getKey() + "\n");
			Run r = launchShowingFlags(file);
			assertEquals(0, r.code(), r.err());
			assertEquals(setting.getValue(), r.out().contains(flag), setting.getKey() + ": " + r.out());
			assertTrue(r.out().contains("mapl 0.1.0"), r.out());
		}
		Run none = launchShowingFlags(root.resolve("no-such-setting"));
		assertEquals(0, none.code(), none.err());
		assertFalse(none.out().contains(flag), none.out());
	}

	/**
	 * The CLI's start-up properties: reflective calls through the JVM's native accessor, and the
	 * JDK's root locale data instead of CLDR's.
	 */
	@Test
	void startUpProperties() throws Exception {
		copyRepository();
		Run r = launch(Map.of("MAPL_JAVA", JAVA.toString(), "MAPL_ARCHIVE", "0", "MAPL_JAVA_OPTS",
				"-XshowSettings:properties"), "--version");
		assertEquals(0, r.code(), r.err());
		assertTrue((r.out() + r.err()).contains("jdk.reflect.useNativeAccessorOnly = true"), r.out() + r.err());
		assertTrue((r.out() + r.err()).contains("java.locale.providers = SPI"), r.out() + r.err());
	}

	/**
	 * The launcher rebuilds the CLI when a source that goes into the jar is newer than the jar, and
	 * not for a newer test source (here `./mvnw` only records that it was asked).
	 */
	@Test
	void rebuildsForMainSourcesNotForTestSources() throws Exception {
		rebuildsForMainSourcesOnly(Map.of());
	}

	/**
	 * The same with a `find` that has no `-printf` (as BSD's and macOS's have not; here GNU find
	 * behind a script that refuses it): the launcher still sees a newer source.
	 */
	@Test
	void rebuildsWithAFindWithoutPrintf() throws Exception {
		Path bin = Files.createDirectories(temp.resolve("bin"));
		Path find = Files.writeString(bin.resolve("find"), "#!/bin/sh\nfor a in \"$@\"; do\n"
				+ "  [ \"$a\" = -printf ] && { echo \"find: -printf: unknown primary or operator\" >&2; exit 1; }\n"
				+ "done\nexec /usr/bin/find \"$@\"\n");
		assertTrue(find.toFile().setExecutable(true));
		rebuildsForMainSourcesOnly(Map.of("PATH", bin + ":" + System.getenv("PATH")));
	}

	void rebuildsForMainSourcesOnly(Map<String, String> extraEnv) throws Exception {
		copyRepository();
		Path built = root.resolve("built");
		Path mvnw = Files.writeString(root.resolve("mvnw"), "#!/bin/sh\necho \"$@\" >> '" + built + "'\n");
		assertTrue(mvnw.toFile().setExecutable(true));
		long now = System.currentTimeMillis();
		Files.setLastModifiedTime(root.resolve("cli/target/mapl.jar"), FileTime.fromMillis(now - 60_000));
		Map<String, String> env = new java.util.HashMap<>(extraEnv);
		env.putAll(Map.of("MAPL_JAVA", JAVA.toString(), "MAPL_ARCHIVE", "0"));

		Path test = Files.createDirectories(root.resolve("dsl/src/test/java")).resolve("SomeTest.java");
		Files.writeString(test, "class SomeTest {}\n");
		Run quiet = launch(env, "--version");
		assertEquals(0, quiet.code(), quiet.err());
		assertFalse(quiet.err().contains("building"), quiet.err());
		assertFalse(Files.exists(built), "a test source rebuilt the CLI");

		Path main = Files.createDirectories(root.resolve("dsl/src/main/java")).resolve("Some.java");
		Files.writeString(main, "class Some {}\n");
		Run rebuilt = launch(env, "--version");
		assertEquals(0, rebuilt.code(), rebuilt.err());
		assertTrue(rebuilt.err().startsWith("mapl: building the CLI"), rebuilt.err());
		assertTrue(Files.readString(built).contains("-pl cli -am package"), Files.readString(built));
	}

	/** `mapl --version` with the JVM printing its command-line flags first, on this test's Java. */
	Run launchShowingFlags(Path thpSetting) throws IOException, InterruptedException {
		return launch(Map.of("MAPL_THP_FILE", thpSetting.toString(), "MAPL_JAVA", JAVA.toString(), "MAPL_ARCHIVE", "0",
				"MAPL_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");
	}

	@Test
	void aotCacheOnJava25() throws Exception {
		assumeTrue(Files.isExecutable(JAVA_25), "no Java 25 at " + JAVA_25);
		sameWithAndWithoutArchive(JAVA_25, "aot");
	}
}
