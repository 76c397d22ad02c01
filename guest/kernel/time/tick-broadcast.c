// SPDX-License-Identifier: GPL-2.0
/*
 * Tick broadcast (kernel/time/tick-broadcast.c), receiver side: a CPU whose
 * local timer is stopped gets its tick from another CPU as IPI_TIMER, and
 * runs its tick device's handler from there. The sender side is
 * tick_broadcast() in arch/arm64/kernel/smp.c.
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/errno.h>
#include <linux/smp.h>

int tick_receive_broadcast(void)
{
	struct tick_device *td = this_cpu_ptr(&tick_cpu_device);
	struct clock_event_device *evt = td->evtdev;

	this_cpu_ptr(&tick_stats)->broadcasts++;
	if (!evt)
		return -ENODEV;
	if (!evt->event_handler)
		return -EINVAL;
	evt->event_handler(evt);
	return 0;
}
