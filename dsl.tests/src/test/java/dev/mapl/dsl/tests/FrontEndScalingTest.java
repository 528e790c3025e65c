package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.DeepStack;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.ir.Expr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checking stays linear in the input (issue 20.10), asserted without timing: by the shape of the
 * tree (a chain of n terms is one level deep, not n), and by the work done, counted as the bytes
 * the checking thread allocates: a walk over all policies for each policy, or a scope search for
 * each name, allocates in proportion to n², so four times the input then costs sixteen times the
 * bytes instead of four. The measured numbers are in docs/PERFORMANCE.md (ParseScalingHarness).
 */
class FrontEndScalingTest {

	@TempDir
	Path dir;

	// ---- the shape of long chains

	@Test
	void aTenThousandTermChainIsOneLevelOfTheTree() throws IOException {
		int terms = 10_000;
		String and = IntStream.range(0, terms).mapToObj(i -> i % 2 == 0 ? "a" : "!b").collect(Collectors.joining(" & "));
		String or = IntStream.range(0, terms).mapToObj(i -> i % 2 == 0 ? "a & b" : "(a | b)").collect(Collectors.joining(" | "));
		Compilation c = compile("facts { a b }\noutcomes { X Y }\npolicy p first {\n    " + and + " -> X\n    " + or
				+ " -> Y\n    otherwise -> Y\n}\n");
		assertEquals(List.of(), c.diagnostics());
		XtextResource r = c.resources().get(0);
		// Model > Policy > Rule > Or > And > Not > SymbolRef: depth 6 below the root, whatever the length
		int deepest = 0;
		for (var it = r.getAllContents(); it.hasNext();) {
			deepest = Math.max(deepest, depth(it.next()));
		}
		assertTrue(deepest <= 8, "the deepest object is " + deepest + " levels below the root");
		int deepestNode = 0;
		for (INode n : r.getParseResult().getRootNode().getAsTreeIterable()) {
			deepestNode = Math.max(deepestNode, depth(n));
		}
		assertTrue(deepestNode <= 24, "the deepest node is " + deepestNode + " levels below the root");
		// and the IR is as before: one conjunction and one disjunction of all the terms
		var rules = c.model().orElseThrow().policies().get(0).rules();
		assertEquals(terms, ((Expr.And) rules.get(0).condition()).operands().size());
		// `a & b | (a | b) | ...`: the parenthesised disjunctions join the outer one
		assertEquals(terms / 2 * 3, ((Expr.Or) rules.get(1).condition()).operands().size());
	}

	@Test
	void parenthesisedGroupsOfOneOperatorStillLowerToOneOperation() throws IOException {
		Compilation c = compile("facts { a b c d }\noutcomes { X Y }\npolicy p first {\n"
				+ "    (a & b) & (c & d) -> X\n    a | (b | (c | d)) -> X\n    a & b | c & d -> Y\n    otherwise -> Y\n}\n");
		assertEquals(List.of(), c.diagnostics());
		var rules = c.model().orElseThrow().policies().get(0).rules();
		assertEquals(4, ((Expr.And) rules.get(0).condition()).operands().size());
		assertEquals(4, ((Expr.Or) rules.get(1).condition()).operands().size());
		var or = (Expr.Or) rules.get(2).condition();
		assertEquals(2, or.operands().size());
		assertTrue(or.operands().stream().allMatch(o -> o instanceof Expr.And a && a.operands().size() == 2), or.toString());
	}

	// ---- the work done for many policies

	@Test
	void manyPoliciesCostWorkInProportion() {
		assertLinear("policies", n -> ParseScalingHarness.policies(n), 1500);
	}

	@Test
	void manyPoliciesWithSyntaxErrorsCostWorkInProportion() {
		assertLinear("policies with a syntax error each", n -> ParseScalingHarness.broken(n), 1500);
	}

	@Test
	void manyCopiesOfARealisticFileCostWorkInProportion() {
		assertLinear("copies of the ioremap policies", n -> ParseScalingHarness.realistic(n), 100);
	}

	/**
	 * One unknown name, then n rules over n facts: Xtext removed the "unknown name" diagnostic a
	 * resolved reference might have had by building its did-you-mean message again, a search over
	 * all n facts for each of the n references (the language server's unknown-name edits).
	 */
	@Test
	void oneUnknownNameDoesNotMakeEveryResolvedNameSearchTheScope() {
		assertLinear("one unknown name among many resolved ones", n -> {
			StringBuilder s = new StringBuilder("package scale\nfacts {\n");
			for (int i = 0; i < n; i++) {
				s.append("  fact_").append(i).append('\n');
			}
			s.append("}\noutcomes { X }\npolicy p first {\n  fact_unknown -> X\n");
			for (int i = 0; i < n; i++) {
				s.append("  fact_").append(i).append(" -> X\n");
			}
			return s.append("}\n").toString();
		}, 1500);
	}

	/**
	 * Four times the input allocates less than six times the bytes (linear work is four times,
	 * plus fixed costs; quadratic work would be near sixteen).
	 */
	private void assertLinear(String what, IntFunction<String> input, int n) {
		allocatedToCheck(input.apply(n / 4)); // warm-up: classes, caches
		long small = allocatedToCheck(input.apply(n));
		long large = allocatedToCheck(input.apply(4 * n));
		double ratio = (double) large / small;
		System.out.printf("%s: %d -> %d bytes, %d -> %d bytes, ratio %.2f%n", what, n, small, 4 * n, large, ratio);
		assertTrue(ratio < 6, what + ": " + n + " -> " + small + " bytes, " + 4 * n + " -> " + large + " bytes, ratio " + ratio);
	}

	/** Bytes allocated by this thread to check the text (parse, link, validate, lower). */
	long allocatedToCheck(String text) {
		return DeepStack.call(() -> {
			try {
				Path f = dir.resolve("scale.mapl");
				Files.writeString(f, text);
				var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
				long before = threads.getCurrentThreadAllocatedBytes();
				MaplCompiler.create().compile(List.of(f)); // on this (deep) thread: DeepStack runs it here
				return threads.getCurrentThreadAllocatedBytes() - before;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private Compilation compile(String text) throws IOException {
		Path f = dir.resolve("t.mapl");
		Files.writeString(f, text);
		return MaplCompiler.create().compile(List.of(f));
	}

	private static int depth(EObject o) {
		int d = 0;
		for (EObject c = o.eContainer(); c != null; c = c.eContainer()) {
			d++;
		}
		return d;
	}

	private static int depth(INode n) {
		int d = 0;
		for (INode p = n.getParent(); p != null; p = p.getParent()) {
			d++;
		}
		return d;
	}
}
