// SPDX-License-Identifier: GPL-2.0
/* Boot state, preempt_count bookkeeping and softirqs run from irq_exit(). */
#include <linux/clockchips.h>
#include <asm/cputype.h>
#include <linux/irq_work.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/string.h>
#include "selftest.h"

void test_boot(struct test_ctx *t)
{
	unsigned int cpu, other;
	u8 seen = 0;

	EXPECT(t, num_online_cpus() == num_possible_cpus(), "%u of %u CPUs online",
	       num_online_cpus(), num_possible_cpus());
	EXPECT(t, smp_processor_id() == 0, "tests run on CPU%u", smp_processor_id());
	for_each_possible_cpu(cpu) {
		u8 map = gic_cpu_target_map(cpu);

		EXPECT(t, cpu_logical_map(cpu) != INVALID_HWID, "CPU%u has no MPIDR", cpu);
		for (other = 0; other < cpu; other++)
			EXPECT(t, cpu_logical_map(other) != cpu_logical_map(cpu),
			       "CPU%u and CPU%u share MPIDR", other, cpu);
		/* one GIC CPU interface per CPU, as read from ITARGETSR */
		EXPECT(t, map && !(map & (map - 1)), "CPU%u GIC interface mask 0x%02x", cpu, map);
		EXPECT(t, !(seen & map), "CPU%u GIC interface 0x%02x used twice", cpu, map);
		seen |= map;
		EXPECT(t, per_cpu(tick_cpu_device, cpu).evtdev != NULL, "CPU%u has no tick device", cpu);
	}
}

struct ctx_probe {
	unsigned long preempt;
	bool in_irq, in_interrupt, in_softirq, irqs_off;
	int cpu;
	int done;
};

static void probe_context(struct ctx_probe *p)
{
	p->preempt = preempt_count();
	p->in_irq = in_irq();
	p->in_interrupt = in_interrupt();
	p->in_softirq = in_softirq();
	p->irqs_off = irqs_disabled();
	p->cpu = (int)smp_processor_id();
	smp_store_release(&p->done, 1);
}

static struct ctx_probe work_probe;

static void probe_work_fn(struct irq_work *w)
{
	(void)w;
	probe_context(&work_probe);
}

static void probe_call_fn(void *info)
{
	probe_context(info);
}

void test_preempt_count(struct test_ctx *t)
{
	struct irq_work work;
	struct ctx_probe p = { 0 };
	unsigned int other = other_cpu();

	EXPECT(t, !in_interrupt() && !in_irq() && in_task(), "task context: preempt_count 0x%lx",
	       preempt_count());
	local_bh_disable();
	EXPECT(t, in_softirq() && !in_serving_softirq() && !in_irq(),
	       "bh disabled: preempt_count 0x%lx", preempt_count());
	local_bh_enable();
	EXPECT(t, preempt_count() == 0, "after local_bh_enable: 0x%lx", preempt_count());

	/* hardirq on this CPU, via a self IPI (IPI_IRQ_WORK) */
	init_irq_work(&work, probe_work_fn);
	work_probe.done = 0;
	irq_work_queue(&work);
	if (EXPECT(t, wait_until(smp_load_acquire(&work_probe.done)), "irq_work never ran")) {
		EXPECT(t, work_probe.in_irq && work_probe.in_interrupt && work_probe.irqs_off,
		       "irq_work context: preempt_count 0x%lx", work_probe.preempt);
		EXPECT(t, (work_probe.preempt & HARDIRQ_MASK) == HARDIRQ_OFFSET,
		       "hardirq nesting %lu", (work_probe.preempt & HARDIRQ_MASK) >> HARDIRQ_SHIFT);
	}
	irq_work_sync(&work, tparams.timeout_ms);
	EXPECT(t, preempt_count() == 0, "after the IRQ: preempt_count 0x%lx", preempt_count());

	/* hardirq on another CPU, via IPI_CALL_FUNC */
	if (other != smp_processor_id()) {
		EXPECT(t, smp_call_function_single((int)other, probe_call_fn, &p, 1) == 0, "call failed");
		EXPECT(t, p.cpu == (int)other && p.in_irq && p.irqs_off,
		       "remote call: cpu %d preempt_count 0x%lx", p.cpu, p.preempt);
	}
}

/* ---- softirqs ---- */

static struct {
	unsigned long runs[NR_CPUS];
	bool bad_context[NR_CPUS];
	int hardirq_done[NR_CPUS];
	bool ran_before_hardirq_end[NR_CPUS];
} sirq;

static void test_hi_action(struct softirq_action *h)
{
	unsigned int cpu = smp_processor_id();

	(void)h;
	if (!in_serving_softirq() || in_irq() || irqs_disabled())
		sirq.bad_context[cpu] = true;
	if (!READ_ONCE(sirq.hardirq_done[cpu]))
		sirq.ran_before_hardirq_end[cpu] = true;
	/* Publishes bad_context/ran_before_hardirq_end: read once the count is seen. */
	smp_store_release(&sirq.runs[cpu], sirq.runs[cpu] + 1);
}

static void raise_hi_fn(void *info)
{
	unsigned int cpu = smp_processor_id();

	(void)info;
	WRITE_ONCE(sirq.hardirq_done[cpu], 0);
	/* pending now, run by irq_exit() after this handler returns */
	raise_softirq_irqoff(HI_SOFTIRQ);
	WRITE_ONCE(sirq.hardirq_done[cpu], 1);
}

static void raise_hi_work(struct irq_work *w)
{
	(void)w;
	raise_hi_fn(NULL);
}

void test_softirq(struct test_ctx *t)
{
	unsigned int cpu, self = smp_processor_id();
	struct irq_work work;

	memset(&sirq, 0, sizeof(sirq));
	open_softirq(HI_SOFTIRQ, test_hi_action);

	/* raised in a hardirq on this CPU: runs on that IRQ's irq_exit() */
	init_irq_work(&work, raise_hi_work);
	irq_work_queue(&work);
	EXPECT(t, wait_until(READ_ONCE(sirq.runs[self]) == 1), "local softirq runs %lu", sirq.runs[self]);

	/* and on every other CPU, raised from a cross-call */
	for_each_online_cpu(cpu) {
		if (cpu == self)
			continue;
		EXPECT(t, smp_call_function_single((int)cpu, raise_hi_fn, NULL, 1) == 0, "call CPU%u", cpu);
		EXPECT(t, wait_until(smp_load_acquire(&sirq.runs[cpu]) == 1), "CPU%u softirq runs %lu", cpu,
		       sirq.runs[cpu]);
	}
	/* raised in task context: raise_softirq() runs it right away */
	raise_softirq(HI_SOFTIRQ);
	EXPECT(t, sirq.runs[self] == 2, "task-context raise: runs %lu", sirq.runs[self]);

	for_each_online_cpu(cpu) {
		EXPECT(t, !sirq.bad_context[cpu], "CPU%u: softirq ran in the wrong context", cpu);
		EXPECT(t, !sirq.ran_before_hardirq_end[cpu], "CPU%u: softirq ran inside the hardirq", cpu);
	}
	irq_work_sync(&work, tparams.timeout_ms);
}
