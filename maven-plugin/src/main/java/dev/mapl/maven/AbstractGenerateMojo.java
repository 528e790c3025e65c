package dev.mapl.maven;

import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.ir.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A goal that writes files from the checked model, incrementally: when neither the inputs nor the
 * configuration changed since the last successful run (and the outputs are as it left them) it
 * does nothing at all; otherwise it regenerates in memory, rewrites only the files whose content
 * changed (the others keep their timestamps), and deletes the files it wrote last time that no
 * policy produces any more.
 */
abstract class AbstractGenerateMojo extends AbstractMaplMojo {

	/** One file to write. {@code owned}: created by this goal, so deleted when no longer produced. */
	protected record Output(Path file, String content, boolean owned) {
	}

	/** What the goal writes, for the log: "Java classes". */
	protected abstract String what();

	/** Every setting that changes the output, as text; part of the up-to-date check. */
	protected abstract String configuration();

	/** The files to write from a model without errors. */
	protected abstract List<Output> generate(Model model) throws MojoExecutionException, MojoFailureException;

	/** The folder whose emptied subfolders are removed with deleted files. */
	protected abstract Path outputRoot();

	/** After a successful run, whether or not it wrote anything: register source roots and the like. */
	protected void completed() {
	}

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (skip) {
			getLog().info("MAPL " + mojoExecution.getGoal() + " skipped (mapl.skip)");
			return;
		}
		List<Path> files = sources();
		Path stateFile = Path.of(project.getBuild().getDirectory(), "mapl-state",
				mojoExecution.getGoal() + "-" + mojoExecution.getExecutionId() + ".state");
		BuildState previous = BuildState.load(stateFile);
		BuildState now;
		try {
			String plugin = mojoExecution.getMojoDescriptor().getPluginDescriptor().getId();
			now = BuildState.of(BuildState.digest(plugin + "\n" + configuration()), files);
			if (now.upToDate(previous)) {
				getLog().info("MAPL " + what() + " up to date in " + shown(outputRoot()) + " (" + files.size()
						+ (files.size() == 1 ? " file" : " files") + " unchanged)");
				completed();
				return;
			}
		} catch (IOException e) {
			throw new MojoExecutionException("cannot read the MAPL files: " + e.getMessage(), e);
		}
		List<Output> outputs = new ArrayList<>();
		if (!files.isEmpty()) {
			Pipeline.Result r = Pipeline.run(files);
			if (r.hasErrors()) {
				// Errors only: warnings are the check goal's business. The previous state stays, so
				// the next run still knows what it wrote.
				log(r, Diagnostic.Severity.ERROR);
				throw new MojoFailureException("MAPL " + mojoExecution.getGoal() + ": the policies have "
						+ MavenDiagnostics.counts(r) + "; fix the [ERROR] lines above");
			}
			outputs = generate(r.model().orElseThrow());
		} else {
			getLog().info("No MAPL files in " + shown(sourceDirectory().toPath()));
		}
		Map<Path, Output> byFile = new HashMap<>();
		for (Output o : outputs) {
			Path f = o.file().toAbsolutePath().normalize();
			if (byFile.put(f, o) != null) {
				throw new MojoFailureException("MAPL " + mojoExecution.getGoal() + ": two outputs would be written to "
						+ f + "; give the policies different names or packages");
			}
		}
		int wrote = 0;
		int deleted = 0;
		try {
			for (Output o : outputs) {
				if (GeneratedFiles.write(o.file(), o.content())) {
					wrote++;
					getLog().debug("wrote " + o.file());
				}
				now.wrote(o.file(), o.content(), o.owned());
			}
			if (previous != null) {
				for (Path old : previous.owned()) {
					if (!byFile.containsKey(old) && GeneratedFiles.delete(old, outputRoot())) {
						deleted++;
						getLog().info("deleted " + shown(old) + ": no policy produces it any more");
					}
				}
			}
			now.save(stateFile);
		} catch (IOException e) {
			throw new MojoExecutionException("cannot write " + what() + ": " + e.getMessage(), e);
		}
		getLog().info("MAPL " + what() + " in " + shown(outputRoot()) + ": " + wrote + " written, "
				+ (outputs.size() - wrote) + " unchanged, " + deleted + " deleted (" + now.reason(previous) + ")");
		completed();
	}
}
