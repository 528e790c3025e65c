package dev.mapl.dsl.linking;

import com.google.inject.Inject;
import dev.mapl.dsl.mapl.Comparison;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Membership;
import dev.mapl.dsl.mapl.SymbolRef;
import dev.mapl.dsl.mapl.TestLiteral;
import dev.mapl.dsl.naming.Names;
import dev.mapl.dsl.validation.IssueCodes;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.util.IResourceScopeCache;

/**
 * Unresolved names get a MAPL code, a plain message and a "did you mean" help (carried as the
 * diagnostic's first data element, see {@link dev.mapl.dsl.validation.Help}).
 */
public class MaplLinkingDiagnosticMessageProvider extends LinkingDiagnosticMessageProvider {

	@Inject
	private IScopeProvider scopeProvider;

	@Inject
	private IResourceScopeCache cache;

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		EObject owner = context.getContext();
		EReference ref = context.getReference();
		String name = context.getLinkText();
		if (ref == MaplPackage.Literals.COMPARISON__VALUE || ref == MaplPackage.Literals.MEMBERSHIP__VALUES
				|| ref == MaplPackage.Literals.TEST_LITERAL__VALUE) {
			EObject subject = subjectOf(owner);
			if (subject instanceof dev.mapl.dsl.mapl.Policy p) {
				return new DiagnosticMessage("`" + name + "` is not an outcome that policy `" + p.getName() + "` can decide",
						Severity.ERROR, IssueCodes.UNKNOWN_NAME, closestHelp(owner, ref, name, "outcomes are declared in an `outcomes { ... }` block"));
			}
			if (!(subject instanceof EnumFact e)) {
				return null; // the type check reports the comparison of a non-enum fact
			}
			List<String> values = e.getValues().stream().map(v -> v.getName()).toList();
			String fact = Names.factName(e);
			String help = Names.closest(name, values).map(c -> "did you mean `" + c + "`?")
					.orElse("the values of `" + fact + "` are " + String.join(", ", values));
			return new DiagnosticMessage("`" + name + "` is not a value of enum `" + fact + "`", Severity.ERROR,
					IssueCodes.VALUE_NOT_IN_ENUM, help);
		}
		String what = ref == MaplPackage.Literals.TEST_LITERAL__FACT ? "fact"
				: ref == MaplPackage.Literals.RULE__OUTCOME || ref == MaplPackage.Literals.POLICY_TEST__OUTCOME
						|| ref == MaplPackage.Literals.COUTCOME_BINDING__OUTCOME ? "outcome" : "name";
		String help = closestHelp(owner, ref, name, what.equals("outcome")
				? "outcomes are declared in an `outcomes { ... }` block; a rule may also name a policy"
				: "facts are declared in a `facts { ... }` block; import other packages with `import NAME.*`");
		return new DiagnosticMessage("unknown " + what + " `" + name + "`", Severity.ERROR, IssueCodes.UNKNOWN_NAME, help);
	}

	private String closestHelp(EObject owner, EReference ref, String name, String fallback) {
		return Names.closest(name, candidates(owner, ref)).map(c -> "did you mean `" + c + "`?").orElse(fallback);
	}

	/**
	 * The names visible to the reference, computed once per reference kind and policy until the
	 * file changes: a file with many unknown names would otherwise walk the whole scope for each.
	 */
	private List<String> candidates(EObject owner, EReference ref) {
		dev.mapl.dsl.mapl.Policy policy = org.eclipse.xtext.EcoreUtil2.getContainerOfType(owner, dev.mapl.dsl.mapl.Policy.class);
		var key = org.eclipse.xtext.util.Tuples.create(MaplLinkingDiagnosticMessageProvider.class, ref, policy);
		if (owner.eResource() == null) {
			return scopeNames(owner, ref);
		}
		return cache.get(key, owner.eResource(), () -> scopeNames(owner, ref));
	}

	private List<String> scopeNames(EObject owner, EReference ref) {
		java.util.Set<String> names = new java.util.LinkedHashSet<>();
		try {
			scopeProvider.getScope(owner, ref).getAllElements().forEach(d -> names.add(d.getName().toString()));
		} catch (RuntimeException e) {
			// no candidates: the message stands without help
		}
		return List.copyOf(names);
	}

	private static EObject subjectOf(EObject owner) {
		SymbolRef subject = null;
		if (owner instanceof Comparison c) {
			subject = c.getSubject();
		} else if (owner instanceof Membership m) {
			subject = m.getSubject();
		} else if (owner instanceof TestLiteral t) {
			return t.getFact();
		}
		return subject == null ? null : subject.getSymbol();
	}
}
