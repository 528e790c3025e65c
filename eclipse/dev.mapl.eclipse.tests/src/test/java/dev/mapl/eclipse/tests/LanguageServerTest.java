package dev.mapl.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The connection provider, created inside OSGi the way LSP4E creates it, builds a command line that
 * starts the server jar shipped in the bundle; an LSP4J client talks to that process over its
 * streams, as LSP4E does.
 */
class LanguageServerTest {

	@Test
	void theBundledServerReportsTheIMteInvariant() throws Exception {
		Path folder = Build.root().resolve("examples/kvm-arm64");
		Path file = folder.resolve("thread-jason.mapl");
		try (Equinox equinox = new Equinox("server", bsn -> true)) {
			Bundle bundle = equinox.mapl("dev.mapl.eclipse");
			bundle.start();
			Object provider = bundle.loadClass("dev.mapl.eclipse.server.MaplConnectionProvider")
					.getConstructor(Path.class).newInstance(Build.root());
			List<String> command = call(provider, "getCommands");
			String workingDirectory = call(provider, "getWorkingDirectory");

			assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
			assertEquals("-jar", command.get(command.size() - 2));
			Path jar = Path.of(command.get(command.size() - 1));
			assertTrue(jar.endsWith(Path.of("server", "mapl-language-server.jar")) && Files.isRegularFile(jar), jar.toString());
			assertEquals(Build.root().toString(), workingDirectory);

			Path log = Build.work("server").resolve("server-stderr.log");
			Process process = new ProcessBuilder(command).directory(new File(workingDirectory))
					.redirectError(log.toFile()).start();
			try {
				Client client = new Client(file);
				var launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
				launcher.startListening();
				LanguageServer server = launcher.getRemoteProxy();
				InitializeParams init = new InitializeParams();
				init.setProcessId((int) ProcessHandle.current().pid());
				init.setCapabilities(new ClientCapabilities());
				init.setWorkspaceFolders(List.of(new WorkspaceFolder(folder.toUri().toString(), "kvm-arm64")));
				server.initialize(init).get(120, TimeUnit.SECONDS);
				server.initialized(new InitializedParams());
				server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
						new TextDocumentItem(file.toUri().toString(), "mapl", 1, Files.readString(file))));

				Diagnostic d = client.iMte.get(120, TimeUnit.SECONDS);
				assertEquals("mapl.analysis.invariant-refuted", d.getCode().getLeft());
				assertTrue(text(d).contains("`i_mte` does not hold"), text(d));
				assertEquals(22, d.getRange().getStart().getLine(), "the invariant's line (23, 0-based 22)");
				server.shutdown().get(30, TimeUnit.SECONDS);
				server.exit();
				assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server did not exit");
			} finally {
				process.destroyForcibly();
			}
		}
	}

	private static String text(Diagnostic d) {
		return d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue();
	}

	@SuppressWarnings("unchecked")
	private static <T> T call(Object provider, String name) throws Exception {
		// getCommands()/getWorkingDirectory() are protected in LSP4E's ProcessStreamConnectionProvider.
		Method m = provider.getClass().getSuperclass().getDeclaredMethod(name);
		m.setAccessible(true);
		return (T) m.invoke(provider);
	}

	/** Waits for the I-MTE diagnostic on the opened file. */
	private static final class Client implements LanguageClient {
		final CompletableFuture<Diagnostic> iMte = new CompletableFuture<>();
		private final String fileName;

		Client(Path file) {
			this.fileName = file.getFileName().toString();
		}

		@Override
		public void publishDiagnostics(PublishDiagnosticsParams params) {
			if (params.getUri().endsWith("/" + fileName)) {
				params.getDiagnostics().stream().filter(d -> text(d).contains("i_mte")).findFirst()
						.ifPresent(iMte::complete);
			}
		}

		@Override
		public void telemetryEvent(Object object) {
		}

		@Override
		public void showMessage(MessageParams messageParams) {
		}

		@Override
		public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void logMessage(MessageParams message) {
		}
	}
}
