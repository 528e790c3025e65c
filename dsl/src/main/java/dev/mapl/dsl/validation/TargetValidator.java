package dev.mapl.dsl.validation;

import dev.mapl.dsl.mapl.CBinding;
import dev.mapl.dsl.mapl.CFactBinding;
import dev.mapl.dsl.mapl.CFile;
import dev.mapl.dsl.mapl.CFunction;
import dev.mapl.dsl.mapl.CInclude;
import dev.mapl.dsl.mapl.COutcomeBinding;
import dev.mapl.dsl.mapl.CRegion;
import dev.mapl.dsl.mapl.CStyle;
import dev.mapl.dsl.mapl.CTarget;
import dev.mapl.dsl.mapl.CTargetMember;
import dev.mapl.dsl.mapl.CUse;
import dev.mapl.dsl.mapl.CValueBinding;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.Rule;
import dev.mapl.dsl.mapl.SymbolRef;
import dev.mapl.dsl.naming.Names;
import dev.mapl.emit.c.CFragments;
import dev.mapl.ir.CTarget.Prototype;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * C targets: every setting a header needs is there once, the prototype is C, and every fact the
 * policy's rules read and every outcome they give has a C binding (a missing one is a diagnostic,
 * never a crash in the emitter).
 */
public class TargetValidator extends MaplCheckBase {

	@Check
	public void checkSettings(CTarget target) {
		String name = targetName(target);
		if (target.getMembers().stream().anyMatch(CRegion.class::isInstance)) {
			// the code goes into the region's file; a `file` is allowed but not needed
			atMostOnce(target, CFile.class, "file", name);
		} else {
			requireOnce(target, CFile.class, "file", name, "file \"arch/arm64/kvm/stage2_memtype.h\"");
		}
		requireOnce(target, CFunction.class, "function", name, "function \"int kvm_s2_memtype(struct kvm *kvm)\"");
		atMostOnce(target, CRegion.class, "region", name);
		atMostOnce(target, CStyle.class, "style", name);
	}

	@Check
	public void checkPrototype(CFunction function) {
		var oneLine = CFragments.prototypeProblem(function.getPrototype());
		if (oneLine.isPresent()) {
			error("prototype `" + CFragments.quoted(function.getPrototype()) + "` " + oneLine.get(), function,
					MaplPackage.Literals.CFUNCTION__PROTOTYPE, IssueCodes.C_BAD_PROTOTYPE,
					"write the prototype on one line, without comments: `int kvm_s2_memtype(struct kvm *kvm, bool exec)`");
		} else if (Prototype.parse(function.getPrototype()).isEmpty()) {
			error("`" + function.getPrototype() + "` is not a C function prototype", function,
					MaplPackage.Literals.CFUNCTION__PROTOTYPE, IssueCodes.C_BAD_PROTOTYPE,
					"write the return type, the name and the parameters: `int kvm_s2_memtype(struct kvm *kvm, bool exec)`");
		}
	}

	@Check
	public void checkFilePath(CFile file) {
		checkPath(file.getPath(), file, MaplPackage.Literals.CFILE__PATH);
	}

	/** `kconfig "KVM"` or `kconfig "KVM && !CPU_BIG_ENDIAN"`: what a Kconfig `depends on` takes. */
	@Check
	public void checkKconfig(dev.mapl.dsl.mapl.CKconfig kconfig) {
		String d = kconfig.getDependency();
		if (!d.matches("\\s*!?\\s*[A-Za-z0-9_]+(\\s*(&&|\\|\\|)\\s*!?\\s*[A-Za-z0-9_]+)*\\s*") || d.contains("CONFIG_")) {
			error("`" + d + "` is not a Kconfig dependency", kconfig, MaplPackage.Literals.CKCONFIG__DEPENDENCY,
					IssueCodes.C_BAD_KCONFIG, "give Kconfig symbols without `CONFIG_`, joined by `&&` or `||`: `KVM`");
		}
	}

	@Check
	public void checkRegionPath(CRegion region) {
		checkPath(region.getPath(), region, MaplPackage.Literals.CREGION__PATH);
	}

	/** Only a plain relative file path: it is joined to the output folder the user gives. */
	private void checkPath(String path, EObject owner, org.eclipse.emf.ecore.EStructuralFeature feature) {
		if (path == null) {
			return; // a syntax error already
		}
		dev.mapl.output.OutputFiles.relativePathProblem(path).ifPresent(problem -> error(problem, owner, feature,
				IssueCodes.C_BAD_PATH, "give a file path relative to the kernel tree, such as "
						+ "`arch/arm64/kvm/stage2_memtype.h`"));
	}

	/** A header name cannot end the `#include` line early (issue 20.3). */
	@Check
	public void checkIncludeIsAHeaderName(CInclude include) {
		String h = include.getHeader();
		CFragments.includeProblem(h).ifPresent(problem -> error("`" + CFragments.quoted(h) + "` " + problem, include,
				MaplPackage.Literals.CINCLUDE__HEADER, IssueCodes.C_BAD_INCLUDE,
				"give one header path such as `linux/kvm_host.h` (letters, digits, `_ . / + -`)"));
	}

	/**
	 * Every C binding is one expression on one line: it is inlined into a one-line call or return,
	 * where a comment, a newline or an unbalanced bracket would swallow or break the code around it
	 * (issue 20.3).
	 */
	@Check
	public void checkBindingIsOneLineOfC(EObject binding) {
		String code;
		String of;
		org.eclipse.emf.ecore.EStructuralFeature feature;
		if (binding instanceof CFactBinding f) {
			code = f.getCode();
			of = "C binding `%s` of fact `" + (f.getFact().eIsProxy() ? "?" : Names.factName(f.getFact())) + "`";
			feature = MaplPackage.Literals.CBINDING__CODE;
		} else if (binding instanceof CValueBinding v) {
			code = v.getCode();
			of = "C constant `%s` of value `" + (v.getValue().eIsProxy() ? "?" : v.getValue().getName()) + "`";
			feature = MaplPackage.Literals.CVALUE_BINDING__CODE;
		} else if (binding instanceof COutcomeBinding o) {
			code = o.getCode();
			of = "C value `%s` of outcome `" + (o.getOutcome().eIsProxy() ? "?" : o.getOutcome().getName()) + "`";
			feature = MaplPackage.Literals.CBINDING__CODE;
		} else {
			return;
		}
		if (code == null) {
			return;
		}
		String what = of.replace("%s", CFragments.quoted(code));
		CFragments.expressionProblem(code).ifPresent(problem -> error(what + " " + problem, binding, feature,
				IssueCodes.C_BAD_BINDING,
				"write one C expression on one line, without comments (a MAPL `//` comment may follow the string)"));
	}

	@Check
	public void checkEveryFactAndOutcomeIsBound(CTarget target) {
		Policy policy = target.getPolicy();
		if (policy == null || policy.eIsProxy()) {
			return;
		}
		Set<Fact> boundFacts = new HashSet<>();
		Set<Outcome> boundOutcomes = new HashSet<>();
		for (CBinding b : bindingsOf(target)) {
			if (b instanceof CFactBinding f && !f.getFact().eIsProxy()) {
				boundFacts.add(f.getFact());
			} else if (b instanceof COutcomeBinding o && !o.getOutcome().eIsProxy()) {
				boundOutcomes.add(o.getOutcome());
			}
		}
		Set<Fact> readFacts = new LinkedHashSet<>();
		Set<Outcome> givenOutcomes = new LinkedHashSet<>();
		collect(policy, new HashSet<>(), readFacts, givenOutcomes);
		String name = targetName(target);
		for (Fact f : readFacts) {
			if (!boundFacts.contains(f)) {
				String fact = Names.factName(f);
				error("fact `" + fact + "` has no C binding in " + name, target, MaplPackage.Literals.CTARGET__POLICY,
						IssueCodes.C_UNBOUND_FACT, "add `fact " + fact + " = \"...\"` to the target or to a `bindings c` block it uses");
			}
		}
		for (Outcome o : givenOutcomes) {
			if (!boundOutcomes.contains(o)) {
				error("outcome `" + o.getName() + "` has no C value in " + name, target,
						MaplPackage.Literals.CTARGET__POLICY, IssueCodes.C_UNBOUND_OUTCOME,
						"add `outcome " + o.getName() + " = \"...\"` to the target or to a `bindings c` block it uses");
			}
		}
	}

	/** A fact or outcome bound twice in one block is a mistake; a target may override what it uses. */
	@Check
	public void checkNoDuplicateBindings(EObject owner) {
		List<? extends EObject> members;
		if (owner instanceof CTarget t) {
			members = t.getMembers();
		} else if (owner instanceof dev.mapl.dsl.mapl.CBindings b) {
			members = b.getBindings();
		} else {
			return;
		}
		Set<EObject> seen = new HashSet<>();
		for (EObject m : members) {
			EObject key = m instanceof CFactBinding f ? f.getFact() : m instanceof COutcomeBinding o ? o.getOutcome() : null;
			if (key != null && !key.eIsProxy() && !seen.add(key)) {
				String what = m instanceof CFactBinding f ? "fact `" + Names.factName(f.getFact()) + "`"
						: "outcome `" + ((COutcomeBinding) m).getOutcome().getName() + "`";
				error(what + " is bound twice", m, null, IssueCodes.C_DUPLICATE_SETTING, "keep one binding");
			}
		}
	}

	/**
	 * The facts a policy's rules read and the outcomes they give, through `let` definitions and
	 * the policies it tests or delegates to.
	 */
	private static void collect(EObject root, Set<EObject> visited, Set<Fact> facts, Set<Outcome> outcomes) {
		if (root == null || root.eIsProxy() || !visited.add(root)) {
			return;
		}
		List<EObject> parts = new ArrayList<>();
		if (root instanceof Policy p) {
			p.getMembers().stream().filter(Rule.class::isInstance).forEach(parts::add);
		} else {
			parts.add(root);
		}
		for (EObject part : parts) {
			if (part instanceof Rule r) {
				if (r.getOutcome() instanceof Outcome o && !o.eIsProxy()) {
					outcomes.add(o);
				} else if (r.getOutcome() instanceof Policy delegate) {
					collect(delegate, visited, facts, outcomes);
				}
			}
			List<SymbolRef> refs = new ArrayList<>(EcoreUtil2.getAllContentsOfType(part, SymbolRef.class));
			if (part instanceof SymbolRef self) {
				refs.add(self);
			}
			for (SymbolRef ref : refs) {
				if (ref.getSymbol() instanceof Fact f && !f.eIsProxy()) {
					facts.add(f);
				} else if (ref.getSymbol() instanceof dev.mapl.dsl.mapl.Let let) {
					collect(let.getExpr(), visited, facts, outcomes);
				} else if (ref.getSymbol() instanceof Policy tested) {
					// testing another policy's decision reads that policy's facts, not its outcomes
					Set<Outcome> ignored = new HashSet<>();
					collect(tested, new HashSet<>(visited), facts, ignored);
				}
			}
		}
	}

	static List<CBinding> bindingsOf(CTarget target) {
		List<CBinding> out = new ArrayList<>();
		for (CTargetMember m : target.getMembers()) {
			if (m instanceof CUse u && u.getBindings() != null && !u.getBindings().eIsProxy()) {
				out.addAll(u.getBindings().getBindings());
			}
		}
		for (CTargetMember m : target.getMembers()) {
			if (m instanceof CBinding b) {
				out.add(b);
			}
		}
		return out;
	}

	private static String targetName(CTarget target) {
		return "`target c " + (target.getPolicy() == null || target.getPolicy().eIsProxy() ? "?"
				: target.getPolicy().getName()) + "`";
	}

	private void requireOnce(CTarget target, Class<? extends CTargetMember> type, String keyword, String name,
			String example) {
		long n = target.getMembers().stream().filter(type::isInstance).count();
		if (n == 0) {
			error(name + " needs a `" + keyword + "`", target, MaplPackage.Literals.CTARGET__POLICY,
					IssueCodes.C_MISSING_SETTING, "add `" + example + "`");
		}
		atMostOnce(target, type, keyword, name);
	}

	private void atMostOnce(CTarget target, Class<? extends CTargetMember> type, String keyword, String name) {
		List<? extends CTargetMember> found = target.getMembers().stream().filter(type::isInstance).toList();
		for (int i = 1; i < found.size(); i++) {
			error(name + " has more than one `" + keyword + "`", found.get(i), null, IssueCodes.C_DUPLICATE_SETTING,
					"keep one");
		}
	}
}
