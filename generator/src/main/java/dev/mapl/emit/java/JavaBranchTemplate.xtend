package dev.mapl.emit.java

import java.util.List

/**
 * The Java text of {@link BranchWriter}: the methods of the decision diagram and their statements,
 * each relative to its own depth (four spaces a level). A control statement stands at the depth of
 * its body: Xtend drops a body's indentation beyond its statement's.
 */
class JavaBranchTemplate {

	/** @param reads the enum fields this method tests, read from the packed key first */
	def static method(String doc, String name, String params, List<JavaPlan.FactInfo> reads, CharSequence body) '''
		/** «doc» */
		private static Outcome «name»(«params») {
		    «FOR fi : reads»
		    int «fi.param» = (int) (facts >>> «fi.shiftConstant()») & «fi.fieldMask()»;
		    «ENDFOR»
		    «body»
		}
	'''

	def static returnValue(String value) '''
		return «value»;
	'''

	/** {@code if (test) { ... }}, then the statements of the other branches. */
	def static ifBlock(String test, String comment, CharSequence inside, CharSequence rest) '''
		if («test») {«IF comment !== null» // «comment»«ENDIF»
		    «inside»
		}
		«rest»
	'''

	/** The branch every other value takes, after the {@code if}s of the others. */
	def static otherwise(String comment, CharSequence rest) '''
		// «comment»
		«rest»
	'''
}
