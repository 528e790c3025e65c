package dev.mapl.examples.consumer;

import dev.mapl.examples.stage2.Fault;
import dev.mapl.examples.stage2.Slot;
import dev.mapl.examples.stage2.Stage2;

/**
 * A guest-memory simulator's view of one mapping: what the VMM set up and what the CPU has. It asks
 * the generated classes (from examples/kvm-arm64/v6_17.mapl) how a Linux v6.17 host maps it.
 */
public record GuestMemory(boolean pfnmap, boolean mixedmap, boolean io, boolean shared, boolean mteAllowed,
		boolean allowAnyUncached, Fault.Prot prot, boolean structPage, boolean mapMemory, boolean guestMte,
		boolean fwb, boolean cacheDic, boolean mtePerm, boolean exec, boolean logDirty) {

	/** Vfio-pci maps a device BAR: raw PFNs, a Device pgprot, any uncached type allowed. */
	public static GuestMemory vfioBar() {
		return new GuestMemory(true, false, true, true, false, true, Fault.Prot.MT_DEVICE_nGnRE, false, false, false,
				true, true, false, false, false);
	}

	/** A GPU driver maps its device memory cacheable into the VMM, on a CPU with FWB and DIC. */
	public static GuestMemory gpuMemory() {
		return new GuestMemory(true, false, false, true, false, false, Fault.Prot.MT_NORMAL, false, false, false,
				true, true, false, false, false);
	}

	/** What the guest gets: the memslot's refusal, or the fault's memory type. */
	public Stage2.Outcome stage2() {
		return Stage2.decide(pfnmap, mixedmap, io, mteAllowed, allowAnyUncached, Stage2.Prot.values()[prot.ordinal()],
				structPage, mapMemory, guestMte, fwb, cacheDic, exec, logDirty);
	}

	/** Whether registering the memslot succeeds. */
	public boolean slotAccepted() {
		return Slot.decide(pfnmap, mixedmap, io, mteAllowed, Slot.Prot.values()[prot.ordinal()], structPage, mapMemory,
				guestMte, fwb, cacheDic, logDirty) == Slot.Outcome.Ok;
	}

	/** The fault-stage rule that decides, for tracing: its label and source line. */
	public String faultRule() {
		Fault.Rule r = Fault.rule(pfnmap, mixedmap, io, mteAllowed, allowAnyUncached, prot, structPage, mapMemory,
				guestMte, fwb, cacheDic, mtePerm, exec);
		return r.label() + " (line " + r.line() + ")";
	}
}
