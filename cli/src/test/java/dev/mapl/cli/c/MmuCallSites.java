package dev.mapl.cli.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

/**
 * What a kernel developer writes once by hand to use the kvm-arm64 examples' generated functions
 * in Linux 6.12's {@code arch/arm64/kvm/mmu.c}: {@code user_mem_abort()} keeps copies of the VMA's
 * flags and page protection (the VMA may vanish once the mmap lock is dropped, before the PFN is
 * known) and lets {@code kvm_s2_fault_memtype()} decide the memory type or refuse the fault;
 * {@code kvm_arch_prepare_memory_region()} lets {@code kvm_s2_slot_allowed()} refuse the memslot.
 * The hand-written checks these replace, and the helpers only they used, go.
 *
 * <p>Every edit replaces text that must occur exactly once, so a different mmu.c fails loudly.
 */
final class MmuCallSites {

	static final String FAULT = "kvm_s2_fault_memtype";
	static final String SLOT = "kvm_s2_slot_allowed";

	private MmuCallSites() {
	}

	/** mmu.c including {@code header} and calling those of its functions it has. */
	static String withHeader(String mmu, String header, Set<String> functions) {
		String s = replace(mmu, "#include \"trace.h\"\n", "#include \"" + header + "\"\n#include \"trace.h\"\n");
		if (functions.contains(FAULT)) {
			s = callFaultFunction(s);
			// kvm_vma_mte_allowed() goes once neither hand-written check uses it.
			s = replace(s, """
					static bool kvm_vma_mte_allowed(struct vm_area_struct *vma)
					{
						return vma->vm_flags & VM_MTE_ALLOWED;
					}

					""", functions.contains(SLOT) ? "" : """
					static bool kvm_vma_mte_allowed(struct vm_area_struct *vma)
					{
						return vma->vm_flags & VM_MTE_ALLOWED;
					}

					""");
		}
		if (functions.contains(SLOT)) {
			s = callSlotFunction(s);
		}
		return s;
	}

	/**
	 * mmu.c with the fault decision moved into a hand-written {@code kvm_s2_fault_memtype()}
	 * between the region markers, for {@code mapl patch} to replace with the generated one.
	 */
	static String withHandWrittenRegion(String mmu) {
		String s = callFaultFunction(mmu);
		return replace(s, "static int user_mem_abort(", """
				/* mapl:begin kvm_s2_fault_memtype */
				/*
				 * The stage-2 memory type of a faulting page: a KVM_PGTABLE_PROT_* memory type, 0 for
				 * Normal, or a negative error code when the mapping is refused.
				 */
				static int kvm_s2_fault_memtype(struct kvm *kvm, vm_flags_t vm_flags, pgprot_t vm_page_prot,
								kvm_pfn_t pfn, bool exec_fault)
				{
					if (!pfn_is_map_memory(pfn)) {
						if (exec_fault)
							return -ENOEXEC;
						if (vm_flags & VM_ALLOW_ANY_UNCACHED)
							return KVM_PGTABLE_PROT_NORMAL_NC;
						return KVM_PGTABLE_PROT_DEVICE;
					}
					/* Check the VMM hasn't introduced a new disallowed VMA */
					if (kvm_has_mte(kvm) && !(vm_flags & VM_MTE_ALLOWED))
						return -EFAULT;
					return 0;
				}
				/* mapl:end kvm_s2_fault_memtype */

				static int user_mem_abort(""");
	}

	private static String callFaultFunction(String mmu) {
		String s = replace(mmu, """
				static bool kvm_is_device_pfn(unsigned long pfn)
				{
					return !pfn_is_map_memory(pfn);
				}

				""", "");
		s = replace(s, """
					bool exec_fault, mte_allowed;
					bool device = false, vfio_allow_any_uc = false;
				""", """
					bool exec_fault;
					bool device = false;
					vm_flags_t vm_flags;
					pgprot_t vm_page_prot;
					int memtype;
				""");
		s = replace(s, """
					mte_allowed = kvm_vma_mte_allowed(vma);

					vfio_allow_any_uc = vma->vm_flags & VM_ALLOW_ANY_UNCACHED;
				""", """
					vm_flags = vma->vm_flags;
					vm_page_prot = vma->vm_page_prot;
				""");
		s = replace(s, """
					if (kvm_is_device_pfn(pfn)) {
						device = true;
					} else if (logging_active && !write_fault) {\
				""", """
					memtype = kvm_s2_fault_memtype(kvm, vm_flags, vm_page_prot, pfn, exec_fault);
					if (memtype < 0) {
						kvm_release_pfn_clean(pfn);
						return memtype;
					}

					if (memtype == KVM_PGTABLE_PROT_DEVICE || memtype == KVM_PGTABLE_PROT_NORMAL_NC) {
						device = true;
					} else if (logging_active && !write_fault) {\
				""");
		s = replace(s, """
					if (exec_fault && device)
						return -ENOEXEC;

				""", "");
		s = replace(s, """
					if (!fault_is_perm && !device && kvm_has_mte(kvm)) {
						/* Check the VMM hasn't introduced a new disallowed VMA */
						if (mte_allowed) {
							sanitise_mte_tags(kvm, pfn, vma_pagesize);
						} else {
							ret = -EFAULT;
							goto out_unlock;
						}
					}
				""", """
					if (!fault_is_perm && !device && kvm_has_mte(kvm) && (vm_flags & VM_MTE_ALLOWED))
						sanitise_mte_tags(kvm, pfn, vma_pagesize);
				""");
		return replace(s, """
					if (device) {
						if (vfio_allow_any_uc)
							prot |= KVM_PGTABLE_PROT_NORMAL_NC;
						else
							prot |= KVM_PGTABLE_PROT_DEVICE;
					} else if\
				""", """
					if (device) {
						prot |= memtype;
					} else if\
				""");
	}

	private static String callSlotFunction(String mmu) {
		return replace(mmu, """
						if (kvm_has_mte(kvm) && !kvm_vma_mte_allowed(vma)) {
							ret = -EINVAL;
							break;
						}

						if (vma->vm_flags & VM_PFNMAP) {
							/* IO region dirty page logging not allowed */
							if (new->flags & KVM_MEM_LOG_DIRTY_PAGES) {
								ret = -EINVAL;
								break;
							}
						}
				""", """
						ret = kvm_s2_slot_allowed(kvm, vma->vm_flags, vma->vm_page_prot, new);
						if (ret)
							break;

				""");
	}

	private static String replace(String text, String old, String replacement) {
		int at = text.indexOf(old);
		assertEquals(true, at >= 0 && text.indexOf(old, at + 1) < 0,
				"mmu.c does not contain exactly once:\n" + old);
		return text.substring(0, at) + replacement + text.substring(at + old.length());
	}
}
