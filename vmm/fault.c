// SPDX-License-Identifier: GPL-2.0
/*
 * SGI fault injection (see fault.h).
 *
 * Threads and ownership
 * - fault_sgir runs on the source vCPU's thread: it alone draws from that
 *   vCPU's random stream and counts its drops and delays (per source, so
 *   no two threads write one counter).
 * - One injector thread owns the queue's consumer side and the duplicate
 *   counters; the queue (deliveries due later) is guarded by @lock.
 * - Deliveries, immediate or late, are GICD_SGIR writes with a one-target
 *   list made on behalf of the source: the vgic's own locking applies.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "vgic/gicv2_regs.h"
#include "vgic/vgic.h"
#include "vmm/errmsg.h"
#include "vmm/fault.h"
#include "vmm/stats.h"
#include "vmm/trace.h"

#define FAULT_QUEUE_LEN		1024
#define FAULT_DUP_POLL_NS	200000ULL	/* how often a duplicate checks for its ack */
#define FAULT_DUP_GIVE_UP_NS	1000000000ULL	/* never acknowledged: deliver anyway */
#define NR_SGIS			VGIC_NR_SGIS
#define MAX_CPUS		VGIC_MAX_CPUS

const char *const fault_ipi_names[FAULT_NR_SGIS] = {
	"RESCHEDULE", "CALL_FUNC", "CPU_STOP", "CPU_CRASH_STOP", "TIMER", "IRQ_WORK", "WAKEUP",
};

/* ---- parsing ---- */

static int parse_uint(const char **p, unsigned long max, unsigned long *v)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -1;
	errno = 0;
	*v = strtoul(*p, &end, 10);
	if (errno || *v > max)
		return -1;
	*p = end;
	return 0;
}

static int parse_sgi(const char **p, int *sgi)
{
	unsigned long v;

	for (unsigned int i = 0; i < FAULT_NR_SGIS && fault_ipi_names[i]; i++) {
		size_t n = strlen(fault_ipi_names[i]);

		if (!strncasecmp(*p, fault_ipi_names[i], n) && !isalnum((unsigned char)(*p)[n]) &&
		    (*p)[n] != '_') {
			*p += n;
			*sgi = i;
			return 0;
		}
	}
	if (parse_uint(p, NR_SGIS - 1, &v))
		return -1;
	*sgi = v;
	return 0;
}

/* Without locale or exponent surprises. */
int fault_parse_prob(const char *s, double *prob)
{
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	*prob = strtod(s, &end);
	if (errno || *end || !(*prob >= 0.0 && *prob <= 1.0))
		return -1;
	return 0;
}

int fault_add_rule(struct fault_config *cfg, enum fault_kind kind, const char *option,
		   const char *spec, char *err, size_t errlen)
{
	static const char *const value_name[] = { "USEC", "PROB", "PROB" };
	struct fault_rule r = { .kind = kind, .src = FAULT_ANY, .dst = FAULT_ANY };
	const char *p = spec;
	unsigned long v;

	if (cfg->nr_rules >= FAULT_MAX_RULES)
		return errmsg(err, errlen, "%s: more than %d fault rules", option, FAULT_MAX_RULES);
	if (parse_sgi(&p, &r.sgi))
		return errmsg(err, errlen, "%s: '%s' does not start with an SGI (0-15 or an IPI name "
			      "such as CALL_FUNC); expected SGI[:SRC>DST]=%s", option, quoted(spec).s,
			      value_name[kind]);
	if (*p == ':') {
		p++;
		if (parse_uint(&p, MAX_CPUS - 1, &v) || *p++ != '>')
			goto bad_pair;
		r.src = v;
		if (parse_uint(&p, MAX_CPUS - 1, &v))
			goto bad_pair;
		r.dst = v;
	}
	if (*p++ != '=')
		return errmsg(err, errlen, "%s: '%s' has no '=%s'", option, quoted(spec).s, value_name[kind]);
	if (kind == FAULT_DELAY) {
		if (parse_uint(&p, FAULT_MAX_DELAY_US, &v) || *p)
			return errmsg(err, errlen, "%s: '%s': the delay must be 0-%llu microseconds",
				      option, quoted(spec).s, FAULT_MAX_DELAY_US);
		r.delay_us = v;
	} else if (fault_parse_prob(p, &r.prob)) {
		return errmsg(err, errlen, "%s: '%s': the probability must be a number from 0 to 1",
			      option, quoted(spec).s);
	}
	cfg->rules[cfg->nr_rules++] = r;
	return 0;
bad_pair:
	return errmsg(err, errlen, "%s: '%s': the pair must be SRC>DST with CPUs 0-%d", option,
		      quoted(spec).s, MAX_CPUS - 1);
}

int fault_check_cpus(const struct fault_config *cfg, unsigned int nr_cpus, char *err, size_t errlen)
{
	for (unsigned int i = 0; i < cfg->nr_rules; i++) {
		const struct fault_rule *r = &cfg->rules[i];

		if (r->src >= (int)nr_cpus || r->dst >= (int)nr_cpus)
			return errmsg(err, errlen, "fault rule for SGI %d names CPU %d, but the VM has %u",
				      r->sgi, r->src >= (int)nr_cpus ? r->src : r->dst, nr_cpus);
	}
	return 0;
}

/* ---- the injector ---- */

struct delivery {
	uint64_t due_ns;
	uint64_t acked_before;	/* a duplicate: the target's ack count when it was planned */
	uint64_t give_up_ns;
	uint8_t sgi, src, dst;
	bool dup;
};

struct fault {
	struct fault_config cfg;
	struct vgic *vgic;
	struct trace *trace;
	unsigned int nr_cpus;
	uint16_t sgi_mask;	/* SGIs some rule names: the fast path tests this */
	uint64_t rng[MAX_CPUS];	/* per source vCPU, used by its thread only */
	struct fault_counts counts[NR_SGIS][MAX_CPUS][MAX_CPUS];	/* [sgi][src][dst] */
	uint64_t lost;		/* queue full: delivered at once instead */

	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	struct delivery queue[FAULT_QUEUE_LEN];
	unsigned int queued;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* splitmix64: tiny, good enough, and the same on every host. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

bool fault_chance(uint64_t *state, double prob)
{
	if (prob <= 0.0)
		return false;	/* draw nothing: PROB 0 leaves the stream untouched */
	return (next_random(state) >> 11) * 0x1.0p-53 < prob;
}

static void deliver(struct fault *f, unsigned int sgi, unsigned int src, unsigned int dst)
{
	vgic_dist_write(f->vgic, src, GICD_SGIR, 4,
			GICD_SGIR_LIST | (1u << (GICD_SGIR_LIST_SHIFT + dst)) | sgi);
}

static uint64_t acked(struct fault *f, unsigned int sgi, unsigned int src, unsigned int dst)
{
	static __thread struct vgic_cpu_stats st;	/* 13 KiB: not on a vCPU's stack */

	vgic_get_cpu_stats(f->vgic, dst, &st);
	return st.sgi[sgi][src].acked;
}

/* Queue a late delivery; false when the queue is full. */
static bool enqueue(struct fault *f, struct delivery d)
{
	bool ok;

	pthread_mutex_lock(&f->lock);
	ok = f->queued < FAULT_QUEUE_LEN;
	if (ok) {
		f->queue[f->queued++] = d;
		pthread_cond_signal(&f->wake);
	}
	pthread_mutex_unlock(&f->lock);
	return ok;
}

/* The rule of @kind for this send, the most specific one (pair over SGI). */
static const struct fault_rule *find_rule(struct fault *f, enum fault_kind kind,
					  unsigned int sgi, unsigned int src, unsigned int dst)
{
	const struct fault_rule *best = NULL;

	for (unsigned int i = 0; i < f->cfg.nr_rules; i++) {
		const struct fault_rule *r = &f->cfg.rules[i];

		if (r->kind != kind || r->sgi != (int)sgi ||
		    (r->src != FAULT_ANY && r->src != (int)src) ||
		    (r->dst != FAULT_ANY && r->dst != (int)dst))
			continue;
		if (!best || r->src != FAULT_ANY)
			best = r;
	}
	return best;
}

static void send_one(struct fault *f, unsigned int sgi, unsigned int src, unsigned int dst)
{
	struct fault_counts *c = &f->counts[sgi][src][dst];
	const struct fault_rule *drop = find_rule(f, FAULT_DROP, sgi, src, dst);
	const struct fault_rule *delay = find_rule(f, FAULT_DELAY, sgi, src, dst);
	const struct fault_rule *dup = find_rule(f, FAULT_DUP, sgi, src, dst);
	uint64_t now = 0;

	if (drop && fault_chance(&f->rng[src], drop->prob)) {
		stats_count(&c->dropped);
		if (f->trace)
			trace_record(f->trace, TRACE_DROP, dst, src, sgi, 0);
		return;
	}
	if (dup && fault_chance(&f->rng[src], dup->prob)) {
		now = now_ns();
		if (!enqueue(f, (struct delivery){
				.due_ns = now + (delay ? delay->delay_us * 1000 : 0) + FAULT_DUP_POLL_NS,
				.give_up_ns = now + FAULT_DUP_GIVE_UP_NS,
				.acked_before = acked(f, sgi, src, dst),
				.sgi = sgi, .src = src, .dst = dst, .dup = true }))
			__atomic_fetch_add(&f->lost, 1, __ATOMIC_RELAXED);
	}
	if (delay && delay->delay_us) {
		if (!now)
			now = now_ns();
		if (enqueue(f, (struct delivery){ .due_ns = now + delay->delay_us * 1000,
						  .sgi = sgi, .src = src, .dst = dst })) {
			stats_count(&c->delayed);
			return;
		}
		__atomic_fetch_add(&f->lost, 1, __ATOMIC_RELAXED);
	}
	deliver(f, sgi, src, dst);
}

bool fault_sgir(struct fault *f, unsigned int src, uint32_t sgir)
{
	unsigned int sgi = sgir & 0xf, filter = (sgir >> GICD_SGIR_FILTER_SHIFT) & 3;
	uint32_t targets;

	if (!f || !(f->sgi_mask & (1u << sgi)) || filter == 3)
		return false;	/* no rule, or the reserved filter the vgic reports */
	if (filter == 0)
		targets = (sgir >> GICD_SGIR_LIST_SHIFT) & 0xff;
	else if (filter == 1)
		targets = ~(1u << src);
	else
		targets = 1u << src;
	targets &= (1u << f->nr_cpus) - 1;
	while (targets) {
		unsigned int dst = __builtin_ctz(targets);

		targets &= targets - 1;
		send_one(f, sgi, src, dst);
	}
	return true;
}

/* Injector thread: one due delivery at a time, earliest first. */
static bool due(struct fault *f, struct delivery *d, uint64_t now)
{
	if (now < d->due_ns)
		return false;
	if (!d->dup)
		return true;
	if (now < d->give_up_ns && acked(f, d->sgi, d->src, d->dst) <= d->acked_before) {
		d->due_ns = now + FAULT_DUP_POLL_NS;	/* not acknowledged yet: look again */
		return false;
	}
	return true;
}

static void *injector(void *arg)
{
	struct fault *f = arg;

	pthread_mutex_lock(&f->lock);
	while (!f->stop) {
		uint64_t now = now_ns(), next = UINT64_MAX;
		struct timespec ts;

		for (unsigned int i = 0; i < f->queued; i++) {
			struct delivery d = f->queue[i];

			if (!due(f, &f->queue[i], now)) {
				if (f->queue[i].due_ns < next)
					next = f->queue[i].due_ns;
				continue;
			}
			f->queue[i--] = f->queue[--f->queued];
			pthread_mutex_unlock(&f->lock);
			if (d.dup)	/* counted first: whoever sees the delivery sees the count */
				stats_count(&f->counts[d.sgi][d.src][d.dst].duplicated);
			deliver(f, d.sgi, d.src, d.dst);
			pthread_mutex_lock(&f->lock);
			next = 0;	/* the queue may have changed: rescan */
			break;
		}
		if (next == 0)
			continue;
		if (next == UINT64_MAX) {
			pthread_cond_wait(&f->wake, &f->lock);
			continue;
		}
		ts.tv_sec = next / 1000000000ULL;
		ts.tv_nsec = next % 1000000000ULL;
		pthread_cond_timedwait(&f->wake, &f->lock, &ts);
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

struct fault *fault_create(const struct fault_config *cfg, struct vgic *vgic,
			   struct trace *trace, unsigned int nr_cpus, char *err, size_t errlen)
{
	pthread_condattr_t attr;
	struct fault *f;

	if (!cfg->nr_rules)
		return NULL;
	f = calloc(1, sizeof(*f));
	if (!f) {
		errmsg(err, errlen, "fault injection: out of memory");
		return NULL;
	}
	f->cfg = *cfg;
	f->vgic = vgic;
	f->trace = trace;
	f->nr_cpus = nr_cpus;
	for (unsigned int i = 0; i < cfg->nr_rules; i++)
		f->sgi_mask |= 1u << cfg->rules[i].sgi;
	for (unsigned int i = 0; i < MAX_CPUS; i++)
		f->rng[i] = cfg->seed * 0x100000001b3ULL + i;
	pthread_mutex_init(&f->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&f->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&f->thread, NULL, injector, f)) {
		errmsg(err, errlen, "fault injection: cannot start its thread");
		pthread_cond_destroy(&f->wake);
		pthread_mutex_destroy(&f->lock);
		free(f);
		return NULL;
	}
	return f;
}

void fault_get_counts(struct fault *f, unsigned int sgi, unsigned int src, unsigned int dst,
		      struct fault_counts *out)
{
	const struct fault_counts *c = &f->counts[sgi][src][dst];

	out->delayed = __atomic_load_n(&c->delayed, __ATOMIC_RELAXED);
	out->dropped = __atomic_load_n(&c->dropped, __ATOMIC_RELAXED);
	out->duplicated = __atomic_load_n(&c->duplicated, __ATOMIC_RELAXED);
}

void fault_destroy(struct fault *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->lock);
	f->stop = true;
	pthread_cond_signal(&f->wake);
	pthread_mutex_unlock(&f->lock);
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->wake);
	pthread_mutex_destroy(&f->lock);
	free(f);
}
