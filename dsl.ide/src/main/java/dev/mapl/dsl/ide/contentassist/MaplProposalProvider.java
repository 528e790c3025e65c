package dev.mapl.dsl.ide.contentassist;

import com.google.common.base.Predicate;
import dev.mapl.dsl.mapl.Invariant;
import dev.mapl.dsl.mapl.MaplPackage;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.resource.IEObjectDescription;

/**
 * Names where an expression may use them: facts, definitions and policies in conditions and
 * assumptions; outcomes and attributes only in invariants; never an enum value outside a comparison.
 */
public class MaplProposalProvider extends IdeContentProposalProvider {

	@Override
	protected Predicate<IEObjectDescription> getCrossrefFilter(CrossReference reference, ContentAssistContext context) {
		EClass type = GrammarUtil.containingAssignment(reference) == null ? null
				: (EClass) reference.getType().getClassifier();
		String feature = GrammarUtil.containingAssignment(reference) == null ? ""
				: GrammarUtil.containingAssignment(reference).getFeature();
		if (type != MaplPackage.Literals.SYMBOL || !"symbol".equals(feature)) {
			return d -> true;
		}
		EObject model = context.getCurrentModel();
		boolean inInvariant = model != null && EcoreUtil2.getContainerOfType(model, Invariant.class) != null;
		return d -> {
			EClass c = d.getEClass();
			if (MaplPackage.Literals.ENUM_VALUE.isSuperTypeOf(c)) {
				return false;
			}
			if (MaplPackage.Literals.OUTCOME.isSuperTypeOf(c) || MaplPackage.Literals.ATTRIBUTE.isSuperTypeOf(c)) {
				return inInvariant;
			}
			return true;
		};
	}
}
