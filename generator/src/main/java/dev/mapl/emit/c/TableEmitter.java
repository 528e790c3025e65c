package dev.mapl.emit.c;

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

	/** {@code static inline unsigned int __f_prot(u8 prot)}: an enum parameter's digit, one per enum parameter. */
	static List<String> indexHelpers(CFunctionPlan plan) {
		Model m = plan.model();
		List<String> out = new ArrayList<>();
		for (int f : plan.facts()) {
			Fact fact = m.fact(f);
			if (fact.isBoolean()) {
				continue;
			}
			String p = plan.param(f);
			List<String> constants = new ArrayList<>();
			for (int v = 0; v < fact.domainSize(); v++) {
				constants.add(plan.enumConstant(f, v));
			}
			String comment = KernelLayout.comment(0, "/*", List.of("The position of @" + p + " among the values of "
					+ fact.name() + "; any other value counts as "
					+ KernelLayout.commentText(constants.get(constants.size() - 1)) + "."));
			String signature = KernelLayout.signature(0, "static inline unsigned int ", indexHelper(plan, f),
					List.of("u8 " + p));
			out.add(TableTemplate.indexHelper(comment, signature, p, constants).toString());
		}
		return out;
	}

	/** The statements of the inner function, relative to its body's depth. */
	String body() {
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
		String comment = KernelLayout.comment(1, "/*", List.of(n == 0 ? "The decision."
				: "The decision for every input, indexed by " + String.join(", ", names)
						+ " (the position of an outcome in @outcome); each line is commented with "
						+ "the values of the leading parameters."));
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
		List<String> rows = new ArrayList<>();
		for (int start = 0; start < entries; start += row) {
			List<String> cells = new ArrayList<>();
			for (int j = 0; j < row; j++) {
				cells.add(Integer.toString(outcomes.indexOf(decisions[start + j])));
			}
			String line = String.join(", ", cells) + ",";
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
				// The rows sit two tabs deep.
				if (KernelLayout.width(KernelLayout.tabs(2) + withComment) <= KernelLayout.MAX) {
					line = withComment;
				}
			}
			rows.add(line);
		}
		String rt = plan.target().function().returnType();
		String type = rt.startsWith("const ") ? rt : "const " + rt;
		List<String> values = new ArrayList<>();
		for (int k = 0; k < outcomes.size(); k++) {
			int o = outcomes.get(k);
			values.add(plan.outcomeValue(o) + ",\t/* " + k + ": " + KernelLayout.commentText(m.outcome(o).name()) + " */");
		}
		List<String> digits = new ArrayList<>();
		List<Integer> radixes = new ArrayList<>();
		for (int f : facts) {
			digits.add(digit(f));
			radixes.add(m.fact(f).domainSize());
		}
		return TableTemplate.body(comment, entries, rows, type + (type.endsWith("*") ? "" : " "), values, digits, radixes)
				.toString();
	}

	private String digit(int fact) {
		return plan.model().fact(fact).isBoolean() ? plan.param(fact) : indexHelper(plan, fact) + "(" + plan.param(fact) + ")";
	}
}
