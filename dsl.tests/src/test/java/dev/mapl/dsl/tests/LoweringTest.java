package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import dev.mapl.interp.Decision;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Expr;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.util.List;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** AST to IR, and the reference interpreter's semantics on the lowered policies. */
@ExtendWith(InjectionExtension.class)
@InjectWith(MaplInjectorProvider.class)
class LoweringTest {

	@Inject
	MaplTesting mapl;

	@Test
	void cardExampleLowersWithQualifiedNamesLineNamesAndAssumptions() {
		Model m = mapl.lower(Samples.CARD);
		assertEquals(List.of("VM_PFNMAP", "MTE_ALLOWED", "prot", "guest.mte"), m.facts().stream().map(f -> f.name()).toList());
		assertEquals(List.of("Device", "NormalNC", "Normal"), m.outcomes().stream().map(o -> o.name()).toList());
		assertEquals(List.of("cacheable"), m.outcome(2).attributes());
		Policy p = m.policies().get(0);
		assertEquals("stage2", p.name());
		assertEquals(HitPolicy.FIRST, p.hitPolicy());
		assertEquals(List.of(0, 1, 2, 3), p.inputs());
		assertEquals(2, p.assumptions().size(), "the file-level assumption applies, then the policy's own");
		assertEquals(List.of("line 18", "line 19", "line 20"), p.rules().stream().map(r -> r.name()).toList());
		assertTrue(p.rules().get(0).guard().isPresent());
		assertTrue(p.rules().get(2).otherwise());
		assertEquals("a.mapl", p.rules().get(0).span().file());
		assertEquals(18, p.rules().get(0).span().line());
		assertEquals(5, p.rules().get(0).span().column());
	}

	@Test
	void precedenceAndAssociativity() {
		Model m = mapl.lower(Samples.DECLS + "policy p first {\n    A | B & C => A => B -> Device\n    !prot == N -> Normal\n}\n");
		Expr first = m.policies().get(0).rules().get(0).when();
		// `=>` is loosest and right-associative; `&` binds tighter than `|`.
		Expr.Implies outer = (Expr.Implies) first;
		assertTrue(outer.left() instanceof Expr.Or);
		assertTrue(((Expr.Or) outer.left()).operands().get(1) instanceof Expr.And);
		assertTrue(outer.right() instanceof Expr.Implies);
		// `!` applies to the whole comparison.
		Expr second = m.policies().get(0).rules().get(1).when();
		assertTrue(second instanceof Expr.Not n && n.operand() instanceof Expr.EnumIn);
	}

	@Test
	void docCommentsAttachToDeclarations() {
		Model m = mapl.lower("facts {\n    /** Set by vfio-pci. */\n    A\n}\noutcomes { X }\n/** The stage-2 decision. */\npolicy p first {\n    A -> X\n}\n");
		assertEquals("Set by vfio-pci.", m.fact(0).doc());
		assertEquals("The stage-2 decision.", m.policies().get(0).doc());
	}

	@Test
	void modelAssumptionsJoinOnlyPoliciesThatShareAFact() {
		Model m = mapl.lower("facts { A B C D }\noutcomes { X }\nassume A => B\nassume C => D\n"
				+ "policy p first {\n    A -> X\n}\npolicy q first {\n    D -> X\n}\n");
		Policy p = m.policy("p").orElseThrow();
		Policy q = m.policy("q").orElseThrow();
		assertEquals(List.of(0, 1), p.inputs(), "A pulls in `A => B` and with it B");
		assertEquals(1, p.assumptions().size());
		assertEquals(List.of(2, 3), q.inputs());
	}

	/**
	 * A delegate's assumptions join the delegating policy once each, however many ways it reaches
	 * them (here a diamond, p -> q, r -> s, and a model-level assumption that every one of them
	 * reads), after the model-level ones and in the order the members name them (q's before r's).
	 */
	@Test
	void sharedAssumptionsJoinOnceThroughDelegation() {
		Model m = mapl.lower("facts { A B C D }\noutcomes { X Y }\nassume A => B\n"
				+ "policy s first {\n    assume C => D\n    A -> X\n    otherwise -> Y\n}\n"
				+ "policy q first {\n    assume !D\n    B -> s\n    otherwise -> s\n}\n"
				+ "policy r first {\n    C -> s\n    otherwise -> Y\n}\n"
				+ "policy p first {\n    assume A\n    A -> q\n    B -> r\n    C -> s\n    otherwise -> X\n}\n");
		Policy s = m.policy("s").orElseThrow();
		Policy p = m.policy("p").orElseThrow();
		assertEquals(List.of("A => B", "C => D"), s.assumptions().stream().map(a -> MaplSyntax.expr(m, a.expr())).toList());
		assertEquals(List.of("A => B", "A", "!D", "C => D"),
				p.assumptions().stream().map(a -> MaplSyntax.expr(m, a.expr())).toList());
		assertTrue(p.assumptions().get(0) == s.assumptions().get(0), "the model's assumption, one instance");
	}

	@Test
	void cardExampleDecidesAsWritten() {
		Model m = mapl.lower(Samples.CARD);
		Policy p = m.policies().get(0);
		Interpreter interp = new Interpreter(m);
		// VM_PFNMAP, !MTE_ALLOWED, prot = MT_NORMAL, guest.mte -> NormalNC by the first rule
		Decision d = interp.decide(p, new int[] {1, 0, 0, 1});
		assertEquals("NormalNC", m.outcome(d.outcome()).name());
		assertEquals("line 18", d.firing().orElseThrow().name());
		// the guard is conjoined: without guest.mte the first rule does not match
		assertEquals("Normal", m.outcome(interp.decide(p, new int[] {1, 0, 0, 0}).outcome()).name());
		assertEquals("Device", m.outcome(interp.decide(p, new int[] {0, 0, 4, 0}).outcome()).name());
		// the file-level assumption excludes VM_PFNMAP & MTE_ALLOWED & prot == MT_DEVICE_nGnRE
		assertFalse(interp.isPossible(p, new int[] {1, 1, 3, 0}));
		// 2 * 2 * 5 * 2 = 40 inputs; minus 2 (file assumption) minus those violating the policy's:
		// guest.mte & !MTE_ALLOWED & !VM_PFNMAP = 5 prot values
		assertEquals(33, InputSpace.of(m, p).possibleInputs(interp, p, 1000).size());
		assertTrue(interp.runTest(p, p.tests().get(0), 1000).passed());
	}

	@Test
	void hitPolicies() {
		String decls = "facts { A B }\noutcomes { Device Normal }\n";
		Model m = mapl.lower(decls + "policy f first {\n    A -> Normal\n    B -> Device\n}\n"
				+ "policy u unique {\n    A -> Normal\n    B -> Device\n}\n"
				+ "policy r priority {\n    A -> Normal\n    B -> Device\n}\n");
		Interpreter interp = new Interpreter(m);
		int[] both = {1, 1};
		Decision f = interp.decide(m.policy("f").orElseThrow(), both);
		assertEquals("Normal", m.outcome(f.outcome()).name());
		Decision u = interp.decide(m.policy("u").orElseThrow(), both);
		assertEquals(Decision.Kind.CONFLICT, u.kind());
		assertEquals(2, u.matching().size());
		Decision r = interp.decide(m.policy("r").orElseThrow(), both);
		assertEquals("Device", m.outcome(r.outcome()).name(), "Device is declared first, so it wins");
		assertEquals("line 13", r.firing().orElseThrow().name());
		Decision none = interp.decide(m.policy("f").orElseThrow(), new int[] {0, 0});
		assertEquals(Decision.Kind.NO_RULE, none.kind());
		assertEquals(-1, none.outcome());
	}

	@Test
	void invariantsSeeTheDecision() {
		Model m = mapl.lower(Samples.CARD);
		Policy p = m.policies().get(0);
		Interpreter interp = new Interpreter(m);
		Expr inv = p.invariants().get(0).expr();
		InputSpace.of(m, p).forEachPossible(interp, p, null, 1000, in -> {
			assertTrue(interp.invariantHolds(p, inv, in), java.util.Arrays.toString(in));
			return true;
		});
	}

	@Test
	void failingTestReportsTheFirstFailingCompletion() {
		Model m = mapl.lower("facts { A B }\noutcomes { X Y }\npolicy p first {\n    A & B -> X\n    otherwise -> Y\n"
				+ "    test \"t\": A => X\n}\n");
		Policy p = m.policies().get(0);
		var run = new Interpreter(m).runTest(p, p.tests().get(0), 100);
		assertFalse(run.passed());
		assertEquals("[1, 0]", java.util.Arrays.toString(run.failingInput().orElseThrow()));
	}

	@Test
	void letIsInlinedAndQuotedByItsName() {
		Model m = mapl.lower("facts { A B }\noutcomes { X Y }\nlet both = A & B\npolicy p first {\n    let either = A | B\n"
				+ "    both -> X\n    !either -> Y\n}\n");
		Policy p = m.policies().get(0);
		Expr both = p.rules().get(0).when();
		assertTrue(both instanceof Expr.And a && a.operands().size() == 2);
		assertEquals(5, both.span().column(), "the expansion keeps the span of the name `both` (line 6, column 5)");
		assertEquals(6, both.span().line());
		assertEquals(List.of(0, 1), p.inputs());
		Interpreter interp = new Interpreter(m);
		assertEquals("X", m.outcome(interp.decide(p, new int[] {1, 1}).outcome()).name());
		assertEquals("Y", m.outcome(interp.decide(p, new int[] {0, 0}).outcome()).name());
		assertEquals(Decision.Kind.NO_RULE, interp.decide(p, new int[] {1, 0}).kind());
	}

	@Test
	void compositionDecidesLikeItsParts() {
		Model m = mapl.lower("facts { A B C }\noutcomes { Einval Device Normal Ok }\n"
				+ "policy slot first {\n    A & B -> Einval\n    otherwise -> Ok\n}\n"
				+ "policy fault priority {\n    C -> Device\n    B -> Normal\n}\n"
				+ "policy stage2 first {\n    slot != Ok -> slot\n    otherwise -> fault\n}\n");
		Policy slot = m.policy("slot").orElseThrow();
		Policy fault = m.policy("fault").orElseThrow();
		Policy stage2 = m.policy("stage2").orElseThrow();
		assertEquals(List.of("slot.line 4", "fault.line 8", "fault.line 9"), stage2.rules().stream().map(r -> r.name()).toList(),
				"the Ok rule of `slot` is left out: `slot != Ok` excludes it");
		Interpreter interp = new Interpreter(m);
		int ok = m.outcomeIndex("Ok");
		for (int a = 0; a < 2; a++) {
			for (int b = 0; b < 2; b++) {
				for (int c = 0; c < 2; c++) {
					int[] in = {a, b, c};
					int s = interp.decide(slot, in).outcome();
					int expected = s != ok ? s : interp.decide(fault, in).outcome();
					assertEquals(expected, interp.decide(stage2, in).outcome(), java.util.Arrays.toString(in));
				}
			}
		}
	}

	@Test
	void testingAnotherPolicysDecision() {
		Model m = mapl.lower("facts { A B }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    otherwise -> Y\n}\n"
				+ "policy q first {\n    p == X & B -> Y\n    otherwise -> X\n}\n");
		Policy q = m.policy("q").orElseThrow();
		Interpreter interp = new Interpreter(m);
		assertEquals("Y", m.outcome(interp.decide(q, new int[] {1, 1}).outcome()).name());
		assertEquals("X", m.outcome(interp.decide(q, new int[] {0, 1}).outcome()).name());
	}
}
