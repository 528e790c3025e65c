package dev.mapl.bench;

import kvm.v6_17.Stage2.Outcome;
import kvm.v6_17.Stage2.Prot;

/**
 * The stage-2 decision of Linux v6.17 (examples/kvm-arm64/v6_17.mapl, policy {@code stage2}) as a
 * developer writes it by hand: the memslot checks, then the fault's memory type, with the
 * {@code let}s as local booleans, in the shape of user_mem_abort(). It takes the facts the
 * decision reads and the generated class's enums, so that both get the same input.
 */
public final class HandWrittenStage2 {

	private HandWrittenStage2() {
	}

	public static Outcome decide(boolean vmPfnmap, boolean vmMixedmap, boolean vmMteAllowed, boolean vmAllowAnyUncached,
			Prot prot, boolean pfnMapMemory, boolean guestMte, boolean cpuFwb, boolean cpuCacheDic, boolean faultExec,
			boolean slotLogDirty) {
		boolean cacheableProt = prot == Prot.MT_NORMAL || prot == Prot.MT_NORMAL_TAGGED;
		boolean cacheableSupported = cpuFwb && cpuCacheDic;

		// kvm_arch_prepare_memory_region()
		if (guestMte && !vmMteAllowed) {
			return Outcome.Einval;
		}
		if (vmPfnmap && slotLogDirty) {
			return Outcome.Einval;
		}
		if (vmPfnmap && cacheableProt && !cacheableSupported) {
			return Outcome.Einval;
		}

		// user_mem_abort()
		boolean pfnmem = (vmPfnmap || vmMixedmap) && !pfnMapMemory;
		boolean noncacheable = pfnmem && !cacheableProt;
		if (pfnmem && cacheableProt && !cacheableSupported) {
			return Outcome.Efault;
		}
		if (faultExec && noncacheable) {
			return Outcome.Enoexec;
		}
		if (!noncacheable && guestMte && !vmMteAllowed) {
			return Outcome.Efault;
		}
		if (noncacheable) {
			return vmAllowAnyUncached ? Outcome.NormalNC : Outcome.Device;
		}
		return Outcome.Normal;
	}
}
