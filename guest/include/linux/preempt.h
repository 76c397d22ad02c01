/* SPDX-License-Identifier: GPL-2.0 */
/*
 * preempt_count, as include/linux/preempt.h: one per-CPU word whose fields
 * count preemption disables, softirq (bh) disables/execution, hardirq
 * nesting and NMIs. There is no preemption here (tasks run to completion),
 * but the irq/softirq fields drive in_irq()/in_interrupt() exactly as in Linux.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/percpu.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)

#define __IRQ_MASK(x)	((1UL << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)

#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
/* local_bh_disable() counts in steps of two so "serving a softirq" stays distinguishable. */
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)

DECLARE_PER_CPU(unsigned long, __preempt_count);

#define preempt_count()		READ_ONCE(*this_cpu_ptr(&__preempt_count))
#define preempt_count_set(v)	WRITE_ONCE(*this_cpu_ptr(&__preempt_count), (v))
#define __preempt_count_add(v)	(*this_cpu_ptr(&__preempt_count) += (v))
#define __preempt_count_sub(v)	(*this_cpu_ptr(&__preempt_count) -= (v))
#define preempt_count_add(v)	do { __preempt_count_add(v); barrier(); } while (0)
#define preempt_count_sub(v)	do { barrier(); __preempt_count_sub(v); } while (0)

#define preempt_disable()	preempt_count_add(PREEMPT_OFFSET)
#define preempt_enable()	preempt_count_sub(PREEMPT_OFFSET)

#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define softirq_count()		(preempt_count() & SOFTIRQ_MASK)
#define irq_count()		(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK | NMI_MASK))

#define in_irq()		(hardirq_count())
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_nmi()		(preempt_count() & NMI_MASK)
#define in_task()		(!(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET)))

#endif
