package dev.mapl.emit.java

import java.util.List

/**
 * The members {@link TableWriter} adds to a generated class (four spaces a level): the outcome of
 * each code, the decision table as text blocks, its lookup and its decoder. A control statement
 * stands at the depth of its body: Xtend drops a body's indentation beyond its statement's.
 */
class JavaTableTemplate {

	def static members(String alphabetDoc, boolean hasNone, String outcomes, boolean packedWords, int entries,
			int perWord, int bitsPerEntry, int lineLength, List<List<String>> blocks, int logPerWord, String shiftedKey,
			int entryMask, String alphabet) '''
		/**
		 * The outcome of each code of {@link #decisionTable}: code {@code c} is the character at {@code c} in
		 * {@code "«alphabetDoc»"}«IF hasNone», {@code -} where no rule decides«ENDIF».
		 */
		private static final Outcome[] outcomeByCode = {«outcomes»};

		/**
		 * The decision for each of the «entries» keys«IF packedWords», «perWord» entries of «bitsPerEntry» bits per word (entry {@code k} in word {@code k / «perWord»}, from the low bits).«ELSE».«ENDIF»
		 * Below, line {@code l}, column {@code c} holds the code of key {@code «lineLength» * l + c}.
		 */
		private static final «type(packedWords)» decisionTable = decodeTable(
		        «FOR i : 0 ..< blocks.size»
		        """
		        «FOR line : blocks.get(i)»
		        «line»
		        «ENDFOR»
		        """«IF i == blocks.size - 1»);«ELSE»,«ENDIF»
		        «ENDFOR»

		/** The outcome of a key: one array read«IF packedWords», a shift and a mask«ENDIF». */
		private static Outcome lookup(int key) {
		    «IF packedWords»
		    return outcomeByCode[(int) (decisionTable[key >>> «logPerWord»] >>> «shiftedKey») & «entryMask»];
		    «ELSE»
		    return outcomeByCode[decisionTable[key]];
		    «ENDIF»
		}

		private static «type(packedWords)» decodeTable(String... blocks) {
		    «IF packedWords»
		    long[] table = new long[«Math.max(1, entries / perWord)»];
		    «ELSE»
		    byte[] table = new byte[«entries»];
		    «ENDIF»
		    int key = 0;
		    for (String block : blocks) {
		        for (int i = 0; i < block.length(); i++) {
		            int code = «alphabet».indexOf(block.charAt(i));
		            if (code >= 0) {
		                «IF packedWords»
		                table[key >>> «logPerWord»] |= (long) code << «shiftedKey»;
		                key++;
		                «ELSE»
		                table[key++] = (byte) code;
		                «ENDIF»
		            }
		        }
		    }
		    return table;
		}
	'''

	def private static type(boolean packedWords) {
		if (packedWords) "long[]" else "byte[]"
	}
}
