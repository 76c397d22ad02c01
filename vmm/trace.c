// SPDX-License-Identifier: GPL-2.0
/*
 * The --trace recorder and its writer thread (what is recorded: trace.h).
 *
 * Rings
 * -----
 * One per recording thread, found through the trace's pthread key and
 * registered on the thread's first event (the only time t->lock is taken on
 * the recording side). Single producer (its thread), single consumer (the
 * writer): the producer fills a slot and publishes it with a release store
 * of @head; the writer copies slots out and frees them with a release
 * store of @tail. A producer that finds its ring full counts a drop and
 * returns: vCPUs never wait for the writer.
 *
 * Writer
 * ------
 * Every TRACE_DRAIN_MS (and at close) it empties all rings into one batch,
 * sorts it by time and writes the records older than TRACE_HOLD_MS,
 * keeping the newer ones for the next round: a record stamped before a
 * drain but published after it (its thread preempted in between) still
 * lands in time order, unless the thread was held up longer than that.
 * Ties keep each thread's own order. JSON slices are built from records of
 * one thread (a vCPU's runs and exits, its own IAR and EOIR), always in
 * order.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "vmm/bounded_write.h"
#include "vmm/fault.h"
#include "vmm/stats.h"
#include "vmm/trace.h"

#define TRACE_RING_LEN		(1u << 15)	/* 32768 records, 1 MiB per thread */
#define TRACE_MAX_RINGS		64
#define TRACE_DRAIN_MS		10
#define TRACE_HOLD_MS		50
#define TRACE_OUT_FLUSH		(192u << 10)
#define TRACE_OUT_ROOM		(256u << 10)
#define TRACE_STALL_MS		2000	/* at close, give up on a reader that stopped reading */
#define TRACE_NR_INTIDS		(VGIC_NR_PRIVATE + VGIC_MAX_SPIS)
#define TRACE_IRQ_TRACK		100	/* JSON tid of vCPU n's interrupt track: 100 + n */
#define TRACE_SPI_TRACK		99

const char *const trace_event_names[TRACE_NR_EVENTS] = {
	[TRACE_RUN_ENTER] = "run_enter", [TRACE_RUN_EXIT] = "run_exit",
	[TRACE_SGIR] = "sgir", [TRACE_PEND] = "pend", [TRACE_COALESCED] = "coalesced",
	[TRACE_CLEAR] = "clear", [TRACE_ACK] = "ack", [TRACE_SPURIOUS] = "spurious",
	[TRACE_EOI] = "eoi", [TRACE_DIR] = "dir", [TRACE_LINE] = "line", [TRACE_KICK] = "kick",
	[TRACE_LEVEL] = "level", [TRACE_DROP] = "drop",
};

struct trace_ring {
	struct trace_record rec[TRACE_RING_LEN];
	uint64_t head;		/* producer: release store after filling */
	uint64_t tail;		/* writer: release store after copying */
	uint64_t dropped;	/* producer-only, read at close */
	uint64_t next_flow;	/* producer-only */
	unsigned int index;
};

/* A drained record and where it came from, for a stable sort. */
struct trace_entry {
	struct trace_record r;
	uint32_t ring;
	uint64_t seq;
};

/* What the JSON writer remembers about one vCPU. */
struct trace_json_cpu {
	bool in_guest, in_exit;		/* open B slices on the vCPU's track */
	uint64_t ack_ts[TRACE_NR_INTIDS];	/* IAR time of each active INTID, 0 = none */
	uint64_t ack_flow[VGIC_NR_SGIS];
	uint8_t ack_src[VGIC_NR_SGIS];
};

struct trace {
	enum trace_format format;
	unsigned int nr_cpus;
	int fd;
	pthread_key_t key;

	pthread_mutex_t lock;		/* registration, and the writer's sleep */
	pthread_cond_t wake;
	bool stop;
	pthread_t writer;
	struct trace_ring *rings[TRACE_MAX_RINGS];
	unsigned int nr_rings;		/* release store after rings[n] is set */
	uint64_t unregistered;		/* events of threads beyond TRACE_MAX_RINGS (atomic) */

	/* [target][sgi][src]: flow id of the pending send; under the target's vgic lock. */
	uint64_t pend_flow[VGIC_MAX_CPUS][VGIC_NR_SGIS][VGIC_MAX_CPUS];

	/* The writer's own. */
	struct trace_entry *batch;
	size_t batch_cap;
	size_t held;			/* entries kept at the front of @batch */
	uint64_t seq;
	char *out;
	size_t out_len;
	int out_errno;			/* first write error, 0 if none */
	bool first_object;
	uint64_t last_ts;
	struct trace_json_cpu cpu[VGIC_MAX_CPUS];
};

uint64_t trace_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- recording (any thread) ---- */

static struct trace_ring *trace_ring_register(struct trace *t)
{
	struct trace_ring *r = NULL;

	pthread_mutex_lock(&t->lock);
	if (t->nr_rings < TRACE_MAX_RINGS) {
		r = calloc(1, sizeof(*r));
		if (r) {
			r->index = t->nr_rings;
			t->rings[r->index] = r;
			__atomic_store_n(&t->nr_rings, r->index + 1, __ATOMIC_RELEASE);
			pthread_setspecific(t->key, r);
		}
	}
	pthread_mutex_unlock(&t->lock);
	return r;
}

static struct trace_ring *trace_ring_self(struct trace *t)
{
	struct trace_ring *r = pthread_getspecific(t->key);

	return r ? r : trace_ring_register(t);
}

static void trace_put(struct trace *t, struct trace_ring *r, const struct trace_record *rec)
{
	uint64_t head = r->head;

	if (head - __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) >= TRACE_RING_LEN) {
		__atomic_store_n(&r->dropped, r->dropped + 1, __ATOMIC_RELAXED);
		return;
	}
	r->rec[head % TRACE_RING_LEN] = *rec;
	__atomic_store_n(&r->head, head + 1, __ATOMIC_RELEASE);
}

static void trace_emit(struct trace *t, enum trace_event type, unsigned int cpu,
		       unsigned int src, unsigned int intid, uint32_t value,
		       uint32_t targets, uint64_t id)
{
	struct trace_ring *r = trace_ring_self(t);
	struct trace_record rec = {
		.ts = trace_now(), .id = id, .value = value, .intid = intid, .type = type,
		.cpu = cpu, .src = src, .targets = targets,
	};

	if (!r) {
		__atomic_fetch_add(&t->unregistered, 1, __ATOMIC_RELAXED);
		return;
	}
	trace_put(t, r, &rec);
}

void trace_record(struct trace *t, enum trace_event type, unsigned int cpu, unsigned int src,
		  unsigned int intid, uint32_t value)
{
	trace_emit(t, type, cpu, src, intid, value, 0, 0);
}

/* A flow id unique in this trace: the ring's index above a per-ring count. */
static uint64_t trace_new_flow(struct trace *t)
{
	struct trace_ring *r = trace_ring_self(t);

	if (!r)
		return 0;
	r->next_flow++;
	return ((uint64_t)(r->index + 1) << 40) | r->next_flow;
}

void trace_gic_event(struct trace *t, const struct vgic_event *ev)
{
	unsigned int cpu = ev->cpu % VGIC_MAX_CPUS, src = ev->src % VGIC_MAX_CPUS;
	unsigned int sgi = ev->intid % VGIC_NR_SGIS;
	uint64_t id = 0;

	switch (ev->type) {
	case VGIC_EV_SGIR:
		trace_emit(t, TRACE_SGIR, cpu, TRACE_NO_CPU, ev->intid, ev->value, ev->targets, 0);
		return;
	case VGIC_EV_SGI_PEND:
		id = trace_new_flow(t);
		t->pend_flow[cpu][sgi][src] = id;	/* under cpu's vgic lock */
		trace_emit(t, TRACE_PEND, cpu, src, ev->intid, 0, 0, id);
		return;
	case VGIC_EV_SGI_COALESCED:
		trace_emit(t, TRACE_COALESCED, cpu, src, ev->intid, 0, 0, 0);
		return;
	case VGIC_EV_SGI_CLEAR:
		t->pend_flow[cpu][sgi][src] = 0;
		trace_emit(t, TRACE_CLEAR, cpu, src, ev->intid, 0, 0, 0);
		return;
	case VGIC_EV_ACK:
		if (ev->intid >= VGIC_NR_SGIS) {
			trace_emit(t, TRACE_ACK, cpu, TRACE_NO_CPU, ev->intid, 0, 0, 0);
			return;
		}
		id = t->pend_flow[cpu][sgi][src];
		t->pend_flow[cpu][sgi][src] = 0;
		trace_emit(t, TRACE_ACK, cpu, src, ev->intid, 0, 0, id);
		return;
	case VGIC_EV_SPURIOUS:
		trace_emit(t, TRACE_SPURIOUS, cpu, TRACE_NO_CPU, ev->intid, 0, 0, 0);
		return;
	case VGIC_EV_EOI:
		trace_emit(t, TRACE_EOI, cpu, TRACE_NO_CPU, ev->intid, ev->value, 0, 0);
		return;
	case VGIC_EV_DIR:
		trace_emit(t, TRACE_DIR, cpu, TRACE_NO_CPU, ev->intid, ev->value, 0, 0);
		return;
	case VGIC_EV_LINE:
		trace_emit(t, TRACE_LINE, cpu, TRACE_NO_CPU, 0, ev->value, 0, 0);
		return;
	case VGIC_EV_LEVEL:
		trace_emit(t, TRACE_LEVEL, ev->intid < VGIC_NR_PRIVATE ? cpu : TRACE_NO_CPU,
			   TRACE_NO_CPU, ev->intid, ev->value, 0, 0);
		return;
	case VGIC_NR_EVENTS:
		break;
	}
}

/* ---- output (the writer thread, and trace_close after it) ---- */

/* A pipe or terminal that is not read is waited for, but not forever at close. */
static bool trace_out_give_up(void *arg, long long stalled_ms)
{
	struct trace *t = arg;

	return __atomic_load_n(&t->stop, __ATOMIC_ACQUIRE) && stalled_ms > TRACE_STALL_MS;
}

static void trace_out_write(struct trace *t, const char *p, size_t len)
{
	if (!t->out_errno)
		t->out_errno = bounded_write(t->fd, p, len, trace_out_give_up, t);
}

static void trace_flush(struct trace *t)
{
	trace_out_write(t, t->out, t->out_len);
	t->out_len = 0;
}

static void __attribute__((format(printf, 2, 3))) trace_printf(struct trace *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t->out + t->out_len, TRACE_OUT_ROOM - t->out_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->out_len += (size_t)n < TRACE_OUT_ROOM - t->out_len ? (size_t)n : 0;
	if (t->out_len >= TRACE_OUT_FLUSH)
		trace_flush(t);
}

/* --stats' exit class name in capitals ("GICD_SGIR"), as the trace writes it. */
struct exit_name { char s[16]; };

static struct exit_name exit_name(uint32_t e)
{
	const char *lower = stats_exit_names[e < STATS_NR_EXITS ? e : STATS_EXIT_OTHER];
	struct exit_name n;
	size_t i;

	for (i = 0; lower[i] && i < sizeof(n.s) - 1; i++)
		n.s[i] = (char)toupper((unsigned char)lower[i]);
	n.s[i] = '\0';
	return n;
}

/*
 * A record's fields as text, empty where its kind has none: the CSV columns
 * and the JSON args are the same fields.
 */
struct trace_fields {
	char cpu[8], src[8], intid[8], value[16], targets[8], id[24];
	bool value_is_word;	/* an exit class or an SGIR in hex: a string in JSON */
};

static void trace_fields(const struct trace_record *r, struct trace_fields *f)
{
	memset(f, 0, sizeof(*f));
	if (r->cpu != TRACE_NO_CPU)
		snprintf(f->cpu, sizeof(f->cpu), "%u", r->cpu);
	if (r->src != TRACE_NO_CPU)
		snprintf(f->src, sizeof(f->src), "%u", r->src);
	if (r->id)
		snprintf(f->id, sizeof(f->id), "%llu", (unsigned long long)r->id);
	switch (r->type) {
	case TRACE_RUN_EXIT:
		snprintf(f->value, sizeof(f->value), "%s", exit_name(r->value).s);
		f->value_is_word = true;
		break;
	case TRACE_SGIR:
		snprintf(f->intid, sizeof(f->intid), "%u", r->intid);
		snprintf(f->value, sizeof(f->value), "0x%08x", r->value);
		snprintf(f->targets, sizeof(f->targets), "0x%02x", r->targets);
		f->value_is_word = true;
		break;
	case TRACE_LINE:
		snprintf(f->value, sizeof(f->value), "%u", r->value);
		break;
	case TRACE_EOI: case TRACE_LEVEL:
		snprintf(f->value, sizeof(f->value), "%u", r->value);
		/* fall through */
	case TRACE_PEND: case TRACE_COALESCED: case TRACE_CLEAR: case TRACE_ACK:
	case TRACE_DIR: case TRACE_DROP:
		snprintf(f->intid, sizeof(f->intid), "%u", r->intid);
		break;
	default:
		break;
	}
}

/* ---- CSV: ts_ns,event,cpu,src,intid,value,targets,id ---- */

static void trace_csv_record(struct trace *t, const struct trace_record *r)
{
	struct trace_fields f;

	trace_fields(r, &f);
	trace_printf(t, "%llu,%s,%s,%s,%s,%s,%s,%s\n", (unsigned long long)r->ts,
		     trace_event_names[r->type], f.cpu, f.src, f.intid, f.value, f.targets, f.id);
}

/* ---- JSON: Chrome/Perfetto trace events ---- */

static void trace_json_begin_object(struct trace *t)
{
	trace_printf(t, "%s\n", t->first_object ? "" : ",");
	t->first_object = false;
}

/* Timestamps in microseconds, exact to the nanosecond. */
#define US_FMT "%llu.%03llu"
#define US_ARGS(ns) (unsigned long long)((ns) / 1000), (unsigned long long)((ns) % 1000)

static void trace_json_end(struct trace *t, unsigned int tid, uint64_t ts)
{
	trace_json_begin_object(t);
	trace_printf(t, "{\"ph\":\"E\",\"pid\":1,\"tid\":%u,\"ts\":" US_FMT "}", tid, US_ARGS(ts));
}

/* The record's own object: its args carry every field, for scripts. */
static void trace_json_args(struct trace *t, const struct trace_record *r)
{
	struct trace_fields f;

	trace_fields(r, &f);
	trace_printf(t, ",\"args\":{\"event\":\"%s\",\"ts_ns\":%llu", trace_event_names[r->type],
		     (unsigned long long)r->ts);
	if (f.cpu[0])
		trace_printf(t, ",\"cpu\":%s", f.cpu);
	if (f.src[0])
		trace_printf(t, ",\"src\":%s", f.src);
	if (f.intid[0])
		trace_printf(t, ",\"intid\":%s", f.intid);
	if (f.value[0])
		trace_printf(t, f.value_is_word ? ",\"value\":\"%s\"" : ",\"value\":%s", f.value);
	if (f.targets[0])
		trace_printf(t, ",\"targets\":%u", r->targets);	/* a number in JSON */
	if (f.id[0])
		trace_printf(t, ",\"id\":%s", f.id);
	trace_printf(t, "}}");
}

static void trace_json_instant(struct trace *t, const struct trace_record *r, unsigned int tid,
			       const char *name)
{
	trace_json_begin_object(t);
	trace_printf(t, "{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"gic\",\"name\":\"%s\",\"pid\":1,"
		     "\"tid\":%u,\"ts\":" US_FMT, name, tid, US_ARGS(r->ts));
	trace_json_args(t, r);
}

static void trace_json_sgi_name(char *buf, size_t len, unsigned int sgi)
{
	const char *ipi = sgi < FAULT_NR_SGIS ? fault_ipi_names[sgi] : NULL;

	snprintf(buf, len, "SGI %u%s%s", sgi, ipi ? " " : "", ipi ? ipi : "");
}

/* IAR to deactivation of @intid on @r->cpu: one slice, with the IPI's flow arrow. */
static void trace_json_irq_slice(struct trace *t, const struct trace_record *r, unsigned int intid)
{
	struct trace_json_cpu *c = &t->cpu[r->cpu];
	unsigned int tid = TRACE_IRQ_TRACK + r->cpu;
	uint64_t start = c->ack_ts[intid];
	char name[48];

	if (!start)
		return;		/* deactivating what was not acknowledged in the trace */
	c->ack_ts[intid] = 0;
	if (intid < VGIC_NR_SGIS) {
		trace_json_sgi_name(name, sizeof(name), intid);
		snprintf(name + strlen(name), sizeof(name) - strlen(name), " from CPU%u",
			 c->ack_src[intid]);
		if (c->ack_flow[intid]) {
			/* Binds to the next slice on this track: the one below. */
			trace_json_begin_object(t);
			trace_printf(t, "{\"ph\":\"f\",\"cat\":\"ipi\",\"name\":\"IPI\",\"id\":%llu,"
				     "\"pid\":1,\"tid\":%u,\"ts\":" US_FMT "}",
				     (unsigned long long)c->ack_flow[intid], tid, US_ARGS(start));
		}
	} else {
		snprintf(name, sizeof(name), "IRQ %u", intid);
	}
	trace_json_begin_object(t);
	trace_printf(t, "{\"ph\":\"X\",\"cat\":\"irq\",\"name\":\"%s\",\"pid\":1,\"tid\":%u,"
		     "\"ts\":" US_FMT ",\"dur\":" US_FMT "}", name, tid, US_ARGS(start),
		     US_ARGS(r->ts - start));
}

static void trace_json_run(struct trace *t, const struct trace_record *r)
{
	struct trace_json_cpu *c = &t->cpu[r->cpu];
	char name[32];

	if (r->type == TRACE_RUN_ENTER) {
		if (c->in_exit)
			trace_json_end(t, r->cpu, r->ts);
		c->in_exit = false;
		c->in_guest = true;
		snprintf(name, sizeof(name), "guest");
	} else {
		if (c->in_guest)
			trace_json_end(t, r->cpu, r->ts);
		c->in_guest = false;
		c->in_exit = true;
		snprintf(name, sizeof(name), "exit %s", exit_name(r->value).s);
	}
	trace_json_begin_object(t);
	trace_printf(t, "{\"ph\":\"B\",\"cat\":\"kvm\",\"name\":\"%s\",\"pid\":1,\"tid\":%u,"
		     "\"ts\":" US_FMT, name, r->cpu, US_ARGS(r->ts));
	trace_json_args(t, r);
}

static void trace_json_record(struct trace *t, const struct trace_record *r)
{
	struct trace_json_cpu *c;
	char name[64], sgi[32];

	if (r->cpu != TRACE_NO_CPU && r->cpu >= t->nr_cpus)
		return;
	c = r->cpu != TRACE_NO_CPU ? &t->cpu[r->cpu] : NULL;
	switch (r->type) {
	case TRACE_RUN_ENTER:
	case TRACE_RUN_EXIT:
		trace_json_run(t, r);
		return;
	case TRACE_SGIR:
		trace_json_sgi_name(sgi, sizeof(sgi), r->intid);
		snprintf(name, sizeof(name), "SGIR %s to 0x%02x", sgi, r->targets);
		trace_json_instant(t, r, r->cpu, name);
		return;
	case TRACE_PEND:
	case TRACE_COALESCED:
	case TRACE_DROP:
		/* On the sender's track, where the arrow starts. */
		snprintf(name, sizeof(name), "%s SGI %u to CPU%u", trace_event_names[r->type],
			 r->intid, r->cpu);
		trace_json_instant(t, r, r->src, name);
		if (r->type == TRACE_PEND && r->id) {
			trace_json_begin_object(t);
			trace_printf(t, "{\"ph\":\"s\",\"cat\":\"ipi\",\"name\":\"IPI\",\"id\":%llu,"
				     "\"pid\":1,\"tid\":%u,\"ts\":" US_FMT "}",
				     (unsigned long long)r->id, r->src, US_ARGS(r->ts));
		}
		return;
	case TRACE_ACK:
		snprintf(name, sizeof(name), "IAR %u", r->intid);
		trace_json_instant(t, r, r->cpu, name);
		c->ack_ts[r->intid % TRACE_NR_INTIDS] = r->ts;
		if (r->intid < VGIC_NR_SGIS) {
			c->ack_flow[r->intid] = r->id;
			c->ack_src[r->intid] = r->src;
		}
		return;
	case TRACE_EOI:
	case TRACE_DIR:
		snprintf(name, sizeof(name), "%s %u", r->type == TRACE_EOI ? "EOIR" : "DIR", r->intid);
		trace_json_instant(t, r, r->cpu, name);
		if (r->value && r->intid < TRACE_NR_INTIDS)
			trace_json_irq_slice(t, r, r->intid);
		return;
	case TRACE_LINE:
		trace_json_instant(t, r, r->cpu, r->value ? "line up" : "line down");
		return;
	case TRACE_LEVEL:
		snprintf(name, sizeof(name), "IRQ %u level %u", r->intid, r->value);
		trace_json_instant(t, r, c ? r->cpu : TRACE_SPI_TRACK, name);
		return;
	default:
		trace_json_instant(t, r, c ? r->cpu : TRACE_SPI_TRACK, trace_event_names[r->type]);
		return;
	}
}

static void trace_json_thread_name(struct trace *t, unsigned int tid, const char *name)
{
	trace_json_begin_object(t);
	trace_printf(t, "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":%u,"
		     "\"args\":{\"name\":\"%s\"}},\n{\"ph\":\"M\",\"name\":\"thread_sort_index\","
		     "\"pid\":1,\"tid\":%u,\"args\":{\"sort_index\":%u}}", tid, name, tid, tid);
}

static void trace_header(struct trace *t)
{
	char name[32];

	if (t->format == TRACE_CSV) {
		trace_printf(t, "# minivmm trace v1\nts_ns,event,cpu,src,intid,value,targets,id\n");
		return;
	}
	trace_printf(t, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[");
	t->first_object = true;
	trace_json_begin_object(t);
	trace_printf(t, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,"
		     "\"args\":{\"name\":\"minivmm\"}}");
	for (unsigned int i = 0; i < t->nr_cpus; i++) {
		snprintf(name, sizeof(name), "vCPU %u", i);
		trace_json_thread_name(t, i, name);
		snprintf(name, sizeof(name), "vCPU %u interrupts", i);
		trace_json_thread_name(t, TRACE_IRQ_TRACK + i, name);
	}
	trace_json_thread_name(t, TRACE_SPI_TRACK, "SPI inputs");
}

/* Close what is still open at the last timestamp, so the viewer shows it. */
static void trace_footer(struct trace *t)
{
	if (t->format == TRACE_CSV)
		return;
	for (unsigned int i = 0; i < t->nr_cpus; i++) {
		struct trace_json_cpu *c = &t->cpu[i];
		struct trace_record end = { .ts = t->last_ts, .cpu = i };

		if (c->in_guest || c->in_exit)
			trace_json_end(t, i, t->last_ts);
		for (unsigned int intid = 0; intid < TRACE_NR_INTIDS; intid++)
			if (c->ack_ts[intid])
				trace_json_irq_slice(t, &end, intid);
	}
	trace_printf(t, "\n]}\n");
}

/* ---- draining ---- */

static int trace_entry_cmp(const void *a, const void *b)
{
	const struct trace_entry *x = a, *y = b;

	if (x->r.ts != y->r.ts)
		return x->r.ts < y->r.ts ? -1 : 1;
	if (x->ring != y->ring)
		return x->ring < y->ring ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Append everything recorded so far to the held entries; returns the total. */
static size_t trace_collect(struct trace *t)
{
	unsigned int nr = __atomic_load_n(&t->nr_rings, __ATOMIC_ACQUIRE);
	size_t n = t->held;

	for (unsigned int i = 0; i < nr; i++) {
		struct trace_ring *r = t->rings[i];
		uint64_t head = __atomic_load_n(&r->head, __ATOMIC_ACQUIRE);
		uint64_t tail = r->tail;

		if (n + (head - tail) > t->batch_cap) {
			size_t cap = (n + (head - tail)) * 2;
			struct trace_entry *b = realloc(t->batch, cap * sizeof(*b));

			if (!b)
				continue;	/* try again next time; producers drop meanwhile */
			t->batch = b;
			t->batch_cap = cap;
		}
		for (; tail != head; tail++)
			t->batch[n++] = (struct trace_entry){
				.r = r->rec[tail % TRACE_RING_LEN], .ring = i, .seq = t->seq++,
			};
		__atomic_store_n(&r->tail, tail, __ATOMIC_RELEASE);
	}
	return n;
}

/* Write what is older than the hold time, or everything when @all. */
static void trace_drain(struct trace *t, bool all)
{
	uint64_t cutoff = all ? UINT64_MAX : trace_now() - TRACE_HOLD_MS * 1000000ULL;
	size_t n = trace_collect(t), i;

	if (!n) {		/* nothing yet: t->batch may still be NULL */
		trace_flush(t);
		return;
	}
	qsort(t->batch, n, sizeof(*t->batch), trace_entry_cmp);
	for (i = 0; i < n && t->batch[i].r.ts <= cutoff; i++) {
		const struct trace_record *r = &t->batch[i].r;

		if (r->type >= TRACE_NR_EVENTS)
			continue;
		if (r->ts > t->last_ts)
			t->last_ts = r->ts;
		if (t->format == TRACE_CSV)
			trace_csv_record(t, r);
		else
			trace_json_record(t, r);
	}
	memmove(t->batch, t->batch + i, (n - i) * sizeof(*t->batch));
	t->held = n - i;
	trace_flush(t);
}

static void *trace_writer(void *arg)
{
	struct trace *t = arg;

	/*
	 * Formatting costs CPU the vCPUs want (measured nested: the guest's
	 * IPI round trip 40% slower with the writer at their priority). Nice
	 * 19 lets it run when a vCPU waits; if it falls behind, events drop
	 * and are counted rather than the guest slowed. Best effort.
	 */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
	trace_header(t);
	pthread_mutex_lock(&t->lock);
	while (!t->stop) {
		struct timespec until;

		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += TRACE_DRAIN_MS * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&t->wake, &t->lock, &until);
		pthread_mutex_unlock(&t->lock);
		trace_drain(t, false);
		pthread_mutex_lock(&t->lock);
	}
	pthread_mutex_unlock(&t->lock);
	trace_drain(t, true);
	trace_footer(t);
	trace_flush(t);
	return NULL;
}

/* ---- open and close ---- */

struct trace *trace_open(int fd, enum trace_format format, unsigned int nr_cpus)
{
	struct trace *t = calloc(1, sizeof(*t));
	pthread_condattr_t attr;
	struct stat st;
	int err;

	if (!t || !(t->out = malloc(TRACE_OUT_ROOM))) {
		err = ENOMEM;
		goto fail;
	}
	t->fd = fd;
	t->format = format;
	t->nr_cpus = nr_cpus < VGIC_MAX_CPUS ? nr_cpus : VGIC_MAX_CPUS;
	/* Pipes and terminals never block the writer for good (trace_out_write). */
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	err = pthread_key_create(&t->key, NULL);
	if (err)
		goto fail;
	pthread_mutex_init(&t->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&t->wake, &attr);
	pthread_condattr_destroy(&attr);
	err = pthread_create(&t->writer, NULL, trace_writer, t);
	if (err) {
		pthread_cond_destroy(&t->wake);
		pthread_mutex_destroy(&t->lock);
		pthread_key_delete(t->key);
		goto fail;
	}
	return t;
fail:
	if (t)
		free(t->out);
	free(t);
	close(fd);
	errno = err;
	return NULL;
}

int trace_close(struct trace *t, uint64_t *dropped, char *err, size_t errlen)
{
	int ret = 0;

	pthread_mutex_lock(&t->lock);
	__atomic_store_n(&t->stop, true, __ATOMIC_RELEASE);
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->writer, NULL);

	*dropped = __atomic_load_n(&t->unregistered, __ATOMIC_RELAXED);
	for (unsigned int i = 0; i < t->nr_rings; i++) {
		*dropped += __atomic_load_n(&t->rings[i]->dropped, __ATOMIC_RELAXED);
		free(t->rings[i]);
	}
	if (t->out_errno == ETIMEDOUT)
		ret = snprintf(err, errlen, "its reader stopped reading; the end of the trace is lost");
	else if (t->out_errno)
		ret = snprintf(err, errlen, "%s", strerror(t->out_errno));
	/* close() reports delayed write errors (NFS, quotas). */
	if (close(t->fd) && !ret)
		ret = snprintf(err, errlen, "%s", strerror(errno));
	pthread_key_delete(t->key);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	free(t->batch);
	free(t->out);
	free(t);
	return ret ? -1 : 0;
}
