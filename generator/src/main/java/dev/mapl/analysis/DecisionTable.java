package dev.mapl.analysis;

import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy as a decision table. Columns are the policy's input facts in declaration order (their
 * qualified names), then {@code outcome} and {@code rule}.
 *
 * <ul>
 * <li>The <b>reduced</b> table has few readable rows: the paths of the policy's
 * {@link DecisionDiagram} (rule leaves, impossible inputs as don't-cares), merged per rule into
 * cubes. Cells are {@code 1}/{@code 0}/{@code -} for booleans and a value name, {@code {A,B}} or
 * {@code -} for enums. Rows are disjoint on possible inputs; they are sorted by rule, then by
 * their first input, with the gap rows (outcome {@code none}) last. Rows may also cover impossible
 * inputs.
 * <li>The <b>full</b> table has one row per possible input, in truth-table order, with
 * booleans as {@code 0}/{@code 1} and enums by value name.
 * </ul>
 * A row whose input no rule decides has outcome {@code none} and rule {@code ""}.
 */
public final class DecisionTable {

	/** The outcome cell of rows no rule decides. */
	public static final String NONE = "none";

	/** One row of a table. */
	public static final class Row {
		private final List<String> cells;
		private final String outcome;
		private final String rule;
		private final int outcomeIndex;
		private final int ruleIndex;
		private final long[] masks;

		Row(List<String> cells, String outcome, String rule, int outcomeIndex, int ruleIndex, long[] masks) {
			this.cells = List.copyOf(cells);
			this.outcome = outcome;
			this.rule = rule;
			this.outcomeIndex = outcomeIndex;
			this.ruleIndex = ruleIndex;
			this.masks = masks;
		}

		/** One cell per input fact, in column order. */
		public List<String> cells() {
			return cells;
		}

		/** The decided outcome's name, or {@link #NONE}. */
		public String outcome() {
			return outcome;
		}

		/** The firing rule's name, or {@code ""}. */
		public String rule() {
			return rule;
		}

		/** The decided outcome's index, or -1. */
		public int outcomeIndex() {
			return outcomeIndex;
		}

		/** The firing rule's position in the policy, or -1. */
		public int ruleIndex() {
			return ruleIndex;
		}

		/** Whether an input (indexed like the model's facts) falls in this row. */
		public boolean matches(int[] input) {
			for (int f = 0; f < masks.length; f++) {
				if ((masks[f] & (1L << input[f])) == 0) {
					return false;
				}
			}
			return true;
		}

		/** All cells including outcome and rule. */
		public List<String> allCells() {
			List<String> out = new ArrayList<>(cells);
			out.add(outcome);
			out.add(rule);
			return out;
		}
	}

	private final Model model;
	private final Policy policy;
	private final boolean reduced;
	private final List<Integer> facts;
	private final List<Row> rows;
	private final int[] given;

	private DecisionTable(Model model, Policy policy, boolean reduced, List<Row> rows, int[] given) {
		this.model = model;
		this.policy = policy;
		this.reduced = reduced;
		this.facts = List.copyOf(policy.inputs());
		this.rows = List.copyOf(rows);
		this.given = given == null ? free(model) : given.clone();
	}

	private static int[] free(Model model) {
		int[] out = new int[model.facts().size()];
		java.util.Arrays.fill(out, -1);
		return out;
	}

	public static DecisionTable reduced(Model model, Policy policy) {
		return reduced(new PolicyAnalyzer(model), policy, 100_000);
	}

	/**
	 * The reduced table.
	 *
	 * @throws IllegalArgumentException when the diagram has more than {@code maxRows} paths
	 */
	public static DecisionTable reduced(PolicyAnalyzer analyzer, Policy policy, int maxRows) {
		return reduced(analyzer, policy, maxRows, null);
	}

	/**
	 * The reduced table of the inputs that agree with {@code given} (per model fact a value index,
	 * or -1 for free; null for none): the given facts' cells hold their value and the rows are
	 * reduced over the other facts. Callers check {@code given} first ({@link PartialEvaluation}).
	 *
	 * @throws IllegalArgumentException when the diagram has more than {@code maxRows} paths
	 */
	public static DecisionTable reduced(PolicyAnalyzer analyzer, Policy policy, int maxRows, int[] given) {
		Model model = analyzer.model();
		DecisionDiagram d = DecisionDiagram.build(analyzer, policy, DecisionDiagram.LeafKind.RULE, true, given);
		if (d.pathCount().compareTo(BigInteger.valueOf(maxRows)) > 0) {
			throw new IllegalArgumentException("policy `" + policy.name() + "` has more than " + maxRows
					+ " rows in its reduced decision table");
		}
		int[] inputs = policy.inputs().stream().mapToInt(Integer::intValue).toArray();
		// Group the diagram's leaves: rules in policy order, then none.
		Map<DecisionDiagram.Leaf, List<Cubes.Cube>> byLeaf = new LinkedHashMap<>();
		List<DecisionDiagram.Leaf> leaves = new ArrayList<>();
		for (DecisionDiagram.Node n : d.nodes()) {
			if (n instanceof DecisionDiagram.Leaf l && l.kind() != DecisionDiagram.Kind.IMPOSSIBLE) {
				leaves.add(l);
			}
		}
		leaves.sort((a, b) -> Integer.compare(a.rule() < 0 ? Integer.MAX_VALUE : a.rule(),
				b.rule() < 0 ? Integer.MAX_VALUE : b.rule()));
		Map<DecisionDiagram.Leaf, List<Cubes.Cube>> paths = Cubes.pathsByLeaf(model, d.root());
		for (DecisionDiagram.Leaf l : leaves) {
			byLeaf.put(l, Cubes.merge(paths.getOrDefault(l, List.of()), inputs));
		}
		List<Row> rows = new ArrayList<>();
		for (var e : byLeaf.entrySet()) {
			DecisionDiagram.Leaf l = e.getKey();
			for (Cubes.Cube c : e.getValue()) {
				if (given != null) {
					for (int f : inputs) {
						if (given[f] >= 0) {
							c.masks[f] = 1L << given[f];
						}
					}
				}
				List<String> cells = new ArrayList<>();
				for (int f : inputs) {
					cells.add(cell(model.fact(f), c.masks[f]));
				}
				rows.add(new Row(cells, l.kind() == DecisionDiagram.Kind.NONE ? NONE : l.outcomeName(),
						l.ruleName(), l.outcome(), l.rule(), c.masks));
			}
		}
		return new DecisionTable(model, policy, true, rows, given);
	}

	static String cell(Fact fact, long mask) {
		if (mask == Cubes.full(fact)) {
			return "-";
		}
		if (fact.isBoolean()) {
			return mask == 2 ? "1" : "0";
		}
		List<String> vs = new ArrayList<>();
		for (int v = 0; v < fact.domainSize(); v++) {
			if ((mask & (1L << v)) != 0) {
				vs.add(fact.values().get(v));
			}
		}
		return vs.size() == 1 ? vs.get(0) : "{" + String.join(",", vs) + "}";
	}

	public static DecisionTable full(Model model, Policy policy) {
		return full(new PolicyAnalyzer(model), policy, 1_000_000);
	}

	/**
	 * The full table.
	 *
	 * @throws IllegalArgumentException when the policy has more than {@code maxRows} possible inputs
	 */
	public static DecisionTable full(PolicyAnalyzer analyzer, Policy policy, long maxRows) {
		return full(analyzer, policy, maxRows, null);
	}

	/**
	 * The full table of the possible inputs that agree with {@code given} (per model fact a value
	 * index, or -1 for free; null for none).
	 *
	 * @throws IllegalArgumentException when there are more than {@code maxRows} such inputs
	 */
	public static DecisionTable full(PolicyAnalyzer analyzer, Policy policy, long maxRows, int[] given) {
		Model model = analyzer.model();
		BigInteger rowCount = given == null ? analyzer.possibleInputs(policy) : PartialEvaluation.completions(analyzer, policy, given);
		if (rowCount.compareTo(BigInteger.valueOf(maxRows)) > 0) {
			throw new IllegalArgumentException("policy `" + policy.name() + "` has more than " + maxRows
					+ " possible inputs" + (given == null ? "" : " with these facts"));
		}
		DecisionDiagram d = DecisionDiagram.build(analyzer, policy, DecisionDiagram.LeafKind.RULE, false, given);
		int[] inputs = policy.inputs().stream().mapToInt(Integer::intValue).toArray();
		List<Row> rows = new ArrayList<>();
		expand(model, d.root(), inputs, 0, new int[model.facts().size()], given, rows);
		return new DecisionTable(model, policy, false, rows, given);
	}

	private static void expand(Model model, DecisionDiagram.Node n, int[] inputs, int pos, int[] input,
			int[] given, List<Row> rows) {
		if (n instanceof DecisionDiagram.Leaf l && l.kind() == DecisionDiagram.Kind.IMPOSSIBLE) {
			return;
		}
		if (pos == inputs.length) {
			DecisionDiagram.Leaf l = (DecisionDiagram.Leaf) n;
			List<String> cells = new ArrayList<>();
			long[] masks = new long[input.length];
			for (int f = 0; f < input.length; f++) {
				masks[f] = Cubes.full(model.fact(f));
			}
			for (int f : inputs) {
				cells.add(model.fact(f).isBoolean() ? Integer.toString(input[f]) : model.fact(f).values().get(input[f]));
				masks[f] = 1L << input[f];
			}
			rows.add(new Row(cells, l.kind() == DecisionDiagram.Kind.NONE ? NONE : l.outcomeName(), l.ruleName(),
					l.outcome(), l.rule(), masks));
			return;
		}
		int f = inputs[pos];
		for (int v = 0; v < model.fact(f).domainSize(); v++) {
			if (given != null && given[f] >= 0 && given[f] != v) {
				continue;
			}
			input[f] = v;
			DecisionDiagram.Node child = n instanceof DecisionDiagram.Test t && t.fact() == f ? t.child(v) : n;
			expand(model, child, inputs, pos + 1, input, given, rows);
		}
		input[f] = 0;
	}

	public Model model() {
		return model;
	}

	public Policy policy() {
		return policy;
	}

	public boolean isReduced() {
		return reduced;
	}

	/** The input facts (model indexes), in column order. */
	public List<Integer> facts() {
		return facts;
	}

	/** Column headers: the input facts' names, then {@code outcome} and {@code rule}. */
	public List<String> columns() {
		List<String> out = new ArrayList<>();
		for (int f : facts) {
			out.add(model.fact(f).name());
		}
		out.add("outcome");
		out.add("rule");
		return out;
	}

	public List<Row> rows() {
		return rows;
	}

	/** Whether the input fact (a model index) is fixed by the question this table answers. */
	public boolean isGiven(int fact) {
		return given[fact] >= 0;
	}

	/** The given facts as {@code FACT=VALUE} words in column order; empty for the whole policy. */
	public List<String> given() {
		List<String> out = new ArrayList<>();
		for (int f : facts) {
			if (given[f] >= 0) {
				out.add(model.fact(f).name() + "=" + model.fact(f).valueName(given[f]));
			}
		}
		return out;
	}
}
