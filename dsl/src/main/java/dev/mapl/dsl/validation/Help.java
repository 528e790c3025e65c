package dev.mapl.dsl.validation;

import org.eclipse.xtext.validation.Issue;

/**
 * MAPL diagnostics carry a help line ("did you mean `guest.mte`?") as the first element of the
 * issue data, so that the CLI, the language server and the Maven plugin show the same text.
 */
public final class Help {

	private Help() {
	}

	public static String of(Issue issue) {
		String[] data = issue.getData();
		return data != null && data.length > 0 && data[0] != null ? data[0] : "";
	}
}
