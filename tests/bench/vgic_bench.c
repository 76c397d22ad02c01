// SPDX-License-Identifier: GPL-2.0
/*
 * vgic microbenchmark: the model's cost of one GICD_SGIR write and of one
 * GICC_IAR + GICC_EOIR pair, single-threaded and uncontended (a lower bound:
 * the VMM adds an MMIO exit, about 0.23 ms nested, around each of them).
 *
 *   make vgic-bench && ./build/host/vgic-bench [rounds] [--trace]
 *
 * With --trace the model reports every event to a real --trace recorder
 * (vmm/trace.c, CSV to /dev/null): the cost tracing adds on the SGI path.
 * Its rings hold 32768 events per thread, so the rounds run in chunks with
 * an untimed pause between them for the writer to drain: the figures are
 * those of recording, not of dropping (the drop count is printed).
 *
 * Each round CPU 0 sends SGIs 0..15 to CPU 1 (each one newly pending, as an
 * IPI to a CPU that is not already interrupted), then CPU 1 takes them with
 * IAR and completes them with EOIR; the send and receive phases are timed
 * separately (with up to 16 SGIs pending, IAR and EOIR search more than
 * usual). A third loop times whole IPIs one at a time (SGIR, IAR, EOIR with
 * a single SGI pending, the common case), a fourth an SGIR that only
 * coalesces.
 *
 * Instructions per operation: run under callgrind, collecting only inside
 * the measured functions, and divide Ir by the operation count printed:
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *     --toggle-collect=bench_send \
 *     ./build/host/vgic-bench 2000
 * and likewise with bench_take, bench_ipi and bench_coalesce, one at a time
 * (the program prints the operation counts, and lowers the default round
 * count under valgrind).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <valgrind/valgrind.h>

#include "vgic/vgic.h"
#include "vgic/gicv2_regs.h"
#include "vmm/trace.h"

#define BATCH		16
#define CHUNK		200	/* rounds between pauses when tracing: < 32768 events */

static struct trace *trace;

static unsigned long line_changes;

static void line_cb(void *opaque, unsigned int cpu, bool level)
{
	line_changes++;
}

static void event_cb(void *opaque, const struct vgic_event *ev)
{
	trace_gic_event(opaque, ev);
}

/* Tracing: let the writer empty the rings (its hold time is 50 ms), untimed. */
static void pause_for_writer(unsigned long r)
{
	if (trace && r % CHUNK == CHUNK - 1)
		usleep(80000);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* CPU 0 sends SGIs 0..15 to CPU 1: 16 SGIR writes. */
__attribute__((noinline)) void bench_send(struct vgic *v)
{
	for (uint32_t sgi = 0; sgi < BATCH; sgi++)
		vgic_dist_write(v, 0, GICD_SGIR, 4, (0u << 24) | (0x2u << 16) | sgi);
}

/* CPU 1 takes one SGI: one IAR + EOIR pair. */
static inline unsigned int bench_take1(struct vgic *v)
{
	uint32_t iar;

	vgic_cpu_read(v, 1, GICC_IAR, 4, &iar);
	if ((iar & 0x3ff) == 1023)
		return 0;
	vgic_cpu_write(v, 1, GICC_EOIR, 4, iar & 0x3ff);
	return 1;
}

/* CPU 1 takes them: 16 IAR + EOIR pairs. Returns how many it got. */
__attribute__((noinline)) unsigned int bench_take(struct vgic *v)
{
	unsigned int got = 0;
	uint32_t iar;

	for (unsigned int i = 0; i < BATCH; i++) {
		vgic_cpu_read(v, 1, GICC_IAR, 4, &iar);
		if ((iar & 0x3ff) == 1023)
			break;
		vgic_cpu_write(v, 1, GICC_EOIR, 4, iar & 0x3ff);
		got++;
	}
	return got;
}

/* One whole IPI at a time: SGIR, then IAR + EOIR on the idle target. */
__attribute__((noinline)) unsigned int bench_ipi(struct vgic *v)
{
	unsigned int got = 0;

	for (uint32_t sgi = 0; sgi < BATCH; sgi++) {
		vgic_dist_write(v, 0, GICD_SGIR, 4, (0x2u << 16) | sgi);
		got += bench_take1(v);
	}
	return got;
}

/* The same SGI again while pending: an SGIR write that only coalesces. */
__attribute__((noinline)) void bench_coalesce(struct vgic *v)
{
	for (unsigned int i = 0; i < BATCH; i++)
		vgic_dist_write(v, 0, GICD_SGIR, 4, (0x2u << 16) | 3);
}

int main(int argc, char **argv)
{
	struct vgic_config cfg = { .nr_cpus = 2, .nr_spis = 32, .line = line_cb };
	unsigned long rounds = RUNNING_ON_VALGRIND ? 2000 : 200000;
	double t_send = 0, t_take = 0, t_coal = 0, t_ipi = 0, t;
	uint64_t dropped = 0;
	struct vgic *v;
	char err[128];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--trace"))
			trace = trace_open(open("/dev/null", O_WRONLY), TRACE_CSV, 2);
		else
			rounds = strtoul(argv[i], NULL, 0);
	}
	if (trace) {
		cfg.event = event_cb;
		cfg.opaque = trace;
		rounds = rounds / 10 ? rounds / 10 : 1;	/* the pauses take time */
	}
	v = vgic_create(&cfg);
	if (!v || !rounds)
		return 1;
	vgic_dist_write(v, 0, GICD_CTLR, 4, 1);
	for (unsigned int cpu = 0; cpu < 2; cpu++) {
		vgic_cpu_write(v, cpu, GICC_PMR, 4, 0xf0);
		vgic_cpu_write(v, cpu, GICC_CTLR, 4, 1);
	}
	for (unsigned long r = 0; r < rounds; r++) {
		t = now_ns();
		bench_send(v);
		t_send += now_ns() - t;
		t = now_ns();
		if (bench_take(v) != BATCH) {
			fprintf(stderr, "vgic-bench: lost SGIs\n");
			return 1;
		}
		t_take += now_ns() - t;
		pause_for_writer(r);
	}
	for (unsigned long r = 0; r < rounds; r++) {
		t = now_ns();
		if (bench_ipi(v) != BATCH) {
			fprintf(stderr, "vgic-bench: lost SGIs\n");
			return 1;
		}
		t_ipi += now_ns() - t;
		pause_for_writer(r);
	}
	vgic_dist_write(v, 0, GICD_SGIR, 4, (0x2u << 16) | 3);
	for (unsigned long r = 0; r < rounds; r++) {
		t = now_ns();
		bench_coalesce(v);
		t_coal += now_ns() - t;
		pause_for_writer(r);
	}
	if (trace && trace_close(trace, &dropped, err, sizeof(err))) {
		fprintf(stderr, "vgic-bench: trace: %s\n", err);
		return 1;
	}
	printf("vgic-bench: %lu rounds of %u; %lu line changes; tracing %s", rounds, BATCH,
	       line_changes, trace ? "on" : "off");
	if (trace)
		printf(" (%llu events dropped)", (unsigned long long)dropped);
	printf("\n");
	printf("  SGIR write (new pending):  %6.1f ns/op  (%lu ops in bench_send)\n",
	       t_send / (rounds * BATCH), rounds * BATCH);
	printf("  IAR + EOIR pair:           %6.1f ns/op  (%lu pairs in bench_take)\n",
	       t_take / (rounds * BATCH), rounds * BATCH);
	printf("  whole IPI, SGIR+IAR+EOIR:  %6.1f ns/op  (%lu IPIs in bench_ipi)\n",
	       t_ipi / (rounds * BATCH), rounds * BATCH);
	printf("  SGIR write (coalesced):    %6.1f ns/op  (%lu ops in bench_coalesce)\n",
	       t_coal / (rounds * BATCH), rounds * BATCH);
	vgic_destroy(v);
	return 0;
}
