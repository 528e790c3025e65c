package dev.mapl.analysis;

/** How serious a finding is. */
public enum Severity {
	ERROR, WARNING, INFO;

	public String keyword() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}
}
