package dev.mapl.analysis;

/** The codes of every finding the policy analysis reports, in one place. */
public final class FindingCodes {

	private FindingCodes() {
	}

	public static final String PREFIX = "mapl.analysis.";

	/** ERROR on the policy: some possible input is decided by no rule. */
	public static final String GAP = PREFIX + "gap";
	/** ERROR on the later rule, {@code unique} only: two rules match the same possible input. */
	public static final String OVERLAP = PREFIX + "overlap";
	/** WARNING on the rule, {@code first} and {@code priority}: the rule matches but never fires. */
	public static final String DEAD_RULE = PREFIX + "dead-rule";
	/** INFO on the rule: removing the rule changes no decision. */
	public static final String REDUNDANT_RULE = PREFIX + "redundant-rule";
	/** ERROR on the invariant: some possible input and its decision violate it. */
	public static final String INVARIANT_REFUTED = PREFIX + "invariant-refuted";
	/** ERROR on the test: some completion of its literals decides another outcome. */
	public static final String TEST_FAILED = PREFIX + "test-failed";
	/** ERROR on the test: no possible input agrees with its literals. */
	public static final String TEST_VACUOUS = PREFIX + "test-vacuous";
	/** ERROR on the policy: its assumptions exclude every input; nothing else is analysed. */
	public static final String ASSUMPTIONS_CONTRADICTORY = PREFIX + "assumptions-contradictory";
	/** WARNING on the rule: no possible input satisfies its condition. */
	public static final String RULE_IMPOSSIBLE = PREFIX + "rule-impossible";

	/** The part of a code after {@link #PREFIX}, e.g. {@code gap}. */
	public static String kind(String code) {
		return code.startsWith(PREFIX) ? code.substring(PREFIX.length()) : code;
	}
}
