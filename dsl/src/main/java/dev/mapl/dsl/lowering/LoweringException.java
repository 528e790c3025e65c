package dev.mapl.dsl.lowering;

/** The AST still has errors that validation reports; lowering refuses rather than guess. */
public class LoweringException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public LoweringException(String message) {
		super(message);
	}
}
