package dev.mapl.dsl.validation;

/**
 * Every diagnostic code MAPL's language front end reports. Codes are stable: tests, the CLI's JSON
 * output and editor quick fixes key on them. Analysis codes ({@code mapl.analysis.*}) live with the
 * analysis in the generator module.
 */
public final class IssueCodes {

	private IssueCodes() {
	}

	private static final String PREFIX = "mapl.";

	/** A syntax error reported by the parser. */
	public static final String SYNTAX = PREFIX + "syntax";

	/** A file whose bytes are not UTF-8. */
	public static final String ENCODING = PREFIX + "encoding";

	// limits: input past what the parser, the linker or the analysis take on
	public static final String LIMIT_NESTING = PREFIX + "limit.nesting";
	public static final String LIMIT_FILE_SIZE = PREFIX + "limit.file-size";
	public static final String LIMIT_FACTS = PREFIX + "limit.facts";
	public static final String LIMIT_ENUM_VALUES = PREFIX + "limit.enum-values";

	// names
	public static final String UNKNOWN_NAME = PREFIX + "name.unknown";
	public static final String DUPLICATE_NAME = PREFIX + "name.duplicate";
	public static final String UNUSED_FACT = PREFIX + "fact.unused";

	public static final String LET_CYCLE = PREFIX + "let.cycle";

	// types
	public static final String ENUM_AS_BOOLEAN = PREFIX + "type.enum-as-boolean";
	public static final String NOT_AN_ENUM = PREFIX + "type.not-an-enum";
	public static final String VALUE_NOT_IN_ENUM = PREFIX + "type.value-not-in-enum";
	public static final String OUTCOME_AS_FACT = PREFIX + "type.outcome-as-fact";
	public static final String ATTRIBUTE_AS_FACT = PREFIX + "type.attribute-as-fact";
	public static final String POLICY_AS_FACT = PREFIX + "type.policy-as-fact";

	// rules and policies
	public static final String OTHERWISE_NOT_LAST = PREFIX + "rule.otherwise-not-last";
	public static final String OTHERWISE_GUARDED = PREFIX + "rule.otherwise-guarded";
	public static final String POLICY_CYCLE = PREFIX + "policy.cycle";

	// inline tests
	public static final String TEST_FACT_FIXED_TWICE = PREFIX + "test.fact-fixed-twice";
	public static final String TEST_ENUM_NEEDS_VALUE = PREFIX + "test.enum-needs-value";
	public static final String TEST_BOOLEAN_WITH_VALUE = PREFIX + "test.boolean-with-value";

	// outputs
	/** Two declarations that would generate one file or one C function (issue 20.1). */
	public static final String OUTPUT_CLASH = PREFIX + "output.clash";

	// C targets
	public static final String C_MISSING_SETTING = PREFIX + "c.missing-setting";
	public static final String C_DUPLICATE_SETTING = PREFIX + "c.duplicate-setting";
	public static final String C_BAD_PROTOTYPE = PREFIX + "c.bad-prototype";
	public static final String C_UNBOUND_FACT = PREFIX + "c.unbound-fact";
	public static final String C_UNBOUND_OUTCOME = PREFIX + "c.unbound-outcome";
	public static final String C_BAD_PATH = PREFIX + "c.bad-path";
	public static final String C_BAD_KCONFIG = PREFIX + "c.bad-kconfig";
	public static final String C_BAD_INCLUDE = PREFIX + "c.bad-include";
	public static final String C_BAD_BINDING = PREFIX + "c.bad-binding";
}
