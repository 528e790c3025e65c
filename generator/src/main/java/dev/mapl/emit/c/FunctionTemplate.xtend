package dev.mapl.emit.c

import java.util.List

/**
 * The C text of {@link FunctionEmitter}: the helpers of the inner function, the inner function
 * over the facts, and the wrapper with the target's prototype, each after its kernel-doc comment.
 */
class FunctionTemplate {

	def static functions(List<String> helpers, String innerDoc, String innerSignature, String body,
			String wrapperDoc, String wrapperSignature, String call) '''
		«FOR helper : helpers»
			«helper»

		«ENDFOR»
		«innerDoc»
		«innerSignature»
		{
			«body»
		}

		«wrapperDoc»
		«wrapperSignature»
		{
			«call»
		}
	'''
}
