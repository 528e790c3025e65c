package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.cli.c.KernelTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps examples/README.md true: each {@code <!-- mapl: ARGS [| head=N] [| mermaid] -->} marker is
 * followed by the output of running {@code mapl ARGS} from the repository root, in a fresh JVM as a
 * user would. {@code OUT} and {@code LINUX} in ARGS stand for an output folder and a git copy of
 * Debian's linux-source-6.12. With MAPL_UPDATE_WALKTHROUGH=true the page is rewritten instead.
 */
class WalkthroughTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
	private static final Path PAGE = ROOT.resolve("examples/README.md");
	private static final Pattern MARKER = Pattern.compile("<!-- mapl: (.*?) -->\\n(?:\\n?```[a-z]*\\n.*?\\n```\\n)?",
			Pattern.DOTALL);

	@TempDir
	Path tmp;

	@Test
	void walkthroughOutputsAreCurrent() throws Exception {
		String page = Files.readString(PAGE, StandardCharsets.UTF_8);
		Path linux = null;
		StringBuilder out = new StringBuilder();
		Matcher m = MARKER.matcher(page);
		int last = 0;
		int blocks = 0;
		while (m.find()) {
			out.append(page, last, m.start());
			String spec = m.group(1);
			String[] parts = spec.split(" \\| ");
			String args = parts[0];
			int head = Integer.MAX_VALUE;
			boolean mermaid = false;
			for (int i = 1; i < parts.length; i++) {
				if (parts[i].startsWith("head=")) {
					head = Integer.parseInt(parts[i].substring(5));
				} else if (parts[i].equals("mermaid")) {
					mermaid = true;
				}
			}
			if (args.contains("LINUX") && linux == null) {
				linux = KernelTree.gitCopy(tmp.resolve("linux"));
			}
			Path outDir = tmp.resolve("out");
			List<String> argv = new ArrayList<>();
			for (String a : split(args)) {
				argv.add(a.equals("OUT") ? outDir.toString() : a.equals("LINUX") ? linux.toString() : a);
			}
			String result = run(argv).replace(outDir.toString(), "OUT");
			if (linux != null) {
				result = result.replace(linux.toString(), "LINUX");
			}
			List<String> lines = new ArrayList<>(List.of(result.split("\n", -1)));
			if (lines.get(lines.size() - 1).isEmpty()) {
				lines.remove(lines.size() - 1);
			}
			boolean cut = lines.size() > head;
			if (cut) {
				lines = new ArrayList<>(lines.subList(0, head));
				lines.add("...");
			}
			out.append("<!-- mapl: ").append(spec).append(" -->\n\n");
			if (mermaid) {
				out.append("```mermaid\n").append(String.join("\n", lines)).append("\n```\n");
			} else {
				out.append("```console\n$ ./mapl ").append(args).append('\n').append(String.join("\n", lines)).append("\n```\n");
			}
			last = m.end();
			blocks++;
		}
		out.append(page.substring(last));
		assertTrue(blocks >= 8, "expected the walkthrough's command markers, found " + blocks);
		if ("true".equals(System.getenv("MAPL_UPDATE_WALKTHROUGH"))) {
			Files.writeString(PAGE, out.toString(), StandardCharsets.UTF_8);
		} else {
			assertEquals(page, out.toString(), "examples/README.md is stale: run `examples/walkthrough --update`");
		}
	}

	/** Splits like a shell: spaces separate, double quotes group. */
	static List<String> split(String s) {
		List<String> out = new ArrayList<>();
		Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(s);
		while (m.find()) {
			out.add(m.group(1) != null ? m.group(1) : m.group(2));
		}
		return out;
	}

	/** Runs the CLI in a fresh JVM in the repository root; stdout and stderr as a terminal shows them. */
	private static String run(List<String> args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), Main.class.getName()));
		cmd.addAll(args);
		Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
		String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mapl " + args + " did not finish");
		return p.exitValue() == 0 ? text : text + "(exit status " + p.exitValue() + ")\n";
	}
}
