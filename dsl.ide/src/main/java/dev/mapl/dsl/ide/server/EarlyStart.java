package dev.mapl.dsl.ide.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensServerFull;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkspaceFoldersOptions;
import org.eclipse.lsp4j.WorkspaceServerCapabilities;
import org.eclipse.lsp4j.jsonrpc.Endpoint;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.eclipse.lsp4j.services.LanguageClient;
import dev.mapl.dsl.ide.commands.MaplCommands;
import dev.mapl.dsl.ide.highlighting.SemanticTokensComputer;
import dev.mapl.dsl.ide.quickfix.QuickFixes;

/**
 * Answers {@code initialize} while the server is still being built. Building Xtext's injectors (the
 * server's and the language's: parser, grammar, validators, about 2,500 classes) takes most of a
 * fresh JVM's first second; the answer to {@code initialize} needs none of it, only the
 * capabilities, which depend on nothing but the client's capabilities ({@link #capabilities}). So
 * the injector is built on its own thread from the first message on; {@code initialize} is answered at once and handed to the real server when it exists;
 * every later message waits for that, in the order it came (the reader thread waits, so nothing
 * overtakes). {@code LanguageServerEarlyStartTest} checks that the early capabilities are the real
 * server's for the client shapes editors send.
 */
public final class EarlyStart implements Endpoint {

	private final CompletableFuture<MaplLanguageServer> server;
	private final CompletableFuture<Endpoint> ready = new CompletableFuture<>();
	private final Thread build;
	private final AtomicBoolean building = new AtomicBoolean();
	private volatile LanguageClient client;
	private volatile boolean initializeSeen;
	/**
	 * The server's JSON-RPC methods, by reflection over its service interfaces (about half of LSP4J's
	 * start): on a second core while the main thread makes the client's side and Gson.
	 */
	private final CompletableFuture<Map<String, JsonRpcMethod>> serverMethods = CompletableFuture.supplyAsync(
			() -> ServiceEndpoints.getSupportedMethods(MaplLanguageServer.class), runnable -> {
				Thread t = new Thread(runnable, "mapl-rpc-methods");
				t.setDaemon(true);
				t.start();
			});

	/**
	 * Prepares building the server on its own thread, which starts with the first message: before
	 * it, the JSON-RPC side's start (LSP4J's reflection, Gson) has both cores to itself, which
	 * answers {@code initialize} about 10 % sooner on two cores; an editor sends it at once.
	 */
	public EarlyStart(Supplier<MaplLanguageServer> newServer) {
		server = new CompletableFuture<>();
		build = new Thread(() -> {
			try {
				server.complete(newServer.get());
			} catch (Throwable t) {
				server.completeExceptionally(t);
				ready.completeExceptionally(t);
			}
		}, "mapl-server-start");
		build.setDaemon(true);
	}

	private void startBuilding() {
		if (building.compareAndSet(false, true)) {
			build.start();
		}
	}

	/** The JSON-RPC launcher over this endpoint; its remote proxy must be passed to {@link #connect}. */
	public Launcher.Builder<LanguageClient> launcher() {
		EarlyStart local = this;
		return new Launcher.Builder<LanguageClient>() {
			@Override
			protected Map<String, JsonRpcMethod> getSupportedMethods() {
				// as Launcher.Builder does, from the server's class instead of an instance
				Map<String, JsonRpcMethod> methods = new LinkedHashMap<>();
				for (Class<?> remote : remoteInterfaces) {
					methods.putAll(ServiceEndpoints.getSupportedMethods(remote));
				}
				methods.putAll(serverMethods.join());
				return methods;
			}

			@Override
			protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler jsonHandler) {
				MessageConsumer out = wrapMessageConsumer(new StreamMessageConsumer(output, jsonHandler));
				RemoteEndpoint remote = exceptionHandler == null ? new RemoteEndpoint(out, local)
						: new RemoteEndpoint(out, local, exceptionHandler);
				jsonHandler.setMethodProvider(remote);
				remote.setJsonHandler(jsonHandler);
				return remote;
			}
		}.setLocalService(this).setRemoteInterface(LanguageClient.class);
	}

	public void connect(LanguageClient client) {
		this.client = client;
	}

	@Override
	public CompletableFuture<?> request(String method, Object parameter) {
		startBuilding();
		if ("initialize".equals(method) && !initializeSeen && parameter instanceof InitializeParams params) {
			initializeSeen = true;
			MaplLanguageServer.withWorkspace(params);
			InitializeResult early = new InitializeResult(capabilities(params));
			server.thenAccept(s -> {
				try {
					s.connect(client);
					s.initialize(params).whenComplete((result, failure) -> {
						if (failure != null) {
							ready.completeExceptionally(failure);
						} else {
							ready.complete(ServiceEndpoints.toEndpoint(s));
						}
					});
				} catch (RuntimeException e) {
					ready.completeExceptionally(e);
				}
			});
			return CompletableFuture.completedFuture(early);
		}
		return endpoint().request(method, parameter);
	}

	@Override
	public void notify(String method, Object parameter) {
		startBuilding();
		endpoint().notify(method, parameter);
	}

	/** The real server, after its {@code initialize}; waits on the reader thread so that order is kept. */
	private Endpoint endpoint() {
		if (!initializeSeen) {
			// a message before initialize: the server answers it as Xtext does
			MaplLanguageServer s = server.join();
			s.connect(client);
			return ServiceEndpoints.toEndpoint(s);
		}
		return ready.join();
	}

	/**
	 * The capabilities {@link MaplLanguageServer#createServerCapabilities} computes (Xtext's, then
	 * MAPL's changes), without an injector: they depend only on the client's rename, folding,
	 * workspace-folder and execute-command capabilities.
	 */
	public static ServerCapabilities capabilities(InitializeParams params) {
		ServerCapabilities c = new ServerCapabilities();
		c.setHoverProvider(true);
		c.setDefinitionProvider(true);
		c.setReferencesProvider(true);
		c.setDocumentSymbolProvider(true);
		c.setWorkspaceSymbolProvider(true);
		c.setTextDocumentSync(TextDocumentSyncKind.Incremental);
		CompletionOptions completion = new CompletionOptions();
		completion.setResolveProvider(false);
		completion.setTriggerCharacters(List.of("."));
		c.setCompletionProvider(completion);
		c.setDocumentFormattingProvider(true);
		c.setDocumentRangeFormattingProvider(true);
		c.setDocumentHighlightProvider(true);
		var client = params.getCapabilities();
		var textDocument = client == null ? null : client.getTextDocument();
		var rename = textDocument == null ? null : textDocument.getRename();
		if (rename != null && Boolean.TRUE.equals(rename.getPrepareSupport())) {
			RenameOptions options = new RenameOptions();
			options.setPrepareProvider(true);
			c.setRenameProvider(Either.forRight(options));
		} else {
			c.setRenameProvider(Either.forLeft(true));
		}
		var workspace = client == null ? null : client.getWorkspace();
		if (workspace != null && Boolean.TRUE.equals(workspace.getWorkspaceFolders())) {
			WorkspaceFoldersOptions folders = new WorkspaceFoldersOptions();
			folders.setSupported(true);
			folders.setChangeNotifications(true);
			c.setWorkspace(new WorkspaceServerCapabilities(folders));
		}
		// MAPL's, as in MaplLanguageServer.createServerCapabilities
		SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(SemanticTokensComputer.LEGEND);
		tokens.setFull(new SemanticTokensServerFull(true));
		tokens.setRange(true);
		c.setSemanticTokensProvider(tokens);
		c.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.Source,
				QuickFixes.SOURCE_FORMAT)));
		c.setCodeLensProvider(new CodeLensOptions(false));
		c.setInlayHintProvider(true);
		c.setSignatureHelpProvider((org.eclipse.lsp4j.SignatureHelpOptions) null);
		c.setExecuteCommandProvider(new ExecuteCommandOptions(MaplCommands.NAMES));
		c.setFoldingRangeProvider(true);
		return c;
	}
}
