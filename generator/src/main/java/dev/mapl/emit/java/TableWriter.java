package dev.mapl.emit.java;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.emit.CodeBuilder;

/**
 * {@code decide} as a lookup: the decision for every packed key, one character per entry in text
 * blocks (so the table reads as a grid of outcome codes), decoded once when the class initialises
 * into a {@code byte[]}, or into a {@code long[]} holding several entries per word when the table
 * is large enough for that to pay (see {@link JavaEmitter#BYTE_TABLE_MAX_ENTRIES}).
 *
 * <p>Entry {@code k} is what the decision diagram decides for the input whose key facts have the
 * values packed in {@code k}; a key field holding a code past the last value of its enum reads as
 * the last value, so the table is total.
 */
final class TableWriter {

	/** The characters of the outcome codes 0, 1, ...; {@code -} is "no rule decides". */
	static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static final char NONE = '-';
	/** Entries per line of the table's text. */
	static final int LINE = 64;
	/** Lines per text block: one block is one string constant, which is limited to 65535 bytes. */
	static final int BLOCK_LINES = 512;

	private final JavaPlan plan;
	private final int entries;
	private final int codeCount;
	private final int bitsPerEntry;
	private final boolean packedWords;

	TableWriter(JavaPlan plan, int byteTableMaxEntries) {
		this.plan = plan;
		this.entries = 1 << plan.keyBits;
		this.codeCount = plan.outcomes.size() + (plan.hasNone ? 1 : 0);
		int bits = JavaPlan.bitsFor(Math.max(2, codeCount));
		int pow = 1;
		while (pow < bits) {
			pow <<= 1;
		}
		this.bitsPerEntry = pow;
		this.packedWords = pow < 8 && entries > byteTableMaxEntries;
	}

	int entries() {
		return entries;
	}

	/** The outcome code of every key, by walking the diagram. */
	int[] codes() {
		int[] out = new int[entries];
		int[] input = new int[plan.model.facts().size()];
		for (int k = 0; k < entries; k++) {
			for (JavaPlan.FactInfo fi : plan.keyFacts) {
				int code = (int) ((k >>> fi.shift) & fi.fieldMask());
				input[fi.fact] = Math.min(code, fi.f.domainSize() - 1);
			}
			DecisionDiagram.Leaf leaf = plan.diagram.evaluate(input);
			out[k] = plan.code(leaf.outcome());
		}
		return out;
	}

	String alphabet() {
		return ALPHABET.substring(0, plan.outcomes.size()) + (plan.hasNone ? String.valueOf(NONE) : "");
	}

	/** The lookup helper, the table and its decoder. */
	void members(CodeBuilder b) {
		String alphabet = alphabet();
		b.line("/**");
		b.line(" * The outcome of each code of {@link #decisionTable}: code {@code c} is the character at {@code c} in");
		b.line(" * {@code \"" + JavaNames.doc(alphabet) + "\"}" + (plan.hasNone ? ", {@code -} where no rule decides" : "") + ".");
		b.line(" */");
		StringBuilder oc = new StringBuilder();
		for (int o : plan.outcomes) {
			oc.append(oc.length() == 0 ? "" : ", ").append(plan.outcomeRef(o));
		}
		if (plan.hasNone) {
			oc.append(oc.length() == 0 ? "" : ", ").append("null");
		}
		b.line("private static final Outcome[] outcomeByCode = {" + oc + "};");
		b.blank();
		String type = packedWords ? "long[]" : "byte[]";
		b.line("/**");
		b.line(" * The decision for each of the " + entries + " keys" + (packedWords ? ", " + (64 / bitsPerEntry)
				+ " entries of " + bitsPerEntry + " bits per word (entry {@code k} in word {@code k / " + (64 / bitsPerEntry)
				+ "}, from the low bits)." : "."));
		b.line(" * Below, line {@code l}, column {@code c} holds the code of key {@code " + Math.min(LINE, entries)
				+ " * l + c}.");
		b.line(" */");
		b.line("private static final " + type + " decisionTable = decodeTable(");
		b.indent().indent();
		int[] codes = codes();
		int lineLen = Math.min(LINE, entries);
		int lines = entries / lineLen;
		for (int start = 0; start < lines; start += BLOCK_LINES) {
			b.line("\"\"\"");
			for (int l = start; l < Math.min(lines, start + BLOCK_LINES); l++) {
				StringBuilder sb = new StringBuilder();
				for (int c = 0; c < lineLen; c++) {
					sb.append(alphabet.charAt(codes[l * lineLen + c]));
				}
				b.line(sb.toString());
			}
			b.line(start + BLOCK_LINES >= lines ? "\"\"\");" : "\"\"\",");
		}
		b.dedent().dedent();
		b.blank();
		b.line("/** The outcome of a key: one array read" + (packedWords ? ", a shift and a mask" : "") + ". */");
		b.line("private static Outcome lookup(int key) {");
		b.indent();
		if (packedWords) {
			int perWord = 64 / bitsPerEntry;
			int logPer = Integer.numberOfTrailingZeros(perWord);
			int logBits = Integer.numberOfTrailingZeros(bitsPerEntry);
			String shift = logBits == 0 ? "key" : "(key << " + logBits + ")";
			b.line("return outcomeByCode[(int) (decisionTable[key >>> " + logPer + "] >>> " + shift + ") & "
					+ ((1 << bitsPerEntry) - 1) + "];");
		} else {
			b.line("return outcomeByCode[decisionTable[key]];");
		}
		b.dedent();
		b.line("}");
		b.blank();
		b.line("private static " + type + " decodeTable(String... blocks) {");
		b.indent();
		if (packedWords) {
			int perWord = 64 / bitsPerEntry;
			int logPer = Integer.numberOfTrailingZeros(perWord);
			int logBits = Integer.numberOfTrailingZeros(bitsPerEntry);
			b.line("long[] table = new long[" + Math.max(1, entries / perWord) + "];");
			b.line("int key = 0;");
			b.line("for (String block : blocks) {");
			b.indent();
			b.line("for (int i = 0; i < block.length(); i++) {");
			b.indent();
			b.line("int code = " + JavaNames.string(alphabet) + ".indexOf(block.charAt(i));");
			b.line("if (code >= 0) {");
			b.indent();
			b.line("table[key >>> " + logPer + "] |= (long) code << " + (logBits == 0 ? "key" : "(key << " + logBits + ")") + ";");
			b.line("key++;");
			b.dedent();
			b.line("}");
		} else {
			b.line("byte[] table = new byte[" + entries + "];");
			b.line("int key = 0;");
			b.line("for (String block : blocks) {");
			b.indent();
			b.line("for (int i = 0; i < block.length(); i++) {");
			b.indent();
			b.line("int code = " + JavaNames.string(alphabet) + ".indexOf(block.charAt(i));");
			b.line("if (code >= 0) {");
			b.indent();
			b.line("table[key++] = (byte) code;");
			b.dedent();
			b.line("}");
		}
		b.dedent();
		b.line("}");
		b.dedent();
		b.line("}");
		b.line("return table;");
		b.dedent();
		b.line("}");
	}
}
