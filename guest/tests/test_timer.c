// SPDX-License-Identifier: GPL-2.0
/*
 * The per-CPU tick, and the IPI storm across all CPUs while the ticks keep
 * coming. An SGI pending twice from the same source is delivered once, so
 * the storm keeps at most one IPI in flight per pair of CPUs: a "ball" per
 * pair bounces between the two, each handler sending it straight back
 * until the pair's share of storm=N is used up. Everything happens in
 * IRQ context; between IPIs the CPUs sleep in WFI. Then every count must
 * match exactly: sent == received per (sender, target), total == N, and
 * handle_IPI's accounting agrees. A lost IPI stops a ball: a timeout.
 * With one CPU the storm is self-IPIs sent from task context.
 */
#include <linux/clockchips.h>
#include <linux/irqdesc.h>
#include <linux/string.h>
#include <asm/apic.h>
#include "selftest.h"

void test_timer(struct test_ctx *t)
{
	unsigned long ticks[NR_CPUS], sirqs[NR_CPUS], got[NR_CPUS];
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
	/*
	 * Every count first, the clock after: ticks taken while this CPU was
	 * held up (8 vCPUs on 2 host CPUs) or printing a failure must fall
	 * inside the elapsed time they are compared with.
	 */
	for_each_online_cpu(cpu)
		got[cpu] = READ_ONCE(per_cpu(tick_stats, cpu).ticks) - ticks[cpu];
	elapsed = get_cycles() - start;
	for_each_online_cpu(cpu) {
		unsigned long n = got[cpu];

		/* never faster than programmed: a level that is not lowered would storm */
		EXPECT(t, n <= elapsed / period + 2, "CPU%u: %lu ticks in %llu periods", cpu, n,
		       elapsed / period);
		/* kstat, ticks and softirqs are plain stores on @cpu: wait, do not assume their order */
		EXPECT(t, wait_until(kstat_irqs_cpu(evt->irq, (int)cpu) - kstat[cpu] >= n),
		       "CPU%u: timer IRQ counted %u for %lu ticks", cpu,
		       kstat_irqs_cpu(evt->irq, (int)cpu) - kstat[cpu], n);
		EXPECT(t, wait_until(READ_ONCE(per_cpu(tick_stats, cpu).softirqs) > sirqs[cpu]),
		       "CPU%u: TIMER_SOFTIRQ never ran", cpu);
	}
}

/* ---- the storm ---- */

static struct storm {
	long budget[NR_CPUS][NR_CPUS];			/* [a][b], a < b: hops left */
	unsigned long sent_to[NR_CPUS][NR_CPUS];	/* [sender][target] */
	unsigned long recv0[NR_CPUS][NR_CPUS];		/* test IPI counts at the start */
	unsigned long ticks0[NR_CPUS];
	unsigned long ticks_during[NR_CPUS];
} storm;

/* Receiving the pair's ball from @src: send it back while the pair has hops left. */
static void storm_ipi_hook(unsigned int cpu, unsigned int src)
{
	unsigned int a = min(cpu, src), b = max(cpu, src);

	if (src >= NR_CPUS || src == cpu || storm.budget[a][b] <= 0)
		return;
	storm.budget[a][b]--;
	storm.sent_to[cpu][src]++;
	send_IPI_single((int)src, (int)test_ipi_sgi);
}

/* on_each_cpu(): every CPU serves the first hop of the balls it starts (pairs with higher CPUs). */
static void storm_kickoff(void *info)
{
	unsigned int self = smp_processor_id(), b;

	(void)info;
	for_each_online_cpu(b) {
		if (b <= self || storm.budget[self][b] <= 0)
			continue;
		storm.budget[self][b]--;
		storm.sent_to[self][b]++;
		send_IPI_single((int)b, (int)test_ipi_sgi);
	}
}

static unsigned long storm_received(void)
{
	unsigned long sum = 0;
	unsigned int d;

	for_each_online_cpu(d)
		for (unsigned int s = 0; s < NR_CPUS; s++)
			sum += test_ipi_recv(d, s) - storm.recv0[d][s];
	return sum;
}

/* Sleep in WFI until all @total IPIs arrived; false if progress stops for timeout=MS. */
static bool storm_wait(unsigned long total)
{
	u64 stall = ms_to_cycles(tparams.timeout_ms), last = get_cycles();
	unsigned long seen = 0, now;

	while ((now = storm_received()) < total) {
		if (now != seen) {
			seen = now;
			last = get_cycles();
		} else if (get_cycles() - last > stall) {
			return false;
		}
		local_irq_disable();
		if (storm_received() == seen)
			wfi();	/* our own ball or the tick wakes us */
		local_irq_enable();
	}
	return true;
}

/* Runs a storm of @total IPIs over the online CPUs; returns the elapsed cycles. */
static u64 storm_run(struct test_ctx *t, unsigned long total)
{
	unsigned int n = num_online_cpus(), self = smp_processor_id(), s, d, i = 0;
	unsigned long npairs = n * (n - 1) / 2, sum = 0;
	u64 start, cycles;

	memset(&storm, 0, sizeof(storm));
	for_each_possible_cpu(d) {
		storm.ticks0[d] = READ_ONCE(per_cpu(tick_stats, d).ticks);
		for (s = 0; s < NR_CPUS; s++)
			storm.recv0[d][s] = test_ipi_recv(d, s);
	}
	for_each_online_cpu(s)
		for_each_online_cpu(d)
			if (s < d)
				storm.budget[s][d] = (long)(total / npairs + (i++ < total % npairs));
	test_ipi_hook = storm_ipi_hook;
	smp_mb();
	start = get_cycles();
	if (n == 1) {
		/* self-IPIs from task context, each taken as soon as it is sent */
		for (unsigned long k = 0; k < total; k++) {
			unsigned long r = test_ipi_recv(self, self);

			storm.sent_to[self][self]++;
			send_IPI_self((int)test_ipi_sgi);
			if (!EXPECT(t, wait_until(test_ipi_recv(self, self) != r), "self-IPI %lu lost", k))
				break;
		}
	} else {
		on_each_cpu(storm_kickoff, NULL, 1);
		EXPECT(t, storm_wait(total), "storm stalled at %lu of %lu IPIs (an IPI was lost)",
		       storm_received(), total);
	}
	cycles = get_cycles() - start;
	for_each_online_cpu(d)
		storm.ticks_during[d] = READ_ONCE(per_cpu(tick_stats, d).ticks) - storm.ticks0[d];
	udelay(500);	/* duplicates, if any, show up now */
	test_ipi_hook = NULL;
	for_each_possible_cpu(d) {
		for (s = 0; s < NR_CPUS; s++) {
			unsigned long got = test_ipi_recv(d, s) - storm.recv0[d][s];

			EXPECT(t, got == storm.sent_to[s][d], "CPU%u->CPU%u: sent %lu, received %lu", s, d,
			       storm.sent_to[s][d], got);
			sum += storm.sent_to[s][d];
		}
	}
	EXPECT(t, sum == total, "sent %lu IPIs in total, asked for %lu", sum, total);
	return cycles;
}

void test_storm(struct test_ctx *t)
{
	unsigned int acct_before[NR_CPUS], cpu;
	unsigned long total = tparams.storm;
	u64 cycles, period = arch_timer_rate / tick_hz;

	if (!EXPECT(t, test_ipi_virq, "no test IPI"))
		return;
	for_each_online_cpu(cpu)
		acct_before[cpu] = ipi_count_all(cpu, test_ipi_sgi);
	cycles = storm_run(t, total);
	for_each_online_cpu(cpu) {
		unsigned long got = 0;

		for (unsigned int s = 0; s < NR_CPUS; s++)
			got += storm.sent_to[s][cpu];
		EXPECT(t, ipi_count_all(cpu, test_ipi_sgi) - acct_before[cpu] == got,
		       "CPU%u: handle_IPI counted %u, %lu were sent", cpu,
		       ipi_count_all(cpu, test_ipi_sgi) - acct_before[cpu], got);
		/* long enough for several ticks: each CPU must have had some meanwhile */
		if (cycles >= 3 * period)
			EXPECT(t, storm.ticks_during[cpu] >= 1, "CPU%u: no tick during a %llu ms storm", cpu,
			       cycles_to_ns(cycles) / NSEC_PER_MSEC);
		else
			EXPECT(t, wait_until(READ_ONCE(per_cpu(tick_stats, cpu).ticks) > storm.ticks0[cpu]),
			       "CPU%u: no tick after the storm", cpu);
	}
	test_diag("storm: %lu IPIs over %u CPUs in %llu ms (%llu IPIs/s)", total, num_online_cpus(),
		  cycles_to_ns(cycles) / NSEC_PER_MSEC,
		  cycles ? (unsigned long long)total * arch_timer_rate / cycles : 0);
}

/* For bench.c: the all-to-all throughput run. */
u64 bench_storm(struct test_ctx *t, unsigned long total)
{
	return storm_run(t, total);
}
