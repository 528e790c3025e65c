package dev.mapl.dsl.tests;

import dev.mapl.dsl.ide.server.QuietLanguageClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real language server in its own process, the way an editor does, and talks JSON-RPC
 * to it over stdio.
 */
class LanguageServerTest {

	@TempDir
	Path workspace;

	/** How clients describe the workspace: VS Code style, folders only, or a root URI only. */
	enum ClientShape {
		FOLDERS_WITH_CAPABILITY, FOLDERS_ONLY, ROOT_URI_ONLY, NO_WORKSPACE
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.EnumSource(value = ClientShape.class, names = "NO_WORKSPACE", mode = org.junit.jupiter.params.provider.EnumSource.Mode.EXCLUDE)
	void answersInitializeAndPublishesDiagnostics(ClientShape shape) throws Exception {
		String text = "facts { VM_PFNMAP }\noutcomes { Device }\npolicy p first {\n    VM_PFNMA -> Device\n}\n";
		var d = firstDiagnostic(shape, text, "VM_PFNMA");
		assertEquals("unknown name `VM_PFNMA`\nhelp: did you mean `VM_PFNMAP`?", d.getMessage().getLeft(),
				"the help is the message's second line: clients show only the message");
		assertEquals("mapl.name.unknown", d.getCode().getLeft());
		assertEquals(3, d.getRange().getStart().getLine(), "0-based line of `VM_PFNMA`");
		assertEquals(4, d.getRange().getStart().getCharacter());
	}

	/** The editor shows the policy analysis too, on the exact span, with its counterexample. */
	@org.junit.jupiter.api.Test
	void publishesAnalysisFindings() throws Exception {
		String text = "facts { A B }\noutcomes { X }\npolicy p first {\n    A -> X\n    A & B -> X\n}\n";
		var gap = firstDiagnostic(ClientShape.FOLDERS_WITH_CAPABILITY, text, "decides nothing");
		assertEquals("mapl.analysis.gap", gap.getCode().getLeft());
		assertEquals("policy `p` decides nothing for 2 possible inputs", gap.getMessage().getLeft().lines().findFirst().orElseThrow());
		assertEquals(2, gap.getRange().getStart().getLine());
	}

	/**
	 * A file opened without any workspace reads the files beside it, as the CLI does: the names
	 * it uses from a sibling resolve, so the analysis runs and finds the gap.
	 */
	@org.junit.jupiter.api.Test
	void singleFileWithoutWorkspaceSeesItsSiblings() throws Exception {
		Files.writeString(workspace.resolve("decls.mapl"), "facts { A B }\noutcomes { X }\n");
		String text = "policy p first {\n    A -> X\n    A & B -> X\n}\n";
		var gap = firstDiagnostic(ClientShape.NO_WORKSPACE, text, "decides nothing");
		assertEquals("mapl.analysis.gap", gap.getCode().getLeft());
	}

	/**
	 * A document opened and closed again before its analysis ran, never saved: the analysis must
	 * skip it, not load it from disk (the server logged a FileNotFoundException, issue 15's fuzzing).
	 */
	@org.junit.jupiter.api.Test
	void aClosedNeverSavedDocumentIsNotReadFromDisk() throws Exception {
		Files.writeString(workspace.resolve("stage2.mapl"), "facts { A }\noutcomes { X }\npolicy p first {\n    A -> X\n}\n");
		try (Server server = Server.start(workspace, ClientShape.FOLDERS_WITH_CAPABILITY)) {
			String ghost = workspace.resolve("untitled.mapl").toUri().toString();
			server.ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(ghost, "mapl", 1,
					"policy q first {\n    A -> X\n}\n")));
			server.await("untitled.mapl", null); // built: its analysis waits for its debounce
			server.ls.getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(
					new org.eclipse.lsp4j.TextDocumentIdentifier(ghost)));
			String other = workspace.resolve("stage2.mapl").toUri().toString();
			server.ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(other, "mapl", 1,
					"facts { A }\noutcomes { X }\npolicy p first {\n    A -> X\n}\n")));
			server.await("stage2.mapl", "decides nothing"); // the analysis after the close has run
		}
		String log = Files.readString(workspace.resolve("server.log"));
		assertTrue(!log.contains("FileNotFoundException"), log);
	}

	private org.eclipse.lsp4j.Diagnostic firstDiagnostic(ClientShape shape, String text, String messagePart) throws Exception {
		Path file = workspace.resolve("stage2.mapl");
		Files.writeString(file, text);
		try (Server server = Server.start(workspace, shape)) {
			String uri = file.toUri().toString();
			server.ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "mapl", 1, text)));
			PublishDiagnosticsParams published = server.await("stage2.mapl", messagePart);
			return published.getDiagnostics().stream().filter(x -> x.getMessage().getLeft().contains(messagePart)).findFirst().orElseThrow();
		}
	}

	/** The server jar's main class in its own JVM, on stdio, its stderr in {@code server.log}. */
	private record Server(Path workspace, Process process, LanguageServer ls, BlockingQueue<PublishDiagnosticsParams> diagnostics)
			implements AutoCloseable {

		static Server start(Path workspace, ClientShape shape) throws Exception {
			String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
					"dev.mapl.dsl.ide.server.MaplServerLauncher")
					.redirectError(workspace.resolve("server.log").toFile()).start();
			BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
			Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(diagnostics),
					process.getInputStream(), process.getOutputStream());
			launcher.startListening();
			LanguageServer ls = launcher.getRemoteProxy();

			InitializeParams init = new InitializeParams();
			init.setProcessId((int) ProcessHandle.current().pid());
			ClientCapabilities caps = new ClientCapabilities();
			if (shape == ClientShape.FOLDERS_WITH_CAPABILITY) {
				var ws = new org.eclipse.lsp4j.WorkspaceClientCapabilities();
				ws.setWorkspaceFolders(true);
				caps.setWorkspace(ws);
			}
			init.setCapabilities(caps);
			if (shape == ClientShape.ROOT_URI_ONLY) {
				init.setRootUri(workspace.toUri().toString());
			} else if (shape == ClientShape.NO_WORKSPACE) {
				// no root, no folders: a single file opened from the command line
			} else {
				init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "ws")));
			}
			InitializeResult result = ls.initialize(init).get(60, TimeUnit.SECONDS);
			assertNotNull(result.getCapabilities().getTextDocumentSync());
			assertNotNull(result.getCapabilities().getCompletionProvider());
			ls.initialized(new InitializedParams());
			return new Server(workspace, process, ls, diagnostics);
		}

		/** The first diagnostics published for the file named {@code name} with one containing {@code messagePart} (any, if null). */
		PublishDiagnosticsParams await(String name, String messagePart) throws Exception {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (System.nanoTime() < deadline) {
				PublishDiagnosticsParams p = diagnostics.poll(1, TimeUnit.SECONDS);
				if (p != null && new File(java.net.URI.create(p.getUri())).getName().equals(name) && (messagePart == null
						|| p.getDiagnostics().stream().anyMatch(x -> x.getMessage().getLeft().contains(messagePart)))) {
					return p;
				}
			}
			throw new AssertionError("no diagnostics published for " + name + "; server log: "
					+ Files.readString(workspace.resolve("server.log")));
		}

		/** Shuts the server down as a client does, and checks that it exits. */
		@Override
		public void close() throws Exception {
			try {
				ls.shutdown().get(30, TimeUnit.SECONDS);
				ls.exit();
				assertTrue(process.waitFor(30, TimeUnit.SECONDS), "server did not exit");
			} finally {
				process.destroyForcibly();
			}
		}
	}

	private static final class Client implements QuietLanguageClient {
		private final BlockingQueue<PublishDiagnosticsParams> diagnostics;

		Client(BlockingQueue<PublishDiagnosticsParams> diagnostics) {
			this.diagnostics = diagnostics;
		}

		@Override
		public void publishDiagnostics(PublishDiagnosticsParams params) {
			diagnostics.add(params);
		}
	}
}
