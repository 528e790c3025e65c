/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	examples/kvm-arm64/common.mapl */
/*	examples/kvm-arm64/v6_12.mapl */
/* To regenerate: ./mapl compile examples/kvm-arm64/v6_12.mapl --c-out <linux> --c-style table */

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
 * The decisions are looked up in a table indexed by the facts, packed in parameter order.
 *
 * Return: -EINVAL (Einval) or 0 (Ok).
 */
static inline int __kvm_s2_slot_allowed(bool vm_pfnmap, bool vm_mte_allowed, bool guest_mte,
					bool slot_log_dirty)
{
	/*
	 * The decision for every input, indexed by vm_pfnmap, vm_mte_allowed, guest_mte,
	 * slot_log_dirty (the position of an outcome in @outcome); each line is commented with the
	 * values of the leading parameters.
	 */
	static const u8 decision[16] = {
		1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0,
	};
	static const int outcome[] = {
		-EINVAL,	/* 0: Einval */
		0,	/* 1: Ok */
	};
	unsigned int i = vm_pfnmap;

	i = i * 2 + vm_mte_allowed;
	i = i * 2 + guest_mte;
	i = i * 2 + slot_log_dirty;
	return outcome[decision[i]];
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
 * The decisions are looked up in a table indexed by the facts, packed in parameter order.
 *
 * Return: -EFAULT (Efault), -ENOEXEC (Enoexec), KVM_PGTABLE_PROT_DEVICE (Device),
 * KVM_PGTABLE_PROT_NORMAL_NC (NormalNC) or 0 (Normal).
 */
static inline int __kvm_s2_fault_memtype(bool vm_mte_allowed, bool vm_allow_any_uncached,
					 bool pfn_map_memory, bool guest_mte, bool fault_exec)
{
	/*
	 * The decision for every input, indexed by vm_mte_allowed, vm_allow_any_uncached,
	 * pfn_map_memory, guest_mte, fault_exec (the position of an outcome in @outcome); each line
	 * is commented with the values of the leading parameters.
	 */
	static const u8 decision[32] = {
		2, 1, 2, 1, 4, 4, 0, 0, 3, 1, 3, 1, 4, 4, 0, 0,	/* 0 */
		2, 1, 2, 1, 4, 4, 4, 4, 3, 1, 3, 1, 4, 4, 4, 4,	/* 1 */
	};
	static const int outcome[] = {
		-EFAULT,	/* 0: Efault */
		-ENOEXEC,	/* 1: Enoexec */
		KVM_PGTABLE_PROT_DEVICE,	/* 2: Device */
		KVM_PGTABLE_PROT_NORMAL_NC,	/* 3: NormalNC */
		0,	/* 4: Normal */
	};
	unsigned int i = vm_mte_allowed;

	i = i * 2 + vm_allow_any_uncached;
	i = i * 2 + pfn_map_memory;
	i = i * 2 + guest_mte;
	i = i * 2 + fault_exec;
	return outcome[decision[i]];
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
