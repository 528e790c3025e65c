package dev.mapl.analysis;

/**
 * One fact's value in a concrete input.
 *
 * @param fact      the fact's name as written ({@code guest.mte})
 * @param factIndex index into the facts of the model the input belongs to
 * @param bool      whether the fact is boolean
 * @param value     0/1 for a boolean, the value index for an enum
 * @param valueName {@code 0}/{@code 1} for a boolean, the enum value's name
 */
public record Assignment(String fact, int factIndex, boolean bool, int value, String valueName) {

	/** As a MAPL test literal: {@code VM_PFNMAP}, {@code !VM_IO}, {@code prot = MT_NORMAL}. */
	@Override
	public String toString() {
		if (bool) {
			return value != 0 ? fact : "!" + fact;
		}
		return fact + " = " + valueName;
	}
}
