/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

static inline void cpu_relax(void)
{
	asm volatile("yield" : : : "memory");
}

static inline void wfi(void)
{
	asm volatile("dsb sy; wfi" : : : "memory");
}

static inline void wfe(void)
{
	asm volatile("wfe" : : : "memory");
}

#endif
