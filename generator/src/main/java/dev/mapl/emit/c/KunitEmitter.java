package dev.mapl.emit.c;

import dev.mapl.analysis.Counterexample;
import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.emit.TemplateText;
import dev.mapl.interp.Decision;
import dev.mapl.ir.Expr;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Invariant;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A KUnit suite for one generated header: per function, a parameterised test of the inner
 * function on every possible input (or, when there are more than {@link #EXHAUSTIVE}, on the first
 * input of every path of the decision, its neighbours across each test, and a witness of every
 * invariant), with the expected outcome and the deciding rule in each case's name; and, for enum
 * parameters, a test that a value outside the enum decides as its last value. It tests the inner
 * function, so it needs no kernel object.
 */
public final class KunitEmitter {

	/** Up to this many inputs are all tested. */
	static final long EXHAUSTIVE = 512;
	/** At most this many cases per function otherwise. */
	static final int MAX_CASES = 512;

	/** The suite file and what the kernel's build needs to know about it. */
	public record Suite(String path, String content, String kconfigSymbol, String kconfig, String makefile) {
	}

	private final Model model;
	private final String headerPath;
	private final List<CFunctionPlan> plans;
	private final List<String> sources;
	private final String command;

	KunitEmitter(Model model, String headerPath, List<CFunctionPlan> plans, List<String> sources, String command) {
		this.model = model;
		this.headerPath = headerPath;
		this.plans = plans;
		this.sources = sources;
		this.command = command;
	}

	static String testPath(String headerPath) {
		String base = headerPath.endsWith(".h") ? headerPath.substring(0, headerPath.length() - 2) : headerPath;
		return base + "_test.c";
	}

	/** {@code arch/arm64/kvm/stage2_memtype.h} -> {@code arm64_kvm_stage2_memtype}. */
	static String suiteName(String headerPath) {
		String p = headerPath.endsWith(".h") ? headerPath.substring(0, headerPath.length() - 2) : headerPath;
		if (p.startsWith("arch/")) {
			p = p.substring(5);
		}
		return p.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
	}

	Suite emit() {
		String path = testPath(headerPath);
		String suite = suiteName(headerPath);
		String file = path.substring(path.lastIndexOf('/') + 1);
		String header = headerPath.substring(headerPath.lastIndexOf('/') + 1);
		List<String> functions = new ArrayList<>();
		List<String> caseLines = new ArrayList<>();
		for (CFunctionPlan p : plans) {
			functions.add(function(p, caseLines));
		}
		List<String> cases = new ArrayList<>();
		for (String c : caseLines) {
			cases.add(KernelLayout.list(1, "KUNIT_CASE_PARAM(", List.of(c.split(", ")), ",", "),"));
		}
		String content = TemplateText.lines(KunitTemplate.suite(CBackend.provenance("", sources, command), header,
				functions, suite, cases, KernelLayout.string(suite),
				KernelLayout.string(KunitTemplate.description(headerPath).toString())));
		String symbol = suite.toUpperCase(Locale.ROOT) + "_KUNIT_TEST";
		String kconfig = TemplateText.lines(KunitTemplate.kconfig(symbol, header, headerPath, dependencies()));
		String makefile = TemplateText.lines(KunitTemplate.makefile(symbol, file.substring(0, file.length() - 2)));
		return new Suite(path, content, symbol, kconfig, makefile);
	}

	/** The Kconfig dependencies of the header's targets, each once, in order. */
	private List<String> dependencies() {
		List<String> out = new ArrayList<>();
		for (CFunctionPlan p : plans) {
			p.target().kconfig().stream().filter(k -> !out.contains(k)).forEach(out::add);
		}
		return out;
	}

	/** The tests of one function; adds their {@code KUNIT_CASE_PARAM} arguments to {@code caseLines}. */
	private String function(CFunctionPlan p, List<String> caseLines) {
		String fn = p.name();
		String type = fn + "_case";
		String rt = p.target().function().returnType();
		List<int[]> reads = new ArrayList<>();
		boolean all = selectInputs(p, reads);
		// One case per input of the parameters (the read facts the code does not test do not matter).
		java.util.LinkedHashMap<String, int[]> byParams = new java.util.LinkedHashMap<>();
		for (int[] r : reads) {
			byParams.putIfAbsent(java.util.Arrays.toString(p.toParams(r)), r);
		}
		List<int[]> inputs = new ArrayList<>(byParams.values());
		String comment = KernelLayout.comment(0, "/*",
				List.of(KunitTemplate.casesComment(p.policy().name(), inputs.size(), p.innerName(), all).toString()));
		List<String> fields = new ArrayList<>();
		List<Boolean> booleans = new ArrayList<>();
		for (int f : p.facts()) {
			fields.add(p.param(f));
			booleans.add(model.fact(f).isBoolean());
		}
		String rtSpaced = rt.endsWith("*") ? rt : rt + " ";
		String decl = line(KunitTemplate.casesDeclaration(type, fn, false));
		if (KernelLayout.width(decl) > KernelLayout.MAX) {
			decl = line(KunitTemplate.casesDeclaration(type, fn, true));
		}
		List<String> cases = new ArrayList<>();
		for (int[] r : inputs) {
			Decision d = p.reference(r);
			int[] in = p.toParams(r);
			String desc = desc(p, in, d);
			List<String> items = new ArrayList<>();
			items.add(KernelLayout.string(desc) + ",");
			for (int k = 0; k < in.length; k++) {
				int f = p.facts().get(k);
				Fact fact = model.fact(f);
				items.add((fact.isBoolean() ? (in[k] != 0 ? "true" : "false") : p.enumConstant(f, in[k])) + ",");
			}
			items.add(p.outcomeValue(d.outcome()));
			String one = KernelLayout.list(1, "{ ", items, "", " },");
			cases.add(one.contains("\n") ? KunitTemplate.longCase(KernelLayout.string(desc),
					KernelLayout.list(2, "", items.subList(1, items.size()), "", "")).toString() : one);
		}
		List<String> args = new ArrayList<>();
		for (int f : p.facts()) {
			args.add("c->" + p.param(f));
		}
		boolean pointer = rt.endsWith("*");
		caseLines.add(fn + "_test, " + fn + "_gen_params");
		String test = KunitTemplate.function(comment, type, fields, booleans, rtSpaced, decl, cases,
				KernelLayout.list(0, "KUNIT_ARRAY_PARAM_DESC(", List.of(fn, fn + "_cases", "desc"), ",", ");"), fn,
				KernelLayout.list(1, rtSpaced + "got = " + p.innerName() + "(", args, ",", ");"), pointer).toString();

		List<Integer> enums = p.facts().stream().filter(f -> !model.fact(f).isBoolean()).toList();
		if (enums.isEmpty()) {
			return test;
		}
		List<String> doc = new ArrayList<>();
		List<String> params = new ArrayList<>();
		List<String> checks = new ArrayList<>();
		for (int f : enums) {
			Fact fact = model.fact(f);
			doc.add(KunitTemplate.otherValueDoc(p.param(f), KernelLayout.commentText(p.enumConstant(f,
					fact.domainSize() - 1))).toString());
			params.add(p.param(f));
			List<String> tests = new ArrayList<>();
			for (int v = 0; v < fact.domainSize(); v++) {
				tests.add(p.param(f) + " == " + p.enumConstant(f, v) + (v < fact.domainSize() - 1 ? " ||" : ""));
			}
			List<String> with = new ArrayList<>();
			List<String> last = new ArrayList<>();
			for (int g : p.facts()) {
				with.add(g == f ? p.param(f) : "c->" + p.param(g));
				last.add(g == f ? p.enumConstant(f, fact.domainSize() - 1) : "c->" + p.param(g));
			}
			checks.add(KunitTemplate.otherValueCheck(KernelLayout.list(1, "while (", tests, "", ")"), p.param(f),
					KernelLayout.list(1, "got = " + p.innerName() + "(", with, ",", ");"),
					KernelLayout.list(1, "want = " + p.innerName() + "(", last, ",", ");"), pointer).toString());
		}
		caseLines.add(fn + "_other_values_test, " + fn + "_gen_params");
		return test + "\n" + KunitTemplate.otherValues(KernelLayout.comment(0, "/*", List.of(String.join(" ", doc))), fn,
				type, params, rtSpaced, checks);
	}

	/** A template's lines without the line end after the last. */
	private static String line(CharSequence template) {
		return TemplateText.lf(template).stripTrailing();
	}

	/** {@code exec_device: Enoexec <- !VM_MTE_ALLOWED, fault.exec}. */
	private String desc(CFunctionPlan p, int[] in, Decision d) {
		List<String> lits = new ArrayList<>();
		for (int k = 0; k < in.length; k++) {
			Fact fact = model.fact(p.facts().get(k));
			lits.add(fact.isBoolean() ? (in[k] != 0 ? fact.name() : "!" + fact.name())
					: fact.name() + "=" + fact.values().get(in[k]));
		}
		String rule = d.firing().map(MaplText::ruleName).orElse("none");
		String s = rule + ": " + model.outcome(d.outcome()).name() + (lits.isEmpty() ? "" : " <- " + String.join(" ", lits));
		return s.length() > 127 ? s.substring(0, 124) + "..." : s;
	}

	// ---- which inputs

	/** Fills {@code out} with the inputs to test; true when they are all possible inputs. */
	private boolean selectInputs(CFunctionPlan p, List<int[]> out) {
		if (p.inputSpace() <= EXHAUSTIVE) {
			out.addAll(p.possibleInputs(EXHAUSTIVE));
			return true;
		}
		TreeMap<String, int[]> chosen = new TreeMap<>();
		Model pm = p.projectedModel();
		Policy pp = p.projectedPolicy();
		PolicyAnalyzer analyzer = new PolicyAnalyzer(pm);
		int n = p.readFacts().size();
		// The first possible input of every path of the decision (rule leaves, impossible inputs kept).
		List<long[]> paths = new ArrayList<>();
		paths(p, p.rules().root(), p.fullCube(), paths, MAX_CASES / 4);
		List<int[]> witnesses = new ArrayList<>();
		for (long[] cube : paths) {
			List<Expr> lits = new ArrayList<>();
			for (int k = 0; k < cube.length; k++) {
				int pf = p.projectedFact(k);
				Fact fact = pm.fact(pf);
				long full = (1L << fact.domainSize()) - 1;
				if (cube[k] == full) {
					continue;
				}
				java.util.TreeSet<Integer> vs = new java.util.TreeSet<>();
				for (int v = 0; v < fact.domainSize(); v++) {
					if ((cube[k] & (1L << v)) != 0) {
						vs.add(v);
					}
				}
				lits.add(fact.isBoolean() ? (vs.contains(1) ? new Expr.BoolFact(pf, SourceSpan.NONE)
						: new Expr.Not(new Expr.BoolFact(pf, SourceSpan.NONE), SourceSpan.NONE))
						: new Expr.EnumIn(pf, vs, SourceSpan.NONE));
			}
			Expr e = lits.isEmpty() ? new Expr.Const(true, SourceSpan.NONE)
					: lits.size() == 1 ? lits.get(0) : new Expr.And(lits, SourceSpan.NONE);
			analyzer.firstInput(pp, e).ifPresent(c -> witnesses.add(c.toInput(n)));
		}
		// Witnesses of the invariants, projected onto the function's facts.
		PolicyAnalyzer full = new PolicyAnalyzer(model);
		for (Invariant inv : p.policy().invariants()) {
			Expr e = inv.expr() instanceof Expr.Implies i ? i.left() : inv.expr();
			Optional<Counterexample> c = Optional.empty();
			try {
				c = full.firstInput(p.policy(), e);
			} catch (RuntimeException ex) {
				// an invariant over outcomes only: no input to project
			}
			c.ifPresent(x -> {
				int[] in = x.toInput(model.facts().size());
				int[] args = new int[n];
				for (int k = 0; k < n; k++) {
					args[k] = in[p.readFacts().get(k)];
				}
				witnesses.add(args);
			});
		}
		for (int[] w : witnesses) {
			add(chosen, w);
			// Across each test: the neighbours that differ in one fact.
			for (int k = 0; k < n && chosen.size() < MAX_CASES; k++) {
				int d = pm.fact(k).domainSize();
				for (int v = 0; v < d; v++) {
					if (v != w[k]) {
						int[] x = w.clone();
						x[k] = v;
						if (p.isPossible(x)) {
							add(chosen, x);
						}
					}
				}
			}
			if (chosen.size() >= MAX_CASES) {
				break;
			}
		}
		out.addAll(chosen.values());
		return false;
	}

	private static void add(TreeMap<String, int[]> chosen, int[] in) {
		StringBuilder key = new StringBuilder();
		for (int v : in) {
			key.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
		}
		chosen.putIfAbsent(key.toString(), in.clone());
	}

	private static void paths(CFunctionPlan p, DecisionDiagram.Node n, long[] cube, List<long[]> out, int max) {
		if (out.size() >= max) {
			return;
		}
		if (n.isLeaf()) {
			if (((DecisionDiagram.Leaf) n).kind() != DecisionDiagram.Kind.IMPOSSIBLE) {
				out.add(cube.clone());
			}
			return;
		}
		DecisionDiagram.Test t = (DecisionDiagram.Test) n;
		for (DecisionDiagram.Edge e : t.edges()) {
			long[] c = cube.clone();
			long mask = 0;
			for (int v : e.values()) {
				mask |= 1L << v;
			}
			c[t.fact()] &= mask;
			paths(p, e.child(), c, out, max);
		}
	}

}
