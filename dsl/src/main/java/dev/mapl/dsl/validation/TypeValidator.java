package dev.mapl.dsl.validation;

import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.BoolFact;
import dev.mapl.dsl.mapl.Comparison;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Membership;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.PolicyTest;
import dev.mapl.dsl.mapl.Symbol;
import dev.mapl.dsl.mapl.SymbolRef;
import dev.mapl.dsl.mapl.TestLiteral;
import dev.mapl.dsl.naming.Names;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * Types: booleans are used as booleans, enums are compared with their own values, and outcomes
 * and attributes appear only in invariants.
 */
public class TypeValidator extends MaplCheckBase {

	@Check
	public void checkSymbolUse(SymbolRef ref) {
		if (!ref.eIsSet(MaplPackage.Literals.SYMBOL_REF__SYMBOL) || ref.getSymbol().eIsProxy()) {
			return;
		}
		Symbol symbol = ref.getSymbol();
		boolean compared = ref.eContainer() instanceof Comparison || ref.eContainer() instanceof Membership;
		if (compared) {
			return; // checkComparison
		}
		if (symbol instanceof EnumFact e) {
			String name = Names.factName(e);
			error("enum fact `" + name + "` is used as a boolean", ref, null, IssueCodes.ENUM_AS_BOOLEAN,
					"compare it with a value: `" + name + " == " + someValue(e) + "` or `" + name
							+ " in {...}`");
		}
		// only for outcomes and attributes: the walk up is as long as the expression is deep
		boolean inInvariant = (symbol instanceof Outcome || symbol instanceof Attribute)
				&& EcoreUtil2.getContainerOfType(ref, Invariant.class) != null;
		if (symbol instanceof Outcome o && !inInvariant) {
			error("outcome `" + o.getName() + "` is used as a fact", ref, null, IssueCodes.OUTCOME_AS_FACT,
					"outcomes and their attributes may appear only in invariants");
		}
		if (symbol instanceof dev.mapl.dsl.mapl.Policy p) {
			error("policy `" + p.getName() + "` is used as a boolean", ref, null, IssueCodes.POLICY_AS_FACT,
					"compare its decision: `" + p.getName() + " != Ok` or `" + p.getName() + " in {...}`");
		}
		if (symbol instanceof Attribute a && !inInvariant) {
			error("attribute `" + a.getName() + "` is used as a fact", ref, null, IssueCodes.ATTRIBUTE_AS_FACT,
					"outcomes and their attributes may appear only in invariants");
		}
	}

	@Check
	public void checkComparison(Comparison c) {
		checkComparedSymbol(c.getSubject(), c.getOp() == dev.mapl.dsl.mapl.CompareOp.EQ ? "==" : "!=");
	}

	@Check
	public void checkMembership(Membership m) {
		checkComparedSymbol(m.getSubject(), "in");
	}

	private void checkComparedSymbol(SymbolRef subject, String op) {
		if (subject == null || subject.getSymbol() == null || subject.getSymbol().eIsProxy()
				|| subject.getSymbol() instanceof EnumFact || subject.getSymbol() instanceof dev.mapl.dsl.mapl.Policy) {
			return;
		}
		Symbol s = subject.getSymbol();
		String name = Names.symbolName(s);
		String help = s instanceof BoolFact ? "`" + name + "` is a boolean: write `" + name + "` or `!" + name + "`"
				: "only enum facts have values";
		error(Names.kind(s) + " `" + name + "` is not an enum fact; `" + op + "` compares an enum fact with its values",
				subject, null, IssueCodes.NOT_AN_ENUM, help);
	}

	@Check
	public void checkTestLiteral(TestLiteral lit) {
		Fact fact = lit.getFact();
		if (fact == null || fact.eIsProxy()) {
			return;
		}
		String name = Names.factName(fact);
		if (fact instanceof EnumFact e && (lit.getValue() == null || lit.isNegated())) {
			error("enum fact `" + name + "` needs one value in a test", lit, null, IssueCodes.TEST_ENUM_NEEDS_VALUE,
					"write `" + name + " = " + someValue(e) + "`");
		}
		if (fact instanceof BoolFact && lit.eIsSet(MaplPackage.Literals.TEST_LITERAL__VALUE)) {
			error("fact `" + name + "` is a boolean and takes no value", lit, null, IssueCodes.TEST_BOOLEAN_WITH_VALUE,
					"write `" + name + "` or `!" + name + "`");
		}
	}

	@Check
	public void checkTestFixesFactsOnce(PolicyTest test) {
		Set<Fact> seen = new HashSet<>();
		for (TestLiteral lit : test.getLiterals()) {
			if (lit.getFact() != null && !lit.getFact().eIsProxy() && !seen.add(lit.getFact())) {
				error("test `" + test.getName() + "` fixes `" + Names.factName(lit.getFact()) + "` twice", lit, null,
						IssueCodes.TEST_FACT_FIXED_TWICE, "keep one value for each fact");
			}
		}
	}

	/** A value to show in help; an enum whose values did not parse has none yet (found by fuzzing). */
	private static String someValue(EnumFact e) {
		return e.getValues().stream().map(v -> v.getName()).filter(n -> n != null).findFirst().orElse("VALUE");
	}
}
