package dev.mapl.ir;

/** How a policy combines the rules that match one input. */
public enum HitPolicy {
	/** The first matching rule in source order decides, like an if/else chain. */
	FIRST,
	/** At most one rule may match any possible input. */
	UNIQUE,
	/** Of all matching rules, the outcome declared earliest wins. */
	PRIORITY;

	public String keyword() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
