package dev.mapl.emit.java;

import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.ir.Rule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A loaded generated class, called reflectively with interpreter inputs ({@code int[]} indexed
 * like the model's facts): outcomes and rules come back as model indexes.
 */
public final class GeneratedPolicy {

	private final Model model;
	private final Policy policy;
	private final Class<?> cls;
	private final int[] inputs;
	private final Object[][] enumValues;
	private final Method decide;
	private final Method rule;
	private final Method isPossible;
	private final Method pack;
	private final Method decidePacked;
	private final Method rulePacked;
	private final Method isPossiblePacked;
	/** Model outcome index by ordinal of the generated Outcome enum. */
	private final List<Integer> outcomes;

	public GeneratedPolicy(Model model, Policy policy, Class<?> cls) {
		this.model = model;
		this.policy = policy;
		this.cls = cls;
		this.inputs = policy.inputs().stream().mapToInt(Integer::intValue).toArray();
		this.enumValues = new Object[inputs.length][];
		Class<?>[] types = new Class<?>[inputs.length];
		try {
			// The typed decide: parameters in declaration order (the other one takes a packed long).
			Method d = null;
			for (Method m : cls.getMethods()) {
				if (m.getName().equals("decide")
						&& !java.util.Arrays.equals(m.getParameterTypes(), new Class<?>[] {long.class})) {
					d = m;
				}
			}
			if (d == null || d.getParameterCount() != inputs.length) {
				throw new AssertionError("no decide with " + inputs.length + " parameters in " + cls.getName());
			}
			types = d.getParameterTypes();
			for (int i = 0; i < inputs.length; i++) {
				if (model.fact(inputs[i]).isBoolean()) {
					if (types[i] != boolean.class) {
						throw new AssertionError("parameter " + i + " of decide should be boolean: " + d);
					}
				} else {
					enumValues[i] = types[i].getEnumConstants();
					if (enumValues[i].length != model.fact(inputs[i]).domainSize()) {
						throw new AssertionError("enum " + types[i] + " has the wrong values");
					}
				}
			}
			this.decide = d;
			this.rule = cls.getMethod("rule", types);
			this.isPossible = cls.getMethod("isPossible", types);
			this.pack = optional("pack", types);
			this.decidePacked = optional("decide", long.class);
			this.rulePacked = optional("rule", long.class);
			this.isPossiblePacked = optional("isPossible", long.class);
		} catch (NoSuchMethodException e) {
			throw new AssertionError(e);
		}
		this.outcomes = new ArrayList<>(new TreeSet<>(policy.rules().stream().map(Rule::outcome).toList()));
	}

	private Method optional(String name, Class<?>... types) {
		try {
			return cls.getMethod(name, types);
		} catch (NoSuchMethodException e) {
			return null;
		}
	}

	public Class<?> type() {
		return cls;
	}

	public boolean isPacked() {
		return pack != null;
	}

	public Object[] args(int[] input) {
		Object[] a = new Object[inputs.length];
		for (int i = 0; i < inputs.length; i++) {
			int v = input[inputs[i]];
			a[i] = enumValues[i] == null ? (Object) (v != 0) : enumValues[i][v];
		}
		return a;
	}

	private static Object call(Method m, Object... args) {
		try {
			return m.invoke(null, args);
		} catch (IllegalAccessException e) {
			throw new AssertionError(e);
		} catch (InvocationTargetException e) {
			throw new AssertionError(m.getName() + " threw " + e.getCause(), e.getCause());
		}
	}

	/** The model index of an outcome value, or -1 for null. */
	public int outcomeIndex(Object outcome) {
		return outcome == null ? -1 : outcomes.get(((Enum<?>) outcome).ordinal());
	}

	/** The position of a rule value in the policy, or -1 for null. */
	public int ruleIndex(Object rule) {
		return rule == null ? -1 : ((Enum<?>) rule).ordinal();
	}

	public int decide(int[] input) {
		return outcomeIndex(call(decide, args(input)));
	}

	public int rule(int[] input) {
		return ruleIndex(call(rule, args(input)));
	}

	public Object ruleValue(int[] input) {
		return call(rule, args(input));
	}

	public boolean isPossible(int[] input) {
		return (Boolean) call(isPossible, args(input));
	}

	public long pack(int[] input) {
		return (Long) call(pack, args(input));
	}

	public int decide(long facts) {
		return outcomeIndex(call(decidePacked, facts));
	}

	public int rule(long facts) {
		return ruleIndex(call(rulePacked, facts));
	}

	public boolean isPossible(long facts) {
		return (Boolean) call(isPossiblePacked, facts);
	}

	/** {@code label()} and {@code line()} of a Rule value. */
	public String labelAndLine(Object rule) {
		try {
			return rule.getClass().getMethod("label").invoke(rule) + "@" + rule.getClass().getMethod("line").invoke(rule);
		} catch (ReflectiveOperationException e) {
			throw new AssertionError(e);
		}
	}

	public Policy policy() {
		return policy;
	}

	public Model model() {
		return model;
	}
}
