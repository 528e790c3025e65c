package dev.mapl.cli;

import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.emit.ShellWords;
import dev.mapl.emit.dmn.DmnEmitter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mapl export --dmn FILE --policy NAME [-o OUT] [--first]}: a policy in another format, so
 * that it runs in other engines and can be compared with them.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
		description = {"Export a policy in another format.",
				"--dmn: an equivalent DMN 1.3 decision table (hit policy first -> FIRST, unique -> UNIQUE, "
						+ "priority -> PRIORITY; one input column per fact, booleans as FEEL booleans, enums as "
						+ "strings; the FEEL variable of `guest.mte` is `guest_mte`), to stdout or to -o OUT.",
				"Exit 0 on success, 1 when the input has errors, 2 for usage or I/O problems."})
final class ExportCommand implements Callable<Integer> {

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@picocli.CommandLine.Mixin
	PolicyOption target;

	@Option(names = "--dmn", required = true, description = "export a DMN 1.3 decision table")
	boolean dmn;

	@Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write to OUT instead of stdout")
	Path output;

	@Option(names = "--first", description = {"write an equivalent FIRST table whatever the hit policy (for engines",
			"without PRIORITY, such as Camunda 7): priority rules sorted by outcome priority"})
	boolean first;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		Model model = target.model(spec.commandLine().getErr());
		Policy policy = target.policy(model);
		Path root = repoRoot(target.file);
		StringBuilder command = new StringBuilder("./mapl export --dmn "
				+ ShellWords.quote(repoPath(target.file.toString(), root)) + " --policy " + policy.name());
		if (output != null) {
			command.append(" -o ").append(ShellWords.quote(repoPath(output.toString(), root)));
		}
		if (first) {
			command.append(" --first");
		}
		String xml;
		try {
			xml = DmnEmitter.emit(model, policy, new DmnEmitter.Options(first, f -> repoPath(f, root), command.toString()));
		} catch (IllegalArgumentException e) {
			throw new UserError(e.getMessage(), Main.FAILED);
		}
		if (output == null) {
			out.print(xml);
		} else {
			boolean changed = CompileCommand.write(output, xml);
			out.println((changed ? "wrote " : "unchanged ") + SourceFiles.display(output) + " (DMN 1.3, decision `"
					+ DmnEmitter.decisionId(policy) + "`, hit policy " + DmnEmitter.hitPolicy(policy,
							new DmnEmitter.Options(first, f -> f, "")) + ")");
		}
		return Main.OK;
	}

	/** The nearest folder above the file with a {@code .git}, or the working directory. */
	static Path repoRoot(Path file) {
		for (Path d = file.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
			if (Files.exists(d.resolve(".git"))) {
				return d;
			}
		}
		return Path.of("").toAbsolutePath();
	}

	/** A path as generated files name it: relative to the repository, never absolute. */
	static String repoPath(String path, Path root) {
		Path abs = Path.of(path).toAbsolutePath().normalize();
		Path shown = abs.startsWith(root) ? root.relativize(abs) : abs.getFileName();
		return shown.toString().replace('\\', '/');
	}
}
