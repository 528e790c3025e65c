// SPDX-License-Identifier: GPL-2.0
/* Do not edit directly, auto-generated from: */
/*	examples/kvm-arm64/common.mapl */
/*	examples/kvm-arm64/v6_12.mapl */
/* To regenerate: ./mapl compile examples/kvm-arm64/v6_12.mapl --kunit-out <linux> */

#include <kunit/test.h>

#include "stage2_memtype.h"

/*
 * kvm.v6_12.slot, 16 cases of __kvm_s2_slot_allowed(): every possible input.
 */
struct kvm_s2_slot_allowed_case {
	const char *desc;
	bool vm_pfnmap;
	bool vm_mte_allowed;
	bool guest_mte;
	bool slot_log_dirty;
	int expected;
};

static const struct kvm_s2_slot_allowed_case kvm_s2_slot_allowed_cases[] = {
	{
		"otherwise: Ok <- !VM_PFNMAP !VM_MTE_ALLOWED !guest.mte !slot.log_dirty",
		false, false, false, false, 0
	},
	{
		"otherwise: Ok <- !VM_PFNMAP !VM_MTE_ALLOWED !guest.mte slot.log_dirty",
		false, false, false, true, 0
	},
	{
		"mte_without_tags: Einval <- !VM_PFNMAP !VM_MTE_ALLOWED guest.mte !slot.log_dirty",
		false, false, true, false, -EINVAL
	},
	{
		"mte_without_tags: Einval <- !VM_PFNMAP !VM_MTE_ALLOWED guest.mte slot.log_dirty",
		false, false, true, true, -EINVAL
	},
	{
		"otherwise: Ok <- !VM_PFNMAP VM_MTE_ALLOWED !guest.mte !slot.log_dirty",
		false, true, false, false, 0
	},
	{
		"otherwise: Ok <- !VM_PFNMAP VM_MTE_ALLOWED !guest.mte slot.log_dirty",
		false, true, false, true, 0
	},
	{
		"otherwise: Ok <- !VM_PFNMAP VM_MTE_ALLOWED guest.mte !slot.log_dirty",
		false, true, true, false, 0
	},
	{
		"otherwise: Ok <- !VM_PFNMAP VM_MTE_ALLOWED guest.mte slot.log_dirty",
		false, true, true, true, 0
	},
	{
		"otherwise: Ok <- VM_PFNMAP !VM_MTE_ALLOWED !guest.mte !slot.log_dirty",
		true, false, false, false, 0
	},
	{
		"pfnmap_dirty_log: Einval <- VM_PFNMAP !VM_MTE_ALLOWED !guest.mte slot.log_dirty",
		true, false, false, true, -EINVAL
	},
	{
		"mte_without_tags: Einval <- VM_PFNMAP !VM_MTE_ALLOWED guest.mte !slot.log_dirty",
		true, false, true, false, -EINVAL
	},
	{
		"mte_without_tags: Einval <- VM_PFNMAP !VM_MTE_ALLOWED guest.mte slot.log_dirty",
		true, false, true, true, -EINVAL
	},
	{
		"otherwise: Ok <- VM_PFNMAP VM_MTE_ALLOWED !guest.mte !slot.log_dirty",
		true, true, false, false, 0
	},
	{
		"pfnmap_dirty_log: Einval <- VM_PFNMAP VM_MTE_ALLOWED !guest.mte slot.log_dirty",
		true, true, false, true, -EINVAL
	},
	{
		"otherwise: Ok <- VM_PFNMAP VM_MTE_ALLOWED guest.mte !slot.log_dirty",
		true, true, true, false, 0
	},
	{
		"pfnmap_dirty_log: Einval <- VM_PFNMAP VM_MTE_ALLOWED guest.mte slot.log_dirty",
		true, true, true, true, -EINVAL
	},
};

KUNIT_ARRAY_PARAM_DESC(kvm_s2_slot_allowed, kvm_s2_slot_allowed_cases, desc);

static void kvm_s2_slot_allowed_test(struct kunit *test)
{
	const struct kvm_s2_slot_allowed_case *c = test->param_value;
	int got = __kvm_s2_slot_allowed(c->vm_pfnmap, c->vm_mte_allowed, c->guest_mte,
					c->slot_log_dirty);

	KUNIT_EXPECT_EQ(test, got, c->expected);
}

/*
 * kvm.v6_12.fault, 32 cases of __kvm_s2_fault_memtype(): every possible input.
 */
struct kvm_s2_fault_memtype_case {
	const char *desc;
	bool vm_mte_allowed;
	bool vm_allow_any_uncached;
	bool pfn_map_memory;
	bool guest_mte;
	bool fault_exec;
	int expected;
};

static const struct kvm_s2_fault_memtype_case kvm_s2_fault_memtype_cases[] = {
	{
		"device: Device <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte !fault.exec",
		false, false, false, false, false, KVM_PGTABLE_PROT_DEVICE
	},
	{
		"exec_device: Enoexec <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte fault.exec",
		false, false, false, false, true, -ENOEXEC
	},
	{
		"device: Device <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte !fault.exec",
		false, false, false, true, false, KVM_PGTABLE_PROT_DEVICE
	},
	{
		"exec_device: Enoexec <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte fault.exec",
		false, false, false, true, true, -ENOEXEC
	},
	{
		"otherwise: Normal <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte !fault.exec",
		false, false, true, false, false, 0
	},
	{
		"otherwise: Normal <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte fault.exec",
		false, false, true, false, true, 0
	},
	{
		"mte_untagged: Efault <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte !fault.exec",
		false, false, true, true, false, -EFAULT
	},
	{
		"mte_untagged: Efault <- !VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte fault.exec",
		false, false, true, true, true, -EFAULT
	},
	{
		"vfio_nc: NormalNC <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte !fault.exec",
		false, true, false, false, false, KVM_PGTABLE_PROT_NORMAL_NC
	},
	{
		"exec_device: Enoexec <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte fault.exec",
		false, true, false, false, true, -ENOEXEC
	},
	{
		"vfio_nc: NormalNC <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte !fault.exec",
		false, true, false, true, false, KVM_PGTABLE_PROT_NORMAL_NC
	},
	{
		"exec_device: Enoexec <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte fault.exec",
		false, true, false, true, true, -ENOEXEC
	},
	{
		"otherwise: Normal <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte !fault.exec",
		false, true, true, false, false, 0
	},
	{
		"otherwise: Normal <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte fault.exec",
		false, true, true, false, true, 0
	},
	{
		"mte_untagged: Efault <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte !fault.exec",
		false, true, true, true, false, -EFAULT
	},
	{
		"mte_untagged: Efault <- !VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte fault.exec",
		false, true, true, true, true, -EFAULT
	},
	{
		"device: Device <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte !fault.exec",
		true, false, false, false, false, KVM_PGTABLE_PROT_DEVICE
	},
	{
		"exec_device: Enoexec <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte fault.exec",
		true, false, false, false, true, -ENOEXEC
	},
	{
		"device: Device <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte !fault.exec",
		true, false, false, true, false, KVM_PGTABLE_PROT_DEVICE
	},
	{
		"exec_device: Enoexec <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte fault.exec",
		true, false, false, true, true, -ENOEXEC
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte !fault.exec",
		true, false, true, false, false, 0
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte fault.exec",
		true, false, true, false, true, 0
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte !fault.exec",
		true, false, true, true, false, 0
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED !VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte fault.exec",
		true, false, true, true, true, 0
	},
	{
		"vfio_nc: NormalNC <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte !fault.exec",
		true, true, false, false, false, KVM_PGTABLE_PROT_NORMAL_NC
	},
	{
		"exec_device: Enoexec <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory !guest.mte fault.exec",
		true, true, false, false, true, -ENOEXEC
	},
	{
		"vfio_nc: NormalNC <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte !fault.exec",
		true, true, false, true, false, KVM_PGTABLE_PROT_NORMAL_NC
	},
	{
		"exec_device: Enoexec <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED !pfn.map_memory guest.mte fault.exec",
		true, true, false, true, true, -ENOEXEC
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte !fault.exec",
		true, true, true, false, false, 0
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory !guest.mte fault.exec",
		true, true, true, false, true, 0
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte !fault.exec",
		true, true, true, true, false, 0
	},
	{
		"otherwise: Normal <- VM_MTE_ALLOWED VM_ALLOW_ANY_UNCACHED pfn.map_memory guest.mte fault.exec",
		true, true, true, true, true, 0
	},
};

KUNIT_ARRAY_PARAM_DESC(kvm_s2_fault_memtype, kvm_s2_fault_memtype_cases, desc);

static void kvm_s2_fault_memtype_test(struct kunit *test)
{
	const struct kvm_s2_fault_memtype_case *c = test->param_value;
	int got = __kvm_s2_fault_memtype(c->vm_mte_allowed, c->vm_allow_any_uncached,
					 c->pfn_map_memory, c->guest_mte, c->fault_exec);

	KUNIT_EXPECT_EQ(test, got, c->expected);
}

static struct kunit_case arm64_kvm_stage2_memtype_test_cases[] = {
	KUNIT_CASE_PARAM(kvm_s2_slot_allowed_test, kvm_s2_slot_allowed_gen_params),
	KUNIT_CASE_PARAM(kvm_s2_fault_memtype_test, kvm_s2_fault_memtype_gen_params),
	{}
};

static struct kunit_suite arm64_kvm_stage2_memtype_test_suite = {
	.name = "arm64_kvm_stage2_memtype",
	.test_cases = arm64_kvm_stage2_memtype_test_cases,
};

kunit_test_suite(arm64_kvm_stage2_memtype_test_suite);

MODULE_DESCRIPTION("KUnit tests for arch/arm64/kvm/stage2_memtype.h, generated from MAPL");
MODULE_LICENSE("GPL");
