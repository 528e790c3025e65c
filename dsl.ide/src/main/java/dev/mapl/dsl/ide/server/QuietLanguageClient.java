package dev.mapl.dsl.ide.server;

import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * A language client that ignores what it does not look at (telemetry, messages, logs,
 * registrations), so each in-process client ({@link ArchiveTraining}, the tests) writes only the
 * notifications it uses.
 */
public interface QuietLanguageClient extends LanguageClient {

	@Override
	default void telemetryEvent(Object object) {
	}

	@Override
	default void showMessage(MessageParams messageParams) {
	}

	@Override
	default CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams requestParams) {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	default void logMessage(MessageParams message) {
	}

	@Override
	default CompletableFuture<Void> registerCapability(RegistrationParams params) {
		return CompletableFuture.completedFuture(null);
	}
}
