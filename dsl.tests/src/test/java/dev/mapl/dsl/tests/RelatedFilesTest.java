package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.RelatedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RelatedFiles}: which files beside a named one `mapl check` reads. Leaving a file out
 * must never change what the compiler says about the named ones: the differential tests compile
 * with all files and with the related ones only, and compare diagnostics and models.
 */
class RelatedFilesTest {

	@TempDir
	Path dir;

	private Path write(String name, String text) throws IOException {
		Path f = dir.resolve(name);
		Files.writeString(f, text);
		return f.toAbsolutePath().normalize();
	}

	private List<String> kept(List<Path> files, Path named) {
		return RelatedFiles.of(files, List.of(named)).stream().map(p -> p.getFileName().toString()).toList();
	}

	@Test
	void keepsWhatTheKernelExampleReads() throws IOException {
		Path folder = Path.of("../examples/kvm-arm64").toAbsolutePath().normalize();
		List<Path> files;
		try (Stream<Path> s = Files.list(folder)) {
			files = s.filter(f -> f.toString().endsWith(".mapl")).sorted().toList();
		}
		assertEquals(List.of("common.mapl", "v6_17.mapl"), kept(files, folder.resolve("v6_17.mapl")));
		// everything imports common.mapl's package, so all of them may use its facts
		assertEquals(files.size(), kept(files, folder.resolve("common.mapl")).size());
		for (Path named : files) {
			assertSameResult(files, List.of(named));
		}
	}

	@Test
	void keepsDependenciesTransitivelyAndLeavesTheRestOut() throws IOException {
		Path a = write("a.mapl", "package a\nimport b.*\npolicy s first { r: x -> X\n otherwise -> Y }\n");
		Path b = write("b.mapl", "package b\nimport c.*\nfacts { x }\noutcomes { X Y }\nassume x | y\n");
		Path c = write("c.mapl", "package c\nfacts { y }\n");
		Path d = write("d.mapl", "package d\n// mentions a only in a comment, and \"a\" in a string\nfacts { z }\n");
		Path e = write("e.mapl", "package e\nimport a.*\nfacts { w }\n");
		List<Path> files = List.of(a, b, c, d, e);
		// b has an assumption (kept in any case) and needs c; e refers to a (a's unused facts)
		assertEquals(List.of("a.mapl", "b.mapl", "c.mapl", "e.mapl"), kept(files, a));
		assertEquals(List.of("b.mapl", "c.mapl"), kept(files, c));
		assertEquals(List.of("b.mapl", "c.mapl", "d.mapl"), kept(files, d));
		for (Path named : files) {
			assertSameResult(files, List.of(named));
		}
	}

	@Test
	void keepsFilesWhosePackageOrNamesItCannotRuleOut() throws IOException {
		Path named = write("n.mapl", "package n.m\nfacts { f }\n");
		Path none = write("none.mapl", "facts { g }\n"); // the default package: visible everywhere
		Path ancestor = write("ancestor.mapl", "package n\nfacts { h }\n");
		Path child = write("child.mapl", "package n.m.k\nfacts { i }\n");
		Path cased = write("cased.mapl", "package N.M\nfacts { j }\n"); // the same Java package on macOS
		Path broken = write("broken.mapl", "package n.\nfacts { k }\n"); // a package it cannot make out
		Path escaped = write("escaped.mapl", "^package x\nfacts { l }\n"); // a name, not the keyword
		Path other = write("other.mapl", "package o\nfacts { z }\n");
		List<Path> files = List.of(named, none, ancestor, child, cased, broken, escaped, other);
		assertEquals(List.of("n.mapl", "none.mapl", "ancestor.mapl", "child.mapl", "cased.mapl", "broken.mapl",
				"escaped.mapl"), kept(files, named));
		assertSameResult(files, List.of(named));
	}

	@Test
	void keepsAFileThatCouldDeclareTheSameNameAsOneKept() throws IOException {
		Path named = write("n.mapl", "package n\nimport c.*\npolicy s first { r: y -> X\n otherwise -> Y }\n");
		Path c = write("c.mapl", "package c\nfacts { y }\nfacts g { x }\noutcomes { X Y }\n");
		Path clash = write("clash.mapl", "package c.g\nfacts { x }\n"); // also `c.g.x`: an error in c.mapl
		Path apart = write("apart.mapl", "package c.h\nfacts { x }\n");
		List<Path> files = List.of(named, c, clash, apart);
		assertEquals(List.of("n.mapl", "c.mapl", "clash.mapl"), kept(files, named));
		assertSameResult(files, List.of(named));
	}

	/**
	 * Random folders of small files whose packages, imports and names overlap on purpose: names
	 * that are also package segments, a group whose facts share a package's name, the default
	 * package, a package that differs only in case, words in comments.
	 */
	@Test
	void leavingFilesOutNeverChangesTheResult() throws IOException {
		String[] packages = { "p", "q", "r", "u", "v", "p.s", "q.s", "P", "s", "" };
		String[] facts = { "a", "b", "c", "d" };
		String[] refs = { "a", "b", "c", "p.a", "q.b", "r.c", "s.a", "s.x", "p.s.a", "q.s.x", "P.a", "p.s" };
		Random random = new Random(16);
		int smaller = 0; // named files for which some file is left out
		int checked = 0;
		int errorsFromFewer = 0; // of those, the ones whose errors were said from the related files alone
		for (int round = 0; round < 150; round++) {
			Path folder = Files.createDirectories(dir.resolve("r" + round));
			List<Path> files = new ArrayList<>();
			int n = 3 + random.nextInt(4);
			for (int i = 0; i < n; i++) {
				StringBuilder text = new StringBuilder();
				String pkg = random.nextInt(10) == 0 ? "" : packages[random.nextInt(packages.length - 1)];
				if (!pkg.isEmpty()) {
					text.append("package ").append(pkg).append('\n');
				}
				if (random.nextInt(3) == 0) {
					text.append("import ").append(packages[random.nextInt(packages.length - 1)]).append(".*\n");
				}
				text.append("facts { ").append(facts[random.nextInt(facts.length)]).append(" }\n");
				if (random.nextInt(4) == 0) {
					text.append("facts s { x }\n");
				}
				if (random.nextInt(8) == 0) {
					text.append("assume ").append(refs[random.nextInt(refs.length)]).append('\n');
				}
				if (random.nextBoolean()) {
					text.append("outcomes { X Y }\npolicy t").append(i).append(" first {\n    k: ")
							.append(refs[random.nextInt(refs.length)]).append(" -> X\n    otherwise -> Y\n}\n");
				}
				if (random.nextInt(8) == 0) {
					text.append("// mentions ").append(refs[random.nextInt(refs.length)]).append('\n');
				}
				switch (random.nextInt(12)) { // errors other than unknown names: said without reading all files
					case 0 -> text.append("policy broken first {\n"); // a syntax error
					case 1 -> text.append("outcomes { Z Z }\n"); // a name declared twice
					case 2 -> text.append("facts { ").append(facts[random.nextInt(facts.length)]).append(" }\n");
					default -> {
					}
				}
				Path f = folder.resolve("f" + i + ".mapl");
				Files.writeString(f, text);
				files.add(f.toAbsolutePath().normalize());
			}
			for (Path named : files) {
				smaller += RelatedFiles.of(files, List.of(named)).size() < files.size() ? 1 : 0;
				checked++;
				Compilation some = assertSameResult(files, List.of(named));
				errorsFromFewer += some.hasErrors() && some.files().size() < files.size() ? 1 : 0;
			}
		}
		// the test means something only if files are left out, with and without errors
		assertTrue(smaller > checked / 4, smaller + " of " + checked);
		assertTrue(errorsFromFewer > checked / 50, errorsFromFewer + " of " + checked);
	}

	/**
	 * The same diagnostics and model with all files as with the related ones (and all of them again
	 * when a name is unknown, whose help may suggest a name from any file); the latter compilation.
	 */
	private static Compilation assertSameResult(List<Path> files, List<Path> named) {
		List<Path> related = RelatedFiles.of(files, named);
		Compilation all = MaplCompiler.create().compile(files, named);
		Compilation some = MaplCompiler.create().compile(files, related, named);
		String what = named + " with " + related.stream().map(p -> p.getFileName().toString()).toList() + " of "
				+ files.stream().map(p -> p.getFileName().toString()).toList() + ":\n" + texts(files);
		assertEquals(rendered(all), rendered(some), what);
		assertEquals(all.model(), some.model(), what);
		return some;
	}

	private static String texts(List<Path> files) {
		StringBuilder b = new StringBuilder();
		for (Path f : files) {
			try {
				b.append("== ").append(f.getFileName()).append('\n').append(Files.readString(f));
			} catch (IOException e) {
				b.append(e);
			}
		}
		return b.toString();
	}

	private static List<String> rendered(Compilation c) {
		return c.diagnostics().stream().map(Diagnostic::render).toList();
	}
}
