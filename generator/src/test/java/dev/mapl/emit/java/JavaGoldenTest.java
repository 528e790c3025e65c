package dev.mapl.emit.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The class generated for examples/quickstart/stage2.mapl, byte for byte. Any difference fails;
 * to accept a change on purpose, run with {@code -Dmapl.golden.update=true} and review the diff.
 */
class JavaGoldenTest {

	static final Path GOLDEN = Path.of("src/test/resources/golden/java/com/example/memtype/Stage2.java");

	@Test
	void quickstartMatchesTheGoldenFile() throws IOException {
		String actual = QuickstartModel.generate(QuickstartModel.model()).content();
		if (Boolean.getBoolean("mapl.golden.update")) {
			Files.createDirectories(GOLDEN.getParent());
			Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
		}
		assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual,
				"the generated class changed; if on purpose, rerun with -Dmapl.golden.update=true and review the diff");
	}

	/** The README's example of using the class, call by call. */
	@Test
	void theReadmeExampleHolds() throws Exception {
		String snippet = """
				package readme;

				import com.example.memtype.Stage2;
				import com.example.memtype.Stage2.Outcome;
				import com.example.memtype.Stage2.Prot;

				public final class Example {
				    private Example() {
				    }

				    public static String run() {
				        Outcome o = Stage2.decide(true, false, Prot.MT_NORMAL, true);
				        Stage2.Rule r = Stage2.rule(true, false, Prot.MT_NORMAL, true);
				        long facts = Stage2.pack(true, false, Prot.MT_NORMAL, true);
				        return o + " " + o.isCacheable() + " " + r + " " + r.label() + " " + r.line() + " " + r.outcome() + " "
				                + Stage2.decide(facts) + " " + (facts == (Stage2.VM_PFNMAP | Stage2.GUEST_MTE)) + " "
				                + Stage2.isPossible(true, true, Prot.MT_DEVICE_nGnRE, false);
				    }
				}
				""";
		ClassLoader loader = InMemoryJavac.compile(java.util.Map.of("com.example.memtype.Stage2",
				Files.readString(GOLDEN, StandardCharsets.UTF_8), "readme.Example", snippet)).loader();
		assertEquals("NormalNC false pfnmap_nc pfnmap_nc 28 NormalNC NormalNC true false",
				loader.loadClass("readme.Example").getMethod("run").invoke(null));
	}
}
