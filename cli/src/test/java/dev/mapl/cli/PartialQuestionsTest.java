package dev.mapl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.analysis.PartialEvaluation;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.Residual;
import dev.mapl.analysis.ResidualOracle;
import dev.mapl.analysis.Restriction;
import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Questions with some facts unknown on the examples: every residual checked against brute-force
 * enumeration through the interpreter, and the reviewer's question of issue 19 answered exactly.
 */
class PartialQuestionsTest {

	static final Path EXAMPLES = Path.of("").toAbsolutePath().getParent().resolve("examples");

	static Model compile(String dir) throws IOException {
		List<Path> files;
		try (Stream<Path> s = Files.list(EXAMPLES.resolve(dir))) {
			files = s.filter(p -> p.toString().endsWith(".mapl")).sorted().toList();
		}
		Compilation c = MaplCompiler.create().compile(files);
		assertTrue(c.model().isPresent(), dir + " has errors: " + c.diagnostics());
		return c.model().get();
	}

	@Test
	void theReviewersQuestionHasThreeFactsAndThreeCases() throws IOException {
		Model m = compile("kvm-arm64");
		Policy fault = m.policy("kvm.v6_17.fault").orElseThrow();
		Residual r = PartialEvaluation.residual(new PolicyAnalyzer(m), fault,
				Restriction.parse(List.of("VM_PFNMAP=true", "prot=MT_NORMAL", "cpu.fwb=false")));
		assertEquals(List.of("VM_MTE_ALLOWED", "pfn.map_memory", "guest.mte"),
				r.dependsOn().stream().map(f -> m.fact(f).name()).toList());
		// Efault unless the PFN is in the linear map; then Efault for an MTE guest without
		// VM_MTE_ALLOWED, else Normal.
		assertEquals(List.of("Efault", "Normal"), r.outcomes().stream().map(Residual.Share::outcome).toList());
		assertEquals(List.of("cacheable_unsupported", "mte_untagged", "line 35"),
				r.table().orElseThrow().rows().stream().map(row -> row.rule()).distinct().toList());
		assertEquals(r.completions(), r.outcomes().get(0).count().add(r.outcomes().get(1).count()));
		Restriction question = Restriction.parse(List.of("VM_PFNMAP=true", "prot=MT_NORMAL", "cpu.fwb=false"));
		ResidualOracle.check(new PolicyAnalyzer(m), fault, question.resolve(m, fault));
	}

	@Test
	void everyResidualOfTheExamplesAgreesWithTheInterpreter() throws IOException {
		int questions = 0;
		for (String dir : List.of("kvm-arm64", "quickstart", "arm64-ioremap")) {
			Model m = compile(dir);
			for (Policy p : m.policies()) {
				if (dir.equals("kvm-arm64") && !p.name().startsWith("kvm.v6_17.")) {
					continue; // the other versions have the same facts; v6_17 has every kind of rule
				}
				PolicyAnalyzer analyzer = new PolicyAnalyzer(m);
				int k = p.inputs().size() <= 8 ? 3 : 2;
				for (List<Integer> facts : ResidualOracle.subsets(p, k)) {
					for (int[] given : ResidualOracle.combinations(m, facts)) {
						try {
							ResidualOracle.check(analyzer, p, given);
						} catch (AssertionError | RuntimeException e) {
							throw new AssertionError(p.name() + " given " + ResidualOracle.restriction(m, given) + ": "
									+ e.getMessage(), e);
						}
						questions++;
					}
				}
			}
		}
		assertTrue(questions > 1000, "questions asked: " + questions);
	}
}
