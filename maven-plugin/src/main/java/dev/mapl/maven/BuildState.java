package dev.mapl.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one execution of a generating goal read and wrote last time: a digest of its configuration,
 * the content digest of every input, and of every file it wrote. A build whose configuration and
 * inputs have the same digests, and whose outputs are still as written, has nothing to do; a file
 * written last time and not this time is deleted. Content digests rather than timestamps, so a
 * {@code touch} or a fresh checkout of the same text does not regenerate.
 *
 * @param config  the digest of the goal's configuration (and the plugin's version)
 * @param inputs  input file -> content digest
 * @param outputs output file -> content digest
 * @param owned   the outputs this goal created and may delete (not an existing file it edits a region of)
 */
record BuildState(String config, Map<Path, String> inputs, Map<Path, String> outputs, List<Path> owned) {

	private static final String HEADER = "# mapl-maven-plugin: inputs and outputs of the last successful run; delete to regenerate";

	static BuildState of(String config, List<Path> inputFiles) throws IOException {
		Map<Path, String> inputs = new TreeMap<>();
		for (Path f : inputFiles) {
			inputs.put(f.toAbsolutePath().normalize(), digest(Files.readAllBytes(f)));
		}
		return new BuildState(config, inputs, new TreeMap<>(), new ArrayList<>());
	}

	/** The state recorded last time, or null when there is none (or it cannot be read). */
	static BuildState load(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return null;
		} catch (IOException e) {
			return null;
		}
		String config = null;
		Map<Path, String> inputs = new TreeMap<>();
		Map<Path, String> outputs = new TreeMap<>();
		List<Path> owned = new ArrayList<>();
		for (String line : lines) {
			String[] p = line.split(" ", 3);
			switch (p[0]) {
				case "config" -> config = p[1];
				case "input" -> inputs.put(Path.of(p[2]), p[1]);
				case "output" -> outputs.put(Path.of(p[2]), p[1]);
				case "owned" -> {
					outputs.put(Path.of(p[2]), p[1]);
					owned.add(Path.of(p[2]));
				}
				default -> {
				}
			}
		}
		return config == null ? null : new BuildState(config, inputs, outputs, owned);
	}

	void save(Path file) throws IOException {
		StringBuilder sb = new StringBuilder(HEADER).append('\n');
		sb.append("config ").append(config).append('\n');
		inputs.forEach((f, d) -> sb.append("input ").append(d).append(' ').append(f).append('\n'));
		outputs.forEach((f, d) -> sb.append(owned.contains(f) ? "owned " : "output ").append(d).append(' ').append(f)
				.append('\n'));
		GeneratedFiles.write(file, sb.toString());
	}

	void wrote(Path file, String content, boolean ownedFile) {
		Path f = file.toAbsolutePath().normalize();
		outputs.put(f, digest(content.getBytes(StandardCharsets.UTF_8)));
		if (ownedFile && !owned.contains(f)) {
			owned.add(f);
		}
	}

	/** Same configuration, same inputs, and every output still holds what was written. */
	boolean upToDate(BuildState previous) throws IOException {
		if (previous == null || !config.equals(previous.config) || !inputs.equals(previous.inputs)) {
			return false;
		}
		for (var e : previous.outputs.entrySet()) {
			if (!Files.isRegularFile(e.getKey()) || !digest(Files.readAllBytes(e.getKey())).equals(e.getValue())) {
				return false;
			}
		}
		return true;
	}

	/** Why a build is not up to date, for the log: the first changed input, or the configuration. */
	String reason(BuildState previous) {
		if (previous == null) {
			return "first run";
		}
		if (!config.equals(previous.config)) {
			return "the configuration changed";
		}
		List<String> changed = new ArrayList<>();
		for (var e : inputs.entrySet()) {
			String before = previous.inputs.get(e.getKey());
			if (before == null) {
				changed.add(e.getKey().getFileName() + " added");
			} else if (!before.equals(e.getValue())) {
				changed.add(e.getKey().getFileName() + " changed");
			}
		}
		for (Path p : previous.inputs.keySet()) {
			if (!inputs.containsKey(p)) {
				changed.add(p.getFileName() + " deleted");
			}
		}
		return changed.isEmpty() ? "a generated file was changed or deleted" : String.join(", ", changed);
	}

	static String digest(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

	static String digest(String text) {
		return digest(text.getBytes(StandardCharsets.UTF_8));
	}
}
