// SPDX-License-Identifier: GPL-2.0
/*
 * irq_enter()/irq_exit() and softirqs (kernel/softirq.c). Softirqs raised
 * in hardirq context run from irq_exit() once the hardirq count drops to
 * zero, with IRQs enabled and SOFTIRQ_OFFSET set; anything still pending
 * after the restart limit waits for the next irq_exit() or the idle loop
 * (there is no ksoftirqd).
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/smp.h>

#define MAX_SOFTIRQ_RESTART	10

DEFINE_PER_CPU(irq_cpustat_t, irq_stat);
DEFINE_PER_CPU(unsigned long, __preempt_count);
DEFINE_PER_CPU(unsigned long[NR_SOFTIRQS], softirq_runs);

static struct softirq_action softirq_vec[NR_SOFTIRQS];

const char * const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL",
	"TASKLET", "SCHED", "HRTIMER", "RCU"
};

void open_softirq(int nr, void (*action)(struct softirq_action *))
{
	softirq_vec[nr].action = action;
}

void __raise_softirq_irqoff(unsigned int nr)
{
	or_softirq_pending(1U << nr);
}

/* Outside interrupt context nobody would run it soon: do it now (ksoftirqd's job in Linux). */
void raise_softirq_irqoff(unsigned int nr)
{
	__raise_softirq_irqoff(nr);
	if (!in_interrupt())
		do_softirq();
}

void raise_softirq(unsigned int nr)
{
	unsigned long flags;

	local_irq_save(flags);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

static void __do_softirq(void)
{
	unsigned int pending = local_softirq_pending();
	int max_restart = MAX_SOFTIRQ_RESTART;

	preempt_count_add(SOFTIRQ_OFFSET);
restart:
	set_softirq_pending(0);
	local_irq_enable();
	for (unsigned int nr = 0; pending; nr++, pending >>= 1) {
		if (!(pending & 1))
			continue;
		if (softirq_vec[nr].action) {
			(*this_cpu_ptr(&softirq_runs))[nr]++;
			softirq_vec[nr].action(&softirq_vec[nr]);
		}
	}
	local_irq_disable();
	pending = local_softirq_pending();
	if (pending && --max_restart)
		goto restart;
	preempt_count_sub(SOFTIRQ_OFFSET);
}

void do_softirq(void)
{
	unsigned long flags;

	if (in_interrupt())
		return;
	local_irq_save(flags);
	if (local_softirq_pending())
		__do_softirq();
	local_irq_restore(flags);
}

void local_bh_disable(void)
{
	preempt_count_add(SOFTIRQ_DISABLE_OFFSET);
}

void local_bh_enable(void)
{
	preempt_count_sub(SOFTIRQ_DISABLE_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		do_softirq();
}

void irq_enter(void)
{
	__irq_enter();
}

static inline void invoke_softirq(void)
{
	__do_softirq();
}

void irq_exit(void)
{
	WARN_ON_ONCE(!irqs_disabled());
	preempt_count_sub(HARDIRQ_OFFSET);
	if (!in_interrupt() && local_softirq_pending())
		invoke_softirq();
}

void softirq_init(void)
{
}
