// SPDX-License-Identifier: GPL-2.0
/*
 * vgic injection stress, built with ThreadSanitizer (make stress).
 *
 * N "vCPU" threads share one vgic. Each sends SGIs with random filters,
 * target lists and INTIDs (GICD_SGIR, sometimes GICD_SPENDSGIR to itself),
 * sometimes withdraws its own pending SGIs (GICD_CPENDSGIR), and in
 * "spi" configurations pulses an edge SPI routed to every CPU. It serves its
 * own IRQ line like a guest: the line callback sets a per-CPU flag (as
 * KVM_IRQ_LINE would wake the vCPU), and the thread loops IAR -> EOIR
 * (odd CPUs use EOImode 1: EOIR then DIR), sometimes nesting a
 * higher-priority interrupt before its EOI.
 *
 * Checked, per configuration:
 * - nothing invented: every IAR of SGI s from source c on CPU d comes after
 *   at least as many sends of (c, d, s) (checked at each acknowledge), and
 *   SPI acknowledgements never outnumber SPI edges;
 * - nothing lost: for each (src, dst, sgi) that was sent, the last
 *   acknowledge/clear comes after the last send (global sequence numbers),
 *   and the same for each SPI; at quiescence nothing is pending or active
 *   and every line is low;
 * - accounting: the model's counters equal the threads' own counts and
 *   sent == acked + coalesced + cleared;
 * - in SGI-only configurations, a line seen high always yields an interrupt
 *   from IAR (only the owner consumes its SGIs, so a high line is never
 *   stale).
 * The output ends with "stress: P passed, F failed"; exit status 1 on any
 * failure. A watchdog fails the run after 120 s.
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vgic/vgic.h"
#include "vgic/gicv2_regs.h"


#define MAX_CPUS	VGIC_MAX_CPUS
#define NR_SGIS		16
#define NR_SPIS		32
#define SPURIOUS	1023
#define MAX_NEST	3
#define WATCHDOG_S	120

struct stress;

struct vcpu {
	struct stress *s;
	unsigned int id;
	uint64_t rng;
	/* Owned by this thread as sender (atomic: receivers read them). */
	atomic_uint_fast64_t sent[MAX_CPUS][NR_SGIS];	/* [dst][sgi] */
	uint64_t last_send[MAX_CPUS][NR_SGIS];
	uint64_t sgir_writes;
	uint64_t spi_pulses, last_pulse;
	/* Owned by this thread as receiver. */
	uint64_t recv[MAX_CPUS][NR_SGIS];		/* [src][sgi] */
	uint64_t cleared[MAX_CPUS][NR_SGIS];
	uint64_t last_take[MAX_CPUS][NR_SGIS];
	uint64_t spi_takes[NR_SPIS], spi_last_take[NR_SPIS];
	uint64_t spurious_high;
	unsigned long errors;
	char first_error[160];
	pthread_t thread;
};

struct stress {
	struct vgic *vgic;
	unsigned int nr_cpus;
	bool spis;
	unsigned long iterations;
	atomic_bool line[MAX_CPUS];
	atomic_uint_fast64_t seq;
	atomic_uint senders_done;
	atomic_uint_fast64_t spi_pulses[NR_SPIS];	/* SPI 32 + i belongs to vCPU i */
	atomic_uint_fast64_t spi_takes[NR_SPIS];
	struct vcpu cpu[MAX_CPUS];
};

static uint64_t total_sent, total_acked;	/* over all configurations */

static void fail(struct vcpu *v, const char *what, unsigned int a, unsigned int b,
		 unsigned int c)
{
	if (!v->errors++)
		snprintf(v->first_error, sizeof(v->first_error), "cpu%u: %s (%u, %u, %u)",
			 v->id, what, a, b, c);
}

static uint64_t rnd(struct vcpu *v)
{
	v->rng ^= v->rng << 13;
	v->rng ^= v->rng >> 7;
	v->rng ^= v->rng << 17;
	return v->rng;
}

static uint64_t next_seq(struct stress *s)
{
	return atomic_fetch_add_explicit(&s->seq, 1, memory_order_relaxed) + 1;
}

static void line_cb(void *opaque, unsigned int cpu, bool level)
{
	struct stress *s = opaque;

	atomic_store_explicit(&s->line[cpu], level, memory_order_relaxed);
}

static uint32_t sgi_prio(unsigned int sgi)
{
	return 0x80 - (sgi % 4) * 0x20;		/* 0x80, 0x60, 0x40, 0x20 */
}

static void dwrite(struct vcpu *v, uint32_t off, unsigned int width, uint32_t val)
{
	if (vgic_dist_write(v->s->vgic, v->id, off, width, val))
		fail(v, "distributor write refused", off, width, val);
}

static uint32_t dread(struct vcpu *v, uint32_t off, unsigned int width)
{
	uint32_t val = 0;

	if (vgic_dist_read(v->s->vgic, v->id, off, width, &val))
		fail(v, "distributor read refused", off, width, 0);
	return val;
}

static uint32_t cread(struct vcpu *v, uint32_t off)
{
	uint32_t val = 0;

	if (vgic_cpu_read(v->s->vgic, v->id, off, 4, &val))
		fail(v, "CPU interface read refused", off, 0, 0);
	return val;
}

static void cwrite(struct vcpu *v, uint32_t off, uint32_t val)
{
	if (vgic_cpu_write(v->s->vgic, v->id, off, 4, val))
		fail(v, "CPU interface write refused", off, val, 0);
}

/* Record a send of @sgi to every CPU in @targets, before the write. */
static void account_send(struct vcpu *v, uint32_t targets, unsigned int sgi)
{
	uint64_t seq = next_seq(v->s);

	for (; targets; targets &= targets - 1) {
		unsigned int t = __builtin_ctz(targets);

		atomic_fetch_add_explicit(&v->sent[t][sgi], 1, memory_order_relaxed);
		v->last_send[t][sgi] = seq;
	}
}

static void send_sgir(struct vcpu *v)
{
	unsigned int all = (1u << v->s->nr_cpus) - 1, sgi = rnd(v) % NR_SGIS;
	unsigned int pick = rnd(v) % 8, filter = pick < 5 ? 0 : pick - 4;
	unsigned int list = rnd(v) & 0xff;
	uint32_t targets;

	/* Mostly one target, like smp_call_function_single and reschedule. */
	if (filter == 0 && pick < 3)
		list = 1u << (rnd(v) % 8);
	if (filter == 3)
		filter = 1;

	if (filter == 0)
		targets = list & all;		/* bits of missing CPUs ignored */
	else if (filter == 1)
		targets = all & ~(1u << v->id);
	else
		targets = 1u << v->id;
	account_send(v, targets, sgi);
	dwrite(v, GICD_SGIR, 4, (filter << 24) | (list << 16) | sgi);
	v->sgir_writes++;
}

static void send_spendsgir(struct vcpu *v)
{
	unsigned int sgi = rnd(v) % NR_SGIS;

	account_send(v, 1u << v->id, sgi);
	dwrite(v, GICD_SPENDSGIR + sgi, 1, 1u << v->id);
}

/* Withdraw whatever is pending for one SGI on this CPU (only we consume it). */
static void clear_own(struct vcpu *v)
{
	unsigned int sgi = rnd(v) % NR_SGIS;
	uint32_t srcs = dread(v, GICD_CPENDSGIR + sgi, 1);

	if (!srcs)
		return;
	dwrite(v, GICD_CPENDSGIR + sgi, 1, srcs);
	for (uint64_t seq = next_seq(v->s); srcs; srcs &= srcs - 1) {
		unsigned int src = __builtin_ctz(srcs);

		v->cleared[src][sgi]++;
		v->last_take[src][sgi] = seq;
	}
}

static void pulse_spi(struct vcpu *v)
{
	struct stress *s = v->s;

	atomic_fetch_add_explicit(&s->spi_pulses[v->id], 1, memory_order_relaxed);
	v->last_pulse = next_seq(s);
	v->spi_pulses++;
	vgic_set_level(s->vgic, 32 + v->id, 0, true);
	vgic_set_level(s->vgic, 32 + v->id, 0, false);
}

static void took_sgi(struct vcpu *v, unsigned int src, unsigned int sgi)
{
	struct vcpu *from = &v->s->cpu[src];
	uint64_t sent;

	if (src >= v->s->nr_cpus) {
		fail(v, "IAR source out of range", src, sgi, 0);
		return;
	}
	sent = atomic_load_explicit(&from->sent[v->id][sgi], memory_order_relaxed);
	v->recv[src][sgi]++;
	v->last_take[src][sgi] = next_seq(v->s);
	if (v->recv[src][sgi] + v->cleared[src][sgi] > sent)
		fail(v, "SGI received more often than sent (src, sgi, sent)", src, sgi, sent);
}

static void took_spi(struct vcpu *v, unsigned int intid)
{
	struct stress *s = v->s;
	unsigned int n = intid - 32;
	uint64_t takes, pulses;

	if (!s->spis || n >= s->nr_cpus) {
		fail(v, "unexpected INTID from IAR", intid, 0, 0);
		return;
	}
	takes = atomic_fetch_add_explicit(&s->spi_takes[n], 1, memory_order_relaxed) + 1;
	pulses = atomic_load_explicit(&s->spi_pulses[n], memory_order_relaxed);
	v->spi_takes[n]++;
	v->spi_last_take[n] = next_seq(s);
	if (takes > pulses)
		fail(v, "SPI taken more often than pulsed", intid, takes, pulses);
}

static bool line_high(struct vcpu *v)
{
	return atomic_load_explicit(&v->s->line[v->id], memory_order_relaxed);
}

/* The guest's IRQ handler: acknowledge until the line drops. */
static void serve(struct vcpu *v, unsigned int depth)
{
	bool split = v->id & 1;

	while (line_high(v)) {
		uint32_t iar = cread(v, GICC_IAR), intid = iar & 0x3ff;

		if (intid == SPURIOUS) {
			v->spurious_high++;
			if (!v->s->spis)
				fail(v, "line high but IAR spurious", depth, 0, 0);
			continue;
		}
		if (intid < NR_SGIS)
			took_sgi(v, iar >> 10, intid);
		else
			took_spi(v, intid);
		if (depth < MAX_NEST && rnd(v) % 8 == 0)
			serve(v, depth + 1);		/* let a higher priority in */
		/* Linux writes only the INTID for SGIs; sometimes keep CPUID. */
		cwrite(v, GICC_EOIR, rnd(v) & 1 ? iar : intid);
		if (split)
			cwrite(v, GICC_DIR, intid);
	}
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	struct stress *s = v->s;

	for (unsigned long i = 0; i < s->iterations; i++) {
		unsigned int what = rnd(v) % 64;

		if (what < 56)
			send_sgir(v);
		else if (what < 59)
			send_spendsgir(v);
		else if (what < 61)
			clear_own(v);
		else if (s->spis)
			pulse_spi(v);
		if (rnd(v) % 2 == 0)
			serve(v, 0);
		if (rnd(v) % 128 == 0)
			sched_yield();	/* more interleavings with 8 threads on 2 cores */
	}
	atomic_fetch_add(&s->senders_done, 1);
	while (atomic_load(&s->senders_done) < s->nr_cpus || line_high(v)) {
		if (line_high(v))
			serve(v, 0);
		else
			sched_yield();
	}
	return NULL;
}

static void setup(struct stress *s)
{
	struct vcpu *v0 = &s->cpu[0];

	dwrite(v0, GICD_CTLR, 4, 1);
	for (unsigned int i = 0; i < s->nr_cpus; i++) {
		struct vcpu *v = &s->cpu[i];

		for (unsigned int sgi = 0; sgi < NR_SGIS; sgi++)
			dwrite(v, GICD_IPRIORITYR + sgi, 1, sgi_prio(sgi));
		cwrite(v, GICC_PMR, 0xf0);
		cwrite(v, GICC_CTLR, 1 | ((i & 1) << 9));	/* odd CPUs: EOImode 1 */
		/* SPI 32 + i: edge, priority 0xa0, routed to every CPU. */
		dwrite(v0, GICD_IPRIORITYR + 32 + i, 1, 0xa0);
		dwrite(v0, GICD_ITARGETSR + 32 + i, 1, 0xff);
	}
	dwrite(v0, GICD_ICFGR + 8, 4, 0xaaaaaaaa);
	dwrite(v0, GICD_ICFGR + 12, 4, 0xaaaaaaaa);
	dwrite(v0, GICD_ISENABLER + 4, 4, 0xffffffff);
}

/* Everything must be idle, and every count must agree. Returns errors. */
static unsigned long check_quiescent(struct stress *s)
{
	struct vgic_sgi_stats st;
	uint64_t sent = 0, recv = 0, cleared = 0;
	unsigned long errors = 0;
	struct vcpu *v0 = &s->cpu[0];

	for (unsigned int d = 0; d < s->nr_cpus; d++) {
		struct vcpu *v = &s->cpu[d];

		if (vgic_cpu_irq_line(s->vgic, d) || line_high(v))
			fail(v, "line high at quiescence", d, 0, 0);
		if (cread(v, GICC_IAR) != SPURIOUS)
			fail(v, "interrupt left pending at quiescence", d, 0, 0);
		if (cread(v, GICC_RPR) != 0xff || dread(v, GICD_ISACTIVER, 4))
			fail(v, "interrupt left active", d, 0, 0);
		if (dread(v, GICD_ISPENDR, 4))
			fail(v, "private interrupt left pending", d, 0, 0);
		for (unsigned int src = 0; src < s->nr_cpus; src++) {
			for (unsigned int sgi = 0; sgi < NR_SGIS; sgi++) {
				struct vcpu *f = &s->cpu[src];
				uint64_t n = atomic_load(&f->sent[d][sgi]);

				sent += n;
				recv += v->recv[src][sgi];
				cleared += v->cleared[src][sgi];
				if (v->recv[src][sgi] + v->cleared[src][sgi] > n)
					fail(v, "more taken than sent", src, d, sgi);
				if (n && v->last_take[src][sgi] < f->last_send[d][sgi])
					fail(v, "last send never taken (lost SGI)", src, d, sgi);
			}
		}
		if (s->spis) {
			uint64_t last = 0, takes = 0;

			for (unsigned int r = 0; r < s->nr_cpus; r++) {
				takes += s->cpu[r].spi_takes[d];
				if (s->cpu[r].spi_last_take[d] > last)
					last = s->cpu[r].spi_last_take[d];
			}
			if (takes > v->spi_pulses || (v->spi_pulses && last < v->last_pulse))
				fail(v, "SPI lost or invented", 32 + d, takes, v->spi_pulses);
		}
	}
	if (dread(v0, GICD_ISPENDR + 4, 4) || dread(v0, GICD_ISACTIVER + 4, 4))
		fail(v0, "SPI left pending or active", 0, 0, 0);
	vgic_get_sgi_stats(s->vgic, &st);
	if (st.sent != sent || st.acked != recv || st.cleared != cleared ||
	    st.sent != st.acked + st.coalesced + st.cleared)
		fail(v0, "SGI counters disagree", 0, 0, 0);
	printf("  model: sent %llu acked %llu coalesced %llu cleared %llu; "
	       "threads: sent %llu received %llu cleared %llu\n",
	       (unsigned long long)st.sent, (unsigned long long)st.acked,
	       (unsigned long long)st.coalesced, (unsigned long long)st.cleared,
	       (unsigned long long)sent, (unsigned long long)recv,
	       (unsigned long long)cleared);
	for (unsigned int i = 0; i < s->nr_cpus; i++)
		errors += s->cpu[i].errors;
	total_sent += st.sent;
	total_acked += st.acked;
	return errors;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool run(unsigned int nr_cpus, bool spis, unsigned long iterations)
{
	struct stress *s = calloc(1, sizeof(*s));
	struct vgic_config cfg = {
		.nr_cpus = nr_cpus, .nr_spis = NR_SPIS, .line = line_cb, .opaque = s,
	};
	uint64_t writes = 0, spurious = 0, pulses = 0;
	unsigned long errors;
	double t0;

	if (!s || !(s->vgic = vgic_create(&cfg))) {
		printf("FAIL: cannot create the vgic\n");
		return false;
	}
	s->nr_cpus = nr_cpus;
	s->spis = spis;
	s->iterations = iterations;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		s->cpu[i].s = s;
		s->cpu[i].id = i;
		s->cpu[i].rng = 0x9e3779b97f4a7c15ull * (i + 1) + nr_cpus;
	}
	setup(s);
	t0 = now();
	for (unsigned int i = 0; i < nr_cpus; i++)
		pthread_create(&s->cpu[i].thread, NULL, vcpu_thread, &s->cpu[i]);
	for (unsigned int i = 0; i < nr_cpus; i++)
		pthread_join(s->cpu[i].thread, NULL);
	for (unsigned int i = 0; i < nr_cpus; i++) {
		writes += s->cpu[i].sgir_writes;
		spurious += s->cpu[i].spurious_high;
		pulses += s->cpu[i].spi_pulses;
	}
	printf("%u vCPUs, %s: %llu SGIR writes, %llu SPI pulses, %llu spurious IARs, %.2f s\n",
	       nr_cpus, spis ? "SGIs+SPIs" : "SGIs only", (unsigned long long)writes,
	       (unsigned long long)pulses, (unsigned long long)spurious, now() - t0);
	errors = check_quiescent(s);
	for (unsigned int i = 0; i < nr_cpus; i++)
		if (s->cpu[i].errors)
			printf("  FAIL: %s (%lu errors)\n", s->cpu[i].first_error,
			       s->cpu[i].errors);
	vgic_destroy(s->vgic);
	free(s);
	return errors == 0;
}

static void watchdog(int sig)
{
	static const char msg[] = "FAIL: watchdog: no result after 120 s\nstress: 0 passed, 1 failed\n";

	(void)sig;
	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(1);
}

int main(int argc, char **argv)
{
	static const unsigned int cpus[] = { 2, 4, 8 };
	/* 1M iterations per configuration; argv[1] scales that (default 1.0). */
	double scale = argc > 1 ? atof(argv[1]) : 1.0;
	unsigned int passed = 0, failed = 0;
	double t0 = now();

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, watchdog);
	alarm(WATCHDOG_S);
	for (unsigned int i = 0; i < 3; i++) {
		for (int spis = 0; spis < 2; spis++) {
			unsigned long iters = scale * 1000000 / cpus[i];

			if (run(cpus[i], spis, iters ? iters : 1))
				passed++;
			else
				failed++;
		}
	}
	printf("total: %llu SGIs sent (per target), %llu acknowledged, %.1f s\n",
	       (unsigned long long)total_sent, (unsigned long long)total_acked, now() - t0);
	printf("stress: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
