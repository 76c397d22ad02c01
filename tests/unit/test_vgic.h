/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the vgic unit suites (tests/unit/test_vgic_*.c): a
 * fixture that records every line callback and report, and short register
 * accessors that fail the test on an unexpected return code.
 */
#ifndef MINIVMM_TEST_VGIC_H
#define MINIVMM_TEST_VGIC_H

#include <stdio.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "vgic/vgic.h"

/* Distributor */
#define D_CTLR		0x000
#define D_TYPER		0x004
#define D_IIDR		0x008
#define D_IGROUPR	0x080
#define D_ISENABLER	0x100
#define D_ICENABLER	0x180
#define D_ISPENDR	0x200
#define D_ICPENDR	0x280
#define D_ISACTIVER	0x300
#define D_ICACTIVER	0x380
#define D_IPRIORITYR	0x400
#define D_ITARGETSR	0x800
#define D_ICFGR		0xc00
#define D_SGIR		0xf00
#define D_CPENDSGIR	0xf10
#define D_SPENDSGIR	0xf20
#define D_PIDR4		0xfd0
#define D_PIDR0		0xfe0
#define D_PIDR1		0xfe4
#define D_PIDR2		0xfe8
#define D_PIDR3		0xfec
#define D_CIDR0		0xff0

/* CPU interface */
#define C_CTLR		0x000
#define C_PMR		0x004
#define C_BPR		0x008
#define C_IAR		0x00c
#define C_EOIR		0x010
#define C_RPR		0x014
#define C_HPPIR		0x018
#define C_ABPR		0x01c
#define C_AIAR		0x020
#define C_AEOIR		0x024
#define C_AHPPIR	0x028
#define C_APR0		0x0d0
#define C_IIDR		0x0fc
#define C_DIR		0x1000

#define C_CTLR_EOIMODE	(1u << 9)
#define SPURIOUS	1023u

#define SGIR(filter, list, id)	(((uint32_t)(filter) << 24) | ((uint32_t)(list) << 16) | (id))

struct tv {
	struct vgic *v;
	unsigned int nr_cpus;
	int line[VGIC_MAX_CPUS];	/* level from the last callback */
	int raises[VGIC_MAX_CPUS];
	int lowers[VGIC_MAX_CPUS];
	int bad_toggles;		/* callback that did not change the level */
	int reports;
	char last_report[160];
};

static struct tv tv;

static inline void tv_line(void *opaque, unsigned int cpu, bool level)
{
	struct tv *t = opaque;

	ck_assert_uint_lt(cpu, t->nr_cpus);
	if (t->line[cpu] == (int)level)
		t->bad_toggles++;
	t->line[cpu] = level;
	if (level)
		t->raises[cpu]++;
	else
		t->lowers[cpu]++;
}

static inline void tv_report(void *opaque, unsigned int cpu, const char *msg)
{
	struct tv *t = opaque;

	t->reports++;
	snprintf(t->last_report, sizeof(t->last_report), "%s", msg);
}

static inline void tv_init(unsigned int nr_cpus, unsigned int nr_spis)
{
	struct vgic_config cfg = {
		.nr_cpus = nr_cpus, .nr_spis = nr_spis,
		.line = tv_line, .report = tv_report, .opaque = &tv,
	};

	memset(&tv, 0, sizeof(tv));
	tv.nr_cpus = nr_cpus;
	tv.v = vgic_create(&cfg);
	ck_assert_ptr_nonnull(tv.v);
}

static inline void tv_fini(void)
{
	if (tv.v)
		vgic_destroy(tv.v);
	tv.v = NULL;
}

/* Default fixtures: 4 CPUs, 64 SPIs; 8 CPUs, 32 SPIs. */
static inline void tv_setup4(void) { tv_init(4, 64); }
static inline void tv_setup8(void) { tv_init(8, 32); }

static inline uint32_t dr(unsigned int cpu, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	ck_assert_int_eq(vgic_dist_read(tv.v, cpu, off, 4, &v), 0);
	return v;
}

static inline void dw(unsigned int cpu, uint32_t off, uint32_t val)
{
	ck_assert_int_eq(vgic_dist_write(tv.v, cpu, off, 4, val), 0);
}

static inline uint32_t dr8(unsigned int cpu, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	ck_assert_int_eq(vgic_dist_read(tv.v, cpu, off, 1, &v), 0);
	return v;
}

static inline void dw8(unsigned int cpu, uint32_t off, uint32_t val)
{
	ck_assert_int_eq(vgic_dist_write(tv.v, cpu, off, 1, val), 0);
}

static inline uint32_t cr(unsigned int cpu, uint32_t off)
{
	uint32_t v = 0xdeadbeef;

	ck_assert_int_eq(vgic_cpu_read(tv.v, cpu, off, 4, &v), 0);
	return v;
}

static inline void cw(unsigned int cpu, uint32_t off, uint32_t val)
{
	ck_assert_int_eq(vgic_cpu_write(tv.v, cpu, off, 4, val), 0);
}

static inline uint32_t iar(unsigned int cpu) { return cr(cpu, C_IAR); }
static inline void eoi(unsigned int cpu, uint32_t v) { cw(cpu, C_EOIR, v); }

static inline void sgi(unsigned int src, unsigned int filter, unsigned int list,
		       unsigned int id)
{
	dw(src, D_SGIR, SGIR(filter, list, id));
}

/* Distributor on, every CPU interface on with PMR 0xf0 (what Linux does). */
static inline void tv_enable_all(void)
{
	dw(0, D_CTLR, 1);
	for (unsigned int i = 0; i < tv.nr_cpus; i++) {
		cw(i, C_PMR, 0xf0);
		cw(i, C_CTLR, 1);
	}
}

/* Set the priority byte of @intid as seen from @cpu. */
static inline void set_prio(unsigned int cpu, unsigned int intid, unsigned int prio)
{
	dw8(cpu, D_IPRIORITYR + intid, prio);
}

static inline void enable_irq(unsigned int cpu, unsigned int intid)
{
	dw(cpu, D_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

static inline void set_targets(unsigned int intid, unsigned int mask)
{
	dw8(0, D_ITARGETSR + intid, mask);
}

static inline bool hw_line(unsigned int cpu)
{
	return vgic_cpu_irq_line(tv.v, cpu);
}

static inline struct vgic_sgi_stats tv_stats(void)
{
	struct vgic_sgi_stats s;

	vgic_get_sgi_stats(tv.v, &s);
	return s;
}

/* Consistency every test can end with: callbacks alternate and match. */
static inline void tv_check_lines(void)
{
	ck_assert_int_eq(tv.bad_toggles, 0);
	for (unsigned int i = 0; i < tv.nr_cpus; i++)
		ck_assert_int_eq(tv.line[i], hw_line(i));
}

#endif
