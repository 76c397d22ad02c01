// SPDX-License-Identifier: GPL-2.0
/*
 * The periodic tick (kernel/time/tick-common.c): every CPU's own clock
 * event device calls tick_handle_periodic() at tick_hz, which accounts the
 * tick, raises TIMER_SOFTIRQ (run on irq_exit) and runs lazy irq_work.
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/irq_work.h>
#include <linux/smp.h>

DEFINE_PER_CPU(struct tick_device, tick_cpu_device);
DEFINE_PER_CPU(struct tick_stats, tick_stats);
unsigned long tick_hz = 100;

void tick_handle_periodic(struct clock_event_device *dev)
{
	struct tick_stats *ts = this_cpu_ptr(&tick_stats);

	ts->ticks++;
	ts->last_tick_cycles = get_cycles();
	raise_softirq_irqoff(TIMER_SOFTIRQ);
	irq_work_tick();
	dev->set_next_event((unsigned long)dev->period_cycles, dev);
}

void tick_setup_device(struct clock_event_device *dev)
{
	this_cpu_ptr(&tick_cpu_device)->evtdev = dev;
	dev->period_cycles = arch_timer_rate / tick_hz;
	if (!dev->period_cycles)
		dev->period_cycles = 1;
	dev->event_handler = tick_handle_periodic;
	dev->set_next_event((unsigned long)dev->period_cycles, dev);
}

/* TIMER_SOFTIRQ: no timer wheel here, but prove it runs as a softirq. */
static void run_timer_softirq(struct softirq_action *h)
{
	(void)h;
	if (in_serving_softirq() && !in_irq() && !irqs_disabled())
		this_cpu_ptr(&tick_stats)->softirqs++;
}

void tick_init(void)
{
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}
