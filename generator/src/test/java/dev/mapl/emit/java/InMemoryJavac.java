package dev.mapl.emit.java;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated sources in memory, as a user's build would with the strictest settings
 * ({@code --release 17 -Xlint:all -Werror}), and loads the classes.
 */
public final class InMemoryJavac {

	static final List<String> OPTIONS = List.of("--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8",
			"-implicit:none", "-proc:none");

	/** The compiled classes: binary name -> class file. */
	public record Compiled(Map<String, byte[]> classes) {

		public ClassLoader loader() {
			return new ClassLoader(InMemoryJavac.class.getClassLoader()) {
				@Override
				protected Class<?> findClass(String name) throws ClassNotFoundException {
					byte[] b = classes.get(name);
					if (b == null) {
						throw new ClassNotFoundException(name);
					}
					return defineClass(name, b, 0, b.length);
				}
			};
		}
	}

	private InMemoryJavac() {
	}

	/**
	 * Compiles sources (qualified class name -> source).
	 *
	 * @throws AssertionError with every diagnostic (warnings included) when javac reports anything
	 */
	public static Compiled compile(Map<String, String> sources) {
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		StandardJavaFileManager std = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
		Map<String, ByteArrayOutputStream> out = new TreeMap<>();
		JavaFileManager fm = new ForwardingJavaFileManager<StandardJavaFileManager>(std) {
			@Override
			public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
					FileObject sibling) {
				return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
					@Override
					public OutputStream openOutputStream() {
						ByteArrayOutputStream b = new ByteArrayOutputStream();
						out.put(className, b);
						return b;
					}
				};
			}
		};
		List<JavaFileObject> units = new ArrayList<>();
		for (var e : sources.entrySet()) {
			units.add(new SimpleJavaFileObject(URI.create("mem:///" + e.getKey().replace('.', '/') + ".java"),
					JavaFileObject.Kind.SOURCE) {
				@Override
				public CharSequence getCharContent(boolean ignoreEncodingErrors) {
					return e.getValue();
				}
			});
		}
		boolean ok = javac.getTask(null, fm, diagnostics, OPTIONS, null, units).call();
		if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
			String report = diagnostics.getDiagnostics().stream().limit(20).map(InMemoryJavac::render)
					.collect(Collectors.joining("\n"));
			throw new AssertionError("javac " + String.join(" ", OPTIONS) + " rejected generated code:\n" + report);
		}
		Map<String, byte[]> classes = new TreeMap<>();
		out.forEach((k, v) -> classes.put(k, v.toByteArray()));
		return new Compiled(classes);
	}

	private static String render(Diagnostic<? extends JavaFileObject> d) {
		String src = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
		String line = "";
		if (d.getSource() != null && d.getLineNumber() > 0) {
			try {
				String[] lines = d.getSource().getCharContent(true).toString().split("\n", -1);
				line = "\n    " + lines[(int) d.getLineNumber() - 1].strip();
			} catch (java.io.IOException e) {
				line = "";
			}
		}
		return src + d.getKind() + ": " + d.getMessage(Locale.ROOT) + line;
	}
}
