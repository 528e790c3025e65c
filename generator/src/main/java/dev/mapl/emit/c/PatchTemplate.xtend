package dev.mapl.emit.c

import java.util.List

/**
 * The mails of a patch series as {@code git format-patch} writes them ({@link PatchMail},
 * {@link PatchSeries}). The diffs are not in a template: they go into the mail byte for byte.
 */
class PatchTemplate {

	/** The headers, then the blank line that ends them. */
	def static headers(String from, String subject, String to, String cc, boolean mime) '''
		From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
		From: «from»
		«subject»
		«IF to !== null»
			To: «to»
		«ENDIF»
		«IF cc !== null»
			Cc: «cc»
		«ENDIF»
		«IF mime»
			MIME-Version: 1.0
			Content-Type: text/plain; charset=UTF-8
			Content-Transfer-Encoding: 8bit
		«ENDIF»

	'''

	/** A patch up to its diffs: the commit message, {@code ---} and the diffstat. */
	def static mail(CharSequence headers, String body, String signoff, String stat) '''
		«headers»«body»
		«IF signoff !== null»

			Signed-off-by: «signoff»
		«ENDIF»
		---
		«stat»

	'''

	/** After the diffs: the base of the series, if known, and the signature (its {@code "-- "} line ends with a space). */
	def static trailer(String baseCommit, String version) '''
		«IF baseCommit !== null»

			base-commit: «baseCommit»
		«ENDIF»
		«"-- "»
		«version»

	'''

	/** The cover letter: its text, the shortlog, the diffstat of the series and the trailer. */
	def static cover(CharSequence headers, String blurb, String author, int count, List<String> shortlog, String stat,
			String trailer) '''
		«headers»«blurb»

		«author» («count»):
		«FOR line : shortlog»
			«line»
		«ENDFOR»

		«stat»

		«trailer»'''
}
