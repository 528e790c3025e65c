package dev.mapl.dsl.compile;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work on a thread with a large stack. Nested parentheses, {@code !} and {@code =>} are a
 * tree one level deep per operator, a chain of {@code let}s is inlined one level per definition,
 * and the parser, the linker, the lowering and the analysis all recurse over them; a thread's
 * default stack (1 MB) ends in a {@link StackOverflowError} after a few thousand levels. The stack
 * is reserved, not committed: only what the recursion touches is used. Nesting itself is bounded
 * by the parser.
 */
public final class DeepStack {

	/** 1 GiB of address space: a few hundred thousand levels of recursion. */
	public static final long STACK_BYTES = 1L << 30;

	private static final ThreadLocal<Boolean> ON_DEEP_STACK = ThreadLocal.withInitial(() -> false);

	private DeepStack() {
	}

	/** The work's result, computed on a deep stack (this thread when it already is one). */
	public static <T> T call(Supplier<T> work) {
		if (ON_DEEP_STACK.get()) {
			return work.get();
		}
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread t = new Thread(null, () -> {
			ON_DEEP_STACK.set(true);
			try {
				result.set(work.get());
			} catch (Throwable e) {
				failure.set(e);
			}
		}, Thread.currentThread().getName() + "-deep", STACK_BYTES);
		t.setDaemon(true);
		t.start();
		boolean interrupted = false;
		while (true) {
			try {
				t.join();
				break;
			} catch (InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Throwable e = failure.get();
		if (e instanceof RuntimeException r) {
			throw r;
		}
		if (e instanceof Error r) {
			throw r;
		}
		if (e != null) {
			throw new IllegalStateException(e);
		}
		return result.get();
	}
}
