// SPDX-License-Identifier: GPL-2.0
/* irq_work (local, remote, lazy) and the tick broadcast receiver (IPI_TIMER). */
#include <linux/clockchips.h>
#include <linux/irq_work.h>
#include "selftest.h"

struct work_probe {
	struct irq_work work;
	int runs;
	int cpu;
	bool in_irq;
};

static void work_probe_fn(struct irq_work *w)
{
	struct work_probe *p = container_of(w, struct work_probe, work);

	p->cpu = (int)smp_processor_id();
	p->in_irq = in_irq();
	smp_store_release(&p->runs, p->runs + 1);
}

void test_irq_work(struct test_ctx *t)
{
	static struct work_probe local, remote[NR_CPUS], lazy;
	unsigned int self = smp_processor_id(), cpu;
	unsigned int ipis;

	/* local: queued with IRQs off runs once, right after they come back on */
	local = (struct work_probe){ .cpu = -1 };
	init_irq_work(&local.work, work_probe_fn);
	local_irq_disable();
	EXPECT(t, irq_work_queue(&local.work), "first queue refused");
	EXPECT(t, !irq_work_queue(&local.work), "queued twice while pending");
	udelay(100);
	EXPECT(t, local.runs == 0, "ran with IRQs off");
	local_irq_enable();
	EXPECT(t, wait_until(smp_load_acquire(&local.runs) == 1), "local work runs %d", local.runs);
	EXPECT(t, local.cpu == (int)self && local.in_irq, "local work on CPU%d in_irq %d", local.cpu,
	       local.in_irq);
	EXPECT(t, irq_work_sync(&local.work, tparams.timeout_ms) == 0, "still busy");
	udelay(200);
	EXPECT(t, local.runs == 1, "local work ran %d times", local.runs);

	/* remote: IPI_IRQ_WORK to the target, runs there */
	for_each_online_cpu(cpu) {
		if (cpu == self)
			continue;
		remote[cpu] = (struct work_probe){ .cpu = -1 };
		init_irq_work(&remote[cpu].work, work_probe_fn);
		ipis = ipi_count(cpu, IPI_IRQ_WORK, self);
		EXPECT(t, irq_work_queue_on(&remote[cpu].work, (int)cpu), "queue on CPU%u refused", cpu);
		EXPECT(t, wait_until(smp_load_acquire(&remote[cpu].runs) == 1), "CPU%u work never ran", cpu);
		EXPECT(t, remote[cpu].cpu == (int)cpu && remote[cpu].in_irq, "CPU%u work ran on %d", cpu,
		       remote[cpu].cpu);
		/*
		 * The target's tick also runs its raised list: if it fired between
		 * the enqueue and our GICD_SGIR write (a preempted vCPU), the work
		 * ran first and the IPI is still on its way. Wait for it, then make
		 * sure it came exactly once.
		 */
		wait_until(ipi_count(cpu, IPI_IRQ_WORK, self) != ipis);
		udelay(200);
		EXPECT(t, ipi_count(cpu, IPI_IRQ_WORK, self) == ipis + 1, "CPU%u: %u IRQ work IPIs", cpu,
		       ipi_count(cpu, IPI_IRQ_WORK, self) - ipis);
	}

	/* lazy: no IPI, the next tick runs it */
	lazy = (struct work_probe){ .cpu = -1 };
	init_irq_work(&lazy.work, work_probe_fn);
	atomic_set(&lazy.work.flags, IRQ_WORK_LAZY);
	ipis = ipi_count(self, IPI_IRQ_WORK, self);
	EXPECT(t, irq_work_queue(&lazy.work), "lazy queue refused");
	EXPECT(t, wait_until(smp_load_acquire(&lazy.runs) == 1), "lazy work never ran");
	EXPECT(t, lazy.in_irq && lazy.cpu == (int)self, "lazy work context");
	EXPECT(t, ipi_count(self, IPI_IRQ_WORK, self) == ipis, "lazy work sent an IPI");
}

void test_tick_broadcast(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;
	unsigned long bc[NR_CPUS];
	unsigned int cnt[NR_CPUS];

	for_each_online_cpu(cpu) {
		bc[cpu] = READ_ONCE(per_cpu(tick_stats, cpu).broadcasts);
		cnt[cpu] = ipi_count(cpu, IPI_TIMER, self);
	}
	tick_broadcast(cpu_online_mask);
	for_each_online_cpu(cpu) {
		EXPECT(t, wait_until(READ_ONCE(per_cpu(tick_stats, cpu).broadcasts) == bc[cpu] + 1),
		       "CPU%u: %lu broadcast ticks received", cpu,
		       per_cpu(tick_stats, cpu).broadcasts - bc[cpu]);
		/* handle_IPI's count and broadcasts are plain stores: either may show first */
		EXPECT(t, wait_until(ipi_count(cpu, IPI_TIMER, self) == cnt[cpu] + 1), "CPU%u: %u IPI_TIMER", cpu,
		       ipi_count(cpu, IPI_TIMER, self) - cnt[cpu]);
	}
}
