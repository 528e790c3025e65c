package dev.mapl.ir;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one policy becomes one kernel C function: {@code target c POLICY { ... }} with the bindings
 * it declares or {@code use}s merged (its own win).
 *
 * @param policy      qualified name of the policy
 * @param file        repo-relative path of the header to write, e.g. {@code arch/arm64/kvm/stage2_memtype.h}
 * @param function    the C prototype the generated function has
 * @param includes    headers the generated file includes
 * @param kconfig     Kconfig dependencies the code builds under ({@code KVM}); a KUnit suite depends on them
 * @param facts       C expression of each bound fact, by fact index (evaluated at most once)
 * @param enumValues  C constant of each value of each bound enum fact, by fact index then value index
 * @param outcomes    C value of each bound outcome, by outcome index
 * @param region      a file with a marked region {@code /* mapl:begin NAME *&#47; ... /* mapl:end NAME *&#47;}
 *                    (NAME = the function name) to replace instead of writing a header
 */
public record CTarget(String policy, String file, Prototype function, List<String> includes, List<String> kconfig,
		Map<Integer, String> facts, Map<Integer, List<String>> enumValues, Map<Integer, String> outcomes,
		Optional<String> region, Style style, SourceSpan span) {

	public CTarget {
		includes = List.copyOf(includes);
		kconfig = List.copyOf(kconfig);
		facts = Map.copyOf(facts);
		enumValues = Map.copyOf(enumValues);
		outcomes = Map.copyOf(outcomes);
	}

	/** A target without Kconfig dependencies. */
	public CTarget(String policy, String file, Prototype function, List<String> includes, Map<Integer, String> facts,
			Map<Integer, List<String>> enumValues, Map<Integer, String> outcomes, Optional<String> region, Style style,
			SourceSpan span) {
		this(policy, file, function, includes, List.of(), facts, enumValues, outcomes, region, style, span);
	}

	/** Code shape: nested if/else from the decision diagram, or a lookup table over packed facts. */
	public enum Style {
		BRANCHES, TABLE
	}

	/**
	 * A C function prototype as written, split into its parts.
	 *
	 * @param parameters each parameter as written ({@code struct kvm *kvm})
	 * @param names      each parameter's name ({@code kvm})
	 */
	public record Prototype(String returnType, String name, List<String> parameters, List<String> names) {
		public Prototype {
			parameters = List.copyOf(parameters);
			names = List.copyOf(names);
		}

		/** {@code int f(struct kvm *kvm, bool exec)}. */
		public String render() {
			return returnType + (returnType.endsWith("*") ? "" : " ") + name + "("
					+ (parameters.isEmpty() ? "void" : String.join(", ", parameters)) + ")";
		}

		/**
		 * Parses {@code RETURN NAME(PARAMS)}; empty when it is not of that shape.
		 */
		public static Optional<Prototype> parse(String text) {
			var m = java.util.regex.Pattern.compile("^\\s*(.*?[\\s*])\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)\\s*;?\\s*$",
					java.util.regex.Pattern.DOTALL).matcher(text);
			if (!m.matches() || m.group(1).isBlank()) {
				return Optional.empty();
			}
			String ret = m.group(1).strip().replaceAll("\\s+", " ");
			String params = m.group(3).strip();
			List<String> ps = new java.util.ArrayList<>();
			List<String> names = new java.util.ArrayList<>();
			if (!params.isEmpty() && !params.equals("void")) {
				for (String p : params.split(",")) {
					String param = p.strip().replaceAll("\\s+", " ");
					var n = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(\\[[^\\]]*\\])*$").matcher(param);
					if (param.isEmpty() || !n.find() || n.start() == 0) {
						return Optional.empty();
					}
					ps.add(param);
					names.add(n.group(1));
				}
			}
			return Optional.of(new Prototype(ret, m.group(2), ps, names));
		}
	}
}
