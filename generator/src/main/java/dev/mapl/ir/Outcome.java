package dev.mapl.ir;

import java.util.List;

/**
 * A possible decision. Outcomes are declared in priority order: a lower {@code index} wins under
 * the {@code priority} hit policy (the more restrictive memory type first).
 */
public record Outcome(int index, String name, List<String> attributes, String doc, SourceSpan span) {

	public Outcome {
		attributes = List.copyOf(attributes);
	}

	public boolean has(String attribute) {
		return attributes.contains(attribute);
	}
}
