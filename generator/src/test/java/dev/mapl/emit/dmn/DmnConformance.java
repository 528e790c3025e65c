package dev.mapl.emit.dmn;

import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.emit.java.Conformance;
import dev.mapl.interp.Decision;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.hitpolicy.DmnHitPolicyException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The exported DMN, evaluated by a real DMN engine (Camunda 7), agrees with the reference
 * interpreter: the same outcome and the same rule on every input checked, possible or not (a DMN
 * table decides every input as its rules are written, like the interpreter). Camunda 7 has no
 * {@code PRIORITY} hit policy: a {@code PRIORITY} table is evaluated under {@code RULE ORDER}
 * (every matching rule, in order) and the DMN 1.3 priority rule applied to the matches (the
 * earliest output value wins, then the earlier rule); the {@code FIRST} form of the same policy
 * is evaluated by Camunda directly.
 */
public final class DmnConformance {

	private static final ThreadLocal<List<String>> MATCHED = ThreadLocal.withInitial(ArrayList::new);
	private static final java.util.EnumMap<Feel, DmnEngine> ENGINES = new java.util.EnumMap<>(Feel.class);

	/** Camunda 7's two FEEL implementations. */
	public enum Feel {
		/** The default: the Scala FEEL engine (feel-scala), about 1 ms per evaluation here. */
		SCALA,
		/** The legacy FEEL engine (JUEL-based, {@code enableFeelLegacyBehavior}), about ten times faster. */
		LEGACY
	}

	private DmnConformance() {
	}

	/** One engine per FEEL implementation and test JVM, with a listener recording the ids of the rules that hit. */
	public static synchronized DmnEngine engine(Feel feel) {
		DmnEngine engine = ENGINES.get(feel);
		if (engine == null) {
			DefaultDmnEngineConfiguration cfg = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
					.createDefaultDmnEngineConfiguration();
			cfg.enableFeelLegacyBehavior(feel == Feel.LEGACY);
			cfg.customPostDecisionTableEvaluationListeners(List.of(new DmnDecisionTableEvaluationListener() {
				@Override
				public void notify(DmnDecisionTableEvaluationEvent event) {
					List<String> ids = MATCHED.get();
					ids.clear();
					for (DmnEvaluatedDecisionRule r : event.getMatchingRules()) {
						ids.add(r.getId());
					}
				}
			}));
			engine = cfg.buildEngine();
			ENGINES.put(feel, engine);
		}
		return engine;
	}

	/** Parses the one decision of an exported table. */
	public static DmnDecision parse(Feel feel, String xml) {
		List<DmnDecision> ds = engine(feel).parseDecisions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		if (ds.size() != 1) {
			throw new AssertionError("expected one decision, got " + ds.size());
		}
		return ds.get(0);
	}

	/** The variables of one input: booleans, enum values by name. */
	public static VariableMap variables(Model model, Policy policy, int[] input) {
		VariableMap vars = Variables.createVariables();
		for (Map.Entry<Integer, String> e : DmnEmitter.variables(model, policy).entrySet()) {
			Fact f = model.fact(e.getKey());
			int v = input[e.getKey()];
			vars.putValue(e.getValue(), f.isBoolean() ? (Object) (v != 0) : f.values().get(v));
		}
		return vars;
	}

	/** What the engine decided: the outcome (model index, -1 for none), the MAPL rule, or a conflict. */
	public record Answer(int outcome, int rule, boolean conflict) {
	}

	/** Evaluates one input; a {@code PRIORITY} table as described in the class comment. */
	public static Answer evaluate(Feel feel, Model model, Policy policy, DmnDecision decision, boolean priority,
			int[] input) {
		DmnDecisionTableResult result;
		try {
			result = engine(feel).evaluateDecisionTable(decision, variables(model, policy, input));
		} catch (DmnHitPolicyException e) {
			return new Answer(-1, -1, true);
		}
		List<String> ids = new ArrayList<>(MATCHED.get());
		if (priority) {
			int best = -1;
			int bestOutcome = Integer.MAX_VALUE;
			for (int i = 0; i < result.size(); i++) {
				int o = model.outcomeIndex((String) result.get(i).getSingleEntry());
				if (o < bestOutcome) {
					bestOutcome = o;
					best = i;
				}
			}
			return best < 0 ? new Answer(-1, -1, false) : new Answer(bestOutcome, DmnEmitter.ruleOf(ids.get(best)), false);
		}
		if (result.isEmpty()) {
			return new Answer(-1, -1, false);
		}
		String outcome = result.getSingleResult().getSingleEntry();
		return new Answer(model.outcomeIndex(outcome), DmnEmitter.ruleOf(ids.get(0)), false);
	}

	/** Which rule boundaries a sampled check adds. */
	public enum Boundaries {
		NONE,
		/** The first possible input each rule fires on. */
		FIRINGS,
		/** Those and every input one fact away from them. */
		NEIGHBOURS
	}

	/**
	 * Checks both exports of a policy (as declared, and as FIRST) on every input up to {@code limit}
	 * inputs, else on {@code samples} random ones plus {@code boundaries}. Returns the inputs checked.
	 */
	public static long check(Feel feel, Model model, Policy policy, long limit, int samples, Boundaries boundaries,
			long seed) {
		Interpreter interp = new Interpreter(model);
		String declared = DmnEmitter.emit(model, policy, DmnEmitter.Options.of("test"));
		String first = DmnEmitter.emit(model, policy, DmnEmitter.Options.of("test").withFirstHitPolicy(true));
		boolean priority = policy.hitPolicy() == HitPolicy.PRIORITY;
		DmnDecision asDeclared = parse(feel, priority ? declared.replace("hitPolicy=\"PRIORITY\"", "hitPolicy=\"RULE ORDER\"")
				: declared);
		DmnDecision asFirst = parse(feel, first);
		long[] n = {0};
		Consumer<int[]> one = input -> {
			n[0]++;
			Decision d = interp.decide(policy, input);
			int rule = d.firing().map(r -> policy.rules().indexOf(r)).orElse(-1);
			String where = " for " + render(model, policy, input);
			Answer a = evaluate(feel, model, policy, asDeclared, priority, input);
			if (d.kind() == Decision.Kind.CONFLICT) {
				expect(a.conflict(), "the DMN engine should report a UNIQUE violation", where);
			} else {
				expect(!a.conflict() && a.outcome() == d.outcome() && a.rule() == rule, "the DMN table decides " + a
						+ ", the interpreter " + d.outcome() + " by rule " + rule, where);
			}
			Answer b = evaluate(feel, model, policy, asFirst, false, input);
			expect(!b.conflict() && b.outcome() == d.outcome() && b.rule() == rule, "the FIRST table decides " + b
					+ ", the interpreter " + d.outcome() + " by rule " + rule, where);
		};
		if (InputSpace.of(model, policy).size() <= limit) {
			Conformance.allInputs(model, policy, one);
		} else {
			SplittableRandom rnd = new SplittableRandom(seed);
			for (int i = 0; i < samples; i++) {
				one.accept(Conformance.random(model, policy, rnd));
			}
			PolicyAnalyzer analyzer = new PolicyAnalyzer(model);
			if (boundaries == Boundaries.NEIGHBOURS) {
				Conformance.boundaries(model, policy, analyzer).forEach(one);
			} else if (boundaries == Boundaries.FIRINGS) {
				for (int j = 0; j < policy.rules().size(); j++) {
					analyzer.firstFiring(policy, j).ifPresent(c -> one.accept(c.toInput(model.facts().size())));
				}
			}
		}
		return n[0];
	}

	private static void expect(boolean ok, String what, String where) {
		if (!ok) {
			throw new AssertionError(what + where);
		}
	}

	private static String render(Model model, Policy policy, int[] input) {
		List<String> parts = new ArrayList<>();
		for (int f : policy.inputs()) {
			Fact fact = model.fact(f);
			parts.add(fact.isBoolean() ? (input[f] != 0 ? "" : "!") + fact.name() : fact.name() + " = " + fact.valueName(input[f]));
		}
		return String.join(", ", parts);
	}
}
