package dev.mapl.emit.c

import java.util.Collection
import java.util.List

/** The C files of {@link CBackend}: a generated header and the content of a marked region. */
class CFileTemplate {

	/**
	 * Where the file comes from and how to regenerate it (as the kernel's generated files say it),
	 * the command on one line or, in {@code commandLines}, wrapped.
	 */
	def static provenance(String what, List<String> sources, String command, List<String> commandLines) '''
		/* Do not edit «what»directly, auto-generated from: */
		«FOR source : sources»
			/*	«source» */
		«ENDFOR»
		«IF commandLines.empty»
			/* To regenerate: «command» */
		«ELSE»
			/* To regenerate: */
			«FOR line : commandLines»
				«line» */
			«ENDFOR»
		«ENDIF»
	'''

	def static header(String provenance, String guard, Collection<String> includes, List<String> functions) '''
		/* SPDX-License-Identifier: GPL-2.0 */
		«provenance»

		#ifndef «guard»
		#define «guard»

		«FOR include : includes»
			#include «include»
		«ENDFOR»
		«FOR function : functions»

			«function»
		«ENDFOR»

		#endif /* «guard» */
	'''

	def static region(String provenance, String functions) '''
		«provenance»

		«functions»
	'''
}
