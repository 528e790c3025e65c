package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.dsl.ide.server.MaplRequestManager;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.xtext.ide.server.BuildManager.Buildable;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the build after an edit starts: at once after a pause, debounced while typing. */
class MaplRequestManagerTest {

	private final ExecutorService pool = Executors.newCachedThreadPool();
	private final MaplRequestManager requests = new MaplRequestManager(pool, new OperationCanceledManager());
	private final Semaphore built = new Semaphore(0);
	private final Buildable build = cancel -> {
		built.release();
		return List.of();
	};

	@AfterEach
	void stop() {
		requests.shutdown();
		pool.shutdownNow();
	}

	@Test
	void anEditAfterAPauseBuildsAtOnceAndTheNextKeystrokeIsDebounced() throws InterruptedException {
		requests.scheduleBuild(() -> build);
		assertFalse(requests.buildPending(), "the first edit after a pause is not held back by the debounce");

		requests.scheduleBuild(() -> build); // the next keystroke, right after
		assertTrue(requests.buildPending(), "a keystroke while typing waits for the pause");
		assertTrue(built.tryAcquire(2, 30, TimeUnit.SECONDS), "both edits are built, the second once typing pauses");
		assertFalse(requests.buildPending());
	}
}
