package dev.mapl.emit.java;

import dev.mapl.emit.TemplateText;
import dev.mapl.emit.ShellWords;
import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The Java backend: one plain Java 17 class per policy, with no dependency at all, that decides
 * the policy as fast as the JVM allows. See {@link #emit} for the API of a generated class.
 *
 * <p>How {@code decide} is compiled, and why (the numbers are in {@code docs/PERFORMANCE.md}):
 * <ul>
 * <li>The policy's reduced decision diagram (impossible inputs as don't-cares) names the <em>key</em>
 * facts, those the decision depends on; the packing puts them in the low bits.
 * <li>{@link Style#TABLE}: when the key has at most {@link #TABLE_THRESHOLD_BITS} bits, a table
 * with an entry per key, so {@code decide} is one array read, whatever the input: no branch to
 * mispredict. Tables of more than {@link #BYTE_TABLE_MAX_ENTRIES} entries pack several entries
 * per {@code long}.
 * <li>{@link Style#BRANCHES}: otherwise, the diagram as straight-line code: each input takes one
 * path of at most as many tests as the key has facts.
 * </ul>
 * Output is deterministic to the byte: no time, no absolute path, sorted iteration only.
 */
public final class JavaEmitter {

	/** How {@code decide} is compiled. */
	public enum Style {
		/** {@link #TABLE} when the key has at most {@link #TABLE_THRESHOLD_BITS} bits, else {@link #BRANCHES}. */
		AUTO,
		/** A lookup table indexed by the packed key facts (at most {@link #TABLE_LIMIT_BITS} bits). */
		TABLE,
		/** Straight-line code from the reduced decision diagram. */
		BRANCHES
	}

	/**
	 * The largest key, in bits, that {@link Style#AUTO} compiles to a table: 20 bits, a million
	 * entries. Measured with {@code TableVsBranchesBenchmark} (docs/PERFORMANCE.md, "Table or
	 * branches"): on random inputs the table took 1.2 to 2.5 ns per decision at every key size from 8
	 * to 22 bits, the branches 24 to 460 ns (every test on the path is a branch to mispredict). What
	 * bounds the table is its size, one character of source per entry: up to 20 bits it was smaller
	 * than the branches, at 22 bits larger (5.2 MB of source against 3.3 MB).
	 */
	public static final int TABLE_THRESHOLD_BITS = 20;
	/** The largest key a table may have when {@link Style#TABLE} is asked for explicitly (16 Mi entries). */
	public static final int TABLE_LIMIT_BITS = 24;
	/**
	 * Tables with more entries than this hold several entries per {@code long} (when the outcome
	 * codes fit 4 bits), which halves their memory or better. Measured with the same benchmark: at
	 * 2^20 entries the packed table read as fast as the byte table (within the noise); below 2^18
	 * entries (256 KiB as bytes) a byte per entry is as fast and simplest.
	 */
	public static final int BYTE_TABLE_MAX_ENTRIES = 1 << 18;

	/**
	 * What to generate.
	 *
	 * @param packageName the Java package, or null for the policy's own package ({@code kvm.v6_17})
	 * @param style       the code shape of {@code decide}
	 * @param sourcePath  maps a source span's file to the path the header names (repo-relative)
	 * @param command     the command that regenerates the file, for its header
	 */
	public record Options(String packageName, Style style, UnaryOperator<String> sourcePath, String command,
			int byteTableMaxEntries) {
		public Options {
			Objects.requireNonNull(style);
			Objects.requireNonNull(sourcePath);
			Objects.requireNonNull(command);
		}

		public Options(String packageName, Style style, UnaryOperator<String> sourcePath, String command) {
			this(packageName, style, sourcePath, command, BYTE_TABLE_MAX_ENTRIES);
		}

		/** The policy's package, {@link Style#AUTO}, span files as they are. */
		public static Options of(String command) {
			return new Options(null, Style.AUTO, UnaryOperator.identity(), command);
		}

		public Options withPackage(String p) {
			return new Options(p, style, sourcePath, command, byteTableMaxEntries);
		}

		public Options withStyle(Style s) {
			return new Options(packageName, s, sourcePath, command, byteTableMaxEntries);
		}

		public Options withSourcePath(UnaryOperator<String> p) {
			return new Options(packageName, style, p, command, byteTableMaxEntries);
		}

		/** For measurements: tables up to this many entries hold one byte per entry. */
		public Options withByteTableMaxEntries(int entries) {
			return new Options(packageName, style, sourcePath, command, entries);
		}
	}

	/**
	 * A generated class.
	 *
	 * @param path      the file's path below the output folder: {@code kvm/v6_17/Stage2.java}
	 * @param className the qualified class name: {@code kvm.v6_17.Stage2}
	 * @param style     {@link Style#TABLE} or {@link Style#BRANCHES}, as chosen
	 * @param keyBits   the bits of facts the decision depends on (the table has 2^keyBits entries)
	 */
	public record JavaFile(String path, String className, String content, Style style, int keyBits) {
	}

	private JavaEmitter() {
	}

	/**
	 * The class of one policy. Its name is the policy's simple name in UpperCamelCase
	 * ({@code ioremap_family} -> {@code IoremapFamily}); its public API:
	 * <ul>
	 * <li>{@code enum Outcome}: the outcomes the rules decide, in priority order, with an
	 * {@code isX()} accessor per attribute;
	 * <li>a nested enum per enum fact ({@code prot} -> {@code Prot});
	 * <li>{@code enum Rule}: the rules in source order, with {@code label()}, {@code line()} and
	 * {@code outcome()};
	 * <li>{@code decide(...)} taking every input fact, in declaration order;
	 * <li>when the facts fit 64 bits: a bit constant per boolean fact, {@code X_SHIFT} and
	 * {@code X_MASK} per enum fact, {@code pack(...)}, {@code decide(long)}, {@code rule(long)} and
	 * {@code isPossible(long)};
	 * <li>{@code rule(...)}: the rule that decides, for tracing;
	 * <li>{@code isPossible(...)}: whether the assumptions allow an input.
	 * </ul>
	 *
	 * @throws JavaEmitException when {@link Style#TABLE} is asked for a key over {@link #TABLE_LIMIT_BITS}
	 */
	public static JavaFile emit(Model model, Policy policy, Options options) {
		JavaPlan plan = new JavaPlan(model, policy, options.packageName(), options.style());
		String content = new JavaEmitter.Writer(plan, options).write();
		String qualified = plan.packageName.isEmpty() ? plan.className : plan.packageName + "." + plan.className;
		String path = qualified.replace('.', '/') + ".java";
		return new JavaFile(path, qualified, content, plan.style, plan.keyBits);
	}

	/**
	 * The path below the output folder of a policy's class, as {@link #emit} writes it:
	 * {@code kvm/v6_17/Stage2.java}. Policies {@code my_pol} and {@code MyPol} share one.
	 *
	 * @param policyName      the policy's qualified name
	 * @param packageOverride the {@code --java-package}, or null for the policy's own package
	 */
	public static String path(String policyName, String packageOverride) {
		String pkg = JavaPlan.packageOf(policyName, packageOverride);
		String cls = JavaPlan.classNameOf(policyName);
		return (pkg.isEmpty() ? cls : pkg + "." + cls).replace('.', '/') + ".java";
	}

	/**
	 * The first policy whose class would be written to the same file as an earlier one's (compared
	 * ignoring case, as on macOS and Windows), with that earlier policy; empty when every policy has
	 * a file of its own. Issue 20.1: the later class silently replaced the earlier.
	 */
	public static java.util.Optional<Policy[]> fileClash(List<Policy> policies, String packageOverride) {
		java.util.Map<String, Policy> seen = new java.util.HashMap<>();
		for (Policy p : policies) {
			Policy earlier = seen.putIfAbsent(path(p.name(), packageOverride).toLowerCase(Locale.ROOT), p);
			if (earlier != null) {
				return java.util.Optional.of(new Policy[] {earlier, p});
			}
		}
		return java.util.Optional.empty();
	}

	/** {@code ./mapl compile FILE... --java-out DIR [--java-package PKG] [--java-style STYLE]}. */
	public static String command(List<String> files, String javaOut, String packageName, Style style) {
		StringBuilder sb = new StringBuilder("./mapl compile");
		for (String f : new TreeSet<>(files)) {
			sb.append(' ').append(ShellWords.quote(f));
		}
		sb.append(" --java-out ").append(ShellWords.quote(javaOut));
		if (packageName != null) {
			sb.append(" --java-package ").append(ShellWords.quote(packageName));
		}
		if (style != Style.AUTO) {
			sb.append(" --java-style ").append(style.name().toLowerCase(Locale.ROOT));
		}
		return sb.toString();
	}

	/**
	 * Writes one class: computes what its templates ({@link JavaClassTemplate}) print and where
	 * long lines break. Javadoc fills to 100 columns, code to 120.
	 */
	private static final class Writer {
		/** The column of a class member, and of a statement in a method's body. */
		private static final int MEMBER = 4;
		private static final int BODY = 8;
		/** Continuation lines of a wrapped signature, condition or expression: two levels deeper. */
		private static final String CONTINUATION = " ".repeat(8);

		private final JavaPlan plan;
		private final Options options;
		private final Model model;
		private final Policy policy;
		private final JavaConditions conditions;
		private TableWriter table;
		private BranchWriter branches;

		Writer(JavaPlan plan, Options options) {
			this.plan = plan;
			this.options = options;
			this.model = plan.model;
			this.policy = plan.policy;
			this.conditions = new JavaConditions(plan);
			if (plan.style == Style.TABLE) {
				table = new TableWriter(plan, options.byteTableMaxEntries());
			} else {
				branches = new BranchWriter(plan);
			}
		}

		String write() {
			List<CharSequence> members = new ArrayList<>();
			members.add(outcomeEnum());
			members.addAll(factEnums());
			members.add(ruleEnum());
			members.addAll(constants());
			members.add(text(JavaClassTemplate.constructor(plan.className)));
			if (plan.packed()) {
				members.add(pack());
			}
			members.add(decideTyped());
			if (plan.packed()) {
				members.add(decidePacked());
			}
			members.add(ruleTyped());
			if (plan.packed()) {
				members.add(unpacked("rule", "Rule", "The rule that decides a packed input: {@link #rule(" + typeList() + ")} of its facts."));
			}
			members.add(isPossibleTyped());
			if (plan.packed()) {
				members.add(unpacked("isPossible", "boolean", "Whether the assumptions allow a packed input."));
			}
			List<CharSequence> implementation = new ArrayList<>();
			if (plan.keyPacked() && !plan.keyFacts.isEmpty()) {
				implementation.add(key());
			}
			implementation.add(table != null ? table.members() : branches.members());
			implementation.addAll(conditionParts);
			if (plan.packed()) {
				implementation.addAll(codeArrays());
			}
			return TemplateText.lines(JavaClassTemplate.file(header(), plan.className, members, implementation));
		}

		/** A template's text as a value for another template: without its last line's newline. */
		static String text(CharSequence template) {
			return TemplateText.lines(template).stripTrailing();
		}

		// ---- header and class comment

		private List<String> sources() {
			TreeSet<String> files = new TreeSet<>();
			add(files, policy.span().file());
			for (Rule r : policy.rules()) {
				add(files, r.span().file());
			}
			for (int f : policy.inputs()) {
				add(files, model.fact(f).span().file());
			}
			for (int o : plan.outcomes) {
				add(files, model.outcome(o).span().file());
			}
			for (Assumption a : policy.assumptions()) {
				add(files, a.span().file());
			}
			List<String> out = new ArrayList<>();
			for (String s : files) {
				out.add(JavaNames.comment(s));
			}
			return out;
		}

		private void add(Set<String> files, String f) {
			if (f != null && !f.isEmpty()) {
				files.add(options.sourcePath().apply(f));
			}
		}

		private String sourceFile() {
			String f = policy.span().file();
			return f == null || f.isEmpty() ? "" : options.sourcePath().apply(f);
		}

		private CharSequence header() {
			return text(JavaClassTemplate.header(JavaNames.comment(policy.name()), sources(),
					JavaNames.comment(options.command()), plan.packageName, text(JavaClassTemplate.doc(classDoc()))));
		}

		/** The lines of the class comment, without {@code " * "}. */
		private List<String> classDoc() {
			List<String> policyDoc = new ArrayList<>();
			if (!policy.doc().isBlank()) {
				for (String l : policy.doc().strip().split("\n", -1)) {
					policyDoc.add(JavaNames.doc(l.strip()));
				}
			}
			boolean tabled = plan.style == Style.TABLE;
			List<String> assumptions = new ArrayList<>();
			for (Assumption a : policy.assumptions()) {
				assumptions.add(JavaNames.code(MaplSyntax.expr(model, a.expr())));
			}
			return List.of(text(JavaClassTemplate.classDoc(policyDoc, JavaNames.doc(policy.name()), policy.hitPolicy(),
					tabled ? table.entries() : 0, tabled ? 0 : plan.diagram.testCount(), tabled ? 0 : plan.diagram.depth(),
					plan.keyBits, docNames(plan.keyFacts), plan.packed(), plan.totalBits, plan.layout, docNames(plan.layout),
					assumptions, plan.hasNone)).split("\n", -1));
		}

		/** The facts' names for a Javadoc {@code {@code ...}}. */
		private static List<String> docNames(List<JavaPlan.FactInfo> facts) {
			return facts.stream().map(fi -> JavaNames.doc(fi.f.name())).toList();
		}

		/** A Javadoc paragraph of a comment at {@code column}, filled to 100 columns. */
		private static void para(List<String> doc, int column, String text) {
			doc.addAll(JavaNames.fill(text, 100 - column - 3));
		}

		// ---- nested types

		private CharSequence outcomeEnum() {
			List<String> doc = new ArrayList<>();
			para(doc, MEMBER, "The outcomes the policy decides, in declaration order, which is priority order: {@code compareTo}"
					+ " puts the more restrictive first.");
			List<String> docs = new ArrayList<>();
			List<String> constants = new ArrayList<>();
			for (int o : plan.outcomes) {
				Outcome out = model.outcome(o);
				String d = out.doc().strip().replace('\n', ' ');
				if (!out.attributes().isEmpty()) {
					d += (d.isEmpty() ? "" : " ") + "Attributes: " + String.join(", ", out.attributes()) + ".";
				}
				docs.add(d.isEmpty() ? null : JavaNames.doc(d));
				constants.add(plan.outcomeConstants.get(out.index()));
			}
			List<String> attributes = new ArrayList<>();
			List<String> accessors = new ArrayList<>();
			List<String> carriers = new ArrayList<>();
			for (var e : plan.attributes.entrySet()) {
				attributes.add(JavaNames.doc(e.getKey()));
				accessors.add(e.getValue());
				List<String> with = new ArrayList<>();
				for (int o : plan.outcomes) {
					if (model.outcome(o).has(e.getKey())) {
						with.add("this == " + plan.outcomeConstants.get(o));
					}
				}
				carriers.add(String.join(" || ", with));
			}
			return text(JavaClassTemplate.outcomeEnum(text(JavaClassTemplate.doc(doc)), docs, constants, attributes,
					accessors, carriers));
		}

		private List<CharSequence> factEnums() {
			List<CharSequence> out = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				if (!fi.isBoolean()) {
					out.add(text(JavaClassTemplate.factEnum(JavaNames.doc(fi.f.name()), factDoc(fi), fi.enumType,
							String.join(", ", fi.values))));
				}
			}
			return out;
		}

		private static String factDoc(JavaPlan.FactInfo fi) {
			return fi.f.doc().isBlank() ? "" : JavaNames.doc(fi.f.doc().strip().replace('\n', ' '));
		}

		private CharSequence ruleEnum() {
			List<String> docs = new ArrayList<>();
			List<String> rules = new ArrayList<>();
			List<Rule> rs = policy.rules();
			for (int j = 0; j < rs.size(); j++) {
				Rule r = rs.get(j);
				docs.add(JavaNames.code(MaplSyntax.rule(model, r)));
				rules.add(plan.ruleConstants.get(j) + "(" + JavaNames.string(r.name()) + ", " + r.span().line() + ", "
						+ plan.outcomeRef(r.outcome()) + ")");
			}
			String src = sourceFile();
			return text(JavaClassTemplate.ruleEnum(docs, rules, src.isEmpty() ? "" : JavaNames.doc(src)));
		}

		private List<CharSequence> constants() {
			List<JavaPlan.FactInfo> fs = plan.packed() ? plan.layout : plan.keyPacked() ? plan.keyFacts : List.of();
			String vis = plan.packed() ? "public" : "private";
			List<CharSequence> out = new ArrayList<>();
			for (JavaPlan.FactInfo fi : fs) {
				String name = JavaNames.doc(fi.f.name());
				out.add(text(fi.isBoolean() ? JavaClassTemplate.bitConstant(name, vis, fi.constant, fi.shift)
						: JavaClassTemplate.fieldConstants(name, vis, fi.shiftConstant(), fi.shift, fi.maskConstant(),
								JavaPlan.hex(fi.fieldMask() << fi.shift))));
			}
			return out;
		}

		// ---- public methods

		private String typeList() {
			List<String> ts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				ts.add(fi.isBoolean() ? "boolean" : fi.enumType);
			}
			return String.join(", ", ts);
		}

		private CharSequence paramDocs() {
			List<String> ps = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				String doc = factDoc(fi);
				ps.add("@param " + fi.param + " {@code " + JavaNames.doc(fi.f.name()) + "}" + (doc.isEmpty() ? "" : ": " + doc));
			}
			return text(JavaClassTemplate.doc(ps));
		}

		/**
		 * The parameters of a public method: on the signature's line when {@code public static TYPE
		 * NAME(...) {} fits 120 columns, else wrapped below it.
		 */
		private String params(String returnType, String name) {
			String head = "public static " + returnType + " " + name + "(";
			String ps = plan.parameters(plan.facts);
			if (MEMBER + head.length() + ps.length() + 3 <= 120 || plan.facts.size() <= 1) {
				return ps;
			}
			return wrapped(declarations(plan.facts), ", ", ") {", MEMBER);
		}

		private static List<String> declarations(List<JavaPlan.FactInfo> fs) {
			List<String> parts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : fs) {
				parts.add((fi.isBoolean() ? "boolean " : fi.enumType + " ") + fi.param);
			}
			return parts;
		}

		/**
		 * Items joined by {@code sep} on continuation lines below a line at {@code column}, as many per
		 * line as fit 120 columns with {@code end} after the last: a line break, the lines, and no
		 * {@code end} (the template writes it).
		 */
		private static String wrapped(List<String> items, String sep, String end, int column) {
			int at = column + CONTINUATION.length();
			StringBuilder out = new StringBuilder();
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < items.size(); i++) {
				String item = items.get(i) + (i == items.size() - 1 ? end : sep.stripTrailing());
				if (line.length() > 0 && at + line.length() + 1 + item.length() > 120) {
					out.append('\n').append(CONTINUATION).append(line);
					line.setLength(0);
				}
				line.append(line.length() == 0 ? "" : " ").append(item);
			}
			out.append('\n').append(CONTINUATION).append(line, 0, line.length() - end.length());
			return out.toString();
		}

		private CharSequence pack() {
			List<String> parts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.layout) {
				if (fi.width > 0) {
					parts.add(packPart(fi));
				}
			}
			return text(JavaClassTemplate.pack(paramDocs(), params("long", "pack"), joined(parts, " | ", "0L", BODY)));
		}

		private String packPart(JavaPlan.FactInfo fi) {
			if (fi.isBoolean()) {
				return "(" + fi.param + " ? " + fi.constant + " : 0L)";
			}
			return "(long) " + fi.param + ".ordinal() << " + fi.shiftConstant();
		}

		/**
		 * What {@code return ...;} at {@code column} returns: the parts joined by {@code sep} on one
		 * line if it fits, else one part a line with the operator first.
		 */
		private static String joined(List<String> parts, String sep, String empty, int column) {
			if (parts.isEmpty()) {
				return empty;
			}
			String one = String.join(sep, parts);
			if (column + "return ".length() + one.length() + 1 <= 120) {
				return one;
			}
			StringBuilder sb = new StringBuilder(parts.get(0));
			for (int i = 1; i < parts.size(); i++) {
				sb.append('\n').append(CONTINUATION).append(sep.strip()).append(' ').append(parts.get(i));
			}
			return sb.toString();
		}

		private CharSequence decideTyped() {
			String result;
			if (!plan.keyPacked()) {
				result = branches.call("decideKey");
			} else {
				String key = plan.keyFacts.isEmpty() ? "0L" : "key(" + plan.arguments(plan.keyFacts) + ")";
				result = table != null ? "lookup((int) " + key + ")" : "decideKey(" + key + ")";
			}
			return text(JavaClassTemplate.decide(paramDocs(), plan.hasNone, params("Outcome", "decide"), result));
		}

		private CharSequence decidePacked() {
			String result;
			if (table != null) {
				result = plan.keyBits == 0 ? "lookup(0)"
						: "lookup((int) facts & " + "0x" + Integer.toHexString((1 << plan.keyBits) - 1).toUpperCase(Locale.ROOT) + ")";
			} else {
				result = "decideKey(facts)";
			}
			return text(JavaClassTemplate.decidePacked(typeList(), plan.hasNone, result));
		}

		/** The rules in the order they are tried: source order, or by outcome for {@code priority}. */
		private List<Integer> ruleOrder() {
			List<Integer> order = new ArrayList<>();
			for (int j = 0; j < policy.rules().size(); j++) {
				order.add(j);
			}
			if (policy.hitPolicy() == HitPolicy.PRIORITY) {
				order.sort((x, y) -> Integer.compare(policy.rules().get(x).outcome(), policy.rules().get(y).outcome()));
			}
			return order;
		}

		/** Methods holding parts of conditions too large for one method ({@link #renderWithin}). */
		private final List<CharSequence> conditionParts = new ArrayList<>();

		/**
		 * A rule's or an assumption's condition as a Java expression. One that would make its method
		 * larger than {@link BranchWriter#METHOD_BUDGET} (composed policies expand into thousands of
		 * operands, and javac refuses a method over 64 KB of bytecode) is cut at its {@code &&} and
		 * {@code ||} into private methods {@code conditionN(...)} of the facts, each within the budget.
		 */
		private String renderWithin(Expr e) {
			if (JavaConditions.cost(e) <= BranchWriter.METHOD_BUDGET) {
				return conditions.render(e);
			}
			if (e instanceof Expr.Not n) {
				return "!" + part(n.operand());
			}
			if (e instanceof Expr.Implies i) {
				return "!" + part(i.left()) + " || " + part(i.right());
			}
			boolean and = e instanceof Expr.And;
			List<Expr> operands = and || e instanceof Expr.Or ? flatten(e, and) : List.of();
			if (operands.isEmpty()) {
				return conditions.render(e);
			}
			List<String> parts = new ArrayList<>();
			List<Expr> group = new ArrayList<>();
			int cost = 0;
			for (Expr x : operands) {
				int k = JavaConditions.cost(x);
				if (!group.isEmpty() && cost + k > BranchWriter.METHOD_BUDGET) {
					parts.add(part(group, and, e));
					group.clear();
					cost = 0;
				}
				group.add(x);
				cost += k;
			}
			parts.add(part(group, and, e));
			return String.join(and ? " && " : " || ", parts);
		}

		/** The operands of nested {@code &&} (or {@code ||}) as one list, without recursion: chains can be long. */
		private static List<Expr> flatten(Expr e, boolean and) {
			List<Expr> out = new ArrayList<>();
			java.util.Deque<Expr> todo = new java.util.ArrayDeque<>();
			todo.push(e);
			while (!todo.isEmpty()) {
				Expr x = todo.pop();
				List<Expr> inner = and && x instanceof Expr.And a ? a.operands() : !and && x instanceof Expr.Or o ? o.operands() : null;
				if (inner == null) {
					out.add(x);
				} else {
					for (int i = inner.size() - 1; i >= 0; i--) {
						todo.push(inner.get(i));
					}
				}
			}
			return out;
		}

		/**
		 * A group of operands within the budget: one method of them all; a single operand over it:
		 * cut further.
		 */
		private String part(List<Expr> group, boolean and, Expr whole) {
			if (group.size() == 1) {
				return part(group.get(0));
			}
			Expr joined = and ? new Expr.And(List.copyOf(group), whole.span()) : new Expr.Or(List.copyOf(group), whole.span());
			return method(() -> conditions.render(joined));
		}

		/** A call of a new method {@code conditionN(...)} that returns {@code e}, itself cut if need be. */
		private String part(Expr e) {
			return method(() -> renderWithin(e));
		}

		private String method(java.util.function.Supplier<String> condition) {
			int slot = conditionParts.size();
			conditionParts.add(null); // the parts inside come after it
			String name = "condition" + (slot + 1);
			String body = condition(condition.get()).stripTrailing();
			conditionParts.set(slot, text(JavaClassTemplate.conditionPart(name, plan.parameters(plan.facts), body)));
			return name + "(" + plan.arguments(plan.facts) + ")";
		}

		private CharSequence ruleTyped() {
			// Chunks of rules, each a method the JIT still compiles.
			List<List<Integer>> chunks = new ArrayList<>();
			List<Integer> cur = new ArrayList<>();
			int cost = 0;
			boolean unconditional = false;
			for (int j : ruleOrder()) {
				Expr c = policy.rules().get(j).condition();
				int k = JavaConditions.cost(c) + 8;
				if (!cur.isEmpty() && cost + k > BranchWriter.METHOD_BUDGET) {
					chunks.add(cur);
					cur = new ArrayList<>();
					cost = 0;
				}
				cur.add(j);
				cost += k;
				if (conditions.render(c).equals("true")) {
					unconditional = true;
					break;
				}
			}
			chunks.add(cur);
			List<String> calls = new ArrayList<>();
			List<CharSequence> bodies = new ArrayList<>();
			for (int i = 0; i < chunks.size(); i++) {
				calls.add("rules" + (i + 1) + "(" + plan.arguments(plan.facts) + ")");
				bodies.add(ruleBody(chunks.get(i), unconditional && i == chunks.size() - 1));
			}
			return text(JavaClassTemplate.rule(paramDocs(), policy.hitPolicy() == HitPolicy.PRIORITY, plan.hasNone,
					params("Rule", "rule"), calls, bodies, plan.parameters(plan.facts)));
		}

		private String ruleBody(List<Integer> rules, boolean endsUnconditional) {
			List<String> checks = new ArrayList<>();
			boolean decided = endsUnconditional;
			for (int j : rules) {
				Rule r = policy.rules().get(j);
				String cond = renderWithin(r.condition());
				String comment = JavaNames.comment(MaplSyntax.rule(model, r));
				String ref = "Rule." + plan.ruleConstants.get(j);
				boolean always = cond.equals("true");
				checks.add(text(JavaClassTemplate.ruleCheck(comment, always ? null : condition(cond), cond.equals("false"),
						ref)));
				if (always) {
					// The rules after one that always matches are never reached.
					decided = true;
					break;
				}
			}
			return text(JavaClassTemplate.ruleChecks(checks, !decided));
		}

		/**
		 * The condition of {@code if (...) {} at a body's column: on one line if it fits 120 columns,
		 * else broken before the {@code &&} and {@code ||} outside parentheses.
		 */
		private static String condition(String cond) {
			if (BODY + "if (".length() + cond.length() + ") {".length() <= 120) {
				return cond;
			}
			List<String> parts = splitTopLevel(cond);
			if (parts.size() == 1) {
				return cond + "\n";
			}
			StringBuilder sb = new StringBuilder(parts.get(0));
			for (int i = 1; i < parts.size(); i++) {
				sb.append('\n').append(CONTINUATION).append(parts.get(i));
			}
			return sb.toString();
		}

		/** {@code a && b || c} -> {@code a}, {@code && b}, {@code || c}: at operators outside parentheses. */
		private static List<String> splitTopLevel(String s) {
			List<String> out = new ArrayList<>();
			int depth = 0;
			int start = 0;
			for (int i = 0; i + 3 < s.length(); i++) {
				char c = s.charAt(i);
				if (c == '(') {
					depth++;
				} else if (c == ')') {
					depth--;
				} else if (depth == 0 && c == ' ' && (s.startsWith(" && ", i) || s.startsWith(" || ", i))) {
					out.add(s.substring(start, i));
					start = i + 1;
				}
			}
			out.add(s.substring(start));
			return out;
		}

		private CharSequence isPossibleTyped() {
			List<String> assumptions = new ArrayList<>();
			List<String> conds = new ArrayList<>();
			for (Assumption a : policy.assumptions()) {
				assumptions.add(JavaNames.comment(MaplSyntax.expr(model, a.expr())));
				String c = renderWithin(new Expr.Not(a.expr(), a.span()));
				conds.add(c.equals("false") ? null : condition(c));
			}
			return text(JavaClassTemplate.isPossible(paramDocs(), params("boolean", "isPossible"), assumptions, conds));
		}

		/** {@code rule(long)} and {@code isPossible(long)}: the typed method of the unpacked facts. */
		private CharSequence unpacked(String name, String returnType, String doc) {
			List<String> args = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				if (fi.isBoolean()) {
					args.add("(facts & " + fi.constant + ") != 0");
				} else if (fi.width == 0) {
					args.add(fi.enumType + "." + fi.values.get(0));
				} else {
					args.add(fi.codeArray + "[(int) (facts >>> " + fi.shiftConstant() + ") & " + fi.fieldMask() + "]");
				}
			}
			String one = String.join(", ", args);
			String call = ("return " + name + "(" + one + ");").length() + BODY <= 120 ? one : oneEach(args, ",");
			return text(JavaClassTemplate.unpacked(doc, returnType, name, call));
		}

		/** One item a continuation line, each but the last followed by {@code sep}. */
		private static String oneEach(List<String> items, String sep) {
			StringBuilder sb = new StringBuilder();
			for (int i = 0; i < items.size(); i++) {
				sb.append('\n').append(CONTINUATION).append(items.get(i)).append(i == items.size() - 1 ? "" : sep);
			}
			return sb.toString();
		}

		/** The enum value of each code of a packed field, codes past the last value reading as the last. */
		private List<CharSequence> codeArrays() {
			List<CharSequence> out = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				if (fi.isBoolean() || fi.width == 0) {
					continue;
				}
				List<String> vs = new ArrayList<>();
				int n = fi.f.domainSize();
				for (int c = 0; c < (1 << fi.width); c++) {
					vs.add(fi.enumType + "." + fi.values.get(Math.min(c, n - 1)));
				}
				String head = "private static final " + fi.enumType + "[] " + fi.codeArray + " = {";
				String one = String.join(", ", vs);
				String values = MEMBER + head.length() + one.length() + 2 <= 120 ? one : wrapped(vs, ", ", "};", MEMBER);
				out.add(text(JavaClassTemplate.codeArray(fi.enumType, fi.codeArray, values)));
			}
			return out;
		}

		/** {@code key(...)}: the key facts packed, the index of the table or the input of the diagram. */
		private CharSequence key() {
			String ps = plan.parameters(plan.keyFacts);
			String head = "private static long key(" + ps + ") {";
			String params = MEMBER + head.length() <= 120 ? ps : wrapped(declarations(plan.keyFacts), ", ", ") {", MEMBER);
			List<String> parts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.keyFacts) {
				parts.add(packPart(fi));
			}
			return text(JavaClassTemplate.key(params, joined(parts, " | ", "0L", BODY)));
		}
	}
}
