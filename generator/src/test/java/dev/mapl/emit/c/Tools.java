package dev.mapl.emit.c;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools for tests (gcc, sparse). In CI ({@code CI} set) a missing tool fails the test;
 * on a developer machine without it the test is skipped.
 */
final class Tools {

	private Tools() {
	}

	record Result(int code, String out) {
	}

	static boolean onPath(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
				return true;
			}
		}
		return false;
	}

	/** Fails in CI, skips elsewhere, when the tool is not installed. */
	static void require(String tool) {
		if (onPath(tool)) {
			return;
		}
		String msg = "`" + tool + "` is not installed (.ci/run installs it)";
		if (System.getenv("CI") != null) {
			fail(msg);
		}
		Assumptions.abort(msg);
	}

	static Result run(Path dir, String input, List<String> command) {
		try {
			ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
			Process p = pb.start();
			Thread feeder = new Thread(() -> {
				try (var in = p.getOutputStream()) {
					if (input != null) {
						in.write(input.getBytes(StandardCharsets.UTF_8));
					}
				} catch (IOException e) {
					// the process stopped reading
				}
			});
			feeder.start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				fail("timed out: " + command);
			}
			feeder.join();
			return new Result(p.exitValue(), out);
		} catch (IOException e) {
			throw new AssertionError("cannot run " + command + ": " + e, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	static Result run(Path dir, String... command) {
		return run(dir, null, List.of(command));
	}

	/** gcc as the kernel's W=1 would have it, plus -Werror. */
	static List<String> gcc(String... args) {
		List<String> c = new ArrayList<>(List.of("gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O1"));
		c.addAll(List.of(args));
		return c;
	}

	/** sparse as the kernel's C=1 runs it. */
	static List<String> sparse(String... args) {
		List<String> c = new ArrayList<>(List.of("sparse", "-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__",
				"-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute", "-Wsparse-error", "-std=gnu11"));
		c.addAll(List.of(args));
		return c;
	}
}
