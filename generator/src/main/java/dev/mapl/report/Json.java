package dev.mapl.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny deterministic JSON writer (the generator takes no JSON dependency). Values are
 * {@code null}, {@link Boolean}, {@link Number} (integers exactly, also {@link BigInteger}),
 * {@link CharSequence}, {@link Map} with string keys (written in iteration order: use
 * {@link #object()} or a sorted map) and {@link Collection}. Output is pretty-printed with two
 * spaces, {@code "\n"} line endings and a final newline; arrays holding only scalars stay on one
 * line.
 */
public final class Json {

	private Json() {
	}

	/** An insertion-ordered JSON object. */
	public static Map<String, Object> object() {
		return new LinkedHashMap<>();
	}

	public static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value, 0);
		return sb.append('\n').toString();
	}

	private static void write(StringBuilder sb, Object v, int indent) {
		if (v instanceof Map<?, ?> m) {
			if (m.isEmpty()) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				pad(sb, indent + 1);
				quote(sb, String.valueOf(e.getKey()));
				sb.append(": ");
				write(sb, e.getValue(), indent + 1);
				sb.append(++i < m.size() ? ",\n" : "\n");
			}
			pad(sb, indent);
			sb.append('}');
		} else if (v instanceof Collection<?> c) {
			if (c.isEmpty()) {
				sb.append("[]");
				return;
			}
			boolean scalars = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
			if (scalars) {
				sb.append('[');
				int i = 0;
				for (Object x : c) {
					if (i++ > 0) {
						sb.append(", ");
					}
					write(sb, x, indent);
				}
				sb.append(']');
				return;
			}
			sb.append("[\n");
			int i = 0;
			for (Object x : c) {
				pad(sb, indent + 1);
				write(sb, x, indent + 1);
				sb.append(++i < c.size() ? ",\n" : "\n");
			}
			pad(sb, indent);
			sb.append(']');
		} else {
			scalar(sb, v);
		}
	}

	private static void scalar(StringBuilder sb, Object v) {
		if (v == null) {
			sb.append("null");
		} else if (v instanceof Boolean b) {
			sb.append(b.booleanValue());
		} else if (v instanceof BigInteger || v instanceof Long || v instanceof Integer || v instanceof Short
				|| v instanceof Byte) {
			sb.append(v);
		} else if (v instanceof BigDecimal d) {
			sb.append(d.toPlainString());
		} else if (v instanceof Number n) {
			double d = n.doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				throw new IllegalArgumentException("not a JSON number: " + v);
			}
			sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
		} else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof Character) {
			quote(sb, v.toString());
		} else {
			throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
		}
	}

	/** A JSON string literal. */
	public static String quote(String s) {
		StringBuilder sb = new StringBuilder();
		quote(sb, s);
		return sb.toString();
	}

	private static void quote(StringBuilder sb, String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"':
					sb.append("\\\"");
					break;
				case '\\':
					sb.append("\\\\");
					break;
				case '\n':
					sb.append("\\n");
					break;
				case '\r':
					sb.append("\\r");
					break;
				case '\t':
					sb.append("\\t");
					break;
				case '\b':
					sb.append("\\b");
					break;
				case '\f':
					sb.append("\\f");
					break;
				default:
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						sb.append(String.format("\\u%04x", (int) c));
					} else {
						sb.append(c);
					}
			}
		}
		sb.append('"');
	}

	private static void pad(StringBuilder sb, int indent) {
		for (int i = 0; i < indent; i++) {
			sb.append("  ");
		}
	}
}
