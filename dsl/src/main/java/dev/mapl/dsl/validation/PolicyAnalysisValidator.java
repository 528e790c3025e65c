package dev.mapl.dsl.validation;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.mapl.analysis.Finding;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.dsl.lowering.LoweringException;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.ir.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
		List<Resource> files = new ArrayList<>(closure(self));
		files.sort(Comparator.comparing(r -> r.getURI().toString()));
		dev.mapl.ir.Model ir;
		try {
			ir = lowerings.get().lower(files, r -> r.getURI().toString());
		} catch (LoweringException e) {
			return; // the file or one it uses has errors of its own, reported where they are
		}
		String me = self.getURI().toString();
		PolicyAnalyzer analyzer = new PolicyAnalyzer(ir);
		for (Policy p : ir.policies()) {
			if (!p.span().file().equals(me)) {
				continue;
			}
			try {
				for (Finding f : analyzer.analyze(p).findings()) {
					if (f.span().file().equals(me)) {
						report(model, f);
					}
				}
			} catch (dev.mapl.analysis.AnalysisLimitException e) {
				getMessageAcceptor().acceptWarning("policy `" + p.name() + "` was not analysed: " + e.getMessage(), model,
						p.span().offset(), Math.max(1, p.span().length()), "mapl.analysis.limit",
						"split the policy, or order its facts so that related facts are declared together");
			}
		}
	}

	private void report(EObject anchor, Finding f) {
		int offset = f.span().offset();
		int length = Math.max(1, f.span().length());
		switch (f.severity()) {
			case ERROR -> getMessageAcceptor().acceptError(f.message(), anchor, offset, length, f.code(), f.help());
			case WARNING -> getMessageAcceptor().acceptWarning(f.message(), anchor, offset, length, f.code(), f.help());
			default -> getMessageAcceptor().acceptInfo(f.message(), anchor, offset, length, f.code(), f.help());
		}
	}

	/** This file and every file it refers to, directly or not. */
	private static Set<Resource> closure(Resource start) {
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

	private static boolean hasErrors(Resource r) {
		return !r.getErrors().isEmpty();
	}
}
