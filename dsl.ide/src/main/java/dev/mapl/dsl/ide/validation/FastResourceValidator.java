package dev.mapl.dsl.ide.validation;

import java.util.List;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.ResourceValidatorImpl;

/**
 * The editor's build runs the normal and fast checks only, like {@code mapl check} before its
 * analysis stage; the policy analysis (the expensive check) runs afterwards as a cancellable
 * background job ({@link dev.mapl.dsl.ide.analysis.AnalysisScheduler}), so no keystroke waits for it.
 */
public class FastResourceValidator extends ResourceValidatorImpl {

	@Override
	public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator mon) {
		return super.validate(resource, mode == CheckMode.ALL ? CheckMode.NORMAL_AND_FAST : mode, mon);
	}
}
