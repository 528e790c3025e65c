package dev.mapl.eclipse.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.lsp4e.server.ProcessStreamConnectionProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.mapl.eclipse.preferences.MaplPreferences;

/**
 * Starts the language server jar shipped inside this bundle with the Java that runs Eclipse
 * ({@code java.home}), so the user installs no other Java; the workspace root is its working
 * directory. LSP4E creates it through the {@code org.eclipse.lsp4e.languageServer} extension.
 */
public final class MaplConnectionProvider extends ProcessStreamConnectionProvider {

	/** The server jar's path inside the bundle. */
	public static final String SERVER_JAR = "server/mapl-language-server.jar";

	public MaplConnectionProvider() {
		this(ResourcesPlugin.getWorkspace().getRoot().getLocation().toFile().toPath());
	}

	public MaplConnectionProvider(Path workspaceRoot) {
		setCommands(MaplServerCommand.of(Path.of(System.getProperty("java.home")), serverJar(),
				MaplPreferences.jvmArguments()));
		setWorkingDirectory(workspaceRoot.toString());
	}

	/** The bundled jar as a file (extracted by the framework when the bundle is itself a jar). */
	static Path serverJar() {
		Bundle bundle = FrameworkUtil.getBundle(MaplConnectionProvider.class);
		URL entry = bundle.getEntry(SERVER_JAR);
		if (entry == null) {
			throw new IllegalStateException(bundle.getSymbolicName() + " " + bundle.getVersion()
					+ " has no " + SERVER_JAR + ": the plugin was built without the language server");
		}
		try {
			return new File(FileLocator.toFileURL(entry).getPath()).toPath();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot extract " + SERVER_JAR + " from " + bundle.getSymbolicName(), e);
		}
	}

	@Override
	public String toString() {
		return "MAPL language server " + getCommands() + " in " + getWorkingDirectory();
	}
}
