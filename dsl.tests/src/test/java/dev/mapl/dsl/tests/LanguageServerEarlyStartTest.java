package dev.mapl.dsl.tests;

import dev.mapl.dsl.ide.server.QuietLanguageClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.ide.server.EarlyStart;
import dev.mapl.dsl.ide.server.MaplLanguageServer;
import dev.mapl.dsl.ide.server.MaplServerLauncher;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandCapabilities;
import org.eclipse.lsp4j.FoldingRangeCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code initialize} is answered while the server (Xtext's injectors) is still being built, with the
 * capabilities the built server computes, and nothing after it overtakes it.
 */
class LanguageServerEarlyStartTest {

	@TempDir
	Path workspace;

	@Test
	void initializeIsAnsweredBeforeTheServerExistsAndLaterMessagesKeepTheirOrder() throws Exception {
		CountDownLatch mayBuild = new CountDownLatch(1);
		EarlyStart early = new EarlyStart(() -> {
			try {
				mayBuild.await();
			} catch (InterruptedException e) {
				throw new IllegalStateException(e);
			}
			return MaplServerLauncher.newServer();
		});
		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PipedOutputStream serverOut = new PipedOutputStream(clientIn);
		Launcher<LanguageClient> server = early.launcher().setInput(serverIn).setOutput(serverOut).create();
		early.connect(server.getRemoteProxy());
		server.startListening();
		CompletableFuture<PublishDiagnosticsParams> published = new CompletableFuture<>();
		Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(published), clientIn, clientOut);
		client.startListening();
		LanguageServer ls = client.getRemoteProxy();

		InitializeParams init = new InitializeParams();
		init.setCapabilities(new ClientCapabilities());
		init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
		InitializeResult answer = ls.initialize(init).get(30, TimeUnit.SECONDS);
		assertEquals(1, mayBuild.getCount(), "initialize was answered before the server was built");
		assertNotNull(answer.getCapabilities().getCompletionProvider());

		ls.initialized(new InitializedParams());
		Path file = workspace.resolve("a.mapl");
		String text = "facts { A }\noutcomes {\n    X\n    Y\n}\npolicy earlybird first {\n    A -> X\n    otherwise -> Y\n}\n";
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "mapl", 1, text)));
		var symbols = ls.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri)));
		Thread.sleep(200);
		assertFalse(symbols.isDone(), "requests wait for the server");
		mayBuild.countDown();
		// the didOpen sent before it reached the server first: the policy is there
		assertTrue(symbols.get(60, TimeUnit.SECONDS).stream().anyMatch(s -> (s.isLeft() ? s.getLeft().getName() : s.getRight().getName()).contains("earlybird")),
				"document symbols after the open: " + symbols.get());
		assertNotNull(published.get(60, TimeUnit.SECONDS));
		ls.shutdown().get(30, TimeUnit.SECONDS);
	}

	/** The early capabilities are the built server's, for the client shapes editors send. */
	@Test
	void earlyCapabilitiesAreTheServersOwn() throws Exception {
		for (ClientCapabilities caps : clientShapes()) {
			for (boolean folders : new boolean[] { true, false }) {
				InitializeParams early = params(caps, folders);
				MaplLanguageServer.withWorkspace(early);
				ServerCapabilities expected = EarlyStart.capabilities(early);
				MaplLanguageServer server = MaplServerLauncher.newServer();
				server.connect(new Client(new CompletableFuture<>()));
				ServerCapabilities actual = server.initialize(params(caps, folders)).get(60, TimeUnit.SECONDS).getCapabilities();
				assertEquals(actual, expected, "client capabilities " + caps + ", folders " + folders);
				server.shutdown().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private InitializeParams params(ClientCapabilities caps, boolean folders) {
		InitializeParams p = new InitializeParams();
		if (caps != null) { // a copy: the server fills in what a client without a workspace lacks
			p.setCapabilities(new com.google.gson.Gson().fromJson(new com.google.gson.Gson().toJson(caps), ClientCapabilities.class));
		}
		if (folders) {
			p.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
		}
		return p;
	}

	private static List<ClientCapabilities> clientShapes() {
		ClientCapabilities rich = new ClientCapabilities();
		TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
		RenameCapabilities rename = new RenameCapabilities();
		rename.setPrepareSupport(true);
		text.setRename(rename);
		text.setFoldingRange(new FoldingRangeCapabilities());
		rich.setTextDocument(text);
		WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
		ws.setWorkspaceFolders(true);
		ws.setExecuteCommand(new ExecuteCommandCapabilities(true));
		rich.setWorkspace(ws);
		ClientCapabilities foldersOnly = new ClientCapabilities();
		WorkspaceClientCapabilities ws2 = new WorkspaceClientCapabilities();
		ws2.setWorkspaceFolders(true);
		foldersOnly.setWorkspace(ws2);
		List<ClientCapabilities> shapes = new java.util.ArrayList<>(List.of(new ClientCapabilities(), rich, foldersOnly));
		shapes.add(null);
		return shapes;
	}

	private record Client(CompletableFuture<PublishDiagnosticsParams> published) implements QuietLanguageClient {
		@Override
		public void publishDiagnostics(PublishDiagnosticsParams p) {
			published.complete(p);
		}

		@Override
		public CompletableFuture<Void> createProgress(org.eclipse.lsp4j.WorkDoneProgressCreateParams params) {
			return CompletableFuture.completedFuture(null);
		}
	}
}
