package dev.mapl.analysis;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * How two versions of a policy decide differently. Facts are matched by name (a fact only one
 * side knows is free on the other), outcomes by name; decisions are compared on the inputs both
 * sides' assumptions allow.
 *
 * @param inputs         the merged input facts, in merged declaration order
 * @param commonInputs   inputs possible on both sides
 * @param changedInputs  common inputs decided differently (the sum of the changes' counts)
 * @param changes        by decreasing count, then old outcome, then new outcome (none last)
 * @param onlyOld        inputs only the old assumptions allow
 * @param onlyNew        inputs only the new assumptions allow
 * @param given          the facts the comparison is restricted to as {@code FACT=VALUE} words in merged
 *                       declaration order; empty for every input. Every count and region lies
 *                       inside that restriction
 */
public record PolicyDiff(String oldPolicy, String newPolicy, List<String> inputs, BigInteger commonInputs,
		BigInteger changedInputs, List<Change> changes, Region onlyOld, Region onlyNew, List<String> given) {

	/** The outcome name used for inputs no rule decides. */
	public static final String NONE = "none";

	public PolicyDiff {
		inputs = List.copyOf(inputs);
		changes = List.copyOf(changes);
		given = List.copyOf(given);
	}

	/** A comparison of every input (no given facts). */
	public PolicyDiff(String oldPolicy, String newPolicy, List<String> inputs, BigInteger commonInputs,
			BigInteger changedInputs, List<Change> changes, Region onlyOld, Region onlyNew) {
		this(oldPolicy, newPolicy, inputs, commonInputs, changedInputs, changes, onlyOld, onlyNew, List.of());
	}

	/** {@code `a`} for one name, {@code `a` -> `b`} for two. */
	public static String title(String oldPolicy, String newPolicy) {
		return oldPolicy.equals(newPolicy) ? "`" + newPolicy + "`" : "`" + oldPolicy + "` -> `" + newPolicy + "`";
	}

	/**
	 * Inputs decided {@code from} by the old policy and {@code to} by the new one.
	 *
	 * @param oldRules old rules firing on some of these inputs, in policy order
	 * @param newRules new rules firing on some of these inputs, in policy order
	 * @param example  the first such input; its outcome and rule are the new side's
	 */
	public record Change(String from, String to, BigInteger count, List<String> cubes, List<String> oldRules,
			List<String> newRules, Counterexample example) {
		public Change {
			cubes = List.copyOf(cubes);
			oldRules = List.copyOf(oldRules);
			newRules = List.copyOf(newRules);
		}
	}

	/** Inputs possible on one side only; the example's decision is that side's. */
	public record Region(BigInteger count, List<String> cubes, Optional<Counterexample> example) {
		public Region {
			cubes = List.copyOf(cubes);
		}

		public boolean isEmpty() {
			return count.signum() == 0;
		}
	}

	/** No common input changes and both sides allow the same inputs. */
	public boolean equivalent() {
		return changes.isEmpty() && onlyOld.isEmpty() && onlyNew.isEmpty();
	}

	/** No common input changes (the assumptions may differ). */
	public boolean sameDecisions() {
		return changes.isEmpty();
	}
}
