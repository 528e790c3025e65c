/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	examples/kvm-arm64/common.mapl */
/*	examples/kvm-arm64/v6_12.mapl */
/* To regenerate: ./mapl compile examples/kvm-arm64/v6_12.mapl --c-out <linux> --c-style branches */

#ifndef __ARCH_ARM64_KVM_STAGE2_MEMTYPE_H__
#define __ARCH_ARM64_KVM_STAGE2_MEMTYPE_H__

#include <linux/types.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <asm/kvm_pgtable.h>

/**
 * __kvm_s2_slot_allowed() - Decide policy kvm.v6_12.slot from its facts
 * @vm_pfnmap: VM_PFNMAP: vma->vm_flags & VM_PFNMAP: raw PFNs, no struct page required.
 * @vm_mte_allowed: VM_MTE_ALLOWED: vma->vm_flags & VM_MTE_ALLOWED: the mapping may carry MTE tags
 * (struct-page RAM only).
 * @guest_mte: guest.mte: kvm_has_mte(kvm): the VMM enabled KVM_CAP_ARM_MTE.
 * @slot_log_dirty: slot.log_dirty: The memslot has KVM_MEM_LOG_DIRTY_PAGES.
 *
 * kvm_arch_prepare_memory_region(): may the VMM register this memslot?
 *
 * The rules; the first that matches decides:
 *	mte_without_tags: guest.mte & !VM_MTE_ALLOWED -> Einval
 *	pfnmap_dirty_log: VM_PFNMAP & slot.log_dirty -> Einval
 *	otherwise -> Ok
 *
 * The tests follow the policy's reduced decision diagram. Inputs the policy's assumptions exclude
 * take whichever branch keeps the code smallest.
 *
 * Return: -EINVAL (Einval) or 0 (Ok).
 */
static inline int __kvm_s2_slot_allowed(bool vm_pfnmap, bool vm_mte_allowed, bool guest_mte,
					bool slot_log_dirty)
{
	if (guest_mte && !vm_mte_allowed)
		return -EINVAL; /* mte_without_tags */
	if (vm_pfnmap && slot_log_dirty)
		return -EINVAL; /* pfnmap_dirty_log */
	return 0; /* otherwise */
}

/**
 * kvm_s2_slot_allowed() - kvm_arch_prepare_memory_region(): may the VMM register this memslot?
 * @kvm: read by guest.mte
 * @vm_flags: read by VM_PFNMAP, VM_MTE_ALLOWED
 * @vm_page_prot: not read: the decision does not depend on it
 * @new: read by slot.log_dirty
 *
 * Evaluates the C binding of each fact once and decides policy kvm.v6_12.slot with
 * __kvm_s2_slot_allowed().
 *
 * Return: -EINVAL (Einval) or 0 (Ok).
 */
static inline int kvm_s2_slot_allowed(struct kvm *kvm, vm_flags_t vm_flags,
				      __always_unused pgprot_t vm_page_prot,
				      const struct kvm_memory_slot *new)
{
	return __kvm_s2_slot_allowed(vm_flags & VM_PFNMAP, vm_flags & VM_MTE_ALLOWED,
				     kvm_has_mte(kvm), new->flags & KVM_MEM_LOG_DIRTY_PAGES);
}

/**
 * __kvm_s2_fault_memtype() - Decide policy kvm.v6_12.fault from its facts
 * @vm_mte_allowed: VM_MTE_ALLOWED: vma->vm_flags & VM_MTE_ALLOWED: the mapping may carry MTE tags
 * (struct-page RAM only).
 * @vm_allow_any_uncached: VM_ALLOW_ANY_UNCACHED: vma->vm_flags & VM_ALLOW_ANY_UNCACHED: set by
 * vfio-pci for BARs that tolerate Normal-NC.
 * @pfn_map_memory: pfn.map_memory: pfn_is_map_memory(pfn): the PFN is in the kernel's linear map
 * (boot RAM).
 * @guest_mte: guest.mte: kvm_has_mte(kvm): the VMM enabled KVM_CAP_ARM_MTE.
 * @fault_exec: fault.exec: kvm_vcpu_trap_is_exec_fault(vcpu): the guest fetched an instruction.
 *
 * user_mem_abort(): the stage-2 memory type of a faulting page.
 *
 * The rules; the first that matches decides:
 *	exec_device: fault.exec & !pfn.map_memory -> Enoexec
 *	mte_untagged: pfn.map_memory & guest.mte & !VM_MTE_ALLOWED -> Efault
 *	vfio_nc: !pfn.map_memory & VM_ALLOW_ANY_UNCACHED -> NormalNC
 *	device: !pfn.map_memory -> Device
 *	otherwise -> Normal
 *
 * The tests follow the policy's reduced decision diagram. Inputs the policy's assumptions exclude
 * take whichever branch keeps the code smallest.
 *
 * Return: -EFAULT (Efault), -ENOEXEC (Enoexec), KVM_PGTABLE_PROT_DEVICE (Device),
 * KVM_PGTABLE_PROT_NORMAL_NC (NormalNC) or 0 (Normal).
 */
static inline int __kvm_s2_fault_memtype(bool vm_mte_allowed, bool vm_allow_any_uncached,
					 bool pfn_map_memory, bool guest_mte, bool fault_exec)
{
	if (!pfn_map_memory) {
		if (fault_exec)
			return -ENOEXEC; /* exec_device */
		if (vm_allow_any_uncached)
			return KVM_PGTABLE_PROT_NORMAL_NC; /* vfio_nc */
		return KVM_PGTABLE_PROT_DEVICE; /* device */
	}
	if (guest_mte && !vm_mte_allowed)
		return -EFAULT; /* mte_untagged */
	return 0; /* otherwise */
}

/**
 * kvm_s2_fault_memtype() - user_mem_abort(): the stage-2 memory type of a faulting page.
 * @kvm: read by guest.mte
 * @vm_flags: read by VM_MTE_ALLOWED, VM_ALLOW_ANY_UNCACHED
 * @vm_page_prot: not read: the decision does not depend on it
 * @pfn: read by pfn.map_memory
 * @exec_fault: read by fault.exec
 *
 * Evaluates the C binding of each fact once and decides policy kvm.v6_12.fault with
 * __kvm_s2_fault_memtype().
 *
 * Return: -EFAULT (Efault), -ENOEXEC (Enoexec), KVM_PGTABLE_PROT_DEVICE (Device),
 * KVM_PGTABLE_PROT_NORMAL_NC (NormalNC) or 0 (Normal).
 */
static inline int kvm_s2_fault_memtype(struct kvm *kvm, vm_flags_t vm_flags,
				       __always_unused pgprot_t vm_page_prot, kvm_pfn_t pfn,
				       bool exec_fault)
{
	return __kvm_s2_fault_memtype(vm_flags & VM_MTE_ALLOWED, vm_flags & VM_ALLOW_ANY_UNCACHED,
				      pfn_is_map_memory(pfn), kvm_has_mte(kvm), exec_fault);
}

#endif /* __ARCH_ARM64_KVM_STAGE2_MEMTYPE_H__ */
