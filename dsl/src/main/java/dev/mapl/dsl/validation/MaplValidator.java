package dev.mapl.dsl.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/**
 * The one validator Xtext sees, composed of one validator per concern. Each check reports a code
 * from {@link IssueCodes}, a lowercase message with `backticked` names, a help line and an exact span.
 */
@ComposedChecks(validators = {LimitValidator.class, NameValidator.class, TypeValidator.class, PolicyValidator.class,
		TargetValidator.class, OutputValidator.class, PolicyAnalysisValidator.class})
public class MaplValidator extends AbstractMaplValidator {

	/**
	 * Collects the check methods of every composed validator now, as the first validation would
	 * (Xtext does it once, under a lock; {@link dev.mapl.dsl.compile.MaplCompiler#prepare()}).
	 */
	public void prepare() {
		initializeCheckMethods();
	}
}
