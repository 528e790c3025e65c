package dev.mapl.cli;

import dev.mapl.dsl.MaplStandaloneSetup;
import dev.mapl.dsl.compile.MaplCompiler;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mapl}: check, format, explain and compile MAPL policies. Exit codes: 0 success, 1 the
 * input has errors (or, for {@code diff}, the policies differ), 2 usage or I/O problems.
 */
@Command(name = "mapl", mixinStandardHelpOptions = true, version = "mapl 0.1.0",
		description = "The Memory Attribute Policy Language compiler.")
public final class Main implements Runnable {

	/** The subcommands, in the order `mapl --help` lists them. */
	static final List<Class<?>> COMMANDS = List.of(CheckCommand.class, FmtCommand.class, TableCommand.class,
			ExplainCommand.class, DiffCommand.class, GraphCommand.class, CompileCommand.class, PatchCommand.class,
			ExportCommand.class, CommandLine.HelpCommand.class);

	public static final int OK = 0;
	public static final int FAILED = 1;
	public static final int USAGE = 2;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(spec.commandLine(), "missing command: give one of "
				+ String.join(", ", spec.subcommands().keySet()));
	}

	public static void main(String[] args) {
		// Guice would generate a class per injected Xtext type (about 110 for `check`); reflection is
		// cheaper for one short run, and on Java 25 it avoids Guice's sun.misc.Unsafe warning.
		defaultProperty("guice_bytecode_gen_option", "DISABLED");
		// EMF starts a thread that waits on a reference queue to drop its pools' collected entries. A
		// command lasts a second or so; the thread's start and wake-ups cost a cold `check` 2-3%
		// (docs/PERFORMANCE.md, "Start-up: thirteenth round"). With EMF's own switch off, its pools
		// drop those entries as they are used instead.
		defaultProperty("org.eclipse.emf.common.util.ReferenceClearingQueue", "false");
		if (compiles(args)) {
			prepareCompiler();
		}
		int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
		System.out.flush();
		System.err.flush();
		// halt, not exit: the shutdown hooks have nothing to do (the output is flushed, every file
		// written is closed), and java.util.logging's, which Guice's loggers install, would reset
		// its loggers in 5-8 ms of every command. The JVM still writes a class-data archive being
		// trained (the launcher's first run): that happens in the JVM's own exit, which halt runs too.
		Runtime.getRuntime().halt(code);
	}

	/** Sets a system property the command line has not set. */
	private static void defaultProperty(String name, String value) {
		if (System.getProperty(name) == null) {
			System.setProperty(name, value);
		}
	}

	/** Runs one command line; never throws, never prints a stack trace (unless MAPL_DEBUG is set). */
	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		if (compiles(args)) {
			Logging.quietXtext(); // done already by main's second thread; here for callers in process
		}
		CommandLine cl = new CommandLine(new Main());
		for (Class<?> c : commandsFor(args)) {
			cl.addSubcommand(c);
		}
		cl.setOut(out);
		cl.setErr(err);
		cl.setCaseInsensitiveEnumValuesAllowed(true); // `--java-style auto` and `AUTO` alike
		cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
			if (e instanceof UserError u) {
				commandLine.getErr().println(u.rendered() ? u.getMessage() : "mapl: error: " + u.getMessage());
				return u.exitCode();
			}
			if (System.getenv("MAPL_DEBUG") != null) {
				e.printStackTrace(commandLine.getErr());
			}
			commandLine.getErr().println("mapl: internal error: " + e + " (set MAPL_DEBUG=1 for details; please report it)");
			return USAGE;
		});
		cl.setParameterExceptionHandler((e, a) -> {
			CommandLine c = e.getCommandLine();
			c.getErr().println("mapl: error: " + e.getMessage());
			c.getErr().println("try `" + c.getCommandSpec().qualifiedName() + " --help`");
			return USAGE;
		});
		int code;
		try {
			code = dev.mapl.dsl.compile.DeepStack.call(() -> cl.execute(args));
		} catch (StackOverflowError | OutOfMemoryError e) {
			// the last line of defence: the real bounds are the input limits and the analysis budget
			err.println("mapl: error: the input needs more " + (e instanceof OutOfMemoryError ? "memory" : "stack")
					+ " than this JVM has (" + e.getClass().getSimpleName() + "); please report it with the input");
			code = USAGE;
		}
		out.flush();
		err.flush();
		return code;
	}

	/**
	 * The commands that read MAPL files: all but help. Plain names, so that the check costs no
	 * annotation parsing before the second thread starts; a test compares them with COMMANDS.
	 */
	static final Set<String> COMPILING = Set.of("check", "fmt", "table", "explain", "diff", "graph", "compile",
			"patch", "export");

	/** Whether the command line names a command that reads MAPL files (not help, a version or a typo). */
	static boolean compiles(String[] args) {
		if (args.length == 0 || !COMPILING.contains(args[0])) {
			return false;
		}
		for (String a : args) {
			if (a.equals("--")) {
				break;
			}
			if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Builds Xtext's injector on a second thread while this one registers the EMF packages and
	 * then starts picocli and parses the command line: a third of a cold `check` that would
	 * otherwise wait for it, on a machine with a second core. The injector's creation touches no
	 * EMF class ({@link dev.mapl.dsl.MaplRuntimeModule}), so the two cannot deadlock in class
	 * initialisation; the second thread registers the language once both are done.
	 * {@link MaplCompiler#create} is synchronized and keeps the result, so the command's own call
	 * waits for this one and then reuses it; should this one fail, that call fails the same way and
	 * reports it as usual. Then the second thread goes on to {@link MaplCompiler#prepare()}: the
	 * grammar and the check methods, which the command would otherwise make itself, one after the
	 * other, in the compile that runs alone at the end (docs/PERFORMANCE.md, "Start-up: twelfth
	 * round").
	 */
	private static void prepareCompiler() {
		Thread t = new Thread(null, () -> {
			try {
				Logging.quietXtext(); // before Xtext makes its first logger
				MaplCompiler.create().prepare();
			} catch (Throwable ignored) {
				// the command's own MaplCompiler.create() meets the problem again and reports it
			}
		}, "mapl-prepare", 64L << 20);
		t.setDaemon(true);
		t.start();
		try {
			MaplStandaloneSetup.registerPackages();
		} catch (Throwable ignored) {
			// the command's own MaplCompiler.create() registers them again and reports the problem
		}
	}

	/**
	 * Only the named command when the first word names one: picocli builds a command's model from
	 * its annotations, and building all ten costs a tenth of a `check`'s start-up. All of them for
	 * anything else (`--help`, `help`, a typo), so that usage and "did you mean" see every command.
	 */
	static List<Class<?>> commandsFor(String[] args) {
		if (args.length > 0) {
			for (Class<?> c : COMMANDS) {
				Command command = c.getAnnotation(Command.class);
				if (command.name().equals(args[0]) && c != CommandLine.HelpCommand.class) {
					return List.of(c);
				}
			}
		}
		return COMMANDS;
	}
}
