package dev.mapl.dsl.validation;

import dev.mapl.dsl.mapl.MaplPackage;
import java.util.List;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.EValidatorRegistrar;

/** Shared plumbing of MAPL's composed validators: they are registered through {@link MaplValidator}. */
abstract class MaplCheckBase extends AbstractDeclarativeValidator {

	@Override
	public void register(EValidatorRegistrar registrar) {
		// composed into MaplValidator, never registered on their own
	}

	@Override
	protected List<EPackage> getEPackages() {
		return List.of(MaplPackage.eINSTANCE);
	}
}
