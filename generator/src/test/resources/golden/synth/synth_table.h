/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit directly, auto-generated from: */
/*	synth.mapl */
/* To regenerate: ./mapl compile synth.mapl --c-out <linux> */

#ifndef __DRIVERS_SYNTH_SYNTH_TABLE_H__
#define __DRIVERS_SYNTH_SYNTH_TABLE_H__

#include <linux/types.h>

/*
 * The position of @e0 among the values of e0; any other value counts as S_E0_V2.
 */
static inline unsigned int __synth_table_e0(u8 e0)
{
	switch (e0) {
	case S_E0_V0:
		return 0;
	case S_E0_V1:
		return 1;
	case S_E0_V2:
	default:
		return 2;
	}
}

/**
 * __synth_table() - Decide policy synth from its facts
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
 * The decisions are looked up in a table indexed by the facts, packed in parameter order.
 *
 * Return: 3 (O0) or 13 (O1).
 */
static inline int __synth_table(bool f0, bool f1, u8 e0, bool f2)
{
	/*
	 * The decision for every input, indexed by f0, f1, e0, f2 (the position of an outcome in
	 * @outcome); each line is commented with the values of the leading parameters.
	 */
	static const u8 decision[24] = {
		1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1,	/* 0 */
		1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1,	/* 1 */
	};
	static const int outcome[] = {
		3,	/* 0: O0 */
		13,	/* 1: O1 */
	};
	unsigned int i = f0;

	i = i * 2 + f1;
	i = i * 3 + __synth_table_e0(e0);
	i = i * 2 + f2;
	return outcome[decision[i]];
}

/**
 * synth_table() - Decide policy synth
 * @in: read by f0, f1, e0, f2
 *
 * Evaluates the C binding of each fact once and decides policy synth with __synth_table().
 *
 * Return: 3 (O0) or 13 (O1).
 */
static inline int synth_table(const struct synth_input *in)
{
	return __synth_table(in->f0, in->f1, in->e0, in->f2);
}

#endif /* __DRIVERS_SYNTH_SYNTH_TABLE_H__ */
