// SPDX-License-Identifier: GPL-2.0
/*
 * IPI delivery: every CPU to every CPU, target masks, the GICD_SGIR
 * shorthands, each arm64 IPI type reaching its handler with the right
 * source, unknown SGIs, and two-plus senders of one SGI pending at once.
 */
#include <linux/clockchips.h>
#include <linux/irq_work.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/irqdomain.h>
#include <linux/sched.h>
#include <asm/apic.h>
#include <linux/string.h>
#include "selftest.h"

/* recv[dst][src] of the test IPI, and the arch accounting of its SGI */
struct recv_snap {
	unsigned long recv[NR_CPUS][NR_CPUS];
	unsigned int acct[NR_CPUS][NR_CPUS];
};

static void snap_take(struct recv_snap *s)
{
	for (unsigned int d = 0; d < NR_CPUS; d++)
		for (unsigned int src = 0; src < NR_CPUS; src++) {
			s->recv[d][src] = test_ipi_recv(d, src);
			s->acct[d][src] = ipi_count(d, test_ipi_sgi, src);
		}
}

/*
 * Wait until every (dst, src) pair got exactly exp[dst][src] more test IPIs,
 * then give stragglers (duplicates) a moment to show up. Returns failures.
 */
static unsigned int snap_expect(struct test_ctx *t, const struct recv_snap *b,
				const unsigned char exp[NR_CPUS][NR_CPUS], const char *what)
{
	unsigned int before = t->failures;
	unsigned int cpu;

	wait_until(({
		bool all = true;
		for_each_possible_cpu(cpu)
			for (unsigned int s = 0; s < NR_CPUS; s++)
				all &= test_ipi_recv(cpu, s) - b->recv[cpu][s] >= exp[cpu][s];
		all;
	}));
	udelay(500);
	for_each_possible_cpu(cpu) {
		for (unsigned int s = 0; s < NR_CPUS; s++) {
			unsigned long got = test_ipi_recv(cpu, s) - b->recv[cpu][s];
			unsigned int acct = ipi_count(cpu, test_ipi_sgi, s) - b->acct[cpu][s];

			EXPECT(t, got == exp[cpu][s], "%s: CPU%u got %lu from CPU%u, expected %u", what,
			       cpu, got, s, exp[cpu][s]);
			EXPECT(t, acct == got, "%s: CPU%u handle_IPI counted %u from CPU%u, handler saw %lu",
			       what, cpu, acct, s, got);
		}
	}
	return t->failures - before;
}

static bool need_test_ipi(struct test_ctx *t)
{
	return EXPECT(t, test_ipi_virq != 0, "no test IPI");
}

static void send_to_all_online(void *arg)
{
	unsigned int cpu;

	(void)arg;
	for_each_online_cpu(cpu)
		send_IPI_single((int)cpu, (int)test_ipi_sgi);
}

void test_ipi_each_cpu(struct test_ctx *t)
{
	unsigned char exp[NR_CPUS][NR_CPUS] = { { 0 } };
	unsigned int d, s, self = smp_processor_id();
	struct recv_snap b;

	if (!need_test_ipi(t))
		return;
	/* this CPU to each CPU, itself included */
	snap_take(&b);
	for_each_online_cpu(d) {
		send_IPI_single((int)d, (int)test_ipi_sgi);
		exp[d][self] = 1;
	}
	snap_expect(t, &b, exp, "CPU0 to each");
	for_each_online_cpu(d) {
		struct test_ipi_stat *st = &per_cpu(test_ipi_stat, d);

		EXPECT(t, st->last_in_irq && st->last_irqs_off, "CPU%u handler context", d);
	}

	/* every CPU to every CPU at once */
	snap_take(&b);
	for_each_online_cpu(d)
		for_each_online_cpu(s)
			exp[d][s] = 1;
	EXPECT(t, run_on_all_cpus(send_to_all_online, NULL, tparams.timeout_ms), "senders stuck");
	snap_expect(t, &b, exp, "all to all");
}

void test_ipi_mask(struct test_ctx *t)
{
	unsigned int n = num_online_cpus(), self = smp_processor_id(), cpu;
	unsigned long online = cpumask_bits(cpu_online_mask)[0];
	unsigned long masks[40];
	unsigned int nr = 0;

	if (!need_test_ipi(t))
		return;
	if (n <= 4) {
		for (unsigned long m = 1; m <= online; m++)
			if ((m & online) == m)
				masks[nr++] = m;
	} else {
		static const unsigned long pat[] = { 0x55, 0xaa, 0x0f, 0xf0, 0x81, 0x3c, 0xff, 0x96 };

		for (unsigned int i = 0; i < ARRAY_SIZE(pat); i++)
			if (pat[i] & online)
				masks[nr++] = pat[i] & online;
		for_each_online_cpu(cpu)
			masks[nr++] = 1UL << cpu;
	}
	for (unsigned int i = 0; i < nr; i++) {
		unsigned char exp[NR_CPUS][NR_CPUS] = { { 0 } };
		struct cpumask mask = { { masks[i] } };
		struct recv_snap b;
		char what[32];

		snap_take(&b);
		for_each_cpu(cpu, &mask)
			exp[cpu][self] = 1;
		send_IPI_mask(&mask, (int)test_ipi_sgi);
		snprintf(what, sizeof(what), "mask 0x%lx", masks[i]);
		if (snap_expect(t, &b, exp, what))
			break;
	}
}

static void send_self(void *arg)
{
	(void)arg;
	send_IPI_self((int)test_ipi_sgi);
}

void test_ipi_self(struct test_ctx *t)
{
	unsigned char exp[NR_CPUS][NR_CPUS] = { { 0 } };
	unsigned int self = smp_processor_id(), other = other_cpu();
	struct recv_snap b;

	if (!need_test_ipi(t))
		return;
	snap_take(&b);
	send_IPI_self((int)test_ipi_sgi);
	exp[self][self] = 1;
	snap_expect(t, &b, exp, "self filter on CPU0");
	if (other != self) {
		exp[self][self] = 0;
		exp[other][other] = 1;
		snap_take(&b);
		EXPECT(t, !run_on_cpu(other, send_self, NULL) && wait_on_cpu(other, tparams.timeout_ms),
		       "CPU%u did not run the sender", other);
		snap_expect(t, &b, exp, "self filter on another CPU");
	}
}

static void send_allbutself(void *arg)
{
	(void)arg;
	send_IPI_allbutself((int)test_ipi_sgi);
}

void test_ipi_allbutself(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), other = other_cpu(), cpu;
	unsigned char exp[NR_CPUS][NR_CPUS] = { { 0 } };
	struct recv_snap b;

	if (!need_test_ipi(t))
		return;
	snap_take(&b);
	for_each_online_cpu(cpu)
		if (cpu != self)
			exp[cpu][self] = 1;
	send_IPI_allbutself((int)test_ipi_sgi);
	snap_expect(t, &b, exp, "all-but-self filter from CPU0");

	memset(exp, 0, sizeof(exp));
	for_each_online_cpu(cpu)
		if (cpu != other)
			exp[cpu][other] = 1;
	snap_take(&b);
	EXPECT(t, !run_on_cpu(other, send_allbutself, NULL) && wait_on_cpu(other, tparams.timeout_ms),
	       "CPU%u did not run the sender", other);
	snap_expect(t, &b, exp, "all-but-self filter from another CPU");
}

void test_ipi_all(struct test_ctx *t)
{
	unsigned char exp[NR_CPUS][NR_CPUS] = { { 0 } };
	unsigned int self = smp_processor_id(), cpu;
	struct recv_snap b;

	if (!need_test_ipi(t))
		return;
	snap_take(&b);
	for_each_online_cpu(cpu)
		exp[cpu][self] = 1;
	send_IPI_all((int)test_ipi_sgi);
	snap_expect(t, &b, exp, "send_IPI_all");
}

/* ---- each arch IPI type reaches its handler ---- */

/* What each type's handler leaves behind on the receiving CPU. */
static unsigned long ipi_evidence(unsigned int cpu, unsigned int type)
{
	switch (type) {
	case IPI_RESCHEDULE:
		return READ_ONCE(cpu_rq((int)cpu)->nr_sched_ipi);
	case IPI_CALL_FUNC:
		return READ_ONCE(per_cpu(call_function_flushes, cpu));
	case IPI_TIMER:
		return READ_ONCE(per_cpu(tick_stats, cpu).broadcasts);
	case IPI_IRQ_WORK:
		return READ_ONCE(per_cpu(irq_work_runs, cpu));
	default:
		return 0;	/* IPI_WAKEUP: only the count itself */
	}
}

static const unsigned int safe_types[] = {
	IPI_RESCHEDULE, IPI_CALL_FUNC, IPI_TIMER, IPI_IRQ_WORK, IPI_WAKEUP,
};

static unsigned int cross_type;
static unsigned int cross_target;

static void send_type(void *arg)
{
	(void)arg;
	smp_cross_call(cpumask_of(cross_target), cross_type);
}

static void check_one_type(struct test_ctx *t, unsigned int type, unsigned int src, unsigned int dst)
{
	unsigned int before[NR_CPUS][NR_CPUS];
	unsigned long ev = ipi_evidence(dst, type);
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		for (unsigned int s = 0; s < NR_CPUS; s++)
			before[cpu][s] = ipi_count(cpu, type, s);
	if (src == smp_processor_id()) {
		smp_cross_call(cpumask_of(dst), type);
	} else {
		cross_type = type;
		cross_target = dst;
		EXPECT(t, !run_on_cpu(src, send_type, NULL) && wait_on_cpu(src, tparams.timeout_ms),
		       "CPU%u did not run the sender", src);
	}
	EXPECT(t, wait_until(ipi_count(dst, type, src) == before[dst][src] + 1),
	       "IPI%u (%s) CPU%u->CPU%u never counted", type, ipi_name(type), src, dst);
	if (type != IPI_WAKEUP)
		EXPECT(t, wait_until(ipi_evidence(dst, type) > ev),
		       "IPI%u (%s) on CPU%u: handler did not run", type, ipi_name(type), dst);
	udelay(200);
	for_each_possible_cpu(cpu)
		for (unsigned int s = 0; s < NR_CPUS; s++) {
			unsigned int want = before[cpu][s] + (cpu == dst && s == src);

			/* a reschedule from run_on_cpu() is expected on the sender */
			if (type == IPI_RESCHEDULE && cpu == src && s == smp_processor_id() &&
			    src != smp_processor_id())
				continue;
			EXPECT(t, ipi_count(cpu, type, s) == want,
			       "IPI%u CPU%u->CPU%u: CPU%u counted %u from CPU%u, expected %u", type, src,
			       dst, cpu, ipi_count(cpu, type, s), s, want);
		}
}

void test_ipi_types(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), other = other_cpu(), cpu;

	for (unsigned int i = 0; i < ARRAY_SIZE(safe_types); i++) {
		for_each_online_cpu(cpu)
			check_one_type(t, safe_types[i], self, cpu);
		if (other != self)
			check_one_type(t, safe_types[i], other, self);
		if (t->failures)
			return;
	}
}

static unsigned int free_sgi(void)
{
	for (unsigned int sgi = NR_SGIS - 1; sgi >= NR_IPI; sgi--)
		if (!irq_find_mapping(gic_get_ipi_domain_single(), sgi) &&
		    !irq_find_mapping(gic_get_ipi_domain_percpu(), sgi))
			return sgi;
	return 0;
}

/* An SGI nobody owns: counted, reported "Unknown IPI message", nothing else. */
void test_ipi_unknown(struct test_ctx *t)
{
	unsigned int sgi = free_sgi(), cpu, self = smp_processor_id();
	unsigned int before[NR_CPUS];

	if (!EXPECT(t, sgi >= NR_IPI, "no free SGI"))
		return;
	for_each_online_cpu(cpu)
		before[cpu] = ipi_count(cpu, sgi, self);
	smp_cross_call(cpu_online_mask, sgi);
	for_each_online_cpu(cpu)
		EXPECT(t, wait_until(ipi_count(cpu, sgi, self) == before[cpu] + 1),
		       "SGI%u on CPU%u: counted %u", sgi, cpu, ipi_count(cpu, sgi, self) - before[cpu]);
}

/* ---- several sources of one SGI pending at once ---- */

static struct {
	atomic_t ready, sent;
	int go;
	unsigned int target;
} msrc;

static void multi_source_sender(void *arg)
{
	(void)arg;
	atomic_inc(&msrc.ready);
	if (!wait_until(smp_load_acquire(&msrc.go)))
		return;
	send_IPI_single((int)msrc.target, (int)test_ipi_sgi);
	atomic_inc(&msrc.sent);
}

void test_multi_source(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu, senders = 0;
	unsigned long before[NR_CPUS];
	u8 want_pending = 0, pending;
	struct cpumask started;

	if (!need_test_ipi(t))
		return;
	memset(&msrc, 0, sizeof(msrc));
	msrc.target = self;
	cpumask_clear(&started);
	for_each_possible_cpu(cpu)
		before[cpu] = test_ipi_recv(self, cpu);

	/* hold the SGI pending here while every other CPU (and we) send it */
	local_irq_disable();
	for_each_online_cpu(cpu) {
		if (cpu == self)
			continue;
		if (EXPECT(t, !run_on_cpu(cpu, multi_source_sender, NULL), "CPU%u busy", cpu)) {
			cpumask_set_cpu(cpu, &started);
			senders++;
			want_pending |= gic_cpu_target_map(cpu);
		}
	}
	EXPECT(t, wait_until(atomic_read(&msrc.ready) == (int)senders), "senders not ready");
	smp_store_release(&msrc.go, 1);
	send_IPI_self((int)test_ipi_sgi);
	want_pending |= gic_cpu_target_map(self);
	EXPECT(t, wait_until(atomic_read(&msrc.sent) == (int)senders), "only %d of %u sent",
	       atomic_read(&msrc.sent), senders);
	/* every source must be pending separately, as GICD_SPENDSGIR shows */
	pending = gic_sgi_pending_sources(test_ipi_sgi);
	EXPECT(t, pending == want_pending, "SPENDSGIR%u sources 0x%02x, expected 0x%02x",
	       test_ipi_sgi, pending, want_pending);
	EXPECT(t, test_ipi_recv(self, self) == before[self], "delivered with IRQs masked");
	local_irq_enable();

	for_each_cpu(cpu, &started)
		EXPECT(t, wait_until(test_ipi_recv(self, cpu) == before[cpu] + 1),
		       "from CPU%u: got %lu", cpu, test_ipi_recv(self, cpu) - before[cpu]);
	EXPECT(t, wait_until(test_ipi_recv(self, self) == before[self] + 1), "from self: got %lu",
	       test_ipi_recv(self, self) - before[self]);
	udelay(500);
	for_each_possible_cpu(cpu) {
		unsigned long want = before[cpu] + (cpu == self || cpumask_test_cpu(cpu, &started));

		EXPECT(t, test_ipi_recv(self, cpu) == want, "from CPU%u: %lu, expected %lu", cpu,
		       test_ipi_recv(self, cpu), want);
	}
	EXPECT(t, gic_sgi_pending_sources(test_ipi_sgi) == 0, "still pending: 0x%02x",
	       gic_sgi_pending_sources(test_ipi_sgi));
	for_each_cpu(cpu, &started)
		wait_on_cpu(cpu, tparams.timeout_ms);
}
