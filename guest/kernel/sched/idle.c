// SPDX-License-Identifier: GPL-2.0
/*
 * The idle loop (kernel/sched/idle.c): wait in WFI until there is work.
 * need_resched() is re-checked with IRQs masked right before WFI; an IRQ
 * that arrives in between still wakes WFI (masking does not block the
 * wake-up), and is taken as soon as IRQs are unmasked again. The only
 * window with IRQs enabled is right after a WFI, so rq->in_wfi ("idle,
 * waiting") stays set for the whole loop, until there is a task to run.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/processor.h>

static void arch_cpu_idle(void)
{
	wfi();
}

static void do_idle(void)
{
	struct rq *rq = this_rq();

	WRITE_ONCE(rq->in_wfi, 1);
	while (!need_resched()) {
		local_irq_disable();
		if (local_softirq_pending()) {
			local_irq_enable();
			do_softirq();
			continue;
		}
		if (!need_resched()) {
			rq->nr_wfi++;
			arch_cpu_idle();
		}
		local_irq_enable();	/* the pending IRQ, if any, is taken here */
	}
	WRITE_ONCE(rq->in_wfi, 0);
	schedule();
}

void __noreturn cpu_startup_entry(void)
{
	for (;;)
		do_idle();
}
