package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mapl lsp}, the launch command the README gives editors, run for real on the packaged
 * server jar: it answers {@code initialize} on stdout with nothing else there, maps the class-data
 * archive that {@code mapl lsp --prepare} (or a first start, in the background) trained with
 * {@code ArchiveTraining}, and ignores an archive the JVM cannot use. Each test runs in a copy of
 * the launcher and the jar, so the archives it makes and breaks are its own.
 */
class LanguageServerLaunchTest {

	static final Path REPO = Path.of("..").toAbsolutePath().normalize();
	static final String EARLY_START = "dev.mapl.dsl.ide.server.EarlyStart";

	@TempDir
	Path root;

	/** A repository as the launcher sees it: sources older than the jar, so it builds nothing. */
	void copyRepository() throws IOException {
		for (String dir : List.of("generator", "dsl", "dsl.ide/target")) {
			Files.createDirectories(root.resolve(dir));
		}
		Files.writeString(root.resolve("pom.xml"), "<project/>");
		Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.fromMillis(0));
		Files.copy(REPO.resolve("mapl"), root.resolve("mapl"), StandardCopyOption.COPY_ATTRIBUTES);
		Path jar = REPO.resolve("dsl.ide/target/mapl-language-server.jar");
		assertTrue(Files.isRegularFile(jar), "build the server first: " + jar);
		Files.copy(jar, root.resolve("dsl.ide/target/mapl-language-server.jar"));
	}

	List<Path> archives() throws IOException {
		try (Stream<Path> files = Files.list(root.resolve("dsl.ide/target"))) {
			return files.filter(f -> f.getFileName().toString().startsWith("mapl-language-server-")).sorted().toList();
		}
	}

	ProcessBuilder launcher(Map<String, String> env, String... args) {
		List<String> command = new ArrayList<>(List.of(root.resolve("mapl").toString(), "lsp"));
		command.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
		pb.environment().remove("MAPL_JAVA_OPTS");
		pb.environment().remove("MAPL_ARCHIVE");
		pb.environment().putAll(env);
		return pb;
	}

	void prepare() throws Exception {
		Process p = launcher(Map.of(), "--prepare").redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "mapl lsp --prepare hung");
		assertEquals(0, p.exitValue(), out);
		List<Path> made = archives();
		assertEquals(1, made.size(), "one archive: " + made);
		assertTrue(made.get(0).toString().endsWith(".jsa"), made.toString());
	}

	/** The launcher's name for archives of this jar: size, time and inode, as `stat -c %s-%Y-%i` prints them. */
	String jarKey() throws IOException {
		Path jar = root.resolve("dsl.ide/target/mapl-language-server.jar");
		return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() / 1000 + "-" + Files.getAttribute(jar, "unix:ino");
	}

	/** Starts the server, asks {@code initialize}, returns what stdout carried; then shuts it down. */
	String initialize(Map<String, String> env) throws Exception {
		Process p = launcher(env).redirectError(root.resolve("stderr.txt").toFile()).start();
		try {
			OutputStream in = p.getOutputStream();
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}}");
			String answer = receive(p.getInputStream());
			send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
			send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\",\"params\":null}");
			String shutdown = receive(p.getInputStream());
			assertTrue(shutdown.contains("\"id\":2"), shutdown);
			send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\",\"params\":null}");
			assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not exit");
			// nothing but protocol on stdout
			assertEquals("", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			return answer;
		} finally {
			p.destroyForcibly();
		}
	}

	static void send(OutputStream out, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	/** One framed message; fails on anything that is not a Content-Length header. */
	static String receive(InputStream in) throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			assertTrue(b >= 0, "stdout ended; read: " + header);
			header.write(b);
		}
		String h = header.toString(StandardCharsets.US_ASCII);
		assertTrue(h.startsWith("Content-Length: "), "stdout must carry only the protocol, got: " + h);
		int length = Integer.parseInt(h.substring("Content-Length: ".length(), h.indexOf('\r')));
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	List<String> loadedFrom(Path classLog, String className) throws IOException {
		return Files.readAllLines(classLog).stream().filter(l -> l.contains("] " + className + " source:")).toList();
	}

	@Test
	void preparedServerMapsItsArchive() throws Exception {
		copyRepository();
		// an older build's archive goes; another Java's archive of this jar stays (another editor may use it)
		Path target = root.resolve("dsl.ide/target");
		Path older = Files.writeString(target.resolve("mapl-language-server-1-2-3-17-4.jsa"), "older build");
		Path otherJava = Files.writeString(target.resolve("mapl-language-server-" + jarKey() + "-99-4.jsa"), "another Java");
		Process p = launcher(Map.of(), "--prepare").redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "mapl lsp --prepare hung");
		assertEquals(0, p.exitValue(), out);
		assertFalse(Files.exists(older), "the older build's archive is removed");
		assertTrue(Files.exists(otherJava), "another Java's archive of this jar stays");
		Files.delete(otherJava);
		assertEquals(1, archives().size(), archives().toString());
		Path classLog = root.resolve("classes.txt");
		String answer = initialize(Map.of("MAPL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog));
		assertTrue(answer.contains("\"id\":1") && answer.contains("\"capabilities\""), answer);
		List<String> early = loadedFrom(classLog, EARLY_START);
		assertEquals(1, early.size(), early.toString());
		assertTrue(early.get(0).endsWith("source: shared objects file (top)"), "not from the archive: " + early);
		String stderr = Files.readString(root.resolve("stderr.txt"));
		assertTrue(!stderr.contains("warning"), stderr);
	}

	@Test
	void firstStartAnswersWithoutAnArchiveAndTrainsOneInTheBackground() throws Exception {
		copyRepository();
		Path classLog = root.resolve("classes.txt");
		String answer = initialize(Map.of("MAPL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog));
		assertTrue(answer.contains("\"capabilities\""), answer);
		assertTrue(loadedFrom(classLog, EARLY_START).get(0).contains("source: file:"), "the first start has no archive yet");
		// the detached training run renames its archive into place when it went through
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (archives().stream().noneMatch(f -> f.toString().endsWith(".jsa")) && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		while (archives().stream().anyMatch(f -> f.toString().endsWith(".tmp")) && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		List<Path> made = archives();
		assertEquals(1, made.size(), "one archive, no temporary or failed file: " + made);
		assertTrue(made.get(0).toString().endsWith(".jsa"), made.toString());
		Files.delete(classLog);
		initialize(Map.of("MAPL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog));
		assertTrue(loadedFrom(classLog, EARLY_START).get(0).endsWith("source: shared objects file (top)"),
				"the second start maps the archive the first one trained");
	}

	@Test
	void anArchiveTheJvmCannotUseIsIgnored() throws Exception {
		copyRepository();
		prepare();
		Path archive = archives().get(0);
		archive.toFile().setWritable(true);
		Files.write(archive, new byte[] { 'n', 'o', 't', ' ', 'a', 'n', ' ', 'a', 'r', 'c', 'h', 'i', 'v', 'e' });
		String answer = initialize(Map.of());
		assertTrue(answer.contains("\"capabilities\""), answer);
		String stderr = Files.readString(root.resolve("stderr.txt"));
		assertTrue(!stderr.contains("warning") && !stderr.contains("archive"), stderr);
	}
}
