package dev.mapl.emit.java;

import dev.mapl.ir.Assumption;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Outcome;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import dev.mapl.ir.SourceSpan;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The IR of examples/quickstart/stage2.mapl, built by hand with the same names, docs, files and
 * lines as the front end lowers it to (the CLI tests check that they agree), so that the golden
 * file of the Java backend is what {@code ./mapl compile examples/quickstart/stage2.mapl} writes.
 */
public final class QuickstartModel {

	public static final String FILE = "examples/quickstart/stage2.mapl";
	/** The command the golden file names. */
	public static final String COMMAND = JavaEmitter.command(List.of(FILE), "generated", "com.example.memtype",
			JavaEmitter.Style.AUTO);

	private QuickstartModel() {
	}

	static SourceSpan at(int line) {
		return new SourceSpan(FILE, 0, 0, line, 5);
	}

	public static Model model() {
		Fact pfnmap = new Fact("VM_PFNMAP", List.of(), "The VMA maps raw PFNs (no struct page behind them).", at(5));
		Fact mteAllowed = new Fact("MTE_ALLOWED", List.of(), "The VMA may be mapped with MTE tags (VM_MTE_ALLOWED).", at(7));
		Fact prot = new Fact("prot", List.of("MT_NORMAL", "MT_NORMAL_TAGGED", "MT_NORMAL_NC", "MT_DEVICE_nGnRE",
				"MT_DEVICE_nGnRnE"), "The memory type the VMM mapped the VMA with (the pgprot's AttrIndx).", at(9));
		Fact mte = new Fact("guest.mte", List.of(), "The VM has MTE enabled (KVM_CAP_ARM_MTE).", at(14));
		List<Outcome> outcomes = List.of(new Outcome(0, "Device", List.of(), "", at(18)),
				new Outcome(1, "NormalNC", List.of(), "", at(19)),
				new Outcome(2, "Normal", List.of("cacheable"), "", at(20)));
		SourceSpan s = SourceSpan.NONE;
		Assumption physical = new Assumption(new Expr.Not(new Expr.And(List.of(new Expr.BoolFact(0, s),
				new Expr.BoolFact(1, s), new Expr.EnumIn(2, Set.of(3), s)), s), s), "",
				new SourceSpan(FILE, 0, 0, 23, 1));
		Assumption own = new Assumption(new Expr.Implies(new Expr.BoolFact(3, s), new Expr.Or(List.of(
				new Expr.BoolFact(1, s), new Expr.BoolFact(0, s)), s), s), "", at(27));
		List<Rule> rules = List.of(
				new Rule(0, "pfnmap_nc", true, false, new Expr.And(List.of(new Expr.BoolFact(0, s),
						new Expr.Not(new Expr.BoolFact(1, s), s)), s), Optional.of(new Expr.BoolFact(3, s)), 1, "", at(28)),
				new Rule(1, "ram", true, false, new Expr.EnumIn(2, Set.of(0, 1), s), Optional.empty(), 2, "", at(29)),
				new Rule(2, "line 30", false, true, new Expr.Const(true, s), Optional.empty(), 0, "", at(30)));
		Policy policy = new Policy("stage2", HitPolicy.FIRST, List.of(0, 1, 2, 3), List.of(physical, own), rules,
				List.of(), List.of(), "Which stage-2 memory type a fault maps.", new SourceSpan(FILE, 0, 0, 26, 1));
		return new Model(List.of(pfnmap, mteAllowed, prot, mte), outcomes, List.of(physical), List.of(policy));
	}

	/** The Java the golden file holds. */
	public static JavaEmitter.JavaFile generate(Model model) {
		Policy p = model.policy("stage2").orElseThrow();
		return JavaEmitter.emit(model, p, JavaEmitter.Options.of(COMMAND).withPackage("com.example.memtype"));
	}
}
