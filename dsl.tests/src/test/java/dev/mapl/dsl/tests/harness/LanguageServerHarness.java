package dev.mapl.dsl.tests.harness;

import dev.mapl.dsl.ide.server.QuietLanguageClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.*;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.ide.server.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The language server's responsiveness on a generated 2,000-rule `first` policy (36 boolean facts,
 * 2 enums), measured through the real jar (-Xmx1g) the way an editor drives it. A harness, not a
 * test: it asserts nothing about time and runs only when asked:
 * {@code ./mvnw -B -pl dsl.tests -am verify -Dtest=LanguageServerHarness -Dmapl.harness=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints its table and writes it to
 * {@code dsl.tests/target/lsp-harness.md}.
 */
class LanguageServerHarness {

	static final int RULES = 2000;
	static final int EDITS = 30;
	static final int KEYSTROKES = 40;

	record Published(String uri, int version, boolean analysis, long nanos) {
	}

	final BlockingQueue<Published> published = new LinkedBlockingQueue<>();

	@Test
	void measure() throws Exception {
		Assumptions.assumeTrue(Boolean.getBoolean("mapl.harness"), "run with -Dmapl.harness=true");
		// -Dmapl.harness.jar=... measures another build of the server (e.g. an older commit's);
		// -Dmapl.harness.serverArgs="-XX:StartFlightRecording=..." profiles it
		Path jar = Path.of(System.getProperty("mapl.harness.jar", "../dsl.ide/target/mapl-language-server.jar"))
				.toAbsolutePath().normalize();
		Path dir = Files.createTempDirectory("mapl-harness-");
		String text = policy(new Random(42));
		Path file = dir.resolve("big.mapl");
		Files.writeString(file, text);
		String uri = file.toUri().toString();

		String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx1g"));
		for (String arg : System.getProperty("mapl.harness.serverArgs", "").split(" ")) {
			if (!arg.isBlank()) {
				command.add(arg);
			}
		}
		command.addAll(List.of("-jar", jar.toString()));
		Process server = new ProcessBuilder(command).redirectError(dir.resolve("server.log").toFile()).start();
		List<String> report = new ArrayList<>();
		try {
			Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), server.getInputStream(),
					server.getOutputStream());
			launcher.startListening();
			LanguageServer ls = launcher.getRemoteProxy();
			InitializeParams init = new InitializeParams();
			init.setProcessId((int) ProcessHandle.current().pid());
			init.setCapabilities(new ClientCapabilities());
			init.setRootUri(dir.toUri().toString());
			long t0 = System.nanoTime();
			ls.initialize(init).get(120, TimeUnit.SECONDS);
			long initNanos = System.nanoTime() - t0;
			ls.initialized(new InitializedParams());
			ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "mapl", 1, text)));
			long open = System.nanoTime();
			Published firstFast = next(uri, false, 300);
			Published firstAnalysis = next(uri, true, 300);
			report.add(row("initialize answered", List.of(initNanos)));
			report.add(row("open -> first diagnostics (workspace build included)", List.of(firstFast.nanos() - open)));
			report.add(row("open -> analysis findings", List.of(firstAnalysis.nanos() - open)));

			// edits: change one rule's outcome, wait for both publishes
			List<Long> fast = new ArrayList<>();
			List<Long> full = new ArrayList<>();
			String current = text;
			int version = 1;
			Random r = new Random(7);
			for (int i = 0; i < EDITS; i++) {
				int rule = r.nextInt(RULES);
				String marker = "r" + rule + ": ";
				int at = current.indexOf(marker);
				int arrow = current.indexOf("-> O", at) + 4;
				char now = current.charAt(arrow);
				char then = now == '4' ? '0' : (char) (now + 1);
				current = current.substring(0, arrow) + then + current.substring(arrow + 1);
				version++;
				published.clear();
				long t = System.nanoTime();
				change(ls, uri, version, current, arrow, 1, String.valueOf(then));
				fast.add(next(uri, false, 120).nanos() - t);
				full.add(next(uri, true, 300).nanos() - t);
			}
			report.add(row("didChange -> first diagnostics", fast));
			report.add(row("didChange -> analysis findings", full));

			// an unknown name: the did-you-mean path
			List<Long> unknown = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				int at = current.indexOf("F1 ", current.indexOf("policy"));
				String before = current;
				current = current.substring(0, at) + "F1x" + current.substring(at + 2);
				version++;
				published.clear();
				long t = System.nanoTime();
				change(ls, uri, version, current, at, 2, "F1x");
				unknown.add(next(uri, false, 120).nanos() - t);
				current = before;
				version++;
				published.clear();
				change(ls, uri, version, current, at, 3, "F1");
				next(uri, false, 120);
				next(uri, true, 300);
			}
			report.add(row("didChange with an unknown name -> diagnostics", unknown));

			// typing: a keystroke every 100 ms, hover and completion in between
			List<Long> hover = new ArrayList<>();
			List<Long> completion = new ArrayList<>();
			int typeAt = current.indexOf("r1000: ");
			String typed = "/* typing a comment here */ ";
			TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
			Position hoverPos = new Document(0, current).getPosition(current.indexOf("F3", current.indexOf("policy")));
			for (int k = 0; k < KEYSTROKES; k++) {
				String ch = String.valueOf(typed.charAt(k % typed.length()));
				current = current.substring(0, typeAt) + ch + current.substring(typeAt);
				version++;
				change(ls, uri, version, current, typeAt, 0, ch);
				typeAt++;
				long t = System.nanoTime();
				ls.getTextDocumentService().hover(new HoverParams(id, hoverPos)).get(60, TimeUnit.SECONDS);
				hover.add(System.nanoTime() - t);
				Position cp = new Document(0, current).getPosition(current.indexOf("-> O", typeAt) + 3);
				t = System.nanoTime();
				ls.getTextDocumentService().completion(new CompletionParams(id, cp)).get(60, TimeUnit.SECONDS);
				completion.add(System.nanoTime() - t);
				Thread.sleep(100);
			}
			report.add(row("hover while typing", hover));
			report.add(row("completion while typing", completion));
			String hwm = Files.readAllLines(Path.of("/proc/" + server.pid() + "/status")).stream()
					.filter(l -> l.startsWith("VmHWM") || l.startsWith("VmRSS")).map(l -> l.replaceAll("\\s+", " "))
					.reduce((a, b) -> a + ", " + b).orElse("?");
			String cpu = cpuSeconds(server.pid());
			ls.shutdown().get(30, TimeUnit.SECONDS);
			ls.exit();
			String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
					+ ", server -Xmx1g";
			StringBuilder sb = new StringBuilder();
			sb.append("Policy: ").append(RULES).append(" rules, 36 boolean facts, 2 enums (").append(text.length())
					.append(" characters); ").append(machine).append("\n\n");
			sb.append("| measure | n | median ms | max ms |\n|---|---|---|---|\n");
			report.forEach(sb::append);
			sb.append("\nServer memory at the end: ").append(hwm).append("; server CPU time (user + system): ").append(cpu)
					.append(" s; load average at the end: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
			System.out.println(sb);
			Files.writeString(Path.of("target/lsp-harness.md"), sb.toString());
		} finally {
			server.waitFor(30, TimeUnit.SECONDS);
			server.destroyForcibly();
		}
	}

	/** The process's user + system CPU time from /proc/PID/stat (clock ticks of 1/100 s). */
	private static String cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return String.format(Locale.ROOT, "%.1f", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0);
		} catch (Exception e) {
			return "?";
		}
	}

	private Published next(String uri, boolean analysis, int seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			Published p = published.poll(100, TimeUnit.MILLISECONDS);
			if (p != null && p.uri().equals(uri) && p.analysis() == analysis) {
				return p;
			}
		}
		throw new AssertionError("no " + (analysis ? "analysis" : "first") + " diagnostics within " + seconds + " s");
	}

	private static void change(LanguageServer ls, String uri, int version, String text, int offset, int length, String with) {
		Position start = new Document(0, text).getPosition(offset); // positions in the old text equal those before the edit point
		Position end = new Position(start.getLine(), start.getCharacter() + length);
		ls.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
				List.of(new TextDocumentContentChangeEvent(new Range(start, end), with))));
	}

	private static String row(String what, List<Long> nanos) {
		List<Long> s = new ArrayList<>(nanos);
		Collections.sort(s);
		double median = s.get(s.size() / 2) / 1e6;
		double max = s.get(s.size() - 1) / 1e6;
		return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", what, s.size(), median, max);
	}

	/** 36 boolean facts, 2 enums, 5 outcomes, 2,000 rules of 1-4 literals, then otherwise. */
	static String policy(Random r) {
		StringBuilder sb = new StringBuilder("package bench\n\nfacts {\n");
		for (int i = 0; i < 36; i++) {
			sb.append("    F").append(i).append('\n');
		}
		sb.append("    enum mode { M0, M1, M2, M3 }\n    enum kind { K0, K1, K2 }\n}\n\n");
		sb.append("outcomes {\n    O0\n    O1\n    O2\n    O3 [cached]\n    O4 [cached]\n}\n\n");
		sb.append("policy big first {\n");
		for (int i = 0; i < RULES; i++) {
			int n = 1 + r.nextInt(4);
			List<String> lits = new ArrayList<>();
			for (int k = 0; k < n; k++) {
				int f = r.nextInt(40);
				if (f < 36) {
					lits.add((r.nextBoolean() ? "!" : "") + "F" + f + " ");
				} else if (f < 38) {
					lits.add("mode == M" + r.nextInt(4) + " ");
				} else {
					lits.add("kind == K" + r.nextInt(3) + " ");
				}
			}
			sb.append("    r").append(i).append(": ").append(String.join("& ", lits)).append("-> O").append(r.nextInt(5)).append('\n');
		}
		sb.append("    otherwise -> O0\n");
		sb.append("    test \"all clear\": !F0, !F1, !F2 => O0\n}\n");
		return sb.toString();
	}

	final class Client implements QuietLanguageClient {
		@Override
		public void publishDiagnostics(PublishDiagnosticsParams p) {
			boolean analysis = p.getDiagnostics().stream().anyMatch(d -> d.getCode() != null && d.getCode().isLeft()
					&& d.getCode().getLeft().startsWith("mapl.analysis."));
			published.add(new Published(p.getUri(), 0, analysis, System.nanoTime()));
		}
	}
}
