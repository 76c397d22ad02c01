// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmarks (bootarg "bench"), each printing one machine-readable line:
 *   bench <name> cpus=N iters=N min_ns=.. median_ns=.. p99_ns=.. min_ticks=.. ...
 * Latencies are measured on CPU0 with the generic timer's counter.
 */
#include <linux/memblock.h>
#include <linux/sort.h>
#include <asm/apic.h>
#include "selftest.h"

u64 bench_storm(struct test_ctx *t, unsigned long total);

static u64 *samples;
static unsigned long nr_samples;

static u64 *bench_samples(void)
{
	if (nr_samples < tparams.iters) {
		samples = memblock_alloc(tparams.iters * sizeof(u64), 8);
		nr_samples = tparams.iters;
	}
	return samples;
}

static void bench_report(const char *name, u64 *s, unsigned long n, unsigned int cpus)
{
	u64 min, med, p99;

	sort_u64(s, n);
	min = s[0];
	med = s[n / 2];
	p99 = s[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1];
	printk("bench %s cpus=%u iters=%lu min_ns=%llu median_ns=%llu p99_ns=%llu min_ticks=%llu median_ticks=%llu p99_ticks=%llu freq_hz=%u\n",
	       name, cpus, n, cycles_to_ns(min), cycles_to_ns(med), cycles_to_ns(p99), min, med, p99,
	       arch_timer_rate);
}

/* Self IPI: send with TargetListFilter=self, wait for our own handler. */
void test_bench_ipi_self(struct test_ctx *t)
{
	unsigned int self = smp_processor_id();
	u64 *s = bench_samples();

	if (!EXPECT(t, test_ipi_virq, "no test IPI"))
		return;
	for (unsigned long i = 0; i < tparams.iters; i++) {
		unsigned long r = test_ipi_recv(self, self);
		u64 t0 = get_cycles();

		send_IPI_self((int)test_ipi_sgi);
		if (!EXPECT(t, wait_until(test_ipi_recv(self, self) != r), "iteration %lu lost", i))
			return;
		s[i] = get_cycles() - t0;
	}
	bench_report("ipi_self", s, tparams.iters, 1);
}

/* Ping-pong: the peer's handler sends the IPI straight back to its source. */
static unsigned int echo_cpu;

static void echo_hook(unsigned int cpu, unsigned int src)
{
	if (cpu == echo_cpu && src != cpu)
		send_IPI_single((int)src, (int)test_ipi_sgi);
}

void test_bench_ipi_roundtrip(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), peer = other_cpu();
	u64 *s = bench_samples();

	if (!EXPECT(t, test_ipi_virq, "no test IPI"))
		return;
	echo_cpu = peer;
	test_ipi_hook = echo_hook;
	for (unsigned long i = 0; i < tparams.iters; i++) {
		unsigned long r = test_ipi_recv(self, peer);
		u64 t0 = get_cycles();

		send_IPI_single((int)peer, (int)test_ipi_sgi);
		if (!EXPECT(t, wait_until(test_ipi_recv(self, peer) != r), "round trip %lu lost", i))
			break;
		s[i] = get_cycles() - t0;
	}
	test_ipi_hook = NULL;
	if (!t->failures)
		bench_report("ipi_roundtrip", s, tparams.iters, 2);
}

/* One GICD_SGIR write to all other CPUs; done when the last one has taken it. */
void test_bench_ipi_broadcast(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;
	struct cpumask others;
	u64 *s = bench_samples();

	if (!EXPECT(t, test_ipi_virq, "no test IPI"))
		return;
	cpumask_copy(&others, cpu_online_mask);
	cpumask_clear_cpu(self, &others);
	for (unsigned long i = 0; i < tparams.iters; i++) {
		unsigned long r[NR_CPUS];
		u64 t0;

		for_each_cpu(cpu, &others)
			r[cpu] = test_ipi_recv(cpu, self);
		t0 = get_cycles();
		send_IPI_mask(&others, (int)test_ipi_sgi);
		for_each_cpu(cpu, &others)
			if (!EXPECT(t, wait_until(test_ipi_recv(cpu, self) != r[cpu]), "CPU%u lost it", cpu))
				return;
		s[i] = get_cycles() - t0;
	}
	bench_report("ipi_broadcast", s, tparams.iters, num_online_cpus());
}

/* All pairs of CPUs bounce IPIs at once (the storm), iters IPIs per CPU: throughput. */
void test_bench_ipi_all_to_all(struct test_ctx *t)
{
	unsigned int n = num_online_cpus();
	unsigned long total = tparams.iters * n;
	u64 cycles;

	if (!EXPECT(t, test_ipi_virq, "no test IPI"))
		return;
	cycles = bench_storm(t, total);
	if (t->failures || !cycles)
		return;
	printk("bench ipi_all_to_all cpus=%u ipis=%lu total_ns=%llu ns_per_ipi=%llu ipis_per_sec=%llu\n", n,
	       total, cycles_to_ns(cycles), cycles_to_ns(cycles) / total,
	       (unsigned long long)total * arch_timer_rate / cycles);
}

static void nop_fn(void *info)
{
	(void)info;
}

void test_bench_call_single(struct test_ctx *t)
{
	unsigned int peer = other_cpu();
	u64 *s = bench_samples();

	for (unsigned long i = 0; i < tparams.iters; i++) {
		u64 t0 = get_cycles();

		if (!EXPECT(t, smp_call_function_single((int)peer, nop_fn, NULL, 1) == 0, "call %lu", i))
			return;
		s[i] = get_cycles() - t0;
	}
	bench_report("call_function_single_wait", s, tparams.iters, 2);
}
