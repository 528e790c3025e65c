package dev.mapl.dsl.scoping;

import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.Comparison;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.MaplPackage;
import dev.mapl.dsl.mapl.Membership;
import dev.mapl.dsl.mapl.SymbolRef;
import dev.mapl.dsl.mapl.TestLiteral;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;
import org.eclipse.xtext.scoping.impl.SimpleScope;
import org.eclipse.xtext.util.IResourceScopeCache;

/**
 * MAPL's scoping on top of Xtext's imported-namespace scoping:
 * <ul>
 * <li>enum literals ({@code prot == MT_NORMAL}) resolve among the values of the compared fact only;</li>
 * <li>outcome attributes ({@code cacheable}) resolve by their simple name, after facts and outcomes,
 * so that invariants can say {@code !cacheable}.</li>
 * </ul>
 */
public class MaplScopeProvider extends AbstractMaplScopeProvider {

	@com.google.inject.Inject
	private org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider indexProvider;

	@com.google.inject.Inject
	private IResourceScopeCache cache;

	@Override
	public IScope getScope(EObject context, EReference reference) {
		if (reference == MaplPackage.Literals.COMPARISON__VALUE && context instanceof Comparison c) {
			return valuesOf(c.getSubject());
		}
		if (reference == MaplPackage.Literals.MEMBERSHIP__VALUES && context instanceof Membership m) {
			return valuesOf(m.getSubject());
		}
		if (reference == MaplPackage.Literals.TEST_LITERAL__VALUE && context instanceof TestLiteral t) {
			return t.getFact() instanceof EnumFact e ? Scopes.scopeFor(e.getValues()) : IScope.NULLSCOPE;
		}
		if (reference == MaplPackage.Literals.CVALUE_BINDING__VALUE) {
			var owner = context instanceof dev.mapl.dsl.mapl.CFactBinding b ? b
					: org.eclipse.xtext.EcoreUtil2.getContainerOfType(context, dev.mapl.dsl.mapl.CFactBinding.class);
			return owner != null && owner.getFact() instanceof EnumFact e ? Scopes.scopeFor(e.getValues()) : IScope.NULLSCOPE;
		}
		EObject declaration = sharedDeclaration(declarationOf(context));
		Resource resource = declaration.eResource();
		if (resource == null) {
			return declarationScope(declaration, reference);
		}
		// One scope per declaration and reference, until the file changes: every name in a policy's
		// rules shares its policy's scope, instead of building Xtext's layered import scopes anew for
		// each of them (a third of the language server's linking time on a 2,000-rule policy).
		Map<List<Object>, IScope> scopes = cache.get(SCOPES, resource, java.util.concurrent.ConcurrentHashMap::new);
		List<Object> key = List.of(declaration, reference);
		IScope scope = scopes.get(key);
		if (scope == null) {
			scope = new MemoScope(declarationScope(declaration, reference));
			IScope raced = scopes.putIfAbsent(key, scope);
			scope = raced != null ? raced : scope;
		}
		return scope;
	}

	/** The scope of the names {@code reference} may take anywhere inside {@code declaration}. */
	private IScope declarationScope(EObject declaration, EReference reference) {
		IScope scope = super.getScope(declaration, reference);
		if (reference == MaplPackage.Literals.RULE__OUTCOME) {
			return ofTypes(scope, MaplPackage.Literals.OUTCOME, MaplPackage.Literals.POLICY);
		}
		if (reference == MaplPackage.Literals.SYMBOL_REF__SYMBOL) {
			scope = ofTypes(scope, MaplPackage.Literals.BOOL_FACT, MaplPackage.Literals.ENUM_FACT,
					MaplPackage.Literals.OUTCOME, MaplPackage.Literals.ATTRIBUTE, MaplPackage.Literals.LET,
					MaplPackage.Literals.POLICY);
			return withAttributes(scope, declaration, reference);
		}
		return scope;
	}

	/**
	 * A rule or invariant sees exactly what its policy sees: Xtext's local scope adds a layer per
	 * named container, the names of this file that start with the container's qualified name
	 * ({@code pkg.P.r.}), but nothing a name can refer to from inside a policy member has such a name
	 * (rules and invariants contain no declarations; only enum values, which names are never
	 * linked to in a rule, are three levels deep). So the 2,000 rules of a policy share one scope
	 * instead of building 2,000 equal ones per build.
	 */
	static EObject sharedDeclaration(EObject declaration) {
		if ((declaration instanceof dev.mapl.dsl.mapl.Rule || declaration instanceof dev.mapl.dsl.mapl.Invariant)
				&& declaration.eContainer() instanceof dev.mapl.dsl.mapl.Policy policy) {
			return policy;
		}
		return declaration;
	}

	/**
	 * A shared scope that remembers each name it was asked for: a policy's 5,000 references name a
	 * few dozen facts, and each lookup otherwise walks Xtext's import layers and type filter again.
	 * It lives as long as the cached scope, until the file changes.
	 */
	static final class MemoScope implements IScope {
		private static final IEObjectDescription NONE = EObjectDescription.create("-", MaplPackage.eINSTANCE.getModel());
		private final IScope delegate;
		private final Map<QualifiedName, IEObjectDescription> byName = new java.util.concurrent.ConcurrentHashMap<>();

		MemoScope(IScope delegate) {
			this.delegate = delegate;
		}

		@Override
		public IEObjectDescription getSingleElement(QualifiedName name) {
			IEObjectDescription d = byName.get(name);
			if (d == null) {
				d = delegate.getSingleElement(name);
				byName.put(name, d == null ? NONE : d);
			}
			return d == NONE ? null : d;
		}

		@Override
		public Iterable<IEObjectDescription> getElements(QualifiedName name) {
			return delegate.getElements(name);
		}

		@Override
		public IEObjectDescription getSingleElement(EObject object) {
			return delegate.getSingleElement(object);
		}

		@Override
		public Iterable<IEObjectDescription> getElements(EObject object) {
			return delegate.getElements(object);
		}

		@Override
		public Iterable<IEObjectDescription> getAllElements() {
			return delegate.getAllElements();
		}
	}

	/** The cache key of a file's scopes by declaration and reference. */
	private static final String SCOPES = MaplScopeProvider.class.getName() + ".scopes";

	/**
	 * The nearest container of {@code context} that is not part of an expression. Expressions name
	 * nothing and import nothing, so they add nothing to the scope; but the imported-namespace scope
	 * walks up one container per level, which made linking an {@code a & a & ...} chain (nested
	 * one level per operator) quadratic in its length. The answer is remembered on each expression
	 * passed on the way up, so linking a whole chain walks it once.
	 */
	static EObject declarationOf(EObject context) {
		if (!(context instanceof dev.mapl.dsl.mapl.Expr)) {
			return context;
		}
		List<EObject> path = new ArrayList<>();
		EObject c = context;
		EObject owner = null;
		while (c instanceof dev.mapl.dsl.mapl.Expr && c.eContainer() != null) {
			if (org.eclipse.emf.ecore.util.EcoreUtil.getExistingAdapter(c, OwnerAdapter.class) instanceof OwnerAdapter a) {
				owner = a.owner;
				break;
			}
			path.add(c);
			c = c.eContainer();
		}
		if (owner == null) {
			owner = c;
		}
		for (EObject e : path) {
			e.eAdapters().add(new OwnerAdapter(owner));
		}
		return owner;
	}

	/** Remembers an expression's {@link #declarationOf}; a reparse makes new expressions. */
	private static final class OwnerAdapter extends org.eclipse.emf.common.notify.impl.AdapterImpl {
		final EObject owner;

		OwnerAdapter(EObject owner) {
			this.owner = owner;
		}

		@Override
		public boolean isAdapterForType(Object type) {
			return type == OwnerAdapter.class;
		}
	}

	/** An enum fact compares with its own values; a policy with outcomes. */
	private IScope valuesOf(SymbolRef subject) {
		if (subject == null || !subject.eIsSet(MaplPackage.Literals.SYMBOL_REF__SYMBOL)) {
			return IScope.NULLSCOPE;
		}
		if (subject.getSymbol() instanceof EnumFact e) {
			return Scopes.scopeFor(e.getValues());
		}
		if (subject.getSymbol() instanceof dev.mapl.dsl.mapl.Policy) {
			return ofTypes(super.getScope(declarationOf(subject), MaplPackage.Literals.SYMBOL_REF__SYMBOL),
					MaplPackage.Literals.OUTCOME);
		}
		return IScope.NULLSCOPE;
	}

	private static IScope ofTypes(IScope scope, org.eclipse.emf.ecore.EClass... types) {
		List<org.eclipse.emf.ecore.EClass> allowed = List.of(types);
		return new org.eclipse.xtext.scoping.impl.FilteringScope(scope, d -> allowed.contains(d.getEClass()));
	}

	/**
	 * Facts and outcomes first; then outcome attributes by their simple name. The attribute scope
	 * is built from the index only when a name is not found otherwise, so linking stays lazy; and
	 * once per file (until it changes), since filtering the whole index for every reference to an
	 * attribute made linking n invariants take n times the size of the model (issue 20.10).
	 */
	private IScope withAttributes(IScope symbols, EObject context, EReference reference) {
		Resource resource = context.eResource();
		return new FallbackScope(symbols, () -> cache.get(ATTRIBUTES, resource, () -> {
			Map<String, IEObjectDescription> attributes = new LinkedHashMap<>();
			IResourceDescriptions index = indexProvider.getResourceDescriptions(resource);
			for (IEObjectDescription d : index.getExportedObjectsByType(MaplPackage.Literals.ATTRIBUTE)) {
				attributes.putIfAbsent(d.getName().getLastSegment(), d);
			}
			List<IEObjectDescription> simple = new ArrayList<>();
			attributes.forEach((name, d) -> simple.add(EObjectDescription.create(QualifiedName.create(name), d.getEObjectOrProxy())));
			return new SimpleScope(simple);
		}));
	}

	/** The cache key of a file's attribute scope. */
	private static final String ATTRIBUTES = MaplScopeProvider.class.getName() + ".attributes";

	/** A scope that asks {@code first}, and {@code second} only for names {@code first} lacks. */
	static final class FallbackScope implements IScope {
		private final IScope first;
		private final java.util.function.Supplier<IScope> secondSupplier;
		private IScope second;

		FallbackScope(IScope first, java.util.function.Supplier<IScope> second) {
			this.first = first;
			this.secondSupplier = second;
		}

		private IScope second() {
			if (second == null) {
				second = secondSupplier.get();
			}
			return second;
		}

		@Override
		public IEObjectDescription getSingleElement(QualifiedName name) {
			IEObjectDescription d = first.getSingleElement(name);
			if (d != null && d.getEClass() != MaplPackage.Literals.ATTRIBUTE) {
				return d;
			}
			IEObjectDescription s = second().getSingleElement(name);
			return s != null ? s : d;
		}

		@Override
		public Iterable<IEObjectDescription> getElements(QualifiedName name) {
			IEObjectDescription d = getSingleElement(name);
			return d == null ? List.of() : List.of(d);
		}

		@Override
		public IEObjectDescription getSingleElement(EObject object) {
			IEObjectDescription d = first.getSingleElement(object);
			return d != null ? d : second().getSingleElement(object);
		}

		@Override
		public Iterable<IEObjectDescription> getElements(EObject object) {
			List<IEObjectDescription> out = new ArrayList<>();
			first.getElements(object).forEach(out::add);
			second().getElements(object).forEach(out::add);
			return out;
		}

		@Override
		public Iterable<IEObjectDescription> getAllElements() {
			List<IEObjectDescription> out = new ArrayList<>();
			first.getAllElements().forEach(d -> {
				if (d.getEClass() != MaplPackage.Literals.ATTRIBUTE) {
					out.add(d);
				}
			});
			second().getAllElements().forEach(out::add);
			return out;
		}
	}

	/** Attribute instances whose simple name matches, for the lowering's attribute lookup. */
	public static String attributeName(Attribute a) {
		return a.getName();
	}
}
