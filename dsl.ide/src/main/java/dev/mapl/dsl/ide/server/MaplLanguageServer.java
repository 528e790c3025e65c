package dev.mapl.dsl.ide.server;

import com.google.gson.JsonObject;
import dev.mapl.dsl.ide.analysis.AnalysisScheduler;
import dev.mapl.dsl.ide.analysis.FileAnalysis;
import dev.mapl.dsl.ide.commands.MaplCommands;
import dev.mapl.dsl.ide.highlighting.SemanticTokensComputer;
import dev.mapl.dsl.ide.hover.MaplHover;
import dev.mapl.dsl.ide.lens.CodeLenses;
import dev.mapl.dsl.ide.quickfix.QuickFixes;
import dev.mapl.dsl.ide.symbols.MaplSymbols;
import dev.mapl.dsl.validation.Help;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensDelta;
import org.eclipse.lsp4j.SemanticTokensDeltaParams;
import org.eclipse.lsp4j.SemanticTokensEdit;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensRangeParams;
import org.eclipse.lsp4j.SemanticTokensServerFull;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.ide.server.BuildManager.Buildable;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.ide.server.findReferences.WorkspaceResourceAccess;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.util.BufferedCancelIndicator;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * Xtext's language server, made responsive and given MAPL's editor features. {@code initialize}
 * answers at once and the workspace builds afterwards with progress reports; each build publishes
 * syntax, name and type diagnostics, and the policy analysis follows as a background job
 * ({@link AnalysisScheduler}). Every diagnostic shows its help as a second line of its message.
 */
public class MaplLanguageServer extends LanguageServerImpl {

	private final AnalysisScheduler analysis = new AnalysisScheduler(new AnalysisHost());

	private final Map<String, SemanticTokens> lastTokens = new ConcurrentHashMap<>();

	private volatile InitializeParams params;

	private MaplWorkspaceManager workspace() {
		return (MaplWorkspaceManager) getWorkspaceManager();
	}

	/** The background analysis (tests and the benchmark harness wait for it through {@code idle()}). */
	public AnalysisScheduler analysis() {
		return analysis;
	}

	// ---- lifecycle

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		this.params = params;
		withWorkspace(params);
		workspace().onBuildFinished((uris, unused) -> analysis.schedule(uris));
		// The build is queued behind initialize before its answer leaves, so every later request
		// sees the built workspace; initialize itself answers without waiting for it.
		return super.initialize(params).thenApply(result -> {
			getRequestManager().runWrite(() -> {
				buildWithProgress();
				return null;
			}, (cancel, none) -> null);
			return result;
		});
	}

	/**
	 * A client that names no workspace at all (a single file opened from the command line) gets an
	 * empty set of workspace folders: each opened file then brings in its own folder. Idempotent;
	 * {@link EarlyStart} applies it before computing the capabilities, which depend on it.
	 */
	public static void withWorkspace(InitializeParams params) {
		boolean foldersSupported = params.getCapabilities() != null && params.getCapabilities().getWorkspace() != null
				&& Boolean.TRUE.equals(params.getCapabilities().getWorkspace().getWorkspaceFolders());
		boolean hasFolders = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty();
		if (params.getRootUri() == null && params.getRootPath() == null && !(foldersSupported && hasFolders)) {
			if (hasFolders) {
				params.setRootUri(params.getWorkspaceFolders().get(0).getUri());
			} else {
				// no workspace at all: start empty; each opened file brings in its own folder
				if (params.getCapabilities() == null) {
					params.setCapabilities(new org.eclipse.lsp4j.ClientCapabilities());
				}
				if (params.getCapabilities().getWorkspace() == null) {
					params.getCapabilities().setWorkspace(new org.eclipse.lsp4j.WorkspaceClientCapabilities());
				}
				params.getCapabilities().getWorkspace().setWorkspaceFolders(true);
				params.setWorkspaceFolders(List.of());
			}
		}
	}

	private void buildWithProgress() {
		boolean progress = params.getCapabilities() != null && params.getCapabilities().getWindow() != null
				&& Boolean.TRUE.equals(params.getCapabilities().getWindow().getWorkDoneProgress());
		Either<String, Integer> token = Either.forLeft("mapl-workspace-build");
		if (progress) {
			try {
				getLanguageClient().createProgress(new WorkDoneProgressCreateParams(token)).get(5, java.util.concurrent.TimeUnit.SECONDS);
				WorkDoneProgressBegin begin = new WorkDoneProgressBegin();
				begin.setTitle("MAPL");
				begin.setMessage("building the workspace");
				getLanguageClient().notifyProgress(new ProgressParams(token, Either.forLeft(begin)));
			} catch (Exception e) {
				progress = false;
			}
		}
		workspace().buildWorkspace();
		if (progress) {
			WorkDoneProgressEnd end = new WorkDoneProgressEnd();
			end.setMessage("workspace built; analysing policies");
			getLanguageClient().notifyProgress(new ProgressParams(token, Either.forLeft(end)));
		}
	}

	@Override
	public void initialized(InitializedParams initialized) {
		super.initialized(initialized);
		var ws = params.getCapabilities() == null ? null : params.getCapabilities().getWorkspace();
		if (ws != null && ws.getDidChangeWatchedFiles() != null
				&& Boolean.TRUE.equals(ws.getDidChangeWatchedFiles().getDynamicRegistration())) {
			var options = new DidChangeWatchedFilesRegistrationOptions(List.of(new FileSystemWatcher(Either.forLeft("**/*.mapl"))));
			getLanguageClient().registerCapability(new RegistrationParams(List.of(
					new Registration("mapl-watch-files", "workspace/didChangeWatchedFiles", options))));
		}
	}

	@Override
	public CompletableFuture<Object> shutdown() {
		analysis.shutdown();
		return super.shutdown();
	}

	@Override
	protected ServerCapabilities createServerCapabilities(InitializeParams params) {
		ServerCapabilities c = super.createServerCapabilities(params);
		SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(SemanticTokensComputer.LEGEND);
		tokens.setFull(new SemanticTokensServerFull(true));
		tokens.setRange(true);
		c.setSemanticTokensProvider(tokens);
		CodeActionOptions actions = new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.Source,
				QuickFixes.SOURCE_FORMAT));
		c.setCodeActionProvider(actions);
		c.setCodeLensProvider(new CodeLensOptions(false));
		c.setInlayHintProvider(true);
		c.setSignatureHelpProvider((org.eclipse.lsp4j.SignatureHelpOptions) null);
		c.setExecuteCommandProvider(new ExecuteCommandOptions(MaplCommands.NAMES));
		c.setFoldingRangeProvider(true);
		c.setDocumentRangeFormattingProvider(true);
		return c;
	}

	/** The help travels as data, and as the message's second line, since clients show only the message. */
	@Override
	protected Diagnostic toDiagnostic(Issue issue) {
		Diagnostic d = super.toDiagnostic(issue);
		String help = Help.of(issue);
		if (!help.isEmpty()) {
			d.setMessage(issue.getMessage() + "\nhelp: " + help);
		}
		d.setSource("mapl");
		return d;
	}

	@Override
	protected Buildable toBuildable(DidOpenTextDocumentParams open) {
		workspace().addFolderOf(getURI(open.getTextDocument()));
		return super.toBuildable(open);
	}

	// ---- positions: a position past the end of a line or the document means its end

	private Position clamp(URI uri, Position p) {
		return getWorkspaceManager().doRead(uri, (doc, res) -> doc == null ? p : clamp(doc.getContents(), p));
	}

	static Position clamp(String text, Position p) {
		int line = 0;
		int start = 0;
		while (line < p.getLine()) {
			int nl = text.indexOf('\n', start);
			if (nl < 0) {
				break;
			}
			start = nl + 1;
			line++;
		}
		int end = text.indexOf('\n', start);
		int length = (end < 0 ? text.length() : end) - start;
		if (end > 0 && text.charAt(end - 1) == '\r') {
			length--;
		}
		return new Position(line, Math.max(0, Math.min(p.getCharacter(), length)));
	}

	// ---- hover, completion and definition answer from the last build, while the edit's build waits

	/** What a read from the last build answers when the position lies in text typed since that build. */
	private static final Object NEEDS_BUILD = new Object();

	/**
	 * Runs {@code work} on the last build at once; only when it answers {@link #NEEDS_BUILD} does
	 * it run again after the pending build (then with {@code afterBuild} true, and never NEEDS_BUILD).
	 */
	@SuppressWarnings("unchecked")
	private <T> CompletableFuture<T> fromLastBuild(java.util.function.BiFunction<CancelIndicator, Boolean, Object> work) {
		return requests().runReadNow(cancel -> work.apply(cancel, false))
				.thenCompose(r -> r == NEEDS_BUILD ? requests().runRead(cancel -> (T) work.apply(cancel, true))
						: CompletableFuture.completedFuture((T) r));
	}

	private MaplRequestManager requests() {
		return (MaplRequestManager) getRequestManager();
	}

	/** An edit applies its text at once; its build follows when typing pauses (or a read needs it). */
	@Override
	public void didChange(DidChangeTextDocumentParams p) {
		analysis.cancel();
		requests().runWrite(() -> toBuildable(p), (cancel, buildable) -> null);
		requests().scheduleBuild(() -> getWorkspaceManager().didChangeFiles(List.of(), List.of()));
	}

	@Override
	public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams p) {
		return fromLastBuild((cancel, afterBuild) -> completion(p, cancel, afterBuild));
	}

	@Override
	protected Either<List<CompletionItem>, CompletionList> completion(CancelIndicator cancel, CompletionParams p) {
		@SuppressWarnings("unchecked")
		var out = (Either<List<CompletionItem>, CompletionList>) completion(p, cancel, true);
		return out;
	}

	private Object completion(CompletionParams p, CancelIndicator cancel, boolean afterBuild) {
		URI uri = getURI(p);
		ContentAssistService service = getService(uri, ContentAssistService.class);
		if (service == null) {
			return Either.forRight(new CompletionList());
		}
		return getWorkspaceManager().doRead(uri, (doc, res) -> {
			if (res == null) {
				return Either.forRight(new CompletionList());
			}
			BuiltView view = BuiltView.of(doc, res);
			Position at = view.toBuilt(clamp(doc.getContents(), p.getPosition()));
			if (at == null) {
				return afterBuild ? Either.forRight(new CompletionList()) : NEEDS_BUILD;
			}
			CompletionParams q = new CompletionParams(p.getTextDocument(), at, p.getContext());
			CompletionList list = service.createCompletionList(view.built(), res, q, new BufferedCancelIndicator(cancel));
			if (!view.current()) {
				for (CompletionItem item : list.getItems()) {
					if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
						item.getTextEdit().getLeft().setRange(view.toNow(item.getTextEdit().getLeft().getRange()));
					} else if (item.getTextEdit() != null) {
						var e = item.getTextEdit().getRight();
						e.setInsert(view.toNow(e.getInsert()));
						e.setReplace(view.toNow(e.getReplace()));
					}
					if (item.getAdditionalTextEdits() != null) {
						item.getAdditionalTextEdits().forEach(e -> e.setRange(view.toNow(e.getRange())));
					}
				}
			}
			return Either.forRight(list);
		});
	}

	@Override
	public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams p) {
		return fromLastBuild((cancel, afterBuild) -> {
			Object out = definition(p, cancel, afterBuild);
			return out == NEEDS_BUILD ? out : Either.forLeft((List<? extends Location>) out);
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	protected List<? extends Location> definition(CancelIndicator cancel, DefinitionParams p) {
		return (List<? extends Location>) definition(p, cancel, true);
	}

	private Object definition(DefinitionParams p, CancelIndicator cancel, boolean afterBuild) {
		URI uri = getURI(p);
		DocumentSymbolService service = getService(uri, DocumentSymbolService.class);
		if (service == null) {
			return List.of();
		}
		return getWorkspaceManager().doRead(uri, (doc, res) -> {
			if (res == null) {
				return List.of();
			}
			BuiltView view = BuiltView.of(doc, res);
			Position at = view.toBuilt(clamp(doc.getContents(), p.getPosition()));
			if (at == null) {
				return afterBuild ? List.of() : NEEDS_BUILD;
			}
			// Xtext's getDefinitions dereferences the named element at the offset without a check;
			// in text the parser recovered (a fuzz finding) there may be none.
			EObjectAtOffsetHelper elements = res.getResourceServiceProvider().get(EObjectAtOffsetHelper.class);
			if (elements.resolveContainedElementAt(res, view.built().getOffSet(at)) == null) {
				return List.of();
			}
			List<? extends Location> found = service.getDefinitions(view.built(), res,
					new DefinitionParams(p.getTextDocument(), at), new WorkspaceResourceAccess(getWorkspaceManager()), cancel);
			String me = getURI(p.getTextDocument()).toString();
			List<Location> out = new ArrayList<>();
			for (Location l : found) {
				out.add(getURI(new TextDocumentIdentifier(l.getUri())).toString().equals(me)
						? new Location(l.getUri(), view.toNow(l.getRange())) : l);
			}
			return out;
		});
	}

	@Override
	protected List<? extends Location> references(ReferenceParams p, CancelIndicator cancel) {
		p.setPosition(clamp(getURI(p), p.getPosition()));
		return super.references(p, cancel);
	}

	@Override
	protected List<? extends DocumentHighlight> documentHighlight(DocumentHighlightParams p, CancelIndicator cancel) {
		p.setPosition(clamp(getURI(p), p.getPosition()));
		return super.documentHighlight(p, cancel);
	}

	@Override
	public CompletableFuture<Hover> hover(HoverParams p) {
		return fromLastBuild((cancel, afterBuild) -> hover(p, cancel, afterBuild));
	}

	@Override
	protected Hover hover(HoverParams p, CancelIndicator cancel) {
		return (Hover) hover(p, cancel, true);
	}

	private Object hover(HoverParams p, CancelIndicator cancel, boolean afterBuild) {
		URI uri = getURI(p);
		IHoverService service = getService(uri, IHoverService.class);
		return getWorkspaceManager().doRead(uri, (doc, res) -> {
			if (res == null) {
				return null;
			}
			BuiltView view = BuiltView.of(doc, res);
			Position at = view.toBuilt(clamp(doc.getContents(), p.getPosition()));
			if (at == null) {
				return afterBuild ? null : NEEDS_BUILD;
			}
			Hover h = MaplHover.hover(res, view.built(), view.built().getOffSet(at), analysis.result(uri));
			if (h == null && service != null) {
				h = service.hover(view.built(), res, new HoverParams(p.getTextDocument(), at), cancel);
			}
			if (h != null && h.getRange() != null) {
				h.setRange(view.toNow(h.getRange()));
			}
			return h;
		});
	}

	// ---- rename: only to a free, valid name

	@Override
	protected WorkspaceEdit rename(RenameParams p, CancelIndicator cancel) {
		URI uri = getURI(p.getTextDocument());
		p.setPosition(clamp(uri, p.getPosition()));
		getWorkspaceManager().doRead(uri, (doc, res) -> {
			RenameCheck.check(res, doc.getOffSet(p.getPosition()), p.getNewName(), getWorkspaceManager().getIndex());
			return null;
		});
		return super.rename(p, cancel);
	}

	@Override
	protected Either3<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepareRename(
			PrepareRenameParams p, CancelIndicator cancel) {
		p.setPosition(clamp(getURI(p), p.getPosition()));
		return super.prepareRename(p, cancel);
	}

	// ---- semantic tokens

	@Override
	protected SemanticTokens semanticTokensFull(SemanticTokensParams p, CancelIndicator cancel) {
		URI uri = getURI(p.getTextDocument());
		SemanticTokens t = getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? new SemanticTokens(List.of())
				: new SemanticTokens(SemanticTokensComputer.compute(res, doc, null)));
		t.setResultId(uri + "#" + System.nanoTime());
		lastTokens.put(uri.toString(), t);
		return t;
	}

	@Override
	public CompletableFuture<SemanticTokens> semanticTokensRange(SemanticTokensRangeParams p) {
		return getRequestManager().runRead(cancel -> {
			URI uri = getURI(p.getTextDocument());
			return getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? new SemanticTokens(List.of())
					: new SemanticTokens(SemanticTokensComputer.compute(res, doc, p.getRange())));
		});
	}

	@Override
	public CompletableFuture<Either<SemanticTokens, SemanticTokensDelta>> semanticTokensFullDelta(SemanticTokensDeltaParams p) {
		return getRequestManager().runRead(cancel -> {
			URI uri = getURI(p.getTextDocument());
			SemanticTokens previous = lastTokens.get(uri.toString());
			SemanticTokens now = semanticTokensFull(new SemanticTokensParams(p.getTextDocument()), cancel);
			if (previous == null || !previous.getResultId().equals(p.getPreviousResultId())) {
				return Either.forLeft(now);
			}
			List<Integer> a = previous.getData();
			List<Integer> b = now.getData();
			int prefix = 0;
			while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
				prefix++;
			}
			int suffix = 0;
			while (suffix < a.size() - prefix && suffix < b.size() - prefix
					&& a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
				suffix++;
			}
			List<SemanticTokensEdit> edits = new ArrayList<>();
			if (prefix != a.size() || prefix != b.size()) {
				edits.add(new SemanticTokensEdit(prefix, a.size() - prefix - suffix,
						new ArrayList<>(b.subList(prefix, b.size() - suffix))));
			}
			SemanticTokensDelta delta = new SemanticTokensDelta(edits);
			delta.setResultId(now.getResultId());
			return Either.forRight(delta);
		});
	}

	// ---- structure

	@Override
	public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams p) {
		return getRequestManager().runRead(cancel -> {
			URI uri = getURI(p.getTextDocument());
			return getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? List.<Either<SymbolInformation, DocumentSymbol>>of()
					: MaplSymbols.documentSymbols(res, doc).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
		});
	}

	@Override
	protected List<FoldingRange> foldingRange(FoldingRangeRequestParams p, CancelIndicator cancel) {
		URI uri = getURI(p.getTextDocument());
		List<FoldingRange> out = new ArrayList<>(super.foldingRange(p, cancel));
		out.addAll(getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? List.<FoldingRange>of()
				: MaplSymbols.commentFolds(res, doc)));
		return out;
	}

	// ---- what the analysis knows: code actions, lenses, inlay hints

	@Override
	protected List<Either<Command, CodeAction>> codeAction(CodeActionParams p, CancelIndicator cancel) {
		URI uri = getURI(p.getTextDocument());
		return getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? List.<Either<Command, CodeAction>>of()
				: QuickFixes.compute(res, doc, p, current(uri, doc), getWorkspaceManager().getIndex()));
	}

	@Override
	protected List<? extends CodeLens> codeLens(CodeLensParams p, CancelIndicator cancel) {
		URI uri = getURI(p.getTextDocument());
		return getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? List.<CodeLens>of()
				: CodeLenses.compute(res, doc, current(uri, doc)));
	}

	@Override
	public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams p) {
		return getRequestManager().runRead(cancel -> {
			URI uri = getURI(p.getTextDocument());
			return getWorkspaceManager().doRead(uri, (doc, res) -> res == null ? List.<InlayHint>of()
					: CodeLenses.inlayHints(res, doc, current(uri, doc), p.getRange()));
		});
	}

	/** The file's analysis if it was computed from the text the editor shows now, else null. */
	private FileAnalysis current(URI uri, Document doc) {
		FileAnalysis a = analysis.result(uri);
		return a != null && doc != null && a.text().equals(doc.getContents()) ? a : null;
	}

	// ---- commands

	@Override
	protected Object executeCommand(ExecuteCommandParams p, CancelIndicator cancel) {
		if (!MaplCommands.NAMES.contains(p.getCommand())) {
			throw new ResponseErrorException(new ResponseError(ResponseErrorCode.MethodNotFound,
					"unknown command `" + p.getCommand() + "`; the MAPL commands are " + String.join(", ", MaplCommands.NAMES), null));
		}
		JsonObject args = MaplCommands.argument(p);
		URI uri = MaplCommands.uri(args, getWorkspaceManager());
		return getWorkspaceManager().doRead(uri, (doc, res) -> MaplCommands.execute(p.getCommand(), args, uri, res, doc));
	}

	// ---- the analysis host

	private final class AnalysisHost implements AnalysisScheduler.Host {
		@Override
		public <T> CompletableFuture<T> read(Function<CancelIndicator, T> work) {
			return getRequestManager().runRead(work::apply);
		}

		@Override
		public XtextResource resource(URI uri) {
			// A document closed before its analysis ran and never saved exists nowhere: loading it
			// would only log a FileNotFoundException.
			if (!getWorkspaceManager().isDocumentOpen(uri) && uri.isFile() && !new java.io.File(uri.toFileString()).exists()) {
				return null;
			}
			return getWorkspaceManager().doRead(uri, (doc, res) -> res);
		}

		@Override
		public String text(URI uri) {
			return getWorkspaceManager().doRead(uri, (doc, res) -> doc == null ? "" : doc.getContents());
		}

		@Override
		public List<Issue> fastIssues(URI uri) {
			return workspace().fastIssues(uri);
		}

		@Override
		public void publish(URI uri, List<Issue> issues) {
			workspace().publish(uri, issues);
		}

		@Override
		public void analysed(Set<URI> uris) {
			var ws = params.getCapabilities() == null ? null : params.getCapabilities().getWorkspace();
			if (!uris.isEmpty() && ws != null && ws.getCodeLens() != null && Boolean.TRUE.equals(ws.getCodeLens().getRefreshSupport())) {
				getLanguageClient().refreshCodeLenses();
			}
			if (!uris.isEmpty() && ws != null && ws.getInlayHint() != null && Boolean.TRUE.equals(ws.getInlayHint().getRefreshSupport())) {
				getLanguageClient().refreshInlayHints();
			}
		}
	}

	static TextDocumentIdentifier id(String uri) {
		return new TextDocumentIdentifier(uri);
	}
}
