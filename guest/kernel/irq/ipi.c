// SPDX-License-Identifier: GPL-2.0
/*
 * The generic IPI allocation API (kernel/irq/ipi.c). An IPI domain is either
 * "single" (one hwirq reaches every CPU: one virq for any destination mask)
 * or "per CPU" (each CPU has its own hwirq: one virq per destination CPU,
 * so the mask must be contiguous and virq + (cpu - ipi_offset) is cpu's).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>

/*
 * irq_reserve_ipi() - set up virqs to send IPIs to the CPUs in @dest.
 * Returns the first virq, or a negative errno.
 */
int irq_reserve_ipi(struct irq_domain *domain, const struct cpumask *dest)
{
	unsigned int nr_irqs, offset;
	int virq;

	if (!domain || !irq_domain_is_ipi(domain)) {
		pr_warn("Reservation on a non IPI domain\n");
		return -EINVAL;
	}
	if (!cpumask_subset(dest, cpu_possible_mask)) {
		pr_warn("Reservation is not in possible_cpu_mask\n");
		return -EINVAL;
	}
	nr_irqs = cpumask_weight(dest);
	if (!nr_irqs) {
		pr_warn("Reservation for empty destination mask\n");
		return -EINVAL;
	}
	if (irq_domain_is_ipi_single(domain)) {
		/* one hwirq reaches all CPUs: holes in the mask do not matter */
		nr_irqs = 1;
		offset = 0;
	} else {
		unsigned int next;

		/* per-CPU hwirqs are consecutive, so the CPUs must be too */
		offset = cpumask_first(dest);
		next = cpumask_next_zero((int)offset, dest);
		if (next < nr_cpu_ids)
			next = cpumask_next((int)next, dest);
		if (next < nr_cpu_ids) {
			pr_warn("Destination mask has holes\n");
			return -EINVAL;
		}
	}

	virq = irq_domain_alloc_irqs(domain, nr_irqs, NULL);
	if (virq <= 0) {
		pr_warn("Can't reserve IPI, failed to alloc irqs\n");
		return virq < 0 ? virq : -ENOMEM;
	}
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_get_irq_data((unsigned int)virq + i);

		cpumask_copy(&data->common->affinity, dest);
		data->common->ipi_offset = offset;
		irq_set_status_flags((unsigned int)virq + i, IRQ_NO_BALANCING);
	}
	return virq;
}

/* irq_destroy_ipi() - release the virqs of @dest (a subset of what was reserved). */
int irq_destroy_ipi(unsigned int irq, const struct cpumask *dest)
{
	struct irq_data *data = irq_get_irq_data(irq);
	const struct cpumask *ipimask = data ? irq_data_get_affinity_mask(data) : NULL;
	struct irq_domain *domain;
	unsigned int nr_irqs;

	if (!irq || !data || !ipimask)
		return -EINVAL;
	domain = data->domain;
	if (WARN_ON(domain == NULL))
		return -EINVAL;
	if (!irq_domain_is_ipi(domain)) {
		pr_warn("Trying to destroy a non IPI domain!\n");
		return -EINVAL;
	}
	/* only CPUs the IPI was reserved for can be released */
	if (WARN_ON(!cpumask_subset(dest, ipimask)))
		return -EINVAL;
	if (irq_domain_is_ipi_per_cpu(domain)) {
		irq = irq + cpumask_first(dest) - data->common->ipi_offset;
		nr_irqs = cpumask_weight(dest);
	} else {
		nr_irqs = 1;
	}
	irq_domain_free_irqs(irq, nr_irqs);
	return 0;
}

/* ipi_get_hwirq() - the hwirq that reaches @cpu, or INVALID_HWIRQ. */
irq_hw_number_t ipi_get_hwirq(unsigned int irq, unsigned int cpu)
{
	struct irq_data *data = irq_get_irq_data(irq);
	const struct cpumask *ipimask = data ? irq_data_get_affinity_mask(data) : NULL;

	if (!data || !ipimask || cpu >= nr_cpu_ids)
		return INVALID_HWIRQ;
	if (!cpumask_test_cpu(cpu, ipimask))
		return INVALID_HWIRQ;
	/* per-CPU IPIs: each CPU has its own virq, at irq + (cpu - offset) */
	if (irq_domain_is_ipi_per_cpu(data->domain))
		data = irq_get_irq_data(irq + cpu - data->common->ipi_offset);
	return data ? irqd_to_hwirq(data) : INVALID_HWIRQ;
}

static int ipi_send_verify(struct irq_chip *chip, struct irq_data *data,
			   const struct cpumask *dest, unsigned int cpu)
{
	const struct cpumask *ipimask = irq_data_get_affinity_mask(data);

	if (!chip || !ipimask)
		return -EINVAL;
	if (!chip->ipi_send_single && !chip->ipi_send_mask)
		return -EINVAL;
	if (cpu >= nr_cpu_ids)
		return -EINVAL;
	if (dest) {
		if (!cpumask_subset(dest, ipimask))
			return -EINVAL;
	} else {
		if (!cpumask_test_cpu(cpu, ipimask))
			return -EINVAL;
	}
	return 0;
}

/* __ipi_send_single() - for arch/core code: send the IPI of @desc to @cpu. */
int __ipi_send_single(struct irq_desc *desc, unsigned int cpu)
{
	struct irq_data *data = irq_desc_get_irq_data(desc);
	struct irq_chip *chip = irq_data_get_affinity_mask(data) ? data->chip : NULL;

	if (WARN_ON_ONCE(ipi_send_verify(chip, data, NULL, cpu)))
		return -EINVAL;
	if (!chip->ipi_send_single) {
		chip->ipi_send_mask(data, cpumask_of(cpu));
		return 0;
	}
	if (irq_domain_is_ipi_per_cpu(data->domain) && cpu != data->common->ipi_offset) {
		/* per-CPU domain: @cpu has its own virq and hwirq */
		unsigned int irq = data->irq + cpu - data->common->ipi_offset;

		data = irq_get_irq_data(irq);
	}
	chip->ipi_send_single(data, cpu);
	return 0;
}

/* __ipi_send_mask() - for arch/core code: send the IPI of @desc to every CPU in @dest. */
int __ipi_send_mask(struct irq_desc *desc, const struct cpumask *dest)
{
	struct irq_data *data = irq_desc_get_irq_data(desc);
	struct irq_chip *chip = data->chip;
	unsigned int cpu;

	if (WARN_ON_ONCE(ipi_send_verify(chip, data, dest, 0)))
		return -EINVAL;
	if (chip->ipi_send_mask) {
		chip->ipi_send_mask(data, dest);
		return 0;
	}
	if (irq_domain_is_ipi_per_cpu(data->domain)) {
		unsigned int base = data->irq;

		for_each_cpu(cpu, dest) {
			unsigned int irq = base + cpu - data->common->ipi_offset;

			data = irq_get_irq_data(irq);
			chip->ipi_send_single(data, cpu);
		}
	} else {
		for_each_cpu(cpu, dest)
			chip->ipi_send_single(data, cpu);
	}
	return 0;
}

/* ipi_send_single()/ipi_send_mask(): the checked wrappers by virq. */
int ipi_send_single(unsigned int virq, unsigned int cpu)
{
	struct irq_desc *desc = irq_to_desc(virq);

	if (!desc || ipi_send_verify(desc->irq_data.chip, &desc->irq_data, NULL, cpu))
		return -EINVAL;
	return __ipi_send_single(desc, cpu);
}

int ipi_send_mask(unsigned int virq, const struct cpumask *dest)
{
	struct irq_desc *desc = irq_to_desc(virq);

	if (!desc || ipi_send_verify(desc->irq_data.chip, &desc->irq_data, dest, 0))
		return -EINVAL;
	return __ipi_send_mask(desc, dest);
}
