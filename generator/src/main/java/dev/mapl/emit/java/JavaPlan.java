package dev.mapl.emit.java;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.analysis.TestOrderSearch;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the Java emitters need to know about one policy: the names of the class, its nested
 * types, parameters and constants; which facts the decision depends on; the bit packing; the
 * reduced decision diagram; and the chosen code shape.
 *
 * <p>The diagram is the policy's reduced decision diagram over outcomes with impossible inputs as
 * don't-cares: every possible input reaches its outcome, and a fact is tested only where the
 * outcome of some possible input depends on it. The facts it tests are the <em>key</em> facts;
 * the packing puts them first, in declaration order, so that the low bits of a packed input are
 * the index of the decision table.
 */
final class JavaPlan {

	/** One input fact of the policy. */
	static final class FactInfo {
		final int fact;
		final Fact f;
		final String param;
		/** The nested enum's name, or null for a boolean fact. */
		final String enumType;
		/** The nested enum's constants, by value index. */
		final List<String> values;
		/** A boolean's bit constant ({@code GUEST_MTE}), or an enum's prefix ({@code PROT}). */
		final String constant;
		/** The private field that maps a packed enum code to its value ({@code protByCode}), or null. */
		String codeArray;
		final boolean key;
		int shift;
		final int width;

		FactInfo(int fact, Fact f, String param, String enumType, List<String> values, String constant, boolean key) {
			this.fact = fact;
			this.f = f;
			this.param = param;
			this.enumType = enumType;
			this.values = values;
			this.constant = constant;
			this.key = key;
			this.width = f.isBoolean() ? 1 : bitsFor(f.domainSize());
		}

		boolean isBoolean() {
			return enumType == null;
		}

		/** The name of a boolean's bit constant, or an enum's shift constant. */
		String shiftConstant() {
			return constant + "_SHIFT";
		}

		String maskConstant() {
			return constant + "_MASK";
		}

		/** All ones in the field's width, e.g. {@code 7} for a 3-bit field. */
		long fieldMask() {
			return width == 64 ? -1L : (1L << width) - 1;
		}
	}

	static int bitsFor(int domainSize) {
		return domainSize <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(domainSize - 1);
	}

	/**
	 * Private members of the class and locals of its methods; parameters never take these names
	 * ({@code r} is the local of a {@code rule(...)} split into several methods).
	 */
	static final Set<String> PRIVATE_MEMBERS = Set.of("facts", "index", "decisionTable", "outcomeByCode",
			"tableText", "decodeTable", "key", "lookup", "code", "r");
	/** The private fields the table writer declares; the enum code arrays never take these names. */
	static final Set<String> PRIVATE_FIELDS = Set.of("decisionTable", "outcomeByCode");

	final Model model;
	final Policy policy;
	final String packageName;
	final String className;
	/** Model indexes of the outcomes the rules decide, in declaration (priority) order. */
	final List<Integer> outcomes;
	final Map<Integer, String> outcomeConstants = new LinkedHashMap<>();
	/** Attribute name -> accessor name ({@code cacheable} -> {@code isCacheable}). */
	final Map<String, String> attributes = new LinkedHashMap<>();
	/** The policy's inputs in declaration order. */
	final List<FactInfo> facts = new ArrayList<>();
	/** The packing: key facts first, then the others, each in declaration order. */
	final List<FactInfo> layout = new ArrayList<>();
	final List<FactInfo> keyFacts = new ArrayList<>();
	final int keyBits;
	final int totalBits;
	final List<String> ruleConstants = new ArrayList<>();
	/**
	 * The reduced diagram: in declaration order for a table (its order does not matter there), in
	 * the searched test order ({@link TestOrderSearch}) for branches; see {@link #modelFact}.
	 */
	final DecisionDiagram diagram;
	/** The model fact of each fact index of the diagram, or null when they are the model's. */
	private final int[] diagramFacts;
	final JavaEmitter.Style style;
	final boolean hasNone;

	JavaPlan(Model model, Policy policy, String packageOverride, JavaEmitter.Style requested) {
		this.model = model;
		this.policy = policy;
		this.packageName = packageOf(policy.name(), packageOverride);
		this.className = classNameOf(policy.name());

		TreeSet<Integer> decided = new TreeSet<>();
		for (Rule r : policy.rules()) {
			decided.add(r.outcome());
		}
		this.outcomes = List.copyOf(decided);

		// The style follows from the diagram in declaration order; the branches test in a searched order.
		DecisionDiagram declared = DecisionDiagram.build(model, policy, DecisionDiagram.LeafKind.OUTCOME, true);
		int declaredKeyBits = 0;
		BitSet declaredTested = testedFacts(declared, null);
		for (int f : policy.inputs()) {
			if (declaredTested.get(f)) {
				Fact fact = model.fact(f);
				declaredKeyBits += fact.isBoolean() ? 1 : bitsFor(fact.domainSize());
			}
		}
		this.style = chooseStyle(requested, declaredKeyBits);
		Optional<TestOrderSearch.Ordered> ordered = style == JavaEmitter.Style.BRANCHES
				? TestOrderSearch.ofInputs(model, policy, TestOrderSearch.BRANCHES_SIFT_FACTS,
						TestOrderSearch.BRANCHES_BUDGET)
				: Optional.empty();
		if (ordered.isEmpty()) {
			this.diagram = declared;
			this.diagramFacts = null;
		} else {
			this.diagram = DecisionDiagram.build(ordered.get().model(), ordered.get().policy(),
					DecisionDiagram.LeafKind.OUTCOME, true);
			this.diagramFacts = ordered.get().facts();
		}
		BitSet tested = testedFacts(diagram, diagramFacts);
		boolean none = false;
		for (DecisionDiagram.Node n : diagram.nodes()) {
			if (n.kind() == DecisionDiagram.Kind.NONE || n.kind() == DecisionDiagram.Kind.IMPOSSIBLE) {
				none = true;
			}
		}
		this.hasNone = none || policy.rules().isEmpty();

		// Class members: nested types, public constants, methods.
		JavaNames.Scope members = new JavaNames.Scope(Set.of(className, "Outcome", "Rule", "decide", "rule", "pack",
				"isPossible"));
		members.claim("Outcome", "");
		members.claim("Rule", "");
		for (String s : JavaNames.JAVA_LANG) {
			members.claim(s, "");
		}
		JavaNames.Scope params = new JavaNames.Scope(PRIVATE_MEMBERS);
		for (int fi : policy.inputs()) {
			Fact f = model.fact(fi);
			String param = params.claim(JavaNames.lowerCamel(f.name()), "_");
			String enumType = null;
			List<String> values = List.of();
			if (!f.isBoolean()) {
				enumType = members.claim(JavaNames.upperCamel(f.name()), "Fact");
				JavaNames.Scope vs = new JavaNames.Scope(Set.of());
				List<String> vals = new ArrayList<>();
				for (String v : f.values()) {
					vals.add(vs.claim(JavaNames.sanitize(v), "_"));
				}
				values = vals;
			}
			String base = JavaNames.upperSnake(f.name());
			String constant = f.isBoolean() ? members.claim(base, "_BIT") : claimEnumConstants(members, base);
			facts.add(new FactInfo(fi, f, param, enumType, values, constant, tested.get(fi)));
		}
		// Issue 15.5: an enum fact `outcome` made a second field `outcomeByCode`.
		JavaNames.Scope fields = new JavaNames.Scope(PRIVATE_FIELDS);
		for (FactInfo fi : facts) {
			if (!fi.isBoolean()) {
				fi.codeArray = fields.claim(fi.param + "ByCode", "_");
			}
		}
		for (FactInfo fi : facts) {
			if (fi.key) {
				keyFacts.add(fi);
				layout.add(fi);
			}
		}
		for (FactInfo fi : facts) {
			if (!fi.key) {
				layout.add(fi);
			}
		}
		int shift = 0;
		int key = 0;
		for (FactInfo fi : layout) {
			fi.shift = shift;
			shift += fi.width;
			if (fi.key) {
				key += fi.width;
			}
		}
		this.totalBits = shift;
		this.keyBits = key;

		JavaNames.Scope oc = new JavaNames.Scope(Set.of());
		for (int o : outcomes) {
			outcomeConstants.put(o, oc.claim(JavaNames.sanitize(model.outcome(o).name()), "_"));
		}
		JavaNames.Scope attrs = new JavaNames.Scope(Set.of());
		for (int o : outcomes) {
			Outcome out = model.outcome(o);
			for (String a : out.attributes()) {
				if (!attributes.containsKey(a)) {
					attributes.put(a, attrs.claim("is" + JavaNames.upperCamel(a), "_"));
				}
			}
		}
		// Inside enum Rule a constant named like a type would obscure it (`Outcome.X` in its constants).
		JavaNames.Scope rc = new JavaNames.Scope(Set.of("label", "line", "outcome", "Outcome", "Rule", className));
		for (int j = 0; j < policy.rules().size(); j++) {
			Rule r = policy.rules().get(j);
			// An unlabelled rule is named by its position, not its line: reformatting a file must not
			// rename public API (issue 20.11).
			String base = r.otherwise() && !r.labelled() && !r.name().contains(".") ? "otherwise"
					: !r.labelled() && r.name().matches("line \\d+") ? "rule" + (j + 1) : r.name();
			ruleConstants.add(rc.claim(JavaNames.sanitize(base), "_"));
		}
	}

	/** The model facts a diagram tests ({@code diagramFacts} maps its fact indexes to the model's, null: the same). */
	private static BitSet testedFacts(DecisionDiagram d, int[] diagramFacts) {
		BitSet tested = new BitSet();
		for (DecisionDiagram.Node n : d.nodes()) {
			if (n instanceof DecisionDiagram.Test t) {
				tested.set(diagramFacts == null ? t.fact() : diagramFacts[t.fact()]);
			}
		}
		return tested;
	}

	/** The model fact of a fact index of {@link #diagram}. */
	int modelFact(int diagramFact) {
		return diagramFacts == null ? diagramFact : diagramFacts[diagramFact];
	}

	/** The Java package of a policy's class: the override, or the policy's MAPL package. */
	static String packageOf(String policyName, String packageOverride) {
		int dot = policyName.lastIndexOf('.');
		return JavaNames.packageName(packageOverride != null ? packageOverride : dot < 0 ? "" : policyName.substring(0, dot));
	}

	/** The simple name of a policy's class: {@code ioremap_family} -> {@code IoremapFamily}. */
	static String classNameOf(String policyName) {
		String cls = JavaNames.upperCamel(policyName.substring(policyName.lastIndexOf('.') + 1));
		if (JavaNames.JAVA_LANG.contains(cls) || cls.equals("Outcome") || cls.equals("Rule")) {
			cls = cls + "Policy";
		}
		return cls;
	}

	private static String claimEnumConstants(JavaNames.Scope members, String base) {
		String b = base;
		for (int k = 2;; k++) {
			String s = members.claim(b + "_SHIFT", "_");
			if (s.equals(b + "_SHIFT")) {
				String m = members.claim(b + "_MASK", "_");
				if (m.equals(b + "_MASK")) {
					return b;
				}
			}
			b = base + k;
		}
	}

	private JavaEmitter.Style chooseStyle(JavaEmitter.Style requested, int keyBits) {
		boolean tableFits = keyBits <= JavaEmitter.TABLE_LIMIT_BITS && outcomes.size() + 1 <= TableWriter.ALPHABET.length();
		switch (requested) {
			case TABLE:
				if (!tableFits) {
					throw new JavaEmitException("policy `" + policy.name() + "` depends on " + keyBits
							+ " bits of facts; a decision table is limited to " + JavaEmitter.TABLE_LIMIT_BITS
							+ " bits and " + (TableWriter.ALPHABET.length() - 1) + " outcomes");
				}
				return JavaEmitter.Style.TABLE;
			case BRANCHES:
				return JavaEmitter.Style.BRANCHES;
			case AUTO:
			default:
				return keyBits <= JavaEmitter.TABLE_THRESHOLD_BITS && tableFits ? JavaEmitter.Style.TABLE
						: JavaEmitter.Style.BRANCHES;
		}
	}

	/** Whether every input fits one {@code long}: then {@code decide(long)} and {@code pack} exist. */
	boolean packed() {
		return totalBits <= 64;
	}

	/** Whether the key facts fit one {@code long} (the decision code reads a packed key). */
	boolean keyPacked() {
		return keyBits <= 64;
	}

	/** The code of an outcome in the table and {@code outcomeByCode}; the "no rule" code after the last. */
	int code(int outcome) {
		return outcome < 0 ? outcomes.size() : outcomes.indexOf(outcome);
	}

	String outcomeRef(int outcome) {
		return outcome < 0 ? "null" : "Outcome." + outcomeConstants.get(outcome);
	}

	FactInfo info(int fact) {
		for (FactInfo fi : facts) {
			if (fi.fact == fact) {
				return fi;
			}
		}
		throw new IllegalArgumentException("fact " + model.fact(fact).name() + " is not an input of " + policy.name());
	}

	/** The facts as a parameter list: {@code boolean vmPfnmap, Prot prot}. */
	String parameters(List<FactInfo> fs) {
		List<String> ps = new ArrayList<>();
		for (FactInfo fi : fs) {
			ps.add((fi.isBoolean() ? "boolean " : fi.enumType + " ") + fi.param);
		}
		return String.join(", ", ps);
	}

	String arguments(List<FactInfo> fs) {
		List<String> ps = new ArrayList<>();
		for (FactInfo fi : fs) {
			ps.add(fi.param);
		}
		return String.join(", ", ps);
	}

	/** A long literal of the packing, in hex. */
	static String hex(long v) {
		return "0x" + Long.toHexString(v).toUpperCase(java.util.Locale.ROOT) + "L";
	}
}
