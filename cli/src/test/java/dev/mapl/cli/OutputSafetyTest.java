package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the CLI does to files: it writes them whole, only when they change, keeps their mode and
 * their links, stays inside the output folder, and never writes a file it could not read.
 */
class OutputSafetyTest {

	static final Path REPO = Path.of("").toAbsolutePath().getParent();
	static final Path QUICKSTART = REPO.resolve("examples/quickstart/stage2.mapl");

	@TempDir
	Path dir;

	static MaplRun mapl(String... args) {
		return MaplRun.of(args);
	}

	private Path write(String name, String text) throws IOException {
		Path p = dir.resolve(name);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text);
		return p;
	}

	private String unformatted() throws IOException {
		return Files.readString(QUICKSTART).replace("ram: prot in {", "ram:prot   in{");
	}

	private String mode(Path p) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
	}

	/** The mode a new file gets under this process's umask. */
	private String umaskMode() throws IOException {
		Path touched = Files.createFile(dir.resolve("touched-" + System.nanoTime()));
		String m = mode(touched);
		Files.delete(touched);
		return m;
	}

	private static List<Path> tempFiles(Path folder) throws IOException {
		try (Stream<Path> s = Files.walk(folder)) {
			return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	// ---- 20.6: modes and links

	@ParameterizedTest
	@ValueSource(strings = {"rw-r--r--", "rwxr-x---"})
	void fmtKeepsTheModeOfTheFile(String mode) throws IOException {
		Path f = write("m/p.mapl", unformatted());
		Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
		assertEquals(0, mapl("fmt", f.toString()).code());
		assertEquals(Files.readString(QUICKSTART), Files.readString(f));
		assertEquals(mode, mode(f));
		assertEquals(List.of(), tempFiles(dir));
	}

	@Test
	void compileAndExportGiveNewFilesTheUmaskMode() throws IOException {
		MaplRun java = mapl("compile", QUICKSTART.toString(), "--java-out", dir.resolve("java").toString());
		assertEquals(0, java.code(), java.err());
		assertEquals(umaskMode(), mode(dir.resolve("java/Stage2.java")));
		Path dmn = dir.resolve("out/stage2.dmn");
		MaplRun export = mapl("export", "--dmn", QUICKSTART.toString(), "-o", dmn.toString());
		assertEquals(0, export.code(), export.err());
		assertEquals(umaskMode(), mode(dmn));
	}

	@Test
	void fmtThroughASymbolicLinkFormatsTheTargetAndKeepsTheLink() throws IOException {
		Path real = write("real/p.mapl", unformatted());
		Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("links")).resolve("p.mapl"),
				real);
		assertEquals(0, mapl("fmt", link.toString()).code());
		assertTrue(Files.isSymbolicLink(link));
		assertEquals(Files.readString(QUICKSTART), Files.readString(real));
	}

	@Test
	void fmtKeepsHardLinks() throws IOException {
		Path a = write("hard/p.mapl", unformatted());
		Path b = Files.createLink(Files.createDirectories(dir.resolve("other")).resolve("p.mapl"), a);
		assertEquals(0, mapl("fmt", a.toString()).code());
		assertEquals(Files.readString(QUICKSTART), Files.readString(b));
	}

	@Test
	void aRegionRewriteKeepsTheModeOfTheFile() throws IOException {
		Path src = Files.createDirectories(dir.resolve("src"));
		for (String f : List.of("common.mapl", "v6_12.mapl")) {
			Files.copy(REPO.resolve("examples/kvm-arm64/" + f), src.resolve(f));
		}
		Files.copy(REPO.resolve("examples/kvm-arm64/v6_12-in-mmu.mapl"), src.resolve("v6_12-in-mmu.mapl"));
		Path mmu = write("linux/arch/arm64/kvm/mmu.c", "#include <linux/kvm_host.h>\n\n"
				+ "/* mapl:begin kvm_s2_fault_memtype */\n/* mapl:end kvm_s2_fault_memtype */\n");
		Files.setPosixFilePermissions(mmu, PosixFilePermissions.fromString("rw-r--r--"));
		MaplRun r = mapl("compile", src.resolve("v6_12-in-mmu.mapl").toString(), "--c-out",
				dir.resolve("linux").toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(Files.readString(mmu).contains("kvm_s2_fault_memtype(struct kvm *kvm"));
		assertEquals("rw-r--r--", mode(mmu));
	}

	// ---- 15.1: fmt on broken files reports, never crashes, never writes

	/** Every prefix of an example: an error or a formatted file, never an internal error. */
	@Test
	void fmtOnEveryTruncationOfAnExampleReportsAndWritesNothingBroken() throws IOException {
		byte[] whole = Files.readAllBytes(QUICKSTART);
		Path f = dir.resolve("cut/p.mapl");
		Files.createDirectories(f.getParent());
		for (int n = 0; n < whole.length; n += 7) {
			byte[] cut = java.util.Arrays.copyOf(whole, n);
			Files.write(f, cut);
			MaplRun check = mapl("fmt", "--check", f.toString());
			assertTrue(check.code() == 0 || check.code() == 1, n + ": " + check.err() + check.out());
			assertArrayEquals(cut, Files.readAllBytes(f), "--check wrote at " + n);
			MaplRun fmt = mapl("fmt", f.toString());
			assertTrue(fmt.code() == 0 || fmt.code() == 1, n + ": " + fmt.err() + fmt.out());
			if (fmt.code() == 1) {
				assertTrue(fmt.out().contains(": error: ") && fmt.out().contains("[mapl."), n + ": " + fmt.out());
				assertArrayEquals(cut, Files.readAllBytes(f), "fmt wrote a file with errors at " + n);
			}
		}
	}

	@Test
	void aFileWithOnlyACommentIsFormattedNotACrash() throws IOException {
		Path f = write("c/p.mapl", "\n\n// The smallest useful MAPL policy: the example fr");
		MaplRun r = mapl("fmt", f.toString());
		assertEquals(0, r.code(), r.err());
		assertEquals("// The smallest useful MAPL policy: the example fr\n", Files.readString(f));
		Path empty = write("e/p.mapl", "");
		assertEquals(0, mapl("fmt", "--check", empty.toString()).code());
	}

	@Test
	void bytesThatAreNotUtf8AreAnErrorAndFmtWritesNothing() throws IOException {
		byte[] bad = (Files.readString(QUICKSTART).replace("ram: prot in {", "ram:prot in{") + "// caf\u00e9")
				.getBytes(StandardCharsets.ISO_8859_1);
		Path f = dir.resolve("latin1/p.mapl");
		Files.createDirectories(f.getParent());
		Files.write(f, bad);
		MaplRun fmt = mapl("fmt", f.toString());
		assertEquals(1, fmt.code(), fmt.err());
		assertTrue(fmt.out().startsWith(f + ":35:7: error: the file is not UTF-8: byte 0xE9"), fmt.out());
		assertTrue(fmt.out().contains("[mapl.encoding]\n    help: save the file as UTF-8"), fmt.out());
		assertArrayEquals(bad, Files.readAllBytes(f));
		assertEquals(1, mapl("fmt", "--check", f.toString()).code());
		MaplRun check = mapl("check", f.toString());
		assertEquals(1, check.code(), check.out());
		assertTrue(check.out().contains("[mapl.encoding]"), check.out());
	}

	// ---- 20.7 / 15.6: comments are kept to the character

	@Test
	void fmtNeverChangesTheTextOfAComment() throws IOException {
		String text = Files.readString(QUICKSTART) + "\n/* commented out:\npolicy old first {\n    otherwise -> Device\n}\n*/\n";
		Path f = write("com/p.mapl", text.replace("ram: prot in {", "ram:prot in{"));
		assertEquals(0, mapl("fmt", f.toString()).code());
		assertEquals(text, Files.readString(f));
	}

	// ---- 20.8: byte order mark and line endings

	@Test
	void aByteOrderMarkAndCrOnlyLinesAreAccepted() throws IOException {
		String text = Files.readString(QUICKSTART);
		Path bom = write("bom/p.mapl", "\uFEFF" + text);
		MaplRun r = mapl("check", bom.toString());
		assertEquals(0, r.code(), r.out());
		Path cr = write("cr/p.mapl", text.replace('\n', '\r'));
		r = mapl("check", cr.toString());
		assertEquals(0, r.code(), r.out());
		Path crBroken = write("crb/p.mapl", text.replace("facts guest", "facts guest guest").replace('\n', '\r'));
		r = mapl("check", crBroken.toString());
		assertTrue(r.out().startsWith(crBroken + ":12:13: error: "), r.out());
	}

	@ParameterizedTest
	@ValueSource(strings = {"\r\n", "\r"})
	void fmtKeepsTheLineEndingsOfTheFile(String eol) throws IOException {
		Path f = write("eol/p.mapl", unformatted().replace("\n", eol));
		assertEquals(0, mapl("fmt", f.toString()).code());
		assertEquals(Files.readString(QUICKSTART).replace("\n", eol), Files.readString(f));
		assertEquals(0, mapl("fmt", "--check", f.toString()).code());
	}

	@Test
	void fmtKeepsAByteOrderMark() throws IOException {
		Path f = write("bomfmt/p.mapl", "\uFEFF" + unformatted());
		assertEquals(0, mapl("fmt", f.toString()).code());
		assertEquals("\uFEFF" + Files.readString(QUICKSTART), Files.readString(f));
	}

	@Test
	void fmtRemovesBlankLinesAndCrLfBeforeALeadingComment() throws IOException {
		Path f = write("lead/p.mapl", "  \r\n\n" + Files.readString(QUICKSTART));
		assertEquals(0, mapl("fmt", f.toString()).code());
		assertEquals(Files.readString(QUICKSTART), Files.readString(f));
	}

	// ---- 20.9: the documented lowercase enum values

	@Test
	void enumOptionsTakeTheDocumentedLowercaseValues() {
		Path out = dir.resolve("java");
		MaplRun r = mapl("compile", QUICKSTART.toString(), "--java-out", out.toString(), "--java-style", "auto");
		assertEquals(0, r.code(), r.err());
		r = mapl("compile", QUICKSTART.toString(), "--java-out", out.toString(), "--java-style", "branches");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("(Stage2, branches)"), r.out());
		assertEquals(0, mapl("check", "--format", "JSON", QUICKSTART.toString()).code());
		MaplRun bad = mapl("compile", QUICKSTART.toString(), "--java-out", out.toString(), "--java-style", "fast");
		assertEquals(2, bad.code());
		assertTrue(bad.err().contains("auto, table, branches"), bad.err());
	}

	// ---- 20.11: a folder without MAPL files

	@Test
	void aFolderWithoutMaplFilesIsAnError() throws IOException {
		Path empty = Files.createDirectories(dir.resolve("nothing"));
		Files.writeString(empty.resolve("notes.txt"), "x");
		MaplRun r = mapl("check", empty.toString());
		assertEquals(2, r.code(), r.out());
		assertEquals("mapl: error: `" + empty + "` holds no `.mapl` file\n", r.err());
		assertEquals(2, mapl("fmt", empty.toString()).code());
	}

	// ---- 20.4 and output safety: generated files stay inside the output folder

	static final String TARGET = """
			facts {
			    A
			}

			outcomes {
			    X
			    Y
			}

			policy p first {
			    A -> X
			    otherwise -> Y
			}

			target c p {
			    file "FILE"
			    function "int f(bool a)"
			    fact A = "a"
			    outcome X = "1"
			    outcome Y = "0"
			}
			""";

	@ParameterizedTest
	@ValueSource(strings = {".", "include/", "a\\nb.h", "a\\u0000b.h", "/tmp/x.h", "../x.h", "a/../../x.h", "a//b.h", ""})
	void oddTargetFileNamesAreDiagnosticsAndNothingIsWritten(String name) throws IOException {
		Path f = write("odd/p.mapl", TARGET.replace("FILE", name));
		Path out = Files.createDirectories(dir.resolve("linux"));
		MaplRun r = mapl("compile", f.toString(), "--c-out", out.toString());
		assertEquals(1, r.code(), r.out() + r.err());
		assertTrue(r.err().contains(f + ":16:") && r.err().contains("[mapl.c.bad-path]"), r.err());
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(List.of(), s.toList());
		}
	}

	@Test
	void aSymbolicLinkOutOfTheOutputFolderIsNotFollowed() throws IOException {
		Path f = write("sym/p.mapl", TARGET.replace("FILE", "arch/x.h"));
		Path out = Files.createDirectories(dir.resolve("linux"));
		Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
		Files.createSymbolicLink(out.resolve("arch"), elsewhere);
		MaplRun r = mapl("compile", f.toString(), "--c-out", out.toString());
		assertEquals(1, r.code(), r.out() + r.err());
		assertTrue(r.err().startsWith(f + ":15:1: error: the file name `arch/x.h` leads out of the output folder "
				+ "through the symbolic link `arch`"), r.err());
		assertFalse(Files.exists(elsewhere.resolve("x.h")));
	}

	@Test
	void aHeaderIsRewrittenOnlyWhenItChanges() throws IOException {
		Path f = write("same/p.mapl", TARGET.replace("FILE", "include/x.h"));
		Path out = dir.resolve("linux");
		MaplRun first = mapl("compile", f.toString(), "--c-out", out.toString());
		assertEquals(0, first.code(), first.err());
		assertEquals(umaskMode(), mode(out.resolve("include/x.h")));
		var time = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(out.resolve("include/x.h"), time);
		MaplRun again = mapl("compile", f.toString(), "--c-out", out.toString());
		assertTrue(again.out().startsWith("unchanged "), again.out());
		assertEquals(time, Files.getLastModifiedTime(out.resolve("include/x.h")));
	}
}
