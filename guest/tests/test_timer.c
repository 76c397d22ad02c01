// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU tick, and the IPI storm: every CPU sends test IPIs to every
 * other CPU as fast as it can while the ticks keep coming. An SGI pending
 * twice from the same source is delivered once, so each (sender, target)
 * pair keeps at most one IPI in flight; the receiver clears the pair's
 * flag. Then every count must match exactly: sent == received per pair,
 * total == storm=N, and handle_IPI's accounting agrees.
 */
#include <linux/clockchips.h>
#include <linux/irqdesc.h>
#include <linux/string.h>
#include <asm/apic.h>
#include "selftest.h"

void test_timer(struct test_ctx *t)
{
	unsigned long ticks[NR_CPUS], sirqs[NR_CPUS];
	unsigned int kstat[NR_CPUS];
	struct clock_event_device *evt = this_cpu_ptr(&tick_cpu_device)->evtdev;
	unsigned long wait_ms = tparams.timeout_ms + tparams.ticks * 1000 / tick_hz * 2;
	unsigned int cpu;
	u64 start = get_cycles(), elapsed, period;

	if (!EXPECT(t, evt != NULL, "no tick device"))
		return;
	period = evt->period_cycles;
	for_each_online_cpu(cpu) {
		ticks[cpu] = READ_ONCE(per_cpu(tick_stats, cpu).ticks);
		sirqs[cpu] = READ_ONCE(per_cpu(tick_stats, cpu).softirqs);
		kstat[cpu] = kstat_irqs_cpu(evt->irq, (int)cpu);
	}
	for_each_online_cpu(cpu)
		EXPECT(t, wait_until_ms(READ_ONCE(per_cpu(tick_stats, cpu).ticks) >= ticks[cpu] + tparams.ticks,
					wait_ms),
		       "CPU%u: %lu ticks in %lu ms", cpu, per_cpu(tick_stats, cpu).ticks - ticks[cpu], wait_ms);
	elapsed = get_cycles() - start;
	for_each_online_cpu(cpu) {
		unsigned long n = READ_ONCE(per_cpu(tick_stats, cpu).ticks) - ticks[cpu];

		/* never faster than programmed: a level that is not lowered would storm */
		EXPECT(t, n <= elapsed / period + 2, "CPU%u: %lu ticks in %llu periods", cpu, n,
		       elapsed / period);
		EXPECT(t, kstat_irqs_cpu(evt->irq, (int)cpu) - kstat[cpu] >= n,
		       "CPU%u: timer IRQ counted %u for %lu ticks", cpu,
		       kstat_irqs_cpu(evt->irq, (int)cpu) - kstat[cpu], n);
		EXPECT(t, READ_ONCE(per_cpu(tick_stats, cpu).softirqs) > sirqs[cpu],
		       "CPU%u: TIMER_SOFTIRQ never ran", cpu);
	}
}

/* ---- the storm ---- */

static struct storm {
	unsigned long quota[NR_CPUS];
	unsigned long sent_to[NR_CPUS][NR_CPUS];	/* [sender][target] */
	int inflight[NR_CPUS][NR_CPUS];			/* [sender][target] */
	unsigned long ticks_during[NR_CPUS];
	int stalled[NR_CPUS];
	struct cpumask cpus;
	u64 start, end[NR_CPUS];
	bool wait_for_ticks;
} storm;

static void storm_ipi_hook(unsigned int cpu, unsigned int src)
{
	if (src < NR_CPUS)
		smp_store_release(&storm.inflight[src][cpu], 0);
}

static void storm_worker(void *arg)
{
	unsigned int self = smp_processor_id(), target;
	unsigned long quota = storm.quota[self], sent = 0;
	unsigned long tick0 = READ_ONCE(this_cpu_ptr(&tick_stats)->ticks);
	u64 stall = ms_to_cycles(tparams.timeout_ms), last = get_cycles();
	struct cpumask targets;

	(void)arg;
	cpumask_copy(&targets, &storm.cpus);
	if (cpumask_weight(&targets) > 1)
		cpumask_clear_cpu(self, &targets);
	target = cpumask_first(&targets);
	while (sent < quota) {
		if (!smp_load_acquire(&storm.inflight[self][target])) {
			WRITE_ONCE(storm.inflight[self][target], 1);
			send_IPI_single((int)target, (int)test_ipi_sgi);
			storm.sent_to[self][target]++;
			sent++;
			last = get_cycles();
		} else if (get_cycles() - last > stall) {
			storm.stalled[self] = 1;
			break;
		}
		target = cpumask_next((int)target, &targets);
		if (target >= nr_cpu_ids)
			target = cpumask_first(&targets);
	}
	/* everything we sent must arrive */
	for_each_cpu(target, &targets)
		if (!wait_until(!smp_load_acquire(&storm.inflight[self][target])))
			storm.stalled[self] = 1;
	/* and the tick must have kept running here meanwhile */
	if (storm.wait_for_ticks)
		wait_until(READ_ONCE(this_cpu_ptr(&tick_stats)->ticks) >= tick0 + 2);
	storm.ticks_during[self] = READ_ONCE(this_cpu_ptr(&tick_stats)->ticks) - tick0;
	storm.end[self] = get_cycles();
}

/* Runs a storm of @total IPIs over the online CPUs; returns the elapsed cycles. */
static u64 storm_run(struct test_ctx *t, unsigned long total, bool wait_for_ticks)
{
	unsigned long before[NR_CPUS][NR_CPUS], sum = 0;
	unsigned int n = num_online_cpus(), s, d, i = 0;
	u64 end = 0;

	memset(&storm, 0, sizeof(storm));
	cpumask_copy(&storm.cpus, cpu_online_mask);
	storm.wait_for_ticks = wait_for_ticks;
	for_each_cpu(s, &storm.cpus)
		storm.quota[s] = total / n + (i++ < total % n);
	for_each_possible_cpu(d)
		for (s = 0; s < NR_CPUS; s++)
			before[d][s] = test_ipi_recv(d, s);
	test_ipi_hook = storm_ipi_hook;
	storm.start = get_cycles();
	EXPECT(t, run_on_all_cpus(storm_worker, NULL, tparams.timeout_ms + total / 4),
	       "storm workers did not finish");
	test_ipi_hook = NULL;
	for_each_cpu(s, &storm.cpus) {
		EXPECT(t, !storm.stalled[s], "CPU%u: storm stalled (an IPI was lost)", s);
		if (storm.end[s] > end)
			end = storm.end[s];
	}
	for_each_possible_cpu(d) {
		for (s = 0; s < NR_CPUS; s++) {
			unsigned long got = test_ipi_recv(d, s) - before[d][s];

			EXPECT(t, got == storm.sent_to[s][d], "CPU%u->CPU%u: sent %lu, received %lu", s, d,
			       storm.sent_to[s][d], got);
			sum += storm.sent_to[s][d];
		}
	}
	EXPECT(t, sum == total, "sent %lu IPIs in total, asked for %lu", sum, total);
	return end - storm.start;
}

void test_storm(struct test_ctx *t)
{
	unsigned int acct_before[NR_CPUS], cpu;
	unsigned long total = tparams.storm;
	u64 cycles;

	if (!EXPECT(t, test_ipi_virq, "no test IPI"))
		return;
	for_each_online_cpu(cpu)
		acct_before[cpu] = ipi_count_all(cpu, test_ipi_sgi);
	cycles = storm_run(t, total, true);
	for_each_online_cpu(cpu) {
		unsigned long got = 0;

		for (unsigned int s = 0; s < NR_CPUS; s++)
			got += storm.sent_to[s][cpu];
		EXPECT(t, ipi_count_all(cpu, test_ipi_sgi) - acct_before[cpu] == got,
		       "CPU%u: handle_IPI counted %u, %lu were sent", cpu,
		       ipi_count_all(cpu, test_ipi_sgi) - acct_before[cpu], got);
		EXPECT(t, storm.ticks_during[cpu] >= 1, "CPU%u: no timer tick during the storm", cpu);
	}
	test_diag("storm: %lu IPIs over %u CPUs in %llu ms (%llu IPIs/s)", total, num_online_cpus(),
		  cycles_to_ns(cycles) / NSEC_PER_MSEC,
		  cycles ? (unsigned long long)total * arch_timer_rate / cycles : 0);
}

/* For bench.c: the all-to-all throughput run. */
u64 bench_storm(struct test_ctx *t, unsigned long total)
{
	return storm_run(t, total, false);
}
