package dev.mapl.dsl.ide.commands;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.analysis.DecisionTable;
import dev.mapl.analysis.PartialEvaluation;
import dev.mapl.analysis.Restriction;
import dev.mapl.analysis.RestrictionException;
import dev.mapl.analysis.DiffAnalyzer;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.PolicyDiff;
import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.emit.c.CBackend;
import dev.mapl.emit.c.Provenance;
import dev.mapl.emit.java.JavaEmitter;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.report.DiffRenderer;
import dev.mapl.report.GraphRenderer;
import dev.mapl.report.TableRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;

/**
 * The commands any client can run over {@code workspace/executeCommand}; each takes one JSON object
 * and answers one. They use the CLI's facades (lowering, analysis, renderers, emitters) on the
 * text the editor holds.
 */
public final class MaplCommands {

	public static final String TABLE = "mapl.table";
	public static final String GRAPH = "mapl.graph";
	public static final String DIFF = "mapl.diff";
	public static final String JAVA = "mapl.generateJava";
	public static final String C = "mapl.generateC";
	public static final List<String> NAMES = List.of(TABLE, GRAPH, DIFF, JAVA, C);

	private MaplCommands() {
	}

	public static JsonObject argument(ExecuteCommandParams p) {
		if (p.getArguments() == null || p.getArguments().isEmpty()) {
			throw error("`" + p.getCommand() + "` takes one JSON object argument, e.g. {\"uri\": \"file:///...\"}");
		}
		Object a = p.getArguments().get(0);
		JsonElement e = a instanceof JsonElement j ? j : JsonParser.parseString(new com.google.gson.Gson().toJson(a));
		if (!e.isJsonObject() || !e.getAsJsonObject().has("uri")) {
			throw error("`" + p.getCommand() + "` takes one JSON object with a `uri`");
		}
		return e.getAsJsonObject();
	}

	public static URI uri(JsonObject args, WorkspaceManager wm) {
		String s = args.get("uri").getAsString();
		return URI.createURI(s.startsWith("file:") ? java.net.URI.create(s).normalize().toString() : s);
	}

	public static Object execute(String command, JsonObject args, URI uri, XtextResource res, Document doc) {
		if (res == null) {
			throw error("`" + uri + "` is not a MAPL file of this workspace");
		}
		Model model = model(res);
		return switch (command) {
			case TABLE -> table(model, args, uri);
			case GRAPH -> graph(model, args, uri);
			case DIFF -> diff(model, args, uri, res);
			case JAVA -> java(model, args, uri);
			default -> c(model, args, uri);
		};
	}

	private static Model model(XtextResource res) {
		IResourceValidator validator = res.getResourceServiceProvider().getResourceValidator();
		var errors = validator.validate(res, CheckMode.NORMAL_AND_FAST, null).stream()
				.filter(i -> i.getSeverity() == org.eclipse.xtext.diagnostics.Severity.ERROR).toList();
		if (!errors.isEmpty()) {
			var first = errors.get(0);
			throw error("`" + res.getURI().lastSegment() + "` has errors; fix them first (line " + first.getLineNumber()
					+ ": " + first.getMessage() + ")");
		}
		List<Resource> files = new ArrayList<>(dev.mapl.dsl.linking.Closure.of(res));
		files.sort(Comparator.comparing(r -> r.getURI().toString()));
		try {
			return res.getResourceServiceProvider().get(Lowering.class).lower(files, r -> r.getURI().toString());
		} catch (RuntimeException e) {
			throw error("the model could not be lowered: " + e.getMessage());
		}
	}

	private static Policy policy(Model model, JsonObject args, URI uri) {
		String me = uri.toString();
		List<Policy> mine = model.policies().stream().filter(p -> p.span().file().equals(me)).toList();
		if (args.has("policy") && !args.get("policy").isJsonNull()) {
			String name = args.get("policy").getAsString();
			return mine.stream().filter(p -> p.name().equals(name) || p.simpleName().equals(name)).findFirst()
					.orElseThrow(() -> error("no policy `" + name + "` in `" + uri.lastSegment() + "`; it has "
							+ String.join(", ", mine.stream().map(Policy::simpleName).toList())));
		}
		if (mine.size() != 1) {
			throw error(mine.isEmpty() ? "`" + uri.lastSegment() + "` holds no policy"
					: "`" + uri.lastSegment() + "` holds " + mine.size() + " policies; name one with `policy` ("
							+ String.join(", ", mine.stream().map(Policy::simpleName).toList()) + ")");
		}
		return mine.get(0);
	}

	/**
	 * The reduced decision table, or every possible input with {@code all}, restricted to the
	 * inputs with the given {@code facts} as {@code mapl table FILE FACT=VALUE...} does.
	 */
	private static Map<String, Object> table(Model model, JsonObject args, URI uri) {
		Policy policy = policy(model, args, uri);
		Map<String, String> facts = new java.util.LinkedHashMap<>();
		if (args.has("facts") && args.get("facts").isJsonObject()) {
			for (var e : args.getAsJsonObject("facts").entrySet()) {
				facts.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
			}
		}
		boolean all = args.has("all") && args.get("all").getAsBoolean();
		PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
		long max = all ? 4096 : 1_000_000;
		DecisionTable table;
		try {
			table = PartialEvaluation.table(analyzer, policy, Restriction.of(facts), all, max);
		} catch (RestrictionException e) {
			throw error(e.getMessage() + (e.help().isEmpty() ? "" : "\nhelp: " + e.help()));
		} catch (IllegalArgumentException e) {
			throw error("policy `" + policy.name() + "` has more than " + max + " rows to show"
					+ (all ? " with `all`; use the reduced table" : "") + " (give some `facts` to see a part of it)");
		}
		return Map.of("markdown", TableRenderer.markdown(table));
	}

	private static Map<String, Object> graph(Model model, JsonObject args, URI uri) {
		Policy policy = policy(model, args, uri);
		DecisionDiagram d = GraphRenderer.diagram(model, policy, DecisionDiagram.LeafKind.OUTCOME, false, true);
		return Map.of("mermaid", GraphRenderer.mermaid(d), "dot", GraphRenderer.dot(d));
	}

	private static Map<String, Object> diff(Model model, JsonObject args, URI uri, XtextResource res) {
		if (!args.has("against")) {
			throw error("`mapl.diff` needs `against`: another file's path or URI, or `git:REV`");
		}
		String against = args.get("against").getAsString();
		Policy policy = policy(model, args, uri);
		Path other = againstFile(against, uri);
		MaplCompiler compiler = res.getResourceServiceProvider().get(MaplCompiler.class);
		Compilation c = compiler.compile(withSiblings(other));
		var errors = c.diagnostics().stream().filter(d -> d.severity() == dev.mapl.dsl.compile.Diagnostic.Severity.ERROR).toList();
		if (c.model().isEmpty() || !errors.isEmpty()) {
			throw error("the other version has errors" + (errors.isEmpty() ? "" : ": " + errors.get(0).message()));
		}
		Model old = c.model().get();
		Policy oldPolicy = old.policies().stream().filter(p -> p.simpleName().equals(policy.simpleName())).findFirst()
				.orElseThrow(() -> error("the other version has no policy `" + policy.simpleName() + "`"));
		PolicyDiff diff = new DiffAnalyzer().diff(old, oldPolicy, model, policy);
		String md = DiffRenderer.markdown(diff);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("markdown", md);
		out.put("equivalent", diff.equivalent());
		return out;
	}

	/** The file and the other MAPL files beside it, as the CLI reads them. */
	private static List<Path> withSiblings(Path file) {
		java.util.TreeSet<Path> all = new java.util.TreeSet<>();
		Path f = file.toAbsolutePath().normalize();
		all.add(f);
		try (java.util.stream.Stream<Path> siblings = Files.list(f.getParent())) {
			siblings.filter(x -> x.toString().endsWith(".mapl") && Files.isRegularFile(x)).forEach(x -> all.add(x.toAbsolutePath().normalize()));
		} catch (IOException e) {
			throw error("cannot read the folder of `" + file + "`: " + e.getMessage());
		}
		return new ArrayList<>(all);
	}

	/** The other version as a file: a path or URI as is; `git:REV` this file (and its siblings) at REV. */
	private static Path againstFile(String against, URI uri) {
		if (!against.startsWith("git:")) {
			Path p = against.startsWith("file:") ? Path.of(java.net.URI.create(against)) : Path.of(against);
			if (!Files.isRegularFile(p)) {
				throw error("`" + against + "` is not a readable file");
			}
			return p;
		}
		String rev = against.substring(4);
		if (rev.isEmpty() || rev.startsWith("-")) {
			throw error("`" + against + "` names no git revision");
		}
		Path file = Path.of(uri.toFileString());
		Path dir = file.getParent();
		try {
			String top = git(dir, "rev-parse", "--show-toplevel").trim();
			Path root = Path.of(top);
			Path tmp = Files.createTempDirectory("mapl-diff-");
			tmp.toFile().deleteOnExit();
			String relDir = root.relativize(dir.toRealPath()).toString().replace('\\', '/');
			String listing = git(root, "ls-tree", "--name-only", rev, relDir.isEmpty() ? "." : relDir + "/");
			Path target = null;
			for (String line : listing.split("\n")) {
				if (!line.endsWith(".mapl")) {
					continue;
				}
				String name = line.substring(line.lastIndexOf('/') + 1);
				Path out = tmp.resolve(name);
				Files.writeString(out, git(root, "show", rev + ":" + line));
				out.toFile().deleteOnExit();
				if (name.equals(file.getFileName().toString())) {
					target = out;
				}
			}
			if (target == null) {
				throw error("`" + file.getFileName() + "` does not exist at git revision `" + rev + "`");
			}
			return target;
		} catch (IOException e) {
			throw error("cannot read `" + against + "`: " + e.getMessage());
		}
	}

	private static String git(Path dir, String... args) throws IOException {
		List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
		byte[] out = p.getInputStream().readAllBytes();
		String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (p.waitFor() != 0) {
				throw error("git " + String.join(" ", args) + " failed: " + err.trim());
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw error("interrupted");
		}
		return new String(out, StandardCharsets.UTF_8);
	}

	private static Path outDir(JsonObject args) {
		if (!args.has("outDir")) {
			throw error("`outDir` is required: the folder to write into");
		}
		return Path.of(args.get("outDir").getAsString());
	}

	private static Map<String, Object> java(Model model, JsonObject args, URI uri) {
		Path out = outDir(args);
		String pkg = args.has("javaPackage") ? args.get("javaPackage").getAsString() : null;
		String me = uri.toString();
		String name = uri.lastSegment();
		List<Policy> policies = model.policies().stream().filter(p -> p.span().file().equals(me)).toList();
		if (policies.isEmpty()) {
			throw error("`" + name + "` holds no policy; nothing to generate");
		}
		String command = JavaEmitter.command(List.of(name), out.toString(), pkg, JavaEmitter.Style.AUTO);
		var options = JavaEmitter.Options.of(command).withStyle(JavaEmitter.Style.AUTO).withPackage(pkg)
				.withSourcePath(f -> URI.createURI(f).lastSegment());
		List<String> files = new ArrayList<>();
		for (Policy p : policies) {
			JavaEmitter.JavaFile f;
			try {
				f = JavaEmitter.emit(model, p, options);
			} catch (dev.mapl.emit.java.JavaEmitException e) {
				throw error(e.getMessage());
			}
			files.add(write(out.resolve(f.path()), f.content()));
		}
		return Map.of("files", files);
	}

	private static Map<String, Object> c(Model model, JsonObject args, URI uri) {
		Path out = outDir(args);
		String me = uri.toString();
		List<CTarget> targets = new ArrayList<>();
		for (Policy p : model.policies()) {
			if (p.span().file().equals(me)) {
				targets.addAll(model.cTargetsOf(p));
			}
		}
		if (targets.isEmpty()) {
			throw error("no `target c` section in `" + uri.lastSegment() + "`; nothing to generate");
		}
		Provenance provenance = new Provenance(f -> URI.createURI(f).lastSegment(), out.toString(), "<linux>", "./mapl");
		CBackend backend = new CBackend(model, Optional.empty(), provenance);
		List<String> files = new ArrayList<>();
		try {
			for (CBackend.FileOutput f : backend.emit(targets, path -> {
				try {
					Path p = out.resolve(path);
					return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
				} catch (IOException e) {
					return Optional.empty();
				}
			})) {
				files.add(write(out.resolve(f.path()), f.content()));
			}
		} catch (dev.mapl.emit.c.CEmitException e) {
			throw error(e.getMessage());
		}
		return Map.of("files", files);
	}

	/** Writes through a temporary file and a move, so a reader never sees half a file. */
	private static String write(Path file, String content) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			if (Files.isRegularFile(file) && Files.readString(file).equals(content)) {
				return file.toString();
			}
			Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".mapl-", ".tmp");
			Files.writeString(tmp, content);
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return file.toString();
		} catch (IOException e) {
			throw error("cannot write `" + file + "`: " + e.getMessage());
		}
	}

	static ResponseErrorException error(String message) {
		return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
	}
}
