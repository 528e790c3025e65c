package dev.mapl.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import java.util.List;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One positive and one negative case per diagnostic code, pinning code, message, help and the
 * position (line:col) of the span.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(MaplInjectorProvider.class)
class ValidationTest {

	@Inject
	MaplTesting mapl;

	private List<String> withCode(String code, String... files) {
		return mapl.describe(files).stream().filter(s -> s.contains(" " + code + ":")).toList();
	}

	private static String policy(String body) {
		return Samples.DECLS + "policy p first {\n" + body + "\n}\n";
	}

	// Line of the first policy member in policy(...): DECLS has 14 lines, then `policy p first {`.
	private static final int L = 16;

	@Test
	void cardExampleHasNoIssues() {
		assertEquals(List.of(), mapl.describe(Samples.CARD));
	}

	@Test
	void unknownFactSuggestsTheClosestName() {
		assertEquals(List.of(L + ":5 error mapl.name.unknown: unknown name `guest.mt` | did you mean `guest.mte`?"),
				withCode("mapl.name.unknown", policy("    guest.mt -> Device")));
		assertEquals(List.of(), withCode("mapl.name.unknown", policy("    guest.mte -> Device")));
	}

	@Test
	void unknownOutcome() {
		assertEquals(List.of(L + ":10 error mapl.name.unknown: unknown outcome `Norml` | did you mean `Normal`?"),
				withCode("mapl.name.unknown", policy("    A -> Norml")));
	}

	@Test
	void unknownNameWithoutCloseCandidateExplainsWhereNamesComeFrom() {
		assertEquals(List.of(L + ":5 error mapl.name.unknown: unknown name `XYZZY` | facts are declared in a `facts { ... }` block; import other packages with `import NAME.*`"),
				withCode("mapl.name.unknown", policy("    XYZZY -> Device")));
	}

	@Test
	void valueOutsideTheEnum() {
		assertEquals(List.of(L + ":13 error mapl.type.value-not-in-enum: `A` is not a value of enum `prot` | the values of `prot` are N, T, NC, DEV"),
				withCode("mapl.type.value-not-in-enum", policy("    prot == A -> Device")));
		assertEquals(List.of(L + ":17 error mapl.type.value-not-in-enum: `DEVV` is not a value of enum `prot` | did you mean `DEV`?"),
				withCode("mapl.type.value-not-in-enum", policy("    prot in {N, DEVV} -> Device")));
		assertEquals(List.of(), withCode("mapl.type.value-not-in-enum", policy("    prot != DEV -> Device")));
	}

	@Test
	void comparingABooleanFact() {
		assertEquals(List.of(L + ":5 error mapl.type.not-an-enum: fact `A` is not an enum fact; `==` compares an enum fact with its values | `A` is a boolean: write `A` or `!A`"),
				withCode("mapl.type.not-an-enum", policy("    A == N -> Device")));
		assertEquals(List.of(), withCode("mapl.type.not-an-enum", policy("    prot == N -> Device")));
	}

	@Test
	void enumUsedAsBoolean() {
		assertEquals(List.of(L + ":9 error mapl.type.enum-as-boolean: enum fact `prot` is used as a boolean | compare it with a value: `prot == N` or `prot in {...}`"),
				withCode("mapl.type.enum-as-boolean", policy("    A & prot -> Device")));
		assertEquals(List.of(), withCode("mapl.type.enum-as-boolean", policy("    A & prot == N -> Device")));
	}

	@Test
	void outcomeUsedAsFact() {
		assertEquals(List.of(L + ":5 error mapl.type.outcome-as-fact: outcome `Normal` is used as a fact | outcomes and their attributes may appear only in invariants"),
				withCode("mapl.type.outcome-as-fact", policy("    Normal -> Device")));
		assertEquals(List.of(), withCode("mapl.type.outcome-as-fact",
				policy("    otherwise -> Device\n    invariant i: A => !Normal")));
	}

	@Test
	void attributeUsedAsFact() {
		assertEquals(List.of(L + ":20 error mapl.type.attribute-as-fact: attribute `cacheable` is used as a fact | outcomes and their attributes may appear only in invariants"),
				withCode("mapl.type.attribute-as-fact", policy("    A -> Normal if cacheable")));
		assertEquals(List.of(), withCode("mapl.type.attribute-as-fact",
				policy("    otherwise -> Device\n    invariant i: guest.mte => !cacheable")));
	}

	@Test
	void otherwiseMustBeLast() {
		assertEquals(List.of(L + ":5 error mapl.rule.otherwise-not-last: `otherwise` must be the last rule of policy `p` | move it after `r2`, or give it a condition"),
				withCode("mapl.rule.otherwise-not-last", policy("    otherwise -> Device\n    r2: A -> Normal")));
		assertEquals(List.of(), withCode("mapl.rule.otherwise-not-last",
				policy("    r2: A -> Normal\n    otherwise -> Device\n    test \"t\": A => Normal")));
	}

	@Test
	void otherwiseTakesNoGuard() {
		assertEquals(List.of(L + ":28 error mapl.rule.otherwise-guarded: `otherwise` matches every input and takes no `if` guard | write the guard as the rule's condition instead"),
				withCode("mapl.rule.otherwise-guarded", policy("    otherwise -> Device if A")));
		assertEquals(List.of(), withCode("mapl.rule.otherwise-guarded", policy("    otherwise -> Device")));
	}

	@Test
	void duplicateFactInTheSameFile() {
		assertEquals(List.of("4:5 error mapl.name.duplicate: fact `A` is declared more than once | the other declaration is in this file; rename or remove one",
				"5:5 error mapl.name.duplicate: fact `A` is declared more than once | the other declaration is in this file; rename or remove one"),
				withCode("mapl.name.duplicate", "facts {\n    B\n    C\n    A\n    A\n}\n"));
		assertEquals(List.of(), withCode("mapl.name.duplicate", "facts {\n    A\n}\nfacts g {\n    A\n}\n"));
	}

	@Test
	void duplicateAcrossFilesNamesTheOtherFile() {
		assertEquals(List.of("1:12 error mapl.name.duplicate: outcome `Device` is declared more than once | the other declaration is in `b.mapl`; rename or remove one"),
				withCode("mapl.name.duplicate", "outcomes { Device }", "outcomes { Device }"));
		assertEquals(List.of(), withCode("mapl.name.duplicate", "package x\noutcomes { Device }", "package y\noutcomes { Device }"));
	}

	@Test
	void duplicateEnumValueRuleLabelAndPolicy() {
		assertEquals(List.of("1:21 error mapl.name.duplicate: value `X` appears twice in enum `e` | remove one of them"),
				withCode("mapl.name.duplicate", "facts { enum e { X, X } }"));
		assertEquals(List.of((L + 1) + ":5 error mapl.name.duplicate: rule `r` is already declared in policy `p` | give it another name"),
				withCode("mapl.name.duplicate", policy("    r: A -> Device\n    r: B -> Device")));
		assertEquals(List.of((L + 1) + ":10 error mapl.name.duplicate: test `t` is already declared in policy `p` | give it another name"),
				withCode("mapl.name.duplicate", policy("    test \"t\": A => Device\n    test \"t\": B => Device")));
		assertEquals(List.of(), withCode("mapl.name.duplicate", policy("    r: A -> Device\n    s: B -> Device")));
	}

	@Test
	void outcomeNamedLikeAFact() {
		assertEquals(List.of("2:12 error mapl.name.duplicate: outcome `A` has the name of a fact | rename the outcome or the fact; invariants could not tell them apart"),
				withCode("mapl.name.duplicate", "facts { A }\noutcomes { A }\n"));
	}

	@Test
	void unusedFactIsAWarning() {
		assertEquals(List.of("2:5 warning mapl.fact.unused: fact `B` is never used | use it in a rule, an assumption or a test, or remove it"),
				withCode("mapl.fact.unused", "facts {\n    A\n    B\n}\n".replace("    A\n    B", "    A\n    B").replaceFirst("A\n", "A\n").replace("facts {\n    A\n    B", "facts {\n    B\n    A")
						+ "outcomes { X }\npolicy p first {\n    A -> X\n}\n"));
		assertEquals(List.of(), withCode("mapl.fact.unused", "facts { A }\noutcomes { X }\npolicy p first {\n    A -> X\n}\n"));
	}

	@Test
	void factUsedFromAnotherFileIsNotUnused() {
		assertEquals(List.of(), withCode("mapl.fact.unused", "facts { A }\noutcomes { X }\n",
				"policy p first {\n    A -> X\n}\n"));
	}

	@Test
	void testFixingAFactTwice() {
		assertEquals(List.of(L + ":21 error mapl.test.fact-fixed-twice: test `t` fixes `A` twice | keep one value for each fact"),
				withCode("mapl.test.fact-fixed-twice", policy("    test \"t\": A, B, !A => Device")));
		assertEquals(List.of(), withCode("mapl.test.fact-fixed-twice", policy("    test \"t\": A, B, !C => Device")));
	}

	@Test
	void testLiteralValues() {
		assertEquals(List.of(L + ":15 error mapl.test.enum-needs-value: enum fact `prot` needs one value in a test | write `prot = N`"),
				withCode("mapl.test.enum-needs-value", policy("    test \"t\": prot => Device")));
		assertEquals(List.of(L + ":15 error mapl.test.boolean-with-value: fact `A` is a boolean and takes no value | write `A` or `!A`"),
				withCode("mapl.test.boolean-with-value", policy("    test \"t\": A = N => Device")));
		assertEquals(List.of(), mapl.describe(policy("    test \"t\": A, prot = DEV, guest.mte => Device"))
				.stream().filter(s -> s.contains("mapl.test.")).toList());
	}

	@Test
	void syntaxErrorsHaveTheSyntaxCode() {
		List<String> issues = mapl.describe("facts { A }\npolicy p first {\n  A -> \n}\n");
		assertEquals(1, issues.size(), issues.toString());
		assertTrue(issues.get(0).startsWith("4:1 error mapl.syntax: unexpected `}`"), issues.get(0));
	}

	@Test
	void packagesAndImports() {
		assertEquals(List.of(), mapl.describe("package kvm.v6\nimport kvm.*\noutcomes { X }\npolicy p first {\n    guest.mte -> X\n}\n",
				"package kvm\nfacts guest { mte }\n"));
		assertEquals(List.of("5:5 error mapl.name.unknown: unknown name `guest.mte` | facts are declared in a `facts { ... }` block; import other packages with `import NAME.*`"),
				withCode("mapl.name.unknown", "package other\n\noutcomes { X }\npolicy p first {\n    guest.mte -> X\n}\n",
						"package kvm\nfacts guest { mte }\n"));
	}

	@Test
	void letCycle() {
		assertEquals(List.of("15:5 error mapl.let.cycle: `let a` refers to itself | a definition may only use facts and earlier definitions",
				"16:5 error mapl.let.cycle: `let b` refers to itself | a definition may only use facts and earlier definitions"),
				withCode("mapl.let.cycle", Samples.DECLS + "let a = b & A\nlet b = a | B\n"));
		assertEquals(List.of(), withCode("mapl.let.cycle", Samples.DECLS + "let a = A & B\nlet b = a | C\n"));
	}

	@Test
	void letIsABooleanAndHoldsNoOutcome() {
		assertEquals(List.of(L + ":5 error mapl.type.not-an-enum: definition `a` is not an enum fact; `==` compares an enum fact with its values | only enum facts have values"),
				withCode("mapl.type.not-an-enum", policy("    let a = A\n    a == N -> Device")).stream().map(x -> x.replace((L + 1) + ":5", L + ":5")).toList());
		assertEquals(List.of(), mapl.describe(policy("    let a = A & prot == N\n    a -> Device\n    test \"t\": A, prot = N => Device"))
				.stream().filter(x -> x.contains("error")).toList());
	}

	@Test
	void compositionCycle() {
		String text = "facts { A }\noutcomes { X Ok }\npolicy a first {\n    A -> b\n    otherwise -> X\n}\n"
				+ "policy b first {\n    a != Ok -> X\n    otherwise -> Ok\n}\n";
		assertEquals(List.of("3:8 error mapl.policy.cycle: policy `a` depends on itself through `b` | a policy may test or delegate to other policies only",
				"7:8 error mapl.policy.cycle: policy `b` depends on itself through `a` | a policy may test or delegate to other policies only"),
				withCode("mapl.policy.cycle", text));
		assertEquals(List.of(), withCode("mapl.policy.cycle",
				"facts { A }\noutcomes { X Ok }\npolicy a first {\n    A -> b\n    otherwise -> X\n}\npolicy b first {\n    otherwise -> Ok\n}\n"));
	}

	@Test
	void policyUsedAsBooleanAndUnknownOutcomeOfAPolicy() {
		String decls = "facts { A }\noutcomes { X Ok }\npolicy a first {\n    otherwise -> Ok\n}\n";
		assertEquals(List.of("7:5 error mapl.type.policy-as-fact: policy `a` is used as a boolean | compare its decision: `a != Ok` or `a in {...}`"),
				withCode("mapl.type.policy-as-fact", decls + "policy b first {\n    a -> X\n}\n"));
		assertEquals(List.of("7:10 error mapl.name.unknown: `Okk` is not an outcome that policy `a` can decide | did you mean `Ok`?"),
				withCode("mapl.name.unknown", decls + "policy b first {\n    a != Okk -> X\n}\n"));
		assertEquals(List.of(), withCode("mapl.type.policy-as-fact", decls + "policy b first {\n    a != Ok -> X\n}\n"));
	}

	private static final String TARGET_DECLS = "facts {\n    A\n    enum prot { N, T }\n}\noutcomes { X Y }\n"
			+ "policy p first {\n    A & prot == N -> X\n    otherwise -> Y\n}\n";

	private static String target(String body) {
		return TARGET_DECLS + "target c p {\n" + body + "\n}\n";
	}

	private static final String COMPLETE = "    file \"arch/arm64/kvm/x.h\"\n    function \"int f(struct kvm *kvm, bool a)\"\n"
			+ "    fact A = \"a\"\n    fact prot = \"FIELD_GET(M, v)\" { N = \"MT_N\" }\n    outcome X = \"1\"\n    outcome Y = \"0\"";

	@Test
	void completeTargetHasNoIssues() {
		assertEquals(List.of(), mapl.describe(target(COMPLETE)));
	}

	@Test
	void targetNeedsFileAndFunction() {
		assertEquals(List.of("10:10 error mapl.c.missing-setting: `target c p` needs a `file` | add `file \"arch/arm64/kvm/stage2_memtype.h\"`"),
				withCode("mapl.c.missing-setting", target(COMPLETE.replace("    file \"arch/arm64/kvm/x.h\"\n", ""))));
		assertEquals(List.of("17:5 error mapl.c.duplicate-setting: `target c p` has more than one `file` | keep one"),
				withCode("mapl.c.duplicate-setting", target(COMPLETE + "\n    file \"b.h\"")));
		// A region target writes into the region's file: it needs no `file`.
		assertEquals(List.of(), mapl.describe(target(COMPLETE.replace("    file \"arch/arm64/kvm/x.h\"\n",
				"    region \"arch/arm64/kvm/mmu.c\"\n"))));
	}

	@Test
	void prototypeMustBeC() {
		assertEquals(List.of("12:14 error mapl.c.bad-prototype: `f(a b c` is not a C function prototype | write the return type, the name and the parameters: `int kvm_s2_memtype(struct kvm *kvm, bool exec)`"),
				withCode("mapl.c.bad-prototype", target(COMPLETE.replace("int f(struct kvm *kvm, bool a)", "f(a b c"))));
	}

	@Test
	void pathStaysInsideTheTree() {
		assertEquals(List.of("11:10 error mapl.c.bad-path: the file name `../x.h` climbs out of the output folder with `..` | give a file path relative to the kernel tree, such as `arch/arm64/kvm/stage2_memtype.h`"),
				withCode("mapl.c.bad-path", target(COMPLETE.replace("arch/arm64/kvm/x.h", "../x.h"))));
	}

	/** Issue 20.4: `file "."` wrote the header as the output folder itself, `"include/"` a file `include`. */
	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = {".", "include/", "a\\nb.h", "a\\u0000b.h", "/x.h",
			"a/../../x.h", "a//b.h", "a/./b.h", "", "a\\\\b.h"})
	void onlyPlainRelativeFilePaths(String name) {
		List<String> issues = withCode("mapl.c.bad-path", target(COMPLETE.replace("arch/arm64/kvm/x.h", name)));
		assertEquals(1, issues.size(), name + ": " + issues);
		assertTrue(issues.get(0).startsWith("11:10 error mapl.c.bad-path: the file name "), issues.get(0));
		issues = withCode("mapl.c.bad-path", target(COMPLETE.replace("    file \"arch/arm64/kvm/x.h\"\n",
				"    region \"" + name + "\"\n")));
		assertEquals(1, issues.size(), name + ": " + issues);
	}

	/** Issue 20.1: `my_pol`, `myPol` and `MyPol` all compiled to `MyPol.java`; the last one won. */
	@Test
	void twoPoliciesThatCompileToOneJavaFile() {
		String p = "policy %s first {\n    otherwise -> X\n}\n";
		String decls = "facts { A }\noutcomes { X }\n";
		String help = " | rename one of the policies: the second class would replace the first";
		assertEquals(List.of("12:8 error mapl.output.clash: policy `mypol` compiles to the Java file `Mypol.java`, the same file on a case-insensitive file system as `MyPol.java` of policy `my_pol` in this file" + help,
				"6:8 error mapl.output.clash: policy `myPol` compiles to the Java file `MyPol.java`, as policy `my_pol` in this file" + help,
				"9:8 error mapl.output.clash: policy `MyPol` compiles to the Java file `MyPol.java`, as policy `my_pol` in this file" + help),
				withCode("mapl.output.clash", decls + p.formatted("my_pol") + p.formatted("myPol") + p.formatted("MyPol")
						+ p.formatted("mypol")));
		// Across files: the later file gets the diagnostic.
		var rs = mapl.parse(decls + p.formatted("my_pol"), "outcomes { Y }\npolicy MyPol first {\n    otherwise -> Y\n}\n");
		assertEquals(List.of(), mapl.issues(rs.get(0)).stream().filter(i -> "mapl.output.clash".equals(i.getCode())).toList());
		assertEquals(List.of("2:8 policy `MyPol` compiles to the Java file `MyPol.java`, as policy `my_pol` in `a.mapl`"),
				mapl.issues(rs.get(1)).stream().map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getMessage()).toList());
		// Different packages, different Java packages.
		assertEquals(List.of(), withCode("mapl.output.clash", "package a\n" + decls + p.formatted("my_pol"),
				"package b\noutcomes { X }\n" + p.formatted("MyPol")));
	}

	/** Issue 20.1: two targets writing one function name into one header. */
	@Test
	void twoTargetsThatWriteOneFunctionIntoOneHeader() {
		String decls = "facts { A }\noutcomes { X Y }\npolicy p first {\n    A -> X\n    otherwise -> Y\n}\n"
				+ "policy q first {\n    A -> Y\n    otherwise -> X\n}\n";
		String t = "target c %s {\n    file \"%s\"\n    function \"int %s(bool a)\"\n    fact A = \"a\"\n"
				+ "    outcome X = \"1\"\n    outcome Y = \"0\"\n}\n";
		String help = " | give the function another name, or the target another `file`";
		assertEquals(List.of("20:14 error mapl.output.clash: function `f` and its inner function `__f` clash with those `target c p` writes into `x.h` in this file" + help),
				withCode("mapl.output.clash", decls + t.formatted("p", "x.h", "f") + t.formatted("q", "x.h", "f")));
		assertEquals(List.of("20:14 error mapl.output.clash: function `__f` and its inner function `____f` clash with those `target c p` writes into `x.h` in this file" + help),
				withCode("mapl.output.clash", decls + t.formatted("p", "x.h", "f") + t.formatted("q", "x.h", "__f")));
		assertEquals(List.of(), withCode("mapl.output.clash", decls + t.formatted("p", "x.h", "f") + t.formatted("q", "y.h", "f")));
		assertEquals(List.of(), withCode("mapl.output.clash", decls + t.formatted("p", "x.h", "f") + t.formatted("q", "x.h", "g")));
	}

	/** Issue 20.3: an include that would end the `#include` line and start a `#error` one. */
	@Test
	void includeIsOneHeaderName() {
		assertEquals(List.of("17:13 error mapl.c.bad-include: `x.h>\\n#error injected\\n#include <y.h` is not a header name | give one header path such as `linux/kvm_host.h` (letters, digits, `_ . / + -`)"),
				withCode("mapl.c.bad-include", target(COMPLETE + "\n    include \"x.h>\\n#error injected\\n#include <y.h\"")));
		assertEquals(List.of(), mapl.describe(target(COMPLETE + "\n    include \"linux/kvm_host.h\"\n    include \"<asm/kvm_pgtable.h>\""
				+ "\n    include \"\\\"local-1.0+x.h\\\"\"")));
	}

	/** Issue 20.3: a binding is inlined into a one-line call, where a comment would swallow the `)`. */
	@Test
	void bindingIsOneLineOfC() {
		assertEquals(List.of("13:14 error mapl.c.bad-binding: C binding `flags & 2 // bit 1` of fact `A` holds a comment | write one C expression on one line, without comments (a MAPL `//` comment may follow the string)"),
				withCode("mapl.c.bad-binding", target(COMPLETE.replace("fact A = \"a\"", "fact A = \"flags & 2 // bit 1\""))));
		assertEquals(List.of("14:17 error mapl.c.bad-binding: C binding `FIELD_GET(M, v` of fact `prot` has an unbalanced `(` | write one C expression on one line, without comments (a MAPL `//` comment may follow the string)"),
				withCode("mapl.c.bad-binding", target(COMPLETE.replace("FIELD_GET(M, v)", "FIELD_GET(M, v"))));
		assertEquals(List.of("14:41 error mapl.c.bad-binding: C constant `MT_N /* x */` of value `N` holds a comment | write one C expression on one line, without comments (a MAPL `//` comment may follow the string)"),
				withCode("mapl.c.bad-binding", target(COMPLETE.replace("\"MT_N\"", "\"MT_N /* x */\""))));
		assertEquals(List.of("16:17 error mapl.c.bad-binding: C value `0;\\n#error x` of outcome `Y` spans several lines | write one C expression on one line, without comments (a MAPL `//` comment may follow the string)"),
				withCode("mapl.c.bad-binding", target(COMPLETE.replace("outcome Y = \"0\"", "outcome Y = \"0;\\n#error x\""))));
		assertEquals(List.of("12:14 error mapl.c.bad-prototype: prototype `int f(bool a) // x` holds a comment | write the prototype on one line, without comments: `int kvm_s2_memtype(struct kvm *kvm, bool exec)`"),
				withCode("mapl.c.bad-prototype", target(COMPLETE.replace("int f(struct kvm *kvm, bool a)", "int f(bool a) // x"))));
		// Literals may hold anything but their closing quote; `/` alone is division.
		assertEquals(List.of(), withCode("mapl.c.bad-binding", target(COMPLETE.replace("fact A = \"a\"",
				"fact A = \"strcmp(s, \\\"//)\\\") == ')' && x / 2\""))));
	}

	@Test
	void kconfigIsADependencyExpression() {
		assertEquals(List.of(), mapl.describe(target(COMPLETE + "\n    kconfig \"KVM && !CPU_BIG_ENDIAN\"")));
		assertEquals(List.of("17:13 error mapl.c.bad-kconfig: `CONFIG_KVM` is not a Kconfig dependency | give Kconfig symbols without `CONFIG_`, joined by `&&` or `||`: `KVM`"),
				withCode("mapl.c.bad-kconfig", target(COMPLETE + "\n    kconfig \"CONFIG_KVM\"")));
		assertEquals(List.of("17:13 error mapl.c.bad-kconfig: `KVM &&` is not a Kconfig dependency | give Kconfig symbols without `CONFIG_`, joined by `&&` or `||`: `KVM`"),
				withCode("mapl.c.bad-kconfig", target(COMPLETE + "\n    kconfig \"KVM &&\"")));
	}

	@Test
	void everyFactAndOutcomeTheRulesUseIsBound() {
		assertEquals(List.of("10:10 error mapl.c.unbound-fact: fact `prot` has no C binding in `target c p` | add `fact prot = \"...\"` to the target or to a `bindings c` block it uses"),
				withCode("mapl.c.unbound-fact", target(COMPLETE.replace("    fact prot = \"FIELD_GET(M, v)\" { N = \"MT_N\" }\n", ""))));
		assertEquals(List.of("10:10 error mapl.c.unbound-outcome: outcome `Y` has no C value in `target c p` | add `outcome Y = \"...\"` to the target or to a `bindings c` block it uses"),
				withCode("mapl.c.unbound-outcome", target(COMPLETE.replace("\n    outcome Y = \"0\"", ""))));
	}

	@Test
	void bindingsMayComeFromAUsedBlockAndBeOverridden() {
		String shared = "bindings c k {\n    fact A = \"a\"\n    fact prot = \"p\"\n    outcome X = \"1\"\n    outcome Y = \"0\"\n}\n";
		assertEquals(List.of(), mapl.describe(shared + target("    file \"x.h\"\n    function \"int f(void)\"\n    use k\n    outcome Y = \"2\"")).stream()
				.filter(x -> x.contains(" error ")).toList());
		assertEquals(List.of("4:5 error mapl.c.duplicate-setting: fact `A` is bound twice | keep one binding"),
				withCode("mapl.c.duplicate-setting", "facts { A }\noutcomes { X }\nbindings c k {\n    fact A = \"a\"\n    fact A = \"b\"\n}\n").stream().map(x -> x.replace("5:5", "4:5")).toList());
	}

	/** The editor's validation includes the policy analysis, on the exact span. */
	@Test
	void analysisRunsAsAnExpensiveCheck() {
		var r = mapl.parse("facts { A }\noutcomes { X }\npolicy p first {\n    A -> X\n    invariant i: !X\n}\n").get(0);
		List<String> issues = mapl.allIssues(r).stream().map(i -> i.getLineNumber() + ":" + i.getColumn() + " " + i.getCode()).sorted().toList();
		assertEquals(List.of("3:1 mapl.analysis.gap", "5:5 mapl.analysis.invariant-refuted"), issues);
		assertEquals(List.of(), mapl.issues(r), "not in the front end's fast checks");
	}
}
