package dev.mapl.report;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic JSON through Gson's {@link JsonWriter}, which does the escaping, the number
 * checks and the layout. Values are {@code null}, {@link Boolean}, {@link Number} (integers
 * exactly, also {@link BigInteger}; a {@link BigDecimal} in plain notation), {@link CharSequence},
 * {@link Map} with string keys (written in iteration order: use {@link #object()} or a sorted map)
 * and {@link Collection}. Output is pretty-printed with two spaces, {@code "\n"} line endings and
 * a final newline; arrays holding only scalars stay on one line ({@code [1, 2]}).
 */
public final class Json {

	/**
	 * The layouts, in a holder so that {@link #object()} (which {@code mapl check} calls for every
	 * finding's data) does not load Gson.
	 */
	private static final class Styles {
		static final FormattingStyle PRETTY = FormattingStyle.PRETTY.withIndent("  ").withNewline("\n");
		/** For arrays of scalars: no line breaks, {@code ", "} between elements. */
		static final FormattingStyle INLINE = FormattingStyle.COMPACT.withSpaceAfterSeparators(true);
	}

	private Json() {
	}

	/** An insertion-ordered JSON object. */
	public static Map<String, Object> object() {
		return new LinkedHashMap<>();
	}

	public static String write(Object value) {
		StringWriter out = new StringWriter();
		try (JsonWriter w = new JsonWriter(out)) {
			w.setFormattingStyle(Styles.PRETTY);
			w.setSerializeNulls(true);
			write(w, value);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.append('\n').toString();
	}

	private static void write(JsonWriter w, Object v) throws IOException {
		if (v instanceof Map<?, ?> m) {
			w.beginObject();
			for (Map.Entry<?, ?> e : m.entrySet()) {
				w.name(String.valueOf(e.getKey()));
				write(w, e.getValue());
			}
			w.endObject();
		} else if (v instanceof Collection<?> c) {
			boolean inline = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
			w.beginArray();
			if (inline) {
				// Switched after the opening bracket (the writer writes a pending name and its line
				// break only then) and back after the closing one.
				w.setFormattingStyle(Styles.INLINE);
			}
			for (Object x : c) {
				write(w, x);
			}
			w.endArray();
			if (inline) {
				w.setFormattingStyle(Styles.PRETTY);
			}
		} else {
			scalar(w, v);
		}
	}

	private static void scalar(JsonWriter w, Object v) throws IOException {
		if (v == null) {
			w.nullValue();
		} else if (v instanceof Boolean b) {
			w.value(b.booleanValue());
		} else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
			w.value(((Number) v).longValue());
		} else if (v instanceof BigInteger i) {
			w.value(i);
		} else if (v instanceof BigDecimal d) {
			// Plain notation (BigDecimal.toString may use an exponent).
			w.jsonValue(d.toPlainString());
		} else if (v instanceof Number n) {
			double d = n.doubleValue();
			if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				w.value((long) d);
			} else {
				w.value(d); // rejects NaN and infinities
			}
		} else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof Character) {
			w.value(v.toString());
		} else {
			throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
		}
	}
}
