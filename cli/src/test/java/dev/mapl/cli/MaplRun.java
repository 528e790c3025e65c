package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the CLI, as the tests see it: the exit code and what it printed. A stack
 * trace in either stream fails the test: bad input gets a diagnostic, never a trace.
 */
public record MaplRun(int code, String out, String err) {

	public static MaplRun of(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
		assertFalse(err.toString().contains("\tat "), "a stack trace leaked: " + err);
		assertFalse(out.toString().contains("\tat "), "a stack trace leaked: " + out);
		return new MaplRun(code, out.toString(), err.toString());
	}
}
