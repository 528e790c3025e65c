package dev.mapl.emit.c;

import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Model;
import dev.mapl.ir.Rule;

/** How the kernel C backend names and quotes rules; the MAPL printing itself is {@link MaplSyntax}. */
final class MaplText {

	private MaplText() {
	}

	/** {@code label: when -> Outcome if guard}. */
	static String rule(Model model, Rule r) {
		return MaplSyntax.rule(model, r);
	}

	/** How generated code names a rule: its label, {@code otherwise}, or {@code rule at line N}. */
	static String ruleName(Rule r) {
		if (r.labelled()) {
			return r.name();
		}
		if (r.otherwise()) {
			return "otherwise";
		}
		return r.span().line() > 0 ? "rule at line " + r.span().line() : r.name();
	}
}
