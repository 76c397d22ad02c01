/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --trace FILE: the life of every IPI on a timeline. GIC events (from the
 * vgic's event hook), kicks, fault-injection drops and each vCPU's KVM_RUN
 * entries and exits are recorded with a CLOCK_MONOTONIC timestamp and
 * written, by a writer thread, as Chrome/Perfetto trace-event JSON or as
 * CSV (one line per event; the fields are documented in the README).
 *
 * Recording never blocks and takes no shared lock: every thread that
 * records gets its own ring (found through a pthread key), filled by that
 * thread alone and drained by the writer. A full ring drops the event and
 * counts it; the count is printed at the end.
 *
 * Flow ids pair each SGI send with the acknowledge that consumes it. The
 * pending-send table behind them is only touched from the vgic's event
 * hook for the target CPU, which runs under that CPU's vgic lock (vgic.h):
 * the lock serialises it, trace.c adds none.
 */
#ifndef MINIVMM_TRACE_H
#define MINIVMM_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vgic/vgic.h"

enum trace_format { TRACE_JSON, TRACE_CSV };

enum trace_event {
	TRACE_RUN_ENTER,	/* the vCPU enters KVM_RUN */
	TRACE_RUN_EXIT,		/* back in minivmm; value = enum stats_exit */
	TRACE_SGIR,
	TRACE_PEND,
	TRACE_COALESCED,
	TRACE_CLEAR,
	TRACE_ACK,
	TRACE_SPURIOUS,
	TRACE_EOI,
	TRACE_DIR,
	TRACE_LINE,
	TRACE_KICK,		/* cpu = the kicked vCPU, src = the kicking vCPU or none */
	TRACE_LEVEL,
	TRACE_DROP,		/* fault injection lost a send: cpu = target */
	TRACE_NR_EVENTS
};

#define TRACE_NO_CPU	0xff

/* One event as recorded: 32 bytes. */
struct trace_record {
	uint64_t ts;		/* CLOCK_MONOTONIC, ns */
	uint64_t id;		/* flow id: PEND and the ACK that consumed it; 0 = none */
	uint32_t value;
	uint16_t intid;
	uint8_t type;		/* enum trace_event */
	uint8_t cpu;
	uint8_t src;		/* TRACE_NO_CPU when not applicable */
	uint8_t targets;
	uint8_t pad[6];
};

struct trace;

/* The name of each event as written (the CSV's second column, JSON's args.event). */
extern const char *const trace_event_names[TRACE_NR_EVENTS];

/*
 * Start recording for @nr_cpus vCPUs into the open file descriptor @fd
 * (taken over: closed by trace_close, also on failure). Returns NULL with
 * errno set on failure.
 */
struct trace *trace_open(int fd, enum trace_format format, unsigned int nr_cpus);

/*
 * Stop: write what is still recorded, end the file and close it. Returns 0,
 * or -1 when writing failed (@err says why). Dropped events are reported in
 * @dropped. Every recording thread must have stopped recording.
 */
int trace_close(struct trace *t, uint64_t *dropped, char *err, size_t errlen);

/* Record one event from the calling thread. */
void trace_record(struct trace *t, enum trace_event type, unsigned int cpu, unsigned int src,
		  unsigned int intid, uint32_t value);

/* What the vgic's event hook (struct vgic_config.event) passes on. */
void trace_gic_event(struct trace *t, const struct vgic_event *ev);

/* Nanoseconds on the clock every record uses. */
uint64_t trace_now(void);

#endif
