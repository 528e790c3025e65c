package dev.mapl.analysis;

import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Spelling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The facts a question fixes, as the user wrote them ({@code VM_PFNMAP=1 prot=MT_NORMAL}): what
 * {@code explain}, {@code table} and {@code diff} restrict a policy to. Booleans are {@code 0},
 * {@code 1}, {@code false} or {@code true}; enums take a value name. {@link #resolve} checks them
 * against a policy's inputs, with "did you mean" help for misspelt names and values.
 */
public final class Restriction {

	/** One {@code FACT=VALUE} pair, spelt as given. */
	public record Given(String fact, String value) {
		@Override
		public String toString() {
			return fact + "=" + value;
		}
	}

	/** No fact fixed. */
	public static final Restriction NONE = new Restriction(List.of());

	private final List<Given> given;

	private Restriction(List<Given> given) {
		this.given = List.copyOf(given);
	}

	/**
	 * Parses command-line {@code FACT=VALUE} words.
	 *
	 * @throws RestrictionException for a word without {@code =} or with an empty side
	 */
	public static Restriction parse(List<String> assignments) {
		List<Given> out = new ArrayList<>();
		for (String a : assignments) {
			int eq = a.indexOf('=');
			String fact = eq < 0 ? "" : a.substring(0, eq).strip();
			String value = eq < 0 ? "" : a.substring(eq + 1).strip();
			if (fact.isEmpty() || value.isEmpty()) {
				throw new RestrictionException("expected FACT=VALUE, got `" + a + "`",
						"write each given fact as `name=value`, e.g. `VM_PFNMAP=1` or `prot=MT_NORMAL`");
			}
			out.add(new Given(fact, value));
		}
		return new Restriction(out);
	}

	/** From a map of fact names to values (a language-server request), in the map's iteration order. */
	public static Restriction of(Map<String, String> facts) {
		List<Given> out = new ArrayList<>();
		facts.forEach((f, v) -> out.add(new Given(f.strip(), v.strip())));
		return new Restriction(out);
	}

	public List<Given> given() {
		return given;
	}

	public boolean isEmpty() {
		return given.isEmpty();
	}

	/** {@code VM_PFNMAP=1, prot=MT_NORMAL}, as given. */
	@Override
	public String toString() {
		return given.stream().map(Given::toString).collect(Collectors.joining(", "));
	}

	/**
	 * The given values against one policy: per model fact, the value index it is fixed to, or -1.
	 *
	 * @throws RestrictionException for a fact the policy does not read, a value outside the fact's
	 *                              domain, or a fact given twice
	 */
	public int[] resolve(Model model, Policy policy) {
		return resolve(model.facts(), policy.inputs(), "policy `" + policy.name() + "`");
	}

	/**
	 * The given values against a list of facts of which {@code inputs} may be fixed; {@code owner}
	 * names them in messages ({@code policy `kvm.fault`}).
	 */
	public int[] resolve(List<Fact> facts, Collection<Integer> inputs, String owner) {
		int[] fixed = new int[facts.size()];
		Arrays.fill(fixed, -1);
		List<String> names = inputs.stream().sorted().map(i -> facts.get(i).name()).toList();
		for (Given g : given) {
			int f = -1;
			for (int i : inputs) {
				if (facts.get(i).name().equals(g.fact())) {
					f = i;
				}
			}
			if (f < 0) {
				boolean declared = facts.stream().anyMatch(x -> x.name().equals(g.fact()));
				throw new RestrictionException(owner + (declared ? " does not read fact `" : " has no fact `") + g.fact() + "`",
						suggest(g.fact(), names, "its facts are "));
			}
			Fact fact = facts.get(f);
			int v = value(fact, g.value());
			if (v < 0) {
				if (fact.isBoolean()) {
					throw new RestrictionException("`" + fact.name() + "` is a boolean: give 0 or 1, not `" + g.value() + "`",
							suggest(g.value(), List.of("true", "false"), "booleans are 0, 1, false or true"));
				}
				throw new RestrictionException("`" + g.value() + "` is not a value of enum `" + fact.name() + "`",
						suggest(g.value(), fact.values(), "its values are "));
			}
			if (fixed[f] >= 0) {
				throw new RestrictionException("`" + fact.name() + "` is given twice", "give each fact once");
			}
			fixed[f] = v;
		}
		return fixed;
	}

	private static int value(Fact fact, String value) {
		if (fact.isBoolean()) {
			return switch (value) {
				case "1", "true" -> 1;
				case "0", "false" -> 0;
				default -> -1;
			};
		}
		return fact.indexOf(value);
	}

	private static String suggest(String typed, List<String> candidates, String listPrefix) {
		Optional<String> near = Spelling.closest(typed, candidates);
		if (near.isPresent()) {
			return "did you mean `" + near.get() + "`?";
		}
		if (!listPrefix.endsWith(" ")) {
			return listPrefix;
		}
		return listPrefix + candidates.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
	}

	/** The fixed values of {@code fixed} as {@code FACT=VALUE} words, in fact order. */
	static List<String> words(List<Fact> facts, int[] fixed) {
		List<String> out = new ArrayList<>();
		for (int f = 0; f < fixed.length; f++) {
			if (fixed[f] >= 0) {
				out.add(facts.get(f).name() + "=" + facts.get(f).valueName(fixed[f]));
			}
		}
		return out;
	}

	/** {@link #words} joined by commas. */
	static String describe(List<Fact> facts, int[] fixed) {
		return String.join(", ", words(facts, fixed));
	}
}
