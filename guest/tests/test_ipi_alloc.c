// SPDX-License-Identifier: GPL-2.0
/*
 * The generic IPI allocation API (kernel/irq/ipi.c) on both GIC IPI
 * domains: reserve, hwirq lookup, sending single/mask, rejections,
 * partial and full destroy.
 */
#include <linux/errno.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/string.h>
#include "selftest.h"

struct alloc_hits {
	unsigned long count;
	unsigned int last_irq;
	unsigned long last_hwirq;
};

static DEFINE_PER_CPU(struct alloc_hits, single_hits);
static struct alloc_hits percpu_hits[NR_CPUS];

static irqreturn_t single_handler(int irq, void *dev_id)
{
	struct alloc_hits *h = dev_id;

	h->last_irq = (unsigned int)irq;
	h->last_hwirq = irq_get_irq_data((unsigned int)irq)->hwirq;
	/* Publishes last_irq/last_hwirq: the waiter reads them once it sees the count. */
	smp_store_release(&h->count, h->count + 1);
	return IRQ_HANDLED;
}

static irqreturn_t percpu_handler(int irq, void *dev_id)
{
	struct alloc_hits *h = &percpu_hits[smp_processor_id()];

	(void)dev_id;
	h->last_irq = (unsigned int)irq;
	h->last_hwirq = irq_get_irq_data((unsigned int)irq)->hwirq;
	/* Publishes last_irq/last_hwirq: the waiter reads them once it sees the count. */
	smp_store_release(&h->count, h->count + 1);
	return IRQ_HANDLED;
}

static unsigned int single_virq;

static void enable_single(void *info)
{
	(void)info;
	enable_percpu_irq(single_virq, IRQ_TYPE_NONE);
}

static void disable_single(void *info)
{
	(void)info;
	disable_percpu_irq(single_virq);
}

void test_ipi_alloc_single(struct test_ctx *t)
{
	struct irq_domain *d = gic_get_ipi_domain_single();
	unsigned int n = num_online_cpus(), self = smp_processor_id(), cpu;
	struct cpumask dest, bad, empty = { { 0 } };
	unsigned long before[NR_CPUS];
	struct irq_data *data;
	irq_hw_number_t hw;
	int virq, virq2;

	/* rejected: empty mask, CPUs that do not exist, a non-IPI domain */
	test_diag("ipi_alloc_single: the rejections below print Linux's warnings");
	EXPECT(t, irq_reserve_ipi(d, &empty) == -EINVAL, "empty mask accepted");
	if (nr_cpu_ids < NR_CPUS) {
		struct cpumask beyond = { { 1UL << (NR_CPUS - 1) } };

		EXPECT(t, irq_reserve_ipi(d, &beyond) == -EINVAL, "impossible CPU accepted");
	}
	EXPECT(t, irq_reserve_ipi(gic_get_domain(), cpu_possible_mask) == -EINVAL, "non-IPI domain");

	/* a mask with a hole is fine here: one SGI reaches any CPU */
	cpumask_clear(&dest);
	cpumask_set_cpu(0, &dest);
	if (n >= 3)
		cpumask_set_cpu(n - 1, &dest);
	else if (n == 2)
		cpumask_set_cpu(1, &dest);
	virq = irq_reserve_ipi(d, &dest);
	if (!EXPECT(t, virq > 0, "reserve failed: %d", virq))
		return;
	single_virq = (unsigned int)virq;
	data = irq_get_irq_data(single_virq);
	EXPECT(t, cpumask_equal(&data->common->affinity, &dest), "affinity 0x%lx",
	       data->common->affinity.bits[0]);
	EXPECT(t, data->common->ipi_offset == 0, "ipi_offset %u", data->common->ipi_offset);
	EXPECT(t, irq_to_desc(single_virq)->status_use_accessors & IRQ_NO_BALANCING, "IRQ_NO_BALANCING");
	EXPECT(t, data->common->state_use_accessors & IRQD_NO_BALANCING, "IRQD_NO_BALANCING");
	hw = ipi_get_hwirq(single_virq, 0);
	EXPECT(t, hw >= NR_IPI && hw < NR_SGIS, "hwirq %lu", hw);
	EXPECT(t, irq_find_mapping(d, hw) == single_virq, "revmap");
	for_each_possible_cpu(cpu) {
		irq_hw_number_t h = ipi_get_hwirq(single_virq, cpu);

		if (cpumask_test_cpu(cpu, &dest))
			EXPECT(t, h == hw, "CPU%u hwirq %lu, expected the same %lu", cpu, h, hw);
		else
			EXPECT(t, h == INVALID_HWIRQ, "CPU%u outside the mask has hwirq %lu", cpu, h);
	}
	EXPECT(t, ipi_get_hwirq(single_virq, NR_CPUS + 3) == INVALID_HWIRQ, "bad CPU");

	EXPECT(t, request_percpu_irq(single_virq, single_handler, "ipi-single", &single_hits) == 0,
	       "request_percpu_irq");
	on_each_cpu(enable_single, NULL, 1);

	for_each_possible_cpu(cpu)
		before[cpu] = READ_ONCE(per_cpu(single_hits, cpu).count);
	for_each_cpu(cpu, &dest)
		EXPECT(t, __ipi_send_single(irq_to_desc(single_virq), cpu) == 0, "send to CPU%u", cpu);
	for_each_cpu(cpu, &dest) {
		EXPECT(t, wait_until(smp_load_acquire(&per_cpu(single_hits, cpu).count) == before[cpu] + 1),
		       "single send: CPU%u got %lu", cpu, per_cpu(single_hits, cpu).count - before[cpu]);
		EXPECT(t, per_cpu(single_hits, cpu).last_irq == single_virq &&
		       per_cpu(single_hits, cpu).last_hwirq == hw, "CPU%u saw irq %u hwirq %lu", cpu,
		       per_cpu(single_hits, cpu).last_irq, per_cpu(single_hits, cpu).last_hwirq);
	}
	/* outside the reserved mask: refused */
	cpumask_copy(&bad, cpu_possible_mask);
	cpumask_andnot(&bad, &bad, &dest);
	if (!cpumask_empty(&bad)) {
		EXPECT(t, ipi_send_single(single_virq, cpumask_first(&bad)) == -EINVAL, "send outside mask");
		EXPECT(t, ipi_send_mask(single_virq, cpu_possible_mask) == -EINVAL, "mask not a subset");
	}
	for_each_possible_cpu(cpu)
		before[cpu] = READ_ONCE(per_cpu(single_hits, cpu).count);
	EXPECT(t, __ipi_send_mask(irq_to_desc(single_virq), &dest) == 0, "send mask");
	for_each_cpu(cpu, &dest)
		EXPECT(t, wait_until(smp_load_acquire(&per_cpu(single_hits, cpu).count) == before[cpu] + 1),
		       "mask send: CPU%u got %lu", cpu, per_cpu(single_hits, cpu).count - before[cpu]);
	udelay(300);
	for_each_possible_cpu(cpu)
		EXPECT(t, READ_ONCE(per_cpu(single_hits, cpu).count) ==
		       before[cpu] + cpumask_test_cpu(cpu, &dest), "CPU%u extra hits", cpu);
	EXPECT(t, ipi_count(self, hw, self) > 0, "handle_IPI accounting for SGI%lu", hw);

	on_each_cpu(disable_single, NULL, 1);
	free_percpu_irq(single_virq, &single_hits);
	if (!cpumask_empty(&bad))
		EXPECT(t, irq_destroy_ipi(single_virq, cpu_possible_mask) == -EINVAL, "destroy non-subset");
	EXPECT(t, irq_destroy_ipi(single_virq, &dest) == 0, "destroy");
	EXPECT(t, irq_find_mapping(d, hw) == 0 && irq_get_irq_data(single_virq) == NULL,
	       "still mapped after destroy");
	/* the SGI is free again */
	virq2 = irq_reserve_ipi(d, cpu_possible_mask);
	EXPECT(t, virq2 > 0 && ipi_get_hwirq((unsigned int)virq2, 0) == hw, "re-reserve got SGI %lu",
	       virq2 > 0 ? ipi_get_hwirq((unsigned int)virq2, 0) : 0);
	if (virq2 > 0)
		irq_destroy_ipi((unsigned int)virq2, cpu_possible_mask);
}

void test_ipi_alloc_percpu(struct test_ctx *t)
{
	struct irq_domain *d = gic_get_ipi_domain_percpu();
	unsigned int n = num_online_cpus(), self = smp_processor_id(), cpu, offset, nr;
	irq_hw_number_t hw[NR_CPUS];
	unsigned long before[NR_CPUS];
	struct cpumask dest, last;
	int virq;

	/* one hwirq per CPU means consecutive virqs: holes are refused */
	if (n >= 3) {
		test_diag("ipi_alloc_percpu: expect \"Destination mask has holes\"");
		struct cpumask holes = { { 0 } };

		cpumask_set_cpu(0, &holes);
		cpumask_set_cpu(2, &holes);
		EXPECT(t, irq_reserve_ipi(d, &holes) == -EINVAL, "mask with holes accepted");
	}
	/* CPUs 1..n-1 (so ipi_offset is not 0), or CPU0 alone */
	cpumask_clear(&dest);
	for (cpu = n > 1 ? 1 : 0; cpu < n; cpu++)
		cpumask_set_cpu(cpu, &dest);
	offset = cpumask_first(&dest);
	nr = cpumask_weight(&dest);
	virq = irq_reserve_ipi(d, &dest);
	if (!EXPECT(t, virq > 0, "reserve failed: %d", virq))
		return;
	for (unsigned int i = 0; i < nr; i++) {
		struct irq_data *data = irq_get_irq_data((unsigned int)virq + i);

		if (!EXPECT(t, data, "virq %u missing", virq + i))
			return;
		EXPECT(t, data->common->ipi_offset == offset, "virq %u ipi_offset %u", virq + i,
		       data->common->ipi_offset);
		EXPECT(t, cpumask_equal(&data->common->affinity, &dest), "virq %u affinity", virq + i);
		EXPECT(t, data->common->state_use_accessors & IRQD_NO_BALANCING, "virq %u balancing", virq + i);
		EXPECT(t, request_irq((unsigned int)virq + i, percpu_handler, 0, "ipi-percpu", NULL) == 0,
		       "request_irq %u", virq + i);
	}
	for_each_possible_cpu(cpu) {
		hw[cpu] = ipi_get_hwirq((unsigned int)virq, cpu);
		if (!cpumask_test_cpu(cpu, &dest)) {
			EXPECT(t, hw[cpu] == INVALID_HWIRQ, "CPU%u outside has hwirq %lu", cpu, hw[cpu]);
			continue;
		}
		EXPECT(t, hw[cpu] == irq_get_irq_data((unsigned int)virq + cpu - offset)->hwirq,
		       "CPU%u hwirq %lu", cpu, hw[cpu]);
		for (unsigned int o = offset; o < cpu; o++)
			EXPECT(t, hw[o] != hw[cpu], "CPU%u and CPU%u share hwirq %lu", o, cpu, hw[cpu]);
	}

	for (int pass = 0; pass < 2; pass++) {
		for_each_possible_cpu(cpu)
			before[cpu] = READ_ONCE(percpu_hits[cpu].count);
		if (!pass) {
			for_each_cpu(cpu, &dest)
				EXPECT(t, __ipi_send_single(irq_to_desc((unsigned int)virq), cpu) == 0, "send");
		} else {
			EXPECT(t, __ipi_send_mask(irq_to_desc((unsigned int)virq), &dest) == 0, "send mask");
		}
		for_each_cpu(cpu, &dest) {
			EXPECT(t, wait_until(smp_load_acquire(&percpu_hits[cpu].count) == before[cpu] + 1),
			       "pass %d: CPU%u got %lu", pass, cpu, percpu_hits[cpu].count - before[cpu]);
			EXPECT(t, percpu_hits[cpu].last_irq == (unsigned int)virq + cpu - offset &&
			       percpu_hits[cpu].last_hwirq == hw[cpu], "pass %d: CPU%u saw irq %u hwirq %lu",
			       pass, cpu, percpu_hits[cpu].last_irq, percpu_hits[cpu].last_hwirq);
		}
		udelay(300);
		for_each_possible_cpu(cpu)
			EXPECT(t, READ_ONCE(percpu_hits[cpu].count) == before[cpu] + cpumask_test_cpu(cpu, &dest),
			       "pass %d: CPU%u extra hits", pass, cpu);
	}
	if (n > 1)
		EXPECT(t, ipi_send_single((unsigned int)virq, 0) == -EINVAL, "CPU0 is outside the mask");
	(void)self;

	/* destroy the last CPU's IPI alone, then the rest */
	cpumask_clear(&last);
	cpumask_set_cpu(n - 1, &last);
	for (unsigned int i = 0; i < nr; i++)
		free_irq((unsigned int)virq + i, NULL);
	EXPECT(t, irq_destroy_ipi((unsigned int)virq, &last) == 0, "partial destroy");
	if (nr > 1) {
		EXPECT(t, ipi_get_hwirq((unsigned int)virq, n - 1) == INVALID_HWIRQ, "destroyed CPU has hwirq");
		EXPECT(t, ipi_get_hwirq((unsigned int)virq, offset) == hw[offset], "survivor lost hwirq");
		cpumask_clear_cpu(n - 1, &dest);
		EXPECT(t, irq_destroy_ipi((unsigned int)virq, &dest) == 0, "destroy rest");
	}
	for_each_possible_cpu(cpu)
		if (hw[cpu] != INVALID_HWIRQ)
			EXPECT(t, irq_find_mapping(d, hw[cpu]) == 0, "hwirq %lu still mapped", hw[cpu]);
}
