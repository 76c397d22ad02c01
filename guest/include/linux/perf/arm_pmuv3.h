/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ARMv8 PMUv3 (include/linux/perf/arm_pmuv3.h and drivers/perf/arm_pmuv3.c),
 * cut down to what a small kernel needs: counters programmed directly by
 * the caller, and the per-CPU overflow interrupt, with exact counts of
 * every overflow it reported.
 */
#ifndef _LINUX_PERF_ARM_PMUV3_H
#define _LINUX_PERF_ARM_PMUV3_H

#include <linux/types.h>
#include <linux/percpu.h>

#define ARMV8_PMU_MAX_COUNTERS	32
#define ARMV8_PMU_CYCLE_IDX	31	/* PMCCNTR_EL0's bit in the enable/overflow registers */

/* PMCR_EL0 */
#define ARMV8_PMU_PMCR_E	(1U << 0)	/* enable all counters */
#define ARMV8_PMU_PMCR_P	(1U << 1)	/* reset all event counters */
#define ARMV8_PMU_PMCR_C	(1U << 2)	/* reset the cycle counter */
#define ARMV8_PMU_PMCR_LC	(1U << 6)	/* the cycle counter overflows at 64 bits */
#define ARMV8_PMU_PMCR_N_SHIFT	11
#define ARMV8_PMU_PMCR_N_MASK	0x1f

/* Common event numbers (PMEVTYPER<n>_EL0.evtCount). */
#define ARMV8_PMUV3_PERFCTR_CPU_CYCLES	0x11

/* Per-CPU state: what the overflow handler saw. */
struct pmu_hw_events {
	unsigned long overflows[ARMV8_PMU_MAX_COUNTERS];	/* by counter, 31 = cycles */
	unsigned long irqs;		/* interrupts taken with at least one overflow */
	unsigned long spurious;		/* interrupts with nothing overflowed */
};

DECLARE_PER_CPU(struct pmu_hw_events, cpu_hw_events);

/* Linux IRQ of the overflow PPI; 0 when the DT has no arm,armv8-pmuv3 node. */
extern unsigned int armpmu_irq;
/* Event counters this PMU implements (PMCR_EL0.N). */
extern unsigned int armpmu_num_counters;

int armv8_pmu_of_init(const void *fdt);
/* Per-CPU bring-up and tear-down: counters stopped and cleared, the PPI (un)masked. */
void armv8_pmu_starting_cpu(void);
void armv8_pmu_dying_cpu(void);

/*
 * On this CPU: count cycles in PMCCNTR_EL0 (64 bits) and event counter @idx
 * (32 bits) counting @event, each with its overflow interrupt enabled and
 * starting @period counts below overflow.
 */
void armv8pmu_start_cycles(u64 period);
void armv8pmu_start_event(unsigned int idx, u32 event, u32 period);
/* Stop every counter and its interrupt on this CPU (overflow flags stay). */
void armv8pmu_stop_all(void);

#endif
