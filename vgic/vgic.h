/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgic: a GICv2 (ARM IHI 0048B) distributor and CPU interface model.
 *
 * Pure C: no KVM, no threads of its own. The VMM forwards trapped MMIO
 * accesses to vgic_dist_read/write and vgic_cpu_read/write, feeds device
 * lines with vgic_set_level, and learns about every change of a CPU's IRQ
 * output through the line callback given to vgic_create.
 *
 * All entry points may be called concurrently from any thread (one thread
 * per vCPU in minivmm). The callback is called from whichever thread caused
 * the change, possibly for another CPU than the caller's.
 */
#ifndef MINIVMM_VGIC_H
#define MINIVMM_VGIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define VGIC_MAX_CPUS		8
#define VGIC_NR_SGIS		16
#define VGIC_NR_PRIVATE		32	/* SGIs + PPIs, banked per CPU */
#define VGIC_MAX_SPIS		988	/* INTIDs 32..1019 */
#define VGIC_SPURIOUS		1023

struct vgic;

/* Called when CPU @cpu's IRQ output changes to @level. */
typedef void (*vgic_line_fn)(void *opaque, unsigned int cpu, bool level);

/*
 * Called once per distinct kind of guest misuse (bad width, reserved or
 * read-only register written, ...) with a one-line description; the VMM
 * decides how to report it. May be NULL.
 */
typedef void (*vgic_report_fn)(void *opaque, unsigned int cpu, const char *msg);

/* What a tracer can see happen in the GIC (see vgic_config.event). */
enum vgic_event_type {
	VGIC_EV_SGIR,		/* @cpu wrote GICD_SGIR @value: SGI @intid to CPUs @targets */
	VGIC_EV_SGI_PEND,	/* SGI @intid from @src became pending on @cpu */
	VGIC_EV_SGI_COALESCED,	/* ... was still pending: the send merged into it */
	VGIC_EV_SGI_CLEAR,	/* GICD_CPENDSGIR removed it */
	VGIC_EV_ACK,		/* @cpu's GICC_IAR returned @intid (@src for an SGI) */
	VGIC_EV_SPURIOUS,	/* @cpu's GICC_IAR returned 1023 */
	VGIC_EV_EOI,		/* @cpu wrote GICC_EOIR @intid; @value 1 if that deactivated it */
	VGIC_EV_DIR,		/* @cpu wrote GICC_DIR @intid (deactivated) */
	VGIC_EV_LINE,		/* @cpu's IRQ output changed to @value */
	VGIC_EV_LEVEL,		/* input @intid (PPI of @cpu, or SPI) changed to @value */
	VGIC_NR_EVENTS
};

struct vgic_event {
	enum vgic_event_type type;
	unsigned int cpu;
	unsigned int src;	/* SGI events: the source CPU */
	unsigned int intid;
	uint32_t value;
	uint32_t targets;	/* VGIC_EV_SGIR: the expanded target list */
};

/*
 * Called, when set, for every event above, by the thread that caused it.
 * Events about one CPU's banked state (all but SGIR and an SPI's LEVEL) are
 * reported with that CPU's lock held, so they arrive serialised in that
 * CPU's lock order: a PEND always before the ACK that consumes it. SGIR
 * comes before the PENDs it fans out to. Like the line callback it must not
 * call back into the vgic.
 */
typedef void (*vgic_event_fn)(void *opaque, const struct vgic_event *ev);

struct vgic_config {
	unsigned int nr_cpus;		/* 1..VGIC_MAX_CPUS */
	unsigned int nr_spis;		/* multiple of 32, 0..VGIC_MAX_SPIS rounded down */
	vgic_line_fn line;
	vgic_report_fn report;
	vgic_event_fn event;		/* NULL: no tracing, one branch per event */
	void *opaque;			/* passed to every callback */
};

/* SGI accounting, summed over all CPUs; exact at quiescence. */
struct vgic_sgi_stats {
	uint64_t sent;		/* (target, source, sgi) sends requested via SGIR/SPENDSGIR */
	uint64_t coalesced;	/* sends that found the same (target, source, sgi) still pending */
	uint64_t acked;		/* SGIs handed out by IAR (each consumes one source) */
	uint64_t cleared;	/* pending sources removed by CPENDSGIR/ICPENDR */
};

/* One (SGI, source CPU) pair as seen by one target CPU. */
struct vgic_sgi_pair_stats {
	uint64_t sent;		/* sends to this target (SGIR or SPENDSGIR) */
	uint64_t coalesced;	/* of those, found the same (sgi, source) still pending */
	uint64_t acked;		/* handed out by GICC_IAR */
	uint64_t completed;	/* deactivated (EOIR with EOImode 0, or DIR) */
	uint64_t cleared;	/* pending source removed by CPENDSGIR */
};

/* A CPU interface's accounting: exact at quiescence (see vgic_get_cpu_stats). */
struct vgic_cpu_stats {
	struct vgic_sgi_pair_stats sgi[VGIC_NR_SGIS][VGIC_MAX_CPUS];	/* [sgi][source] */
	uint64_t taken[VGIC_NR_PRIVATE + VGIC_MAX_SPIS];	/* GICC_IAR results by INTID */
	uint64_t spurious;	/* GICC_IAR reads that returned 1023 */
};

/* Returns NULL on a bad config (out-of-range values) or out of memory. */
struct vgic *vgic_create(const struct vgic_config *cfg);
void vgic_destroy(struct vgic *vgic);

/*
 * Back to the power-on state (what vgic_create made): every register, and
 * all pending, active, level and routing state; each CPU's line that was
 * high goes low through the line callback. The statistics stay, with the
 * SGIs the reset took away counted as cleared (pending) or completed
 * (active). Only while no other thread uses the vgic (a system reset:
 * every vCPU stopped).
 */
void vgic_reset(struct vgic *vgic);

/*
 * MMIO accesses, @offset relative to the GICD (4 KiB) or GICC (8 KiB) base,
 * @width in bytes (1, 2, 4 or 8). Reads always produce a value (0 for
 * anything not readable). Returns 0, or -1 when the access was not valid
 * for that register (reported through the report callback and ignored).
 */
int vgic_dist_read(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		   unsigned int width, uint32_t *value);
int vgic_dist_write(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		    unsigned int width, uint32_t value);
int vgic_cpu_read(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		  unsigned int width, uint32_t *value);
int vgic_cpu_write(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		   unsigned int width, uint32_t value);

/*
 * Drive an interrupt input. @irq is a GIC INTID: 16..31 (PPI, banked, @cpu
 * selects the bank) or 32..32+nr_spis-1 (SPI, @cpu ignored). Level-sensitive
 * inputs follow @level; edge-triggered ones latch pending on a rising edge.
 */
void vgic_set_level(struct vgic *vgic, unsigned int irq, unsigned int cpu, bool level);

/* Current IRQ output of @cpu (what the line callback last reported). */
bool vgic_cpu_irq_line(struct vgic *vgic, unsigned int cpu);

void vgic_get_sgi_stats(struct vgic *vgic, struct vgic_sgi_stats *stats);

/*
 * Copy CPU @cpu's counters (taking its lock once: no cost on the SGI path,
 * where they are counted under the lock the path holds anyway).
 */
void vgic_get_cpu_stats(struct vgic *vgic, unsigned int cpu, struct vgic_cpu_stats *stats);

/* Print the per-CPU delivery state (lines, priorities, pending, active). */
void vgic_dump(struct vgic *vgic, FILE *out);

#endif
