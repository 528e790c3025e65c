package dev.mapl.bench;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kvm.v6_17.Stage2;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The kernel stage-2 example (examples/kvm-arm64/v6_17.mapl, policy {@code stage2}): one decision
 * per call by the generated class (typed and packed), the hand-written if/else, the reference
 * interpreter, and Camunda evaluating the exported DMN (default and legacy FEEL engine).
 *
 * <p>Inputs are {@link Support#INPUTS} random possible inputs taken in turn: a sequence that long is
 * more than a branch predictor learns, so branchy code pays its mispredictions as it would on
 * inputs that do not repeat (with a few thousand inputs, the predictor learns the sequence).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KernelStage2Benchmark {

	/** One input, as a caller holds it: a field per fact. */
	public static final class Input {
		final boolean vmPfnmap;
		final boolean vmMixedmap;
		final boolean vmIo;
		final boolean vmMteAllowed;
		final boolean vmAllowAnyUncached;
		final Stage2.Prot prot;
		final boolean pfnStructPage;
		final boolean pfnMapMemory;
		final boolean guestMte;
		final boolean cpuFwb;
		final boolean cpuCacheDic;
		final boolean faultExec;
		final boolean slotLogDirty;

		Input(Model m, int[] in) {
			vmPfnmap = in[m.factIndex("VM_PFNMAP")] != 0;
			vmMixedmap = in[m.factIndex("VM_MIXEDMAP")] != 0;
			vmIo = in[m.factIndex("VM_IO")] != 0;
			vmMteAllowed = in[m.factIndex("VM_MTE_ALLOWED")] != 0;
			vmAllowAnyUncached = in[m.factIndex("VM_ALLOW_ANY_UNCACHED")] != 0;
			prot = Stage2.Prot.values()[in[m.factIndex("prot")]];
			pfnStructPage = in[m.factIndex("pfn.struct_page")] != 0;
			pfnMapMemory = in[m.factIndex("pfn.map_memory")] != 0;
			guestMte = in[m.factIndex("guest.mte")] != 0;
			cpuFwb = in[m.factIndex("cpu.fwb")] != 0;
			cpuCacheDic = in[m.factIndex("cpu.cache_dic")] != 0;
			faultExec = in[m.factIndex("fault.exec")] != 0;
			slotLogDirty = in[m.factIndex("slot.log_dirty")] != 0;
		}
	}

	static final int N = Support.INPUTS;
	static final int DMN_INPUTS = Support.DMN_INPUTS;
	Model model;
	Policy policy;
	Interpreter interpreter;
	Input[] inputs;
	long[] packed;
	int[][] ints;
	VariableMap[] variables;
	DmnEngine scala;
	DmnEngine legacy;
	DmnDecision scalaDecision;
	DmnDecision legacyDecision;
	int i;

	/** The example, from the copies the build puts in the jar. */
	static Model model() {
		try {
			Path dir = Files.createTempDirectory("mapl-kvm-arm64");
			List<Path> files = new ArrayList<>();
			for (String s : KernelSources.FILES) {
				try (InputStream in = KernelStage2Benchmark.class.getResourceAsStream("/examples/kvm-arm64/" + s)) {
					Path f = dir.resolve(s);
					Files.copy(in, f);
					files.add(f);
				}
			}
			Compilation c = MaplCompiler.create().compile(files);
			return c.model().orElseThrow(() -> new IllegalStateException("examples/kvm-arm64 has errors"));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Setup
	public void setup() {
		model = model();
		policy = model.policy("kvm.v6_17.stage2").orElseThrow();
		interpreter = new Interpreter(model);
		ints = Support.possibleInputs(model, policy, N, 42);
		inputs = new Input[N];
		packed = new long[N];
		variables = new VariableMap[DMN_INPUTS];
		for (int k = 0; k < N; k++) {
			Input x = new Input(model, ints[k]);
			inputs[k] = x;
			packed[k] = Stage2.pack(x.vmPfnmap, x.vmMixedmap, x.vmIo, x.vmMteAllowed, x.vmAllowAnyUncached, x.prot,
					x.pfnStructPage, x.pfnMapMemory, x.guestMte, x.cpuFwb, x.cpuCacheDic, x.faultExec, x.slotLogDirty);
			if (k < DMN_INPUTS) {
				variables[k] = Support.variables(model, policy, ints[k]);
			}
		}
		scala = Support.engine(false);
		legacy = Support.engine(true);
		String xml = Support.dmn(model, policy);
		scalaDecision = Support.parse(scala, xml);
		legacyDecision = Support.parse(legacy, xml);
		for (int k = 0; k < N; k++) {
			String expected = Support.name(model, interpreter.decide(policy, ints[k]).outcome());
			Support.same(expected, generated(inputs[k]), "generated", k);
			Support.same(expected, Stage2.decide(packed[k]), "generated, packed", k);
			Support.same(expected, handWritten(inputs[k]), "hand-written", k);
			if (k < 64) {
				Support.same(expected, Support.outcome(scala.evaluateDecisionTable(scalaDecision, variables[k])), "camunda", k);
				Support.same(expected, Support.outcome(legacy.evaluateDecisionTable(legacyDecision, variables[k])),
						"camunda legacy", k);
			}
		}
	}

	static Stage2.Outcome generated(Input x) {
		return Stage2.decide(x.vmPfnmap, x.vmMixedmap, x.vmIo, x.vmMteAllowed, x.vmAllowAnyUncached, x.prot, x.pfnStructPage,
				x.pfnMapMemory, x.guestMte, x.cpuFwb, x.cpuCacheDic, x.faultExec, x.slotLogDirty);
	}

	static Stage2.Outcome handWritten(Input x) {
		return HandWrittenStage2.decide(x.vmPfnmap, x.vmMixedmap, x.vmMteAllowed, x.vmAllowAnyUncached, x.prot,
				x.pfnMapMemory, x.guestMte, x.cpuFwb, x.cpuCacheDic, x.faultExec, x.slotLogDirty);
	}

	@Benchmark
	public Object generated() {
		return generated(inputs[i++ & (N - 1)]);
	}

	@Benchmark
	public Object generatedPacked() {
		return Stage2.decide(packed[i++ & (N - 1)]);
	}

	@Benchmark
	public Object handWritten() {
		return handWritten(inputs[i++ & (N - 1)]);
	}

	@Benchmark
	public Object interpreter() {
		return interpreter.decide(policy, ints[i++ & (N - 1)]);
	}

	@Benchmark
	public Object camundaDmn() {
		return scala.evaluateDecisionTable(scalaDecision, variables[i++ & (DMN_INPUTS - 1)]);
	}

	@Benchmark
	public Object camundaDmnLegacyFeel() {
		return legacy.evaluateDecisionTable(legacyDecision, variables[i++ & (DMN_INPUTS - 1)]);
	}
}
