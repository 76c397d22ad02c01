// SPDX-License-Identifier: GPL-2.0
#include <linux/errno.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/sched.h>
#include "selftest.h"

DEFINE_PER_CPU(struct test_ipi_stat, test_ipi_stat);
unsigned int test_ipi_virq, test_ipi_sgi;
void (*volatile test_ipi_hook)(unsigned int cpu, unsigned int src);

static irqreturn_t test_ipi_handler(int irq, void *dev_id)
{
	struct test_ipi_stat *st = dev_id;
	unsigned int src = ipi_source(), cpu = smp_processor_id();
	void (*hook)(unsigned int, unsigned int) = test_ipi_hook;

	(void)irq;
	st->last_src = (int)src;
	st->last_in_irq = in_irq();
	st->last_irqs_off = irqs_disabled();
	/* Release: a waiter that sees a count also sees the last_* fields. */
	if (src < NR_CPUS)
		smp_store_release(&st->recv[src], st->recv[src] + 1);
	smp_store_release(&st->total, st->total + 1);
	if (hook)
		hook(cpu, src);
	return IRQ_HANDLED;
}

static void test_ipi_enable_this_cpu(void *info)
{
	(void)info;
	enable_percpu_irq(test_ipi_virq, IRQ_TYPE_NONE);
}

int test_ipi_init(void)
{
	int virq = irq_reserve_ipi(gic_get_ipi_domain_single(), cpu_possible_mask);
	int err;

	if (virq <= 0)
		return virq ? virq : -ENOSPC;
	test_ipi_virq = (unsigned int)virq;
	test_ipi_sgi = (unsigned int)ipi_get_hwirq(test_ipi_virq, 0);
	err = request_percpu_irq(test_ipi_virq, test_ipi_handler, "test-ipi", &test_ipi_stat);
	if (err)
		return err;
	on_each_cpu(test_ipi_enable_this_cpu, NULL, 1);
	return 0;
}

unsigned long test_ipi_recv(unsigned int cpu, unsigned int src)
{
	return smp_load_acquire(&per_cpu(test_ipi_stat, cpu).recv[src]);
}

unsigned long test_ipi_total(unsigned int cpu)
{
	return smp_load_acquire(&per_cpu(test_ipi_stat, cpu).total);
}

unsigned int ipi_count(unsigned int cpu, unsigned int ipinr, unsigned int src)
{
	return READ_ONCE(per_cpu(irq_stat, cpu).ipi_irqs[ipinr][src]);
}

unsigned int ipi_count_all(unsigned int cpu, unsigned int ipinr)
{
	unsigned int sum = 0;

	for (unsigned int s = 0; s < NR_CPUS; s++)
		sum += ipi_count(cpu, ipinr, s);
	return sum;
}

/* ---- work on other CPUs: one pinned task per CPU ---- */

struct cpu_work {
	void (*fn)(void *);
	void *arg;
	int done;
};

static struct task_struct test_tasks[NR_CPUS];
static struct cpu_work cpu_work[NR_CPUS];

static void test_task_fn(void *arg)
{
	struct cpu_work *w = arg;

	w->fn(w->arg);
	smp_store_release(&w->done, 1);
}

void tests_lib_init(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		kthread_init_on_cpu(&test_tasks[cpu], "selftest", test_task_fn, &cpu_work[cpu], (int)cpu);
		cpu_work[cpu].done = 1;
	}
}

int run_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg)
{
	struct cpu_work *w = &cpu_work[cpu];

	if (!cpu_online(cpu))
		return -ENXIO;
	/* the previous work (and the task's return to sleep) must be over */
	if (!wait_until(smp_load_acquire(&w->done) &&
			READ_ONCE(test_tasks[cpu].state) == TASK_INTERRUPTIBLE))
		return -EBUSY;
	w->fn = fn;
	w->arg = arg;
	w->done = 0;
	smp_wmb();
	return wake_up_process(&test_tasks[cpu]) ? 0 : -EBUSY;
}

bool wait_on_cpu(unsigned int cpu, unsigned long ms)
{
	return wait_until_ms(smp_load_acquire(&cpu_work[cpu].done), ms);
}

bool run_on_all_cpus(void (*fn)(void *), void *arg, unsigned long ms)
{
	unsigned int cpu, self = smp_processor_id();
	bool ok = true;
	struct cpumask started;

	cpumask_clear(&started);
	for_each_online_cpu(cpu) {
		if (cpu == self)
			continue;
		if (run_on_cpu(cpu, fn, arg))
			ok = false;
		else
			cpumask_set_cpu(cpu, &started);
	}
	fn(arg);
	for_each_cpu(cpu, &started)
		ok &= wait_on_cpu(cpu, ms);
	return ok;
}

unsigned int nr_online(void)
{
	return num_online_cpus();
}

unsigned int other_cpu(void)
{
	unsigned int cpu, self = smp_processor_id(), found = self;

	for_each_online_cpu(cpu)
		if (cpu != self)
			found = cpu;
	return found;
}

unsigned int test_spi_virq(unsigned int idx)
{
	unsigned int hw = gic_nr_irqs() - 1 - idx;

	if (hw < 32)
		return 0;
	return irq_create_mapping(gic_get_domain(), hw);
}
