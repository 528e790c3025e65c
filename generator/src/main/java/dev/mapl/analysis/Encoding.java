package dev.mapl.analysis;

import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.logicng.formulas.FormulaFactory;
import org.logicng.formulas.Variable;
import org.logicng.knowledgecompilation.bdds.jbuddy.BDDConstruction;

/**
 * The Boolean encoding of a model's facts in one LogicNG BDD kernel. Callers outside the analysis
 * package never see it.
 *
 * <p><b>Variable order.</b> Facts get variables in declaration order, which is explicit, sorted and
 * independent of the policy being analysed: a fact's variables form one contiguous block of
 * levels, and an earlier fact is always above a later one. Reordering is never enabled. This
 * order is what makes the "first input" of a region the first one of the interpreter's truth
 * table (see {@link #first}).
 *
 * <p><b>Enum encoding.</b> An enum fact with {@code k} values uses {@code ceil(log2 k)} variables
 * holding the value index in binary, most significant bit first, plus a domain constraint
 * {@code index < k} for the policies that read the fact. We chose this log encoding over one-hot
 * because (1) it needs fewer variables (5 memory types: 3 instead of 5) and no exactly-one
 * constraint, (2) every bit pattern inside the domain is exactly one input, so model counts of
 * {@code region & domain} are input counts with no correction, (3) with the most significant bit
 * first, the lexicographic order of the bits equals the order of value indexes, so the leftmost
 * satisfying path of a BDD is the first input in truth-table order, and (4) the fact's block of
 * levels is a small complete binary tree, so the multi-valued decision diagram (one node per
 * fact, one edge per group of values) falls out of walking that block.
 *
 * <p><b>Reference counting.</b> jBuddy garbage-collects every node that is not referenced. All
 * operations here take referenced operands and return a <em>referenced</em> result, which the
 * caller releases with {@link #deref} when done. Walks ({@link #cofactor}, {@link #first},
 * {@link #count}) allocate nothing.
 */
final class Encoding {

	static final int FALSE = 0;
	static final int TRUE = 1;

	final Model model;
	final FormulaFactory factory;
	final Kernel kernel;
	private final BDDConstruction c;
	private final int[] firstVar;
	private final int[] bits;
	private final int[] varToFact;
	private final int[][] valueCache;
	private final int[] domainCache;
	/** The kernel's variables in level order (for {@link SatAnalysis}, which names the same bits). */
	private final List<Variable> variables;

	/** Past this many allocated kernel nodes, {@link #checkBudget} gives up. */
	private final long maxNodes;
	private final long timeoutNanos;
	private long deadline = Long.MAX_VALUE;
	/**
	 * An absolute deadline over several policies (the budget of a whole run); see {@link #stopAt}.
	 * Volatile: another thread may set it to stop a running analysis (an editor's newer edit).
	 */
	private volatile long stopAt = Long.MAX_VALUE;
	/** The policy being encoded or analysed, for the kernel's budget check. */
	private String current = "";

	Encoding(Model model, int nodeSize, int cacheSize, long maxNodes, long timeoutMillis) {
		this.model = model;
		this.maxNodes = maxNodes;
		this.timeoutNanos = timeoutMillis * 1_000_000L;
		this.factory = new FormulaFactory();
		int n = model.facts().size();
		this.firstVar = new int[n];
		this.bits = new int[n];
		List<Variable> order = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Fact fact = model.fact(i);
			firstVar[i] = order.size();
			if (fact.domainSize() > 64) {
				throw new IllegalArgumentException("enum `" + fact.name() + "` has " + fact.domainSize()
						+ " values, more than the 64 the analysis supports");
			}
			bits[i] = bitsFor(fact.domainSize());
			if (fact.isBoolean()) {
				order.add(factory.variable(fact.name()));
			} else {
				for (int b = 0; b < bits[i]; b++) {
					order.add(factory.variable(fact.name() + "#" + b));
				}
			}
		}
		if (order.isEmpty()) {
			order.add(factory.variable("#unused"));
		}
		this.variables = List.copyOf(order);
		this.kernel = new Kernel(factory, order, nodeSize, cacheSize);
		kernel.budgetCheck = nodes -> {
			if (nodes > maxNodes) {
				throw new AnalysisLimitException("policy `" + current + "` is too large to analyse: more than " + maxNodes
						+ " BDD nodes");
			}
			checkBudget(current);
		};
		this.varToFact = new int[order.size()];
		for (int i = 0; i < n; i++) {
			for (int b = 0; b < bits[i]; b++) {
				varToFact[firstVar[i] + b] = i;
			}
		}
		this.c = new BDDConstruction(kernel);
		this.valueCache = new int[n][];
		this.domainCache = new int[n];
		java.util.Arrays.fill(domainCache, -1);
	}

	static int bitsFor(int domainSize) {
		int b = 0;
		while ((1 << b) < domainSize) {
			b++;
		}
		return b;
	}

	int bits(int fact) {
		return bits[fact];
	}

	int firstVar(int fact) {
		return firstVar[fact];
	}

	/** The variable at kernel level {@code level}: bit {@code level - firstVar(f)} of fact f, MSB first. */
	Variable variable(int level) {
		return variables.get(level);
	}

	// ---- reference counting and Boolean operations (operands referenced, results referenced)

	int ref(int node) {
		return kernel.addRef(node, null);
	}

	void deref(int node) {
		kernel.delRef(node);
	}

	int and(int a, int b) {
		return ref(c.and(a, b));
	}

	int or(int a, int b) {
		return ref(c.or(a, b));
	}

	int not(int a) {
		return ref(c.not(a));
	}

	/** {@code a & !b}, computed without building the complement of {@code b}. */
	int andNot(int a, int b) {
		return ref(kernel.diff(a, b));
	}

	/** Replaces {@code acc} by {@code acc | x}, releasing the old value. */
	int orInto(int acc, int x) {
		int r = or(acc, x);
		deref(acc);
		return r;
	}

	/** Replaces {@code acc} by {@code acc & x}, releasing the old value. */
	int andInto(int acc, int x) {
		int r = and(acc, x);
		deref(acc);
		return r;
	}

	/** Replaces {@code acc} by {@code acc & !x}, releasing the old value. */
	int andNotInto(int acc, int x) {
		int r = andNot(acc, x);
		deref(acc);
		return r;
	}

	boolean intersects(int a, int b) {
		if (a == FALSE || b == FALSE) {
			return false;
		}
		int r = c.and(a, b);
		return r != FALSE;
	}

	// ---- facts and values

	/** {@code fact == value} (referenced; cached for the lifetime of the kernel). */
	int value(int fact, int value) {
		int[] cache = valueCache[fact];
		if (cache == null) {
			cache = new int[model.fact(fact).domainSize()];
			java.util.Arrays.fill(cache, -1);
			valueCache[fact] = cache;
		}
		if (cache[value] < 0) {
			int r = TRUE;
			ref(r);
			int nb = bits[fact];
			// Build bottom-up so each step is a single node.
			for (int b = nb - 1; b >= 0; b--) {
				boolean one = ((value >> (nb - 1 - b)) & 1) != 0;
				int var = firstVar[fact] + b;
				int lit = one ? c.ithVar(var) : c.nithVar(var);
				r = andInto(r, lit);
			}
			cache[value] = r;
		}
		return ref(cache[value]);
	}

	/** The values the fact's variables may take (referenced); {@code TRUE} for a full domain. */
	int domain(int fact) {
		if (domainCache[fact] < 0) {
			int size = model.fact(fact).domainSize();
			int r;
			if (size == (1 << bits[fact])) {
				r = TRUE;
			} else {
				r = FALSE;
				for (int v = 0; v < size; v++) {
					int x = value(fact, v);
					r = orInto(r, x);
					deref(x);
				}
			}
			domainCache[fact] = r;
		}
		return ref(domainCache[fact]);
	}

	/** The domain constraints of the given facts (referenced). */
	int domains(int[] facts) {
		int r = ref(TRUE);
		for (int f : facts) {
			int d = domain(f);
			r = andInto(r, d);
			deref(d);
		}
		return r;
	}

	int valueSet(int fact, java.util.Collection<Integer> values) {
		int r = ref(FALSE);
		for (int v : values) {
			int x = value(fact, v);
			r = orInto(r, x);
			deref(x);
		}
		return r;
	}

	/** The inputs agreeing with {@code fixed} (value index per fact, -1 free), referenced. */
	int fixed(int[] fixed) {
		int r = ref(TRUE);
		for (int f = 0; f < fixed.length; f++) {
			if (fixed[f] >= 0) {
				int x = value(f, fixed[f]);
				r = andInto(r, x);
				deref(x);
			}
		}
		return r;
	}

	/** {@code node} with the given facts existentially quantified away (referenced). */
	int exists(int node, java.util.Collection<Integer> facts) {
		if (facts.isEmpty()) {
			return ref(node);
		}
		int vars = ref(TRUE);
		for (int f : facts) {
			for (int b = 0; b < bits[f]; b++) {
				vars = andInto(vars, c.ithVar(firstVar[f] + b));
			}
		}
		int r = ref(c.exists(node, vars));
		deref(vars);
		return r;
	}

	// ---- expressions

	/** How an expression's decision atoms (outcome names and attributes) are encoded. */
	interface Decisions {
		/** The inputs deciding outcome {@code o}; borrowed, not to be released. */
		int outcome(int o);

		/** The inputs whose decided outcome carries the attribute; borrowed. */
		int attribute(String attribute);
	}

	static final Decisions NO_DECISIONS = new Decisions() {
		@Override
		public int outcome(int o) {
			throw new IllegalArgumentException("an outcome is not allowed here");
		}

		@Override
		public int attribute(String attribute) {
			throw new IllegalArgumentException("an attribute is not allowed here");
		}
	};

	/**
	 * Encodes an expression (result referenced). A fact outside {@code inputs} reads as its value 0,
	 * exactly as in the interpreter, whose input space leaves such facts at 0.
	 */
	int expr(Expr e, boolean[] inputs, Decisions decisions) {
		if (e instanceof Expr.Const k) {
			return k.value() ? TRUE : FALSE;
		} else if (e instanceof Expr.BoolFact b) {
			if (!inputs[b.fact()]) {
				return FALSE;
			}
			return ref(c.ithVar(firstVar[b.fact()]));
		} else if (e instanceof Expr.EnumIn in) {
			if (!inputs[in.fact()]) {
				return in.values().contains(0) ? TRUE : FALSE;
			}
			return valueSet(in.fact(), in.values());
		} else if (e instanceof Expr.Not n) {
			int x = expr(n.operand(), inputs, decisions);
			int r = not(x);
			deref(x);
			return r;
		} else if (e instanceof Expr.And a) {
			int r = TRUE;
			for (Expr o : a.operands()) {
				if (r == FALSE) {
					break;
				}
				int x = expr(o, inputs, decisions);
				r = andInto(r, x);
				deref(x);
			}
			return r;
		} else if (e instanceof Expr.Or o) {
			int r = FALSE;
			for (Expr x0 : o.operands()) {
				if (r == TRUE) {
					break;
				}
				int x = expr(x0, inputs, decisions);
				r = orInto(r, x);
				deref(x);
			}
			return r;
		} else if (e instanceof Expr.Implies i) {
			int l = expr(i.left(), inputs, decisions);
			int nl = not(l);
			deref(l);
			if (nl == TRUE) {
				return nl;
			}
			int rr = expr(i.right(), inputs, decisions);
			int r = or(nl, rr);
			deref(nl);
			deref(rr);
			return r;
		} else if (e instanceof Expr.OutcomeIs o) {
			return ref(decisions.outcome(o.outcome()));
		} else if (e instanceof Expr.HasAttribute h) {
			return ref(decisions.attribute(h.attribute()));
		}
		throw new IllegalStateException("unknown expression " + e);
	}

	/** Starts the time budget of one encoding or analysis. */
	void startClock(String policy) {
		current = policy;
		deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : Long.MAX_VALUE;
	}

	/** No encoding or analysis runs past {@code nanoTime} ({@link System#nanoTime()}). */
	void stopAt(long nanoTime) {
		stopAt = nanoTime;
	}

	/** Throws when the kernel has grown past the node budget or the time budget is spent. */
	void checkBudget(String policy) {
		current = policy;
		if (System.nanoTime() > stopAt) {
			throw new AnalysisLimitException("policy `" + policy + "` is too large to analyse within the time budget");
		}
		if (kernel.allocatedNodes() > maxNodes) {
			throw new AnalysisLimitException("policy `" + policy + "` is too large to analyse: more than " + maxNodes
					+ " BDD nodes");
		}
		if (deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
			throw new AnalysisLimitException("policy `" + policy + "` is too large to analyse within "
					+ timeoutNanos / 1_000_000 + " ms");
		}
	}

	// ---- walks (no allocation)

	/** Whether an input (indexed like the model's facts) is a model of {@code node}. */
	boolean contains(int node, int[] input) {
		while (node > TRUE) {
			int v = kernel.var(node);
			int f = varToFact[v];
			int bit = (input[f] >> (bits[f] - 1 - (v - firstVar[f]))) & 1;
			node = bit != 0 ? kernel.hi(node) : kernel.lo(node);
		}
		return node == TRUE;
	}

	/** Compares two inputs in truth-table order over the given facts. */
	static int compare(int[] a, int[] b, int[] facts) {
		for (int f : facts) {
			if (a[f] != b[f]) {
				return Integer.compare(a[f], b[f]);
			}
		}
		return 0;
	}

	/** The cofactor of {@code node} for {@code fact == value}, assuming no earlier fact is tested. */
	int cofactor(int node, int fact, int value) {
		int lo = firstVar[fact];
		int hi = lo + bits[fact];
		int nb = bits[fact];
		while (node > TRUE) {
			int v = kernel.var(node);
			if (v >= hi) {
				break;
			}
			if (v < lo) {
				throw new IllegalStateException("cofactor out of order");
			}
			boolean one = ((value >> (nb - 1 - (v - lo))) & 1) != 0;
			node = one ? kernel.hi(node) : kernel.lo(node);
		}
		return node;
	}

	/** Whether {@code node} tests a variable of {@code fact} at its root. */
	boolean tests(int node, int fact) {
		if (node <= TRUE) {
			return false;
		}
		int v = kernel.var(node);
		return v >= firstVar[fact] && v < firstVar[fact] + bits[fact];
	}

	/**
	 * The first model of a non-false node in truth-table order, as an input array indexed like the
	 * model's facts (facts the node does not constrain are 0). The node must include the domain
	 * constraints of the facts it reads.
	 */
	int[] first(int node) {
		if (node == FALSE) {
			throw new IllegalArgumentException("no model");
		}
		boolean[] bit = new boolean[kernel.varCount()];
		while (node > TRUE) {
			int lo = kernel.lo(node);
			if (lo != FALSE) {
				node = lo;
			} else {
				bit[kernel.var(node)] = true;
				node = kernel.hi(node);
			}
		}
		int[] input = new int[model.facts().size()];
		for (int f = 0; f < input.length; f++) {
			int v = 0;
			for (int b = 0; b < bits[f]; b++) {
				v = (v << 1) | (bit[firstVar[f] + b] ? 1 : 0);
			}
			input[f] = v;
		}
		return input;
	}

	/** The number of models of {@code node} over the given facts (which must cover its support). */
	BigInteger count(int node, int[] facts) {
		if (node == FALSE) {
			return BigInteger.ZERO;
		}
		int used = 0;
		for (int f : facts) {
			used += bits[f];
		}
		Map<Integer, BigInteger> memo = new HashMap<>();
		BigInteger all = countRec(node, memo).shiftLeft(level(node));
		return all.shiftRight(kernel.varCount() - used);
	}

	private int level(int node) {
		return node <= TRUE ? kernel.varCount() : kernel.var(node);
	}

	/** Models over the variables from {@code level(node)} down. */
	private BigInteger countRec(int node, Map<Integer, BigInteger> memo) {
		if (node == FALSE) {
			return BigInteger.ZERO;
		}
		if (node == TRUE) {
			return BigInteger.ONE;
		}
		BigInteger m = memo.get(node);
		if (m != null) {
			return m;
		}
		int lv = kernel.var(node);
		int lo = kernel.lo(node);
		int hi = kernel.hi(node);
		BigInteger r = countRec(lo, memo).shiftLeft(level(lo) - lv - 1)
				.add(countRec(hi, memo).shiftLeft(level(hi) - lv - 1));
		memo.put(node, r);
		return r;
	}

	/** Whether {@code node} has more than {@code limit} nodes (stops counting past the limit). */
	boolean larger(int node, int limit) {
		java.util.HashSet<Integer> seen = new java.util.HashSet<>();
		java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
		todo.push(node);
		while (!todo.isEmpty()) {
			int n = todo.pop();
			if (n > TRUE && seen.add(n)) {
				if (seen.size() > limit) {
					return true;
				}
				todo.push(kernel.lo(n));
				todo.push(kernel.hi(n));
			}
		}
		return false;
	}
}
