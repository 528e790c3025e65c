package dev.mapl.dsl.ide.contentassist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.IdeCrossrefProposalProvider;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.scoping.IScope;

/**
 * One proposal per declaration: a scope names an imported fact both as {@code VM_IO} and as
 * {@code kvm.VM_IO}; the shortest name that reaches it is the one to write.
 */
public class MaplCrossrefProposalProvider extends IdeCrossrefProposalProvider {

	@Override
	protected Iterable<IEObjectDescription> queryScope(IScope scope, CrossReference crossReference,
			ContentAssistContext context) {
		Map<URI, IEObjectDescription> shortest = new LinkedHashMap<>();
		for (IEObjectDescription d : super.queryScope(scope, crossReference, context)) {
			shortest.merge(d.getEObjectURI(), d, (a, b) -> b.getName().getSegmentCount() < a.getName().getSegmentCount() ? b : a);
		}
		return new ArrayList<>(shortest.values());
	}
}
