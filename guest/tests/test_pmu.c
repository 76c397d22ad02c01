// SPDX-License-Identifier: GPL-2.0
/*
 * The PMU's overflow interrupt on every CPU. It is a level-sensitive PPI
 * (INTID 23): with minivmm's GIC, KVM reports the line in device_irq_level
 * and minivmm feeds it to its GIC; with --irqchip=kernel, KVM's vGIC takes
 * it directly. Each CPU starts its cycle counter and event counter 0
 * (counting CPU cycles) a little below overflow and waits for both
 * overflows. Then the counts must be exact: one overflow per counter, no
 * interrupt without an overflow (the line must fall when the handler
 * clears PMOVSCLR, or the PPI is taken again after its EOI), and every
 * interrupt accounted to the CPU whose counter overflowed.
 */
#include <linux/irqdesc.h>
#include <linux/perf/arm_pmuv3.h>
#include <linux/string.h>
#include "selftest.h"

#define PMU_TEST_PERIOD	(1U << 20)	/* counts to overflow: about 1 ms of cycles */

struct pmu_result {
	unsigned long cycle_ovf, event_ovf, irqs, spurious;
	unsigned int kstat;
	bool timed_out;
};

static struct pmu_result pmu_results[NR_CPUS];

static void pmu_overflow_on_this_cpu(void *arg)
{
	struct pmu_hw_events *ev = this_cpu_ptr(&cpu_hw_events);
	unsigned int cpu = smp_processor_id();
	struct pmu_result *r = &pmu_results[cpu];
	struct pmu_hw_events before = *ev;
	unsigned int kstat = kstat_irqs_cpu(armpmu_irq, (int)cpu);
	bool event = armpmu_num_counters > 0;

	(void)arg;
	armv8pmu_start_cycles(PMU_TEST_PERIOD);
	if (event)
		armv8pmu_start_event(0, ARMV8_PMUV3_PERFCTR_CPU_CYCLES, PMU_TEST_PERIOD);
	r->timed_out = !wait_until(READ_ONCE(ev->overflows[ARMV8_PMU_CYCLE_IDX]) !=
				   before.overflows[ARMV8_PMU_CYCLE_IDX] &&
				   (!event || READ_ONCE(ev->overflows[0]) != before.overflows[0]));
	armv8pmu_stop_all();
	mdelay(2);	/* a line left high would be taken again by now */
	r->cycle_ovf = ev->overflows[ARMV8_PMU_CYCLE_IDX] - before.overflows[ARMV8_PMU_CYCLE_IDX];
	r->event_ovf = ev->overflows[0] - before.overflows[0];
	r->irqs = ev->irqs - before.irqs;
	r->spurious = ev->spurious - before.spurious;
	r->kstat = kstat_irqs_cpu(armpmu_irq, (int)cpu) - kstat;
}

void test_pmu(struct test_ctx *t)
{
	bool event = armpmu_num_counters > 0;
	unsigned int cpu;

	if (!armpmu_irq) {
		TEST_SKIP(t, "no arm,armv8-pmuv3 node in the device tree (no vCPU PMU)");
		return;
	}
	memset(pmu_results, 0, sizeof(pmu_results));
	EXPECT(t, run_on_all_cpus(pmu_overflow_on_this_cpu, NULL, tparams.timeout_ms * 2),
	       "a CPU did not finish");
	for_each_online_cpu(cpu) {
		struct pmu_result *r = &pmu_results[cpu];

		EXPECT(t, !r->timed_out, "CPU%u: no overflow interrupt in %lu ms (cycles %lu, event %lu)",
		       cpu, tparams.timeout_ms, r->cycle_ovf, r->event_ovf);
		EXPECT(t, r->cycle_ovf == 1, "CPU%u: cycle counter overflowed %lu times", cpu, r->cycle_ovf);
		EXPECT(t, r->event_ovf == (event ? 1 : 0), "CPU%u: event counter overflowed %lu times",
		       cpu, r->event_ovf);
		EXPECT(t, r->spurious == 0, "CPU%u: %lu interrupts with no overflow (the line stayed high)",
		       cpu, r->spurious);
		EXPECT(t, r->irqs >= 1 && r->irqs <= (event ? 2 : 1), "CPU%u: %lu overflow interrupts",
		       cpu, r->irqs);
		EXPECT(t, r->kstat == r->irqs + r->spurious, "CPU%u: kstat %u for %lu interrupts", cpu,
		       r->kstat, r->irqs + r->spurious);
	}
	if (tparams.verbose)
		for_each_online_cpu(cpu)
			test_diag("CPU%u: PMU overflow interrupts %lu (cycles %lu, event %lu)", cpu,
				  pmu_results[cpu].irqs, pmu_results[cpu].cycle_ovf,
				  pmu_results[cpu].event_ovf);
}
