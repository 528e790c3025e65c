package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Inject;
import dev.mapl.dsl.compile.SourceFormatter;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
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
