package dev.mapl.examples.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.examples.stage2.Stage2;
import org.junit.jupiter.api.Test;

/** The cases the v6.9 and v6.17 commit messages describe, through the generated classes. */
class GuestMemoryTest {

	@Test
	void vfioBarMapsNormalNonCacheable() {
		GuestMemory bar = GuestMemory.vfioBar();
		assertTrue(bar.slotAccepted());
		assertEquals(Stage2.Outcome.NormalNC, bar.stage2());
		assertFalse(bar.stage2().isCacheable());
		assertTrue(bar.faultRule().startsWith("vfio_nc (line "), bar.faultRule());
	}

	@Test
	void gpuMemoryMapsCacheableWithFwbAndDic() {
		GuestMemory gpu = GuestMemory.gpuMemory();
		assertEquals(Stage2.Outcome.Normal, gpu.stage2());
		assertTrue(gpu.stage2().isCacheable());
	}

	@Test
	void gpuMemoryWithoutFwbIsRefusedAtTheSlot() {
		GuestMemory gpu = GuestMemory.gpuMemory();
		GuestMemory noFwb = new GuestMemory(gpu.pfnmap(), gpu.mixedmap(), gpu.io(), gpu.shared(), gpu.mteAllowed(),
				gpu.allowAnyUncached(), gpu.prot(), gpu.structPage(), gpu.mapMemory(), gpu.guestMte(), false,
				gpu.cacheDic(), gpu.mtePerm(), gpu.exec(), gpu.logDirty());
		assertFalse(noFwb.slotAccepted());
		assertEquals(Stage2.Outcome.Einval, noFwb.stage2());
	}
}
