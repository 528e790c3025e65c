package dev.mapl.cli.c;

import dev.mapl.interp.InputSpace;
import dev.mapl.interp.Interpreter;
import dev.mapl.ir.CTarget;
import dev.mapl.ir.Fact;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test harness that provides the few kernel names the kvm-arm64 examples' bindings use (struct
 * kvm, struct vm_area_struct, VM_* flags, FIELD_GET, pfn_valid(), ...) as small stubs, so that
 * the generated headers compile with the host's gcc and sparse, and a program that calls every
 * wrapper on every possible input of its policy and prints what it returns next to what the
 * interpreter decides. The stubs count how often each binding function is called.
 */
final class KvmHarness {

	private KvmHarness() {
	}

	static final Map<String, String> STUBS = Map.of(
			"linux/types.h", """
					/* SPDX-License-Identifier: GPL-2.0 */
					#ifndef STUB_LINUX_TYPES_H
					#define STUB_LINUX_TYPES_H
					#include <stdbool.h>
					#include <stddef.h>
					typedef unsigned char u8;
					typedef unsigned long long u64;
					typedef u64 kvm_pfn_t;
					#define __always_unused __attribute__((__unused__))
					#define EINVAL 22
					#define EFAULT 14
					#define ENOEXEC 8
					extern int mapl_calls[4];
					#endif
					""",
			"linux/mm.h", """
					/* SPDX-License-Identifier: GPL-2.0 */
					#ifndef STUB_LINUX_MM_H
					#define STUB_LINUX_MM_H
					#include <linux/types.h>
					#define VM_IO			0x00004000UL
					#define VM_PFNMAP		0x00000400UL
					#define VM_MIXEDMAP		0x10000000UL
					#define VM_SHARED		0x00000008UL
					#define VM_MTE_ALLOWED		0x00020000UL
					#define VM_ALLOW_ANY_UNCACHED	0x01000000UL
					typedef unsigned long vm_flags_t;
					typedef struct { u64 pgprot; } pgprot_t;
					#define pgprot_val(x) ((x).pgprot)
					#define MT_NORMAL		0
					#define MT_NORMAL_TAGGED	1
					#define MT_NORMAL_NC		2
					#define MT_DEVICE_nGnRnE	3
					#define MT_DEVICE_nGnRE		4
					#define PTE_ATTRINDX_MASK	(7ULL << 2)
					#define FIELD_GET(mask, reg) (((reg) & (mask)) >> __builtin_ctzll(mask))
					struct vm_area_struct {
						vm_flags_t vm_flags;
						pgprot_t vm_page_prot;
					};
					static inline bool pfn_valid(kvm_pfn_t pfn)
					{
						mapl_calls[0]++;
						return pfn & 1;
					}
					static inline bool pfn_is_map_memory(kvm_pfn_t pfn)
					{
						mapl_calls[1]++;
						return pfn & 2;
					}
					#endif
					""",
			"linux/kvm_host.h", """
					/* SPDX-License-Identifier: GPL-2.0 */
					#ifndef STUB_LINUX_KVM_HOST_H
					#define STUB_LINUX_KVM_HOST_H
					#include <linux/types.h>
					struct kvm {
						bool mte;
					};
					static inline bool kvm_has_mte(const struct kvm *kvm)
					{
						mapl_calls[2]++;
						return kvm->mte;
					}
					struct kvm_memory_slot {
						unsigned long flags;
					};
					#define KVM_MEM_LOG_DIRTY_PAGES (1UL << 0)
					enum { ARM64_HAS_STAGE2_FWB, ARM64_HAS_CACHE_DIC, ARM64_NCAPS };
					extern bool mapl_caps[ARM64_NCAPS];
					static inline bool cpus_have_final_cap(int cap)
					{
						mapl_calls[3]++;
						return mapl_caps[cap];
					}
					#endif
					""",
			"asm/kvm_pgtable.h", """
					/* SPDX-License-Identifier: GPL-2.0 */
					#ifndef STUB_ASM_KVM_PGTABLE_H
					#define STUB_ASM_KVM_PGTABLE_H
					enum kvm_pgtable_prot {
						KVM_PGTABLE_PROT_X = 1 << 0,
						KVM_PGTABLE_PROT_W = 1 << 1,
						KVM_PGTABLE_PROT_R = 1 << 2,
						KVM_PGTABLE_PROT_DEVICE = 1 << 3,
						KVM_PGTABLE_PROT_NORMAL_NC = 1 << 4,
					};
					#endif
					""",
			"kunit/test.h", """
					/* SPDX-License-Identifier: GPL-2.0 */
					/* Just enough of KUnit to run a generated suite on the host. */
					#ifndef STUB_KUNIT_TEST_H
					#define STUB_KUNIT_TEST_H
					#include <stdio.h>
					#include <string.h>
					#define KUNIT_PARAM_DESC_SIZE 128
					#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
					struct kunit {
						const void *param_value;
						const char *desc;
						int failures;
					};
					struct kunit_case {
						void (*run_case)(struct kunit *test);
						const char *name;
						const void *(*generate_params)(const void *prev, char *desc);
					};
					struct kunit_suite {
						const char *name;
						struct kunit_case *test_cases;
					};
					extern struct kunit_suite *mapl_suite;
					#define kunit_test_suite(suite) struct kunit_suite *mapl_suite = &(suite)
					#define KUNIT_ARRAY_PARAM_DESC(name, array, desc_member)			\\
						static const void *name##_gen_params(const void *prev, char *desc)	\\
						{									\\
							typeof((array)[0]) *next = prev ? ((typeof(next))prev) + 1 : (array); \\
							if ((size_t)(next - (array)) < ARRAY_SIZE(array)) {		\\
								snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", next->desc_member); \\
								return next;					\\
							}								\\
							return NULL;							\\
						}
					#define KUNIT_CASE_PARAM(test_name, gen) \\
						{ .run_case = test_name, .name = #test_name, .generate_params = gen }
					#define KUNIT_EXPECT_EQ(test, left, right) do {					\\
						long long l_ = (long long)(left), r_ = (long long)(right);		\\
						if (l_ != r_) {								\\
							(test)->failures++;						\\
							printf("FAIL %s: %lld != %lld\\n", (test)->desc, l_, r_);	\\
						}									\\
					} while (0)
					#define KUNIT_EXPECT_PTR_EQ(test, left, right) KUNIT_EXPECT_EQ(test, left, right)
					#define MODULE_DESCRIPTION(x) extern int mapl_module_description
					#define MODULE_LICENSE(x) extern int mapl_module_license
					#endif
					""");

	static final String KUNIT_MAIN = """
			// SPDX-License-Identifier: GPL-2.0
			#include <kunit/test.h>
			#include <linux/kvm_host.h>

			int mapl_calls[4];
			bool mapl_caps[ARM64_NCAPS];

			int main(void)
			{
				int passed = 0, failed = 0;

				for (struct kunit_case *c = mapl_suite->test_cases; c->run_case; c++) {
					const void *p = NULL;
					char desc[KUNIT_PARAM_DESC_SIZE];

					while ((p = c->generate_params(p, desc))) {
						struct kunit t = { .param_value = p, .desc = desc };

						c->run_case(&t);
						if (t.failures)
							failed++;
						else
							passed++;
					}
				}
				printf("%d passed, %d failed\\n", passed, failed);
				return failed != 0;
			}
			""";

	static Path writeStubs(Path dir) throws IOException {
		for (var e : STUBS.entrySet()) {
			Path f = dir.resolve(e.getKey());
			Files.createDirectories(f.getParent());
			Files.writeString(f, e.getValue());
		}
		return dir;
	}

	/** C statements that set up the kernel objects for fact k of an input row {@code in[i]}. */
	static String setup(Fact f, int k) {
		String v = "in[i][" + k + "]";
		switch (f.name()) {
			case "pfn.struct_page":
				return "if (" + v + ")\n\t\t\t\tpfn |= 1;";
			case "pfn.map_memory":
				return "if (" + v + ")\n\t\t\t\tpfn |= 2;";
			case "guest.mte":
				return "kvm.mte = " + v + ";";
			case "cpu.fwb":
				return "mapl_caps[ARM64_HAS_STAGE2_FWB] = " + v + ";";
			case "cpu.cache_dic":
				return "mapl_caps[ARM64_HAS_CACHE_DIC] = " + v + ";";
			case "fault.exec":
				return "exec_fault = " + v + ";";
			case "slot.log_dirty":
				return "if (" + v + ")\n\t\t\t\tslot.flags |= KVM_MEM_LOG_DIRTY_PAGES;";
			case "prot":
				return "vma.vm_page_prot.pgprot = (u64)prot_c[" + v + "] << 2;";
			default:
				if (f.name().startsWith("VM_")) {
					return "if (" + v + ")\n\t\t\t\tvma.vm_flags |= " + f.name() + ";";
				}
				// Facts the bindings do not read (cpu.mte_perm): nothing to set up.
				return "(void)" + v + ";";
		}
	}

	/** What a wrapper parameter of the examples' prototypes is given. */
	static String argument(String name) {
		switch (name) {
			case "kvm":
				return "&kvm";
			case "vm_flags":
				return "vma.vm_flags";
			case "vm_page_prot":
				return "vma.vm_page_prot";
			case "new":
				return "&slot";
			case "pfn":
				return "pfn";
			case "exec_fault":
				return "exec_fault";
			default:
				throw new IllegalArgumentException("no stub for parameter `" + name + "`");
		}
	}

	/**
	 * A program that calls each target's wrapper on every possible input of its policy and prints
	 * {@code returned expected calls...} per input; the number of inputs is returned through
	 * {@code count}.
	 */
	static String main(Model model, List<CTarget> targets, List<String> headers, long[] count) {
		StringBuilder sb = new StringBuilder();
		sb.append("// SPDX-License-Identifier: GPL-2.0\n#include <stdio.h>\n");
		for (String h : headers) {
			sb.append("#include \"").append(h).append("\"\n");
		}
		sb.append("\nint mapl_calls[4];\nbool mapl_caps[ARM64_NCAPS];\n");
		sb.append("static const int prot_c[] = {MT_NORMAL, MT_NORMAL_TAGGED, MT_NORMAL_NC, MT_DEVICE_nGnRnE, "
				+ "MT_DEVICE_nGnRE};\n\n");
		sb.append("int main(void)\n{\n\t(void)prot_c;\n");
		count[0] = 0;
		for (CTarget t : targets) {
			Policy p = model.policies().stream().filter(x -> x.name().equals(t.policy())).findFirst().orElseThrow();
			List<Integer> inputs = p.inputs();
			Interpreter interp = new Interpreter(model);
			List<int[]> rows = InputSpace.of(model, p).possibleInputs(interp, p, 1 << 20);
			count[0] += rows.size();
			sb.append("\t{\n\t\tstatic const int in[][").append(inputs.size()).append("] = {\n");
			for (int[] r : rows) {
				sb.append("\t\t\t{");
				for (int k = 0; k < inputs.size(); k++) {
					sb.append(k > 0 ? ", " : "").append(r[inputs.get(k)]);
				}
				sb.append("},\n");
			}
			sb.append("\t\t};\n\t\tstatic const int expected[] = {\n");
			for (int[] r : rows) {
				sb.append("\t\t\t").append(t.outcomes().get(interp.decide(p, r).outcome())).append(",\n");
			}
			sb.append("\t\t};\n");
			sb.append("\t\tfor (unsigned int i = 0; i < sizeof(in) / sizeof(in[0]); i++) {\n");
			sb.append("\t\t\tstruct kvm kvm = {0};\n\t\t\tstruct vm_area_struct vma = {0};\n");
			sb.append("\t\t\tstruct kvm_memory_slot slot = {0};\n\t\t\tkvm_pfn_t pfn = 0;\n");
			sb.append("\t\t\tbool exec_fault = false;\n\t\t\tint got;\n\n");
			sb.append("\t\t\t(void)kvm; (void)vma; (void)slot; (void)pfn; (void)exec_fault;\n");
			for (int k = 0; k < inputs.size(); k++) {
				sb.append("\t\t\t").append(setup(model.fact(inputs.get(k)), k)).append('\n');
			}
			sb.append("\t\t\tmemset(mapl_calls, 0, sizeof(mapl_calls));\n");
			List<String> args = new ArrayList<>();
			for (String n : t.function().names()) {
				args.add(argument(n));
			}
			sb.append("\t\t\tgot = ").append(t.function().name()).append('(').append(String.join(", ", args))
					.append(");\n");
			sb.append("\t\t\tprintf(\"").append(t.function().name())
					.append(" %u %d %d %d %d %d %d\\n\", i, got, expected[i], mapl_calls[0], mapl_calls[1], "
							+ "mapl_calls[2], mapl_calls[3]);\n");
			sb.append("\t\t}\n\t}\n");
		}
		sb.append("\treturn 0;\n}\n");
		return sb.toString().replace("#include <stdio.h>\n", "#include <stdio.h>\n#include <string.h>\n");
	}
}
