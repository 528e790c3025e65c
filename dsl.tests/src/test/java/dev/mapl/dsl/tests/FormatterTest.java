package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.inject.Inject;
import dev.mapl.dsl.compile.SourceBytes;
import dev.mapl.dsl.compile.SourceFormatter;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Text in, text out; plus format(format(x)) == format(x) and parse(format(x)) means x. */
@ExtendWith(InjectionExtension.class)
@InjectWith(MaplInjectorProvider.class)
class FormatterTest {

	@Inject
	MaplTesting mapl;

	@Inject
	SourceFormatter formatter;

	private String format(String text) {
		return formatter.format((XtextResource) mapl.parse(text).get(0));
	}

	@Test
	void messyInputBecomesCanonical() {
		String messy = """
				package   kvm.v6


				import    kvm.*
				facts{A B
				  enum   prot{N,T ,  DEV}}
				facts g {  mte }
				outcomes{Device Normal[cacheable ,tagged]}
				assume !( A&B )
				policy p   first{
				r1 :A&!B->Device if g.mte|prot==N


				  prot in{ N ,T }->Normal
				otherwise->Device
				invariant  i : g.mte=>!cacheable
				test "x" : A , !B , prot=N=>Device }
				""";
		String expected = """
				package kvm.v6

				import kvm.*

				facts {
				    A
				    B
				    enum prot { N, T, DEV }
				}

				facts g {
				    mte
				}

				outcomes {
				    Device
				    Normal [cacheable, tagged]
				}

				assume !(A & B)

				policy p first {
				    r1: A & !B -> Device if g.mte | prot == N

				    prot in {N, T} -> Normal
				    otherwise -> Device
				    invariant i: g.mte => !cacheable
				    test "x": A, !B, prot = N => Device
				}
				""";
		assertEquals(expected, format(messy));
	}

	@Test
	void commentsStayWhereTheyAre() {
		String text = """
				/** The flags. */
				facts {
				    A // set by mmap
				    /* block */ B
				}
				""";
		// a block comment before a declaration gets a line of its own
		assertEquals(text.replace("/* block */ B", "/* block */\n    B"), format(text));
	}

	@Test
	void cTargetsAndBindingsAreBlocks() {
		String messy = "bindings c k { fact A = \"a\" fact prot = \"p\" {N=\"0\",T = \"1\"} outcome X = \"1\" }\n"
				+ "target c p { file \"x.h\" function \"int f(int a)\" use k style table }\n";
		String expected = """
				bindings c k {
				    fact A = "a"
				    fact prot = "p" { N = "0", T = "1" }
				    outcome X = "1"
				}

				target c p {
				    file "x.h"
				    function "int f(int a)"
				    use k
				    style table
				}
				""";
		assertEquals(expected, format(messy));
	}

	/** Every example in the repository is already in canonical form (`mapl fmt --check examples`). */
	@Test
	void examplesAreCanonical() throws java.io.IOException {
		java.nio.file.Path root = java.nio.file.Path.of("..", "examples");
		List<java.nio.file.Path> files;
		try (var walk = java.nio.file.Files.walk(root)) {
			files = walk.filter(f -> f.toString().endsWith(".mapl")).sorted().toList();
		}
		org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty());
		for (var f : files) {
			String text = java.nio.file.Files.readString(f);
			assertEquals(text, format(text), f.toString());
		}
	}

	// ---- issue 15.6 / 20.7 / 20.8: whitespace only, comments verbatim, line endings kept

	/** What `mapl fmt` does to a file's bytes: decode, format, restore its line endings and BOM. */
	private String fmt(String text) {
		SourceBytes source = SourceBytes.decode("t.mapl", text.getBytes(StandardCharsets.UTF_8));
		XtextResource r = (XtextResource) mapl.parse(source.formatterText()).get(0);
		assertEquals(List.of(), r.getErrors(), text);
		return source.restore(formatter.format(r));
	}

	@Test
	void blockCommentsKeepTheirText() {
		String text = """
				facts {
				    A
				}

				outcomes {
				    X
				    Y
				}

				/* commented out:
				policy old first {
				    A -> X
				}
				*/

				/** The policy.
				    Second line, indented as the author likes. */
				policy p first {
				    A -> X
				        /* two
				    lines */
				    otherwise -> Y
				}
				""";
		// the line a comment starts on is indented as code; its text, other lines included, is not touched
		assertEquals(text.replace("        /* two", "    /* two"), fmt(text));
	}

	@Test
	void lineCommentsKeepTheirText() {
		String text = "facts {\n    A //no space\n    //   three spaces\n    B\n}\n";
		assertEquals(text, fmt(text));
	}

	@Test
	void crlfStaysCrlfAndCrStaysCr() {
		String text = Samples.CARD.replace("\n", "\r\n");
		String once = fmt(text);
		assertEquals(format(Samples.CARD).replace("\n", "\r\n"), once);
		assertEquals(fmt(Samples.CARD.replace("\n", "\r")), once.replace("\r\n", "\r"));
	}

	@Test
	void whitespaceBeforeALeadingCommentGoes() {
		assertEquals("// head\nfacts {\n    A\n}\n", fmt(" \r\n\t\n// head\nfacts{A}"));
		assertEquals("// head\r\nfacts {\r\n    A\r\n}\r\n", fmt("\n\n// head\r\nfacts{A}"));
	}

	/** The examples and mutations of them: comments moved around, blank lines, indentation, CRLF. */
	static List<Arguments> examplesAndMutations() throws IOException {
		List<Arguments> out = new ArrayList<>();
		Path root = Path.of("..", "examples");
		List<Path> files;
		try (var walk = Files.walk(root)) {
			files = walk.filter(f -> f.toString().endsWith(".mapl")).sorted().toList();
		}
		for (Path f : files) {
			String text = Files.readString(f);
			List<String> context = new ArrayList<>();
			try (var siblings = Files.list(f.getParent())) {
				for (Path s : siblings.filter(p -> p.toString().endsWith(".mapl") && !p.equals(f)).sorted().toList()) {
					context.add(Files.readString(s));
				}
			}
			String name = root.relativize(f).toString();
			Random random = new Random(name.hashCode());
			out.add(Arguments.of(name, text, context));
			out.add(Arguments.of(name + " crlf", text.replace("\n", "\r\n"), context));
			out.add(Arguments.of(name + " blank lines", text.replace("\n", "\n\n"), context));
			out.add(Arguments.of(name + " indentation", text.replaceAll("(?m)^[ \t]*", "\t  "), context));
			for (int i = 0; i < 3; i++) {
				out.add(Arguments.of(name + " comments " + i, withComments(text, random), context));
			}
			out.add(Arguments.of(name + " crlf comments", withComments(text, random).replace("\n", "\r\n"), context));
		}
		return out;
	}

	/** Inserts comments of every kind between random tokens (never inside a comment or a string). */
	static String withComments(String text, Random random) {
		List<Integer> gaps = new ArrayList<>();
		boolean inString = false;
		for (int i = 1; i < text.length(); i++) {
			char c = text.charAt(i - 1);
			if (c == '"') {
				inString = !inString;
			}
			if (!inString && Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(c)
					&& !insideComment(text, i)) {
				gaps.add(i);
			}
		}
		String[] comments = {"/* c */", "/* two\n   lines */", "/**\n doc\n*/", "// line\n", "\n\n/* after a blank line\n...", 
				"/*\n * starred\n */"};
		StringBuilder b = new StringBuilder(text);
		List<Integer> chosen = new ArrayList<>();
		for (int i = 0; i < 6 && !gaps.isEmpty(); i++) {
			chosen.add(gaps.get(random.nextInt(gaps.size())));
		}
		chosen.stream().distinct().sorted(java.util.Comparator.reverseOrder()).forEach(at -> {
			String c = comments[random.nextInt(comments.length)];
			if (c.endsWith("...")) {
				c = c.substring(0, c.length() - 3) + " */";
			}
			b.insert(at, " " + c + " ");
		});
		return b.toString();
	}

	private static boolean insideComment(String text, int at) {
		int block = text.lastIndexOf("/*", at);
		if (block >= 0 && text.indexOf("*/", block) >= at) {
			return true;
		}
		int lineStart = text.lastIndexOf('\n', at - 1) + 1;
		return text.substring(lineStart, at).contains("//");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examplesAndMutations")
	void formattingIsIdempotentWhitespaceOnlyAndKeepsComments(String name, String text, List<String> context) {
		String once = fmt(text);
		assertEquals(once, fmt(once), name + ": not idempotent");
		assertEquals(tokens(text, false), tokens(once, false), name + ": a token changed");
		assertEquals(tokens(text, true), tokens(once, true), name + ": a comment changed");
		if (text.startsWith("\r\n") || text.indexOf('\r') >= 0 && text.indexOf('\r') < text.indexOf('\n')) {
			assertFalse(once.replace("\r\n", "").contains("\n") || once.replace("\r\n", "").contains("\r"),
					name + ": not all CRLF");
		} else {
			assertFalse(once.contains("\r"), name + ": not all LF");
		}
		List<String> before = new ArrayList<>(context);
		before.add(text.replace("\r\n", "\n"));
		List<String> after = new ArrayList<>(context);
		after.add(once.replace("\r\n", "\n"));
		// a rule without a label is named by its line, which formatting may move
		assertEquals(meaning(mapl.lower(before.toArray(String[]::new))).replaceAll("line \\d+", "line N"),
				meaning(mapl.lower(after.toArray(String[]::new))).replaceAll("line \\d+", "line N"), name + ": meaning changed");
	}

	/** The tokens of a text, or its comments (line comments without their line break). */
	private List<String> tokens(String text, boolean comments) {
		XtextResource r = (XtextResource) mapl.parse(text.replace("\r\n", "\n")).get(0);
		List<String> out = new ArrayList<>();
		for (ILeafNode leaf : r.getParseResult().getRootNode().getLeafNodes()) {
			boolean comment = leaf.getGrammarElement() instanceof TerminalRule t && t.getName().endsWith("_COMMENT");
			if (comments && comment) {
				out.add(leaf.getText().stripTrailing().isEmpty() ? leaf.getText() : leaf.getText().replaceAll("\n$", ""));
			} else if (!comments && !leaf.isHidden()) {
				out.add(leaf.getText());
			}
		}
		return out;
	}

	static List<String> corpus() {
		return List.of(Samples.CARD, Samples.DECLS + "policy p unique {\n A->Device\n !A  ->  Normal\n}\n",
				Samples.DECLS + "policy q priority{otherwise->Normal\n}\npolicy r first { (A|B)&C=>A -> NormalNC\n"
						+ "!(prot!=N) -> Device if !guest.mte otherwise -> Normal }",
				"facts {A}\noutcomes {X Y}\nassume true\npolicy p first { A -> X\n\n\n\n otherwise -> Y }\n");
	}

	@ParameterizedTest
	@MethodSource("corpus")
	void formattingIsIdempotent(String text) {
		String once = format(text);
		assertEquals(once, format(once));
	}

	@ParameterizedTest
	@MethodSource("corpus")
	void formattingPreservesMeaning(String text) {
		assertEquals(meaning(mapl.lower(text)), meaning(mapl.lower(format(text))));
	}

	/** Declarations plus every policy's complete truth table, as text. */
	static String meaning(Model model) {
		StringBuilder sb = new StringBuilder();
		model.facts().forEach(f -> sb.append("fact ").append(f.name()).append(f.values()).append('\n'));
		model.outcomes().forEach(o -> sb.append("outcome ").append(o.name()).append(o.attributes()).append('\n'));
		Interpreter interp = new Interpreter(model);
		for (Policy p : model.policies()) {
			sb.append("policy ").append(p.name()).append(' ').append(p.hitPolicy()).append(' ')
					.append(p.rules().stream().map(r -> (r.labelled() ? r.name() : "#" + r.index()) + "->" + r.outcome()).collect(Collectors.joining(",")))
					.append('\n');
			InputSpace.of(model, p).forEachPossible(interp, p, null, 1 << 16, in -> {
				sb.append(java.util.Arrays.toString(in)).append(" => ").append(interp.decide(p, in).outcome())
						.append('\n');
				return true;
			});
			p.invariants().forEach(i -> sb.append("invariant ").append(i.name()).append('\n'));
			p.tests().forEach(t -> sb.append("test ").append(t.name()).append(t.literals().stream()
					.map(l -> l.fact() + "=" + l.value()).toList()).append(t.expected()).append('\n'));
		}
		return sb.toString();
	}
}
