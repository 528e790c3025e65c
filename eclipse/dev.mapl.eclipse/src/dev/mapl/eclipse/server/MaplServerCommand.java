package dev.mapl.eclipse.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts the MAPL language server: plain data, no Eclipse or OSGi. */
public final class MaplServerCommand {

	private MaplServerCommand() {
	}

	/**
	 * {@code <javaHome>/bin/java <jvmArguments> -jar <serverJar>}: the server speaks LSP on stdio.
	 *
	 * @param jvmArguments whitespace-separated; double quotes keep an argument with spaces together
	 */
	public static List<String> of(Path javaHome, Path serverJar, String jvmArguments) {
		boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve(windows ? "java.exe" : "java").toString());
		command.addAll(splitArguments(jvmArguments));
		command.add("-jar");
		command.add(serverJar.toString());
		return List.copyOf(command);
	}

	static List<String> splitArguments(String arguments) {
		List<String> result = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		boolean inArgument = false;
		for (char c : arguments.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
				inArgument = true;
			} else if (Character.isWhitespace(c) && !quoted) {
				if (inArgument) {
					result.add(current.toString());
					current.setLength(0);
					inArgument = false;
				}
			} else {
				current.append(c);
				inArgument = true;
			}
		}
		if (inArgument) {
			result.add(current.toString());
		}
		return result;
	}
}
