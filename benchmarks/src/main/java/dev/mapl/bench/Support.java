package dev.mapl.bench;

import dev.mapl.emit.dmn.DmnEmitter;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/** What the benchmarks share: random possible inputs, the DMN engine, cross-checks. */
public final class Support {

	/**
	 * Random inputs per benchmark, taken in turn: 65536, more than a branch predictor memorises
	 * (with 1024, the kernel's hand-written if/else ran 7 times faster than on fresh inputs).
	 */
	public static final int INPUTS = 1 << 16;
	/** Inputs for the DMN engine, which takes milliseconds per decision: variety does not matter there. */
	public static final int DMN_INPUTS = 1 << 10;

	private Support() {
	}

	/** {@code n} random inputs the policy's assumptions allow (interpreter arrays), the same for a seed. */
	public static int[][] possibleInputs(Model model, Policy policy, int n, long seed) {
		Interpreter interp = new Interpreter(model);
		SplittableRandom rnd = new SplittableRandom(seed);
		int[][] out = new int[n][];
		for (int k = 0; k < n;) {
			int[] in = new int[model.facts().size()];
			for (int f : policy.inputs()) {
				in[f] = rnd.nextInt(model.fact(f).domainSize());
			}
			if (interp.isPossible(policy, in)) {
				out[k++] = in;
			}
		}
		return out;
	}

	/** Camunda's DMN engine with its default configuration (Scala FEEL), or with its legacy FEEL engine. */
	public static DmnEngine engine(boolean legacyFeel) {
		DefaultDmnEngineConfiguration cfg = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
				.createDefaultDmnEngineConfiguration();
		cfg.enableFeelLegacyBehavior(legacyFeel);
		return cfg.buildEngine();
	}

	/** The exported table, as {@code mapl export --dmn} writes it. */
	public static String dmn(Model model, Policy policy) {
		return DmnEmitter.emit(model, policy, DmnEmitter.Options.of("(benchmark)"));
	}

	public static DmnDecision parse(DmnEngine engine, String xml) {
		return engine.parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).get(0);
	}

	public static VariableMap variables(Model model, Policy policy, int[] input) {
		VariableMap vars = Variables.createVariables();
		for (Map.Entry<Integer, String> e : DmnEmitter.variables(model, policy).entrySet()) {
			Fact f = model.fact(e.getKey());
			int v = input[e.getKey()];
			vars.putValue(e.getValue(), f.isBoolean() ? (Object) (v != 0) : f.values().get(v));
		}
		return vars;
	}

	public static String outcome(DmnDecisionTableResult r) {
		if (r.isEmpty()) {
			return "null";
		}
		Object o = r.getSingleResult().getSingleEntry();
		return String.valueOf(o);
	}

	public static String name(Model model, int outcome) {
		return outcome < 0 ? "null" : model.outcome(outcome).name();
	}

	/** Stops the benchmark when a variant decides differently: the numbers would compare different work. */
	public static void same(String expected, Object actual, String variant, int input) {
		if (!expected.equals(String.valueOf(actual))) {
			throw new IllegalStateException(variant + " decides " + actual + " on input " + input + ", the interpreter "
					+ expected);
		}
	}
}
