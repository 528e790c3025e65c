package dev.mapl.cli;

import dev.mapl.interp.Decision;
import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
		description = {"Explain the decision for one input: the outcome, the rule that fired and why each",
				"earlier rule did not. Facts left out may be omitted when they do not change the decision.",
				"Example: mapl explain stage2.mapl --policy stage2 VM_PFNMAP=1 MTE_ALLOWED=0 guest.mte=1 prot=MT_NORMAL"})
final class ExplainCommand implements Callable<Integer> {

	/** How many completions of omitted facts explain enumerates before asking for more facts. */
	private static final long COMPLETION_LIMIT = 1 << 20;

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Parameters(index = "0", paramLabel = "FILE", description = "the MAPL file (or folder) that holds the policy")
	Path file;

	@Option(names = "--policy", paramLabel = "NAME", description = "the policy (optional when there is only one)")
	String policyName;

	@Parameters(index = "1..*", paramLabel = "FACT=VALUE", description = "booleans as 0/1 or true/false, enums by value name")
	List<String> assignments = new ArrayList<>();

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		Model model = Workspace.modelOrFail(List.of(file), spec.commandLine().getErr());
		Policy policy = Workspace.policy(model, policyName, file);
		Interpreter interpreter = new Interpreter(model);
		int[] fixed = parse(model, policy);

		List<int[]> completions = new ArrayList<>();
		Set<String> decisions = new LinkedHashSet<>();
		InputSpace.of(model, policy).forEachPossible(interpreter, policy, fixed, COMPLETION_LIMIT, in -> {
			completions.add(in.clone());
			decisions.add(interpreter.decide(policy, in).firing().map(Rule::name).orElse(""));
			return decisions.size() <= 1;
		});
		if (completions.isEmpty()) {
			throw new UserError("that input is impossible: it violates the assumptions of policy `" + policy.name() + "`",
					Main.FAILED);
		}
		if (decisions.size() > 1) {
			List<String> open = new ArrayList<>();
			for (int f : policy.inputs()) {
				if (fixed[f] < 0) {
					open.add("`" + model.fact(f).name() + "`");
				}
			}
			throw new UserError("the decision depends on facts you left out: give a value for " + String.join(", ", open));
		}
		int[] input = completions.get(0);
		Decision d = interpreter.decide(policy, input);
		SourceText text = new SourceText();
		if (d.firing().isEmpty()) {
			out.println("outcome: none (no rule matches: a gap in policy `" + policy.name() + "`)");
		} else {
			Rule r = d.firing().get();
			out.println("outcome: " + model.outcome(r.outcome()).name());
			out.println("rule:    " + r.name() + " (" + r.span() + "): " + text.of(r.span()));
			if (d.kind() == Decision.Kind.CONFLICT) {
				out.println("warning: policy `" + policy.name() + "` is `unique` but these rules all match: "
						+ String.join(", ", d.matching().stream().map(m -> "`" + m.name() + "`").toList()));
			}
		}
		List<Rule> before = new ArrayList<>();
		for (Rule r : policy.rules()) {
			if (d.firing().isPresent() && r.index() >= d.firing().get().index()) {
				break;
			}
			before.add(r);
		}
		if (!before.isEmpty()) {
			out.println(d.firing().isPresent() ? "earlier rules:" : "rules:");
			for (Rule r : before) {
				out.println("  " + r.name() + " (" + r.span() + "): " + why(interpreter, r, input, model, text));
			}
		}
		if (d.firing().isPresent() && policy.hitPolicy() == dev.mapl.ir.HitPolicy.PRIORITY) {
			for (Rule m : d.matching()) {
				if (m != d.firing().get()) {
					out.println("  " + m.name() + " (" + m.span() + ") also matches, but `"
							+ model.outcome(d.firing().get().outcome()).name() + "` has priority over `"
							+ model.outcome(m.outcome()).name() + "`");
				}
			}
		}
		return Main.OK;
	}

	/** Why a rule does not decide this input: the parts of its condition that are false. */
	private static String why(Interpreter interpreter, Rule r, int[] input, Model model, SourceText text) {
		if (interpreter.matches(r, input)) {
			return "matches too, but an earlier rule decides first";
		}
		List<String> reasons = new ArrayList<>();
		List<Expr> parts = new ArrayList<>();
		// Split a written conjunction into its parts; a `let` name stays one part.
		if (r.when() instanceof Expr.And a && text.of(a.span()).contains("&")) {
			parts.addAll(a.operands());
		} else {
			parts.add(r.when());
		}
		for (Expr e : parts) {
			if (!interpreter.eval(e, input, -1)) {
				reasons.add("`" + text.of(e.span()) + "` is false");
			}
		}
		if (reasons.isEmpty() && r.guard().isPresent()) {
			reasons.add("guard `" + text.of(r.guard().get().span()) + "` is false");
		}
		return String.join(", ", reasons);
	}

	private int[] parse(Model model, Policy policy) {
		int[] fixed = new int[model.facts().size()];
		Arrays.fill(fixed, -1);
		for (String a : assignments) {
			int eq = a.indexOf('=');
			if (eq <= 0) {
				throw new UserError("expected FACT=VALUE, got `" + a + "`");
			}
			String name = a.substring(0, eq).strip();
			String value = a.substring(eq + 1).strip();
			int f = model.factIndex(name);
			if (f < 0 || !policy.inputs().contains(f)) {
				List<String> names = policy.inputs().stream().map(i -> model.fact(i).name()).toList();
				throw new UserError("policy `" + policy.name() + "` has no fact `" + name + "`; its facts are "
						+ String.join(", ", names));
			}
			Fact fact = model.fact(f);
			int v;
			if (fact.isBoolean()) {
				v = switch (value) {
					case "1", "true" -> 1;
					case "0", "false" -> 0;
					default -> throw new UserError("`" + name + "` is a boolean: give 0 or 1, not `" + value + "`");
				};
			} else {
				v = fact.indexOf(value);
				if (v < 0) {
					throw new UserError("`" + value + "` is not a value of enum `" + name + "`; its values are "
							+ String.join(", ", fact.values()));
				}
			}
			if (fixed[f] >= 0) {
				throw new UserError("`" + name + "` is given twice");
			}
			fixed[f] = v;
		}
		return fixed;
	}
}
