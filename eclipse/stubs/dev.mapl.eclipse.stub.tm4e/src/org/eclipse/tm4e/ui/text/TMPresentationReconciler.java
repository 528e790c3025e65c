package org.eclipse.tm4e.ui.text;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.IPresentationRepairer;

/**
 * Build-time stub of TM4E's {@code org.eclipse.tm4e.ui.text.TMPresentationReconciler} (bundle
 * org.eclipse.tm4e.ui 0.17.x, which exports the package without a version): the class MAPL's
 * plugin.xml names for the Generic Editor's highlighting. It highlights nothing.
 */
public class TMPresentationReconciler implements IPresentationReconciler {

	public TMPresentationReconciler() {
	}

	@Override
	public void install(ITextViewer viewer) {
	}

	@Override
	public void uninstall() {
	}

	@Override
	public IPresentationDamager getDamager(String contentType) {
		return null;
	}

	@Override
	public IPresentationRepairer getRepairer(String contentType) {
		return null;
	}
}
