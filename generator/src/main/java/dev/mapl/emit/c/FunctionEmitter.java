package dev.mapl.emit.c;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two C functions of one target: the pure inner function over the facts
 * ({@code __kvm_s2_fault_memtype(bool vm_pfnmap, ..., u8 prot)}, branches or a table) and the
 * wrapper with the target's prototype, which evaluates each fact's binding once and calls it.
 * Both carry kernel-doc comments.
 */
final class FunctionEmitter {

	private final CFunctionPlan plan;
	private final CTarget.Style style;
	private final boolean inHeader;

	/**
	 * @param inHeader {@code static inline} for both functions (a header), or a plain {@code static}
	 *                 wrapper (a region of a .c file)
	 */
	FunctionEmitter(CFunctionPlan plan, CTarget.Style style, boolean inHeader) {
		this.plan = plan;
		this.style = style;
		this.inHeader = inHeader;
	}

	/** The helpers the inner function needs, the inner function and the wrapper, ending with a newline. */
	String emit() {
		List<String> helpers;
		String body;
		if (style == CTarget.Style.TABLE) {
			helpers = TableEmitter.indexHelpers(plan);
			body = new TableEmitter(plan).body();
		} else {
			BranchEmitter branches = new BranchEmitter(plan);
			body = branches.body();
			helpers = branches.helpers();
		}
		return FunctionTemplate.functions(helpers, innerDoc(), innerSignature(), body, wrapperDoc(), wrapperSignature(),
				wrapperCall()).toString();
	}

	// ---- the inner function

	private List<String> innerParams() {
		List<String> ps = new ArrayList<>();
		Model m = plan.model();
		for (int f : plan.facts()) {
			ps.add((m.fact(f).isBoolean() ? "bool " : "u8 ") + plan.param(f));
		}
		return ps;
	}

	private String innerDoc() {
		Model m = plan.model();
		List<String> doc = new ArrayList<>();
		doc.add(plan.innerName() + "() - Decide policy " + plan.policy().name() + " from its facts");
		for (int f : plan.facts()) {
			doc.add("@" + plan.param(f) + ": " + factDoc(m.fact(f), f));
		}
		doc.add("");
		if (!plan.policy().doc().isBlank()) {
			doc.add(KernelLayout.commentText(plan.policy().doc().strip()));
			doc.add("");
		}
		doc.add(hitPolicyText(plan.policy().hitPolicy()));
		for (Rule r : plan.policy().rules()) {
			doc.add("\t" + KernelLayout.commentText(MaplText.rule(m, r)));
		}
		List<String> unused = new ArrayList<>();
		for (int f : plan.readFacts()) {
			if (!plan.facts().contains(f)) {
				unused.add(m.fact(f).name());
			}
		}
		if (!unused.isEmpty()) {
			doc.add("");
			doc.add(KernelLayout.commentText("The decision does not depend on " + String.join(", ", unused)
					+ ", which the rules read: " + (unused.size() == 1 ? "it is not a parameter." : "they are not parameters.")));
		}
		doc.add("");
		doc.add(style == CTarget.Style.TABLE
				? "The decisions are looked up in a table indexed by the facts, packed in parameter order."
				: "The tests follow the policy's reduced decision diagram. Inputs the policy's assumptions exclude "
						+ "take whichever branch keeps the code smallest.");
		doc.add("");
		doc.add("Return: " + returnDoc());
		return KernelLayout.comment(0, "/**", doc);
	}

	private String innerSignature() {
		List<String> params = innerParams();
		if (params.isEmpty()) {
			params = List.of("void");
		}
		return KernelLayout.signature(0, "static inline " + returnTypeSpaced(), plan.innerName(), params);
	}

	private String factDoc(Fact fact, int f) {
		String doc = fact.name() + (fact.doc().isBlank() ? "" : ": " + fact.doc().strip());
		if (!fact.isBoolean()) {
			List<String> cs = new ArrayList<>();
			for (int v = 0; v < fact.domainSize(); v++) {
				cs.add(plan.enumConstant(f, v));
			}
			doc += (doc.endsWith(".") ? "" : ";") + " one of " + String.join(", ", cs) + "; any other value decides as "
					+ cs.get(cs.size() - 1) + ".";
		}
		return KernelLayout.commentText(doc);
	}

	static String hitPolicyText(HitPolicy h) {
		switch (h) {
			case UNIQUE:
				return "The rules, of which at most one matches any possible input:";
			case PRIORITY:
				return "The rules; of those that match, the one whose outcome is declared first decides:";
			case FIRST:
			default:
				return "The rules; the first that matches decides:";
		}
	}

	private String returnDoc() {
		TreeSet<Integer> outcomes = new TreeSet<>();
		for (DecisionDiagram.Node n : plan.code().nodes()) {
			if (n instanceof DecisionDiagram.Leaf l && l.outcome() >= 0) {
				outcomes.add(l.outcome());
			}
		}
		List<String> parts = new ArrayList<>();
		for (int o : outcomes) {
			parts.add(plan.outcomeValue(o) + " (" + plan.model().outcome(o).name() + ")");
		}
		if (parts.size() == 1) {
			return KernelLayout.commentText(parts.get(0) + ", always.");
		}
		String last = parts.remove(parts.size() - 1);
		return KernelLayout.commentText(String.join(", ", parts) + " or " + last + ".");
	}

	private String returnTypeSpaced() {
		String rt = plan.target().function().returnType();
		return rt.endsWith("*") ? rt : rt + " ";
	}

	// ---- the wrapper

	private String wrapperDoc() {
		CTarget.Prototype proto = plan.target().function();
		Map<Integer, String> bindings = plan.target().facts();
		List<String> doc = new ArrayList<>();
		doc.add(plan.name() + "() - " + summary());
		for (String p : proto.names()) {
			List<String> readers = new ArrayList<>();
			for (int f : plan.facts()) {
				if (mentions(bindings.get(f), p)) {
					readers.add(plan.model().fact(f).name());
				}
			}
			doc.add("@" + p + ": " + (readers.isEmpty() ? "not read: the decision does not depend on it"
					: "read by " + String.join(", ", readers)));
		}
		doc.add("");
		doc.add("Evaluates the C binding of each fact once and decides policy " + plan.policy().name() + " with "
				+ plan.innerName() + "().");
		doc.add("");
		doc.add("Return: " + returnDoc());
		return KernelLayout.comment(0, "/**", doc);
	}

	private String wrapperSignature() {
		CTarget.Prototype proto = plan.target().function();
		Map<Integer, String> bindings = plan.target().facts();
		List<String> params = new ArrayList<>();
		for (int i = 0; i < proto.names().size(); i++) {
			String p = proto.names().get(i);
			boolean read = false;
			for (int f : plan.facts()) {
				read |= mentions(bindings.get(f), p);
			}
			// Kernel builds do not warn about unused parameters, but W=1 users of -Wextra would.
			params.add((read ? "" : "__always_unused ") + proto.parameters().get(i));
		}
		if (params.isEmpty()) {
			params.add("void");
		}
		return KernelLayout.signature(0, (inHeader ? "static inline " : "static ") + returnTypeSpaced(), proto.name(),
				params);
	}

	/** {@code return __f(binding, ...);}, one tab deep. */
	private String wrapperCall() {
		Map<Integer, String> bindings = plan.target().facts();
		List<String> args = new ArrayList<>();
		for (int f : plan.facts()) {
			String code = bindings.get(f).strip();
			args.add(hasTopLevelComma(code) ? "(" + code + ")" : code);
		}
		return KernelLayout.list(1, "return " + plan.innerName() + "(", args, ",", ");");
	}

	/** The first sentence of the policy's doc comment, if it fits on the kernel-doc name line. */
	private String summary() {
		String d = plan.policy().doc().strip().replaceAll("\\s+", " ");
		int dot = d.indexOf(". ");
		if (dot >= 0) {
			d = d.substring(0, dot + 1);
		}
		String line = " * " + plan.name() + "() - " + d;
		if (d.isEmpty() || KernelLayout.width(line) > KernelLayout.MAX) {
			return "Decide policy " + plan.policy().name();
		}
		return KernelLayout.commentText(d);
	}

	/** Whether a C expression names an identifier (not as a member after {@code .} or {@code ->}). */
	static boolean mentions(String code, String identifier) {
		if (code == null) {
			return false;
		}
		Matcher m = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(identifier) + "(?![A-Za-z0-9_])").matcher(code);
		while (m.find()) {
			String before = code.substring(0, m.start()).stripTrailing();
			if (!before.endsWith(".") && !before.endsWith("->")) {
				return true;
			}
		}
		return false;
	}

	static boolean hasTopLevelComma(String code) {
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				} else if (c == '"' || c == '\'') {
					inString = false;
				}
			} else if (c == '"' || c == '\'') {
				inString = true;
			} else if (c == '(' || c == '[' || c == '{') {
				depth++;
			} else if (c == ')' || c == ']' || c == '}') {
				depth--;
			} else if (c == ',' && depth == 0) {
				return true;
			}
		}
		return false;
	}
}
