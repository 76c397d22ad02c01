// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt descriptors (kernel/irq/irqdesc.c): a static table indexed by
 * Linux virq, an allocation bitmap, and the top of the IRQ path that maps
 * a hwirq to its descriptor and runs the flow handler.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/string.h>

static struct irq_desc irq_desc[NR_IRQS];
static DECLARE_BITMAP(allocated_irqs, NR_IRQS);
static DEFINE_RAW_SPINLOCK(sparse_irq_lock);
static unsigned long irq_err_count;

static DEFINE_PER_CPU(struct pt_regs *, __irq_regs);

struct pt_regs *get_irq_regs(void)
{
	return __this_cpu_read(__irq_regs);
}

struct pt_regs *set_irq_regs(struct pt_regs *new_regs)
{
	struct pt_regs *old = __this_cpu_read(__irq_regs);

	__this_cpu_write(__irq_regs, new_regs);
	return old;
}

extern struct irq_chip no_irq_chip;

static void desc_set_defaults(unsigned int irq, struct irq_desc *desc)
{
	memset(desc, 0, sizeof(*desc));
	raw_spin_lock_init(&desc->lock);
	desc->irq_data.irq = irq;
	desc->irq_data.common = &desc->irq_common_data;
	desc->irq_data.chip = &no_irq_chip;
	desc->irq_common_data.state_use_accessors = IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED;
	cpumask_copy(&desc->irq_common_data.affinity, cpu_possible_mask);
	desc->handle_irq = handle_bad_irq;
	desc->depth = 1;
}

int irq_alloc_descs(int irq, unsigned int from, unsigned int cnt)
{
	unsigned long flags;
	unsigned int start, i;
	int ret = -ENOMEM;

	if (!cnt)
		return -EINVAL;
	if (irq >= 0)
		from = (unsigned int)irq;
	if (!from)
		from = 1;	/* virq 0 means "no interrupt" */
	raw_spin_lock_irqsave(&sparse_irq_lock, flags);
	for (start = from; start + cnt <= NR_IRQS; start++) {
		for (i = 0; i < cnt && !test_bit(start + i, allocated_irqs); i++)
			;
		if (i == cnt)
			break;
		if (irq >= 0)
			goto out;	/* a fixed number was asked for and is taken */
		start += i;
	}
	if (start + cnt > NR_IRQS)
		goto out;
	for (i = 0; i < cnt; i++) {
		desc_set_defaults(start + i, &irq_desc[start + i]);
		__set_bit(start + i, allocated_irqs);
	}
	ret = (int)start;
out:
	raw_spin_unlock_irqrestore(&sparse_irq_lock, flags);
	return ret;
}

void irq_free_descs(unsigned int from, unsigned int cnt)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&sparse_irq_lock, flags);
	for (unsigned int i = from; i < from + cnt && i < NR_IRQS; i++)
		__clear_bit(i, allocated_irqs);
	raw_spin_unlock_irqrestore(&sparse_irq_lock, flags);
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	if (irq >= NR_IRQS || !test_bit(irq, allocated_irqs))
		return NULL;
	return &irq_desc[irq];
}

struct irq_data *irq_get_irq_data(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? &desc->irq_data : NULL;
}

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu)
{
	struct irq_desc *desc = irq_to_desc(irq);

	return desc ? READ_ONCE(desc->kstat_irqs[cpu]) : 0;
}

static void ack_bad_irq(unsigned int hwirq)
{
	irq_err_count++;
	pr_err_once("unexpected IRQ trap for hwirq %u (no mapping)\n", hwirq);
}

int generic_handle_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return -EINVAL;
	generic_handle_irq_desc(desc);
	return 0;
}

/* handle_domain_irq(): irq_enter, hwirq -> virq, flow handler, irq_exit (softirqs). */
int __handle_domain_irq(struct irq_domain *domain, unsigned int hwirq, bool lookup,
			struct pt_regs *regs)
{
	struct pt_regs *old_regs = set_irq_regs(regs);
	unsigned int irq = hwirq;
	int ret = 0;

	irq_enter();
	if (lookup)
		irq = irq_find_mapping(domain, hwirq);
	if (unlikely(!irq || irq >= NR_IRQS)) {
		ack_bad_irq(hwirq);
		ret = -EINVAL;
	} else {
		generic_handle_irq(irq);
	}
	irq_exit();
	set_irq_regs(old_regs);
	return ret;
}
