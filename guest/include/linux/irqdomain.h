/* SPDX-License-Identifier: GPL-2.0 */
/* hwirq -> virq translation (include/linux/irqdomain.h), linear maps only. */
#ifndef _LINUX_IRQDOMAIN_H
#define _LINUX_IRQDOMAIN_H

#include <linux/types.h>
#include <linux/irq.h>

struct irq_domain;

struct irq_fwspec {
	unsigned int param_count;
	u32 param[4];
};

struct irq_domain_ops {
	int (*map)(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw);
	void (*unmap)(struct irq_domain *d, unsigned int virq);
	int (*translate)(struct irq_domain *d, struct irq_fwspec *fwspec,
			 unsigned long *out_hwirq, unsigned int *out_type);
	int (*alloc)(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs, void *arg);
	void (*free)(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs);
};

#define IRQ_DOMAIN_FLAG_IPI_PER_CPU	(1U << 2)
#define IRQ_DOMAIN_FLAG_IPI_SINGLE	(1U << 3)

struct irq_domain {
	const char *name;
	const struct irq_domain_ops *ops;
	void *host_data;
	unsigned int flags;
	irq_hw_number_t hwirq_max;
	unsigned int revmap_size;
	unsigned int *linear_revmap;	/* hwirq -> virq, 0 = unmapped */
};

struct irq_domain *irq_domain_add_linear(unsigned int size, const struct irq_domain_ops *ops,
					 void *host_data);
unsigned int irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq);
unsigned int irq_create_fwspec_mapping(struct irq_domain *domain, struct irq_fwspec *fwspec);
void irq_dispose_mapping(unsigned int virq);
unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq);
int irq_domain_alloc_irqs(struct irq_domain *domain, unsigned int nr_irqs, void *arg);
void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs);
int irq_domain_set_info(struct irq_domain *domain, unsigned int virq, irq_hw_number_t hwirq,
			struct irq_chip *chip, void *chip_data, irq_flow_handler_t handler,
			void *handler_data, const char *handler_name);

static inline bool irq_domain_is_ipi(struct irq_domain *d)
{
	return d->flags & (IRQ_DOMAIN_FLAG_IPI_PER_CPU | IRQ_DOMAIN_FLAG_IPI_SINGLE);
}

static inline bool irq_domain_is_ipi_per_cpu(struct irq_domain *d)
{
	return d->flags & IRQ_DOMAIN_FLAG_IPI_PER_CPU;
}

static inline bool irq_domain_is_ipi_single(struct irq_domain *d)
{
	return d->flags & IRQ_DOMAIN_FLAG_IPI_SINGLE;
}

#endif
