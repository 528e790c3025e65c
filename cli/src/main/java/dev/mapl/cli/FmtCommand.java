package dev.mapl.cli;

import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.SourceFiles;
import dev.mapl.dsl.compile.SourceFormatter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fmt", mixinStandardHelpOptions = true,
		description = {"Rewrite MAPL files in the canonical format.",
				"Only whitespace outside comments changes; comments, line endings (LF, CRLF or CR, as the "
						+ "file's first line ends) and a byte order mark are kept. A file with syntax errors is "
						+ "reported and left alone.",
				"With --check, change nothing and exit 1 if a file would change."})
final class FmtCommand implements Callable<Integer> {

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Option(names = "--check", description = "report files that are not formatted; write nothing")
	boolean check;

	@Parameters(arity = "1..*", paramLabel = "PATH", description = "MAPL files or folders")
	List<Path> paths;

	@Override
	public Integer call() {
		var out = spec.commandLine().getOut();
		List<Path> files;
		try {
			files = SourceFiles.collect(paths);
		} catch (SourceFiles.BadPathException e) {
			throw new UserError(e.getMessage());
		}
		MaplCompiler compiler = MaplCompiler.create();
		SourceFormatter formatter = compiler.formatter();
		int result = Main.OK;
		for (Path file : files) {
			MaplCompiler.ParsedFile parsed;
			try {
				parsed = compiler.parse(file);
			} catch (SourceFiles.BadPathException e) {
				throw new UserError(e.getMessage());
			}
			if (!parsed.syntaxErrors().isEmpty()) {
				// a file with errors is never written: its formatting could only be a guess
				parsed.syntaxErrors().forEach(d -> out.println(d.render()));
				result = Main.FAILED;
				continue;
			}
			String after = formatter.formatFile(parsed);
			if (parsed.source().text().equals(after)) {
				continue;
			}
			if (check) {
				out.println(SourceFiles.display(file) + ": would be reformatted");
				result = Main.FAILED;
			} else {
				CompileCommand.write(file, after);
				out.println(SourceFiles.display(file) + ": formatted");
			}
		}
		return result;
	}
}
