package dev.mapl.dsl.tests;

import dev.mapl.ir.HitPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * MAPL files with {@code let}s and compositions ({@code POLICY == O}, {@code != O}, {@code in {...}}
 * and {@code condition -> POLICY}), generated from a seed, together with their meaning: this class
 * decides its own structure directly, by the language's rules, without lowering. Lowering expands
 * both into ordinary IR, so a lowering mistake shows as a disagreement between {@link #decide} and
 * the reference interpreter on the lowered policy.
 *
 * <p>Facts are {@code f0..f4} and enums {@code e0} (3 values), {@code e1} (4), declared in that
 * order, outcomes {@code O0..O3}: the names the generator's C differential harness binds. The last
 * policy of a file ({@code top}) is the one decided three ways; the others are what it refers to.
 * Seed {@code s} has: {@code s % 4 == 0} lets only, {@code 1} compositions only, {@code 2, 3} both.
 */
final class ComposedPolicies {

	/** A generated file: its text, its policies (the last is {@code top}) and what it uses. */
	record File(long seed, String text, int bools, int enums, List<Pol> policies, boolean usesLet,
			boolean usesComposition) {

		Pol top() {
			return policies.get(policies.size() - 1);
		}

		int factCount() {
			return bools + enums;
		}

		int domain(int fact) {
			return fact < bools ? 2 : 3 + (fact - bools);
		}
	}

	/** A condition, as text and as meaning over a full input (facts in declaration order). */
	interface Cond {
		String text();

		boolean eval(int[] in);
	}

	/** {@code let NAME = DEF}. */
	record Let(String name, Cond def) {
	}

	/** One rule: {@code when -> outcome} or {@code when -> delegate}; {@code when == null} is {@code otherwise}. */
	record Rule(Cond when, int outcome, Pol delegate, Cond guard) {
	}

	/** A policy as generated. */
	static final class Pol {
		final String name;
		final HitPolicy hit;
		final List<Cond> assumptions = new ArrayList<>();
		final List<Let> lets = new ArrayList<>();
		final List<Rule> rules = new ArrayList<>();

		Pol(String name, HitPolicy hit) {
			this.name = name;
			this.hit = hit;
		}

		/**
		 * The outcome this policy decides, or -1: a rule matches where its condition and guard
		 * hold and, for a delegating rule, where the delegate decides (the delegate's outcome);
		 * {@code first} and {@code unique} take the first matching rule (unique's conflicts too),
		 * {@code priority} the earliest-declared outcome, the first such rule on a tie.
		 */
		int decide(int[] in) {
			int best = -1;
			for (Rule r : rules) {
				if (r.when != null && !r.when.eval(in) || r.guard != null && !r.guard.eval(in)) {
					continue;
				}
				int o = r.delegate != null ? r.delegate.decide(in) : r.outcome;
				if (o < 0) {
					continue;
				}
				if (hit != HitPolicy.PRIORITY) {
					return o;
				}
				if (best < 0 || o < best) {
					best = o;
				}
			}
			return best;
		}

		/** Whether it decides every input: it ends with an otherwise that does. */
		boolean total() {
			Rule last = rules.get(rules.size() - 1);
			return last.when == null && (last.delegate == null || last.delegate.total());
		}

		/** Its own assumptions hold, and those of every policy it delegates to (the delegate's world is its world). */
		boolean possible(int[] in) {
			for (Cond a : assumptions) {
				if (!a.eval(in)) {
					return false;
				}
			}
			for (Rule r : rules) {
				if (r.delegate != null && !r.delegate.possible(in)) {
					return false;
				}
			}
			return true;
		}
	}

	private static Cond cond(String text, java.util.function.Predicate<int[]> eval) {
		return new Cond() {
			@Override
			public String text() {
				return text;
			}

			@Override
			public boolean eval(int[] in) {
				return eval.test(in);
			}
		};
	}

	private ComposedPolicies() {
	}

	static File generate(long seed) {
		return new Gen(seed).file();
	}

	/** The generation state of one file. */
	private static final class Gen {
		final long seed;
		final SplittableRandom rnd;
		final boolean lets;
		final boolean compositions;
		final int bools;
		final int enums;
		final int outcomes;
		final List<Let> fileLets = new ArrayList<>();
		final List<Pol> policies = new ArrayList<>();
		boolean usedLet;
		boolean usedComposition;
		// what the policy being generated may name
		List<Let> visibleLets = List.of();
		List<Pol> visiblePolicies = List.of();

		Gen(long seed) {
			this.seed = seed;
			this.rnd = new SplittableRandom(0x4d41504cL * 31 + seed);
			this.lets = seed % 4 != 1;
			this.compositions = seed % 4 != 0;
			this.bools = 2 + rnd.nextInt(4);
			this.enums = rnd.nextInt(3);
			this.outcomes = 2 + rnd.nextInt(3);
		}

		File file() {
			if (lets) {
				visibleLets = fileLets;
				for (int i = 0, n = 1 + rnd.nextInt(2); i < n; i++) {
					fileLets.add(new Let("l" + i, expr(2)));
				}
			}
			boolean topUsesLet = false;
			boolean topUsesComposition = false;
			int leaves = compositions ? 1 + rnd.nextInt(2) : 0;
			for (int q = 0; q <= leaves; q++) {
				boolean isTop = q == leaves;
				Pol p = new Pol(isTop ? "top" : "q" + q, HitPolicy.values()[rnd.nextInt(3)]);
				List<Let> own = new ArrayList<>(fileLets);
				// the second leaf may compose the first: two levels of composition
				visiblePolicies = isTop ? List.copyOf(policies) : q > 0 && rnd.nextBoolean() ? List.copyOf(policies) : List.of();
				visibleLets = own;
				usedLet = false;
				usedComposition = false;
				if (rnd.nextInt(3) == 0) {
					p.assumptions.add(assumption());
				}
				if (lets && rnd.nextBoolean()) {
					Let l = new Let(p.name + "_l0", expr(2));
					p.lets.add(l);
					own.add(l);
				}
				int rules = 2 + rnd.nextInt(isTop ? 4 : 3);
				for (int i = 0; i < rules; i++) {
					p.rules.add(rule(isTop && i == 0));
				}
				// C needs `top` to decide every input; a leaf may leave gaps (`q1 != O0` is false there)
				if (isTop || rnd.nextBoolean()) {
					p.rules.add(otherwise());
				}
				if (isTop && lets && !usedLet) {
					p.rules.add(0, new Rule(letRef(), rnd.nextInt(outcomes), null, null));
				}
				policies.add(p);
				if (isTop) {
					topUsesLet = usedLet;
					topUsesComposition = usedComposition;
				}
			}
			return new File(seed, text(), bools, enums, List.copyOf(policies), topUsesLet, topUsesComposition);
		}

		/** The first rule of {@code top} in a file with compositions composes. */
		Rule rule(boolean mustCompose) {
			Cond guard = rnd.nextInt(5) == 0 ? expr(1) : null;
			if (!visiblePolicies.isEmpty() && (mustCompose || rnd.nextInt(3) == 0)) {
				Pol d = pick(visiblePolicies);
				usedComposition = true;
				return switch (rnd.nextInt(3)) {
					case 0 -> new Rule(expr(2), -1, d, guard);
					// `slot != Ok -> slot`: lowering leaves out the delegate's rules the test excludes
					case 1 -> new Rule(decides(d), -1, d, guard);
					default -> new Rule(decides(pick(visiblePolicies)), rnd.nextInt(outcomes), null, guard);
				};
			}
			return new Rule(expr(2), rnd.nextInt(outcomes), null, guard);
		}

		/** {@code otherwise -> O}, or {@code otherwise -> POLICY} to a policy that decides every input. */
		Rule otherwise() {
			List<Pol> total = visiblePolicies.stream().filter(Pol::total).toList();
			if (!total.isEmpty() && rnd.nextBoolean()) {
				usedComposition = true;
				return new Rule(null, -1, pick(total), null);
			}
			return new Rule(null, rnd.nextInt(outcomes), null, null);
		}

		/** Always satisfied by all booleans false and an enum on another value, so a policy always has possible inputs. */
		Cond assumption() {
			int a = rnd.nextInt(bools);
			int b = (a + 1 + rnd.nextInt(bools - 1)) % bools;
			if (enums > 0 && rnd.nextInt(3) == 0) {
				int e = rnd.nextInt(enums);
				int v = rnd.nextInt(2); // never the last value: several policies' assumptions never exclude all
				return enumTest(e, 1, new TreeSet<>(List.of(v)));
			}
			return rnd.nextBoolean() ? cond("f" + a + " => f" + b, in -> in[a] == 0 || in[b] != 0)
					: cond("!(f" + a + " & f" + b + ")", in -> in[a] == 0 || in[b] == 0);
		}

		Cond expr(int depth) {
			if (depth == 0 || rnd.nextInt(3) == 0) {
				return atom();
			}
			int k = rnd.nextInt(20);
			if (k == 0) {
				boolean v = rnd.nextBoolean();
				return cond(Boolean.toString(v), in -> v);
			}
			if (k < 4) {
				Cond c = expr(depth - 1);
				return cond("!(" + c.text() + ")", in -> !c.eval(in));
			}
			if (k < 6) {
				Cond l = expr(depth - 1);
				Cond r = expr(depth - 1);
				return cond("(" + l.text() + " => " + r.text() + ")", in -> !l.eval(in) || r.eval(in));
			}
			List<Cond> ops = new ArrayList<>();
			for (int i = 0, n = 2 + rnd.nextInt(2); i < n; i++) {
				ops.add(expr(depth - 1));
			}
			boolean and = k < 13;
			String text = "(" + String.join(and ? " & " : " | ", ops.stream().map(Cond::text).toList()) + ")";
			return and ? cond(text, in -> ops.stream().allMatch(c -> c.eval(in)))
					: cond(text, in -> ops.stream().anyMatch(c -> c.eval(in)));
		}

		Cond atom() {
			int k = rnd.nextInt(20);
			if (k < 3 && !visibleLets.isEmpty()) {
				return letRef();
			}
			if (k < 6 && !visiblePolicies.isEmpty()) {
				usedComposition = true;
				return decides(pick(visiblePolicies));
			}
			if (k < 11 && enums > 0) {
				int e = rnd.nextInt(enums);
				int size = 3 + e;
				TreeSet<Integer> values = new TreeSet<>();
				values.add(rnd.nextInt(size));
				int op = rnd.nextInt(3);
				if (op == 2) {
					values.add(rnd.nextInt(size));
				}
				return enumTest(e, op, values);
			}
			int f = rnd.nextInt(bools);
			return rnd.nextInt(4) == 0 ? cond("!f" + f, in -> in[f] == 0) : cond("f" + f, in -> in[f] != 0);
		}

		Cond letRef() {
			Let l = pick(visibleLets);
			usedLet = true;
			return cond(l.name(), l.def()::eval);
		}

		/** {@code e == V} (op 0), {@code e != V} (1), {@code e in {...}} (2). */
		Cond enumTest(int e, int op, TreeSet<Integer> values) {
			int fact = bools + e;
			Function<Integer, String> name = v -> "e" + e + "v" + v;
			int v0 = values.first();
			return switch (op) {
				case 0 -> cond("e" + e + " == " + name.apply(v0), in -> in[fact] == v0);
				case 1 -> cond("e" + e + " != " + name.apply(v0), in -> in[fact] != v0);
				default -> cond("e" + e + " in {" + String.join(", ", values.stream().map(name).toList()) + "}",
						in -> values.contains(in[fact]));
			};
		}

		/**
		 * {@code P == O}: P decides O; {@code P != O}: P decides an outcome other than O (not where it
		 * decides nothing); {@code P in {...}}: P decides one of them.
		 */
		Cond decides(Pol p) {
			int o = rnd.nextInt(outcomes);
			return switch (rnd.nextInt(3)) {
				case 0 -> cond(p.name + " == O" + o, in -> p.decide(in) == o);
				case 1 -> cond(p.name + " != O" + o, in -> {
					int d = p.decide(in);
					return d >= 0 && d != o;
				});
				default -> {
					int o2 = rnd.nextInt(outcomes);
					TreeSet<Integer> set = new TreeSet<>(List.of(o, o2));
					yield cond(p.name + " in {" + String.join(", ", set.stream().map(x -> "O" + x).toList()) + "}",
							in -> set.contains(p.decide(in)));
				}
			};
		}

		<T> T pick(List<T> xs) {
			return xs.get(rnd.nextInt(xs.size()));
		}

		String text() {
			StringBuilder sb = new StringBuilder();
			sb.append("// generated: ComposedPolicies seed ").append(seed).append("\nfacts {\n");
			for (int b = 0; b < bools; b++) {
				sb.append("    f").append(b).append('\n');
			}
			for (int e = 0; e < enums; e++) {
				List<String> vs = new ArrayList<>();
				for (int v = 0; v < 3 + e; v++) {
					vs.add("e" + e + "v" + v);
				}
				sb.append("    enum e").append(e).append(" { ").append(String.join(", ", vs)).append(" }\n");
			}
			sb.append("}\noutcomes {");
			for (int o = 0; o < outcomes; o++) {
				sb.append(" O").append(o);
			}
			sb.append(" }\n");
			for (Let l : fileLets) {
				sb.append("let ").append(l.name()).append(" = ").append(l.def().text()).append('\n');
			}
			for (Pol p : policies) {
				sb.append("policy ").append(p.name).append(' ').append(p.hit.name().toLowerCase(Locale.ROOT)).append(" {\n");
				for (Cond a : p.assumptions) {
					sb.append("    assume ").append(a.text()).append('\n');
				}
				for (Let l : p.lets) {
					sb.append("    let ").append(l.name()).append(" = ").append(l.def().text()).append('\n');
				}
				for (Rule r : p.rules) {
					sb.append("    ").append(r.when() == null ? "otherwise" : r.when().text()).append(" -> ")
							.append(r.delegate() != null ? r.delegate().name : "O" + r.outcome());
					if (r.guard() != null) {
						sb.append(" if ").append(r.guard().text());
					}
					sb.append('\n');
				}
				sb.append("}\n");
			}
			return sb.toString();
		}
	}
}
