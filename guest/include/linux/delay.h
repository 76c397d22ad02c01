/* SPDX-License-Identifier: GPL-2.0 */
/* Time from the generic timer's virtual counter. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>
#include <asm/arch_timer.h>

extern u32 arch_timer_rate;	/* CNTFRQ_EL0, Hz */

static inline u64 get_cycles(void)
{
	return arch_counter_get_cntvct();
}

static inline u64 cycles_to_ns(u64 c)
{
	return c / arch_timer_rate * 1000000000ULL + c % arch_timer_rate * 1000000000ULL / arch_timer_rate;
}

static inline u64 ms_to_cycles(u64 ms)
{
	return ms * arch_timer_rate / 1000;
}

static inline u64 us_to_cycles(u64 us)
{
	return us * arch_timer_rate / 1000000;
}

static inline u64 ktime_get_ns(void)
{
	return cycles_to_ns(get_cycles());
}

void udelay(unsigned long usecs);
void mdelay(unsigned long msecs);

#endif
