package dev.mapl.dsl.tests;

import dev.mapl.dsl.ide.server.QuietLanguageClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The language server's features at real positions in the examples, through a real LSP4J client
 * talking to the server in its own process. Each test pins one defect of the plain Xtext server.
 */
class LanguageServerFeaturesTest {

	static Path workspace;
	static Process server;
	static LanguageServer ls;
	static final Map<String, List<Diagnostic>> diagnostics = new ConcurrentHashMap<>();
	static final BlockingQueue<String> published = new LinkedBlockingQueue<>();
	static final List<RegistrationParams> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();
	static InitializeResult init;

	@BeforeAll
	static void start() throws Exception {
		workspace = Files.createTempDirectory("mapl-lsp-");
		Path src = Path.of("../examples/kvm-arm64").toAbsolutePath().normalize();
		Path dir = Files.createDirectories(workspace.resolve("kvm-arm64"));
		try (Stream<Path> files = Files.list(src)) {
			for (Path f : files.toList()) {
				Files.copy(f, dir.resolve(f.getFileName()));
			}
		}
		server = startServer(workspace.resolve("server.log"));
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), server.getInputStream(),
				server.getOutputStream());
		launcher.startListening();
		ls = launcher.getRemoteProxy();
		InitializeParams p = new InitializeParams();
		p.setProcessId((int) ProcessHandle.current().pid());
		ClientCapabilities caps = new ClientCapabilities();
		WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
		ws.setWorkspaceFolders(true);
		ws.setExecuteCommand(new ExecuteCommandCapabilities());
		ws.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
		caps.setWorkspace(ws);
		TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
		td.setRename(new RenameCapabilities(true, false));
		td.setFoldingRange(new FoldingRangeCapabilities());
		DocumentSymbolCapabilities sym = new DocumentSymbolCapabilities();
		sym.setHierarchicalDocumentSymbolSupport(true);
		td.setDocumentSymbol(sym);
		caps.setTextDocument(td);
		p.setCapabilities(caps);
		p.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
		// another build's server may answer initialize only after building the workspace: give it time
		init = ls.initialize(p).get(System.getProperty("mapl.lsp.jar") != null ? 600 : 60, TimeUnit.SECONDS);
		ls.initialized(new InitializedParams());
	}

	/** The server of this build; -Dmapl.lsp.jar=... runs the tests against another build's jar (e.g. an older commit's). */
	static Process startServer(Path log) throws Exception {
		String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String jar = System.getProperty("mapl.lsp.jar");
		ProcessBuilder pb = jar != null ? new ProcessBuilder(javaBin, "-Xmx1g", "-jar", jar)
				: new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
						"dev.mapl.dsl.ide.server.MaplServerLauncher");
		return pb.redirectError(log.toFile()).start();
	}

	@AfterAll
	static void stop() throws Exception {
		if (ls != null) {
			ls.shutdown().get(30, TimeUnit.SECONDS);
			ls.exit();
		}
		if (server != null) {
			server.waitFor(30, TimeUnit.SECONDS);
			server.destroyForcibly();
		}
	}

	static String uri(String name) {
		return workspace.resolve("kvm-arm64").resolve(name).toUri().toString();
	}

	static String text(String name) throws Exception {
		return Files.readString(workspace.resolve("kvm-arm64").resolve(name));
	}

	static Position find(String name, String what) throws Exception {
		String t = text(name);
		int off = t.indexOf(what);
		assertTrue(off >= 0, what);
		int line = (int) t.substring(0, off).chars().filter(c -> c == '\n').count();
		return new Position(line, off - t.lastIndexOf('\n', off - 1) - 1);
	}

	static void open(String name) throws Exception {
		ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri(name), "mapl", 1, text(name))));
	}

	/** Waits for diagnostics of the file that satisfy the condition. */
	static List<Diagnostic> await(String name, java.util.function.Predicate<List<Diagnostic>> ok) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			List<Diagnostic> d = diagnostics.get(uri(name));
			if (d != null && ok.test(d)) {
				return d;
			}
			published.poll(200, TimeUnit.MILLISECONDS);
		}
		throw new AssertionError("no such diagnostics for " + name + ": " + diagnostics.get(uri(name)));
	}

	static String message(Diagnostic d) {
		return d.getMessage().getLeft();
	}

	// ---- diagnostics

	@Test
	void analysisFindingLandsOnTheInvariantWithItsHelpInTheMessage() throws Exception {
		open("thread-jason.mapl");
		var ds = await("thread-jason.mapl", l -> l.stream().anyMatch(d -> message(d).contains("i_mte")));
		Diagnostic d = ds.stream().filter(x -> message(x).contains("i_mte")).findFirst().orElseThrow();
		assertEquals(find("thread-jason.mapl", "invariant i_mte").getLine(), d.getRange().getStart().getLine());
		assertTrue(message(d).contains("\nhelp: "), message(d));
	}

	@Test
	void refutedInvariantOffersItsCounterexampleAsATest() throws Exception {
		open("thread-jason.mapl");
		var ds = await("thread-jason.mapl", l -> l.stream().anyMatch(d -> message(d).contains("i_mte")));
		Diagnostic d = ds.stream().filter(x -> message(x).contains("i_mte")).findFirst().orElseThrow();
		List<CodeAction> actions = actions("thread-jason.mapl", d);
		CodeAction add = actions.stream().filter(a -> a.getTitle().equals("add this counterexample as a test")).findFirst()
				.orElseThrow(() -> new AssertionError(actions.toString()));
		String inserted = add.getEdit().getChanges().get(uri("thread-jason.mapl")).get(0).getNewText();
		assertTrue(inserted.startsWith("    test \"counterexample of i_mte\": VM_PFNMAP, "), inserted);
		assertFalse(inserted.endsWith("=> Normal\n"), "the invariant forbids the decided outcome: " + inserted);
	}

	@Test
	void gapOffersOtherwiseAndTheMissingRules() throws Exception {
		String name = "gap.mapl";
		Files.writeString(workspace.resolve("kvm-arm64").resolve(name),
				"package kvm.gap\nimport kvm.*\npolicy g first {\n    VM_IO -> Device\n}\n");
		open(name);
		var ds = await(name, l -> l.stream().anyMatch(d -> "mapl.analysis.gap".equals(d.getCode().getLeft())));
		Diagnostic d = ds.stream().filter(x -> "mapl.analysis.gap".equals(x.getCode().getLeft())).findFirst().orElseThrow();
		List<String> titles = actions(name, d).stream().map(CodeAction::getTitle).toList();
		assertTrue(titles.contains("add `otherwise -> Device`"), titles.toString());
		assertTrue(titles.stream().anyMatch(t -> t.contains("for the undecided inputs")), titles.toString());
	}

	@Test
	void deadRuleCanBeDeleted() throws Exception {
		String name = "dead.mapl";
		String t = "package kvm.dead\nimport kvm.*\npolicy d first {\n    VM_IO -> Device\n    VM_IO & VM_SHARED -> Normal\n    otherwise -> Normal\n}\n";
		Files.writeString(workspace.resolve("kvm-arm64").resolve(name), t);
		open(name);
		var ds = await(name, l -> l.stream().anyMatch(d -> "mapl.analysis.dead-rule".equals(d.getCode().getLeft())));
		Diagnostic d = ds.stream().filter(x -> "mapl.analysis.dead-rule".equals(x.getCode().getLeft())).findFirst().orElseThrow();
		CodeAction delete = actions(name, d).stream().filter(a -> a.getTitle().equals("delete the rule")).findFirst().orElseThrow();
		TextEdit edit = delete.getEdit().getChanges().get(uri(name)).get(0);
		assertEquals("", edit.getNewText());
		assertEquals(new Range(new Position(4, 0), new Position(5, 0)), edit.getRange());
	}

	@Test
	void unknownNameOffersToImportItsPackage() throws Exception {
		String name = "noimport.mapl";
		Files.writeString(workspace.resolve("kvm-arm64").resolve(name),
				"package other\npolicy q first {\n    VM_IO -> q\n}\n");
		open(name);
		var ds = await(name, l -> l.stream().anyMatch(d -> message(d).startsWith("unknown name `VM_IO`")));
		Diagnostic d = ds.stream().filter(x -> message(x).startsWith("unknown name `VM_IO`")).findFirst().orElseThrow();
		CodeAction imp = actions(name, d).stream().filter(a -> a.getTitle().equals("import `kvm.*`")).findFirst()
				.orElseThrow(() -> new AssertionError("no import fix"));
		assertEquals("\nimport kvm.*", imp.getEdit().getChanges().get(uri(name)).get(0).getNewText());
	}

	@Test
	void inlayHintCountsTheInputsThatReachOtherwise() throws Exception {
		open("v6_12.mapl");
		List<InlayHint> hints = List.of();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (hints.isEmpty() && System.nanoTime() < deadline) {
			hints = ls.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri("v6_12.mapl")),
					new Range(new Position(0, 0), new Position(1000, 0)))).get(30, TimeUnit.SECONDS);
			Thread.sleep(200);
		}
		assertTrue(hints.stream().anyMatch(h -> h.getLabel().getLeft().matches(" \\d+ inputs")), hints.toString());
		assertEquals(null, init.getCapabilities().getSignatureHelpProvider(), "signature help is not advertised");
	}

	static List<CodeAction> actions(String name, Diagnostic d) throws Exception {
		return ls.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri(name)),
				d.getRange(), new CodeActionContext(List.of(d)))).get(30, TimeUnit.SECONDS).stream()
				.filter(Either::isRight).map(Either::getRight).toList();
	}

	@Test
	void factUsedInAnotherFileIsNotReportedUnused() throws Exception {
		var ds = await("common.mapl", l -> true);
		assertFalse(ds.stream().anyMatch(d -> message(d).contains("cpu.mte_perm")), ds.toString());
	}

	// ---- highlighting

	@Test
	void semanticTokensFullRangeAndDelta() throws Exception {
		open("v6_12.mapl");
		var id = new TextDocumentIdentifier(uri("v6_12.mapl"));
		SemanticTokens full = ls.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(id)).get(30, TimeUnit.SECONDS);
		assertTrue(full.getData().size() > 100, "tokens: " + full.getData().size());
		List<String> types = init.getCapabilities().getSemanticTokensProvider().getLegend().getTokenTypes();
		// the first token of line 0 is a comment
		assertEquals("comment", types.get(full.getData().get(3)));
		SemanticTokens range = ls.getTextDocumentService().semanticTokensRange(new SemanticTokensRangeParams(id,
				new Range(new Position(0, 0), new Position(3, 0)))).get(30, TimeUnit.SECONDS);
		assertFalse(range.getData().isEmpty());
		var delta = ls.getTextDocumentService().semanticTokensFullDelta(new SemanticTokensDeltaParams(id, full.getResultId()))
				.get(30, TimeUnit.SECONDS);
		assertTrue(delta.isRight() && delta.getRight().getEdits().isEmpty(), delta.toString());
	}

	// ---- quick fixes

	@Test
	void didYouMeanIsAQuickFix() throws Exception {
		String name = "typo.mapl";
		String t = "package kvm.typo\nimport kvm.*\npolicy p first {\n    VM_PFNMA -> Device\n    otherwise -> Normal\n}\n";
		Files.writeString(workspace.resolve("kvm-arm64").resolve(name), t);
		open(name);
		var ds = await(name, l -> l.stream().anyMatch(d -> message(d).contains("VM_PFNMA")));
		Diagnostic d = ds.stream().filter(x -> message(x).contains("VM_PFNMA")).findFirst().orElseThrow();
		assertTrue(message(d).contains("help: did you mean `VM_PFNMAP`?"), message(d));
		var actions = ls.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri(name)),
				d.getRange(), new CodeActionContext(List.of(d)))).get(30, TimeUnit.SECONDS);
		CodeAction fix = actions.stream().filter(Either::isRight).map(Either::getRight)
				.filter(a -> a.getTitle().contains("VM_PFNMAP")).findFirst().orElseThrow(() -> new AssertionError(actions.toString()));
		assertEquals("VM_PFNMAP", fix.getEdit().getChanges().get(uri(name)).get(0).getNewText());
	}

	// ---- formatting

	@Test
	void formattingIgnoresTheEditorsTabSettings() throws Exception {
		String name = "scrambled.mapl";
		String t = "package kvm.scrambled\nimport kvm.*\npolicy   p first{\nVM_PFNMAP->Device\n\t\totherwise->Normal}\n";
		Files.writeString(workspace.resolve("kvm-arm64").resolve(name), t);
		open(name);
		var edits = ls.getTextDocumentService().formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri(name)),
				new FormattingOptions(8, false))).get(30, TimeUnit.SECONDS);
		assertEquals(1, edits.size());
		var compiler = dev.mapl.dsl.compile.MaplCompiler.create();
		String canonical = compiler.formatter()
				.format(compiler.parse(workspace.resolve("kvm-arm64").resolve(name)).resource());
		assertEquals(canonical, edits.get(0).getNewText(), "what `mapl fmt` writes");
		assertTrue(canonical.contains("\n    VM_PFNMAP -> Device\n"), canonical);
	}

	// ---- robustness of positions and methods

	@Test
	void positionPastTheEndOfALineIsItsEnd() throws Exception {
		open("v6_12.mapl");
		var id = new TextDocumentIdentifier(uri("v6_12.mapl"));
		Position far = new Position(find("v6_12.mapl", "policy").getLine(), 500);
		assertNotNull(ls.getTextDocumentService().hover(new HoverParams(id, far)).get(30, TimeUnit.SECONDS) == null ? "" : "");
		ls.getTextDocumentService().definition(new DefinitionParams(id, far)).get(30, TimeUnit.SECONDS);
		ls.getTextDocumentService().completion(new CompletionParams(id, far)).get(30, TimeUnit.SECONDS);
	}

	@Test
	void unadvertisedMethodIsMethodNotFound() throws Exception {
		var id = new TextDocumentIdentifier(uri("v6_12.mapl"));
		ExecutionException e = assertThrows(ExecutionException.class, () -> ls.getTextDocumentService()
				.declaration(new DeclarationParams(id, new Position(0, 0))).get(30, TimeUnit.SECONDS));
		ResponseErrorException r = (ResponseErrorException) e.getCause();
		assertEquals(-32601, r.getResponseError().getCode());
		assertTrue(r.getResponseError().getData() == null, "no stack trace");
	}

	// ---- rename

	@Test
	void renameRefusesKeywordsBadNamesAndExistingFacts() throws Exception {
		open("common.mapl");
		var id = new TextDocumentIdentifier(uri("common.mapl"));
		Position vmIo = find("common.mapl", "VM_IO\n");
		for (String bad : List.of("policy", "1 bad-name", "VM_SHARED")) {
			ExecutionException e = assertThrows(ExecutionException.class,
					() -> ls.getTextDocumentService().rename(new RenameParams(id, vmIo, bad)).get(30, TimeUnit.SECONDS), bad);
			assertTrue(e.getCause() instanceof ResponseErrorException, bad);
		}
	}

	// ---- completion

	@Test
	void completionProposesEachFactOnceAndNoOutcomesInConditions() throws Exception {
		String name = "complete.mapl";
		String t = "package kvm.complete\nimport kvm.*\npolicy p first {\n    VM_ -> Device\n    otherwise -> Normal\n}\n";
		Files.writeString(workspace.resolve("kvm-arm64").resolve(name), t);
		open(name);
		var list = ls.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri(name)),
				new Position(3, 7))).get(30, TimeUnit.SECONDS).getRight();
		List<String> labels = list.getItems().stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.contains("VM_IO"), labels.toString());
		assertFalse(labels.contains("kvm.VM_IO"), labels.toString());
		var all = ls.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri(name)),
				new Position(3, 4))).get(30, TimeUnit.SECONDS).getRight();
		List<String> allLabels = all.getItems().stream().map(CompletionItem::getLabel).toList();
		assertFalse(allLabels.contains("Device"), allLabels.toString());
		assertFalse(allLabels.contains("cacheable"), allLabels.toString());
	}

	// ---- hover, symbols, lenses, commands

	@Test
	void hoverOnAnOutcomeShowsItsRank() throws Exception {
		open("v6_12.mapl");
		var h = ls.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri("v6_12.mapl")),
				find("v6_12.mapl", "-> Device"))).get(30, TimeUnit.SECONDS);
		// on the arrow's right side: move onto the name
		Position p = find("v6_12.mapl", "-> Device");
		h = ls.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri("v6_12.mapl")),
				new Position(p.getLine(), p.getCharacter() + 4))).get(30, TimeUnit.SECONDS);
		assertNotNull(h);
		assertTrue(h.getContents().getRight().getValue().contains("priority rank"), h.toString());
	}

	@Test
	void documentSymbolsHaveKindsAndShortNames() throws Exception {
		open("v6_12.mapl");
		var syms = ls.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri("v6_12.mapl"))))
				.get(30, TimeUnit.SECONDS);
		List<DocumentSymbol> top = syms.stream().map(Either::getRight).toList();
		assertTrue(top.stream().anyMatch(s -> s.getKind() == SymbolKind.Class && s.getName().equals("fault")), top.toString());
		assertTrue(top.stream().anyMatch(s -> s.getKind() == SymbolKind.Interface), "targets: " + top);
	}

	@Test
	void workspaceSymbolsHaveShortNamesKindsAndContainers() throws Exception {
		var answer = ls.getWorkspaceService().symbol(new WorkspaceSymbolParams("mte_perm")).get(30, TimeUnit.SECONDS);
		List<WorkspaceSymbol> syms = answer.isRight() ? new ArrayList<>(answer.getRight()) : List.of();
		assertTrue(answer.isRight(), answer.toString());
		WorkspaceSymbol fact = syms.stream().filter(s -> s.getName().equals("mte_perm")).findFirst()
				.orElseThrow(() -> new AssertionError("no short-named `mte_perm`: " + syms));
		assertEquals(SymbolKind.Boolean, fact.getKind(), fact.toString());
		assertEquals("kvm.cpu · common.mapl", fact.getContainerName(), fact.toString());
		assertTrue(fact.getLocation().getLeft().getUri().endsWith("common.mapl"), fact.toString());
		assertTrue(syms.stream().noneMatch(s -> s.getName().contains(".")), "no qualified names: " + syms);

		var policies = ls.getWorkspaceService().symbol(new WorkspaceSymbolParams("fault")).get(30, TimeUnit.SECONDS).getRight();
		assertTrue(policies.stream().anyMatch(s -> s.getName().equals("fault") && s.getKind() == SymbolKind.Class
				&& "kvm.v6_12 · v6_12.mapl".equals(s.getContainerName())), policies.toString());
	}

	/** As VS Code asks it (the e2e test): a fact declared in a file that is not open shows its doc. */
	@Test
	void hoverOnAFactFromAnotherFileShowsItsDoc() throws Exception {
		String name = "v6_17.mapl";
		open(name);
		await(name, d -> true);
		Position at = find(name, "VM_PFNMAP");
		Hover h = ls.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri(name)),
				new Position(at.getLine(), at.getCharacter() + 2))).get(30, TimeUnit.SECONDS);
		assertNotNull(h, "hover on VM_PFNMAP");
		assertTrue(h.getContents().getRight().getValue().contains("raw PFNs"), h.toString());
	}

	// ---- reads right after an edit answer from the last build, at the new text's positions

	@Test
	void hoverAndDefinitionRightAfterAnEditUseTheNewPositions() throws Exception {
		String name = "v6_1.mapl";
		open(name);
		await(name, d -> true);
		TextDocumentIdentifier id = new TextDocumentIdentifier(uri(name));
		Position before = find(name, "VM_PFNMAP & slot");
		// a new first line: every later position moves one line down; the build of it is still to come
		ls.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri(name), 2),
				List.of(new TextDocumentContentChangeEvent(new Range(new Position(0, 0), new Position(0, 0)), "// one more line\n"))));
		Position moved = new Position(before.getLine() + 1, before.getCharacter() + 2);
		Hover h = ls.getTextDocumentService().hover(new HoverParams(id, moved)).get(30, TimeUnit.SECONDS);
		assertNotNull(h, "hover on VM_PFNMAP one line down");
		assertTrue(h.getContents().getRight().getValue().contains("VM_PFNMAP"), h.toString());
		var def = ls.getTextDocumentService().definition(new DefinitionParams(id, moved)).get(30, TimeUnit.SECONDS).getLeft();
		assertEquals(1, def.size(), def.toString());
		assertTrue(def.get(0).getUri().endsWith("common.mapl"), def.toString());

		// typed over a name: that position waits for the build and answers on the new text
		Position outcome = new Position(before.getLine() + 1, text(name).split("\n")[before.getLine()].indexOf("Einval"));
		ls.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri(name), 3),
				List.of(new TextDocumentContentChangeEvent(new Range(outcome, new Position(outcome.getLine(), outcome.getCharacter() + 6)),
						"Efault"))));
		h = ls.getTextDocumentService().hover(new HoverParams(id, new Position(outcome.getLine(), outcome.getCharacter() + 2)))
				.get(30, TimeUnit.SECONDS);
		assertNotNull(h, "hover on the outcome just typed");
		assertTrue(h.getContents().getRight().getValue().contains("`Efault`"), h.toString());

		// back to the file's text, as the other tests expect it
		ls.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri(name), 4),
				List.of(new TextDocumentContentChangeEvent(text(name)))));
		ls.getTextDocumentService().didClose(new DidCloseTextDocumentParams(id));
	}

	@Test
	void codeLensesShowVerdictAndRuleCoverage() throws Exception {
		open("v6_12.mapl");
		await("v6_12.mapl", l -> true);
		List<? extends CodeLens> lenses = List.of();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (lenses.isEmpty() && System.nanoTime() < deadline) {
			lenses = ls.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri("v6_12.mapl"))))
					.get(30, TimeUnit.SECONDS);
			Thread.sleep(200);
		}
		List<String> titles = lenses.stream().map(l -> l.getCommand().getTitle()).toList();
		assertTrue(titles.stream().anyMatch(t -> t.startsWith("complete")), titles.toString());
		assertTrue(titles.stream().anyMatch(t -> t.startsWith("decides ")), titles.toString());
	}

	@Test
	void commandsAreAdvertisedAndAnswer() throws Exception {
		assertTrue(init.getCapabilities().getExecuteCommandProvider().getCommands().containsAll(
				List.of("mapl.table", "mapl.graph", "mapl.diff", "mapl.generateJava", "mapl.generateC")));
		open("v6_12.mapl");
		JsonObject args = new JsonObject();
		args.addProperty("uri", uri("v6_12.mapl"));
		args.addProperty("policy", "fault");
		Object table = ls.getWorkspaceService().executeCommand(new ExecuteCommandParams("mapl.table", List.of(args)))
				.get(30, TimeUnit.SECONDS);
		assertTrue(table.toString().contains("markdown"), table.toString());
		// The restriction of `mapl table FILE FACT=VALUE...`: the given facts leave the columns.
		JsonObject facts = new JsonObject();
		facts.addProperty("pfn.map_memory", "false");
		args.add("facts", facts);
		Object restricted = ls.getWorkspaceService().executeCommand(new ExecuteCommandParams("mapl.table", List.of(args)))
				.get(30, TimeUnit.SECONDS);
		assertTrue(restricted.toString().contains("Given: pfn.map_memory=0."), restricted.toString());
		assertFalse(restricted.toString().contains("Efault"), "no MTE fault outside the linear map: " + restricted);
		facts.addProperty("pfn.map_memroy", "true");
		ExecutionException typo = assertThrows(ExecutionException.class, () -> ls.getWorkspaceService()
				.executeCommand(new ExecuteCommandParams("mapl.table", List.of(args))).get(30, TimeUnit.SECONDS));
		assertTrue(typo.getCause().getMessage().contains("did you mean `pfn.map_memory`?"), typo.getCause().getMessage());
		JsonObject diff = new JsonObject();
		diff.addProperty("uri", uri("v6_12.mapl"));
		diff.addProperty("policy", "fault");
		Path old = Files.createTempDirectory("mapl-old-");
		Files.copy(workspace.resolve("kvm-arm64/common.mapl"), old.resolve("common.mapl"));
		Files.copy(workspace.resolve("kvm-arm64/v6_6.mapl"), old.resolve("v6_6.mapl"));
		diff.addProperty("against", old.resolve("v6_6.mapl").toString());
		Object d = ls.getWorkspaceService().executeCommand(new ExecuteCommandParams("mapl.diff", List.of(diff))).get(60, TimeUnit.SECONDS);
		assertTrue(d.toString().contains("equivalent=false"), d.toString());
		JsonObject bad = new JsonObject();
		bad.addProperty("uri", uri("v6_12.mapl"));
		bad.addProperty("policy", "nope");
		ExecutionException e = assertThrows(ExecutionException.class, () -> ls.getWorkspaceService()
				.executeCommand(new ExecuteCommandParams("mapl.graph", List.of(bad))).get(30, TimeUnit.SECONDS));
		assertTrue(e.getCause().getMessage().contains("no policy `nope`"), e.getCause().getMessage());
	}

	@Test
	void fileWatchersAreRegistered() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (registrations.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertTrue(registrations.stream().flatMap(r -> r.getRegistrations().stream())
				.anyMatch(r -> r.getMethod().equals("workspace/didChangeWatchedFiles")));
	}

	static final class Client implements QuietLanguageClient {
		@Override
		public void publishDiagnostics(PublishDiagnosticsParams p) {
			diagnostics.put(p.getUri(), p.getDiagnostics());
			published.add(p.getUri());
		}

		@Override
		public CompletableFuture<Void> registerCapability(RegistrationParams params) {
			registrations.add(params);
			return CompletableFuture.completedFuture(null);
		}
	}
}
