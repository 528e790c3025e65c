package dev.mapl.dsl.validation;

import com.google.inject.Inject;
import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.EnumValue;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.PolicyMember;
import dev.mapl.dsl.mapl.PolicyTest;
import dev.mapl.dsl.mapl.Rule;
import dev.mapl.dsl.naming.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsData;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.resource.impl.ResourceSetBasedResourceDescriptions;
import org.eclipse.xtext.validation.Check;

/** Names: duplicates (across all files of the model), and facts nobody uses. */
public class NameValidator extends MaplCheckBase {

	@Inject
	private IQualifiedNameProvider qualifiedNames;

	@Inject
	private ResourceDescriptionsProvider indexProvider;

	@Check
	public void checkFactIsUnique(Fact fact) {
		checkUniqueInIndex(fact, MaplPackage.Literals.FACT, "fact `" + Names.factName(fact) + "`");
	}

	@Check
	public void checkLetIsUnique(dev.mapl.dsl.mapl.Let let) {
		checkUniqueInIndex(let, MaplPackage.Literals.SYMBOL, "`" + let.getName() + "`");
	}

	/** A definition whose expansion would never end. */
	@Check
	public void checkLetIsNotCyclic(dev.mapl.dsl.mapl.Let let) {
		java.util.Deque<dev.mapl.dsl.mapl.Let> todo = new java.util.ArrayDeque<>(List.of(let));
		Set<dev.mapl.dsl.mapl.Let> seen = new HashSet<>();
		while (!todo.isEmpty()) {
			var current = todo.pop();
			if (!seen.add(current)) {
				continue;
			}
			for (var ref : org.eclipse.xtext.EcoreUtil2.getAllContentsOfType(current, dev.mapl.dsl.mapl.SymbolRef.class)) {
				if (ref.getSymbol() instanceof dev.mapl.dsl.mapl.Let next && !next.eIsProxy()) {
					if (next == let) {
						error("`let " + let.getName() + "` refers to itself", let, MaplPackage.Literals.SYMBOL__NAME,
								IssueCodes.LET_CYCLE, "a definition may only use facts and earlier definitions");
						return;
					}
					todo.push(next);
				}
			}
		}
	}

	@Check
	public void checkOutcomeIsUnique(Outcome outcome) {
		checkUniqueInIndex(outcome, MaplPackage.Literals.OUTCOME, "outcome `" + outcome.getName() + "`");
	}

	@Check
	public void checkPolicyIsUnique(Policy policy) {
		checkUniqueInIndex(policy, MaplPackage.Literals.POLICY, "policy `" + Names.policyName(policy) + "`");
	}

	/** Facts and outcomes share one namespace: invariants may name either. */
	@Check
	public void checkFactAndOutcomeNamesDiffer(Outcome outcome) {
		QualifiedName name = qualifiedNames.getFullyQualifiedName(outcome);
		if (name == null) {
			return;
		}
		for (IEObjectDescription d : index(outcome).getExportedObjects(MaplPackage.Literals.FACT, name, false)) {
			error("outcome `" + outcome.getName() + "` has the name of a fact", outcome,
					MaplPackage.Literals.SYMBOL__NAME, IssueCodes.DUPLICATE_NAME,
					"rename the outcome or the fact; invariants could not tell them apart");
			return;
		}
	}

	@Check
	public void checkEnumValuesAreUnique(EnumFact fact) {
		Set<String> seen = new HashSet<>();
		for (EnumValue v : fact.getValues()) {
			if (!seen.add(v.getName())) {
				error("value `" + v.getName() + "` appears twice in enum `" + Names.factName(fact) + "`", v,
						MaplPackage.Literals.SYMBOL__NAME, IssueCodes.DUPLICATE_NAME, "remove one of them");
			}
		}
	}

	@Check
	public void checkAttributesAreUnique(Outcome outcome) {
		Set<String> seen = new HashSet<>();
		for (Attribute a : outcome.getAttributes()) {
			if (!seen.add(a.getName())) {
				error("attribute `" + a.getName() + "` appears twice on outcome `" + outcome.getName() + "`", a,
						MaplPackage.Literals.SYMBOL__NAME, IssueCodes.DUPLICATE_NAME, "remove one of them");
			}
		}
	}

	/** Rule labels, invariant names and test names are unique within their policy. */
	@Check
	public void checkMemberNamesAreUnique(Policy policy) {
		Map<String, String> seen = new HashMap<>();
		for (PolicyMember m : policy.getMembers()) {
			String name;
			String kind;
			if (m instanceof Rule r && r.getName() != null) {
				name = r.getName();
				kind = "rule";
			} else if (m instanceof Invariant i) {
				name = i.getName();
				kind = "invariant";
			} else if (m instanceof PolicyTest t) {
				name = "\"" + t.getName() + "\"";
				kind = "test";
			} else {
				continue;
			}
			String key = kind.equals("test") ? "test " + name : name;
			if (seen.putIfAbsent(key, kind) != null) {
				var feature = m instanceof Rule ? MaplPackage.Literals.RULE__NAME
						: m instanceof Invariant ? MaplPackage.Literals.INVARIANT__NAME : MaplPackage.Literals.POLICY_TEST__NAME;
				error(kind + " `" + name.replace("\"", "") + "` is already declared in policy `" + policy.getName() + "`",
						m, feature, IssueCodes.DUPLICATE_NAME, "give it another name");
			}
		}
	}

	/** A fact no expression, test or assumption in any file of the model refers to. */
	@Check
	public void checkFactsAreUsed(Model model) {
		if (ContextFile.isMarked(model.eResource())
				|| model.getElements().stream().noneMatch(e -> e instanceof FactGroup g && !g.getFacts().isEmpty())) {
			// nothing to warn about, or nobody sees the warnings: do not link every file to find out
			return;
		}
		Set<Object> referenced = new HashSet<>(); // the objects themselves, or their URIs from an index
		IResourceDescriptions index = index(model);
		ResourceSet resources = model.eResource() == null ? null : model.eResource().getResourceSet();
		if (index instanceof ResourceSetBasedResourceDescriptions && resources != null
				&& ResourceDescriptionsData.ResourceSetAdapter.findResourceDescriptionsData(resources) == null) {
			// The index is this resource set itself (the command line, tests): its reference
			// descriptions would resolve the same references and also name every element of every
			// file, a tenth of a cold `mapl check`. The referenced objects themselves are enough.
			for (int i = 0; i < resources.getResources().size(); i++) { // resolving may load more
				Resource r = resources.getResources().get(i);
				if (r instanceof XtextResource) {
					addReferenced(r.getAllContents(), referenced::add);
				}
			}
		} else {
			// The index records only references between files; scan this file's own references too.
			addReferenced(model.eAllContents(), t -> referenced.add(EcoreUtil.getURI(t)));
			for (IResourceDescription rd : index.getAllResourceDescriptions()) {
				for (IReferenceDescription ref : rd.getReferenceDescriptions()) {
					referenced.add(ref.getTargetEObjectUri());
				}
			}
		}
		for (var element : model.getElements()) {
			if (element instanceof FactGroup group) {
				for (Fact fact : group.getFacts()) {
					if (!referenced.contains(fact) && !referenced.contains(EcoreUtil.getURI(fact))) {
						warning("fact `" + Names.factName(fact) + "` is never used", fact,
								MaplPackage.Literals.SYMBOL__NAME, IssueCodes.UNUSED_FACT,
								"use it in a rule, an assumption or a test, or remove it");
					}
				}
			}
		}
	}

	/** The targets of the cross-references of everything {@code contents} walks, resolved; not proxies. */
	private static void addReferenced(Iterator<? extends EObject> contents, Consumer<EObject> target) {
		contents.forEachRemaining(o -> o.eCrossReferences().forEach(t -> {
			if (!t.eIsProxy()) {
				target.accept(t);
			}
		}));
	}

	private void checkUniqueInIndex(EObject object, EClass type, String what) {
		QualifiedName name = qualifiedNames.getFullyQualifiedName(object);
		if (name == null) {
			return;
		}
		URI self = EcoreUtil.getURI(object);
		for (IEObjectDescription d : index(object).getExportedObjects(type, name, false)) {
			if (!d.getEObjectURI().equals(self)) {
				String where = d.getEObjectURI().trimFragment().equals(self.trimFragment()) ? "in this file"
						: "in `" + d.getEObjectURI().lastSegment() + "`";
				var feature = object.eClass().getEStructuralFeature("name");
				error(what + " is declared more than once", object, feature, IssueCodes.DUPLICATE_NAME,
						"the other declaration is " + where + "; rename or remove one");
				return;
			}
		}
	}

	private IResourceDescriptions index(EObject context) {
		return indexProvider.getResourceDescriptions(context.eResource());
	}

	static List<String> names(List<? extends EObject> objects) {
		return objects.stream().map(o -> String.valueOf(o.eGet(o.eClass().getEStructuralFeature("name")))).toList();
	}
}
