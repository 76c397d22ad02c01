// SPDX-License-Identifier: GPL-2.0
/*
 * The --trace recorder (vmm/trace.c) driven by the vgic model's event hook:
 * the exact events of a known SGI sequence, exact per-pair counts and
 * send/acknowledge pairing from four threads (also run under TSan), the
 * JSON a viewer reads, drop accounting, and a reader that stops reading.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/unit.h"
#include "vgic/gicv2_regs.h"
#include "vgic/vgic.h"
#include "vmm/trace.h"

#define SGIR(filter, list, id) \
	(((uint32_t)(filter) << GICD_SGIR_FILTER_SHIFT) | ((uint32_t)(list) << GICD_SGIR_LIST_SHIFT) | (id))

/*
 * Check's ck_assert sends a message to the parent process each time: in
 * loops over thousands of records, test with if and abort once instead.
 */
#define expect(cond, ...)	do { if (!(cond)) ck_abort_msg(__VA_ARGS__); } while (0)

static struct vgic *v;
static struct trace *t;
static char path[64];

static void hook(void *opaque, const struct vgic_event *ev)
{
	trace_gic_event(opaque, ev);
}

static void start(unsigned int nr_cpus, enum trace_format format)
{
	struct vgic_config cfg = { .nr_cpus = nr_cpus, .nr_spis = 32, .event = hook };
	int fd;

	snprintf(path, sizeof(path), "/tmp/minivmm-trace-test-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	t = trace_open(fd, format, nr_cpus);
	ck_assert_ptr_nonnull(t);
	cfg.opaque = t;
	v = vgic_create(&cfg);
	ck_assert_ptr_nonnull(v);
	vgic_dist_write(v, 0, GICD_CTLR, 4, 1);
	for (unsigned int i = 0; i < nr_cpus; i++) {
		vgic_cpu_write(v, i, GICC_PMR, 4, 0xf0);
		vgic_cpu_write(v, i, GICC_CTLR, 4, 1);
	}
}

/* Close the trace and return the whole file (to free). */
static char *finish(uint64_t *dropped)
{
	char err[128], *buf;
	FILE *f;
	long len;

	ck_assert_msg(!trace_close(t, dropped, err, sizeof(err)), "trace_close: %s", err);
	vgic_destroy(v);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = calloc(1, len + 1);
	ck_assert_int_eq(fread(buf, 1, len, f), len);
	fclose(f);
	unlink(path);
	return buf;
}

static void sgir(unsigned int src, uint32_t value)
{
	expect(!vgic_dist_write(v, src, GICD_SGIR, 4, value), "GICD_SGIR write 0x%08x refused", value);
}

static uint32_t iar(unsigned int cpu)
{
	uint32_t value;

	vgic_cpu_read(v, cpu, GICC_IAR, 4, &value);
	return value;
}

/* ---- the CSV, parsed back ---- */


struct rec {
	unsigned long long ts, id;
	char event[16], value[16];
	int cpu, src, intid, targets;
};

static int field_int(const char *s, int base)
{
	return *s ? (int)strtol(s, NULL, base) : -1;
}

/* Parse CSV text into @out (at most @max); returns the number of records. */
static size_t parse_csv(char *text, struct rec *out, size_t max)
{
	size_t n = 0;
	char *save = NULL;

	ck_assert_msg(!strncmp(text, "# minivmm trace v1\nts_ns,event,cpu,src,intid,value,targets,id\n", 61),
		      "bad CSV header");
	for (char *line = strtok_r(text + 61, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[8];
		int nf = 0;

		for (char *p = line; nf < 8; p++) {
			f[nf++] = p;
			p = strchr(p, ',');
			if (!p)
				break;
			*p = '\0';
		}
		/* No ck_assert in loops: each one is a message to Check's parent process. */
		if (nf != 8 || n == max)
			ck_abort_msg("CSV line %zu with %d fields (room for %zu)", n, nf, max);
		out[n] = (struct rec){
			.ts = strtoull(f[0], NULL, 10), .cpu = field_int(f[2], 10),
			.src = field_int(f[3], 10), .intid = field_int(f[4], 10),
			.targets = field_int(f[6], 16), .id = strtoull(f[7], NULL, 10),
		};
		snprintf(out[n].event, sizeof(out[n].event), "%s", f[1]);
		snprintf(out[n].value, sizeof(out[n].value), "%s", f[5]);
		n++;
	}
	return n;
}

/* ---- one CPU sends, another takes: every event, in order ---- */

START_TEST(test_sequence)
{
	static const struct { const char *event, *value; int cpu, src, intid, targets; } want[] = {
		{ "sgir", "0x00020003", 0, -1, 3, 0x02 },
		{ "pend", "", 1, 0, 3, -1 },
		{ "line", "1", 1, -1, -1, -1 },
		{ "sgir", "0x00020003", 0, -1, 3, 0x02 },
		{ "coalesced", "", 1, 0, 3, -1 },
		{ "ack", "", 1, 0, 3, -1 },
		{ "line", "0", 1, -1, -1, -1 },
		{ "eoi", "1", 1, -1, 3, -1 },
		{ "spurious", "", 1, -1, -1, -1 },
		{ "sgir", "0x02000005", 1, -1, 5, 0x02 },	/* self */
		{ "pend", "", 1, 1, 5, -1 },
		{ "line", "1", 1, -1, -1, -1 },
	};
	struct rec r[32];
	uint64_t dropped;
	size_t n;
	char *text;

	start(2, TRACE_CSV);
	sgir(0, SGIR(0, 0x02, 3));
	sgir(0, SGIR(0, 0x02, 3));
	ck_assert_uint_eq(iar(1), 3);
	vgic_cpu_write(v, 1, GICC_EOIR, 4, 3);
	ck_assert_uint_eq(iar(1), 1023);
	sgir(1, SGIR(2, 0, 5));
	text = finish(&dropped);
	n = parse_csv(text, r, 32);
	ck_assert_uint_eq(dropped, 0);
	ck_assert_uint_eq(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(!strcmp(r[i].event, want[i].event), "event %zu: %s, want %s", i,
			      r[i].event, want[i].event);
		ck_assert_str_eq(r[i].value, want[i].value);
		ck_assert_int_eq(r[i].cpu, want[i].cpu);
		ck_assert_int_eq(r[i].src, want[i].src);
		ck_assert_int_eq(r[i].intid, want[i].intid);
		ck_assert_int_eq(r[i].targets, want[i].targets);
		ck_assert(i == 0 || r[i].ts >= r[i - 1].ts);
	}
	/* The acknowledge names the send that made the SGI pending. */
	ck_assert_uint_ne(r[1].id, 0);
	ck_assert_uint_eq(r[5].id, r[1].id);
	ck_assert_uint_ne(r[10].id, r[1].id);
	free(text);
}
END_TEST

/*
 * A trace with no event yet: the writer's periodic drain (and the last one
 * at close) must cope with nothing collected. It passed NULL to qsort,
 * which UBSan stops at; on an emulated arm64 host the writer woke before
 * the first event.
 */
START_TEST(test_empty)
{
	uint64_t dropped;
	char *text;

	start(2, TRACE_CSV);
	usleep(300 * 1000);	/* a few of the writer's periodic drains */
	text = finish(&dropped);
	ck_assert_uint_eq(dropped, 0);
	ck_assert_str_eq(text, "# minivmm trace v1\nts_ns,event,cpu,src,intid,value,targets,id\n");
	free(text);
}
END_TEST

/* ---- four threads: list, all-but-self and self, sent and taken at once ---- */

#define ROUNDS 300
#define NR_THREADS 4

/* Take everything pending on @cpu; returns how many were taken. */
static unsigned int take_all(unsigned int cpu)
{
	unsigned int n = 0;
	uint32_t value;

	while ((value = iar(cpu)) != 1023) {
		vgic_cpu_write(v, cpu, GICC_EOIR, 4, value);
		n++;
	}
	return n;
}

static void *sender(void *arg)
{
	unsigned int cpu = (uintptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		sgir(cpu, SGIR(0, 1u << ((cpu + 1) % NR_THREADS), cpu));
		sgir(cpu, SGIR(1, 0, 8));
		sgir(cpu, SGIR(2, 0, 12));
		take_all(cpu);
	}
	return NULL;
}

/* The send a test expects on (target, src, sgi): every other triple is zero. */
static bool expected_send(int dst, int src, int sgi)
{
	return (sgi == src && dst == (src + 1) % NR_THREADS) || (sgi == 8 && dst != src) ||
	       (sgi == 12 && dst == src);
}

START_TEST(test_threads_exact)
{
	static struct rec r[200000];
	static unsigned int sends[4][4][16], pends[4][4][16], acks[4][4][16], eois[4], sgirs[4];
	static unsigned long long pend_ids[200000], pend_ts[200000];
	pthread_t th[NR_THREADS];
	size_t n, nr_ids = 0;
	uint64_t dropped;
	char *text;

	memset(sends, 0, sizeof(sends));
	memset(pends, 0, sizeof(pends));
	memset(acks, 0, sizeof(acks));
	memset(eois, 0, sizeof(eois));
	memset(sgirs, 0, sizeof(sgirs));
	start(NR_THREADS, TRACE_CSV);
	for (uintptr_t i = 0; i < NR_THREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, sender, (void *)i), 0);
	for (int i = 0; i < NR_THREADS; i++)
		pthread_join(th[i], NULL);
	for (unsigned int i = 0; i < NR_THREADS; i++)
		take_all(i);
	text = finish(&dropped);
	n = parse_csv(text, r, sizeof(r) / sizeof(r[0]));
	ck_assert_uint_eq(dropped, 0);

	/* Every send first, so an acknowledge in the same nanosecond finds its send. */
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(r[i].event, "pend")) {
			expect(r[i].id, "pend without an id");
			pend_ids[nr_ids] = r[i].id;
			pend_ts[nr_ids++] = r[i].ts;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct rec *e = &r[i];

		if (!strcmp(e->event, "sgir")) {
			int want = e->intid == 8 ? 0xf & ~(1 << e->cpu) :
				   e->intid == 12 ? 1 << e->cpu : 1 << ((e->cpu + 1) % NR_THREADS);

			expect(e->targets == want, "SGIR of SGI %d by CPU%d: targets 0x%x, want 0x%x",
			       e->intid, e->cpu, e->targets, want);	/* the filter, expanded */
			sgirs[e->cpu]++;
		} else if (!strcmp(e->event, "pend") || !strcmp(e->event, "coalesced")) {
			sends[e->cpu][e->src][e->intid]++;
			if (e->event[0] == 'p')
				pends[e->cpu][e->src][e->intid]++;
		} else if (!strcmp(e->event, "ack")) {
			size_t j = 0;

			acks[e->cpu][e->src][e->intid]++;
			/* Consumes exactly one send made no later, from that source to this target. */
			while (j < nr_ids && pend_ids[j] != e->id)
				j++;
			expect(j < nr_ids && e->id && pend_ts[j] <= e->ts,
			       "ack of SGI %d on CPU%d from CPU%d has no earlier send (id %llu)",
			       e->intid, e->cpu, e->src, e->id);
			pend_ids[j] = 0;
		} else if (!strcmp(e->event, "eoi")) {
			eois[e->cpu]++;
		}
	}
	for (int dst = 0; dst < NR_THREADS; dst++) {
		unsigned int taken = 0;

		ck_assert_uint_eq(sgirs[dst], 3 * ROUNDS);
		for (int src = 0; src < NR_THREADS; src++) {
			for (int sgi = 0; sgi < 16; sgi++) {
				expect(sends[dst][src][sgi] == (expected_send(dst, src, sgi) ? ROUNDS : 0),
				       "%u sends of SGI %d from CPU%d to CPU%d", sends[dst][src][sgi], sgi, src, dst);
				expect(acks[dst][src][sgi] == pends[dst][src][sgi],
				       "SGI %d CPU%d>CPU%d: %u acks, %u pends", sgi, src, dst,
				       acks[dst][src][sgi], pends[dst][src][sgi]);
				taken += acks[dst][src][sgi];
			}
		}
		ck_assert_uint_eq(eois[dst], taken);
	}
	free(text);
}
END_TEST

/* ---- the JSON a viewer opens ---- */

static unsigned int count(const char *text, const char *what)
{
	unsigned int n = 0;

	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

START_TEST(test_json)
{
	uint64_t dropped;
	char *text, flow[64];
	const char *s;

	start(2, TRACE_JSON);
	trace_record(t, TRACE_RUN_ENTER, 0, TRACE_NO_CPU, 0, 0);
	trace_record(t, TRACE_RUN_ENTER, 1, TRACE_NO_CPU, 0, 0);
	trace_record(t, TRACE_RUN_EXIT, 0, TRACE_NO_CPU, 0, 0);	/* GICD_SGIR */
	sgir(0, SGIR(0, 0x02, 1));
	trace_record(t, TRACE_RUN_ENTER, 0, TRACE_NO_CPU, 0, 0);
	trace_record(t, TRACE_RUN_EXIT, 1, TRACE_NO_CPU, 0, 1);	/* GICC_IAR */
	ck_assert_uint_eq(iar(1), 1);
	vgic_cpu_write(v, 1, GICC_EOIR, 4, 1);
	text = finish(&dropped);

	ck_assert_msg(!strncmp(text, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", 38), "%.60s", text);
	ck_assert_str_eq(text + strlen(text) - 4, "\n]}\n");
	ck_assert_uint_eq(count(text, "{"), count(text, "}"));
	ck_assert_uint_eq(count(text, "\"ph\":\"B\""), 5);
	ck_assert_uint_eq(count(text, "\"ph\":\"E\""), 5);	/* 3 by the runs, 2 at the end */
	ck_assert_uint_eq(count(text, "\"name\":\"exit GICD_SGIR\""), 1);
	ck_assert_uint_eq(count(text, "\"event\":\"ack\""), 1);
	ck_assert_uint_eq(count(text, "\"name\":\"SGI 1 CALL_FUNC from CPU0\""), 1);
	ck_assert_uint_eq(count(text, "\"name\":\"vCPU 1 interrupts\""), 1);
	/* One arrow: its start on the sender's track and its end share an id. */
	ck_assert_uint_eq(count(text, "\"ph\":\"s\""), 1);
	ck_assert_uint_eq(count(text, "\"ph\":\"f\""), 1);
	s = strstr(strstr(text, "\"ph\":\"s\""), "\"id\":");
	snprintf(flow, sizeof(flow), "%.*s", (int)strcspn(s, ","), s);
	ck_assert_uint_eq(count(text, flow), 4);	/* s, f, and the pend and ack args */
	ck_assert_ptr_nonnull(strstr(strstr(text, "\"ph\":\"s\""), "\"tid\":0,"));
	ck_assert_ptr_nonnull(strstr(strstr(text, "\"ph\":\"f\""), "\"tid\":101,"));
	free(text);
}
END_TEST

/* ---- nothing is lost without being counted ---- */

START_TEST(test_drops_counted)
{
	enum { N = 100000 };	/* three rings full: some drop unless the writer keeps up */
	unsigned int lines;
	uint64_t dropped;
	char *text;

	start(1, TRACE_CSV);
	for (int i = 0; i < N; i++)
		trace_record(t, TRACE_LINE, 0, TRACE_NO_CPU, 0, i & 1);
	text = finish(&dropped);
	lines = count(text, "\n") - 2;
	ck_assert_uint_eq(lines + dropped, N);
	free(text);
}
END_TEST

/* ---- a pipe nobody reads: trace_close gives up instead of hanging ---- */

START_TEST(test_stalled_reader)
{
	uint64_t dropped;
	char err[128];
	int fds[2];
	time_t t0;

	ck_assert_int_eq(pipe(fds), 0);
	t = trace_open(fds[1], TRACE_CSV, 1);
	ck_assert_ptr_nonnull(t);
	for (int i = 0; i < 100000; i++)
		trace_record(t, TRACE_KICK, 0, TRACE_NO_CPU, 0, 0);
	t0 = time(NULL);
	ck_assert_int_eq(trace_close(t, &dropped, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "stopped reading"), "%s", err);
	ck_assert_int_le(time(NULL) - t0, 10);
	close(fds[0]);
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("recorder");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_sequence);
	tcase_add_test(tc, test_threads_exact);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_drops_counted);
	tcase_add_test(tc, test_stalled_reader);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_SUITE(trace_suite)
