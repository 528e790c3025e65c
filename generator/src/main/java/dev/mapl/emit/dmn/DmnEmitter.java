package dev.mapl.emit.dmn;

import dev.mapl.emit.TemplateText;
import dev.mapl.ir.Assumption;
import dev.mapl.ir.MaplSyntax;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.InputValues;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.OutputValues;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Document;

/**
 * A policy as a DMN 1.3 decision table, so that it runs in any DMN engine and can be compared with
 * them. Deterministic to the byte.
 *
 * <ul>
 * <li>One input column per input fact of the policy, in declaration order: a boolean fact is a
 * FEEL {@code boolean}, an enum fact a {@code string} holding the value's name (its allowed values
 * listed). The FEEL variable is the fact's name with dots as underscores ({@code guest.mte} is
 * {@code guest_mte}); the column's label is the MAPL name.
 * <li>One output column, {@code outcome}, a {@code string}; its allowed values are the outcomes in
 * declaration order, which is priority order.
 * <li>Hit policy: {@code first} is {@code FIRST}, {@code unique} is {@code UNIQUE}, {@code priority}
 * is {@code PRIORITY} (the output values' order is the outcomes' priority). With
 * {@link Options#firstHitPolicy()}, every policy is written as an equivalent {@code FIRST} table
 * instead (for engines without {@code PRIORITY}, such as Camunda 7): a {@code priority} policy's
 * rules sorted by outcome priority, a {@code unique} policy's rules as they are (so that where two
 * rules overlap the first decides, as the reference interpreter says).
 * <li>Each MAPL rule is one DMN rule per conjunction of its condition in disjunctive normal form
 * (DMN input entries are a conjunction of unary tests, one per column); for {@code UNIQUE} the
 * conjunctions of one rule are made disjoint. Each DMN rule's description names the MAPL rule, its
 * line and its text.
 * <li>The assumptions are stated in the decision's description; DMN has no notion of them, and the
 * table decides impossible inputs as the rules are written.
 * </ul>
 */
public final class DmnEmitter {

	/** DMN 1.3's model namespace. */
	public static final String DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
	/** Conjunctions allowed per rule before the export gives up (a condition's DNF can explode). */
	public static final int MAX_CONJUNCTIONS = 4096;

	/**
	 * What to write.
	 *
	 * @param firstHitPolicy write an equivalent {@code FIRST} table whatever the hit policy
	 * @param sourcePath     maps a source span's file to the path the description names
	 * @param command        the command that regenerates the file
	 */
	public record Options(boolean firstHitPolicy, UnaryOperator<String> sourcePath, String command) {
		public Options {
			Objects.requireNonNull(sourcePath);
			Objects.requireNonNull(command);
		}

		public static Options of(String command) {
			return new Options(false, UnaryOperator.identity(), command);
		}

		public Options withFirstHitPolicy(boolean first) {
			return new Options(first, sourcePath, command);
		}
	}

	private DmnEmitter() {
	}

	/** The FEEL variable of each input fact (model index -> name), in declaration order. */
	public static Map<Integer, String> variables(Model model, Policy policy) {
		Map<Integer, String> out = new LinkedHashMap<>();
		Set<String> used = new HashSet<>();
		for (int f : policy.inputs()) {
			String base = feelName(model.fact(f).name());
			String n = base;
			for (int k = 2; !used.add(n); k++) {
				n = base + "_" + k;
			}
			out.put(f, n);
		}
		return out;
	}

	/** A FEEL name without dots, spaces or operators: {@code guest.mte} -> {@code guest_mte}. */
	static String feelName(String name) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
		}
		String s = sb.toString();
		if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
			s = "_" + s;
		}
		// FEEL keywords and literals cannot be names.
		if (Set.of("true", "false", "null", "not", "and", "or", "in", "for", "if", "then", "else", "some", "every",
				"satisfies", "instance", "of", "function", "between", "return", "external").contains(s)) {
			s = s + "_";
		}
		return s;
	}

	/** The DMN hit policy the table gets. */
	public static String hitPolicy(Policy policy, Options options) {
		if (options.firstHitPolicy()) {
			return "FIRST";
		}
		switch (policy.hitPolicy()) {
			case UNIQUE:
				return "UNIQUE";
			case PRIORITY:
				return "PRIORITY";
			case FIRST:
			default:
				return "FIRST";
		}
	}

	/** The id of the decision, for engines that look decisions up by id: {@code decision_stage2}. */
	public static String decisionId(Policy policy) {
		return "decision_" + id(policy.name());
	}

	/** The id of a DMN rule: {@code rule_J} or {@code rule_J_K} for conjunction K of MAPL rule J (1-based). */
	public static String ruleId(int rule, int conjunction, int conjunctions) {
		return "rule_" + (rule + 1) + (conjunctions > 1 ? "_" + (conjunction + 1) : "");
	}

	/**
	 * The MAPL rule (position in the policy) a DMN rule id belongs to.
	 *
	 * @throws IllegalArgumentException for an id this emitter does not write
	 */
	public static int ruleOf(String ruleId) {
		if (!ruleId.startsWith("rule_")) {
			throw new IllegalArgumentException("not a MAPL rule id: " + ruleId);
		}
		String rest = ruleId.substring(5);
		int us = rest.indexOf('_');
		return Integer.parseInt(us < 0 ? rest : rest.substring(0, us)) - 1;
	}

	/** The DMN 1.3 XML of one policy. */
	public static String emit(Model model, Policy policy, Options options) {
		return new Writer(model, policy, options).write();
	}

	private static String id(String s) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
		}
		return sb.toString();
	}

	private static final class Writer {
		private final Model model;
		private final Policy policy;
		private final Options options;
		private final List<Integer> inputs;
		private final Map<Integer, String> variables;
		private final DmnModelInstance dmn = Dmn.createEmptyModel();

		Writer(Model model, Policy policy, Options options) {
			this.model = model;
			this.policy = policy;
			this.options = options;
			this.inputs = policy.inputs();
			this.variables = variables(model, policy);
		}

		/** A new element with the given id (the model API would otherwise draw a random one). */
		private <T extends ModelElementInstance> T element(Class<T> type, String id) {
			return id == null ? dmn.newInstance(type) : dmn.newInstance(type, id);
		}

		private Description description(String s) {
			Description d = dmn.newInstance(Description.class);
			d.setTextContent(text(s));
			return d;
		}

		private Text textOf(String s) {
			Text t = dmn.newInstance(Text.class);
			t.setTextContent(text(s));
			return t;
		}

		private <T extends UnaryTests> T tests(Class<T> type, String id, String s) {
			T u = element(type, id);
			u.setText(textOf(s));
			return u;
		}

		String write() {
			String did = decisionId(policy);
			Definitions definitions = element(Definitions.class, "definitions_" + id(policy.name()));
			definitions.setName(text(policy.name()));
			definitions.setNamespace("https://mapl.dev/dmn/" + text(policy.name()));
			dmn.setDefinitions(definitions);
			definitions.setDescription(description(provenance()));
			Decision decision = element(Decision.class, did);
			decision.setName(text(policy.name()));
			decision.setDescription(description(description()));
			definitions.addChildElement(decision);
			DecisionTable table = element(DecisionTable.class, did + "_table");
			table.setHitPolicy(org.camunda.bpm.model.dmn.HitPolicy.valueOf(hitPolicy(policy, options)));
			decision.setExpression(table);
			int k = 0;
			for (int f : inputs) {
				k++;
				Fact fact = model.fact(f);
				Input input = element(Input.class, "input_" + k);
				input.setLabel(text(fact.name()));
				InputExpression expression = element(InputExpression.class, "input_" + k + "_expression");
				expression.setTypeRef(fact.isBoolean() ? "boolean" : "string");
				expression.setText(textOf(variables.get(f)));
				input.setInputExpression(expression);
				if (!fact.isBoolean()) {
					List<String> vs = new ArrayList<>();
					for (String v : fact.values()) {
						vs.add(feelString(v));
					}
					input.setInputValues(tests(InputValues.class, "input_" + k + "_values", String.join(",", vs)));
				}
				table.getInputs().add(input);
			}
			Output output = element(Output.class, "output_outcome");
			output.setLabel("outcome");
			output.setName("outcome");
			output.setTypeRef("string");
			List<String> outs = new ArrayList<>();
			for (int o : outcomes()) {
				outs.add(feelString(model.outcome(o).name()));
			}
			output.setOutputValues(tests(OutputValues.class, "output_outcome_values", String.join(",", outs)));
			table.getOutputs().add(output);
			boolean disjoint = hitPolicy(policy, options).equals("UNIQUE");
			for (int j : ruleOrder()) {
				Rule r = policy.rules().get(j);
				List<long[]> cubes = Dnf.of(model, r.condition(), inputs, MAX_CONJUNCTIONS, policy.name(), r.name());
				if (disjoint) {
					cubes = Dnf.disjoint(cubes, inputs);
				}
				for (int c = 0; c < cubes.size(); c++) {
					String rid = ruleId(j, c, cubes.size());
					org.camunda.bpm.model.dmn.instance.Rule rule = element(org.camunda.bpm.model.dmn.instance.Rule.class, rid);
					rule.setDescription(description(of(DmnTemplate.rule(r.name(), r.span().line(),
							MaplSyntax.rule(model, r), c, cubes.size()))));
					int i = 0;
					for (int f : inputs) {
						i++;
						rule.getInputEntries().add(tests(InputEntry.class, rid + "_input_" + i, unaryTest(model.fact(f), cubes.get(c)[f])));
					}
					OutputEntry entry = element(OutputEntry.class, rid + "_output");
					entry.setText(textOf(feelString(model.outcome(r.outcome()).name())));
					rule.getOutputEntries().add(entry);
					table.getRules().add(rule);
				}
			}
			// Schema-validated before it is written.
			Dmn.validateModel(dmn);
			Document document = (Document) dmn.getDocument().getDomSource().getNode();
			// The blanks inside the comment's markers.
			document.insertBefore(document.createComment(" " + of(DmnTemplate.comment()) + " "),
					document.getDocumentElement());
			return serialize(document);
		}

		private List<Integer> outcomes() {
			TreeSet<Integer> os = new TreeSet<>();
			for (Rule r : policy.rules()) {
				os.add(r.outcome());
			}
			return new ArrayList<>(os);
		}

		/** Source order; by outcome priority (stable) when a priority policy becomes a FIRST table. */
		private List<Integer> ruleOrder() {
			List<Integer> order = new ArrayList<>();
			for (int j = 0; j < policy.rules().size(); j++) {
				order.add(j);
			}
			if (options.firstHitPolicy() && policy.hitPolicy() == HitPolicy.PRIORITY) {
				order.sort((a, b) -> Integer.compare(policy.rules().get(a).outcome(), policy.rules().get(b).outcome()));
			}
			return order;
		}

		private String provenance() {
			TreeSet<String> files = new TreeSet<>();
			add(files, policy.span().file());
			for (Rule r : policy.rules()) {
				add(files, r.span().file());
			}
			for (int f : inputs) {
				add(files, model.fact(f).span().file());
			}
			for (Assumption a : policy.assumptions()) {
				add(files, a.span().file());
			}
			return of(DmnTemplate.provenance(policy.name(), new ArrayList<>(files), options.command()));
		}

		private void add(Set<String> files, String f) {
			if (f != null && !f.isEmpty()) {
				files.add(options.sourcePath().apply(f));
			}
		}

		private String description() {
			List<String> names = new ArrayList<>();
			List<String> facts = new ArrayList<>();
			for (int f : inputs) {
				names.add(variables.get(f));
				facts.add(model.fact(f).name());
			}
			List<String> assumptions = new ArrayList<>();
			for (Assumption a : policy.assumptions()) {
				assumptions.add(MaplSyntax.expr(model, a.expr()));
			}
			return of(DmnTemplate.description(policy.doc().isBlank() ? null : policy.doc().strip(), policy.hitPolicy(),
					options.firstHitPolicy() && policy.hitPolicy() != HitPolicy.FIRST, names, facts, assumptions));
		}
	}

	/** A FEEL unary test for the values in {@code mask}. */
	static String unaryTest(Fact f, long mask) {
		long full = f.domainSize() >= 64 ? -1L : (1L << f.domainSize()) - 1;
		mask &= full;
		if (mask == full) {
			return "-";
		}
		if (f.isBoolean()) {
			return mask == 2 ? "true" : "false";
		}
		List<String> in = new ArrayList<>();
		List<String> out = new ArrayList<>();
		for (int v = 0; v < f.domainSize(); v++) {
			((mask & (1L << v)) != 0 ? in : out).add(feelString(f.values().get(v)));
		}
		if (out.size() < in.size()) {
			return "not(" + String.join(",", out) + ")";
		}
		return String.join(",", in);
	}

	static String feelString(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * Character data XML 1.0 allows (the serializer escapes {@code & < > "}): control characters
	 * become spaces, and every other character XML 1.0 forbids (U+FFFE, U+FFFF, a lone surrogate)
	 * U+FFFD, so the file stays well-formed.
	 */
	static String text(String s) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length();) {
			int c = s.codePointAt(i);
			i += Character.charCount(c);
			if (c < 32 && c != '\n' && c != '\t') {
				sb.append(' ');
			} else if (c >= 0xD800 && c <= 0xDFFF || c == 0xFFFE || c == 0xFFFF) {
				sb.append('\uFFFD');
			} else {
				sb.appendCodePoint(c);
			}
		}
		return sb.toString();
	}

	/** A template's text, {@code \n} line ends, without the one after its last line. */
	private static String of(CharSequence template) {
		String s = TemplateText.lf(template);
		return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
	}

	/** The document as UTF-8 XML, two-space indented, {@code \n} line ends. */
	private static String serialize(Document document) {
		try {
			Transformer t = TransformerFactory.newInstance().newTransformer();
			t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
			// The declaration is written here: the JDK's would add standalone="no".
			t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
			t.setOutputProperty(OutputKeys.INDENT, "yes");
			t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
			StringWriter out = new StringWriter();
			t.transform(new DOMSource(document), new StreamResult(out));
			// The JDK's serializer writes the root element on the comment's line.
			String xml = out.toString().replace("\r\n", "\n").replaceFirst("-->\\s*<definitions", "-->\n<definitions");
			return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.strip() + "\n";
		} catch (TransformerException e) {
			throw new IllegalStateException("cannot write the DMN document", e);
		}
	}
}
