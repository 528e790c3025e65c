package dev.mapl.dsl.ide.server;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

/**
 * Xtext's language server, tolerant of the ways real clients describe their workspace: folders
 * without the workspaceFolders capability, or no root at all (a single open file).
 */
public class MaplLanguageServer extends LanguageServerImpl {

	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		boolean foldersSupported = params.getCapabilities() != null && params.getCapabilities().getWorkspace() != null
				&& Boolean.TRUE.equals(params.getCapabilities().getWorkspace().getWorkspaceFolders());
		boolean hasFolders = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty();
		if (params.getRootUri() == null && params.getRootPath() == null && !(foldersSupported && hasFolders)) {
			params.setRootUri(hasFolders ? params.getWorkspaceFolders().get(0).getUri() : "inmemory:/");
		}
		return super.initialize(params);
	}
}
