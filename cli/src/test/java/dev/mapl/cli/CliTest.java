package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The CLI contract: output shapes and exit codes (0 ok, 1 errors in the input, 2 usage or I/O). */
class CliTest {

	@TempDir
	Path dir;

	static MaplRun mapl(String... args) {
		return MaplRun.of(args);
	}

	static final String STAGE2 = """
			facts {
			    VM_PFNMAP
			    MTE_ALLOWED
			    enum prot { MT_NORMAL, MT_NORMAL_TAGGED, MT_NORMAL_NC, MT_DEVICE_nGnRE, MT_DEVICE_nGnRnE }
			}

			facts guest {
			    mte
			}

			outcomes {
			    Device
			    NormalNC
			    Normal [cacheable]
			}

			policy stage2 first {
			    assume guest.mte => MTE_ALLOWED | VM_PFNMAP
			    r1: VM_PFNMAP & !MTE_ALLOWED -> NormalNC if guest.mte
			    r2: prot in {MT_NORMAL, MT_NORMAL_TAGGED} -> Normal
			    otherwise -> Device
			    invariant no_tags: guest.mte & !MTE_ALLOWED => !cacheable
			    test "pfnmap, mte guest": VM_PFNMAP, !MTE_ALLOWED, guest.mte => NormalNC
			}
			""";

	private Path write(String name, String text) throws IOException {
		Path p = dir.resolve(name);
		Files.createDirectories(p.getParent());
		Files.writeString(p, text);
		return p;
	}

	@Test
	void checkCleanFileExitsZero() throws IOException {
		Path f = write("stage2.mapl", STAGE2);
		MaplRun r = mapl("check", f.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		assertEquals("", r.out());
		assertTrue(r.err().contains("checked 1 file, 1 policy: 0 errors, 0 warnings"), r.err());
	}

	@Test
	void brokenFileGivesFileLineColumnDiagnosticsAndExitOne() throws IOException {
		Path f = write("bad/stage2.mapl", STAGE2.replace("prot in {MT_NORMAL,", "prot in {MT_NORMAl,"));
		MaplRun r = mapl("check", f.toString());
		assertEquals(1, r.code());
		String expected = f + ":20:18: error: `MT_NORMAl` is not a value of enum `prot` [mapl.type.value-not-in-enum]\n"
				+ "    help: did you mean `MT_NORMAL`?\n";
		assertEquals(expected, r.out());
	}

	@Test
	void syntaxErrorExitsOne() throws IOException {
		Path f = write("syn/x.mapl", "facts { A }\npolicy p first {\n    A ->\n}\n");
		MaplRun r = mapl("check", f.toString());
		assertEquals(1, r.code());
		assertTrue(r.out().startsWith(f + ":4:1: error: unexpected `}` [mapl.syntax]"), r.out());
	}

	@Test
	void folderIsCheckedRecursively() throws IOException {
		write("a/one.mapl", "facts { A }\noutcomes { X }\n");
		write("a/sub/two.mapl", "policy p first {\n    A -> X\n    otherwise -> X\n}\n");
		MaplRun r = mapl("check", dir.resolve("a").toString());
		assertEquals(0, r.code(), r.out());
		assertTrue(r.err().contains("checked 2 files, 1 policy"), r.err());
	}

	@Test
	void missingPathIsAUsageError() {
		MaplRun r = mapl("check", dir.resolve("nope.mapl").toString());
		assertEquals(2, r.code());
		assertTrue(r.err().startsWith("mapl: error: `"), r.err());
		assertTrue(r.err().contains("does not exist"), r.err());
	}

	@Test
	void notAMaplFileIsAUsageError() throws IOException {
		Path f = write("x.txt", "hello");
		assertEquals(2, mapl("check", f.toString()).code());
	}

	@Test
	void unknownOptionIsAUsageError() {
		MaplRun r = mapl("check", "--frobnicate", "x.mapl");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("Unknown option"), r.err());
	}

	@Test
	void analysisFindingsCarryCounterexamplesAndFailTheCheck() throws IOException {
		Path f = write("gap/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n"
				+ "    invariant never_y: !Y\n    test \"b\": !A, B => X\n}\n");
		MaplRun r = mapl("check", f.toString());
		assertEquals(1, r.code());
		assertEquals(f + ":3:1: error: policy `p` decides nothing for 2 possible inputs [mapl.analysis.gap]\n"
				+ "    help: add a rule for `!A`, or end the policy with `otherwise -> ...`\n"
				+ f + ":6:5: error: test `b` fails: expected `X`, but the policy decides nothing for `!A, B` [mapl.analysis.test-failed]\n",
				r.out());
	}

	@Test
	void deadRulesAreReportedOnTheirOwnPolicyNotThroughACompositeAgain() throws IOException {
		Path f = write("compose/p.mapl", "facts { A B }\noutcomes { E X Y Ok }\n"
				+ "policy slot first {\n    A -> E\n    otherwise -> Ok\n}\n"
				+ "policy fault first {\n    A -> X\n    A & B -> Y\n    otherwise -> Y\n}\n"
				+ "policy both first {\n    slot != Ok -> slot\n    otherwise -> fault\n}\n");
		MaplRun r = mapl("check", f.toString());
		assertEquals(0, r.code(), r.out());
		assertEquals(f + ":9:5: warning: rule `line 9` is never reached: rule `line 8` decides every input it matches [mapl.analysis.dead-rule]\n"
				+ "    help: remove it, or move it before `line 8`\n", r.out(),
				"`fault.line 8` is dead in `both` too (slot refuses A first), but that is not the composite's to fix");
	}

	@Test
	void compileJavaWritesAClassThatCompilesCleanlyAndDecides() throws Exception {
		Path f = write("java/p.mapl", STAGE2);
		Path out = dir.resolve("java-out");
		MaplRun r = mapl("compile", f.toString(), "--java-out", out.toString(), "--java-package", "demo");
		assertEquals(0, r.code(), r.out() + r.err());
		Path source = out.resolve("demo/Stage2.java");
		assertTrue(Files.isRegularFile(source), r.out());
		javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
		Path classes = Files.createDirectories(dir.resolve("classes"));
		StringWriter diagnostics = new StringWriter();
		boolean ok = javac.getTask(diagnostics, null, null, List.of("-Xlint:all", "-Werror", "-d", classes.toString()), null,
				javac.getStandardFileManager(null, null, null).getJavaFileObjects(source.toFile())).call();
		assertTrue(ok, diagnostics.toString());
		try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()})) {
			Class<?> c = loader.loadClass("demo.Stage2");
			Class<?> prot = loader.loadClass("demo.Stage2$Prot");
			Object normal = prot.getEnumConstants()[0];
			java.lang.reflect.Method decide = c.getMethod("decide", boolean.class, boolean.class, prot, boolean.class);
			assertEquals("NormalNC", decide.invoke(null, true, false, normal, true).toString());
			assertEquals("Normal", decide.invoke(null, false, true, normal, true).toString());
		}
		assertEquals("unchanged " + source + " (demo.Stage2, table)\n",
				mapl("compile", f.toString(), "--java-out", out.toString(), "--java-package", "demo").out(),
				"a second run rewrites nothing");
	}

	@Test
	void checkJsonIsStructured() throws IOException {
		Path f = write("json/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n"
				+ "    otherwise -> Y\n    invariant always_x: X\n}\n");
		MaplRun r = mapl("check", "--format", "json", f.toString());
		assertEquals(1, r.code());
		String out = r.out();
		assertTrue(out.contains("\"code\": \"mapl.analysis.invariant-refuted\""), out);
		assertTrue(out.contains("\"kind\": \"invariant-refuted\""), out);
		assertTrue(out.contains("\"line\": 6"), out);
		assertTrue(out.contains("\"counterexample\": {"), out);
		assertTrue(out.contains("\"outcome\": \"Y\""), out);
		assertTrue(out.contains("\"errors\": 1"), out);
		assertTrue(out.startsWith("{") && out.strip().endsWith("}"), out);
	}

	@Test
	void tableReducedAndAll() throws IOException {
		Path f = write("table/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    otherwise -> Y\n"
				+ "    test \"b\": A, B => X\n}\n");
		assertEquals("| A | outcome | rule |\n| --- | --- | --- |\n| 1 | X | line 4 |\n| 0 | Y | line 5 |\n\n"
				+ "No row depends on B.\n", mapl("table", f.toString()).out());
		assertEquals("A,B,outcome,rule\n1,-,X,line 4\n0,-,Y,line 5\n", mapl("table", f.toString(), "--format", "csv").out());
		assertEquals("A,B,outcome,rule\n0,0,Y,line 5\n0,1,Y,line 5\n1,0,X,line 4\n1,1,X,line 4\n",
				mapl("table", f.toString(), "--all", "--format", "csv").out());
	}

	@Test
	void diffExitCodesAndCounts() throws IOException {
		Path old = write("diff/old/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    otherwise -> Y\n}\n");
		Path same = write("diff/same/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    !A -> Y\n    otherwise -> X\n}\n");
		Path changed = write("diff/new/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A & B -> X\n    otherwise -> Y\n}\n");
		assertEquals(0, mapl("diff", old.toString(), same.toString()).code(), "equivalent, differently written");
		MaplRun r = mapl("diff", old.toString(), changed.toString());
		assertEquals(1, r.code());
		assertTrue(r.out().contains("X -> Y: 1 input"), r.out());
		assertTrue(r.out().contains("A & !B"), r.out());
	}

	@Test
	void graphDrawsTheDiagram() throws IOException {
		Path f = write("graph/p.mapl", "facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    otherwise -> Y\n}\n");
		MaplRun dot = mapl("graph", f.toString());
		assertEquals(0, dot.code());
		assertTrue(dot.out().startsWith("digraph"), dot.out());
		assertTrue(mapl("graph", f.toString(), "--format", "mermaid").out().startsWith("flowchart"));
	}

	/**
	 * (a1 & b1) | (a2 & b2) | (a3 & b3) needs a test per combination of the a's when all a's come
	 * first, as they are declared and as the first rule mentions them; the searched order pairs them.
	 */
	@Test
	void graphTestsTheFactsInTheSearchedOrderLikeTheGeneratedCode() throws IOException {
		Path f = write("graph/pairs.mapl", """
				facts { a1 a2 a3 b1 b2 b3 }
				outcomes { X Y Z }
				policy p first {
				    a1 & a2 & a3 & !b1 & !b2 & !b3 -> Z
				    a1 & b1 -> X
				    a2 & b2 -> X
				    a3 & b3 -> X
				    otherwise -> Y
				}
				""");
		MaplRun searched = mapl("graph", f.toString());
		MaplRun declared = mapl("graph", f.toString(), "--declaration-order");
		assertEquals(0, searched.code());
		assertEquals(0, declared.code());
		long searchedTests = searched.out().lines().filter(l -> l.contains("shape=ellipse")).count();
		long declaredTests = declared.out().lines().filter(l -> l.contains("shape=ellipse")).count();
		assertEquals(16, declaredTests, declared.out());
		assertEquals(10, searchedTests, searched.out());
		assertEquals(searched.out(), mapl("graph", f.toString()).out(), "the same order every time");
	}

	@ParameterizedTest
	@ValueSource(strings = {"check", "fmt", "table", "explain", "diff", "graph"})
	void everyCommandHasHelp(String command) {
		MaplRun r = mapl(command, "--help");
		assertEquals(0, r.code());
		assertTrue(r.out().contains("Usage: mapl " + command), r.out());
	}

	@Test
	void noCommandIsAUsageError() {
		assertEquals(2, mapl().code());
	}

	@Test
	void onlyTheNamedCommandIsBuiltButHelpAndTyposSeeThemAll() {
		assertEquals(List.of(CheckCommand.class), Main.commandsFor(new String[] {"check", "x.mapl"}));
		assertEquals(Main.COMMANDS, Main.commandsFor(new String[] {"--help"}));
		assertEquals(Main.COMMANDS, Main.commandsFor(new String[] {"help", "check"}));
		MaplRun usage = mapl("--help");
		assertEquals(0, usage.code());
		for (String c : List.of("check", "fmt", "table", "explain", "diff", "graph", "compile", "patch", "export", "help")) {
			assertTrue(usage.out().contains("\n  " + c + " "), c + " missing from:\n" + usage.out());
		}
		MaplRun typo = mapl("chek", "x.mapl");
		assertEquals(2, typo.code());
		assertTrue(typo.err().startsWith("mapl: error: Unmatched arguments from index 0: 'chek'"), typo.err());
		MaplRun help = mapl("help", "fmt");
		assertEquals(0, help.code());
		assertTrue(help.out().contains("Usage: mapl fmt"), help.out());
	}

	/**
	 * `mapl --help` lists each command with the first line of its description: a whole sentence
	 * that fits the line, not the start of a paragraph cut where the source line ended.
	 */
	@Test
	void theCommandListShowsEachSummaryWhole() {
		String usage = mapl("--help").out();
		for (Class<?> c : Main.COMMANDS) {
			if (c == CommandLine.HelpCommand.class) {
				continue;
			}
			CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
			String summary = command.description()[0];
			assertTrue(summary.endsWith("."), summary);
			Pattern line = Pattern.compile("\n  " + command.name() + " +" + Pattern.quote(summary) + "\r?\n");
			assertTrue(line.matcher(usage).find(), command.name() + " in:\n" + usage);
		}
	}

	/** Xtext's injector is built ahead (on a second thread) only for a command that reads MAPL files. */
	@Test
	void theCompilerIsPreparedOnlyForACommandThatReadsFiles() {
		assertEquals(Main.COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class)
				.map(c -> c.getAnnotation(CommandLine.Command.class).name()).collect(Collectors.toSet()), Main.COMPILING);
		assertTrue(Main.compiles(new String[] {"check", "x.mapl"}));
		assertTrue(Main.compiles(new String[] {"fmt", "--check", "x.mapl"}));
		assertTrue(Main.compiles(new String[] {"check", "--", "--help"}));
		for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"--version"},
				new String[] {"help", "check"}, new String[] {"chek", "x.mapl"}, new String[] {"check", "--help"},
				new String[] {"check", "x.mapl", "-h"}, new String[] {"table", "-V"})) {
			assertFalse(Main.compiles(args), String.join(" ", args));
		}
	}

	@Test
	void fmtCheckThenFormatThenClean() throws IOException {
		Path f = write("fmt/p.mapl", STAGE2.replace("r1: VM_PFNMAP & !MTE_ALLOWED", "r1:VM_PFNMAP&!MTE_ALLOWED"));
		MaplRun check = mapl("fmt", "--check", f.toString());
		assertEquals(1, check.code());
		assertEquals(f + ": would be reformatted\n", check.out());
		assertEquals(STAGE2.replace("r1: VM_PFNMAP & !MTE_ALLOWED", "r1:VM_PFNMAP&!MTE_ALLOWED"), Files.readString(f),
				"--check writes nothing");
		assertEquals(0, mapl("fmt", f.toString()).code());
		assertEquals(STAGE2, Files.readString(f));
		assertEquals(0, mapl("fmt", "--check", f.toString()).code());
	}

	@Test
	void fmtRefusesFilesWithSyntaxErrorsAndLeavesThemAlone() throws IOException {
		String text = "facts {  A\n";
		Path f = write("fmtbad/p.mapl", text);
		MaplRun r = mapl("fmt", f.toString());
		assertEquals(1, r.code());
		assertTrue(r.out().contains("[mapl.syntax]"), r.out());
		assertEquals(text, Files.readString(f));
	}

	@Test
	void explainNamesTheRuleAndWhyEarlierRulesDidNot() throws IOException {
		Path f = write("ex/stage2.mapl", STAGE2);
		MaplRun r = mapl("explain", f.toString(), "--policy", "stage2", "VM_PFNMAP=0", "MTE_ALLOWED=1", "guest.mte=1",
				"prot=MT_NORMAL");
		assertEquals(0, r.code(), r.err());
		assertEquals("outcome: Normal\n"
				+ "rule:    r2 (" + f + ":20:5): r2: prot in {MT_NORMAL, MT_NORMAL_TAGGED} -> Normal\n"
				+ "earlier rules:\n"
				+ "  r1 (" + f + ":19:5): `VM_PFNMAP` is false, `!MTE_ALLOWED` is false\n", r.out());
	}

	@Test
	void explainAcceptsOmittedFactsThatDoNotMatter() throws IOException {
		Path f = write("ex2/stage2.mapl", STAGE2);
		MaplRun r = mapl("explain", f.toString(), "VM_PFNMAP=1", "MTE_ALLOWED=0", "guest.mte=1");
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().startsWith("outcome: NormalNC (all 5 completions of the given facts)\n"), r.out());
	}

	@Test
	void explainWithFactsLeftOutPrintsTheResidualDecision() throws IOException {
		Path f = write("ex3/stage2.mapl", STAGE2);
		MaplRun r = mapl("explain", f.toString(), "VM_PFNMAP=0");
		assertEquals(0, r.code(), r.err());
		assertEquals("given:      VM_PFNMAP=0 (15 possible completions)\n"
				+ "depends on: prot\n"
				+ "outcomes:\n"
				+ "  Device: 9 of 15 (rule `line 21`)\n"
				+ "  Normal: 6 of 15 (rule `r2`)\n"
				+ "decision:\n"
				+ "| prot | outcome | rule |\n"
				+ "| --- | --- | --- |\n"
				+ "| {MT_NORMAL,MT_NORMAL_TAGGED} | Normal | r2 |\n"
				+ "| {MT_NORMAL_NC,MT_DEVICE_nGnRE,MT_DEVICE_nGnRnE} | Device | line 21 |\n", r.out());
		MaplRun json = mapl("explain", f.toString(), "VM_PFNMAP=0", "--format", "json");
		assertEquals(0, json.code(), json.err());
		assertTrue(json.out().contains("\"given\": {\n    \"VM_PFNMAP\": false\n  },\n  \"completions\": 15,\n"
				+ "  \"decided\": false,\n  \"dependsOn\": [\"prot\"],"), json.out());
		assertEquals(json.out(), mapl("explain", f.toString(), "VM_PFNMAP=0", "--format", "json").out(), "deterministic");
	}

	@Test
	void explainNamesTheAssumptionThatExcludesTheFacts() throws IOException {
		Path f = write("ex5/stage2.mapl", STAGE2);
		MaplRun r = mapl("explain", f.toString(), "VM_PFNMAP=0", "MTE_ALLOWED=0", "guest.mte=1");
		assertEquals(1, r.code());
		assertEquals("mapl: error: no possible input of policy `stage2` has VM_PFNMAP=0, MTE_ALLOWED=0, guest.mte=1: "
				+ "the assumption `guest.mte => MTE_ALLOWED | VM_PFNMAP` (" + f + ":18:5) excludes it\n"
				+ "    help: change or leave out one of these facts\n", r.err());
		assertEquals(1, mapl("table", f.toString(), "VM_PFNMAP=0", "MTE_ALLOWED=0", "guest.mte=1").code());
	}

	@Test
	void tableRestrictedToGivenFacts() throws IOException {
		Path f = write("table2/stage2.mapl", STAGE2);
		assertEquals("| MTE_ALLOWED | prot | outcome | rule |\n| --- | --- | --- | --- |\n"
				+ "| 0 | - | NormalNC | r1 |\n"
				+ "| 1 | {MT_NORMAL,MT_NORMAL_TAGGED} | Normal | r2 |\n"
				+ "| 1 | {MT_NORMAL_NC,MT_DEVICE_nGnRE,MT_DEVICE_nGnRnE} | Device | line 21 |\n"
				+ "\nGiven: VM_PFNMAP=1, guest.mte=1.\n", mapl("table", f.toString(), "VM_PFNMAP=1", "guest.mte=1").out());
		assertEquals("VM_PFNMAP,MTE_ALLOWED,prot,guest.mte,outcome,rule\n"
				+ "1,0,-,1,NormalNC,r1\n"
				+ "1,1,\"{MT_NORMAL,MT_NORMAL_TAGGED}\",1,Normal,r2\n"
				+ "1,1,\"{MT_NORMAL_NC,MT_DEVICE_nGnRE,MT_DEVICE_nGnRnE}\",1,Device,line 21\n",
				mapl("table", f.toString(), "VM_PFNMAP=1", "guest.mte=1", "--format", "csv").out());
		MaplRun all = mapl("table", f.toString(), "--all", "--format", "csv", "VM_PFNMAP=1", "MTE_ALLOWED=0", "guest.mte=1");
		assertEquals(0, all.code(), all.err());
		assertEquals(6, all.out().split("\n").length, "a header and one row per prot value: " + all.out());
		MaplRun bad = mapl("table", f.toString(), "guest.mt=1");
		assertEquals(2, bad.code());
		assertEquals("mapl: error: policy `stage2` has no fact `guest.mt`\n    help: did you mean `guest.mte`?\n", bad.err());
	}

	@Test
	void diffRestrictedToARegion() throws IOException {
		Path old = write("diff2/old/p.mapl", "facts { A B C }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    otherwise -> Y\n}\n");
		Path changed = write("diff2/new/p.mapl", "facts { A B C }\noutcomes { X Y }\npolicy p first {\n    A & B -> X\n    C -> X\n    otherwise -> Y\n}\n");
		MaplRun whole = mapl("diff", old.toString(), changed.toString());
		assertTrue(whole.out().startsWith("policy `p`: 3 of 8 inputs decide differently\n"), whole.out());
		MaplRun region = mapl("diff", old.toString(), changed.toString(), "A=1");
		assertEquals(1, region.code());
		assertTrue(region.out().startsWith("policy `p` where A=1: 1 of 4 inputs decide differently\n"
				+ "  X -> Y: 1 input\n    where !B & !C\n"), region.out());
		MaplRun same = mapl("diff", old.toString(), changed.toString(), "A=1", "B=1");
		assertEquals(0, same.code(), same.out());
		assertEquals("policy `p` where A=1, B=1: no change (2 inputs)\n", same.out());
		MaplRun bad = mapl("diff", old.toString(), changed.toString(), "D=1");
		assertEquals(2, bad.code());
		assertTrue(bad.err().startsWith("mapl: error: policy `p` has no fact `D`\n"), bad.err());
	}

	@Test
	void explainRejectsBadValues() throws IOException {
		Path f = write("ex4/stage2.mapl", STAGE2);
		assertTrue(mapl("explain", f.toString(), "prot=MT_NORML").err().contains("`MT_NORML` is not a value of enum `prot`"));
		assertTrue(mapl("explain", f.toString(), "VM_IO=1").err().contains("policy `stage2` has no fact `VM_IO`"));
		assertEquals("mapl: error: `MT_NORML` is not a value of enum `prot`\n    help: did you mean `MT_NORMAL`?\n",
				mapl("explain", f.toString(), "prot=MT_NORML").err());
		assertTrue(mapl("explain", f.toString(), "VM_PFNMAP=2").err().contains("`VM_PFNMAP` is a boolean: give 0 or 1"));
		assertEquals(2, mapl("explain", f.toString(), "--policy", "nope").code());
	}

	// ---- `check FILE` validates FILE and the files it depends on, not every file beside it

	static final String SHARED = """
			package shared

			facts {
			    A
			    B
			}

			outcomes {
			    X
			    Y
			}
			""";

	/** Without an assumption that A or B holds, this policy leaves `!A & !B` undecided (an error). */
	static final String CHOOSE = """
			package p

			import shared.*

			policy choose first {
			    a: A -> X
			    b: B -> Y
			}
			""";

	@Test
	void checkIgnoresErrorsOfASiblingTheNamedFileDoesNotDependOn() throws IOException {
		write("shared.mapl", SHARED);
		Path named = write("choose.mapl", CHOOSE.replace("b: B -> Y", "b: B -> Y\n    otherwise -> X"));
		write("unrelated.mapl", "package unrelated\n\npolicy broken first {\n    otherwise -> Nowhere\n}\n");
		MaplRun r = mapl("check", named.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		assertEquals("", r.out());
		assertTrue(r.err().contains("checked 1 file, 1 policy: 0 errors, 0 warnings"), r.err());
		// named itself, the broken file still reports its own error
		MaplRun broken = mapl("check", dir.resolve("unrelated.mapl").toString());
		assertEquals(1, broken.code(), broken.out() + broken.err());
		assertTrue(broken.out().contains("[mapl.link.unresolved]") || broken.out().contains("Nowhere"), broken.out());
	}

	@Test
	void checkStopsAtErrorsOfAFileTheNamedFileDependsOn() throws IOException {
		Path shared = write("shared.mapl", SHARED.replace("    B\n", "    B\n    B\n"));
		Path named = write("choose.mapl", CHOOSE.replace("b: B -> Y", "b: B -> Y\n    otherwise -> X"));
		MaplRun r = mapl("check", named.toString());
		assertEquals(1, r.code(), r.out() + r.err());
		assertTrue(r.out().startsWith(shared + ":5:5: error: `" + shared + "`, read for its declarations, has errors [mapl.context-error]"),
				r.out());
		assertTrue(r.err().contains("analysis skipped"), r.err());
	}

	@Test
	void checkReadsTheAssumptionsOfASiblingAboutTheFactsItUses() throws IOException {
		write("shared.mapl", SHARED);
		Path named = write("choose.mapl", CHOOSE);
		MaplRun gap = mapl("check", named.toString());
		assertEquals(1, gap.code(), gap.out() + gap.err());
		assertTrue(gap.out().contains("[mapl.analysis.gap]"), gap.out());
		// a file nobody imports, whose model-level assumption joins every policy that reads A or B
		Path assumptions = write("assumptions.mapl", "package extra\n\nimport shared.*\n\nassume A | B\n");
		MaplRun r = mapl("check", named.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		// so its errors count too
		Files.writeString(assumptions, "package extra\n\nimport shared.*\n\nassume A | B | C\n");
		MaplRun broken = mapl("check", named.toString());
		assertEquals(1, broken.code(), broken.out() + broken.err());
		assertTrue(broken.out().contains("[mapl.context-error]"), broken.out());
	}

	@Test
	void aFactUsedOnlyByASiblingIsNotUnusedInTheNamedFile() throws IOException {
		Path shared = write("shared.mapl", SHARED);
		write("choose.mapl", CHOOSE.replace("b: B -> Y", "otherwise -> Y"));
		MaplRun r = mapl("check", shared.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		// choose.mapl, which shared.mapl does not depend on, uses A but not B
		assertEquals(shared + ":5:5: warning: fact `B` is never used [mapl.fact.unused]\n"
				+ "    help: use it in a rule, an assumption or a test, or remove it\n", r.out());
	}

	/** Xtext's log4j loggers: errors only, as `mapl:` lines on stderr (Logging); nothing below that. */
	@Test
	void xtextLogsOnlyErrorsAsMaplLines() throws IOException {
		assertEquals(0, mapl("check", write("p.mapl", STAGE2).toString()).code());
		PrintStream stderr = System.err;
		ByteArrayOutputStream said = new ByteArrayOutputStream();
		System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
		try {
			Logger xtext = Logger.getLogger("org.eclipse.xtext.linking.lazy.LazyLinker");
			xtext.info("an info");
			xtext.warn("a warning");
			xtext.error("an error");
		} finally {
			System.setErr(stderr);
		}
		assertEquals("mapl: an error" + System.lineSeparator(), said.toString(StandardCharsets.UTF_8));
	}
}
