package dev.mapl.dsl.tests;

import dev.mapl.dsl.compile.Compilation;
import dev.mapl.dsl.compile.MaplCompiler;
import dev.mapl.dsl.compile.PolicyChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How the front end (parse, link, validate, lower) and the analysis scale with the input, on the
 * inputs of issue 20.10: one {@code a & a & ...} chain, and many one-line policies (with and
 * without a syntax error on every line). Not a test: run it and copy the table into
 * docs/PERFORMANCE.md. Arguments: the largest size factor (default 16), then the inputs to run
 * ({@code chain}, {@code policies}, {@code broken}, {@code realistic}; default all), or
 * {@code KIND=SIZE} for one size of one input (for profiling).
 */
public final class ParseScalingHarness {

	private ParseScalingHarness() {
	}

	public static void main(String[] args) throws IOException {
		int max = args.length > 0 ? Integer.parseInt(args[0]) : 16;
		List<String> which = args.length > 1 ? List.of(args).subList(1, args.length)
				: List.of("chain", "policies", "broken", "realistic");
		MaplCompiler compiler = MaplCompiler.create();
		run(compiler, "warm-up", 1, n -> chain(2000));
		System.out.println("| input | size | bytes | front end (s) | front end CPU (s) | analysis (s) | diagnostics |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|");
		for (int k = 1; k <= max && which.contains("chain"); k *= 2) {
			int terms = 1250 * k;
			run(compiler, "`a & a & ...` chain", terms, ParseScalingHarness::chain);
		}
		for (int k = 1; k <= max && which.contains("policies"); k *= 2) {
			run(compiler, "`policy pN first { a -> X }` lines", 2600 * k, ParseScalingHarness::policies);
		}
		for (int k = 1; k <= max && which.contains("broken"); k *= 2) {
			run(compiler, "`policy pN first { a -> }` lines (a syntax error each)", 2500 * k, ParseScalingHarness::broken);
		}
		for (int k = 1; k <= max && which.contains("realistic"); k *= 2) {
			run(compiler, "copies of the ioremap example's policies", 26 * k, ParseScalingHarness::realistic);
		}
		for (String w : which) {
			if (w.contains("=")) {
				String kind = w.substring(0, w.indexOf('='));
				int size = Integer.parseInt(w.substring(w.indexOf('=') + 1));
				IntFunction<String> text = switch (kind) {
					case "chain" -> ParseScalingHarness::chain;
					case "policies" -> ParseScalingHarness::policies;
					case "broken" -> ParseScalingHarness::broken;
					case "realistic" -> ParseScalingHarness::realistic;
					default -> throw new IllegalArgumentException(kind);
				};
				run(compiler, kind, size, text);
			}
		}
	}

	static String chain(int terms) {
		return "facts { a }\noutcomes { X Y }\npolicy p first {\n    " + String.join(" & ", Collections.nCopies(terms, "a"))
				+ " -> X\n    otherwise -> Y\n}\n";
	}

	static String policies(int n) {
		return "facts { a }\noutcomes { X }\n"
				+ IntStream.range(0, n).mapToObj(i -> "policy p" + i + " first { a -> X }\n").collect(Collectors.joining());
	}

	static String broken(int n) {
		return "facts { a }\noutcomes { X }\n"
				+ IntStream.range(0, n).mapToObj(i -> "policy p" + i + " first { a -> }\n").collect(Collectors.joining());
	}

	/**
	 * A realistic file: the declarations of examples/arm64-ioremap/ioremap.mapl once, then its two
	 * policies (rules, invariants, tests, doc comments) {@code n} times under new names; about 2.4 KB
	 * per copy, so 420 copies are 1 MB.
	 */
	static String realistic(int n) {
		StringBuilder b = new StringBuilder(REALISTIC_HEAD);
		for (int i = 0; i < n; i++) {
			b.append(REALISTIC_POLICIES.replace("policy ioremap_family ", "policy ioremap_family_" + i + " ")
					.replace("policy memremap ", "policy memremap_" + i + " "));
		}
		return b.toString();
	}

	private static final String REALISTIC_HEAD = """
			package arm64.io

			facts {
			    /** Which ioremap flavour the driver called. */
			    enum api { ioremap, ioremap_np, ioremap_wc, ioremap_wt, ioremap_cache }
			    /** region_intersects(offset, size, IORESOURCE_SYSTEM_RAM, ...): how the range meets System RAM. */
			    enum ram { disjoint, intersects, mixed }
			}

			facts phys {
			    /** pfn_is_map_memory(): the start is memblock memory, mapped in the linear map. */
			    map_memory
			    /** The last address is inside PHYS_MASK. */
			    in_phys_mask
			}

			facts cc {
			    /** A confidential-computing ioremap_prot_hook is registered and refuses this range. */
			    hook_refuses
			}

			facts flag {
			    /** MEMREMAP_WB */
			    wb
			    /** MEMREMAP_WT */
			    wt
			    /** MEMREMAP_WC */
			    wc
			}

			// Priority order: the more restrictive first.
			outcomes {
			    Refused
			    DeviceNGnRnE [uncached]
			    DeviceNGnRE [uncached]
			    NormalNC [uncached]
			    NormalWB [cacheable]
			    LinearMap [cacheable]
			}

			/** Linear-map memory is System RAM, so a range starting there meets it. */
			assume phys.map_memory => ram != disjoint

			/** __ioremap_prot() builds a new mapping: inside PHYS_MASK, not RAM, and not refused by a hook. */
			let remap_ok = phys.in_phys_mask & !phys.map_memory & !cc.hook_refuses
			""";

	private static final String REALISTIC_POLICIES = """

			/** ioremap(), ioremap_np(), ioremap_wc(), ioremap_wt(), ioremap_cache(). */
			policy ioremap_family first {
			    cache_linear: api == ioremap_cache & phys.map_memory -> LinearMap
			    not_mapped: !remap_ok -> Refused
			    device: api in {ioremap, ioremap_wt} -> DeviceNGnRE
			    device_np: api == ioremap_np -> DeviceNGnRnE
			    write_combine: api == ioremap_wc -> NormalNC
			    cacheable: api == ioremap_cache -> NormalWB
			    /** No uncached alias of RAM: mismatched attributes would break coherency. */
			    invariant ram_never_uncached: phys.map_memory => !uncached
			    test "ioremap of RAM is refused": api = ioremap, phys.map_memory => Refused
			    test "ioremap_cache of RAM is the linear map": api = ioremap_cache, phys.map_memory => LinearMap
			    test "ioremap_wt is ioremap on arm64": api = ioremap_wt, phys.in_phys_mask, !phys.map_memory, !cc.hook_refuses => DeviceNGnRE
			}

			/** memremap(offset, size, flags): tries WB, then WT, then WC, until one maps. */
			policy memremap first {
			    no_flags: !flag.wb & !flag.wt & !flag.wc -> Refused
			    mixed: ram == mixed -> Refused
			    /** try_ram_remap(), or ioremap_cache() finding linear-map memory. */
			    wb_linear: flag.wb & phys.map_memory -> LinearMap
			    wb_new: flag.wb & remap_ok -> NormalWB
			    /** "memremap attempted on ram": no new mapping may alias System RAM. */
			    ram_alias: ram == intersects -> Refused
			    wt: flag.wt & remap_ok -> DeviceNGnRE
			    wc: flag.wc & remap_ok -> NormalNC
			    otherwise -> Refused
			    invariant ram_never_uncached: phys.map_memory => !uncached
			    /** memremap() is for memory without side effects: it gives a device type only for WT, which arm64 implements as Device. */
			    invariant device_only_for_wt: DeviceNGnRE => flag.wt
			    test "WB of RAM is the linear map": flag.wb, phys.map_memory, ram = intersects => LinearMap
			    test "WC of RAM is refused": flag.wc, !flag.wb, !flag.wt, ram = intersects => Refused
			    test "WB|WC of a device BAR maps write-back": flag.wb, flag.wc, ram = disjoint, phys.in_phys_mask, !phys.map_memory, !cc.hook_refuses => NormalWB
			}
			""";

	private static void run(MaplCompiler compiler, String what, int size, IntFunction<String> text) throws IOException {
		Path dir = Files.createTempDirectory("mapl-scaling");
		Path f = dir.resolve("scale.mapl");
		String s = text.apply(size);
		Files.writeString(f, s);
		long cpu0 = processCpuNanos();
		long t0 = System.nanoTime();
		Compilation c = compiler.compile(List.of(f));
		long t1 = System.nanoTime();
		long cpu1 = processCpuNanos();
		int diagnostics = c.diagnostics().size();
		if (c.model().isPresent()) {
			diagnostics += PolicyChecks.analyze(c.model().get()).diagnostics().size();
		}
		long t2 = System.nanoTime();
		Files.delete(f);
		Files.delete(dir);
		if (!what.equals("warm-up")) {
			System.out.printf("| %s | %d | %d | %.2f | %.2f | %s | %d |%n", what, size, s.length(), (t1 - t0) / 1e9,
					(cpu1 - cpu0) / 1e9,
					c.model().isPresent() ? String.format("%.2f", (t2 - t1) / 1e9) : "-", diagnostics);
		}
	}

	/**
	 * CPU time of the whole process (JIT and GC included): on a shared machine the wall time
	 * measures the other builds as much as this one, the CPU time much less so.
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
	}
}
