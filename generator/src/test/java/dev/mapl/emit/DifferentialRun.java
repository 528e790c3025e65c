package dev.mapl.emit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The settings of the differential tests, and their batches on all cores, results in input order,
 * the first failure rethrown as it was.
 */
public final class DifferentialRun {

	/**
	 * Policies per test: {@code -Dmapl.differential.policies=N}, else the environment's
	 * {@code MAPL_DIFFERENTIAL_POLICIES} (CI sets 10,000), else 1,000 (a developer's build).
	 */
	public static final int POLICIES = Integer.getInteger("mapl.differential.policies",
			Integer.parseInt(System.getenv().getOrDefault("MAPL_DIFFERENTIAL_POLICIES", "1000")));

	/**
	 * The population's share written as MAPL text with {@code let}s and compositions, one in five:
	 * those exist only before lowering, so dsl.tests' {@code CompositionDifferentialTest} generates
	 * them as text, lowers them and decides them against its own model of the text and with the
	 * same Java and C batches as here.
	 */
	public static final int TEXT_POLICIES = POLICIES / 5;

	/** The rest of the population, synthesized directly as IR by the generator's tests. */
	public static final int IR_POLICIES = POLICIES - TEXT_POLICIES;

	/** Workers: {@code -Dmapl.differential.workers=N}, else one per core. */
	public static final int WORKERS = Integer.getInteger("mapl.differential.workers",
			Runtime.getRuntime().availableProcessors());

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** A batch of work that may throw. */
	public interface Task<T, R> {
		R apply(T t) throws Exception;
	}

	private DifferentialRun() {
	}

	public static <T, R> List<R> map(List<T> items, Task<T, R> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
		try {
			List<Future<R>> futures = new ArrayList<>();
			for (T item : items) {
				futures.add(pool.submit(() -> task.apply(item)));
			}
			List<R> out = new ArrayList<>();
			for (Future<R> f : futures) {
				try {
					out.add(f.get());
				} catch (ExecutionException e) {
					if (e.getCause() instanceof Error err) {
						throw err;
					}
					throw (Exception) e.getCause();
				}
			}
			return out;
		} finally {
			pool.shutdownNow();
		}
	}

	/** CPU time of the calling thread (what a batch costs, whatever else the machine runs). */
	public static long cpuNanos() {
		return THREADS.getCurrentThreadCpuTime();
	}
}
