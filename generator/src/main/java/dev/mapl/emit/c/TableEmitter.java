package dev.mapl.emit.c;

import dev.mapl.emit.CodeBuilder;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The body of the inner function as a lookup table: {@code static const u8 decision[]} holds, for
 * every input packed in parameter order (mixed radix: each boolean a digit of base 2, each enum a
 * digit of base its number of values), the position of the decided outcome in
 * {@code static const TYPE outcome[]}. An enum parameter is turned into its digit by a small
 * helper; a value that is none of its constants counts as the last value. Inputs the assumptions
 * exclude hold what the decision diagram decides for them.
 */
final class TableEmitter {

	/** Tables larger than this are refused: the branches are the better code then. */
	static final long MAX_ENTRIES = 1 << 16;

	private final CFunctionPlan plan;

	TableEmitter(CFunctionPlan plan) {
		this.plan = plan;
	}

	static String indexHelper(CFunctionPlan plan, int fact) {
		return plan.innerName() + "_" + plan.param(fact);
	}

	/** {@code static inline unsigned int __f_prot(u8 prot)}: an enum parameter's digit. */
	static void indexHelpers(CFunctionPlan plan, CodeBuilder b) {
		Model m = plan.model();
		for (int f : plan.facts()) {
			Fact fact = m.fact(f);
			if (fact.isBoolean()) {
				continue;
			}
			String p = plan.param(f);
			int last = fact.domainSize() - 1;
			KernelLayout.comment(b, "/*", List.of("The position of @" + p + " among the values of " + fact.name()
					+ "; any other value counts as " + KernelLayout.commentText(plan.enumConstant(f, last)) + "."));
			KernelLayout.raw(b, KernelLayout.signature(b.prefix(), "static inline unsigned int ", indexHelper(plan, f),
					List.of("u8 " + p)));
			b.line("{");
			b.indent();
			b.line("switch (" + p + ") {");
			for (int v = 0; v < fact.domainSize(); v++) {
				b.line("case " + plan.enumConstant(f, v) + ":");
				if (v == last) {
					b.line("default:");
				}
				b.indent().line("return " + v + ";").dedent();
			}
			b.line("}");
			b.dedent();
			b.line("}");
			b.blank();
		}
	}

	void body(CodeBuilder b) {
		Model m = plan.model();
		List<Integer> facts = plan.facts();
		long entries = 1;
		for (int f : facts) {
			entries *= m.fact(f).domainSize();
			if (entries > MAX_ENTRIES) {
				throw new CEmitException("policy `" + plan.policy().name() + "` has more than " + MAX_ENTRIES
						+ " inputs, too many for `style table`; use `style branches`");
			}
		}
		// The decided outcome of every packed input.
		int n = facts.size();
		int[] decisions = new int[(int) entries];
		TreeSet<Integer> used = new TreeSet<>();
		int[] args = new int[n];
		for (int i = 0; i < entries; i++) {
			int rest = i;
			for (int k = n - 1; k >= 0; k--) {
				int d = m.fact(facts.get(k)).domainSize();
				args[k] = rest % d;
				rest /= d;
			}
			decisions[i] = plan.decide(args);
			used.add(decisions[i]);
		}
		List<Integer> outcomes = new ArrayList<>(used);
		List<String> names = new ArrayList<>();
		for (int f : facts) {
			names.add(plan.param(f));
		}
		KernelLayout.comment(b, "/*", List.of(n == 0 ? "The decision." : "The decision for every input, indexed by "
				+ String.join(", ", names) + " (the position of an outcome in @outcome); each line is commented with "
				+ "the values of the leading parameters."));
		b.line("static const u8 decision[" + entries + "] = {");
		b.indent();
		// A line per value of the leading facts: the trailing facts fill up to 16 entries.
		int row = 1;
		int lead = n;
		while (lead > 0 && row * m.fact(facts.get(lead - 1)).domainSize() <= 16) {
			row *= m.fact(facts.get(lead - 1)).domainSize();
			lead--;
		}
		if (lead == n && n > 0) {
			row = m.fact(facts.get(n - 1)).domainSize();
			lead = n - 1;
		}
		for (int start = 0; start < entries; start += row) {
			List<String> cells = new ArrayList<>();
			for (int j = 0; j < row; j++) {
				cells.add(Integer.toString(outcomes.indexOf(decisions[start + j])));
			}
			String line = b.prefix() + String.join(", ", cells) + ",";
			if (lead > 0) {
				List<String> leading = new ArrayList<>();
				int rest = start / row;
				for (int k = lead - 1; k >= 0; k--) {
					Fact fact = m.fact(facts.get(k));
					int d = fact.domainSize();
					int v = rest % d;
					rest /= d;
					leading.add(0, (fact.isBoolean() ? Integer.toString(v) : plan.enumConstant(facts.get(k), v)));
				}
				String withComment = line + "\t/* " + KernelLayout.commentText(String.join(" ", leading)) + " */";
				if (KernelLayout.width(withComment) <= KernelLayout.MAX) {
					line = withComment;
				}
			}
			b.raw(line);
		}
		b.dedent();
		b.line("};");
		String rt = plan.target().function().returnType();
		String type = rt.startsWith("const ") ? rt : "const " + rt;
		b.line("static " + type + (type.endsWith("*") ? "" : " ") + "outcome[] = {");
		b.indent();
		for (int k = 0; k < outcomes.size(); k++) {
			int o = outcomes.get(k);
			b.line(plan.outcomeValue(o) + ",\t/* " + k + ": " + KernelLayout.commentText(m.outcome(o).name()) + " */");
		}
		b.dedent();
		b.line("};");
		if (n == 0) {
			b.blank();
			b.line("return outcome[decision[0]];");
			return;
		}
		b.line("unsigned int i = " + digit(facts.get(0)) + ";");
		b.blank();
		for (int k = 1; k < n; k++) {
			int f = facts.get(k);
			b.line("i = i * " + m.fact(f).domainSize() + " + " + digit(f) + ";");
		}
		b.line("return outcome[decision[i]];");
	}

	private String digit(int fact) {
		return plan.model().fact(fact).isBoolean() ? plan.param(fact) : indexHelper(plan, fact) + "(" + plan.param(fact) + ")";
	}
}
