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

	Kernel(FormulaFactory f, List<Variable> order, int nodeSize, int cacheSize) {
		super(f, order, nodeSize, cacheSize);
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

	int usedNodes() {
		return nodesize - freenum;
	}

	int allocatedNodes() {
		return nodesize;
	}
}
