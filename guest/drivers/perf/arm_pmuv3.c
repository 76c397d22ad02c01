// SPDX-License-Identifier: GPL-2.0
/*
 * ARMv8 PMUv3 (drivers/perf/arm_pmuv3.c), without perf: the caller programs
 * the counters (armv8pmu_start_*), the driver owns the overflow interrupt.
 * That is a per-CPU PPI, level-sensitive: it stays asserted while any
 * enabled counter's bit is set in PMOVSSET_EL0, so the handler clears the
 * bits it read (PMOVSCLR_EL0) before returning, exactly as Linux's
 * armv8pmu_getreset_flags() does, and the GIC sees the line fall.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/libfdt.h>
#include <linux/perf/arm_pmuv3.h>
#include <linux/smp.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

unsigned int armpmu_irq;
unsigned int armpmu_num_counters;
DEFINE_PER_CPU(struct pmu_hw_events, cpu_hw_events);

/* Read and clear the overflow flags: the interrupt line falls with them. */
static u32 armv8pmu_getreset_flags(void)
{
	u32 value = (u32)read_sysreg(pmovsclr_el0);

	write_sysreg(value, pmovsclr_el0);
	isb();
	return value;
}

static irqreturn_t armv8pmu_handle_irq(int irq, void *dev_id)
{
	struct pmu_hw_events *events = dev_id;	/* this CPU's, as for any per-CPU IRQ */
	u32 pmovsr = armv8pmu_getreset_flags();

	(void)irq;
	if (!pmovsr) {
		events->spurious++;
		return IRQ_NONE;
	}
	events->irqs++;
	for (unsigned int idx = 0; idx < ARMV8_PMU_MAX_COUNTERS; idx++)
		if (pmovsr & (1U << idx))
			events->overflows[idx]++;
	return IRQ_HANDLED;
}

/* Everything off and cleared: what a CPU looks like before anyone counts. */
static void armv8pmu_reset(void)
{
	write_sysreg(~0UL, pmcntenclr_el0);
	write_sysreg(~0UL, pmintenclr_el1);
	write_sysreg(~0UL, pmovsclr_el0);
	write_sysreg(ARMV8_PMU_PMCR_P | ARMV8_PMU_PMCR_C | ARMV8_PMU_PMCR_LC, pmcr_el0);
	isb();
}

void armv8_pmu_starting_cpu(void)
{
	if (!armpmu_irq)
		return;
	armv8pmu_reset();
	enable_percpu_irq(armpmu_irq, IRQ_TYPE_NONE);
}

void armv8_pmu_dying_cpu(void)
{
	if (!armpmu_irq)
		return;
	armv8pmu_reset();
	disable_percpu_irq(armpmu_irq);
}

static void armv8pmu_enable(u32 counter_bit)
{
	write_sysreg(counter_bit, pmintenset_el1);
	write_sysreg(counter_bit, pmcntenset_el0);
	write_sysreg(read_sysreg(pmcr_el0) | ARMV8_PMU_PMCR_E | ARMV8_PMU_PMCR_LC, pmcr_el0);
	isb();
}

void armv8pmu_start_cycles(u64 period)
{
	write_sysreg(0, pmccfiltr_el0);		/* EL0 and EL1 */
	write_sysreg(-period, pmccntr_el0);
	armv8pmu_enable(1U << ARMV8_PMU_CYCLE_IDX);
}

void armv8pmu_start_event(unsigned int idx, u32 event, u32 period)
{
	write_sysreg(idx, pmselr_el0);
	isb();
	write_sysreg(event, pmxevtyper_el0);	/* filter bits 0: EL0 and EL1 */
	write_sysreg((u32)-period, pmxevcntr_el0);
	armv8pmu_enable(1U << idx);
}

void armv8pmu_stop_all(void)
{
	write_sysreg(~0UL, pmcntenclr_el0);
	write_sysreg(~0UL, pmintenclr_el1);
	isb();
}

int armv8_pmu_of_init(const void *fdt)
{
	struct irq_fwspec fwspec = { .param_count = 3 };
	u32 cells[3];
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-pmuv3"), err;

	if (node < 0)
		return 0;	/* no PMU: not an error */
	if (fdt_get_interrupt(fdt, node, 0, cells)) {
		pr_err("hw perfevents: no interrupt in the arm,armv8-pmuv3 node\n");
		return -1;
	}
	for (int i = 0; i < 3; i++)
		fwspec.param[i] = cells[i];
	armpmu_irq = irq_create_fwspec_mapping(gic_get_domain(), &fwspec);
	if (!armpmu_irq) {
		pr_err("hw perfevents: cannot map the overflow interrupt\n");
		return -1;
	}
	err = request_percpu_irq(armpmu_irq, armv8pmu_handle_irq, "arm-pmu", &cpu_hw_events);
	if (err) {
		pr_err("hw perfevents: request_percpu_irq failed: %d\n", err);
		armpmu_irq = 0;
		return err;
	}
	armpmu_num_counters = (read_sysreg(pmcr_el0) >> ARMV8_PMU_PMCR_N_SHIFT) & ARMV8_PMU_PMCR_N_MASK;
	pr_info("hw perfevents: enabled with armv8_pmuv3 PMU driver, %u counters available, IRQ %u (hwirq %lu)\n",
		armpmu_num_counters + 1, armpmu_irq, irq_get_irq_data(armpmu_irq)->hwirq);
	return 0;
}
