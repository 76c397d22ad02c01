/* SPDX-License-Identifier: GPL-2.0 */
/* Run a callback in hardirq context, queued from any context (kernel/irq_work.c). */
#ifndef _LINUX_IRQ_WORK_H
#define _LINUX_IRQ_WORK_H

#include <linux/atomic.h>
#include <linux/llist.h>

#define IRQ_WORK_PENDING	(1U << 0)
#define IRQ_WORK_BUSY		(1U << 1)
#define IRQ_WORK_LAZY		(1U << 2)
#define IRQ_WORK_CLAIMED	(IRQ_WORK_PENDING | IRQ_WORK_BUSY)

struct irq_work {
	struct llist_node llnode;
	atomic_t flags;
	void (*func)(struct irq_work *);
};

static inline void init_irq_work(struct irq_work *work, void (*func)(struct irq_work *))
{
	work->llnode.next = NULL;
	atomic_set(&work->flags, 0);
	work->func = func;
}

static inline bool irq_work_is_busy(struct irq_work *work)
{
	return atomic_read(&work->flags) & IRQ_WORK_BUSY;
}

#include <linux/percpu.h>

/* irq_work_run() calls on each CPU (the IPI_IRQ_WORK handler's evidence). */
DECLARE_PER_CPU(unsigned long, irq_work_runs);

bool irq_work_queue(struct irq_work *work);
bool irq_work_queue_on(struct irq_work *work, int cpu);
void irq_work_run(void);
void irq_work_tick(void);
int irq_work_sync(struct irq_work *work, unsigned long timeout_ms);

#endif
