package dev.mapl.dsl.tests;

/** MAPL sources shared by several tests. */
final class Samples {

	private Samples() {
	}

	/** The example from the language's fixed core syntax, verbatim. */
	static final String CARD = """
			// line and /* block */ comments; /** doc comments */ attach to declarations
			facts {                          // ungrouped facts: referenced by bare name
			    VM_PFNMAP
			    MTE_ALLOWED
			    enum prot { MT_NORMAL, MT_NORMAL_TAGGED, MT_NORMAL_NC, MT_DEVICE_nGnRE, MT_DEVICE_nGnRnE }
			}
			facts guest {                    // grouped facts: referenced as guest.mte
			    mte
			}
			outcomes {                       // declaration order = priority order
			    Device
			    NormalNC
			    Normal [cacheable]           // optional attributes, usable in invariants
			}
			assume !(VM_PFNMAP & MTE_ALLOWED & prot == MT_DEVICE_nGnRE)  // file-level assumption
			policy stage2 first {            // hit policy: first | unique | priority
			    assume guest.mte => MTE_ALLOWED | VM_PFNMAP                // policy-level assumption
			    VM_PFNMAP & !MTE_ALLOWED -> NormalNC if guest.mte
			    prot in {MT_NORMAL, MT_NORMAL_TAGGED} -> Normal
			    otherwise -> Device
			    invariant no_tags: guest.mte & !MTE_ALLOWED => !cacheable
			    test "pfnmap, mte guest": VM_PFNMAP, !MTE_ALLOWED, guest.mte => NormalNC
			}
			""";

	/** Declarations most small tests use. */
	static final String DECLS = """
			facts {
			    A
			    B
			    C
			    enum prot { N, T, NC, DEV }
			}
			facts guest {
			    mte
			}
			outcomes {
			    Device
			    NormalNC
			    Normal [cacheable]
			}
			""";
}
