package dev.mapl.dsl.ide.resource;

import dev.mapl.dsl.linking.MaplLinkingResource;
import dev.mapl.dsl.mapl.MaplPackage;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.InternalEObject;

/**
 * The editor's resource: unloading it (every rebuild of the file does) turns into proxies only
 * the objects another file can refer to, the targets of MAPL's cross-references (facts, outcomes,
 * policies, ...). EMF turns every object into a proxy, computing the URI fragment of each, and
 * that cost a sixth of each rebuild of a 2,000-rule policy; its rules and expressions are never
 * the target of a reference, so nothing needs to find them again. It is a {@link MaplLinkingResource}
 * like the command line's, so linking a file with errors stays linear in the editor too.
 */
public class CheapUnloadResource extends MaplLinkingResource {

	/** The classes some cross-reference of the language points at. */
	private static final List<EClass> TARGETS = targets();

	private static List<EClass> targets() {
		List<EClass> out = new ArrayList<>();
		for (EClassifier c : MaplPackage.eINSTANCE.getEClassifiers()) {
			if (c instanceof EClass type) {
				for (EReference r : type.getEReferences()) {
					if (!r.isContainment() && !r.isContainer() && !out.contains(r.getEReferenceType())) {
						out.add(r.getEReferenceType());
					}
				}
			}
		}
		return List.copyOf(out);
	}

	static boolean referable(EClass type) {
		for (EClass t : TARGETS) {
			if (t.isSuperTypeOf(type)) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void unloaded(InternalEObject object) {
		if (referable(object.eClass())) {
			super.unloaded(object);
		} else {
			object.eAdapters().clear();
		}
	}
}
