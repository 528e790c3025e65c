package dev.mapl.emit.c

import java.util.List

/** The C text of {@link TableEmitter}: an enum's digit helper and the table lookup body. */
class TableTemplate {

	/** {@code static inline unsigned int __f_prot(u8 prot)} with its comment. */
	def static indexHelper(String comment, String signature, String param, List<String> constants) '''
		«comment»
		«signature»
		{
			switch («param») {
			«FOR v : 0 ..< constants.size»
				case «constants.get(v)»:
				«IF v == constants.size - 1»
					default:
				«ENDIF»
					return «v»;
			«ENDFOR»
			}
		}
	'''

	/**
	 * The inner function's statements (one tab deep in the function): the decision of every packed
	 * input, the outcomes, and the index computed from the digits.
	 */
	def static body(String comment, long entries, List<String> rows, String outcomeType, List<String> outcomes,
			List<String> digits, List<Integer> radixes) '''
		«comment»
		static const u8 decision[«entries»] = {
			«FOR row : rows»
				«row»
			«ENDFOR»
		};
		static «outcomeType»outcome[] = {
			«FOR o : outcomes»
				«o»
			«ENDFOR»
		};
		«IF digits.empty»

			return outcome[decision[0]];
		«ELSE»
			unsigned int i = «digits.get(0)»;

			«FOR k : 1 ..< digits.size»
				i = i * «radixes.get(k)» + «digits.get(k)»;
			«ENDFOR»
			return outcome[decision[i]];
		«ENDIF»
	'''
}
