package com.example.app;

import com.example.memtype.Stage2;

/** Uses the classes of both policy modules. */
public final class Compare {
	private Compare() {
	}

	public static String both() {
		return Stage2.decide(true, false, Stage2.Prot.MT_NORMAL, true) + " " + kvm.v6_17.Slot.Outcome.Ok + " "
				+ kvm.v6_1.Fault.Outcome.values().length;
	}
}
