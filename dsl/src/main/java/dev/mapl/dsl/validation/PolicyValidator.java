package dev.mapl.dsl.validation;

import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.PolicyMember;
import dev.mapl.dsl.mapl.Rule;
import java.util.List;
import org.eclipse.xtext.validation.Check;

/** The static shape of a policy; what its rules decide is {@link PolicyAnalysisValidator}'s job. */
public class PolicyValidator extends MaplCheckBase {

	@Check
	public void checkOtherwiseIsLast(Policy policy) {
		List<Rule> rules = policy.getMembers().stream().filter(Rule.class::isInstance).map(Rule.class::cast).toList();
		for (int i = 0; i < rules.size() - 1; i++) {
			if (rules.get(i).isOtherwise()) {
				error("`otherwise` must be the last rule of policy `" + policy.getName() + "`", rules.get(i),
						MaplPackage.Literals.RULE__OTHERWISE, IssueCodes.OTHERWISE_NOT_LAST,
						"move it after `" + describe(rules.get(rules.size() - 1)) + "`, or give it a condition");
			}
		}
	}

	@Check
	public void checkOtherwiseHasNoGuard(Rule rule) {
		if (rule.isOtherwise() && rule.getGuard() != null) {
			error("`otherwise` matches every input and takes no `if` guard", rule, MaplPackage.Literals.RULE__GUARD,
					IssueCodes.OTHERWISE_GUARDED, "write the guard as the rule's condition instead");
		}
	}

	static String describe(PolicyMember m) {
		if (m instanceof Rule r && r.getName() != null) {
			return r.getName();
		}
		var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(m);
		return node == null ? "the last rule" : "line " + node.getStartLine();
	}
}
