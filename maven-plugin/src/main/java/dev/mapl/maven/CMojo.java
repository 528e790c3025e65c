package dev.mapl.maven;

import dev.mapl.dsl.compile.Diagnostic;
import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.CEmitException;
import dev.mapl.emit.c.KunitEmitter;
import dev.mapl.emit.c.Provenance;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Kernel C from the {@code target c} sections, as {@code mapl compile --c-out DIR --kunit-out DIR}:
 * a header per target file (or the marked region of an existing file) at its path below
 * {@code outputDirectory}, and with {@code kunitDirectory} a KUnit suite beside each header. No
 * default phase: bind it where the project wants its kernel patches refreshed.
 */
@Mojo(name = "c", threadSafe = true)
public class CMojo extends AbstractGenerateMojo {

	/** The folder of MAPL files. */
	@Parameter(property = "mapl.sourceDirectory", defaultValue = "${project.basedir}/src/main/mapl")
	private File sourceDirectory;

	/** The root the targets' paths are relative to: usually a kernel tree. */
	@Parameter(property = "mapl.c.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/mapl-c",
			required = true)
	private File outputDirectory;

	/** Where the KUnit suites go (usually the same kernel tree); none when unset. */
	@Parameter(property = "mapl.c.kunitDirectory")
	private File kunitDirectory;

	/** {@code branches} (nested if/else) or {@code table}; default each target's own {@code style}. */
	@Parameter(property = "mapl.c.style")
	private String cStyle;

	@Override
	protected File sourceDirectory() {
		return sourceDirectory;
	}

	@Override
	protected String what() {
		return "C files";
	}

	@Override
	protected Path outputRoot() {
		return outputDirectory.toPath();
	}

	@Override
	protected String configuration() {
		return "c\n" + outputDirectory.getAbsolutePath() + "\n" + kunitDirectory + "\n" + cStyle;
	}

	@Override
	protected List<Output> generate(Model model) throws MojoExecutionException, MojoFailureException {
		List<CTarget> targets = model.cTargets();
		if (targets.isEmpty()) {
			throw new MojoFailureException("no `target c` section in the MAPL files of "
					+ shown(sourceDirectory.toPath()) + "; nothing to compile");
		}
		Optional<CTarget.Style> style = Optional.empty();
		if (cStyle != null && !cStyle.isBlank()) {
			try {
				style = Optional.of(CTarget.Style.valueOf(cStyle.trim().toUpperCase(Locale.ROOT)));
			} catch (IllegalArgumentException e) {
				throw new MojoExecutionException("cStyle `" + cStyle + "` is neither branches nor table");
			}
		}
		Path cOut = outputDirectory.toPath().toAbsolutePath().normalize();
		Path kOut = kunitDirectory == null ? null : kunitDirectory.toPath().toAbsolutePath().normalize();
		Provenance provenance = new Provenance(projectRelative(), outDir(cOut), kOut == null ? "<linux>" : outDir(kOut),
				"./mapl");
		CBackend backend = new CBackend(model, style, provenance);
		List<Output> out = new ArrayList<>();
		try {
			for (CBackend.FileOutput f : backend.emit(targets, path -> read(cOut.resolve(path)))) {
				out.add(new Output(cOut.resolve(f.path()), f.content(), !f.region()));
			}
			if (kOut != null) {
				List<String> lines = new ArrayList<>();
				for (Map.Entry<String, List<CTarget>> e : backend.byFile(targets).entrySet()) {
					if (e.getValue().get(0).region().isPresent()) {
						getLog().info("no KUnit suite for " + e.getKey() + ": its functions live in a marked region of a"
								+ " .c file, which a suite cannot include");
						continue;
					}
					KunitEmitter.Suite suite = backend.kunit(e.getKey(), e.getValue());
					out.add(new Output(kOut.resolve(suite.path()), suite.content(), true));
					lines.add("Kconfig beside " + suite.path() + ":\n" + suite.kconfig() + "Makefile:\n" + suite.makefile());
				}
				lines.forEach(l -> getLog().info("KUnit: add to the " + l));
			}
		} catch (CEmitException e) {
			if (e.at().isPresent()) {
				MavenDiagnostics.log(getLog(), new Diagnostic(Diagnostic.Severity.ERROR, "mapl.c.emit", e.getMessage(), "",
						e.at().get(), null));
			}
			throw new MojoFailureException("MAPL c: " + e.getMessage());
		} catch (UncheckedIOException e) {
			throw new MojoExecutionException(e.getMessage(), e);
		}
		return out;
	}

	/** An output folder as the regenerate command names it: project-relative, or {@code <linux>} outside. */
	private String outDir(Path dir) {
		return dir.startsWith(basedir()) && !dir.equals(basedir()) ? basedir().relativize(dir).toString().replace('\\', '/')
				: "<linux>";
	}

	private static Optional<String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
		}
	}
}
