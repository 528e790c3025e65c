package dev.mapl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.testing.IrBuilder;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffTest {

	/** The fault stage of v6.6 (no VM_ALLOW_ANY_UNCACHED yet). */
	static Model v66() {
		return new IrBuilder()
				.bool("pfn.map_memory", "guest.mte", "VM_MTE_ALLOWED", "fault.exec")
				.outcome("Efault").outcome("Enoexec").outcome("Device").outcome("NormalNC").outcome("Normal")
				.policy("fault", HitPolicy.FIRST)
				.rule("exec", "fault.exec & !pfn.map_memory", "Enoexec")
				.rule("mte", "pfn.map_memory & guest.mte & !VM_MTE_ALLOWED", "Efault")
				.rule("dev", "!pfn.map_memory", "Device")
				.otherwise("Normal")
				.end().build();
	}

	/** v6.12: a device pfn maps NormalNC when VM_ALLOW_ANY_UNCACHED is set. */
	static Model v612() {
		return new IrBuilder()
				.bool("pfn.map_memory", "guest.mte", "VM_MTE_ALLOWED", "fault.exec", "VM_ALLOW_ANY_UNCACHED")
				.outcome("Efault").outcome("Enoexec").outcome("Device").outcome("NormalNC").outcome("Normal")
				.policy("fault", HitPolicy.FIRST)
				.rule("exec", "fault.exec & !pfn.map_memory", "Enoexec")
				.rule("mte", "pfn.map_memory & guest.mte & !VM_MTE_ALLOWED", "Efault")
				.rule("nc", "!pfn.map_memory & VM_ALLOW_ANY_UNCACHED", "NormalNC")
				.rule("dev", "!pfn.map_memory", "Device")
				.otherwise("Normal")
				.end().build();
	}

	static PolicyDiff diff(Model a, Model b) {
		return new DiffAnalyzer().diff(a, a.policies().get(0), b, b.policies().get(0));
	}

	@Test
	void reportsExactlyTheChangedRegion() {
		PolicyDiff d = diff(v66(), v612());
		assertEquals(List.of("pfn.map_memory", "guest.mte", "VM_MTE_ALLOWED", "fault.exec", "VM_ALLOW_ANY_UNCACHED"),
				d.inputs());
		assertEquals(BigInteger.valueOf(32), d.commonInputs());
		assertEquals(BigInteger.valueOf(4), d.changedInputs());
		assertEquals(1, d.changes().size());
		PolicyDiff.Change c = d.changes().get(0);
		assertEquals("Device", c.from());
		assertEquals("NormalNC", c.to());
		assertEquals(BigInteger.valueOf(4), c.count());
		assertEquals(List.of("!pfn.map_memory & !fault.exec & VM_ALLOW_ANY_UNCACHED"), c.cubes());
		assertEquals(List.of("dev"), c.oldRules());
		assertEquals(List.of("nc"), c.newRules());
		assertEquals("!pfn.map_memory, !guest.mte, !VM_MTE_ALLOWED, !fault.exec, VM_ALLOW_ANY_UNCACHED",
				c.example().toString());
		assertEquals("NormalNC", c.example().outcome());
		assertEquals("nc", c.example().rule());
		assertTrue(d.onlyOld().isEmpty());
		assertTrue(d.onlyNew().isEmpty());
		assertFalse(d.equivalent());

		PolicyDiff back = diff(v612(), v66());
		assertEquals("NormalNC", back.changes().get(0).from());
		assertEquals("Device", back.changes().get(0).to());
		assertEquals(List.of("pfn.map_memory", "guest.mte", "VM_MTE_ALLOWED", "fault.exec", "VM_ALLOW_ANY_UNCACHED"),
				back.inputs());
	}

	@Test
	void equivalentPoliciesReportNothing() {
		IrBuilder b = new IrBuilder().bool("a", "b", "c").enumeration("prot", "N", "NC", "DEV")
				.outcome("X").outcome("Y").outcome("Z");
		Model first = b.policy("p", HitPolicy.FIRST)
				.rule("r1", "a & b", "X")
				.rule("r2", "a | prot == DEV", "Y")
				.otherwise("Z")
				.end().build();
		Model unique = new IrBuilder().bool("a", "b", "c").enumeration("prot", "N", "NC", "DEV")
				.outcome("X").outcome("Y").outcome("Z")
				.policy("p", HitPolicy.UNIQUE)
				.rule("s3", "b & a", "X")
				.rule("s1", "a & !b", "Y")
				.rule("s4", "!a & prot == DEV", "Y")
				.rule("s2", "!a & prot in {N, NC}", "Z")
				.end().build();
		Model priority = new IrBuilder().bool("a", "b", "c").enumeration("prot", "N", "NC", "DEV")
				.outcome("X").outcome("Y").outcome("Z")
				.policy("p", HitPolicy.PRIORITY)
				.rule("z", "true", "Z")
				.rule("y", "prot != N & prot != NC | a", "Y")
				.rule("x", "a & b & (c | !c)", "X")
				.end().build();
		for (Model[] pair : new Model[][] {{first, unique}, {unique, priority}, {priority, first}}) {
			PolicyDiff d = diff(pair[0], pair[1]);
			assertTrue(d.equivalent(), d::toString);
			assertTrue(d.changes().isEmpty());
			assertEquals(BigInteger.ZERO, d.changedInputs());
			assertEquals(BigInteger.valueOf(pair[0] == priority || pair[1] == priority ? 24 : 12), d.commonInputs());
		}
	}

	@Test
	void changedAssumptionsAreReportedSeparately() {
		Model before = new IrBuilder().bool("VM_PFNMAP", "VM_MIXEDMAP").outcome("Device").outcome("Normal")
				.assume("!(VM_PFNMAP & VM_MIXEDMAP)")
				.policy("p", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP | VM_MIXEDMAP", "Device")
				.otherwise("Normal")
				.end().build();
		Model after = new IrBuilder().bool("VM_PFNMAP", "VM_MIXEDMAP").outcome("Device").outcome("Normal")
				.policy("p", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP | VM_MIXEDMAP", "Device")
				.otherwise("Normal")
				.end().build();
		PolicyDiff d = diff(before, after);
		assertTrue(d.sameDecisions());
		assertFalse(d.equivalent());
		assertEquals(BigInteger.valueOf(3), d.commonInputs());
		assertTrue(d.onlyOld().isEmpty());
		assertEquals(BigInteger.ONE, d.onlyNew().count());
		assertEquals(List.of("VM_PFNMAP & VM_MIXEDMAP"), d.onlyNew().cubes());
		assertEquals("VM_PFNMAP, VM_MIXEDMAP", d.onlyNew().example().get().toString());
		assertEquals("Device", d.onlyNew().example().get().outcome());
	}

	@Test
	void newEnumValueIsPossibleOnTheNewSideOnly() {
		Model before = new IrBuilder().enumeration("prot", "MT_NORMAL", "MT_DEVICE").bool("VM_IO")
				.outcome("Device").outcome("Normal")
				.policy("p", HitPolicy.FIRST)
				.rule("r1", "prot == MT_DEVICE | VM_IO", "Device")
				.otherwise("Normal")
				.end().build();
		Model after = new IrBuilder().enumeration("prot", "MT_NORMAL", "MT_NORMAL_NC", "MT_DEVICE").bool("VM_IO")
				.outcome("Device").outcome("NormalNC").outcome("Normal")
				.policy("p", HitPolicy.FIRST)
				.rule("r1", "prot == MT_DEVICE", "Device")
				.rule("r2", "prot == MT_NORMAL_NC | VM_IO", "NormalNC")
				.otherwise("Normal")
				.end().build();
		PolicyDiff d = diff(before, after);
		assertEquals(BigInteger.valueOf(4), d.commonInputs());
		assertEquals(BigInteger.TWO, d.onlyNew().count());
		assertEquals(List.of("prot == MT_NORMAL_NC"), d.onlyNew().cubes());
		assertEquals(1, d.changes().size());
		PolicyDiff.Change c = d.changes().get(0);
		assertEquals("Device -> NormalNC x1", c.from() + " -> " + c.to() + " x" + c.count());
		assertEquals("prot = MT_NORMAL, VM_IO", c.example().toString());
		// MT_NORMAL_NC is not a common input, so the cube may include it (a don't-care).
		assertEquals(List.of("prot != MT_DEVICE & VM_IO"), c.cubes());
	}

	/**
	 * Issue 20.2: a fact that is boolean in OLD and an enum in NEW is a difference, not a crash. The
	 * boolean reads as an enum of {@code false} and {@code true}, values the other side never has, so
	 * no input is common and every input is possible on one side only.
	 */
	@Test
	void aFactThatChangesTypeIsADifference() {
		Model before = new IrBuilder().bool("mode", "VM_IO").outcome("Device").outcome("Normal")
				.policy("p", HitPolicy.FIRST).rule("r1", "mode | VM_IO", "Device").otherwise("Normal").end().build();
		Model after = new IrBuilder().enumeration("mode", "A", "B", "C").bool("VM_IO").outcome("Device").outcome("Normal")
				.policy("p", HitPolicy.FIRST).rule("r1", "mode == A | VM_IO", "Device").otherwise("Normal").end().build();
		PolicyDiff d = diff(before, after);
		assertEquals(List.of("mode", "VM_IO"), d.inputs());
		assertEquals(BigInteger.ZERO, d.commonInputs());
		assertEquals(BigInteger.valueOf(4), d.onlyOld().count());
		assertEquals(BigInteger.valueOf(6), d.onlyNew().count());
		assertEquals(List.of("mode in {false, true}"), d.onlyOld().cubes());
		assertEquals("mode = false, !VM_IO", d.onlyOld().example().get().toString());
		assertEquals("Normal", d.onlyOld().example().get().outcome());
		assertFalse(d.equivalent());
		PolicyDiff back = diff(after, before);
		assertEquals(BigInteger.valueOf(6), back.onlyOld().count());
		assertEquals(BigInteger.valueOf(4), back.onlyNew().count());
	}
}
