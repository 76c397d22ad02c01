/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU tick devices and the broadcast receiver (kernel/time/). */
#ifndef _LINUX_CLOCKCHIPS_H
#define _LINUX_CLOCKCHIPS_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>

struct clock_event_device {
	const char *name;
	void (*event_handler)(struct clock_event_device *);
	int (*set_next_event)(unsigned long evt, struct clock_event_device *);
	unsigned int irq;
	const struct cpumask *cpumask;
	u64 period_cycles;
};

struct tick_device {
	struct clock_event_device *evtdev;
};

struct tick_stats {
	unsigned long ticks;		/* periodic ticks handled on this CPU */
	unsigned long broadcasts;	/* tick_receive_broadcast() calls */
	unsigned long softirqs;		/* TIMER_SOFTIRQ runs that saw in_serving_softirq() */
	u64 last_tick_cycles;
};

DECLARE_PER_CPU(struct tick_device, tick_cpu_device);
DECLARE_PER_CPU(struct tick_stats, tick_stats);
extern unsigned long tick_hz;

void tick_setup_device(struct clock_event_device *dev);
void tick_handle_periodic(struct clock_event_device *dev);
int tick_receive_broadcast(void);
void tick_broadcast(const struct cpumask *mask);
void tick_init(void);

/* arch/arm64/kernel/time.c */
void time_init(void);
void arch_timer_starting_cpu(void);
void arch_timer_dying_cpu(void);

#endif
