package org.eclipse.lsp4e.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import org.eclipse.core.runtime.IAdaptable;

/**
 * Build-time stub of LSP4E's {@code ProcessStreamConnectionProvider} (bundle 0.19.x): the same
 * constructors, command and working-directory accessors; it keeps the values so a test can read
 * them back, and starts nothing (the real class runs {@code new ProcessBuilder(getCommands())} in
 * {@code getWorkingDirectory()}).
 */
public abstract class ProcessStreamConnectionProvider implements StreamConnectionProvider, IAdaptable {

	private List<String> commands;
	private String workingDir;

	protected ProcessStreamConnectionProvider() {
	}

	protected ProcessStreamConnectionProvider(List<String> commands) {
		this.commands = commands;
	}

	protected ProcessStreamConnectionProvider(List<String> commands, String workingDir) {
		this.commands = commands;
		this.workingDir = workingDir;
	}

	@Override
	public void start() {
		throw new UnsupportedOperationException("build-time stub of LSP4E");
	}

	@Override
	public InputStream getInputStream() {
		return null;
	}

	@Override
	public InputStream getErrorStream() {
		return null;
	}

	@Override
	public OutputStream getOutputStream() {
		return null;
	}

	@Override
	public void stop() {
	}

	@Override
	public <T> T getAdapter(Class<T> adapter) {
		return null;
	}

	protected List<String> getCommands() {
		return commands;
	}

	public void setCommands(List<String> commands) {
		this.commands = commands;
	}

	protected String getWorkingDirectory() {
		return workingDir;
	}

	public void setWorkingDirectory(String workingDir) {
		this.workingDir = workingDir;
	}
}
