package dev.mapl.dsl.ide.analysis;

import dev.mapl.analysis.AnalysisLimitException;
import dev.mapl.analysis.Finding;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.PolicyReport;
import dev.mapl.dsl.linking.Closure;
import dev.mapl.dsl.lowering.Lowering;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.PolicyTest;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * The policy analysis as a background job: debounced after each build, run on a snapshot of the
 * IR (immutable, so it needs no lock once lowered), abandoned between policies as soon as a newer
 * build starts, and published with the build's own diagnostics when it completes. Hover,
 * completion, definition and formatting never wait for it.
 */
public class AnalysisScheduler {

	/** How the scheduler reaches the workspace: a read request, and publishing. */
	public interface Host {
		<T> CompletableFuture<T> read(Function<CancelIndicator, T> work);

		/** The document's text and resource, inside a read request; null when unknown. */
		XtextResource resource(URI uri);

		String text(URI uri);

		List<Issue> fastIssues(URI uri);

		void publish(URI uri, List<Issue> issues);

		void analysed(Set<URI> uris);
	}

	/** How long an edit must be the last before the analysis starts. */
	static final long DEBOUNCE_MS = 120;

	/** One policy's analysis gives up after this long, with a warning on the policy. */
	static final long POLICY_TIMEOUT_MS = 30_000;

	/** A test's open facts are enumerated up to this many inputs to find the rules it reaches. */
	static final long TEST_INPUTS = 4096;

	private final Host host;

	private final AtomicLong generation = new AtomicLong();

	private final Set<URI> pending = new LinkedHashSet<>();

	private final Map<URI, FileAnalysis> results = new ConcurrentHashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("mapl-analysis-timer"));

	private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("mapl-analysis"));

	private volatile CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

	public AnalysisScheduler(Host host) {
		this.host = host;
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		};
	}

	/** The last completed analysis of the file, if any. */
	public FileAnalysis result(URI uri) {
		return results.get(uri);
	}

	/** The analyzer at work now, stopped by {@link #cancel} inside its policy, not only between policies. */
	private volatile PolicyAnalyzer running;

	/** An edit came, or a build finished: whatever runs now is stale; stop it at its next budget check. */
	public void cancel() {
		generation.incrementAndGet();
		stopRunning();
	}

	private void stopRunning() {
		PolicyAnalyzer a = running;
		if (a != null) {
			a.stopAt(Long.MIN_VALUE);
		}
	}

	/** The build validated these files: analyse them once no other edit follows. */
	public void schedule(Set<URI> uris) {
		long gen = generation.incrementAndGet();
		stopRunning();
		synchronized (pending) {
			pending.addAll(uris);
		}
		timer.schedule(() -> start(gen), DEBOUNCE_MS, TimeUnit.MILLISECONDS);
	}

	/** Completes when the analysis that is scheduled or running now has published (for tests, harness). */
	public CompletableFuture<Void> idle() {
		return idle;
	}

	public void shutdown() {
		timer.shutdownNow();
		worker.shutdownNow();
	}

	private record Snapshot(URI uri, String text, Model model) {
	}

	private void start(long gen) {
		if (gen != generation.get()) {
			return;
		}
		List<URI> todo;
		synchronized (pending) {
			todo = new ArrayList<>(pending);
			pending.clear();
		}
		if (todo.isEmpty()) {
			return;
		}
		CompletableFuture<Void> job = host.read(cancel -> snapshots(todo))
				.thenAcceptAsync(snaps -> analyse(gen, todo, snaps), worker)
				.exceptionally(t -> {
					requeue(todo);
					return null;
				});
		idle = job;
	}

	private void requeue(List<URI> uris) {
		synchronized (pending) {
			pending.addAll(uris);
		}
	}

	/** Inside a read request: the IR of each file without errors, with the text it came from. */
	private List<Snapshot> snapshots(List<URI> uris) {
		List<Snapshot> out = new ArrayList<>();
		for (URI uri : uris) {
			XtextResource r;
			try {
				r = host.resource(uri);
			} catch (RuntimeException e) {
				r = null; // unreadable now (gone from disk, say): one file must not cost the others their findings
			}
			if (r == null || r.getContents().isEmpty()) {
				continue;
			}
			boolean hasPolicy = ((dev.mapl.dsl.mapl.Model) r.getContents().get(0)).getElements().stream()
					.anyMatch(dev.mapl.dsl.mapl.Policy.class::isInstance);
			if (!hasPolicy || host.fastIssues(uri).stream().anyMatch(i -> i.getSeverity() == Severity.ERROR)) {
				results.remove(uri);
				out.add(new Snapshot(uri, host.text(uri), null));
				continue;
			}
			List<Resource> files = new ArrayList<>(Closure.of(r));
			files.sort(Comparator.comparing(x -> x.getURI().toString()));
			try {
				Model model = r.getResourceServiceProvider().get(Lowering.class).lower(files, x -> x.getURI().toString());
				out.add(new Snapshot(uri, host.text(uri), model));
			} catch (RuntimeException e) {
				out.add(new Snapshot(uri, host.text(uri), null)); // errors of their own, reported where they are
			}
		}
		return out;
	}

	private void analyse(long gen, List<URI> todo, List<Snapshot> snaps) {
		Set<URI> done = new LinkedHashSet<>();
		for (Snapshot s : snaps) {
			if (gen != generation.get()) {
				requeue(todo.stream().filter(u -> !done.contains(u)).toList());
				return;
			}
			if (s.model() == null) {
				done.add(s.uri());
				continue;
			}
			FileAnalysis a = analyse(gen, s);
			if (a == null) {
				requeue(todo.stream().filter(u -> !done.contains(u)).toList());
				return;
			}
			List<Issue> issues = new ArrayList<>(host.fastIssues(s.uri()));
			for (PolicyReport r : a.reports()) {
				for (Finding f : r.findings()) {
					if (f.span().file().equals(s.uri().toString())) {
						issues.add(issue(s.text(), f.span(), f.severity().name(), f.code(), f.message(), f.help()));
					}
				}
			}
			issues.addAll(limitWarnings(a, s));
			if (gen != generation.get()) {
				requeue(todo.stream().filter(u -> !done.contains(u)).toList());
				return;
			}
			results.put(s.uri(), a);
			host.publish(s.uri(), issues);
			done.add(s.uri());
		}
		host.analysed(done);
	}

	private final Map<URI, List<Issue>> limits = new ConcurrentHashMap<>();

	private List<Issue> limitWarnings(FileAnalysis a, Snapshot s) {
		return limits.getOrDefault(s.uri(), List.of());
	}

	/** One file's policies, abandoned as soon as a newer edit comes (inside a policy too); null then. */
	private FileAnalysis analyse(long gen, Snapshot s) {
		PolicyAnalyzer analyzer = new PolicyAnalyzer(s.model(),
				PolicyAnalyzer.Options.DEFAULT.withTimeoutMillis(POLICY_TIMEOUT_MS));
		running = analyzer;
		if (gen != generation.get()) {
			return null; // cancelled before `running` was visible to cancel()
		}
		try {
			return analyse(gen, s, analyzer);
		} finally {
			running = null;
		}
	}

	private FileAnalysis analyse(long gen, Snapshot s, PolicyAnalyzer analyzer) {
		String me = s.uri().toString();
		List<PolicyReport> reports = new ArrayList<>();
		List<Issue> limited = new ArrayList<>();
		Map<String, List<List<PolicyTest>>> exercised = new LinkedHashMap<>();
		Interpreter interpreter = new Interpreter(s.model());
		for (Policy p : s.model().policies()) {
			if (!p.span().file().equals(me)) {
				continue;
			}
			if (gen != generation.get()) {
				return null;
			}
			try {
				reports.add(analyzer.analyze(p));
			} catch (AnalysisLimitException e) {
				if (gen != generation.get()) {
					return null; // stopped by a newer edit, not by the policy's size
				}
				limited.add(issue(s.text(), p.span(), "WARNING", "mapl.analysis.limit",
						"policy `" + p.name() + "` was not analysed: " + e.getMessage(),
						"split the policy, or order its facts so that related facts are declared together"));
			}
			exercised.put(p.name(), exercisedBy(interpreter, s.model(), p));
		}
		limits.put(s.uri(), limited);
		return new FileAnalysis(me, s.text(), s.model(), reports, exercised, analyzer);
	}

	/** Per rule, the inline tests with a completion the rule decides (the reference interpreter). */
	static List<List<PolicyTest>> exercisedBy(Interpreter interpreter, Model model, Policy p) {
		List<List<PolicyTest>> out = new ArrayList<>();
		p.rules().forEach(r -> out.add(new ArrayList<>()));
		InputSpace space = InputSpace.of(model, p);
		for (PolicyTest t : p.tests()) {
			int[] fixed = new int[model.facts().size()];
			java.util.Arrays.fill(fixed, -1);
			t.literals().forEach(l -> fixed[l.fact()] = l.value());
			Set<Integer> reached = new java.util.TreeSet<>();
			long[] seen = {0};
			try {
				space.forEachPossible(interpreter, p, fixed, Long.MAX_VALUE, input -> {
					interpreter.decide(p, input).firing().ifPresent(r -> reached.add(r.index()));
					return ++seen[0] < TEST_INPUTS;
				});
			} catch (RuntimeException e) {
				continue;
			}
			for (int i : reached) {
				if (i >= 0 && i < out.size()) {
					out.get(i).add(t);
				}
			}
		}
		return out;
	}

	/** An Xtext issue on the span, with line and column computed from the analysed text. */
	static Issue issue(String text, SourceSpan span, String severity, String code, String message, String help) {
		Issue.IssueImpl i = new Issue.IssueImpl();
		int start = Math.min(Math.max(0, span.offset()), text.length());
		int end = Math.min(text.length(), start + Math.max(1, span.length()));
		int[] s = lineColumn(text, start);
		int[] e = lineColumn(text, end);
		i.setOffset(start);
		i.setLength(end - start);
		i.setLineNumber(s[0]);
		i.setColumn(s[1]);
		i.setLineNumberEnd(e[0]);
		i.setColumnEnd(e[1]);
		i.setCode(code);
		i.setMessage(message);
		i.setData(new String[] {help == null ? "" : help});
		i.setSeverity(switch (severity) {
			case "ERROR" -> Severity.ERROR;
			case "WARNING" -> Severity.WARNING;
			default -> Severity.INFO;
		});
		return i;
	}

	/** The start offset of each line of the last text asked about (findings of one file come together). */
	private static volatile LineStarts lineStarts = new LineStarts("", new int[] {0});

	private record LineStarts(String text, int[] starts) {
		static LineStarts of(String text) {
			int[] starts = new int[16];
			int n = 1;
			for (int k = 0; k < text.length(); k++) {
				if (text.charAt(k) == '\n') {
					if (n == starts.length) {
						starts = java.util.Arrays.copyOf(starts, n * 2);
					}
					starts[n++] = k + 1;
				}
			}
			return new LineStarts(text, java.util.Arrays.copyOf(starts, n));
		}
	}

	/** 1-based line and column of an offset; a binary search, since a big policy has thousands of findings. */
	static int[] lineColumn(String text, int offset) {
		LineStarts index = lineStarts;
		if (index.text() != text && !index.text().equals(text)) {
			index = LineStarts.of(text);
			lineStarts = index;
		}
		int o = Math.max(0, Math.min(offset, text.length()));
		int line = java.util.Arrays.binarySearch(index.starts(), o);
		if (line < 0) {
			line = -line - 2;
		}
		return new int[] {line + 1, o - index.starts()[line] + 1};
	}
}
