/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86's IPI helpers (struct apic's send_IPI_* callbacks) on GICv2 SGIs: a
 * "vector" is an SGI number 0..15. all-but-self and self use GICD_SGIR's
 * TargetListFilter 1 and 2 (the hardware shorthands, like the APIC's), not a
 * computed target list.
 */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <linux/cpumask.h>

struct apic {
	const char *name;
	void (*send_IPI)(int cpu, int vector);
	void (*send_IPI_mask)(const struct cpumask *mask, int vector);
	void (*send_IPI_mask_allbutself)(const struct cpumask *mask, int vector);
	void (*send_IPI_allbutself)(int vector);
	void (*send_IPI_all)(int vector);
	void (*send_IPI_self)(int vector);
};

extern struct apic *apic;

static inline void send_IPI_single(int cpu, int vector)		{ apic->send_IPI(cpu, vector); }
static inline void send_IPI_mask(const struct cpumask *m, int vector)	{ apic->send_IPI_mask(m, vector); }
static inline void send_IPI_mask_allbutself(const struct cpumask *m, int vector)
{
	apic->send_IPI_mask_allbutself(m, vector);
}
static inline void send_IPI_allbutself(int vector)		{ apic->send_IPI_allbutself(vector); }
static inline void send_IPI_all(int vector)			{ apic->send_IPI_all(vector); }
static inline void send_IPI_self(int vector)			{ apic->send_IPI_self(vector); }

#endif
