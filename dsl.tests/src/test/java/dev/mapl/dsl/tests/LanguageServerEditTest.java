package dev.mapl.dsl.tests;

import dev.mapl.dsl.ide.server.QuietLanguageClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import dev.mapl.dsl.ide.MaplIdeSetup;
import dev.mapl.dsl.ide.resource.CheapUnloadResource;
import dev.mapl.dsl.ide.server.MaplLanguageServer;
import dev.mapl.dsl.ide.server.MaplServerLauncher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edit of an open file is applied in place (the rule around it re-parsed, the whole file linked
 * and validated again) where that is exact, and by loading the file anew where not. Either way the
 * diagnostics after each edit must be the ones a server that builds the same texts from scratch
 * publishes.
 */
class LanguageServerEditTest {

	private static final String DECLS = "package k\n\nfacts { A B C }\nfacts mm { enum prot { NORMAL, DEVICE } }\n"
			+ "outcomes {\n    X [cacheable]\n    Y\n    Z\n}\n";

	private static final String POLICY = "package k.p\n\nimport k.*\n\n/** a policy */\npolicy p first {\n    r1: A & !B -> X\n"
			+ "    r2: B | C -> Y if mm.prot == NORMAL\n    r3: A & C -> Z\n    invariant i: X => cacheable\n"
			+ "    otherwise -> Y\n}\n";

	@TempDir
	Path edited;

	@TempDir
	Path fresh;

	/** One edit: in which file, the old text to find, its replacement. */
	private record Edit(String file, String find, String replace) {
	}

	@Test
	void diagnosticsAfterEachEditAreThoseOfABuildFromScratch() throws Exception {
		List<Edit> edits = List.of(
				new Edit("policy.mapl", "-> Z", "-> X"), // an outcome: the rule is re-parsed
				new Edit("policy.mapl", "A & C", "A & Cx"), // an unknown name, with its did-you-mean
				new Edit("policy.mapl", "!B -> X", "!B -> Z"), // another rule, while Cx is unknown
				new Edit("policy.mapl", "A & Cx", "A & C"), // repaired
				new Edit("policy.mapl", "!B -> Z", "!B -> mm.prot"), // an outcome that is not one
				new Edit("policy.mapl", "!B -> mm.prot", "!B -> X"), // and back
				new Edit("policy.mapl", "r2: B | C ->", "r2: B | C"), // syntax broken: loaded anew
				new Edit("policy.mapl", "r2: B | C", "r2: B | C & A ->"), // and repaired
				new Edit("policy.mapl", "r3:", "r1:"), // a duplicate label
				new Edit("policy.mapl", "/** a policy */", "/** the policy */"), // in a comment
				new Edit("policy.mapl", "    otherwise", "    A & B -> Y\n    otherwise"), // a new rule
				new Edit("decls.mapl", "facts { A B C }", "facts { A B }"), // the referenced file: C is gone
				new Edit("decls.mapl", "    Z\n", "    Z\n    W\n"), // an outcome added there
				new Edit("decls.mapl", "facts { A B }", "facts { A B C }"), // C is back
				new Edit("decls.mapl", "facts { A B C }", "facts { A B D }"), // C renamed: D takes its place, unused
				new Edit("decls.mapl", "facts { A B D }", "facts { A B C }"), // and back
				new Edit("policy.mapl", "mm.prot == NORMAL", "mm.prot == NORMA"), // an unknown enum value
				new Edit("policy.mapl", "    r1:", "    let q = A & B\n    r1:"), // a name declared
				new Edit("policy.mapl", "A & C ->", "A & q ->"), // and used
				new Edit("policy.mapl", "let q = A & B", "let q2 = A & B")); // and renamed away: q is unknown
		Map<String, String> texts = new java.util.LinkedHashMap<>(Map.of("decls.mapl", DECLS, "policy.mapl", POLICY));
		try (Session session = Session.start(edited, texts)) {
			int version = 1;
			for (Edit e : edits) {
				String text = texts.get(e.file());
				int at = text.indexOf(e.find());
				assertTrue(at >= 0, e.find());
				texts.put(e.file(), text.substring(0, at) + e.replace() + text.substring(at + e.find().length()));
				session.change(e.file(), ++version, text, at, e.find().length(), e.replace());
				Map<String, List<String>> expected;
				try (Session reference = Session.start(fresh.resolve("v" + version), texts)) {
					expected = reference.settled(texts.keySet(), null);
				}
				Map<String, List<String>> actual = session.settled(texts.keySet(), expected);
				assertEquals(expected, actual, "after " + e);
				if (e.replace().endsWith("Cx")) {
					assertTrue(actual.get("policy.mapl").stream().anyMatch(d -> d.contains("unknown name `Cx`")), actual.toString());
				}
			}
		}
	}

	/** The edits the server applies in place, and those it must load anew. */
	@Test
	void onlyEditsThatParseWithoutErrorsAreAppliedInPlace() throws Exception {
		Injector injector = new MaplIdeSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		var resource = (CheapUnloadResource) set.createResource(URI.createURI("file:///tmp/in-place.mapl"));
		resource.load(new ByteArrayInputStream((DECLS + POLICY.replace("package k.p\n", "").replace("import k.*\n", "")).getBytes(StandardCharsets.UTF_8)), Map.of());
		org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(resource); // as the build's validation does
		String text = resource.getParseResult().getRootNode().getText();
		String changed = text.replace("-> Z", "-> X");
		assertTrue(resource.updateInPlace(changed), "an outcome edited");
		assertEquals(changed, resource.getParseResult().getRootNode().getText());
		assertTrue(resource.linkedOnlyTheReplacedElement(), "only the edited rule is linked");
		org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(resource);
		String unknown = changed.replace("A & C", "A & Cx");
		assertTrue(resource.updateInPlace(unknown), "an unknown name");
		assertTrue(resource.linkedOnlyTheReplacedElement(), "only the edited rule is linked");
		org.eclipse.emf.ecore.util.EcoreUtil.resolveAll(resource);
		assertFalse(resource.getErrors().isEmpty(), "Cx is unknown");
		assertTrue(resource.updateInPlace(unknown.replace("r1: A & !B -> X", "r1: A & !B -> Y")), "another rule edited");
		assertFalse(resource.linkedOnlyTheReplacedElement(), "a name elsewhere did not resolve: the whole file is linked");
		String broken = changed.replace("r2: B | C ->", "r2: B | C");
		assertFalse(resource.updateInPlace(broken), "a syntax error: the whole file must be parsed");
	}

	/**
	 * The nesting limit counts tokens from before the re-parsed rule: a file where a stretch between
	 * two {@code ->} holds the limit's worth of {@code !} (nested only one deep) is loaded anew.
	 */
	@Test
	void aFileNearTheNestingLimitIsLoadedAnew() throws Exception {
		Injector injector = new MaplIdeSetup().createInjectorAndDoEMFRegistration();
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		var resource = (CheapUnloadResource) set.createResource(URI.createURI("file:///tmp/near-limit.mapl"));
		String many = "!A & ".repeat(dev.mapl.dsl.parser.InputLimits.MAX_NESTING) + "A";
		String text = DECLS + "policy p first {\n    r1: A -> Y\n    r2: " + many + " -> X\n    otherwise -> Y\n}\n";
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
		assertTrue(resource.getErrors().isEmpty(), resource.getErrors().toString());
		assertFalse(resource.updateInPlace(text.replace("r1: A -> Y", "r1: A -> Z")), "limits in reach");
		String fewer = text.replace(many, "!A & A");
		resource = (CheapUnloadResource) set.createResource(URI.createURI("file:///tmp/far-from-limit.mapl"));
		resource.load(new ByteArrayInputStream(fewer.getBytes(StandardCharsets.UTF_8)), Map.of());
		assertTrue(resource.updateInPlace(fewer.replace("r1: A -> Y", "r1: A -> Z")), "limits out of reach");
	}

	/** A server in this JVM over a workspace of the given files, all of them open. */
	private static final class Session implements AutoCloseable {
		final Path dir;
		final MaplLanguageServer ls;
		final Map<String, List<String>> last = new ConcurrentHashMap<>();

		private Session(Path dir) {
			this.dir = dir;
			this.ls = MaplServerLauncher.newServer();
			ls.connect(new QuietLanguageClient() {
				@Override
				public void publishDiagnostics(PublishDiagnosticsParams p) {
					// the build's own diagnostics; the analysis adds its findings in a later publish
					List<String> fast = new ArrayList<>();
					for (var d : p.getDiagnostics()) {
						String code = d.getCode() == null ? "" : d.getCode().getLeft();
						if (!code.startsWith("mapl.analysis.")) {
							fast.add(d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter() + "-"
									+ d.getRange().getEnd().getLine() + ":" + d.getRange().getEnd().getCharacter() + " "
									+ d.getSeverity() + " " + code + " " + d.getMessage().getLeft());
						}
					}
					String uri = p.getUri();
					last.put(uri.substring(uri.lastIndexOf('/') + 1), fast);
				}
			});
		}

		static Session start(Path dir, Map<String, String> texts) throws Exception {
			Files.createDirectories(dir);
			for (var e : texts.entrySet()) {
				Files.writeString(dir.resolve(e.getKey()), e.getValue());
			}
			Session s = new Session(dir);
			InitializeParams init = new InitializeParams();
			init.setProcessId((int) ProcessHandle.current().pid());
			init.setCapabilities(new ClientCapabilities());
			init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "ws")));
			s.ls.initialize(init).get(60, TimeUnit.SECONDS);
			s.ls.initialized(new InitializedParams());
			for (var e : texts.entrySet()) {
				s.ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
						new TextDocumentItem(s.uri(e.getKey()), "mapl", 1, e.getValue())));
			}
			return s;
		}

		String uri(String file) {
			return dir.resolve(file).toUri().toString();
		}

		void change(String file, int version, String old, int offset, int length, String with) {
			Document before = new Document(0, old);
			Range range = new Range(before.getPosition(offset), before.getPosition(offset + length));
			ls.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
					new VersionedTextDocumentIdentifier(uri(file), version), List.of(new TextDocumentContentChangeEvent(range, with))));
		}

		/**
		 * The last build's diagnostics of each file, once every pending build has run (a document
		 * symbol request waits for it) and they equal {@code expected} or 5 s have passed.
		 */
		Map<String, List<String>> settled(Iterable<String> files, Map<String, List<String>> expected) throws Exception {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(expected == null ? 2 : 5);
			Map<String, List<String>> now;
			do {
				for (String f : files) {
					ls.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri(f))))
							.get(60, TimeUnit.SECONDS);
				}
				Thread.sleep(200);
				now = new java.util.TreeMap<>();
				for (String f : files) {
					now.put(f, last.getOrDefault(f, List.of()));
				}
			} while (System.nanoTime() < deadline && (expected == null || !expected.equals(now)));
			return now;
		}

		@Override
		public void close() throws Exception {
			ls.shutdown().get(30, TimeUnit.SECONDS);
		}
	}
}
