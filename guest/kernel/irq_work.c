// SPDX-License-Identifier: GPL-2.0
/*
 * irq_work (kernel/irq_work.c): queue a callback from any context (even
 * with IRQs off) and have it run in hardirq context soon after. Local work
 * raises IPI_IRQ_WORK to this CPU; lazy work waits for the next tick.
 * Remote work (irq_work_queue_on) goes on the target's raised_list and is
 * kicked with IPI_IRQ_WORK to that CPU (Linux ≥5.9 routes it through the
 * call_single_queue instead; the effect is the same).
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/irq_work.h>
#include <linux/smp.h>

static DEFINE_PER_CPU(struct llist_head, raised_list);
static DEFINE_PER_CPU(struct llist_head, lazy_list);
DEFINE_PER_CPU(unsigned long, irq_work_runs);

/* Claim the entry: false if it is already pending (will run anyway). */
static bool irq_work_claim(struct irq_work *work)
{
	int oflags = atomic_fetch_or(IRQ_WORK_CLAIMED, &work->flags);

	return !(oflags & IRQ_WORK_PENDING);
}

static void __irq_work_queue_local(struct irq_work *work)
{
	if (atomic_read(&work->flags) & IRQ_WORK_LAZY) {
		llist_add(&work->llnode, this_cpu_ptr(&lazy_list));
		return;
	}
	if (llist_add(&work->llnode, this_cpu_ptr(&raised_list)))
		arch_irq_work_raise();
}

bool irq_work_queue(struct irq_work *work)
{
	unsigned long flags;

	if (!irq_work_claim(work))
		return false;
	local_irq_save(flags);
	__irq_work_queue_local(work);
	local_irq_restore(flags);
	return true;
}

bool irq_work_queue_on(struct irq_work *work, int cpu)
{
	if ((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu))
		return false;
	if (cpu == (int)smp_processor_id())
		return irq_work_queue(work);
	if (!irq_work_claim(work))
		return false;
	if (llist_add(&work->llnode, &per_cpu(raised_list, cpu)))
		arch_irq_work_raise_on((unsigned int)cpu);
	return true;
}

static void irq_work_single(struct irq_work *work)
{
	int flags;

	/* PENDING off before the call so the work can be queued again from func */
	flags = atomic_fetch_andnot(IRQ_WORK_PENDING, &work->flags);
	work->func(work);
	/* BUSY off unless someone re-claimed it meanwhile */
	flags &= ~IRQ_WORK_PENDING;
	(void)atomic_cmpxchg(&work->flags, flags, flags & ~IRQ_WORK_BUSY);
}

static void irq_work_run_list(struct llist_head *list)
{
	struct llist_node *llnode, *next;

	WARN_ON_ONCE(!irqs_disabled());
	if (llist_empty(list))
		return;
	llnode = llist_reverse_order(llist_del_all(list));
	llist_for_each_safe(llnode, next, llnode)
		irq_work_single(llist_entry(llnode, struct irq_work, llnode));
}

/* IPI_IRQ_WORK handler: hardirq context, IRQs off. */
void irq_work_run(void)
{
	__this_cpu_inc(irq_work_runs);
	irq_work_run_list(this_cpu_ptr(&raised_list));
	irq_work_run_list(this_cpu_ptr(&lazy_list));
}

/* From the tick: lazy work, and raised work whose IPI we may not have had yet. */
void irq_work_tick(void)
{
	irq_work_run_list(this_cpu_ptr(&raised_list));
	irq_work_run_list(this_cpu_ptr(&lazy_list));
}

int irq_work_sync(struct irq_work *work, unsigned long timeout_ms)
{
	u64 deadline = get_cycles() + ms_to_cycles(timeout_ms);

	while (irq_work_is_busy(work)) {
		if (get_cycles() > deadline)
			return -ETIMEDOUT;
		cpu_relax();
	}
	return 0;
}
