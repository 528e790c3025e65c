package dev.mapl.emit.java;

import dev.mapl.ir.MaplSyntax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import dev.mapl.synth.PolicySynthesizer;
import dev.mapl.synth.PolicySynthesizer.Spec;
import dev.mapl.testing.IrBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Edge cases of the Java backend: names, empty and degenerate policies, provenance, determinism. */
class JavaEmitterTest {

	/** Compiles (strictly), loads and checks every case against the interpreter. */
	static Map<String, GeneratedPolicy> compileAndCheck(Map<String, JavaEmitter.JavaFile> files, Map<String, Model> models) {
		Map<String, String> sources = new LinkedHashMap<>();
		files.forEach((k, f) -> sources.put(f.className(), f.content()));
		ClassLoader loader = InMemoryJavac.compile(sources).loader();
		Map<String, GeneratedPolicy> out = new LinkedHashMap<>();
		for (var e : files.entrySet()) {
			Model m = models.get(e.getKey());
			try {
				GeneratedPolicy g = new GeneratedPolicy(m, m.policies().get(0), loader.loadClass(e.getValue().className()));
				Conformance.check(g, 2000, 1);
				out.put(e.getKey(), g);
			} catch (ReflectiveOperationException | AssertionError ex) {
				throw new AssertionError(e.getKey() + ": " + ex.getMessage() + "\n" + e.getValue().content(), ex);
			}
		}
		return out;
	}

	static Map<String, JavaEmitter.JavaFile> bothStyles(String name, Model m, Map<String, Model> models) {
		Map<String, JavaEmitter.JavaFile> out = new LinkedHashMap<>();
		for (JavaEmitter.Style s : List.of(JavaEmitter.Style.TABLE, JavaEmitter.Style.BRANCHES)) {
			String pkg = "edge." + name + "." + s.name().toLowerCase(java.util.Locale.ROOT);
			out.put(pkg, JavaEmitter.emit(m, m.policies().get(0), JavaEmitter.Options.of("test").withPackage(pkg).withStyle(s)));
			models.put(pkg, m);
		}
		return out;
	}

	static final SourceSpan S = new SourceSpan("names.mapl", 0, 0, 1, 1);

	/** Names that are Java keywords, clash with generated members, or with each other. */
	static Model awkwardNames() {
		List<Fact> facts = List.of(new Fact("class", List.of(), "a \\u0041 backslash-u, a */ and an \u00e9", S),
				new Fact("a.b_c", List.of(), "", S), new Fact("a_b.c", List.of(), "", S),
				new Fact("rule", List.of("int", "new", "V"), "", S), new Fact("facts", List.of(), "", S),
				new Fact("decisionTable", List.of(), "", S), new Fact("one", List.of("only"), "", S));
		List<Outcome> outcomes = List.of(new Outcome(0, "true", List.of("default"), "", S),
				new Outcome(1, "Outcome", List.of("is"), "<b>", S));
		SourceSpan s = S;
		List<Rule> rules = List.of(
				new Rule(0, "label", true, false, new Expr.And(List.of(new Expr.BoolFact(0, s), new Expr.EnumIn(3, Set.of(1), s),
						new Expr.EnumIn(6, Set.of(0), s)), s), Optional.empty(), 1, "", new SourceSpan("names.mapl", 0, 0, 3, 1)),
				new Rule(1, "a.b", true, false, new Expr.Or(List.of(new Expr.BoolFact(1, s), new Expr.BoolFact(2, s)), s),
						Optional.of(new Expr.Not(new Expr.BoolFact(4, s), s)), 0, "", new SourceSpan("names.mapl", 0, 0, 4, 1)),
				new Rule(2, "a_b", true, false, new Expr.Implies(new Expr.BoolFact(5, s), new Expr.EnumIn(3, Set.of(0, 2), s),
						s), Optional.empty(), 1, "", new SourceSpan("names.mapl", 0, 0, 5, 1)),
				new Rule(3, "line 6", false, true, new Expr.Const(true, s), Optional.empty(), 0, "",
						new SourceSpan("names.mapl", 0, 0, 6, 1)));
		Policy p = new Policy("pkg.int.string", HitPolicy.FIRST, List.of(0, 1, 2, 3, 4, 5, 6), List.of(), rules, List.of(),
				List.of(), "A doc with */ in it? No: with * / and \\uD800.", S);
		return new Model(facts, outcomes, List.of(), List.of(p));
	}

	@Test
	void awkwardNamesCompileAndAgree() {
		Map<String, Model> models = new LinkedHashMap<>();
		Map<String, JavaEmitter.JavaFile> files = bothStyles("names", awkwardNames(), models);
		JavaEmitter.JavaFile f = files.values().iterator().next();
		assertEquals("edge.names.table.StringPolicy", f.className());
		assertTrue(f.content().contains("public enum RuleFact {"), f.content());
		assertTrue(f.content().contains("A_B_C_BIT"), "the second a.b_c/a_b.c bit gets a suffix");
		// the class comment's layout of a packed input, down to a one-value enum that takes no bits
		assertTrue(f.content().contains("\n * <li>{@code rule}: bits 3-4 ({@link #RULE_SHIFT}, {@link #RULE_MASK}, {@link RuleFact}).\n"),
				f.content());
		assertTrue(f.content().contains("\n * <li>{@code one}: no bits (one value) ({@link #ONE_SHIFT}, {@link #ONE_MASK}, {@link One});"
				+ " the decision does not depend on it.\n"), f.content());
		compileAndCheck(files, models);
	}

	/**
	 * Facts, values, outcomes and rules named like the members and locals the emitter generates
	 * (issue 15.5: an enum fact {@code outcome} made a second {@code outcomeByCode} field).
	 */
	@Test
	void namesOfGeneratedMembersAreNeverTaken() {
		Model m = new IrBuilder().enumeration("outcome", "a", "b", "c").enumeration("decision_table", "x", "y", "z")
				.enumeration("outcomeBy", "p", "q", "s")
				.bool("outcomeByCode", "decisionTableByCode", "r", "table", "key", "block", "i", "code", "facts", "index",
						"lookup", "decode_table", "tableText", "label", "line", "subtree1", "decideKey")
				.outcome("Outcome").outcome("Rule").outcome("outcomeByCode").policy("names", HitPolicy.FIRST)
				.rule("Outcome", "outcome == b & r", "Rule")
				.rule("outcomeByCode", "decision_table == y & outcomeByCode", "Outcome")
				.rule("Rule", "outcomeBy == q & table & key", "outcomeByCode")
				// Never matches: its facts are inputs the decision does not depend on.
				.rule("label", "r & !r & decisionTableByCode & facts & index & lookup & decode_table & tableText & label"
						+ " & line & subtree1 & decideKey", "Outcome")
				.otherwise("Rule").end().build();
		Map<String, Model> models = new LinkedHashMap<>();
		compileAndCheck(bothStyles("members", m, models), models);
	}

	/** Enough rules that {@code rule(...)} is split into methods, which declare a local {@code r}. */
	@Test
	void aFactNamedLikeALocalOfTheSplitRuleMethod() {
		String[] bools = {"r", "table", "key", "block", "i", "code"};
		IrBuilder.PolicyBuilder p = new IrBuilder().bool(bools).outcome("X").outcome("Y").policy("chunks", HitPolicy.FIRST);
		for (int k = 0; k < 300; k++) {
			p.rule("c" + k, bools[k % 6] + " & !" + bools[(k / 6 + 1 + k % 6) % 6] + " & " + bools[(k / 36 + 2) % 6]
					+ " & !" + bools[(k + 3) % 6], k % 2 == 0 ? "X" : "Y");
		}
		Model m = p.otherwise("Y").end().build();
		Map<String, Model> models = new LinkedHashMap<>();
		Map<String, JavaEmitter.JavaFile> files = bothStyles("chunks", m, models);
		assertTrue(files.get("edge.chunks.branches").content().contains("Rule r;"), "rule(...) is split");
		compileAndCheck(files, models);
	}

	/**
	 * Issue 20.11: the constant of an unlabelled rule was named after its line ({@code line_10}), so
	 * reformatting the file renamed public API. It is named by its position among the rules.
	 */
	@Test
	void anUnlabelledRuleKeepsItsConstantWhenItMovesToAnotherLine() {
		Model m = new IrBuilder().bool("a", "b").outcome("X").outcome("Y").policy("p", HitPolicy.FIRST).rule("a", "X")
				.rule("named", "b", "Y").rule("a & b", "Y").otherwise("X").end().build();
		Policy p = m.policies().get(0);
		String src = JavaEmitter.emit(m, p, JavaEmitter.Options.of("x")).content();
		assertTrue(src.contains("rule1(\"line "), src);
		assertTrue(src.contains("rule3(\"line "), src);
		assertTrue(src.contains("named(\"named\""), src);
		assertFalse(src.contains("line_"), src);
		// The same policy ten lines further down.
		List<Rule> moved = p.rules().stream().map(r -> new Rule(r.index(), r.labelled() ? r.name() : r.otherwise()
				? r.name() : "line " + (r.span().line() + 10), r.labelled(), r.otherwise(), r.when(), r.guard(), r.outcome(),
				r.doc(), new SourceSpan(r.span().file(), r.span().offset() + 100, r.span().length(), r.span().line() + 10,
						r.span().column()))).toList();
		Policy q = new Policy(p.name(), p.hitPolicy(), p.inputs(), p.assumptions(), moved, p.invariants(), p.tests(),
				p.doc(), p.span());
		Model mq = new Model(m.facts(), m.outcomes(), m.assumptions(), List.of(q));
		String after = JavaEmitter.emit(mq, q, JavaEmitter.Options.of("x")).content();
		assertEquals(constants(src), constants(after));
	}

	private static List<String> constants(String src) {
		return src.lines().filter(l -> l.matches("\\s+\\w+\\(\"[^\"]*\", \\d+, .*")).map(l -> l.strip().replaceAll("\\(.*", ""))
				.toList();
	}

	@Test
	void thePolicyPackageIsTheDefault() {
		Model m = awkwardNames();
		JavaEmitter.JavaFile f = JavaEmitter.emit(m, m.policies().get(0), JavaEmitter.Options.of("x"));
		assertEquals("pkg.int_.StringPolicy", f.className());
		assertEquals("pkg/int_/StringPolicy.java", f.path());
	}

	/**
	 * A rule and an assumption of thousands of operands (what nested compositions lower to): javac
	 * refuses a method over 64 KB of bytecode ("code too large"), so the emitter cuts such conditions
	 * into methods of their own (found by the composition differential test).
	 */
	@Test
	void conditionsTooLargeForOneMethodAreCutIntoMethods() {
		java.util.Random random = new java.util.Random(1);
		String[] facts = new String[12];
		for (int i = 0; i < facts.length; i++) {
			facts[i] = "f" + i;
		}
		StringBuilder rule = new StringBuilder();
		StringBuilder assumption = new StringBuilder("!(");
		for (int t = 0; t < 6000; t++) {
			rule.append(t == 0 ? "" : " | ").append(term(random, facts));
			if (t < 3000) {
				assumption.append(t == 0 ? "" : " | ").append(term(random, facts)).append(" & ").append(term(random, facts));
			}
		}
		assumption.append(")");
		Model m = new IrBuilder().bool(facts).outcome("X").outcome("Y").policy("p", HitPolicy.FIRST)
				.assume(assumption.toString()).rule("huge", rule.toString(), "X").otherwise("Y").end().build();
		Map<String, Model> models = new LinkedHashMap<>();
		Map<String, JavaEmitter.JavaFile> files = bothStyles("huge", m, models);
		compileAndCheck(files, models);
		assertTrue(files.get("edge.huge.table").content().contains("private static boolean condition1("));
	}

	private static String term(java.util.Random random, String[] facts) {
		StringBuilder t = new StringBuilder("(");
		for (int k = 0; k < 3; k++) {
			t.append(k == 0 ? "" : " & ").append(random.nextBoolean() ? "!" : "").append(facts[random.nextInt(facts.length)]);
		}
		return t.append(")").toString();
	}

	@Test
	void degeneratePoliciesCompileAndAgree() {
		Map<String, Model> models = new LinkedHashMap<>();
		Map<String, JavaEmitter.JavaFile> files = new LinkedHashMap<>();
		// No rules at all: every decision is null.
		files.putAll(bothStyles("empty", new IrBuilder().bool("a").outcome("X").policy("p", HitPolicy.FIRST).end().build(),
				models));
		// No inputs: otherwise only.
		files.putAll(bothStyles("constant", new IrBuilder().outcome("X").outcome("Y").policy("p", HitPolicy.FIRST)
				.otherwise("Y").end().build(), models));
		// Contradictory assumptions: nothing is possible.
		files.putAll(bothStyles("contradiction", new IrBuilder().bool("a", "b").outcome("X").outcome("Y")
				.policy("p", HitPolicy.PRIORITY).assume("a").assume("!a").rule("r", "b", "X").otherwise("Y").end().build(),
				models));
		// A gap: no rule for !a.
		files.putAll(bothStyles("gap", new IrBuilder().bool("a", "b").enumeration("e", "x", "y", "z").outcome("X")
				.outcome("Y").policy("p", HitPolicy.UNIQUE).rule("r1", "a & e != y", "X").rule("r2", "a & e == y", "Y")
				.end().build(), models));
		Map<String, GeneratedPolicy> gs = compileAndCheck(files, models);
		GeneratedPolicy empty = gs.get("edge.empty.table");
		assertEquals(-1, empty.decide(new int[] {1}));
		assertNull(empty.ruleValue(new int[] {0}));
		assertTrue(files.get("edge.gap.branches").content().contains("return null;"));
	}

	@Test
	void aKeyWiderThanALongIsDecidedOnTypedParameters() {
		// Rule i reads fact i: the decision depends on all 70 facts and an enum, 72 bits in all.
		IrBuilder b = new IrBuilder().enumeration("e", "x", "y", "z");
		String[] names = new String[70];
		for (int i = 0; i < names.length; i++) {
			names[i] = "f" + i;
		}
		b.bool(names).outcome("X").outcome("Y").outcome("Z");
		IrBuilder.PolicyBuilder p = b.policy("wide", HitPolicy.FIRST).rule("first", "e == y & f3", "Z");
		for (int i = 0; i < names.length; i++) {
			p.rule("r" + i, names[i] + (i % 3 == 0 ? " & e != z" : ""), i % 2 == 0 ? "X" : "Y");
		}
		Model m = p.otherwise("Z").end().build();
		Map<String, Model> models = new LinkedHashMap<>();
		Map<String, JavaEmitter.JavaFile> files = new LinkedHashMap<>();
		files.put("edge.wide", JavaEmitter.emit(m, m.policies().get(0), JavaEmitter.Options.of("x").withPackage("edge.wide")));
		models.put("edge.wide", m);
		JavaEmitter.JavaFile f = files.get("edge.wide");
		assertTrue(f.keyBits() > 64, "key of " + f.keyBits() + " bits");
		assertFalse(f.content().contains("decide(long facts)"), "no packed form past 64 bits");
		assertTrue(f.content().contains("\n *\n * <p>The facts take 72 bits, more than a {@code long} holds: there is no packed form.\n *\n"),
				f.content());
		compileAndCheck(files, models);
	}

	@Test
	void outputIsDeterministicAndCarriesItsProvenance() {
		Spec spec = Spec.of(6, 2, 20, HitPolicy.PRIORITY, 3);
		Model a = PolicySynthesizer.synthesize(spec);
		Model b = PolicySynthesizer.synthesize(spec);
		for (JavaEmitter.Style s : JavaEmitter.Style.values()) {
			JavaEmitter.Options o = JavaEmitter.Options.of("./mapl compile synth.mapl --java-out gen").withStyle(s);
			String x = JavaEmitter.emit(a, a.policies().get(0), o).content();
			assertEquals(x, JavaEmitter.emit(b, b.policies().get(0), o).content());
			assertTrue(x.startsWith("// Do not edit: generated by MAPL from the policy `synth` in:\n//     synth.mapl\n"
					+ "// To regenerate: ./mapl compile synth.mapl --java-out gen\n"), x);
			assertFalse(x.contains("/tmp") || x.contains("/work") || x.contains("\r") || x.contains("\t"));
			assertTrue(x.lines().allMatch(l -> l.equals(l.stripTrailing())), "no trailing whitespace");
		}
	}

	@Test
	void everyRuleHasAComment() {
		Model m = PolicySynthesizer.synthesize(Spec.of(5, 1, 12, HitPolicy.FIRST, 11));
		String src = JavaEmitter.emit(m, m.policies().get(0), JavaEmitter.Options.of("x")).content();
		for (Rule r : m.policies().get(0).rules()) {
			assertTrue(src.contains("// " + MaplSyntax.rule(m, r)), r.name());
		}
	}

	@Test
	void aTableIsChosenUpToTheThreshold() {
		Model small = PolicySynthesizer.synthesize(Spec.of(6, 1, 20, HitPolicy.FIRST, 4).withOtherwise(true));
		assertEquals(JavaEmitter.Style.TABLE, JavaEmitter.emit(small, small.policies().get(0), JavaEmitter.Options.of("x"))
				.style());
		Model big = PolicySynthesizer.synthesize(Spec.of(16, 4, 300, HitPolicy.UNIQUE, 21).withExclusive(true));
		JavaEmitter.JavaFile f = JavaEmitter.emit(big, big.policies().get(0), JavaEmitter.Options.of("x"));
		assertTrue(f.keyBits() > JavaEmitter.TABLE_THRESHOLD_BITS);
		assertEquals(JavaEmitter.Style.BRANCHES, f.style());
		assertThrows(JavaEmitException.class, () -> JavaEmitter.emit(big, big.policies().get(0), JavaEmitter.Options.of("x")
				.withStyle(JavaEmitter.Style.TABLE)));
	}

	@Test
	void assumptionsOverOtherFactsAreDocumented() {
		Model m = new IrBuilder().bool("a", "b").outcome("X").outcome("Y").policy("p", HitPolicy.FIRST)
				.assume("a => b").rule("r", "a", "X").otherwise("Y").end().build();
		String src = JavaEmitter.emit(m, m.policies().get(0), JavaEmitter.Options.of("x")).content();
		assertTrue(src.contains("<li>{@code a => b}"), src);
		assertTrue(src.contains("Impossible inputs"), src);
	}
}
