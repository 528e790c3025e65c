package dev.mapl.emit.c;

import dev.mapl.emit.ShellWords;
import dev.mapl.emit.TemplateText;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The kernel C backend: from a model's {@code target c} sections to the files of a kernel tree.
 * A target without {@code region} goes to a header (one per {@code file}, with a
 * {@code static inline} function pair per policy); a target with {@code region} replaces the
 * marked region {@code /* mapl:begin NAME *&#47; ... /* mapl:end NAME *&#47;} of an existing file.
 * Output is deterministic to the byte.
 */
public final class CBackend {

	/** A file of the output tree and its new content. */
	public record FileOutput(String path, String content, List<String> functions, boolean region) {
		public FileOutput {
			functions = List.copyOf(functions);
		}
	}

	private final Model model;
	private final Optional<CTarget.Style> style;
	private final Provenance provenance;
	private final Map<CTarget, CFunctionPlan> plans = new HashMap<>();

	/**
	 * @param style an override of every target's {@code style}, or empty to follow the targets
	 */
	public CBackend(Model model, Optional<CTarget.Style> style, Provenance provenance) {
		this.model = model;
		this.style = style;
		this.provenance = provenance;
	}

	public Model model() {
		return model;
	}

	/** The plan of a target (computed once). */
	public CFunctionPlan plan(CTarget target) {
		return CEmitException.forTarget(target, () -> plans.computeIfAbsent(target, t -> {
			CFragments.requireSafe(t);
			return CFunctionPlan.of(model, t);
		}));
	}

	private CTarget.Style styleOf(CTarget t) {
		return style.orElse(t.style());
	}

	/** Targets grouped by the file they write, sorted by path; headers and regions never share a file. */
	public Map<String, List<CTarget>> byFile(List<CTarget> targets) {
		Map<String, List<CTarget>> out = new TreeMap<>();
		Map<String, Boolean> isRegion = new HashMap<>();
		for (CTarget t : targets) {
			String path = t.region().orElse(t.file());
			Boolean prev = isRegion.putIfAbsent(path, t.region().isPresent());
			if (prev != null && prev != t.region().isPresent()) {
				throw new CEmitException("`" + path + "` is both a generated header and a file with a marked region",
						t.span());
			}
			out.computeIfAbsent(path, k -> new ArrayList<>()).add(t);
		}
		for (var e : out.entrySet()) {
			Map<String, String> names = new HashMap<>();
			for (CTarget t : e.getValue()) {
				// Each target writes its function and the inner `__` function (issue 20.1).
				for (String n : List.of(t.function().name(), "__" + t.function().name())) {
					String prev = names.get(n);
					if (prev != null) {
						throw new CEmitException("`" + e.getKey() + "` would get two functions `" + n
								+ "` (for policies `" + prev + "` and `" + t.policy() + "`)", t.span());
					}
				}
				names.put(t.function().name(), t.policy());
				names.put("__" + t.function().name(), t.policy());
			}
		}
		return out;
	}

	/**
	 * Every file the targets write.
	 *
	 * @param existing the current content of a file of the output tree, if it exists (regions are
	 *                 replaced in it)
	 */
	public List<FileOutput> emit(List<CTarget> targets, Function<String, Optional<String>> existing) {
		List<FileOutput> out = new ArrayList<>();
		for (var e : byFile(targets).entrySet()) {
			String path = e.getKey();
			List<CTarget> ts = e.getValue();
			List<String> functions = ts.stream().map(t -> t.function().name()).toList();
			if (ts.get(0).region().isPresent()) {
				String text = existing.apply(path).orElseThrow(() -> new CEmitException("`" + path
						+ "` does not exist in the output tree; a `region` target replaces a marked region of an existing file",
						ts.get(0).span()));
				for (CTarget t : ts) {
					String before = text;
					text = CEmitException.forTarget(t, () -> Regions.replace(before, t.function().name(), regionBody(t), path));
				}
				out.add(new FileOutput(path, text, functions, true));
			} else {
				out.add(new FileOutput(path, header(path, ts), functions, false));
			}
		}
		return out;
	}

	// ---- provenance

	private List<String> sources(List<CTarget> targets) {
		Set<String> files = new TreeSet<>();
		for (CTarget t : targets) {
			CFunctionPlan p = plan(t);
			add(files, p.policy().span().file());
			add(files, t.span().file());
			for (int f : p.facts()) {
				add(files, model.fact(f).span().file());
			}
		}
		return new ArrayList<>(files);
	}

	private void add(Set<String> files, String spanFile) {
		if (spanFile != null && !spanFile.isEmpty()) {
			files.add(provenance.sourcePath().apply(spanFile));
		}
	}

	/** {@code ./mapl compile FILES --c-out DIR}. */
	public String command(List<CTarget> targets) {
		return command(targets, "--c-out " + ShellWords.quote(provenance.cOut()))
				+ style.map(s -> " --c-style " + s.name().toLowerCase(java.util.Locale.ROOT)).orElse("");
	}

	private String command(List<CTarget> targets, String output) {
		Set<String> files = new TreeSet<>();
		for (CTarget t : targets) {
			add(files, t.span().file());
		}
		return provenance.tool() + " compile " + String.join(" ", files.stream().map(ShellWords::quote).toList()) + " "
				+ output;
	}

	/** The provenance comment: the sources and the command that regenerates the file. */
	String provenance(List<CTarget> targets, String what) {
		return provenance(what, sources(targets), command(targets));
	}

	static String provenance(String what, List<String> sources, String command) {
		List<String> safeSources = sources.stream().map(KernelLayout::commentText).toList();
		String cmd = KernelLayout.commentText(command);
		boolean oneLine = KernelLayout.width("/* To regenerate: " + cmd + " */") <= KernelLayout.MAX;
		return CFileTemplate.provenance(what, safeSources, cmd, oneLine ? List.of() : KernelLayout.wrap("/*\t", "/*\t",
				cmd)).toString();
	}

	// ---- headers

	/** A whole header: SPDX, provenance, include guard, includes, the function pairs. */
	public String header(String path, List<CTarget> targets) {
		Set<String> includes = new LinkedHashSet<>();
		includes.add("<linux/types.h>");
		for (CTarget t : targets) {
			for (String inc : t.includes()) {
				includes.add(include(inc));
			}
		}
		List<String> functions = new ArrayList<>();
		for (CTarget t : targets) {
			functions.add(CEmitException.forTarget(t, () -> new FunctionEmitter(plan(t), styleOf(t), true).emit()));
		}
		return TemplateText.lines(CFileTemplate.header(provenance(targets, ""), CNames.includeGuard(path), includes,
				functions));
	}

	static String include(String inc) {
		String s = inc.strip();
		return s.startsWith("<") || s.startsWith("\"") ? s : "<" + s + ">";
	}

	/** The lines a region target puts between its markers. */
	public String regionBody(CTarget target) {
		String functions = CEmitException.forTarget(target,
				() -> new FunctionEmitter(plan(target), styleOf(target), false).emit());
		return TemplateText.lines(CFileTemplate.region(provenance(List.of(target), "this region "), functions));
	}

	// ---- KUnit

	/** The KUnit suite of one header and the Kconfig and Makefile lines it needs. */
	public KunitEmitter.Suite kunit(String headerPath, List<CTarget> targets) {
		Map<CTarget, CFunctionPlan> ps = new LinkedHashMap<>();
		for (CTarget t : targets) {
			ps.put(t, plan(t));
		}
		return new KunitEmitter(model, headerPath, new ArrayList<>(ps.values()), sources(targets),
				command(targets, "--kunit-out " + ShellWords.quote(provenance.kunitOut())))
				.emit();
	}
}
