package dev.mapl.dsl.linking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.resource.Resource;

/** A file and every file it refers to, directly or not: what its policies are lowered with. */
public final class Closure {

	private Closure() {
	}

	public static Set<Resource> of(Resource start) {
		Set<Resource> out = new LinkedHashSet<>();
		List<Resource> todo = new ArrayList<>(List.of(start));
		while (!todo.isEmpty()) {
			Resource r = todo.remove(todo.size() - 1);
			if (r == null || !out.add(r)) {
				continue;
			}
			r.getAllContents().forEachRemaining(o -> o.eCrossReferences().forEach(t -> {
				if (!t.eIsProxy() && t.eResource() != null) {
					todo.add(t.eResource());
				}
			}));
		}
		return out;
	}
}
