package dev.mapl.dsl.ide.server;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.xtext.ide.server.BuildManager.Buildable;
import org.eclipse.xtext.ide.server.concurrent.AbstractRequest;
import org.eclipse.xtext.ide.server.concurrent.RequestManager;
import org.eclipse.xtext.ide.server.concurrent.WriteRequest;
import org.eclipse.xtext.service.OperationCanceledManager;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.xbase.lib.Functions.Function1;

/**
 * Xtext's request queue with the build after an edit taken out of the edit: a {@code didChange}
 * applies the text at once and the build follows {@link #DEBOUNCE_MS} later (each further edit,
 * hover or completion moves it), or at once for an edit after a pause of {@link #QUIET_MS}. A read
 * that needs the new text ({@link #runRead}) starts the pending build first and
 * runs after it, as in Xtext; a read that can answer from the last build ({@link #runReadNow}:
 * hover, completion, definition, which map positions between the two texts) does not wait for it.
 */
@Singleton
public class MaplRequestManager extends RequestManager {

	/**
	 * How long the build waits for the next keystroke, hover or completion. Longer than the usual
	 * gap between keystrokes: a build cannot stop while it parses and links, so a keystroke that
	 * comes during a build waits for that much of it, and so do the hover and completion after it.
	 */
	static final long DEBOUNCE_MS = 150;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "mapl-build-debounce");
		t.setDaemon(true);
		return t;
	});

	/** Every request submitted and not yet done, so that a build can wait for them without cancelling them. */
	private final List<AbstractRequest<?>> inFlight = new ArrayList<>();

	private Supplier<? extends Buildable> pendingBuild;

	private ScheduledFuture<?> scheduled;

	/** Hover and completion requests answering from the last build right now. */
	private int readsNow;

	/**
	 * How long no edit, hover or completion must have come for an edit to build at once: an edit
	 * after a pause (a quick fix, a paste, the first keystroke after reading) shows its diagnostics
	 * without the debounce, while typing stays debounced (a keystroke that comes during a build waits
	 * for its parsing and linking). Three times what the build after an edit of a 2,000-rule file
	 * takes on a quiet 2-core machine (about 100 ms, docs/PERFORMANCE.md): after a pause this long
	 * the build is over before the next keystroke at any typing pace that leaves such pauses. It was
	 * 500 ms when such a build took twice as long; then an edit 0.3-0.5 s after the last one waited
	 * for the debounce and showed its diagnostics 150 ms later than it needed to.
	 */
	static final long QUIET_MS = 300;

	/** When the last edit came or the last hover or completion was answered ({@link System#nanoTime}). */
	private long lastActivity = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(QUIET_MS);

	@Inject
	public MaplRequestManager(ExecutorService parallel, OperationCanceledManager operationCanceledManager) {
		super(parallel, operationCanceledManager);
	}

	/**
	 * Builds what {@code buildable} names once no edit has come for {@link #DEBOUNCE_MS}; an edit
	 * after {@link #QUIET_MS} without edits, hovers or completions builds at once.
	 */
	public synchronized void scheduleBuild(Supplier<? extends Buildable> buildable) {
		long now = System.nanoTime();
		boolean quiet = pendingBuild == null && readsNow == 0
				&& now - lastActivity >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS);
		lastActivity = now;
		pendingBuild = buildable;
		if (quiet) {
			flush();
		} else {
			arm();
		}
	}

	/** (Re)starts the debounce of the pending build. */
	private void arm() {
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		scheduled = timer.schedule(this::debounced, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
	}

	/** The debounce ran out: build, unless a hover or completion is still answering (then after it). */
	private synchronized void debounced() {
		if (readsNow == 0) {
			flush();
		}
	}

	/** Whether an edit's build is waiting for its debounce. */
	public synchronized boolean buildPending() {
		return pendingBuild != null;
	}

	/** Queues the pending build now; it waits for the requests before it, but does not cancel them. */
	public synchronized void flush() {
		if (pendingBuild == null) {
			return;
		}
		Supplier<? extends Buildable> build = pendingBuild;
		pendingBuild = null;
		if (scheduled != null) {
			scheduled.cancel(false);
			scheduled = null;
		}
		CompletableFuture<?>[] before = inFlight.stream().map(AbstractRequest::get).toArray(CompletableFuture[]::new);
		submit(new WriteRequest<Buildable, Object>(this, build::get, (cancel, buildable) -> {
			buildable.build(cancel);
			return null;
		}, CompletableFuture.allOf(before)));
	}

	/** A read that needs the newest text: after the pending build. */
	@Override
	public synchronized <V> CompletableFuture<V> runRead(Function1<? super CancelIndicator, ? extends V> cancellable) {
		flush();
		return super.runRead(cancellable);
	}

	/**
	 * A read that answers from the last build: does not start or wait for the pending build, and
	 * moves it on, since the user is still at work (completion comes right after a keystroke).
	 */
	public synchronized <V> CompletableFuture<V> runReadNow(Function1<? super CancelIndicator, ? extends V> cancellable) {
		if (pendingBuild != null) {
			arm();
		}
		readsNow++;
		CompletableFuture<V> result = super.runRead(cancellable);
		result.whenComplete((r, t) -> {
			synchronized (this) {
				readsNow--;
				lastActivity = System.nanoTime(); // the user is at work: the next edit is debounced
				if (pendingBuild != null) {
					arm(); // the pause is counted from the answer: a slow answer must not let the build in before the next read
				}
			}
		});
		return result;
	}

	@Override
	protected void addRequest(AbstractRequest<?> request) {
		super.addRequest(request);
		inFlight.removeIf(r -> r.get().isDone());
		inFlight.add(request);
	}

	@Override
	public void shutdown() {
		timer.shutdownNow();
		super.shutdown();
	}
}
