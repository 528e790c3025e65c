package dev.mapl.dsl.validation;

import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Model;
import org.eclipse.xtext.validation.Check;

/**
 * Limits of the analysis, reported at the declaration that goes past them instead of failing
 * inside the BDD kernel: values per enum (an enum is encoded in at most 6 bits) and facts per file
 * (one BDD variable or more each). The nesting depth and the file size are limits of the parser
 * ({@code dev.mapl.dsl.parser.InputLimits}); the total over all files is checked after lowering.
 */
public class LimitValidator extends MaplCheckBase {

	/** Values an enum fact may have. */
	public static final int MAX_ENUM_VALUES = 64;

	/** Facts a file (and a whole model) may declare. */
	public static final int MAX_FACTS = 10_000;

	@Check
	public void checkEnumSize(EnumFact e) {
		int n = e.getValues().size();
		if (n > MAX_ENUM_VALUES) {
			error("enum `" + e.getName() + "` has " + n + " values, more than the " + MAX_ENUM_VALUES + " an enum may have",
					e, MaplPackage.Literals.SYMBOL__NAME, IssueCodes.LIMIT_ENUM_VALUES,
					"split it into several enums, or group values that every rule treats alike");
		}
	}

	@Check
	public void checkFactCount(Model model) {
		int seen = 0;
		for (var element : model.getElements()) {
			if (element instanceof FactGroup g) {
				for (Fact f : g.getFacts()) {
					if (++seen == MAX_FACTS + 1) {
						error("more than " + MAX_FACTS + " facts are declared in this file", f,
								MaplPackage.Literals.SYMBOL__NAME, IssueCodes.LIMIT_FACTS,
								"split the model into packages; a policy reads only the facts it names");
						return;
					}
				}
			}
		}
	}
}
