// SPDX-License-Identifier: GPL-2.0
/*
 * x86-style IPI helpers (struct apic's send_IPI_*) on the GICv2: a vector
 * is an SGI number. The shorthand variants map onto GICD_SGIR's
 * TargetListFilter, like the APIC's destination shorthands: all-but-self is
 * filter 1, self is filter 2. The GIC has no "all including self" filter,
 * so send_IPI_all is the two shorthands back to back. As with x86
 * shorthands, filter 1 also reaches CPUs that are not online.
 */
#include <linux/kernel.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/smp.h>
#include <asm/apic.h>

static void gic_apic_send_IPI(int cpu, int vector)
{
	smp_account_ipi_sent((unsigned int)vector, 1);
	gic_send_sgi_list(cpumask_of((unsigned int)cpu), (unsigned int)vector);
}

static void gic_apic_send_IPI_mask(const struct cpumask *mask, int vector)
{
	smp_account_ipi_sent((unsigned int)vector, cpumask_weight(mask));
	gic_send_sgi_list(mask, (unsigned int)vector);
}

static void gic_apic_send_IPI_mask_allbutself(const struct cpumask *mask, int vector)
{
	struct cpumask tmp;

	cpumask_copy(&tmp, mask);
	cpumask_clear_cpu(smp_processor_id(), &tmp);
	gic_apic_send_IPI_mask(&tmp, vector);
}

static void gic_apic_send_IPI_allbutself(int vector)
{
	smp_account_ipi_sent((unsigned int)vector, num_online_cpus() - 1);
	gic_send_sgi_filter(GICD_SGI_TARGET_OTHERS, (unsigned int)vector);
}

static void gic_apic_send_IPI_self(int vector)
{
	smp_account_ipi_sent((unsigned int)vector, 1);
	gic_send_sgi_filter(GICD_SGI_TARGET_SELF, (unsigned int)vector);
}

static void gic_apic_send_IPI_all(int vector)
{
	gic_apic_send_IPI_allbutself(vector);
	gic_apic_send_IPI_self(vector);
}

static struct apic gic_apic = {
	.name				= "gicv2-sgi",
	.send_IPI			= gic_apic_send_IPI,
	.send_IPI_mask			= gic_apic_send_IPI_mask,
	.send_IPI_mask_allbutself	= gic_apic_send_IPI_mask_allbutself,
	.send_IPI_allbutself		= gic_apic_send_IPI_allbutself,
	.send_IPI_all			= gic_apic_send_IPI_all,
	.send_IPI_self			= gic_apic_send_IPI_self,
};

struct apic *apic = &gic_apic;
