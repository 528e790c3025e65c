package dev.mapl.analysis;

import java.util.List;
import org.logicng.formulas.FormulaFactory;
import org.logicng.formulas.Variable;
import org.logicng.knowledgecompilation.bdds.jbuddy.BDDKernel;

/**
 * LogicNG's jBuddy kernel with read access to the node table, so that the analysis can walk
 * diagrams (cofactors, counts, first models) without allocating nodes. Reordering is never
 * enabled, so a node's level is its variable index.
 */
final class Kernel extends BDDKernel {

	private final int[] diffA;
	private final int[] diffB;
	private final int[] diffRes;

	/**
	 * Called with the table size whenever the kernel collects garbage or is about to grow, i.e.
	 * inside long BDD operations: it
	 * throws {@link AnalysisLimitException} when the node or time budget is spent, so that one huge
	 * operation cannot run past the budget (the kernel is then abandoned, not reused).
	 */
	java.util.function.LongConsumer budgetCheck = nodes -> {
	};

	Kernel(FormulaFactory f, List<Variable> order, int nodeSize, int cacheSize) {
		super(f, order, nodeSize, cacheSize);
		int size = Math.max(1024, cacheSize);
		diffA = new int[size];
		diffB = new int[size];
		diffRes = new int[size];
		java.util.Arrays.fill(diffA, -1);
	}

	/**
	 * {@code l & !r} in one pass (jBuddy's apply has no difference operator, and {@code not(r)}
	 * first would build the complement of a possibly huge {@code r} just to intersect it with a
	 * small {@code l}). Operands must be referenced; the result is not.
	 */
	int diff(int l, int r) {
		initRef();
		return diffRec(l, r);
	}

	private int diffRec(int l, int r) {
		if (l == BDD_FALSE || l == r || r == BDD_TRUE) {
			return BDD_FALSE;
		}
		if (r == BDD_FALSE) {
			return l;
		}
		int slot = Math.floorMod(l * 31 + r * 1_000_003, diffA.length);
		if (diffA[slot] == l && diffB[slot] == r) {
			return diffRes[slot];
		}
		int lv = level(l);
		int rv = level(r);
		int lvl = Math.min(lv, rv);
		int l0 = lv == lvl ? low(l) : l;
		int l1 = lv == lvl ? high(l) : l;
		int r0 = rv == lvl ? low(r) : r;
		int r1 = rv == lvl ? high(r) : r;
		pushRef(diffRec(l0, r0));
		pushRef(diffRec(l1, r1));
		int res = makeNode(lvl, readRef(2), readRef(1));
		popref(2);
		diffA[slot] = l;
		diffB[slot] = r;
		diffRes[slot] = res;
		return res;
	}

	@Override
	protected void gbc() {
		budgetCheck.accept(nodesize);
		super.gbc();
		if (diffA != null) {
			java.util.Arrays.fill(diffA, -1);
		}
	}

	/**
	 * Grows the node table by doubling. jBuddy's own resize grows by at most 50,000 nodes, which
	 * makes a policy needing millions of nodes pay a full copy, rehash and collection per 50,000
	 * nodes: quadratic time and allocation.
	 */
	@Override
	protected void nodeResize(boolean doRehash) {
		int oldsize = nodesize;
		long target = Math.min(2L * nodesize, (Integer.MAX_VALUE / 6) - 1);
		budgetCheck.accept(target);
		nodesize = prime.primeLTE((int) target);
		int[] grown = new int[nodesize * 6];
		System.arraycopy(nodes, 0, grown, 0, nodes.length);
		nodes = grown;
		if (doRehash) {
			for (int n = 0; n < oldsize; n++) {
				setHash(n, 0);
			}
		}
		for (int n = oldsize; n < nodesize; n++) {
			setRefcou(n, 0);
			setHash(n, 0);
			setLevel(n, 0);
			setLow(n, -1);
			setNext(n, n + 1);
		}
		setNext(nodesize - 1, freepos);
		freepos = oldsize;
		freenum += nodesize - oldsize;
		if (doRehash) {
			gbcRehash();
		}
	}

	/** The variable a non-constant node tests; {@link #varCount()} for the constants. */
	int var(int node) {
		return level(node);
	}

	int lo(int node) {
		return low(node);
	}

	int hi(int node) {
		return high(node);
	}

	int varCount() {
		return varnum;
	}

	private int[] mark = new int[0];
	private int stamp;
	private int[] stack = new int[64];

	/**
	 * Whether the BDD rooted at {@code root} has more than {@code limit} nodes; stops counting past
	 * the limit, so it costs at most {@code limit} steps.
	 */
	boolean exceeds(int root, int limit) {
		if (mark.length < nodesize) {
			mark = new int[nodesize];
			stamp = 0;
		}
		if (++stamp == Integer.MAX_VALUE) {
			java.util.Arrays.fill(mark, 0);
			stamp = 1;
		}
		int seen = 0;
		int top = 0;
		stack[top++] = root;
		while (top > 0) {
			int n = stack[--top];
			if (n <= BDD_TRUE || mark[n] == stamp) {
				continue;
			}
			mark[n] = stamp;
			if (++seen > limit) {
				return true;
			}
			if (top + 2 > stack.length) {
				stack = java.util.Arrays.copyOf(stack, stack.length * 2);
			}
			stack[top++] = low(n);
			stack[top++] = high(n);
		}
		return false;
	}

	int usedNodes() {
		return nodesize - freenum;
	}

	int allocatedNodes() {
		return nodesize;
	}
}
