package com.example.sim;

import com.example.memtype.Stage2;

/** Main code that asks the generated class. */
public final class Mapper {
	private Mapper() {
	}

	public static String memoryType(boolean pfnmap, boolean mteAllowed, boolean guestMte) {
		return Stage2.decide(pfnmap, mteAllowed, Stage2.Prot.MT_NORMAL, guestMte).name();
	}
}
