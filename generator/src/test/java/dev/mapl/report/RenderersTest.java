package dev.mapl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.analysis.DecisionTable;
import dev.mapl.analysis.DiffAnalyzer;
import dev.mapl.analysis.DiffTestAccess;
import dev.mapl.analysis.PolicyAnalyzer;
import dev.mapl.analysis.PolicyDiff;
import dev.mapl.ir.HitPolicy;
import dev.mapl.ir.Model;
import dev.mapl.ir.Policy;
import dev.mapl.testing.IrBuilder;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text in, text out: every renderer pinned on small policies. */
class RenderersTest {

	static Model stage2() {
		return new IrBuilder().bool("VM_PFNMAP", "MTE_ALLOWED", "guest.mte")
				.enumeration("prot", "MT_NORMAL", "MT_NORMAL_TAGGED", "MT_NORMAL_NC", "MT_DEVICE_nGnRE")
				.outcome("Device").outcome("NormalNC").outcome("Normal", "cacheable")
				.assume("guest.mte => MTE_ALLOWED")
				.policy("stage2", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & prot in {MT_NORMAL, MT_NORMAL_TAGGED}", "Normal")
				.rule("prot == MT_DEVICE_nGnRE", "Device")
				.rule("r3", "!VM_PFNMAP & guest.mte", "NormalNC")
				.invariant("no_tags", "guest.mte & !MTE_ALLOWED => !cacheable")
				.test("pfnmap, mte guest", "VM_PFNMAP, guest.mte, prot = MT_DEVICE_nGnRE", "NormalNC")
				.end().build();
	}

	@Test
	void reducedTable() {
		Model m = stage2();
		DecisionTable t = DecisionTable.reduced(m, m.policies().get(0));
		assertEquals("""
				| VM_PFNMAP | guest.mte | prot | outcome | rule |
				| --- | --- | --- | --- | --- |
				| 1 | - | {MT_NORMAL,MT_NORMAL_TAGGED} | Normal | r1 |
				| - | - | MT_DEVICE_nGnRE | Device | line 11 |
				| 0 | 1 | {MT_NORMAL,MT_NORMAL_TAGGED,MT_NORMAL_NC} | NormalNC | r3 |
				| 0 | 0 | {MT_NORMAL,MT_NORMAL_TAGGED,MT_NORMAL_NC} | none |  |
				| 1 | - | MT_NORMAL_NC | none |  |

				No row depends on MTE_ALLOWED.
				""", TableRenderer.markdown(t), "a fact no row constrains is named below the table, not a column");
		// CSV, for programs, keeps a column per input fact.
		assertEquals("""
				VM_PFNMAP,MTE_ALLOWED,guest.mte,prot,outcome,rule
				1,-,-,"{MT_NORMAL,MT_NORMAL_TAGGED}",Normal,r1
				-,-,-,MT_DEVICE_nGnRE,Device,line 11
				0,-,1,"{MT_NORMAL,MT_NORMAL_TAGGED,MT_NORMAL_NC}",NormalNC,r3
				0,-,0,"{MT_NORMAL,MT_NORMAL_TAGGED,MT_NORMAL_NC}",none,
				1,-,-,MT_NORMAL_NC,none,
				""", TableRenderer.csv(t));
	}

	@Test
	void fullTable() {
		Model m = new IrBuilder().bool("a").enumeration("prot", "N", "D").outcome("X").outcome("Y")
				.assume("a => prot == D")
				.policy("p", HitPolicy.FIRST).rule("r1", "prot == D", "X").end().build();
		DecisionTable t = DecisionTable.full(m, m.policies().get(0));
		assertEquals("""
				| a | prot | outcome | rule |
				| --- | --- | --- | --- |
				| 0 | N | none |  |
				| 0 | D | X | r1 |
				| 1 | D | X | r1 |
				""", TableRenderer.markdown(t));
		assertEquals("""
				a,prot,outcome,rule
				0,N,none,
				0,D,X,r1
				1,D,X,r1
				""", TableRenderer.csv(t));
		assertThrows(IllegalArgumentException.class,
				() -> DecisionTable.full(new PolicyAnalyzer(m), m.policies().get(0), 2));
	}

	@Test
	void csvQuoting() {
		assertEquals("plain", TableRenderer.csvCell("plain"));
		assertEquals("\"a,b\"", TableRenderer.csvCell("a,b"));
		assertEquals("\"say \"\"hi\"\"\"", TableRenderer.csvCell("say \"hi\""));
	}

	@Test
	void dot() {
		Model m = stage2();
		DecisionDiagram d = DecisionDiagram.build(m, m.policies().get(0), DecisionDiagram.LeafKind.RULE, true);
		assertEquals("""
				digraph "stage2" {
					node [fontname="Helvetica", fontsize=10];
					edge [fontname="Helvetica", fontsize=9];
					n0 [label="VM_PFNMAP", shape=ellipse];
					n0 -> n1 [label="0", style=dashed];
					n0 -> n7 [label="1"];
					n1 [label="guest.mte", shape=ellipse];
					n1 -> n2 [label="0", style=dashed];
					n1 -> n5 [label="1"];
					n2 [label="prot", shape=ellipse];
					n2 -> n3 [label="MT_NORMAL, MT_NORMAL_TAGGED, MT_NORMAL_NC"];
					n2 -> n4 [label="MT_DEVICE_nGnRE"];
					n3 [label="none", shape=box, style="rounded,dashed"];
					n4 [label="line 11: Device", shape=box, style=rounded];
					n5 [label="prot", shape=ellipse];
					n5 -> n6 [label="MT_NORMAL, MT_NORMAL_TAGGED, MT_NORMAL_NC"];
					n5 -> n4 [label="MT_DEVICE_nGnRE"];
					n6 [label="r3: NormalNC", shape=box, style=rounded];
					n7 [label="prot", shape=ellipse];
					n7 -> n8 [label="MT_NORMAL, MT_NORMAL_TAGGED"];
					n7 -> n3 [label="MT_NORMAL_NC"];
					n7 -> n4 [label="MT_DEVICE_nGnRE"];
					n8 [label="r1: Normal", shape=box, style=rounded];
				}
				""", GraphRenderer.dot(d));
		assertEquals(5, d.testCount());
		assertEquals(3, d.depth());
	}

	@Test
	void mermaid() {
		Model m = new IrBuilder().bool("a", "b").outcome("X").outcome("Y")
				.assume("!(a & b)")
				.policy("p", HitPolicy.FIRST).rule("r1", "a", "X").rule("r2", "b", "Y").end().build();
		Policy p = m.policies().get(0);
		assertEquals("""
				flowchart TD
				    n0{"a"}
				    n0 -->|"0"| n1
				    n0 -->|"1"| n4
				    n1{"b"}
				    n1 -->|"0"| n2
				    n1 -->|"1"| n3
				    n2(["none"])
				    n3["Y"]
				    n4{"b"}
				    n4 -->|"0"| n5
				    n4 -->|"1"| n6
				    n5["X"]
				    n6(["impossible"])
				""", GraphRenderer.mermaid(DecisionDiagram.build(m, p, DecisionDiagram.LeafKind.OUTCOME, false)));
		assertEquals("""
				flowchart TD
				    n0{"a"}
				    n0 -->|"0"| n1
				    n0 -->|"1"| n4
				    n1{"b"}
				    n1 -->|"0"| n2
				    n1 -->|"1"| n3
				    n2(["none"])
				    n3["r2: Y"]
				    n4["r1: X"]
				""", GraphRenderer.mermaid(DecisionDiagram.build(m, p, DecisionDiagram.LeafKind.RULE, true)));
	}

	@Test
	void diffText() {
		Model o = DiffTestAccess.v66();
		Model n = DiffTestAccess.v612();
		PolicyDiff d = new DiffAnalyzer().diff(o, o.policies().get(0), n, n.policies().get(0));
		assertEquals("""
				policy `fault`: 4 of 32 inputs decide differently
				  Device -> NormalNC: 4 inputs
				    where !pfn.map_memory & !fault.exec & VM_ALLOW_ANY_UNCACHED
				    rules `dev` -> `nc`
				    e.g.  !pfn.map_memory, !guest.mte, !VM_MTE_ALLOWED, !fault.exec, VM_ALLOW_ANY_UNCACHED
				""", DiffRenderer.text(d));
		assertEquals("""
				Behaviour change in `fault`: 4 of 32 inputs decide differently.

				- `Device` -> `NormalNC` for 4 inputs:
				  - `!pfn.map_memory & !fault.exec & VM_ALLOW_ANY_UNCACHED`
				  - rules `dev` -> `nc`
				  - e.g. `!pfn.map_memory, !guest.mte, !VM_MTE_ALLOWED, !fault.exec, VM_ALLOW_ANY_UNCACHED`
				""", DiffRenderer.markdown(d));
		assertEquals("""
				{
				  "oldPolicy": "fault",
				  "newPolicy": "fault",
				  "given": [],
				  "inputs": ["pfn.map_memory", "guest.mte", "VM_MTE_ALLOWED", "fault.exec", "VM_ALLOW_ANY_UNCACHED"],
				  "commonInputs": 32,
				  "changedInputs": 4,
				  "equivalent": false,
				  "changes": [
				    {
				      "from": "Device",
				      "to": "NormalNC",
				      "count": 4,
				      "cubes": ["!pfn.map_memory & !fault.exec & VM_ALLOW_ANY_UNCACHED"],
				      "oldRules": ["dev"],
				      "newRules": ["nc"],
				      "example": {
				        "input": {
				          "pfn.map_memory": false,
				          "guest.mte": false,
				          "VM_MTE_ALLOWED": false,
				          "fault.exec": false,
				          "VM_ALLOW_ANY_UNCACHED": true
				        },
				        "outcome": "NormalNC",
				        "rule": "nc"
				      }
				    }
				  ],
				  "onlyOld": {
				    "count": 0,
				    "cubes": [],
				    "example": null
				  },
				  "onlyNew": {
				    "count": 0,
				    "cubes": [],
				    "example": null
				  }
				}
				""", DiffRenderer.json(d));
		PolicyDiff same = new DiffAnalyzer().diff(n, n.policies().get(0), n, n.policies().get(0));
		assertEquals("policy `fault`: no change (32 inputs)\n", DiffRenderer.text(same));
		assertEquals("No behaviour change in `fault` (32 inputs compared).\n", DiffRenderer.markdown(same));
	}

	@Test
	void findingsJson() {
		Model m = new IrBuilder().bool("VM_PFNMAP").enumeration("prot", "MT_NORMAL", "MT_DEVICE")
				.outcome("Device").outcome("Normal")
				.policy("p", HitPolicy.FIRST)
				.rule("r1", "VM_PFNMAP & prot == MT_DEVICE", "Device")
				.end().build();
		String json = FindingsJson.write(new PolicyAnalyzer(m).analyzeAll());
		assertEquals("""
				{
				  "policies": [
				    {
				      "policy": "p",
				      "hitPolicy": "first",
				      "totalInputs": 4,
				      "possibleInputs": 4,
				      "gapInputs": 3,
				      "findings": [
				        {
				          "kind": "gap",
				          "code": "mapl.analysis.gap",
				          "severity": "error",
				          "span": {
				            "file": "test.mapl",
				            "line": 5,
				            "column": 1,
				            "offset": 500,
				            "length": 1
				          },
				          "message": "policy `p` decides nothing for 3 possible inputs",
				          "help": "add rules for `!VM_PFNMAP` and `VM_PFNMAP & prot == MT_NORMAL`, or end the policy with `otherwise -> ...`",
				          "counterexample": {
				            "input": {
				              "VM_PFNMAP": false,
				              "prot": "MT_NORMAL"
				            },
				            "outcome": "",
				            "rule": ""
				          },
				          "cubes": ["!VM_PFNMAP", "VM_PFNMAP & prot == MT_NORMAL"]
				        }
				      ],
				      "invariants": [],
				      "tests": [],
				      "outcomes": {
				        "Device": 1,
				        "Normal": 0
				      },
				      "rules": [
				        {
				          "rule": "r1",
				          "inputs": 1
				        }
				      ]
				    }
				  ]
				}
				""", json);
	}

	@Test
	void json() {
		Map<String, Object> o = Json.object();
		o.put("s", "a\"b\\c\n\u0001");
		o.put("n", BigInteger.TWO.pow(70));
		o.put("b", true);
		o.put("z", null);
		o.put("l", List.of(1, 2));
		o.put("e", List.of());
		o.put("m", Map.of());
		o.put("d", List.of(1.5, 2.0, new java.math.BigDecimal("1E+3"), "\u2028"));
		o.put("n2", List.of(List.of(), Map.of("k", List.of(1))));
		assertEquals("""
				{
				  "s": "a\\"b\\\\c\\n\\u0001",
				  "n": 1180591620717411303424,
				  "b": true,
				  "z": null,
				  "l": [1, 2],
				  "e": [],
				  "m": {},
				  "d": [1.5, 2, 1000, "\\u2028"],
				  "n2": [
				    [],
				    {
				      "k": [1]
				    }
				  ]
				}
				""", Json.write(o));
		assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
	}
}
