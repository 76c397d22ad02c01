// SPDX-License-Identifier: GPL-2.0
/*
 * Stopping CPUs. crash_stop: IPI_CPU_CRASH_STOP makes every other CPU save
 * its registers and power off via PSCI CPU_OFF; firmware must then report
 * them OFF, and they come back with CPU_ON and work again. stop (the very
 * last test): IPI_CPU_STOP parks every other CPU for good.
 */
#include <linux/psci.h>
#include <asm/apic.h>
#include "selftest.h"

static void alive_fn(void *info)
{
	int *ran = info;

	*ran = (int)smp_processor_id();
}

void test_crash_stop(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;
	unsigned int cnt[NR_CPUS];
	struct cpumask victims;

	cpumask_copy(&victims, cpu_online_mask);
	cpumask_clear_cpu(self, &victims);
	for_each_cpu(cpu, &victims)
		cnt[cpu] = ipi_count(cpu, IPI_CPU_CRASH_STOP, self);

	smp_send_crash_stop();
	EXPECT(t, !smp_crash_stop_failed(), "some CPUs did not stop");
	/* the victims' relaxed atomic_dec orders neither their online bit nor their IPI count */
	EXPECT(t, wait_until(num_online_cpus() == 1), "%u CPUs still online", num_online_cpus());
	for_each_cpu(cpu, &victims) {
		EXPECT(t, wait_until(ipi_count(cpu, IPI_CPU_CRASH_STOP, self) == cnt[cpu] + 1),
		       "CPU%u: %u crash stops", cpu, ipi_count(cpu, IPI_CPU_CRASH_STOP, self) - cnt[cpu]);
		if (psci_ops.affinity_info)
			EXPECT(t, cpu_kill_wait(cpu) == 0, "CPU%u not reported OFF by PSCI", cpu);
	}
	/* bring them back: a fresh boot through secondary_entry */
	for_each_cpu(cpu, &victims)
		EXPECT(t, cpu_up(cpu) == 0, "CPU%u did not come back", cpu);
	for_each_cpu(cpu, &victims) {
		int ran = -1;
		unsigned long got = test_ipi_recv(cpu, self);

		EXPECT(t, smp_call_function_single((int)cpu, alive_fn, &ran, 1) == 0 && ran == (int)cpu,
		       "CPU%u does not answer calls after CPU_ON", cpu);
		if (test_ipi_virq) {
			send_IPI_single((int)cpu, (int)test_ipi_sgi);
			EXPECT(t, wait_until(test_ipi_recv(cpu, self) == got + 1), "CPU%u: no test IPI", cpu);
		}
	}
}

/*
 * Not a test that can pass: a data abort on an unmapped address, to check
 * the fault path end to end (ESR/FAR/ELR report, exit code 2). Only when named.
 */
void test_oops(struct test_ctx *t)
{
	volatile u32 *bad = (volatile u32 *)(uintptr_t)0x7fff0000UL;	/* not mapped */

	test_diag("oops: reading %p, the machine stops with a fault report", (void *)bad);
	(void)*bad;
	EXPECT(t, 0, "the data abort did not stop the machine");
}

void test_stop(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;
	unsigned int cnt[NR_CPUS];
	unsigned long got[NR_CPUS];
	struct cpumask victims;

	cpumask_copy(&victims, cpu_online_mask);
	cpumask_clear_cpu(self, &victims);
	for_each_cpu(cpu, &victims)
		cnt[cpu] = ipi_count(cpu, IPI_CPU_STOP, self);
	smp_send_stop();
	EXPECT(t, num_online_cpus() == 1, "%u CPUs still online", num_online_cpus());
	for_each_cpu(cpu, &victims) {
		/* the online bit (relaxed clear_bit) does not publish the IPI count */
		EXPECT(t, wait_until(ipi_count(cpu, IPI_CPU_STOP, self) == cnt[cpu] + 1),
		       "CPU%u: %u stop IPIs", cpu, ipi_count(cpu, IPI_CPU_STOP, self) - cnt[cpu]);
		got[cpu] = test_ipi_recv(cpu, self);
	}
	/* parked with IRQs masked: IPIs stay pending, nothing is handled */
	if (test_ipi_virq) {
		send_IPI_mask(&victims, (int)test_ipi_sgi);
		udelay(5000);
		for_each_cpu(cpu, &victims)
			EXPECT(t, test_ipi_recv(cpu, self) == got[cpu], "stopped CPU%u handled an IPI", cpu);
	}
}
