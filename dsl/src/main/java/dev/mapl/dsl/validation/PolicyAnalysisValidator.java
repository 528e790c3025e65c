package dev.mapl.dsl.validation;

import dev.mapl.dsl.linking.Closure;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.dsl.compile.PolicyChecks;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.dsl.lowering.LoweringException;
import dev.mapl.dsl.mapl.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.validation.Check;
import org.eclipse.xtext.validation.CheckType;

/**
 * Policy analysis (gaps, overlaps, dead rules, invariants, inline tests) reported on the exact span
 * of the rule, invariant or test. An expensive check: the editor runs it; the CLI and the Maven
 * plugin run the same analysis once for all files through {@code PolicyChecks}.
 */
public class PolicyAnalysisValidator extends MaplCheckBase {

	@Inject
	private Provider<Lowering> lowerings;

	@Check(CheckType.EXPENSIVE)
	public void checkPolicies(Model model) {
		Resource self = model.eResource();
		if (model.getElements().stream().noneMatch(dev.mapl.dsl.mapl.Policy.class::isInstance) || hasErrors(self)) {
			return;
		}
		List<Resource> files = new ArrayList<>(Closure.of(self));
		files.sort(Comparator.comparing(r -> r.getURI().toString()));
		dev.mapl.ir.Model ir;
		try {
			ir = lowerings.get().lower(files, r -> r.getURI().toString());
		} catch (LoweringException e) {
			return; // the file or one it uses has errors of its own, reported where they are
		}
		String me = self.getURI().toString();
		// the same run as the CLI's, within the same budget: a policy past it is reported, not analysed
		PolicyChecks.Result result = PolicyChecks.analyze(ir, p -> p.span().file().equals(me));
		for (Diagnostic d : result.diagnostics()) {
			if (d.span().file().equals(me)) {
				report(model, d);
			}
		}
	}

	private void report(EObject anchor, Diagnostic d) {
		int offset = d.span().offset();
		int length = Math.max(1, d.span().length());
		switch (d.severity()) {
			case ERROR -> getMessageAcceptor().acceptError(d.message(), anchor, offset, length, d.code(), d.help());
			case WARNING -> getMessageAcceptor().acceptWarning(d.message(), anchor, offset, length, d.code(), d.help());
			default -> getMessageAcceptor().acceptInfo(d.message(), anchor, offset, length, d.code(), d.help());
		}
	}

	private static boolean hasErrors(Resource r) {
		return !r.getErrors().isEmpty();
	}
}
