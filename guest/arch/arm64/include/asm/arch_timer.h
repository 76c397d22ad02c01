/* SPDX-License-Identifier: GPL-2.0 */
/* The EL1 virtual timer and counter, as asm/arch_timer.h. */
#ifndef _ASM_ARCH_TIMER_H
#define _ASM_ARCH_TIMER_H

#include <asm/barrier.h>
#include <asm/sysreg.h>

#define ARCH_TIMER_CTRL_ENABLE		(1U << 0)
#define ARCH_TIMER_CTRL_IT_MASK		(1U << 1)
#define ARCH_TIMER_CTRL_IT_STAT		(1U << 2)

/* isb so the read is not speculated ahead of earlier code (Linux does the same). */
static inline u64 arch_counter_get_cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline u32 arch_timer_get_cntfrq(void)
{
	return (u32)read_sysreg(cntfrq_el0);
}

#endif
