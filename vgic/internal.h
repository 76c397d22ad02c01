/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgic internals shared by vgic.c (state, locking, line update), dist.c
 * (distributor registers), cpuif.c (CPU interface) and sgi.c (SGIs).
 * The locking rules are described at the top of vgic.c.
 */
#ifndef MINIVMM_VGIC_INTERNAL_H
#define MINIVMM_VGIC_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "vgic/vgic.h"

#define VGIC_SPI_WORDS		((VGIC_MAX_SPIS + 31) / 32)
#define VGIC_MAX_INTID		(VGIC_NR_PRIVATE + VGIC_MAX_SPIS)	/* 1020 */

/* 5 priority bits like GIC-400: 32 levels, the low three bits RAZ/WI. */
#define VGIC_PRIO_MASK		0xf8u
#define VGIC_PRIO_SHIFT		3
#define VGIC_IDLE_PRIO		0xffu	/* running priority with nothing active */
#define VGIC_MIN_BPR		2	/* 7 - priority bits */
#define VGIC_NO_PRIO		0x100u	/* "no candidate" */

/* Bits of GICC_CTLR we keep (the Secure/no-Security-Extensions layout). */
#define GICC_CTLR_ENABLE_GRP0	(1u << 0)
#define GICC_CTLR_ENABLE_GRP1	(1u << 1)
#define GICC_CTLR_ACKCTL	(1u << 2)
#define GICC_CTLR_CBPR		(1u << 4)
#define GICC_CTLR_BYPASS_MASK	(0xfu << 5)
#define GICC_CTLR_EOIMODE	(1u << 9)
#define GICC_CTLR_EOIMODE_NS	(1u << 10)
#define GICC_CTLR_WRITABLE	(GICC_CTLR_ENABLE_GRP0 | GICC_CTLR_ENABLE_GRP1 | \
				 GICC_CTLR_ACKCTL | GICC_CTLR_CBPR | \
				 GICC_CTLR_BYPASS_MASK | GICC_CTLR_EOIMODE | \
				 GICC_CTLR_EOIMODE_NS)

#define GICD_CTLR_ENABLE_GRP0	(1u << 0)
#define GICD_CTLR_WRITABLE	0x3u

/* Kinds of guest misuse, each reported once (see vgic_report). */
enum vgic_misuse {
	VGIC_BAD_WIDTH,
	VGIC_MISALIGNED,
	VGIC_RO_WRITE,
	VGIC_RESERVED_WRITE,
	VGIC_WO_READ,
	VGIC_SGIR_RESERVED_FILTER,
	VGIC_EOI_NOTHING_ACTIVE,
	VGIC_EOI_BAD_INTID,
	VGIC_DIR_WITHOUT_EOIMODE,
	VGIC_NR_MISUSE
};

/*
 * One CPU interface plus the CPU's banked SGI/PPI state. Everything in
 * here is protected by @lock, except @spi_target (written under the
 * distributor lock, read with atomic loads) and @line (written under
 * @lock, also read with an atomic load by vgic_cpu_irq_line).
 */
struct vgic_cpu {
	pthread_mutex_t lock;
	unsigned int id;

	/* Banked private interrupts, one bit per INTID 0..31. */
	uint32_t enabled;	/* SGI bits always set (GIC-400: RAO/WI) */
	uint32_t pend_latch;	/* SGIs: "some source pending"; PPIs: latched */
	uint32_t level;		/* PPI input levels */
	uint32_t active;
	uint32_t edge;		/* 1 = edge-triggered; SGIs always */
	uint8_t sgi_src[VGIC_NR_SGIS];	/* pending source CPUs per SGI */
	uint8_t prio[VGIC_NR_PRIVATE];

	/* CPU interface registers. */
	uint32_t ctlr;
	uint32_t pmr;
	uint32_t bpr;
	uint32_t abpr;
	uint32_t apr;		/* active preemption levels, bit = group prio >> 3 */

	bool line;		/* last level given to the line callback */
	struct vgic_cpu_stats stats;
	uint8_t sgi_active_src[VGIC_NR_SGIS];	/* who sent each active SGI: for stats */

	/* SPIs whose ITARGETSR names this CPU (atomic words). */
	uint32_t spi_target[VGIC_SPI_WORDS];
};

/*
 * Shared SPI state. Written only under @lock; every word/byte is also read
 * with atomic loads, without the lock, when a CPU recomputes its line.
 */
struct vgic_dist {
	pthread_mutex_t lock;
	uint32_t ctlr;		/* atomic */
	uint32_t enabled[VGIC_SPI_WORDS];
	uint32_t pend_latch[VGIC_SPI_WORDS];
	uint32_t level[VGIC_SPI_WORDS];
	uint32_t active[VGIC_SPI_WORDS];
	uint32_t edge[VGIC_SPI_WORDS];
	uint8_t prio[VGIC_MAX_SPIS];
	uint8_t targets[VGIC_MAX_SPIS];
};

struct vgic {
	unsigned int nr_cpus;
	unsigned int nr_spis;
	unsigned int nr_irqs;		/* 32 + nr_spis */
	vgic_line_fn line;
	vgic_report_fn report;
	vgic_event_fn event;
	void *opaque;
	uint32_t reported;		/* atomic: bit per enum vgic_misuse */
	struct vgic_dist dist;
	struct vgic_cpu cpus[VGIC_MAX_CPUS];
};

/* Relaxed atomics for state read outside its lock (see vgic.c). */
static inline uint32_t vgic_ld(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void vgic_st(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static inline uint8_t vgic_ld8(const uint8_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static inline void vgic_st8(uint8_t *p, uint8_t v)
{
	__atomic_store_n(p, v, __ATOMIC_RELAXED);
}

static inline uint32_t vgic_cpu_mask(const struct vgic *vgic)
{
	return (1u << vgic->nr_cpus) - 1;
}

void vgic_emit_event(struct vgic *vgic, enum vgic_event_type type, unsigned int cpu,
		     unsigned int src, unsigned int intid, uint32_t value, uint32_t targets);

/* Tell the tracer, if there is one: a load and a branch when there is none. */
static inline void vgic_emit(struct vgic *vgic, enum vgic_event_type type, unsigned int cpu,
			     unsigned int src, unsigned int intid, uint32_t value)
{
	if (__builtin_expect(vgic->event != NULL, 0))
		vgic_emit_event(vgic, type, cpu, src, intid, value, 0);
}

/* Candidate interrupt for a CPU: INTID and priority, VGIC_NO_PRIO if none. */
struct vgic_pick {
	unsigned int intid;
	unsigned int prio;
};

/* vgic.c */
void vgic_report(struct vgic *vgic, unsigned int cpu, enum vgic_misuse kind,
		 const char *msg);
void vgic_cpu_lock(struct vgic_cpu *c);
void vgic_cpu_unlock(struct vgic_cpu *c);
void vgic_dist_lock(struct vgic *vgic);
void vgic_dist_unlock(struct vgic *vgic);
struct vgic_pick vgic_cpu_best(struct vgic *vgic, struct vgic_cpu *c);
bool vgic_cpu_unmasked(struct vgic *vgic, struct vgic_cpu *c, unsigned int prio);
bool vgic_cpu_can_signal(struct vgic *vgic, struct vgic_cpu *c, unsigned int prio);
void vgic_cpu_set_line(struct vgic *vgic, struct vgic_cpu *c, bool level);
void vgic_cpu_update(struct vgic *vgic, struct vgic_cpu *c);
void vgic_cpu_raise(struct vgic *vgic, struct vgic_cpu *c, unsigned int intid);
void vgic_update_cpus(struct vgic *vgic, uint32_t cpumask);
uint32_t vgic_spi_pending_word(struct vgic_dist *d, unsigned int w);

/* cpuif.c */
unsigned int vgic_group_prio(const struct vgic_cpu *c, unsigned int prio);
unsigned int vgic_running_prio(const struct vgic_cpu *c);

/* sgi.c */
int vgic_sgi_send(struct vgic *vgic, unsigned int src, uint32_t sgir);
void vgic_sgi_set_sources(struct vgic *vgic, unsigned int cpu, unsigned int sgi,
			  uint8_t sources);
void vgic_sgi_clear_sources(struct vgic *vgic, unsigned int cpu, unsigned int sgi,
			    uint8_t sources);
uint32_t vgic_sgi_ack(struct vgic_cpu *c, unsigned int sgi);

#endif
