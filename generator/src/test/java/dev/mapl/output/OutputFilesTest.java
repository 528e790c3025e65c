package dev.mapl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputFilesTest {

	@TempDir
	Path dir;

	@Test
	void aNewFileGetsTheModeTheUmaskGives() throws IOException {
		Path touched = Files.createFile(dir.resolve("touched"));
		Path written = dir.resolve("sub/written.h");
		assertTrue(OutputFiles.write(written, "x\n"));
		assertEquals("x\n", Files.readString(written));
		assertEquals(Files.getPosixFilePermissions(touched), Files.getPosixFilePermissions(written));
		assertEquals(List.of(), leftovers(dir.resolve("sub")));
	}

	@ParameterizedTest
	@ValueSource(strings = {"rw-r--r--", "rwxr-xr-x", "rw-r-----", "rw-------"})
	void aRewrittenFileKeepsItsMode(String mode) throws IOException {
		Path f = Files.writeString(dir.resolve("mmu.c"), "old\n");
		Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
		assertTrue(OutputFiles.write(f, "new\n"));
		assertEquals("new\n", Files.readString(f));
		assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
		assertEquals(List.of(), leftovers(dir));
	}

	@Test
	void theSameContentTouchesNothing() throws IOException {
		Path f = Files.writeString(dir.resolve("a.h"), "same\n");
		FileTime old = FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(f, old);
		Object inode = Files.getAttribute(f, "unix:ino");
		assertFalse(OutputFiles.write(f, "same\n".getBytes(StandardCharsets.UTF_8)));
		assertEquals(old, Files.getLastModifiedTime(f));
		assertEquals(inode, Files.getAttribute(f, "unix:ino"));
	}

	@Test
	void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
		Path real = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("p.mapl"), "old\n");
		Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
		Path link = Files.createSymbolicLink(dir.resolve("link.mapl"), Path.of("real/p.mapl"));
		assertTrue(OutputFiles.write(link, "new\n"));
		assertTrue(Files.isSymbolicLink(link));
		assertEquals("new\n", Files.readString(real));
		assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
		assertFalse(OutputFiles.write(link, "new\n"));
	}

	@Test
	void aDanglingLinkCreatesItsTarget() throws IOException {
		Path link = Files.createSymbolicLink(dir.resolve("link.h"), Path.of("made.h"));
		assertTrue(OutputFiles.write(link, "x\n"));
		assertTrue(Files.isSymbolicLink(link));
		assertEquals("x\n", Files.readString(dir.resolve("made.h")));
	}

	@Test
	void hardLinksStayLinked() throws IOException {
		Path a = Files.writeString(dir.resolve("a.mapl"), "old\n");
		Path b = Files.createLink(dir.resolve("b.mapl"), a);
		assertTrue(OutputFiles.write(a, "new, and longer\n"));
		assertEquals("new, and longer\n", Files.readString(b));
		assertTrue(OutputFiles.write(b, "short\n"));
		assertEquals("short\n", Files.readString(a));
		assertEquals(2, Files.getAttribute(a, "unix:nlink"));
	}

	@Test
	void aFolderIsNotOverwritten() throws IOException {
		Path d = Files.createDirectories(dir.resolve("include"));
		IOException e = assertThrows(IOException.class, () -> OutputFiles.write(d, "x"));
		assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
	}

	@Test
	void anUnwritableFolderIsAnErrorAndLeavesTheFileAlone() throws IOException {
		if ("root".equals(System.getProperty("user.name"))) {
			return; // root writes anywhere
		}
		Path ro = Files.createDirectories(dir.resolve("ro"));
		Path f = Files.writeString(ro.resolve("a.h"), "old\n");
		Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
		try {
			IOException e = assertThrows(IOException.class, () -> OutputFiles.write(f, "new\n"));
			assertTrue(e.getMessage().startsWith("cannot write `"), e.getMessage());
			assertEquals("old\n", Files.readString(f));
		} finally {
			Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
		}
	}

	// ---- output folders

	@ParameterizedTest
	@ValueSource(strings = {"", ".", "..", "include/", "/etc/passwd", "../x.h", "a/../../x.h", "a/./b.h", "a//b.h",
			"a\nb.h", "a\u0000b.h", "a\\b.h", "C:x.h"})
	void onlyPlainRelativeNamesAreAccepted(String name) {
		assertTrue(OutputFiles.relativePathProblem(name).isPresent(), name);
		assertThrows(OutputFiles.UnsafePathException.class, () -> OutputFiles.resolveInside(dir, name));
	}

	@Test
	void theMessageSaysWhatIsWrong() {
		assertEquals("the file name `../x.h` climbs out of the output folder with `..`",
				OutputFiles.relativePathProblem("../x.h").get());
		assertEquals("the file name `/x.h` is absolute; give it relative to the output folder",
				OutputFiles.relativePathProblem("/x.h").get());
		assertEquals("the file name `a\\u000ab.h` contains the control character U+000A",
				OutputFiles.relativePathProblem("a\nb.h").get());
	}

	@Test
	void aPlainNameResolvesBelowTheFolder() throws IOException {
		assertEquals(dir.resolve("arch/arm64/kvm/stage2_memtype.h"),
				OutputFiles.resolveInside(dir, "arch/arm64/kvm/stage2_memtype.h"));
		assertEquals(dir.resolve("missing/x.h"), OutputFiles.resolveInside(dir.resolve("missing"), "x.h"));
	}

	@Test
	void aLinkedFolderThatLeadsOutIsRefused(@TempDir Path elsewhere) throws IOException {
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.createSymbolicLink(out.resolve("arch"), elsewhere);
		OutputFiles.UnsafePathException e = assertThrows(OutputFiles.UnsafePathException.class,
				() -> OutputFiles.resolveInside(out, "arch/x.h"));
		assertTrue(e.getMessage().contains("through the symbolic link `arch`"), e.getMessage());
	}

	@Test
	void aLinkedFileThatLeadsOutIsRefused(@TempDir Path elsewhere) throws IOException {
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.createSymbolicLink(out.resolve("x.h"), elsewhere.resolve("x.h"));
		assertThrows(OutputFiles.UnsafePathException.class, () -> OutputFiles.resolveInside(out, "x.h"));
	}

	@Test
	void linksThatStayInsideAreFine() throws IOException {
		Path out = Files.createDirectories(dir.resolve("out"));
		Files.createDirectories(out.resolve("real"));
		Files.createSymbolicLink(out.resolve("arch"), Path.of("real"));
		assertEquals(out.resolve("arch/x.h"), OutputFiles.resolveInside(out, "arch/x.h"));
	}

	@Test
	void anOutputFolderThatIsItselfALinkIsFine(@TempDir Path elsewhere) throws IOException {
		Path out = Files.createSymbolicLink(dir.resolve("linux"), elsewhere);
		assertEquals(out.resolve("x.h"), OutputFiles.resolveInside(out, "x.h"));
	}

	private static List<Path> leftovers(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
		}
	}
}
