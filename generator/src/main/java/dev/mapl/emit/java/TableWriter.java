package dev.mapl.emit.java;

import dev.mapl.analysis.DecisionDiagram;
import dev.mapl.emit.TemplateText;
import java.util.ArrayList;
import java.util.List;

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

	/** The lookup helper, the table and its decoder: class members, without the last line's newline. */
	String members() {
		String alphabet = alphabet();
		List<String> outcomes = new ArrayList<>();
		for (int o : plan.outcomes) {
			outcomes.add(plan.outcomeRef(o));
		}
		if (plan.hasNone) {
			outcomes.add("null");
		}
		int[] codes = codes();
		int lineLen = Math.min(LINE, entries);
		int lines = entries / lineLen;
		List<List<String>> blocks = new ArrayList<>();
		for (int start = 0; start < lines; start += BLOCK_LINES) {
			List<String> block = new ArrayList<>();
			for (int l = start; l < Math.min(lines, start + BLOCK_LINES); l++) {
				StringBuilder sb = new StringBuilder();
				for (int c = 0; c < lineLen; c++) {
					sb.append(alphabet.charAt(codes[l * lineLen + c]));
				}
				block.add(sb.toString());
			}
			blocks.add(block);
		}
		int perWord = 64 / bitsPerEntry;
		int logBits = Integer.numberOfTrailingZeros(bitsPerEntry);
		return TemplateText.lines(JavaTableTemplate.members(JavaNames.doc(alphabet), plan.hasNone,
				String.join(", ", outcomes), packedWords, entries, perWord, bitsPerEntry, lineLen, blocks,
				Integer.numberOfTrailingZeros(perWord), logBits == 0 ? "key" : "(key << " + logBits + ")",
				(1 << bitsPerEntry) - 1, JavaNames.string(alphabet))).stripTrailing();
	}
}
