package dev.mapl.dsl.validation;

import com.google.inject.Inject;
import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.util.EObjectValidator;
import org.eclipse.xtext.validation.CancelableDiagnostician;

/**
 * Xtext's diagnostician, with the message of the root diagnostic ("Diagnosis of ...") written here
 * instead of looked up in EMF's translations. That lookup reads the merged {@code plugin.properties}
 * of the jar and tries the localised variants through jar URLs, each failure an exception whose
 * message loads the JDK's security properties: about 6 ms of the first validation of every cold
 * {@code mapl check} (docs/PERFORMANCE.md, "Start-up: tenth round"). The root diagnostic only
 * groups the issues; its message is never shown.
 */
public class PlainDiagnostician extends CancelableDiagnostician {

	@Inject
	public PlainDiagnostician(EValidator.Registry registry) {
		super(registry);
	}

	@Override
	public BasicDiagnostic createDefaultDiagnostic(EObject eObject) {
		return new BasicDiagnostic(EObjectValidator.DIAGNOSTIC_SOURCE, 0, "Diagnosis of " + getObjectLabel(eObject),
				new Object[] {eObject});
	}
}
