package dev.mapl.dsl.tests;

import dev.mapl.dsl.ide.server.QuietLanguageClient;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mapl.dsl.ide.server.MaplLanguageServer;
import dev.mapl.dsl.ide.server.MaplServerLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;

/**
 * Fuzzing of the language server, in process (the injector of {@code MaplServerLauncher}, called
 * directly): each input opens a mutated example ({@link MaplFuzzTest#mutate}) and runs a random
 * sequence of full and incremental edits, hovers, completions, definitions, formatting and
 * document symbols at valid positions, then closes it. Every request is valid, so every request
 * must answer within 30 s and without an error response. The server lives as long as the JVM: a
 * server per input would cost seconds.
 */
class LanguageServerFuzzTest {

	private static final long TIMEOUT_SECONDS = 30;
	private static MaplLanguageServer server;
	private static Path workspace;
	private static int documents;

	private static synchronized MaplLanguageServer server() {
		if (server == null) {
			try {
				workspace = Files.createTempDirectory("mapl-lsp-fuzz");
				workspace.toFile().deleteOnExit();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			server = MaplServerLauncher.newServer();
			server.connect(new Client());
			InitializeParams init = new InitializeParams();
			init.setProcessId((int) ProcessHandle.current().pid());
			init.setCapabilities(new ClientCapabilities());
			init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
			answer(server.initialize(init), "initialize");
			server.initialized(new InitializedParams());
		}
		return server;
	}

	@FuzzTest(maxDuration = "30s")
	void languageServer(FuzzedDataProvider data) {
		check(MaplFuzzTest.of(data));
	}

	static void check(MaplFuzzTest.Choices data) {
		MaplLanguageServer ls = server();
		var docs = ls.getTextDocumentService();
		String uri = workspace.resolve("fuzz" + (documents++) + ".mapl").toUri().toString();
		String text = MaplFuzzTest.mutate(data);
		int version = 1;
		docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "mapl", version, text)));
		TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
		int steps = data.consumeInt(0, 10);
		for (int i = 0; i < steps; i++) {
			switch (data.consumeInt(0, 6)) {
				case 0 -> { // the whole text, as some clients send it
					text = MaplFuzzTest.mutate(data);
					docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, ++version),
							List.of(new TextDocumentContentChangeEvent(text))));
				}
				case 1 -> { // an incremental edit: a valid range replaced by a piece of an example
					int a = data.consumeInt(0, text.length());
					int b = data.consumeInt(a, Math.min(text.length(), a + 200));
					String insert = data.consumeInt(0, 1) == 0 ? data.consumeString(20) : MaplFuzzTest.mutate(data);
					insert = insert.substring(0, Math.min(insert.length(), 200));
					Range range = new Range(position(text, a), position(text, b));
					text = text.substring(0, a) + insert + text.substring(b);
					docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, ++version),
							List.of(new TextDocumentContentChangeEvent(range, insert))));
				}
				case 2 -> answer(docs.hover(new HoverParams(id, at(data, text))), "hover");
				case 3 -> answer(docs.completion(new CompletionParams(id, at(data, text))), "completion");
				case 4 -> answer(docs.definition(new DefinitionParams(id, at(data, text))), "definition");
				case 5 -> answer(docs.formatting(new DocumentFormattingParams(id, new FormattingOptions(4, false))),
						"formatting");
				default -> answer(docs.documentSymbol(new DocumentSymbolParams(id)), "documentSymbol");
			}
		}
		// A request after the last edit: the server has taken every edit without failing.
		answer(docs.hover(new HoverParams(id, at(data, text))), "hover after the edits");
		docs.didClose(new DidCloseTextDocumentParams(id));
	}

	/** A position in the text (LSP: line and UTF-16 column), from an offset into it. */
	private static Position position(String text, int offset) {
		int line = 0;
		int start = 0;
		for (int i = 0; i < offset; i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
				line++;
				start = i + 1;
			}
		}
		if (offset > 0 && offset < text.length() && text.charAt(offset - 1) == '\r' && text.charAt(offset) == '\n') {
			offset--; // inside a CRLF: the end of the line
		}
		return new Position(line, offset - start);
	}

	private static Position at(MaplFuzzTest.Choices data, String text) {
		return position(text, data.consumeInt(0, text.length()));
	}

	private static <T> T answer(CompletableFuture<T> request, String what) {
		try {
			return request.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		} catch (TimeoutException e) {
			throw new AssertionError(what + ": no answer within " + TIMEOUT_SECONDS + " s");
		} catch (ExecutionException e) {
			throw new AssertionError(what + ": error response to a valid request: " + e.getCause(), e.getCause());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	private static final class Client implements QuietLanguageClient {
		@Override
		public void publishDiagnostics(PublishDiagnosticsParams p) {
			assertNotNull(p.getUri());
		}
	}
}
