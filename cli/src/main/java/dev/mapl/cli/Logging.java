package dev.mapl.cli;

import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;

/**
 * Xtext's internal logging (log4j 1.2, as reload4j): the CLI speaks through its diagnostics, so only
 * errors get through, as {@code mapl: ...} lines on stderr.
 *
 * <p>Set up in code rather than by a {@code log4j.properties}: log4j reads that file's appender
 * options through java.beans' Introspector: a seventh of the CPU of the thread that makes the
 * injector in a cold {@code check} (docs/PERFORMANCE.md, "Start-up: twelfth round"). A
 * {@code -Dlog4j.configuration} given through MAPL_JAVA_OPTS still wins, for whoever wants Xtext's
 * debug output.
 */
final class Logging {

	private static final String APPENDER = "mapl";

	private Logging() {
	}

	/** Idempotent; before the first logger is made, so that log4j never looks for a configuration file. */
	static synchronized void quietXtext() {
		if (System.getProperty("log4j.configuration") != null) {
			return;
		}
		System.setProperty("log4j.defaultInitOverride", "true");
		Logger root = Logger.getRootLogger();
		if (root.getAppender(APPENDER) != null) {
			return;
		}
		ConsoleAppender stderr = new ConsoleAppender();
		stderr.setName(APPENDER);
		stderr.setLayout(new PatternLayout("mapl: %m%n"));
		stderr.setTarget(ConsoleAppender.SYSTEM_ERR);
		stderr.setFollow(true); // System.err as it is when a message comes, not when this runs
		stderr.activateOptions();
		root.setLevel(Level.ERROR);
		root.addAppender(stderr);
	}
}
