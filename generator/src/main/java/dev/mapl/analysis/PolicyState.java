package dev.mapl.analysis;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.math.BigInteger;
import java.util.List;

/**
 * The symbolic form of one policy: the regions the analyses need, as referenced BDD nodes of the
 * analyzer's kernel. All regions lie inside {@link #possible}, the inputs the policy's assumptions
 * allow (domain constraints included).
 *
 * <p>The firing regions are computed with complement chains ({@code uncovered &= !cond}), so
 * every step conjoins the big accumulated BDD with a small one and no complement of a big BDD is
 * ever taken. Unions per outcome (decision-list functions, which can be much larger than any
 * rule) are built only on demand ({@link #decides}), never by {@link PolicyAnalyzer#analyze}.
 */
final class PolicyState {

	final Policy policy;
	final int[] inputs;
	final boolean[] isInput;
	/** Domain constraints of the inputs: every encoded input. */
	final int domain;
	/** The possible inputs: domain and assumptions. */
	final int possible;
	/** Per rule: its condition over possible inputs (guard included). */
	final int[] cond;
	/** Per rule: its condition over the whole domain, assumptions not applied. */
	final int[] rawCond;
	/**
	 * Per rule: the possible inputs on which it is the firing rule (as the interpreter reports it).
	 * Null while the complement chain is not built (see {@link #chained}).
	 */
	int[] fire;
	/** Possible inputs no rule matches (-1 while the chain is not built). */
	int gap = -1;
	/** Per rule, UNIQUE only: its possible inputs that an earlier rule also matches (else FALSE). */
	int[] overlapsEarlier;
	/** Per rule: its condition as a cube, or null when it is not a conjunction of literals. */
	final RuleCube[] cubes;
	final int[] outcomeOf;
	/** The claim order, computed by the analyzer on first use. */
	int[] claimOrder;

	private final Encoding enc;
	private int[] decides;
	private int conflict = -1;
	private final java.util.Map<String, Integer> attributeRegions = new java.util.HashMap<>();

	/**
	 * Past this many nodes in one accumulated chain BDD (the uncovered region), {@link #chain} stops
	 * and the analysis answers with SAT instead ({@link SatAnalysis}). Checked after every rule (only
	 * counted when the kernel holds that many nodes at all); only the BDD's own size counts, never the
	 * kernel's, so the choice depends on the policy alone.
	 */
	static final int CHAIN_NODE_LIMIT = 50_000;

	/** The encoding with the complement chain built; see {@link #PolicyState(Encoding, Policy, int)}. */
	PolicyState(Encoding enc, Policy policy) {
		this(enc, policy, Integer.MAX_VALUE);
		if (!chained()) {
			throw new IllegalStateException("unlimited chain not built");
		}
	}

	/**
	 * The encoding of the policy: its possible inputs and rule conditions, then the complement chain
	 * unless one of its BDDs grows past {@code chainLimit} nodes (0: never built; then
	 * {@link #chained()} is false until {@link #chain} is called again).
	 */
	PolicyState(Encoding enc, Policy policy, int chainLimit) {
		this.enc = enc;
		this.policy = policy;
		int nf = enc.model.facts().size();
		this.inputs = policy.inputs().stream().mapToInt(Integer::intValue).toArray();
		this.isInput = new boolean[nf];
		for (int f : inputs) {
			isInput[f] = true;
		}
		this.domain = enc.domains(inputs);
		int p = enc.ref(domain);
		for (var a : policy.assumptions()) {
			if (p == Encoding.FALSE) {
				break;
			}
			int x = enc.expr(a.expr(), isInput, Encoding.NO_DECISIONS);
			p = enc.andInto(p, x);
			enc.deref(x);
		}
		this.possible = p;

		List<Rule> rules = policy.rules();
		int n = rules.size();
		this.cond = new int[n];
		this.rawCond = new int[n];
		this.cubes = new RuleCube[n];
		this.outcomeOf = new int[n];
		for (int j = 0; j < n; j++) {
			Rule r = rules.get(j);
			outcomeOf[j] = r.outcome();
			cubes[j] = RuleCube.of(r.condition(), enc.model, isInput);
			int x = enc.expr(r.condition(), isInput, Encoding.NO_DECISIONS);
			rawCond[j] = enc.and(x, domain);
			enc.deref(x);
			cond[j] = enc.and(rawCond[j], possible);
		}
		chain(chainLimit);
	}

	/** Whether the firing regions, gap and overlaps are built. */
	boolean chained() {
		return fire != null;
	}

	/**
	 * Builds the firing regions, the gap and (unique) the overlaps with complement chains, giving up
	 * (releasing what it built, leaving {@link #chained()} false) when an accumulated BDD passes
	 * {@code limit} nodes.
	 */
	void chain(int limit) {
		if (chained()) {
			return;
		}
		List<Rule> rules = policy.rules();
		int n = rules.size();
		int[] fire = new int[n];
		int[] overlapsEarlier = new int[n];
		if (limit <= 0) {
			return;
		}
		String name = policy.name();
		if (policy.hitPolicy() == HitPolicy.PRIORITY) {
			// fire_j = cond_j & no rule with an earlier outcome & no earlier rule with this outcome.
			int outcomes = enc.model.outcomes().size();
			int notBelow = enc.ref(possible);
			for (int o = 0; o < outcomes; o++) {
				int notPrefix = Encoding.TRUE;
				for (int j = 0; j < n; j++) {
					if (outcomeOf[j] != o) {
						continue;
					}
					int x = enc.and(cond[j], notBelow);
					fire[j] = enc.and(x, notPrefix);
					enc.deref(x);
					notPrefix = enc.andNotInto(notPrefix, rawCond[j]);
					enc.checkBudget(name);
					if (tooLarge(notPrefix, limit) || tooLarge(notBelow, limit)) {
						enc.deref(notPrefix);
						enc.deref(notBelow);
						release(fire);
						return;
					}
				}
				notBelow = enc.andInto(notBelow, notPrefix);
				enc.deref(notPrefix);
			}
			this.gap = notBelow;
		} else {
			boolean unique = policy.hitPolicy() == HitPolicy.UNIQUE;
			int uncovered = enc.ref(possible);
			for (int j = 0; j < n; j++) {
				fire[j] = enc.and(cond[j], uncovered);
				if (unique) {
					overlapsEarlier[j] = enc.andNot(cond[j], fire[j]);
				}
				if (cond[j] != Encoding.FALSE) {
					uncovered = enc.andNotInto(uncovered, rawCond[j]);
				}
				enc.checkBudget(name);
				if (tooLarge(uncovered, limit)) {
					enc.deref(uncovered);
					release(fire);
					release(overlapsEarlier);
					return;
				}
			}
			this.gap = uncovered;
		}
		this.fire = fire;
		this.overlapsEarlier = overlapsEarlier;
	}

	private boolean tooLarge(int node, int limit) {
		return enc.kernel.usedNodes() > limit && enc.kernel.exceeds(node, limit);
	}

	/** Releases the built entries (the others are still 0, FALSE). */
	private void release(int[] nodes) {
		for (int x : nodes) {
			if (x > Encoding.TRUE) {
				enc.deref(x);
			}
		}
	}

	/** The possible inputs deciding outcome {@code o} (built on first use, then kept). */
	int decides(int o) {
		if (decides == null) {
			int k = enc.model.outcomes().size();
			decides = new int[k];
			for (int i = 0; i < k; i++) {
				decides[i] = -1;
			}
		}
		if (decides[o] < 0) {
			int x = Encoding.FALSE;
			for (int j = 0; j < fire.length; j++) {
				if (outcomeOf[j] == o) {
					x = enc.orInto(x, fire[j]);
				}
			}
			decides[o] = x;
		}
		return decides[o];
	}

	/** UNIQUE: the possible inputs two or more rules match (built on first use); else FALSE. */
	int conflict() {
		if (conflict < 0) {
			int x = Encoding.FALSE;
			for (int o : overlapsEarlier) {
				x = enc.orInto(x, o);
			}
			conflict = x;
		}
		return conflict;
	}

	/** Encodes an expression over this policy's inputs; decision atoms read the decided outcome. */
	int expr(dev.mapl.ir.Expr e) {
		return enc.expr(e, isInput, new Encoding.Decisions() {
			@Override
			public int outcome(int o) {
				return decides(o);
			}

			@Override
			public int attribute(String attribute) {
				return attributeRegion(attribute);
			}
		});
	}

	private int attributeRegion(String attribute) {
		Integer r = attributeRegions.get(attribute);
		if (r == null) {
			int x = Encoding.FALSE;
			List<Outcome> outcomes = enc.model.outcomes();
			for (int o = 0; o < outcomes.size(); o++) {
				if (outcomes.get(o).has(attribute)) {
					x = enc.orInto(x, decides(o));
				}
			}
			r = x;
			attributeRegions.put(attribute, r);
		}
		return r;
	}

	/**
	 * Encodes an expression for inputs whose decided outcome is {@code o} (-1: none): its decision
	 * atoms become constants.
	 */
	int exprFor(dev.mapl.ir.Expr e, int o) {
		List<Outcome> outcomes = enc.model.outcomes();
		return enc.expr(e, isInput, new Encoding.Decisions() {
			@Override
			public int outcome(int x) {
				return x == o ? Encoding.TRUE : Encoding.FALSE;
			}

			@Override
			public int attribute(String attribute) {
				return o >= 0 && outcomes.get(o).has(attribute) ? Encoding.TRUE : Encoding.FALSE;
			}
		});
	}

	BigInteger count(int node) {
		return enc.count(node, inputs);
	}
}
