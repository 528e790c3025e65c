package dev.mapl.dsl.ide.server;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.IMultiRootWorkspaceConfigFactory;
import org.eclipse.xtext.ide.server.LaunchArgs;
import org.eclipse.xtext.ide.server.ServerLauncher;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.ide.server.concurrent.RequestManager;
import org.eclipse.xtext.util.Modules2;

/**
 * The MAPL language server on stdio: {@code java -jar mapl-language-server.jar}. Xtext's server
 * with MAPL's workspace handling, and errors as clients expect them: an unsupported method is
 * -32601 (method not found), any other failure a one-line message, never a stack trace.
 */
public final class MaplServerLauncher {

	private MaplServerLauncher() {
	}

	/**
	 * A server wired as the launcher runs it; in-process clients (tests, fuzzing) use this too, so
	 * their server cannot drift from the real one.
	 */
	public static MaplLanguageServer newServer() {
		return Guice.createInjector(Modules2.mixin(new ServerModule(), new AbstractModule() {
			@Override
			protected void configure() {
				bind(IMultiRootWorkspaceConfigFactory.class).to(MaplWorkspaceConfigFactory.class);
				bind(WorkspaceManager.class).to(MaplWorkspaceManager.class);
				bind(RequestManager.class).to(MaplRequestManager.class);
				bind(org.eclipse.xtext.build.IncrementalBuilder.InternalStatefulIncrementalBuilder.class).to(InPlaceBuilder.class);
				bind(org.eclipse.xtext.ide.server.LanguageServerImpl.class).to(MaplLanguageServer.class);
			}
		})).getInstance(MaplLanguageServer.class);
	}

	public static void main(String[] args) throws InterruptedException, ExecutionException {
		Thread tune = new Thread(MaplServerLauncher::returnFreeHeap, "mapl-heap-tuning");
		tune.setDaemon(true);
		tune.start();
		if (args.length > 0) { // Xtext's options (-log, -trace, -noValidate)
			LaunchArgs io = ServerLauncher.createLaunchArgs(MaplServerLauncher.class.getName(), args);
			serve(io.getIn(), io.getOut()).get();
			return;
		}
		// What Xtext's createLaunchArgs does without options, without loading its launcher (Guice's
		// classes; about 35 ms before the first message can be read): stdin and stdout carry the
		// protocol, so code that reads or prints gets nothing or goes nowhere.
		InputStream in = System.in;
		PrintStream out = System.out;
		System.setIn(InputStream.nullInputStream());
		System.setOut(new PrintStream(OutputStream.nullOutputStream()));
		serve(in, out).get();
	}

	/**
	 * Serves one client on these streams, as {@link #main} does on stdio; the future ends with the
	 * input. {@link ArchiveTraining} runs the server this way, so it loads what a real start loads.
	 */
	static java.util.concurrent.Future<Void> serve(java.io.InputStream in, java.io.OutputStream out) {
		// the injector is built on its own thread from the first message on (EarlyStart)
		EarlyStart server = new EarlyStart(MaplServerLauncher::newServer);
		Launcher<LanguageClient> launcher = server.launcher()
				.setInput(in)
				.setOutput(out)
				.setExceptionHandler(MaplServerLauncher::toResponseError)
				.create();
		server.connect(launcher.getRemoteProxy());
		return launcher.startListening();
	}

	/**
	 * Gives memory back: with G1 (the JVM's default here) the heap grows towards -Xmx after bursts of
	 * rebuilds and stays there. The JVM lets these flags change at run time: keep at most 30 % of
	 * the heap free after a collection, and run a concurrent collection after 5 s without one, so
	 * an idle server shrinks to its live set. Off its own thread, since the management classes
	 * take a moment to load and {@code initialize} should not wait for them.
	 */
	static void returnFreeHeap() {
		try {
			var vm = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
			vm.setVMOption("MinHeapFreeRatio", "10");
			vm.setVMOption("MaxHeapFreeRatio", "30");
			vm.setVMOption("G1PeriodicGCInterval", "5000");
		} catch (RuntimeException | LinkageError e) {
			// another collector or JVM without these flags: its defaults stay
		}
	}

	/** What a failed request answers: the cause's message and code, without a stack trace. */
	static ResponseError toResponseError(Throwable t) {
		Throwable cause = t;
		while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException
				|| cause instanceof java.lang.reflect.InvocationTargetException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof ResponseErrorException r) {
			return r.getResponseError();
		}
		if (cause instanceof UnsupportedOperationException) {
			return new ResponseError(ResponseErrorCode.MethodNotFound, "method not supported by the MAPL language server", null);
		}
		if (cause instanceof java.util.concurrent.CancellationException
				|| cause instanceof org.eclipse.xtext.service.OperationCanceledError
				|| cause instanceof com.google.common.util.concurrent.UncheckedExecutionException && cause.getCause() instanceof java.util.concurrent.CancellationException) {
			return new ResponseError(ResponseErrorCode.RequestCancelled, "the request was cancelled by a newer edit", null);
		}
		System.err.println("MAPL language server: internal error");
		cause.printStackTrace(System.err);
		return new ResponseError(ResponseErrorCode.InternalError, "internal error: " + cause, null);
	}
}
