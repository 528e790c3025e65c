/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	synth.mapl */
/* To regenerate: ./mapl compile synth.mapl --c-out <linux> */

#ifndef __DRIVERS_SYNTH_SYNTH_BRANCHES_H__
#define __DRIVERS_SYNTH_SYNTH_BRANCHES_H__

#include <linux/types.h>

/**
 * __synth_branches() - Decide policy synth from its facts
 * @f0: f0
 * @f1: f1
 * @e0: e0; one of S_E0_V0, S_E0_V1, S_E0_V2; any other value decides as S_E0_V2.
 * @f2: f2
 *
 * The rules; the first that matches decides:
 *	r1: f0 & e0 != V1 & !f2 -> O1
 *	!f2 & f1 & !f0 & e0 != V0 -> O0
 *	r3: e0 == V1 -> O0
 *	r4: e0 != V1 -> O1
 *	r5: f0 -> O1
 *	otherwise -> O2
 *
 * The tests follow the policy's reduced decision diagram. Inputs the policy's assumptions exclude
 * take whichever branch keeps the code smallest.
 *
 * Return: 3 (O0) or 13 (O1).
 */
static inline int __synth_branches(bool f0, bool f1, u8 e0, bool f2)
{
	switch (e0) {
	case S_E0_V0:
		return 13; /* r1, r4 */
	case S_E0_V1:
		return 3; /* rule at line 12, r3 */
	case S_E0_V2:
	default:
		if (f0 || f2 || !f1)
			return 13; /* r1, r4 */
		return 3; /* rule at line 12 */
	}
}

/**
 * synth_branches() - Decide policy synth
 * @in: read by f0, f1, e0, f2
 *
 * Evaluates the C binding of each fact once and decides policy synth with __synth_branches().
 *
 * Return: 3 (O0) or 13 (O1).
 */
static inline int synth_branches(const struct synth_input *in)
{
	return __synth_branches(in->f0, in->f1, in->e0, in->f2);
}

#endif /* __DRIVERS_SYNTH_SYNTH_BRANCHES_H__ */
