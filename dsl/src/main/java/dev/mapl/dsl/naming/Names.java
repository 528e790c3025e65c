package dev.mapl.dsl.naming;

import dev.mapl.dsl.mapl.Attribute;
import dev.mapl.dsl.mapl.BoolFact;
import dev.mapl.dsl.mapl.EnumFact;
import dev.mapl.dsl.mapl.Fact;
import dev.mapl.dsl.mapl.FactGroup;
import dev.mapl.dsl.mapl.Model;
import dev.mapl.dsl.mapl.Outcome;
import dev.mapl.dsl.mapl.Policy;
import dev.mapl.dsl.mapl.Symbol;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;

/** Names as users write them in expressions and as messages print them. */
public final class Names {

	private Names() {
	}

	/** {@code guest.mte} for a grouped fact, {@code VM_PFNMAP} otherwise; never the package. */
	public static String factName(Fact fact) {
		FactGroup group = EcoreUtil2.getContainerOfType(fact, FactGroup.class);
		return group != null && group.getName() != null ? group.getName() + "." + fact.getName() : fact.getName();
	}

	/** A policy's name, qualified by its file's package when it has one. */
	public static String policyName(Policy policy) {
		Model model = EcoreUtil2.getContainerOfType(policy, Model.class);
		return model != null && model.getName() != null ? model.getName() + "." + policy.getName() : policy.getName();
	}

	/** The name of any symbol as an expression would spell it. */
	public static String symbolName(Symbol symbol) {
		if (symbol instanceof Fact f) {
			return factName(f);
		} else if (symbol instanceof Outcome o) {
			return o.getName();
		} else if (symbol instanceof Attribute a) {
			return a.getName();
		} else if (symbol instanceof dev.mapl.dsl.mapl.Let l) {
			return l.getName();
		}
		return String.valueOf(symbol);
	}

	/** What kind of thing a symbol is, for messages: "fact", "enum fact", "outcome", "attribute". */
	public static String kind(EObject symbol) {
		if (symbol instanceof EnumFact) {
			return "enum fact";
		} else if (symbol instanceof BoolFact) {
			return "fact";
		} else if (symbol instanceof Outcome) {
			return "outcome";
		} else if (symbol instanceof Attribute) {
			return "attribute";
		} else if (symbol instanceof dev.mapl.dsl.mapl.Let) {
			return "definition";
		}
		return "name";
	}

	/** The closest candidate within a small edit distance, for "did you mean" help. */
	public static Optional<String> closest(String name, Collection<String> candidates) {
		if (name == null || name.isEmpty()) {
			return Optional.empty();
		}
		int limit = Math.max(1, name.length() / 3);
		return candidates.stream().distinct()
				.filter(c -> !c.equals(name))
				// the edit distance is at least the difference in length: skip the hopeless cheaply
				.filter(c -> Math.abs(c.length() - name.length()) <= limit)
				.map(c -> new Object[] {c, distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT))})
				.filter(p -> (int) p[1] <= limit && (int) p[1] < name.length())
				.min(Comparator.<Object[]>comparingInt(p -> (int) p[1]).thenComparing(p -> (String) p[0]))
				.map(p -> (String) p[0]);
	}

	/** Damerau-style edit distance (adjacent transpositions count as one). */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}
}
