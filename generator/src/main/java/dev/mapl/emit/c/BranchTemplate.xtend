package dev.mapl.emit.c

import java.util.List

/**
 * The C text of {@link BranchEmitter}. Each statement is text relative to its own depth; the
 * layout (where a condition breaks, whether a comment fits) was decided at that depth.
 */
class BranchTemplate {

	/** {@code if (cond)} and a return, then the statements of the other branch. */
	def static ifReturn(String comment, String head, String ret, CharSequence rest) '''
		«IF comment !== null»
			«comment»
		«ENDIF»
		«head»
			«ret»
		«rest»
	'''

	/** {@code if (cond) { ... }}, then the statements of the other branch. */
	def static ifBlock(String head, CharSequence inside, CharSequence rest) '''
		«head» {
			«inside»
		}
		«rest»
	'''

	def static switchStatement(String param, List<List<String>> labels, List<String> bodies) '''
		switch («param») {
		«FOR i : 0 ..< labels.size»
			«FOR label : labels.get(i)»
				«label»
			«ENDFOR»
				«bodies.get(i)»
		«ENDFOR»
		}
	'''

	/** A part of the inner function split off to keep the nesting shallow. */
	def static function(String comment, String signature, CharSequence body) '''
		«comment»
		«signature»
		{
			«body»
		}
	'''
}
