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

	/** Composition must bottom out: a policy may not test or delegate to itself, directly or not. */
	@Check
	public void checkNoCompositionCycle(Policy policy) {
		java.util.Deque<java.util.List<Policy>> paths = new java.util.ArrayDeque<>();
		paths.push(List.of(policy));
		java.util.Set<Policy> seen = new java.util.HashSet<>();
		while (!paths.isEmpty()) {
			List<Policy> path = paths.pop();
			Policy last = path.get(path.size() - 1);
			for (Policy next : referencedPolicies(last)) {
				if (next == policy) {
					String via = path.size() == 1 ? "" : " through " + String.join(", ",
							path.subList(1, path.size()).stream().map(p -> "`" + p.getName() + "`").toList());
					error("policy `" + policy.getName() + "` depends on itself" + via, policy,
							MaplPackage.Literals.SYMBOL__NAME, IssueCodes.POLICY_CYCLE,
							"a policy may test or delegate to other policies only");
					return;
				}
				if (seen.add(next)) {
					List<Policy> longer = new java.util.ArrayList<>(path);
					longer.add(next);
					paths.push(longer);
				}
			}
		}
	}

	private static java.util.Set<Policy> referencedPolicies(Policy p) {
		java.util.Set<Policy> out = new java.util.LinkedHashSet<>();
		for (PolicyMember m : p.getMembers()) {
			if (m instanceof Rule r && r.getOutcome() instanceof Policy d && !d.eIsProxy()) {
				out.add(d);
			}
			for (var ref : org.eclipse.xtext.EcoreUtil2.getAllContentsOfType(m, dev.mapl.dsl.mapl.SymbolRef.class)) {
				if (ref.getSymbol() instanceof Policy t && !t.eIsProxy()) {
					out.add(t);
				}
			}
		}
		return out;
	}
}
