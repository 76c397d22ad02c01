// SPDX-License-Identifier: GPL-2.0
/* smp_call_function_single/_many/smp_call_function/on_each_cpu, wait semantics, concurrency. */
#include <linux/errno.h>
#include <linux/string.h>
#include "selftest.h"

struct call_rec {
	int cpu;
	unsigned int src;
	bool in_irq, irqs_off;
	int done;
};

static void record_fn(void *info)
{
	struct call_rec *r = info;

	r->cpu = (int)smp_processor_id();
	r->in_irq = in_irq();
	r->irqs_off = irqs_disabled();
	r->src = in_irq() ? ipi_source() : r->src;
	smp_store_release(&r->done, 1);
}

void test_call_single(struct test_ctx *t)
{
	unsigned int cpu, self = smp_processor_id();
	static struct call_rec async[NR_CPUS];

	for_each_online_cpu(cpu) {
		struct call_rec r = { .cpu = -1, .src = 0xff };
		int ret = smp_call_function_single((int)cpu, record_fn, &r, 1);

		EXPECT(t, ret == 0, "CPU%u: ret %d", cpu, ret);
		/* wait=1: the function has run by the time we return */
		EXPECT(t, r.done && r.cpu == (int)cpu, "CPU%u: ran on %d done %d", cpu, r.cpu, r.done);
		EXPECT(t, r.irqs_off, "CPU%u: ran with IRQs on", cpu);
		if (cpu != self)
			EXPECT(t, r.in_irq && r.src == self, "CPU%u: in_irq %d, IPI source %u", cpu,
			       r.in_irq, r.src);
	}
	/* wait=0: returns at once, runs soon after */
	for_each_online_cpu(cpu) {
		async[cpu] = (struct call_rec){ .cpu = -1 };
		EXPECT(t, smp_call_function_single((int)cpu, record_fn, &async[cpu], 0) == 0, "CPU%u", cpu);
	}
	for_each_online_cpu(cpu)
		EXPECT(t, wait_until(smp_load_acquire(&async[cpu].done)) && async[cpu].cpu == (int)cpu,
		       "async call to CPU%u: ran on %d", cpu, async[cpu].cpu);
	EXPECT(t, smp_call_function_single(NR_CPUS + 1, record_fn, &async[0], 1) == -ENXIO,
	       "bad CPU accepted");
}

static struct {
	int started[NR_CPUS];
	int finished[NR_CPUS];
} many;

/* Slow on purpose: wait=1 must not return before every CPU got here. */
static void slow_fn(void *info)
{
	unsigned int cpu = smp_processor_id();

	(void)info;
	WRITE_ONCE(many.started[cpu], many.started[cpu] + 1);
	udelay(2000);
	smp_store_release(&many.finished[cpu], many.finished[cpu] + 1);
}

void test_call_many(struct test_ctx *t)
{
	unsigned long online = cpumask_bits(cpu_online_mask)[0];
	unsigned int self = smp_processor_id(), cpu;
	static const unsigned long pats[] = { ~0UL, 0x55, 0xaa, 0x0e, 0x02, 0x80, 0x01 };

	for (unsigned int i = 0; i < ARRAY_SIZE(pats); i++) {
		struct cpumask mask = { { pats[i] & online } };
		int ret;

		memset(&many, 0, sizeof(many));
		ret = smp_call_function_many(&mask, slow_fn, NULL, true);
		EXPECT(t, ret == 0, "mask 0x%lx: ret %d", mask.bits[0], ret);
		for_each_possible_cpu(cpu) {
			int want = cpu != self && cpumask_test_cpu(cpu, &mask);

			EXPECT(t, smp_load_acquire(&many.finished[cpu]) == want,
			       "mask 0x%lx wait=1: CPU%u finished %d times at return, expected %d",
			       mask.bits[0], cpu, many.finished[cpu], want);
		}
		/* wait=0 on the same mask: everything still happens, exactly once */
		memset(&many, 0, sizeof(many));
		ret = smp_call_function_many(&mask, slow_fn, NULL, false);
		EXPECT(t, ret == 0, "mask 0x%lx wait=0: ret %d", mask.bits[0], ret);
		for_each_possible_cpu(cpu) {
			int want = cpu != self && cpumask_test_cpu(cpu, &mask);

			EXPECT(t, wait_until(smp_load_acquire(&many.finished[cpu]) == want),
			       "mask 0x%lx wait=0: CPU%u finished %d, expected %d", mask.bits[0], cpu,
			       many.finished[cpu], want);
		}
		if (t->failures)
			return;
	}
}

static int hits[NR_CPUS];

static void hit_fn(void *info)
{
	(void)info;
	WRITE_ONCE(hits[smp_processor_id()], hits[smp_processor_id()] + 1);
}

void test_call_function(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;

	memset(hits, 0, sizeof(hits));
	EXPECT(t, smp_call_function(hit_fn, NULL, 1) == 0, "smp_call_function failed");
	for_each_possible_cpu(cpu)
		EXPECT(t, hits[cpu] == (cpu != self && cpu_online(cpu)), "smp_call_function: CPU%u hit %d",
		       cpu, hits[cpu]);
	memset(hits, 0, sizeof(hits));
	EXPECT(t, on_each_cpu(hit_fn, NULL, 1) == 0, "on_each_cpu failed");
	for_each_possible_cpu(cpu)
		EXPECT(t, hits[cpu] == (int)cpu_online(cpu), "on_each_cpu: CPU%u hit %d", cpu, hits[cpu]);
}

/* Every CPU cross-calls every CPU at once: csd locking and queue draining under load. */
static struct {
	unsigned long count[NR_CPUS][NR_CPUS];	/* [runner][caller] */
	int errors[NR_CPUS];
} conc;

static void conc_fn(void *info)
{
	unsigned int src = (unsigned int)(uintptr_t)info;
	unsigned int cpu = smp_processor_id();

	conc.count[cpu][src]++;
}

static void conc_worker(void *arg)
{
	unsigned int self = smp_processor_id();
	unsigned int next = cpumask_next((int)self, cpu_online_mask);

	(void)arg;
	if (next >= nr_cpu_ids)
		next = cpumask_first(cpu_online_mask);
	for (unsigned long r = 0; r < tparams.rounds; r++) {
		if (smp_call_function_many(cpu_online_mask, conc_fn, (void *)(uintptr_t)self, true))
			conc.errors[self]++;
		if (smp_call_function_single((int)next, conc_fn, (void *)(uintptr_t)self, 1))
			conc.errors[self]++;
	}
}

void test_call_concurrent(struct test_ctx *t)
{
	unsigned int d, s;

	memset(&conc, 0, sizeof(conc));
	EXPECT(t, run_on_all_cpus(conc_worker, NULL, tparams.timeout_ms * 4), "workers stuck");
	for_each_online_cpu(s) {
		unsigned int next = cpumask_next((int)s, cpu_online_mask);

		if (next >= nr_cpu_ids)
			next = cpumask_first(cpu_online_mask);
		EXPECT(t, conc.errors[s] == 0, "CPU%u: %d calls failed", s, conc.errors[s]);
		for_each_online_cpu(d) {
			unsigned long want = (d != s ? tparams.rounds : 0) + (d == next ? tparams.rounds : 0);

			EXPECT(t, conc.count[d][s] == want, "CPU%u ran %lu calls from CPU%u, expected %lu",
			       d, conc.count[d][s], s, want);
		}
	}
}
