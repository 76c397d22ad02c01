/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_IRQDESC_H
#define _LINUX_IRQDESC_H

#include <linux/irq.h>

struct irq_desc {
	struct irq_common_data irq_common_data;
	struct irq_data irq_data;
	unsigned int kstat_irqs[NR_CPUS];
	irq_flow_handler_t handle_irq;
	struct irqaction *action;
	unsigned int status_use_accessors;
	unsigned int istate;
	unsigned int depth;		/* nested disable_irq() calls */
	unsigned int irqs_unhandled;	/* handler chain said IRQ_NONE */
	raw_spinlock_t lock;
	struct cpumask percpu_enabled;
	const char *name;
};

/* desc->istate */
#define IRQS_PENDING		0x00000200
#define IRQS_ONESHOT		0x00000020
#define IRQS_SPURIOUS_DISABLED	0x00000800

struct irq_desc *irq_to_desc(unsigned int irq);
int irq_alloc_descs(int irq, unsigned int from, unsigned int cnt);
void irq_free_descs(unsigned int from, unsigned int cnt);
#define irq_alloc_desc()	irq_alloc_descs(-1, 1, 1)
unsigned int kstat_irqs_cpu(unsigned int irq, int cpu);

static inline struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}

static inline struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}

static inline void generic_handle_irq_desc(struct irq_desc *desc)
{
	desc->handle_irq(desc);
}

int generic_handle_irq(unsigned int irq);
int __handle_domain_irq(struct irq_domain *domain, unsigned int hwirq, bool lookup,
			struct pt_regs *regs);
static inline int handle_domain_irq(struct irq_domain *domain, unsigned int hwirq,
				    struct pt_regs *regs)
{
	return __handle_domain_irq(domain, hwirq, true, regs);
}

/* kernel/irq/handle.c */
irqreturn_t handle_irq_event(struct irq_desc *desc);
irqreturn_t handle_irq_event_percpu(struct irq_desc *desc);

#define for_each_action_of_desc(desc, act) \
	for ((act) = (desc)->action; (act); (act) = (act)->next)

#endif
