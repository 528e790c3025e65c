package dev.mapl.dsl.ide.server;

import com.google.inject.AbstractModule;
import org.eclipse.xtext.ide.server.IMultiRootWorkspaceConfigFactory;
import org.eclipse.xtext.ide.server.MultiRootWorkspaceConfigFactory;
import org.eclipse.xtext.ide.server.ServerLauncher;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.util.Modules2;

/**
 * The MAPL language server on stdio: {@code java -jar mapl-language-server.jar}. Xtext's server,
 * configured for multi-root workspaces, since editors send {@code workspaceFolders} (and often no
 * {@code rootUri}).
 */
public final class MaplServerLauncher {

	private MaplServerLauncher() {
	}

	public static void main(String[] args) {
		ServerLauncher.launch(MaplServerLauncher.class.getName(), args,
				Modules2.mixin(new ServerModule(), new AbstractModule() {
					@Override
					protected void configure() {
						bind(IMultiRootWorkspaceConfigFactory.class).to(MultiRootWorkspaceConfigFactory.class);
						bind(org.eclipse.xtext.ide.server.LanguageServerImpl.class).to(MaplLanguageServer.class);
					}
				}));
	}
}
