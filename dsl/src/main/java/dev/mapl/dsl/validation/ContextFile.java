package dev.mapl.dsl.validation;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * Marks a file that is validated only because a named file depends on it: its errors matter (they
 * block the analysis), its warnings are never shown, so checks that can only warn and cost much
 * (such as finding unused facts, which links every file) skip it.
 */
public final class ContextFile extends AdapterImpl {

	private ContextFile() {
	}

	/** Marks {@code r} as read only for its declarations. */
	public static void mark(Resource r) {
		if (!isMarked(r)) {
			r.eAdapters().add(new ContextFile());
		}
	}

	public static boolean isMarked(Resource r) {
		return r != null && r.eAdapters().stream().anyMatch(ContextFile.class::isInstance);
	}

	@Override
	public boolean isAdapterForType(Object type) {
		return type == ContextFile.class;
	}
}
