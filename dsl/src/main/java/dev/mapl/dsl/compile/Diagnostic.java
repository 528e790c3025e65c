package dev.mapl.dsl.compile;

import dev.mapl.ir.SourceSpan;
import java.util.Comparator;
import java.util.Map;

/**
 * One problem found in MAPL source, whoever found it (parser, linker, validator, analysis): the
 * shape every front end prints. {@code details} carries structured data such as a counterexample,
 * for JSON output.
 */
public record Diagnostic(Severity severity, String code, String message, String help, SourceSpan span,
		Map<String, Object> details) {

	public enum Severity {
		ERROR, WARNING, INFO;

		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public Diagnostic {
		help = help == null ? "" : help;
		details = details == null ? Map.of() : details;
	}

	public static final Comparator<Diagnostic> ORDER = Comparator.comparing((Diagnostic d) -> d.span().file())
			.thenComparingInt(d -> d.span().line()).thenComparingInt(d -> d.span().column())
			.thenComparing(Diagnostic::code).thenComparing(Diagnostic::message);

	/** {@code path:line:col: error: message [code]}, then an indented help line when there is one. */
	public String render() {
		String head = span.file() + ":" + span.line() + ":" + span.column() + ": " + severity.label() + ": " + message
				+ " [" + code + "]";
		return help.isEmpty() ? head : head + "\n    help: " + help;
	}
}
