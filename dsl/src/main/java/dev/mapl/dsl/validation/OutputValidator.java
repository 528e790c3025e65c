package dev.mapl.dsl.validation;

import com.google.inject.Inject;
import dev.mapl.dsl.mapl.CFile;
import dev.mapl.dsl.mapl.CFunction;
import dev.mapl.dsl.mapl.CRegion;
import dev.mapl.dsl.mapl.CTarget;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.naming.Names;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.ir.CTarget.Prototype;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.IResourceScopeCache;
import org.eclipse.xtext.validation.Check;

/**
 * Outputs: no two declarations may generate the same file or the same C function, else one would
 * silently replace the other (issue 20.1). The later declaration, in file then source order, gets
 * the diagnostic. (`--java-package`, which puts every class in one package, is checked by the
 * compiler facade, which knows it.)
 */
public class OutputValidator extends MaplCheckBase {

	@Inject
	private IResourceScopeCache cache;

	/** `my_pol`, `myPol` and `MyPol` are all `MyPol.java` (compared ignoring case, as on macOS). */
	@Check
	public void checkJavaClassIsUnique(Policy policy) {
		if (policy.getName() == null) {
			return;
		}
		String path = JavaEmitter.path(Names.policyName(policy), null);
		String key = caseFolded(path);
		for (Resource r : resourcesInOrder(policy)) {
			Policy other = javaFiles(r).get(key);
			if (other == policy) {
				return;
			}
			if (other != null) {
				String otherPath = JavaEmitter.path(Names.policyName(other), null);
				error("policy `" + Names.policyName(policy) + "` compiles to the Java file `" + path + "`"
						+ (otherPath.equals(path) ? ", as" : ", the same file on a case-insensitive file system as `"
								+ otherPath + "` of")
						+ " policy `" + Names.policyName(other) + "` " + where(policy, other), policy,
						MaplPackage.Literals.SYMBOL__NAME, IssueCodes.OUTPUT_CLASH,
						"rename one of the policies: the second class would replace the first");
				return;
			}
		}
	}

	/**
	 * The first policy (in source order) of a file per Java file it compiles to, keyed by the
	 * case-folded path. Computed once per file and kept until it changes: asking every policy to
	 * walk all others made checking n policies take n² steps (issue 20.10).
	 */
	private Map<String, Policy> javaFiles(Resource r) {
		return cache.get(OutputValidator.class, r, () -> {
			Map<String, Policy> first = new HashMap<>();
			if (!r.getContents().isEmpty()) {
				List<Policy> policies = new ArrayList<>(EcoreUtil2.getAllContentsOfType(r.getContents().get(0), Policy.class));
				policies.sort(Comparator.comparingInt(OutputValidator::offset));
				for (Policy p : policies) {
					if (p.getName() != null) {
						first.putIfAbsent(caseFolded(JavaEmitter.path(Names.policyName(p), null)), p);
					}
				}
			}
			return first;
		});
	}

	/** Equal for two strings exactly when {@link String#equalsIgnoreCase} says they are. */
	private static String caseFolded(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			b.append(Character.toLowerCase(Character.toUpperCase(s.charAt(i))));
		}
		return b.toString();
	}

	/**
	 * Two targets of one MAPL file that write the same function (or its inner `__` function) into
	 * one file. Targets of different MAPL files may (versions of one header, compiled one at a
	 * time); when compiled together, the C backend refuses the clash.
	 */
	@Check
	public void checkCFunctionIsUniqueInItsFile(CTarget target) {
		Optional<String> file = outputFile(target);
		Optional<String> name = functionName(target);
		if (file.isEmpty() || name.isEmpty()) {
			return;
		}
		for (CTarget other : EcoreUtil2.getAllContentsOfType(EcoreUtil2.getRootContainer(target), CTarget.class)) {
			if (other == target) {
				return;
			}
			Optional<String> otherName = functionName(other);
			if (!outputFile(other).equals(file) || otherName.isEmpty()) {
				continue;
			}
			String a = name.get();
			String b = otherName.get();
			if (a.equals(b) || a.equals("__" + b) || b.equals("__" + a)) {
				CFunction function = member(target, CFunction.class);
				error("function `" + a + "` and its inner function `__" + a + "` clash with those `target c "
						+ policyName(other) + "` writes into `" + file.get() + "` " + where(target, other), function,
						MaplPackage.Literals.CFUNCTION__PROTOTYPE,
						IssueCodes.OUTPUT_CLASH, "give the function another name, or the target another `file`");
				return;
			}
		}
	}

	private static String policyName(CTarget t) {
		return t.getPolicy() == null || t.getPolicy().eIsProxy() ? "?" : Names.policyName(t.getPolicy());
	}

	private static Optional<String> outputFile(CTarget t) {
		CRegion region = member(t, CRegion.class);
		if (region != null) {
			return Optional.ofNullable(region.getPath()).map(String::strip);
		}
		CFile file = member(t, CFile.class);
		return file == null ? Optional.empty() : Optional.ofNullable(file.getPath()).map(String::strip);
	}

	private static Optional<String> functionName(CTarget t) {
		CFunction f = member(t, CFunction.class);
		return f == null || f.getPrototype() == null ? Optional.empty() : Prototype.parse(f.getPrototype()).map(Prototype::name);
	}

	private static <T> T member(CTarget t, Class<T> type) {
		return t.getMembers().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
	}

	/** "in this file" or "in `x.mapl`", for the declaration that came first. */
	private static String where(EObject self, EObject first) {
		return self.eResource() == first.eResource() ? "in this file"
				: "in `" + first.eResource().getURI().lastSegment() + "`";
	}

	/** The loaded files, by URI. */
	private static List<Resource> resourcesInOrder(EObject context) {
		List<Resource> resources = context.eResource().getResourceSet() == null ? List.of(context.eResource())
				: new ArrayList<>(context.eResource().getResourceSet().getResources());
		resources.sort(Comparator.comparing(r -> String.valueOf(r.getURI())));
		return resources;
	}

	private static int offset(EObject o) {
		var node = NodeModelUtils.getNode(o);
		return node == null ? 0 : node.getOffset();
	}

}
