package dev.mapl.dsl.ide.server;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The training run for the server's class-data archive: {@code java -XX:ArchiveClassesAtExit=F -cp
 * mapl-language-server.jar dev.mapl.dsl.ide.server.ArchiveTraining}. An editor's session with a
 * small policy in a temporary workspace, on the same {@link MaplServerLauncher#serve} a real start
 * uses: initialize, open (build and analysis), an edit, and the requests an editor sends while
 * typing. The JVM archives every class this loaded when it exits; a server started with
 * {@code -XX:SharedArchiveFile=F} then maps them instead of loading and verifying them from the jar,
 * which is most of a fresh JVM's time to answer {@code initialize}. The {@code mapl lsp} launcher
 * and the VS Code extension make the archive once per server jar and Java; exit code 0 when the
 * session went through, 1 otherwise (then an archive, if written, is not to be used).
 */
public final class ArchiveTraining {

	/** A small policy with what the server handles: facts, an enum, attributes, rules, invariant, tests. */
	static final String POLICY = """
			// A training session for the language server's class-data archive.
			facts {
			    /** The VMA maps raw PFNs. */
			    VM_PFNMAP
			    MTE_ALLOWED
			    enum prot { MT_NORMAL, MT_NORMAL_TAGGED, MT_NORMAL_NC, MT_DEVICE_nGnRE }
			}

			facts guest {
			    mte
			}

			outcomes {
			    Device
			    NormalNC
			    Normal [cacheable]
			}

			/** Which stage-2 memory type a fault maps. */
			policy stage2 first {
			    pfnmap_nc: VM_PFNMAP & !MTE_ALLOWED -> NormalNC if guest.mte
			    ram: prot in {MT_NORMAL, MT_NORMAL_TAGGED} -> Normal
			    otherwise -> Device
			    invariant no_tags: guest.mte & !MTE_ALLOWED => !cacheable
			    test "pfnmap, mte guest": VM_PFNMAP, !MTE_ALLOWED, guest.mte => NormalNC
			}
			""";

	private ArchiveTraining() {
	}

	public static void main(String[] args) {
		int status;
		try {
			session();
			status = 0;
		} catch (Exception | LinkageError e) {
			System.err.println("MAPL language server: the archive training run failed: " + e);
			status = 1;
		}
		// System.exit, not a return: the server's threads would keep the JVM, and the archive is written at exit
		System.exit(status);
	}

	private static void session() throws Exception {
		Path workspace = Files.createTempDirectory("mapl-training");
		Path file = workspace.resolve("training.mapl");
		try {
			Files.writeString(file, POLICY, StandardCharsets.UTF_8);
			PipedInputStream serverIn = new PipedInputStream(1 << 16);
			PipedOutputStream clientOut = new PipedOutputStream(serverIn);
			PipedInputStream clientIn = new PipedInputStream(1 << 16);
			PipedOutputStream serverOut = new PipedOutputStream(clientIn);
			MaplServerLauncher.serve(serverIn, serverOut);
			Client client = new Client();
			Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
			launcher.startListening();
			LanguageServer server = launcher.getRemoteProxy();

			InitializeParams init = new InitializeParams();
			init.setCapabilities(new ClientCapabilities());
			init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "training")));
			server.initialize(init).get(60, TimeUnit.SECONDS);
			server.initialized(new InitializedParams());
			String uri = file.toUri().toString();
			var text = server.getTextDocumentService();
			text.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "mapl", 1, POLICY)));
			client.diagnostics.get(120, TimeUnit.SECONDS);
			TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
			// an edit: an unknown name (did-you-mean), then the requests an editor sends while typing
			int line = (int) POLICY.lines().takeWhile(l -> !l.contains("ram:")).count();
			text.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
					List.of(new TextDocumentContentChangeEvent(new Range(new Position(line, 9), new Position(line, 13)), "prt"))));
			Position fact = new Position(line - 1, 17);
			text.hover(new HoverParams(doc, fact)).get(60, TimeUnit.SECONDS);
			text.completion(new CompletionParams(doc, new Position(line, 12))).get(60, TimeUnit.SECONDS);
			text.documentSymbol(new DocumentSymbolParams(doc)).get(60, TimeUnit.SECONDS);
			text.semanticTokensFull(new SemanticTokensParams(doc)).get(60, TimeUnit.SECONDS);
			text.codeLens(new CodeLensParams(doc)).get(60, TimeUnit.SECONDS);
			Range whole = new Range(new Position(0, 0), new Position(POLICY.split("\n").length, 0));
			text.inlayHint(new InlayHintParams(doc, whole)).get(60, TimeUnit.SECONDS);
			text.codeAction(new CodeActionParams(doc, new Range(new Position(line, 9), new Position(line, 12)),
					new CodeActionContext(List.of()))).get(60, TimeUnit.SECONDS);
			text.formatting(new DocumentFormattingParams(doc, new FormattingOptions(4, true))).get(60, TimeUnit.SECONDS);
			server.shutdown().get(60, TimeUnit.SECONDS);
		} finally {
			Files.deleteIfExists(file);
			Files.deleteIfExists(workspace);
		}
	}

	/** Takes the first diagnostics; ignores everything else a server sends. */
	private static final class Client implements QuietLanguageClient {
		final CompletableFuture<PublishDiagnosticsParams> diagnostics = new CompletableFuture<>();

		@Override
		public void publishDiagnostics(PublishDiagnosticsParams params) {
			diagnostics.complete(params);
		}
	}
}
