package com.example.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.memtype.Probe;
import org.junit.jupiter.api.Test;

class MapperTest {
	@Test
	void pfnmapWithMteGuestIsNonCacheable() {
		assertEquals("NormalNC", Mapper.memoryType(true, false, true));
		assertEquals("Normal", Mapper.memoryType(false, true, false));
	}

	@Test
	void testOnlyPolicyIsGenerated() {
		assertEquals(Probe.Outcome.Fire, Probe.decide(true));
	}
}
