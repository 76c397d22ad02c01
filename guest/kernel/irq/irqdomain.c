// SPDX-License-Identifier: GPL-2.0
/*
 * Linear irq domains (kernel/irq/irqdomain.c): hwirq -> virq through a
 * revmap array. irq_create_mapping() is the classic path (ops->map); the
 * alloc/free pair serves the IPI domains, which hand out several
 * consecutive virqs at once.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/memblock.h>

static DEFINE_RAW_SPINLOCK(irq_domain_lock);

struct irq_domain *irq_domain_add_linear(unsigned int size, const struct irq_domain_ops *ops,
					 void *host_data)
{
	struct irq_domain *d = memblock_alloc(sizeof(*d), 8);

	d->linear_revmap = memblock_alloc(size * sizeof(unsigned int), 8);
	d->revmap_size = size;
	d->hwirq_max = size;
	d->ops = ops;
	d->host_data = host_data;
	d->name = "linear";
	return d;
}

unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	if (!domain || hwirq >= domain->revmap_size)
		return 0;
	return READ_ONCE(domain->linear_revmap[hwirq]);
}

static void irq_domain_set_mapping(struct irq_domain *d, irq_hw_number_t hwirq, unsigned int virq)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_domain_lock, flags);
	WRITE_ONCE(d->linear_revmap[hwirq], virq);
	raw_spin_unlock_irqrestore(&irq_domain_lock, flags);
}

unsigned int irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	struct irq_data *data;
	unsigned int virq;
	int ret;

	if (!domain || hwirq >= domain->hwirq_max)
		return 0;
	virq = irq_find_mapping(domain, hwirq);
	if (virq)
		return virq;
	ret = irq_alloc_descs(-1, 1, 1);
	if (ret <= 0) {
		pr_err("irq: %s: no virq left for hwirq %lu\n", domain->name, hwirq);
		return 0;
	}
	virq = (unsigned int)ret;
	data = irq_get_irq_data(virq);
	data->hwirq = hwirq;
	data->domain = domain;
	if (domain->ops->map && domain->ops->map(domain, virq, hwirq)) {
		irq_free_descs(virq, 1);
		return 0;
	}
	irq_domain_set_mapping(domain, hwirq, virq);
	return virq;
}

unsigned int irq_create_fwspec_mapping(struct irq_domain *domain, struct irq_fwspec *fwspec)
{
	unsigned long hwirq;
	unsigned int type = IRQ_TYPE_NONE, virq;

	if (!domain->ops->translate || domain->ops->translate(domain, fwspec, &hwirq, &type))
		return 0;
	virq = irq_create_mapping(domain, hwirq);
	if (virq && type != IRQ_TYPE_NONE)
		irq_set_irq_type(virq, type);
	return virq;
}

void irq_dispose_mapping(unsigned int virq)
{
	struct irq_data *data = irq_get_irq_data(virq);
	struct irq_domain *domain;

	if (!data || !(domain = data->domain))
		return;
	irq_domain_set_mapping(domain, data->hwirq, 0);
	if (domain->ops->unmap)
		domain->ops->unmap(domain, virq);
	irq_free_descs(virq, 1);
}

int irq_domain_set_info(struct irq_domain *domain, unsigned int virq, irq_hw_number_t hwirq,
			struct irq_chip *chip, void *chip_data, irq_flow_handler_t handler,
			void *handler_data, const char *handler_name)
{
	struct irq_data *data = irq_get_irq_data(virq);

	(void)handler_data;
	if (!data)
		return -EINVAL;
	data->hwirq = hwirq;
	data->domain = domain;
	irq_set_chip_and_handler_name(virq, chip, handler, handler_name);
	data->chip_data = chip_data;
	return 0;
}

/* Returns the first of @nr_irqs consecutive virqs, or a negative errno. */
int irq_domain_alloc_irqs(struct irq_domain *domain, unsigned int nr_irqs, void *arg)
{
	int virq, ret;

	if (!domain->ops->alloc)
		return -ENOSYS;
	virq = irq_alloc_descs(-1, 1, nr_irqs);
	if (virq < 0)
		return virq;
	for (unsigned int i = 0; i < nr_irqs; i++)
		irq_get_irq_data((unsigned int)virq + i)->domain = domain;
	ret = domain->ops->alloc(domain, (unsigned int)virq, nr_irqs, arg);
	if (ret) {
		irq_free_descs((unsigned int)virq, nr_irqs);
		return ret;
	}
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *d = irq_get_irq_data((unsigned int)virq + i);

		irq_domain_set_mapping(domain, d->hwirq, (unsigned int)virq + i);
	}
	return virq;
}

void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs)
{
	struct irq_data *data = irq_get_irq_data(virq);
	struct irq_domain *domain;

	if (!data || !(domain = data->domain))
		return;
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *d = irq_get_irq_data(virq + i);

		if (d)
			irq_domain_set_mapping(domain, d->hwirq, 0);
	}
	if (domain->ops->free)
		domain->ops->free(domain, virq, nr_irqs);
	irq_free_descs(virq, nr_irqs);
}
