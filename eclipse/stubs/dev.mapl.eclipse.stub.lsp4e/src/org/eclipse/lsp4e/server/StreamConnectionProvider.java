package org.eclipse.lsp4e.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Build-time stub of LSP4E's {@code org.eclipse.lsp4e.server.StreamConnectionProvider} (bundle
 * 0.19.x, package 0.1.0): the abstract methods only; the real interface's default methods are
 * left out because MAPL does not override them.
 */
public interface StreamConnectionProvider {

	void start() throws IOException;

	InputStream getInputStream();

	OutputStream getOutputStream();

	InputStream getErrorStream();

	void stop();
}
