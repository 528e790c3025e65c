package dev.mapl.cli;

import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.dsl.compile.SourceFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", mixinStandardHelpOptions = true,
		description = {"Rewrite MAPL files in the canonical format (only whitespace changes).",
				"With --check, change nothing and exit 1 if a file would change."})
final class FmtCommand implements Callable<Integer> {

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Option(names = "--check", description = "report files that are not formatted; write nothing")
	boolean check;

	@Parameters(arity = "1..*", paramLabel = "PATH", description = "MAPL files or folders")
	List<Path> paths;

	@Override
	public Integer call() throws IOException {
		var out = spec.commandLine().getOut();
		List<Path> files;
		try {
			files = SourceFiles.collect(paths);
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		}
		MaplCompiler compiler = MaplCompiler.create();
		SourceFormatter formatter = compiler.injector().getInstance(SourceFormatter.class);
		int result = Main.OK;
		for (Path file : files) {
			MaplCompiler.ParsedFile parsed;
			try {
				parsed = compiler.parse(file);
			} catch (SourceFiles.BadPathException e) {
				throw new UserError(e.getMessage());
			}
			if (!parsed.syntaxErrors().isEmpty()) {
				parsed.syntaxErrors().forEach(d -> out.println(d.render()));
				result = Main.FAILED;
				continue;
			}
			String before = Files.readString(file, StandardCharsets.UTF_8);
			String after = formatter.format(parsed.resource());
			if (before.equals(after)) {
				continue;
			}
			if (check) {
				out.println(SourceFiles.display(file) + ": would be reformatted");
				result = Main.FAILED;
			} else {
				Output.writeAtomically(file, after);
				out.println(SourceFiles.display(file) + ": formatted");
			}
		}
		return result;
	}
}
