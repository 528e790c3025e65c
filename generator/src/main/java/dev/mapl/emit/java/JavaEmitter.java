package dev.mapl.emit.java;

import dev.mapl.emit.CodeBuilder;
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

	/** Writes one class. */
	private static final class Writer {
		private final JavaPlan plan;
		private final Options options;
		private final Model model;
		private final Policy policy;
		private final JavaConditions conditions;
		private final CodeBuilder b = CodeBuilder.spaces(4);
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
			header();
			b.line("public final class " + plan.className + " {");
			b.indent();
			b.blank();
			outcomeEnum();
			factEnums();
			ruleEnum();
			constants();
			b.blank();
			b.line("private " + plan.className + "() {");
			b.line("}");
			if (plan.packed()) {
				b.blank();
				pack();
			}
			b.blank();
			decideTyped();
			if (plan.packed()) {
				b.blank();
				decidePacked();
			}
			b.blank();
			ruleTyped();
			if (plan.packed()) {
				b.blank();
				unpacked("rule", "Rule", "The rule that decides a packed input: {@link #rule(" + typeList() + ")} of its facts.");
			}
			b.blank();
			isPossibleTyped();
			if (plan.packed()) {
				b.blank();
				unpacked("isPossible", "boolean", "Whether the assumptions allow a packed input.");
			}
			b.blank();
			b.line("// ---- implementation");
			b.blank();
			if (plan.keyPacked() && !plan.keyFacts.isEmpty()) {
				key();
				b.blank();
			}
			if (table != null) {
				b.lines(table.members());
			} else {
				branches.members(b);
			}
			if (plan.packed()) {
				codeArrays();
			}
			b.dedent();
			b.line("}");
			return b.toString();
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
			return new ArrayList<>(files);
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

		private void header() {
			b.line("// Do not edit: generated by MAPL from the policy `" + JavaNames.comment(policy.name()) + "` in:");
			for (String s : sources()) {
				b.line("//     " + JavaNames.comment(s));
			}
			b.line("// To regenerate: " + JavaNames.comment(options.command()));
			if (!plan.packageName.isEmpty()) {
				b.blank();
				b.line("package " + plan.packageName + ";");
			}
			b.blank();
			b.line("/**");
			if (!policy.doc().isBlank()) {
				docLines(policy.doc());
				b.line(" *");
			}
			para("<p>The MAPL policy {@code " + JavaNames.doc(policy.name()) + "} (" + hitPolicy(policy.hitPolicy())
					+ "), as plain Java 17 without dependencies: every method is static, allocation-free and thread-safe.");
			if (plan.style == Style.TABLE) {
				para("{@link #decide} reads one entry of a table of " + table.entries() + " decisions, indexed by the "
						+ plan.keyBits + " bit" + (plan.keyBits == 1 ? "" : "s") + " of facts the decision depends on ("
						+ keyFactNames() + ").");
			} else {
				para("{@link #decide} runs the policy's reduced decision diagram as code (" + plan.diagram.testCount()
						+ " tests, at most " + plan.diagram.depth() + " on any path) over the " + plan.keyBits
						+ " bits of facts the decision depends on (" + keyFactNames() + ").");
			}
			b.line(" *");
			if (plan.packed()) {
				para("<p>A packed input ({@link #pack}) holds each fact in a bit field; bits " + plan.totalBits
						+ " and up are ignored. An enum fact's field holds the ordinal of its value; a code past the last"
						+ " value reads as the last value.");
				b.line(" * <ul>");
				for (JavaPlan.FactInfo fi : plan.layout) {
					String bits = fi.width == 0 ? "no bits (one value)"
							: fi.width == 1 ? "bit " + fi.shift : "bits " + fi.shift + "-" + (fi.shift + fi.width - 1);
					String link = fi.isBoolean() ? "{@link #" + fi.constant + "}"
							: "{@link #" + fi.shiftConstant() + "}, {@link #" + fi.maskConstant() + "}, {@link " + fi.enumType + "}";
					b.line(" * <li>{@code " + JavaNames.doc(fi.f.name()) + "}: " + bits + " (" + link + ")"
							+ (fi.key ? "" : "; the decision does not depend on it") + ".");
				}
				b.line(" * </ul>");
			} else {
				para("<p>The facts take " + plan.totalBits + " bits, more than a {@code long} holds: there is no packed form.");
			}
			List<Assumption> as = policy.assumptions();
			b.line(" *");
			if (as.isEmpty()) {
				para("<p>Every input is possible: the policy has no assumptions.");
			} else {
				para("<p><b>Impossible inputs.</b> The assumptions exclude every input for which one of these is false:");
				b.line(" * <ul>");
				for (Assumption a : as) {
					b.line(" * <li>" + JavaNames.code(MaplSyntax.expr(model, a.expr())));
				}
				b.line(" * </ul>");
				para("{@link #isPossible} tells. For an impossible input, {@link #rule} returns the rule that matches it"
						+ " as written, and {@link #decide} returns what the optimised code reaches, which is the outcome of"
						+ " some possible input (the code skips the tests that only impossible inputs would need); it never"
						+ " throws.");
			}
			if (plan.hasNone) {
				b.line(" *");
				para("<p>Where no rule decides an input, {@link #decide} and {@link #rule} return {@code null}.");
			}
			b.line(" */");
		}

		/** A Javadoc paragraph, filled to 100 columns. */
		private void para(String text) {
			for (String l : JavaNames.fill(text, 100 - b.column() - 3)) {
				b.line(" * " + l);
			}
		}

		private String keyFactNames() {
			if (plan.keyFacts.isEmpty()) {
				return "none: the decision is constant";
			}
			List<String> ns = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.keyFacts) {
				ns.add("{@code " + JavaNames.doc(fi.f.name()) + "}");
			}
			return String.join(", ", ns);
		}

		private static String hitPolicy(HitPolicy h) {
			switch (h) {
				case UNIQUE:
					return "hit policy {@code unique}: at most one rule matches a possible input";
				case PRIORITY:
					return "hit policy {@code priority}: of the matching rules, the earliest declared outcome wins";
				case FIRST:
				default:
					return "hit policy {@code first}: the first matching rule decides";
			}
		}

		private void docLines(String doc) {
			for (String l : doc.strip().split("\n", -1)) {
				b.line(" * " + JavaNames.doc(l.strip()));
			}
		}

		// ---- nested types

		private void outcomeEnum() {
			b.line("/**");
			para("The outcomes the policy decides, in declaration order, which is priority order: {@code compareTo}"
					+ " puts the more restrictive first.");
			b.line(" */");
			b.line("public enum Outcome {");
			b.indent();
			for (int i = 0; i < plan.outcomes.size(); i++) {
				Outcome o = model.outcome(plan.outcomes.get(i));
				String doc = o.doc().strip().replace('\n', ' ');
				if (!o.attributes().isEmpty()) {
					doc += (doc.isEmpty() ? "" : " ") + "Attributes: " + String.join(", ", o.attributes()) + ".";
				}
				if (!doc.isEmpty()) {
					b.line("/** " + JavaNames.doc(doc) + " */");
				}
				b.line(plan.outcomeConstants.get(o.index()) + (i == plan.outcomes.size() - 1 ? ";" : ","));
			}
			if (plan.outcomes.isEmpty()) {
				b.line(";");
			}
			for (var e : plan.attributes.entrySet()) {
				b.blank();
				b.line("/** Whether the outcome carries the attribute {@code " + JavaNames.doc(e.getKey()) + "}. */");
				b.line("public boolean " + e.getValue() + "() {");
				b.indent();
				List<String> with = new ArrayList<>();
				for (int o : plan.outcomes) {
					if (model.outcome(o).has(e.getKey())) {
						with.add("this == " + plan.outcomeConstants.get(o));
					}
				}
				b.line("return " + String.join(" || ", with) + ";");
				b.dedent();
				b.line("}");
			}
			b.dedent();
			b.line("}");
		}

		private void factEnums() {
			for (JavaPlan.FactInfo fi : plan.facts) {
				if (fi.isBoolean()) {
					continue;
				}
				b.blank();
				b.line("/** {@code " + JavaNames.doc(fi.f.name()) + "}" + (fi.f.doc().isBlank() ? "" : ": "
						+ JavaNames.doc(fi.f.doc().strip().replace('\n', ' '))) + " */");
				b.line("public enum " + fi.enumType + " {");
				b.indent();
				b.line(String.join(", ", fi.values));
				b.dedent();
				b.line("}");
			}
		}

		private void ruleEnum() {
			b.blank();
			b.line("/** The rules, in source order: which one decided an input, for tracing. */");
			b.line("public enum Rule {");
			b.indent();
			List<Rule> rules = policy.rules();
			for (int j = 0; j < rules.size(); j++) {
				Rule r = rules.get(j);
				b.line("/** " + JavaNames.code(MaplSyntax.rule(model, r)) + " */");
				b.line(plan.ruleConstants.get(j) + "(" + JavaNames.string(r.name()) + ", " + r.span().line() + ", "
						+ plan.outcomeRef(r.outcome()) + ")" + (j == rules.size() - 1 ? ";" : ","));
			}
			if (rules.isEmpty()) {
				b.line(";");
			}
			b.blank();
			b.line("private final String label;");
			b.line("private final int line;");
			b.line("private final Outcome outcome;");
			b.blank();
			b.line("Rule(String label, int line, Outcome outcome) {");
			b.indent();
			b.line("this.label = label;");
			b.line("this.line = line;");
			b.line("this.outcome = outcome;");
			b.dedent();
			b.line("}");
			b.blank();
			b.line("/** The rule's label, or {@code line N} for a rule without one. */");
			b.line("public String label() {");
			b.indent().line("return label;").dedent();
			b.line("}");
			b.blank();
			String src = sourceFile();
			b.line("/** The rule's line" + (src.isEmpty() ? "" : " in {@code " + JavaNames.doc(src) + "}") + ". */");
			b.line("public int line() {");
			b.indent().line("return line;").dedent();
			b.line("}");
			b.blank();
			b.line("/** The outcome the rule decides. */");
			b.line("public Outcome outcome() {");
			b.indent().line("return outcome;").dedent();
			b.line("}");
			b.dedent();
			b.line("}");
		}

		private void constants() {
			List<JavaPlan.FactInfo> fs = plan.packed() ? plan.layout : plan.keyPacked() ? plan.keyFacts : List.of();
			String vis = plan.packed() ? "public" : "private";
			for (JavaPlan.FactInfo fi : fs) {
				b.blank();
				if (fi.isBoolean()) {
					b.line("/** The bit of {@code " + JavaNames.doc(fi.f.name()) + "} in a packed input. */");
					b.line(vis + " static final long " + fi.constant + " = 1L << " + fi.shift + ";");
				} else {
					b.line("/** The first bit of {@code " + JavaNames.doc(fi.f.name()) + "} in a packed input. */");
					b.line(vis + " static final int " + fi.shiftConstant() + " = " + fi.shift + ";");
					b.line("/** The bits of {@code " + JavaNames.doc(fi.f.name()) + "} in a packed input. */");
					b.line(vis + " static final long " + fi.maskConstant() + " = " + JavaPlan.hex(fi.fieldMask() << fi.shift)
							+ ";");
				}
			}
		}

		// ---- public methods

		private String typeList() {
			List<String> ts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				ts.add(fi.isBoolean() ? "boolean" : fi.enumType);
			}
			return String.join(", ", ts);
		}

		private void params() {
			for (JavaPlan.FactInfo fi : plan.facts) {
				String doc = fi.f.doc().isBlank() ? "" : ": " + JavaNames.doc(fi.f.doc().strip().replace('\n', ' '));
				b.line(" * @param " + fi.param + " {@code " + JavaNames.doc(fi.f.name()) + "}" + doc);
			}
		}

		private void signature(String returnType, String name) {
			String head = "public static " + returnType + " " + name + "(";
			String ps = plan.parameters(plan.facts);
			if (b.column() + head.length() + ps.length() + 3 <= 120 || plan.facts.size() <= 1) {
				b.line(head + ps + ") {");
				return;
			}
			b.line(head);
			b.indent().indent();
			List<String> parts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				parts.add((fi.isBoolean() ? "boolean " : fi.enumType + " ") + fi.param);
			}
			wrap(parts, ", ", ") {");
			b.dedent().dedent();
		}

		/** Items joined by {@code sep}, as many per line as fit 120 columns. */
		private void wrap(List<String> items, String sep, String end) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < items.size(); i++) {
				String item = items.get(i) + (i == items.size() - 1 ? end : sep.stripTrailing());
				if (line.length() > 0 && b.column() + line.length() + 1 + item.length() > 120) {
					b.line(line.toString());
					line.setLength(0);
				}
				line.append(line.length() == 0 ? "" : " ").append(item);
			}
			b.line(line.toString());
		}

		private void pack() {
			b.line("/**");
			b.line(" * Packs an input into a {@code long}, for {@link #decide(long)}, {@link #rule(long)} and");
			b.line(" * {@link #isPossible(long)}.");
			b.line(" *");
			params();
			b.line(" */");
			signature("long", "pack");
			b.indent();
			List<String> parts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.layout) {
				if (fi.width > 0) {
					parts.add(packPart(fi));
				}
			}
			returnJoined(parts, " | ", "0L");
			b.dedent();
			b.line("}");
		}

		private String packPart(JavaPlan.FactInfo fi) {
			if (fi.isBoolean()) {
				return "(" + fi.param + " ? " + fi.constant + " : 0L)";
			}
			return "(long) " + fi.param + ".ordinal() << " + fi.shiftConstant();
		}

		private void returnJoined(List<String> parts, String sep, String empty) {
			if (parts.isEmpty()) {
				b.line("return " + empty + ";");
				return;
			}
			String one = "return " + String.join(sep, parts) + ";";
			if (b.column() + one.length() <= 120) {
				b.line(one);
				return;
			}
			b.line("return " + parts.get(0));
			b.indent().indent();
			for (int i = 1; i < parts.size(); i++) {
				b.line(sep.strip() + " " + parts.get(i) + (i == parts.size() - 1 ? ";" : ""));
			}
			b.dedent().dedent();
		}

		private void decideTyped() {
			b.line("/**");
			b.line(" * Decides an input.");
			b.line(" *");
			params();
			b.line(" * @return the decided outcome" + (plan.hasNone ? ", or {@code null} where no rule decides" : ""));
			b.line(" */");
			signature("Outcome", "decide");
			b.indent();
			if (!plan.keyPacked()) {
				b.line("return " + branches.call("decideKey") + ";");
			} else {
				String key = plan.keyFacts.isEmpty() ? "0L" : "key(" + plan.arguments(plan.keyFacts) + ")";
				if (table != null) {
					b.line("return lookup((int) " + key + ");");
				} else {
					b.line("return decideKey(" + key + ");");
				}
			}
			b.dedent();
			b.line("}");
		}

		private void decidePacked() {
			b.line("/**");
			b.line(" * Decides a packed input ({@link #pack}): the same as {@link #decide(" + typeList() + ")} of its facts.");
			b.line(" *");
			b.line(" * @return the decided outcome" + (plan.hasNone ? ", or {@code null} where no rule decides" : ""));
			b.line(" */");
			b.line("public static Outcome decide(long facts) {");
			b.indent();
			if (table != null) {
				b.line(plan.keyBits == 0 ? "return lookup(0);"
						: "return lookup((int) facts & " + "0x" + Integer.toHexString((1 << plan.keyBits) - 1).toUpperCase(Locale.ROOT) + ");");
			} else {
				b.line("return decideKey(facts);");
			}
			b.dedent();
			b.line("}");
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

		private void ruleTyped() {
			b.line("/**");
			b.line(" * The rule that decides an input, for tracing: the rules as written, tried "
					+ (policy.hitPolicy() == HitPolicy.PRIORITY ? "by outcome priority, then in" : "in") + " source order.");
			b.line(" *");
			params();
			b.line(" * @return the rule" + (plan.hasNone ? ", or {@code null} where none matches" : ""));
			b.line(" */");
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
			signature("Rule", "rule");
			b.indent();
			if (chunks.size() == 1) {
				ruleBody(chunks.get(0), unconditional);
				b.dedent();
				b.line("}");
				return;
			}
			b.line("Rule r;");
			for (int i = 0; i < chunks.size(); i++) {
				String call = "rules" + (i + 1) + "(" + plan.arguments(plan.facts) + ")";
				if (i == chunks.size() - 1) {
					b.line("return " + call + ";");
				} else {
					b.line("if ((r = " + call + ") != null) {");
					b.indent().line("return r;").dedent();
					b.line("}");
				}
			}
			b.dedent();
			b.line("}");
			for (int i = 0; i < chunks.size(); i++) {
				b.blank();
				b.line("private static Rule rules" + (i + 1) + "(" + plan.parameters(plan.facts) + ") {");
				b.indent();
				ruleBody(chunks.get(i), unconditional && i == chunks.size() - 1);
				b.dedent();
				b.line("}");
			}
		}

		private void ruleBody(List<Integer> rules, boolean endsUnconditional) {
			for (int j : rules) {
				Rule r = policy.rules().get(j);
				String cond = conditions.render(r.condition());
				b.line("// " + JavaNames.comment(MaplSyntax.rule(model, r)));
				String ref = "Rule." + plan.ruleConstants.get(j);
				if (cond.equals("true")) {
					b.line("return " + ref + ";");
					return;
				}
				if (cond.equals("false")) {
					b.line("// (never matches)");
					continue;
				}
				ifLine(cond);
				b.indent().line("return " + ref + ";").dedent();
				b.line("}");
			}
			if (!endsUnconditional) {
				b.line("return null;");
			}
		}

		/** {@code if (cond) {}, wrapped at {@code &&} or {@code ||} when long. */
		private void ifLine(String cond) {
			String one = "if (" + cond + ") {";
			if (b.column() + one.length() <= 120) {
				b.line(one);
				return;
			}
			// Break at top-level operators.
			List<String> parts = splitTopLevel(cond);
			b.line("if (" + parts.get(0));
			b.indent().indent();
			for (int i = 1; i < parts.size(); i++) {
				b.line(parts.get(i) + (i == parts.size() - 1 ? ") {" : ""));
			}
			b.dedent().dedent();
			if (parts.size() == 1) {
				b.line(") {");
			}
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

		private void isPossibleTyped() {
			b.line("/**");
			b.line(" * Whether the assumptions allow an input.");
			b.line(" *");
			params();
			b.line(" */");
			signature("boolean", "isPossible");
			b.indent();
			for (Assumption a : policy.assumptions()) {
				b.line("// " + JavaNames.comment(MaplSyntax.expr(model, a.expr())));
				String c = conditions.render(new Expr.Not(a.expr(), a.span()));
				if (c.equals("false")) {
					continue;
				}
				ifLine(c);
				b.indent().line("return false;").dedent();
				b.line("}");
			}
			b.line("return true;");
			b.dedent();
			b.line("}");
		}

		/** {@code rule(long)} and {@code isPossible(long)}: the typed method of the unpacked facts. */
		private void unpacked(String name, String returnType, String doc) {
			b.line("/** " + doc + " */");
			b.line("public static " + returnType + " " + name + "(long facts) {");
			b.indent();
			List<String> args = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.facts) {
				if (fi.isBoolean()) {
					args.add("(facts & " + fi.constant + ") != 0");
				} else if (fi.width == 0) {
					args.add(fi.enumType + "." + fi.values.get(0));
				} else {
					args.add(codeArray(fi) + "[(int) (facts >>> " + fi.shiftConstant() + ") & " + fi.fieldMask() + "]");
				}
			}
			String one = "return " + name + "(" + String.join(", ", args) + ");";
			if (b.column() + one.length() <= 120) {
				b.line(one);
			} else {
				b.line("return " + name + "(");
				b.indent().indent();
				for (int i = 0; i < args.size(); i++) {
					b.line(args.get(i) + (i == args.size() - 1 ? ");" : ","));
				}
				b.dedent().dedent();
			}
			b.dedent();
			b.line("}");
		}

		private String codeArray(JavaPlan.FactInfo fi) {
			return fi.codeArray;
		}

		/** The enum value of each code of a packed field, codes past the last value reading as the last. */
		private void codeArrays() {
			for (JavaPlan.FactInfo fi : plan.facts) {
				if (fi.isBoolean() || fi.width == 0) {
					continue;
				}
				b.blank();
				List<String> vs = new ArrayList<>();
				int n = fi.f.domainSize();
				for (int c = 0; c < (1 << fi.width); c++) {
					vs.add(fi.enumType + "." + fi.values.get(Math.min(c, n - 1)));
				}
				String head = "private static final " + fi.enumType + "[] " + codeArray(fi) + " = {";
				String one = head + String.join(", ", vs) + "};";
				if (b.column() + one.length() <= 120) {
					b.line(one);
				} else {
					b.line(head);
					b.indent().indent();
					wrap(vs, ", ", "};");
					b.dedent().dedent();
				}
			}
		}

		/** {@code key(...)}: the key facts packed, the index of the table or the input of the diagram. */
		private void key() {
			b.line("/** The facts the decision depends on, packed as {@link #pack} packs them. */");
			String head = "private static long key(" + plan.parameters(plan.keyFacts) + ") {";
			if (b.column() + head.length() <= 120) {
				b.line(head);
			} else {
				b.line("private static long key(");
				b.indent().indent();
				List<String> parts = new ArrayList<>();
				for (JavaPlan.FactInfo fi : plan.keyFacts) {
					parts.add((fi.isBoolean() ? "boolean " : fi.enumType + " ") + fi.param);
				}
				wrap(parts, ", ", ") {");
				b.dedent().dedent();
			}
			b.indent();
			List<String> parts = new ArrayList<>();
			for (JavaPlan.FactInfo fi : plan.keyFacts) {
				parts.add(packPart(fi));
			}
			returnJoined(parts, " | ", "0L");
			b.dedent();
			b.line("}");
		}
	}
}
