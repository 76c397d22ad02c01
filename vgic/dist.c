// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 distributor registers (GICD_*).
 *
 * Register block 0 of every per-INTID register (SGIs and PPIs) is banked:
 * it reaches the accessing CPU's private state under that CPU's lock. SPI
 * registers change shared state under the distributor lock and then
 * re-evaluate the lines of the CPUs the touched SPIs target (vgic.c).
 *
 * Choices (GIC-400-like, no Security Extensions):
 * - GICD_IGROUPRn: RAZ/WI. Every interrupt is Group 0, signalled as IRQ.
 * - SGI enable bits in ISENABLER0/ICENABLER0 are RAO/WI (SGIs are always
 *   enabled, as on GIC-400); SGI bits of ISPENDR0/ICPENDR0 are ignored
 *   (use SPENDSGIR/CPENDSGIR); ICFGR0 is read-only 0xaaaaaaaa (edge).
 * - PPIs reset to level-sensitive and disabled; ICFGR1 is writable. SPIs
 *   reset to level-sensitive, disabled, priority 0, no target.
 * - Only the edge/level bit (odd bit) of each ICFGR field is stored; the
 *   other bit is RAZ/WI.
 * - 1-of-N SPIs: a pending SPI is signalled to every CPU in its ITARGETSR;
 *   the first IAR claims it (under the distributor lock), the others then
 *   see it gone and their lines are re-evaluated.
 * - Registers beyond ITLinesNumber, target bits of nonexistent CPUs and
 *   reserved offsets read as zero and ignore writes. Writes to reserved
 *   and read-only registers, and accesses of a width the register does
 *   not allow (32 bits everywhere; also bytes for IPRIORITYR, ITARGETSR,
 *   CPENDSGIR, SPENDSGIR), are reported once and ignored (return -1).
 */
#include "vgic/internal.h"
#include "vgic/gicv2_regs.h"


#define GICD_IIDR_VALUE		0x0200143bu	/* GIC-400 */
#define GICD_ICFGR0_VALUE	0xaaaaaaaau	/* SGIs: edge */

/* PIDR4..PIDR7, PIDR0..PIDR3, CIDR0..CIDR3 (GIC-400, ArchRev 2). */
static const uint8_t gicd_id_regs[12] = {
	0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

/* Which state a set/clear bitmap register (ISENABLER..ICACTIVER) reaches. */
enum vgic_bitmap { VGIC_ENABLE, VGIC_PEND, VGIC_ACTIVE };

#define WIDTH_4		(1u << 4)
#define WIDTH_1_4	((1u << 1) | (1u << 4))

static uint32_t vgic_width_mask(uint32_t offset)
{
	if ((offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) ||
	    (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10))
		return WIDTH_1_4;
	return WIDTH_4;
}

static bool vgic_dist_access_ok(struct vgic *vgic, unsigned int cpu,
				uint32_t offset, unsigned int width)
{
	if (width > 8 || !(vgic_width_mask(offset) & (1u << width))) {
		vgic_report(vgic, cpu, VGIC_BAD_WIDTH,
			    "GICD access of a width the register does not allow ignored");
		return false;
	}
	if (offset % width || offset >= GICD_SIZE) {
		vgic_report(vgic, cpu, VGIC_MISALIGNED,
			    "misaligned or out-of-range GIC access ignored");
		return false;
	}
	return true;
}

/* ---- set/clear bitmaps: ISENABLER, ICENABLER, ISPENDR, ... ---- */

static uint32_t *vgic_private_bits(struct vgic_cpu *c, enum vgic_bitmap kind)
{
	switch (kind) {
	case VGIC_ENABLE:	return &c->enabled;
	case VGIC_PEND:		return &c->pend_latch;
	default:		return &c->active;
	}
}

static uint32_t *vgic_spi_bits(struct vgic_dist *d, enum vgic_bitmap kind,
			       unsigned int w)
{
	switch (kind) {
	case VGIC_ENABLE:	return &d->enabled[w];
	case VGIC_PEND:		return &d->pend_latch[w];
	default:		return &d->active[w];
	}
}

static uint32_t vgic_bitmap_read(struct vgic *vgic, struct vgic_cpu *c,
				 enum vgic_bitmap kind, unsigned int reg)
{
	struct vgic_dist *d = &vgic->dist;
	unsigned int w = reg - 1;
	uint32_t v;

	if (reg == 0) {
		vgic_cpu_lock(c);
		v = *vgic_private_bits(c, kind);
		if (kind == VGIC_PEND)
			v |= c->level & ~c->edge;
		vgic_cpu_unlock(c);
		return v;
	}
	vgic_dist_lock(vgic);
	v = *vgic_spi_bits(d, kind, w);
	if (kind == VGIC_PEND)
		v |= d->level[w] & ~d->edge[w];
	vgic_dist_unlock(vgic);
	return v;
}

static void vgic_bitmap_write(struct vgic *vgic, struct vgic_cpu *c,
			      enum vgic_bitmap kind, unsigned int reg,
			      bool set, uint32_t value)
{
	struct vgic_dist *d = &vgic->dist;
	uint32_t *bits, targets = 0;

	if (reg == 0) {
		/* SGI enables are RAO/WI, SGI pending goes through *SGIR. */
		if (kind != VGIC_ACTIVE)
			value &= 0xffff0000u;
		vgic_cpu_lock(c);
		bits = vgic_private_bits(c, kind);
		*bits = set ? *bits | value : *bits & ~value;
		vgic_cpu_update(vgic, c);
		vgic_cpu_unlock(c);
		return;
	}
	vgic_dist_lock(vgic);
	bits = vgic_spi_bits(d, kind, reg - 1);
	vgic_st(bits, set ? *bits | value : *bits & ~value);
	for (uint32_t m = value; m; m &= m - 1)
		targets |= d->targets[(reg - 1) * 32 + __builtin_ctz(m)];
	vgic_dist_unlock(vgic);
	vgic_update_cpus(vgic, targets);
}

/* ---- IPRIORITYR and ITARGETSR: a byte per INTID ---- */

static uint32_t vgic_prio_read(struct vgic *vgic, struct vgic_cpu *c,
			       unsigned int intid, unsigned int width)
{
	uint32_t v = 0;

	if (intid < VGIC_NR_PRIVATE) {
		vgic_cpu_lock(c);
		for (unsigned int i = 0; i < width; i++)
			v |= (uint32_t)c->prio[intid + i] << (8 * i);
		vgic_cpu_unlock(c);
	} else {
		vgic_dist_lock(vgic);
		for (unsigned int i = 0; i < width; i++)
			v |= (uint32_t)vgic->dist.prio[intid - VGIC_NR_PRIVATE + i] << (8 * i);
		vgic_dist_unlock(vgic);
	}
	return v;
}

static void vgic_prio_write(struct vgic *vgic, struct vgic_cpu *c,
			    unsigned int intid, unsigned int width, uint32_t value)
{
	struct vgic_dist *d = &vgic->dist;
	uint32_t targets = 0;

	if (intid < VGIC_NR_PRIVATE) {
		vgic_cpu_lock(c);
		for (unsigned int i = 0; i < width; i++)
			c->prio[intid + i] = (value >> (8 * i)) & VGIC_PRIO_MASK;
		vgic_cpu_update(vgic, c);
		vgic_cpu_unlock(c);
		return;
	}
	vgic_dist_lock(vgic);
	for (unsigned int i = 0; i < width; i++) {
		unsigned int n = intid - VGIC_NR_PRIVATE + i;

		vgic_st8(&d->prio[n], (value >> (8 * i)) & VGIC_PRIO_MASK);
		targets |= d->targets[n];
	}
	vgic_dist_unlock(vgic);
	vgic_update_cpus(vgic, targets);
}

static uint32_t vgic_targets_read(struct vgic *vgic, unsigned int cpu,
				  unsigned int intid, unsigned int width)
{
	uint32_t v = 0;

	if (intid < VGIC_NR_PRIVATE)	/* banked: the reader's own bit */
		return (0x01010101u * (1u << cpu)) >> (8 * (4 - width));
	vgic_dist_lock(vgic);
	for (unsigned int i = 0; i < width; i++)
		v |= (uint32_t)vgic->dist.targets[intid - VGIC_NR_PRIVATE + i] << (8 * i);
	vgic_dist_unlock(vgic);
	return v;
}

static void vgic_spi_retarget(struct vgic *vgic, unsigned int n, uint8_t targets)
{
	unsigned int w = n / 32;
	uint32_t bit = 1u << (n % 32);

	for (unsigned int i = 0; i < vgic->nr_cpus; i++) {
		uint32_t *mine = &vgic->cpus[i].spi_target[w];

		vgic_st(mine, (targets & (1u << i)) ? *mine | bit : *mine & ~bit);
	}
	vgic->dist.targets[n] = targets;
}

static void vgic_targets_write(struct vgic *vgic, unsigned int intid,
			       unsigned int width, uint32_t value)
{
	struct vgic_dist *d = &vgic->dist;
	uint32_t touched = 0;

	vgic_dist_lock(vgic);
	for (unsigned int i = 0; i < width; i++) {
		unsigned int n = intid - VGIC_NR_PRIVATE + i;
		uint8_t t = (value >> (8 * i)) & vgic_cpu_mask(vgic);

		touched |= d->targets[n] | t;
		vgic_spi_retarget(vgic, n, t);
	}
	vgic_dist_unlock(vgic);
	vgic_update_cpus(vgic, touched);
}

/* ---- ICFGR: 2 bits per INTID, bit 1 = edge-triggered ---- */

static uint32_t vgic_cfg_from_edge(uint32_t edge16)
{
	uint32_t v = 0;

	for (unsigned int i = 0; i < 16; i++)
		if (edge16 & (1u << i))
			v |= 2u << (2 * i);
	return v;
}

static uint32_t vgic_edge_from_cfg(uint32_t cfg)
{
	uint32_t edge = 0;

	for (unsigned int i = 0; i < 16; i++)
		if (cfg & (2u << (2 * i)))
			edge |= 1u << i;
	return edge;
}

static uint32_t vgic_cfg_read(struct vgic *vgic, struct vgic_cpu *c, unsigned int reg)
{
	unsigned int first = reg * 16, n = first - VGIC_NR_PRIVATE;
	uint32_t edge;

	if (reg == 0)
		return GICD_ICFGR0_VALUE;
	if (reg == 1) {
		vgic_cpu_lock(c);
		edge = c->edge >> 16;
		vgic_cpu_unlock(c);
	} else {
		vgic_dist_lock(vgic);
		edge = (vgic->dist.edge[n / 32] >> (n % 32)) & 0xffff;
		vgic_dist_unlock(vgic);
	}
	return vgic_cfg_from_edge(edge);
}

static void vgic_cfg_write(struct vgic *vgic, struct vgic_cpu *c, unsigned int reg,
			   uint32_t value)
{
	struct vgic_dist *d = &vgic->dist;
	unsigned int n = reg * 16 - VGIC_NR_PRIVATE, shift = n % 32;
	uint32_t edge = vgic_edge_from_cfg(value), targets = 0, *word;

	if (reg == 1) {
		vgic_cpu_lock(c);
		c->edge = (c->edge & 0xffff) | (edge << 16);
		vgic_cpu_update(vgic, c);
		vgic_cpu_unlock(c);
		return;
	}
	vgic_dist_lock(vgic);
	word = &d->edge[n / 32];
	vgic_st(word, (*word & ~(0xffffu << shift)) | (edge << shift));
	for (unsigned int i = 0; i < 16; i++)
		targets |= d->targets[n + i];
	vgic_dist_unlock(vgic);
	vgic_update_cpus(vgic, targets);
}

/* ---- CPENDSGIR / SPENDSGIR: a byte of source CPUs per SGI, banked ---- */

static uint32_t vgic_sgi_sources_read(struct vgic_cpu *c, unsigned int sgi,
				      unsigned int width)
{
	uint32_t v = 0;

	vgic_cpu_lock(c);
	for (unsigned int i = 0; i < width; i++)
		v |= (uint32_t)c->sgi_src[sgi + i] << (8 * i);
	vgic_cpu_unlock(c);
	return v;
}

static void vgic_sgi_sources_write(struct vgic *vgic, unsigned int cpu,
				   unsigned int sgi, unsigned int width,
				   uint32_t value, bool set)
{
	for (unsigned int i = 0; i < width; i++) {
		uint8_t src = value >> (8 * i);

		if (!src)
			continue;
		if (set)
			vgic_sgi_set_sources(vgic, cpu, sgi + i, src);
		else
			vgic_sgi_clear_sources(vgic, cpu, sgi + i, src);
	}
}

/* ---- dispatch ---- */

/* Does the per-INTID register holding @intid exist (ITLinesNumber)? */
static bool vgic_intid_exists(struct vgic *vgic, unsigned int intid)
{
	return intid < vgic->nr_irqs;
}

static uint32_t vgic_typer(struct vgic *vgic)
{
	return (vgic->nr_spis / 32) | ((vgic->nr_cpus - 1) << 5);
}

static int vgic_dist_read_one(struct vgic *vgic, unsigned int cpu, uint32_t offset,
			      unsigned int width, uint32_t *value)
{
	struct vgic_cpu *c = &vgic->cpus[cpu];
	unsigned int reg = (offset & 0x7f) / 4;

	if (offset >= GICD_ISENABLER && offset < GICD_IPRIORITYR) {
		if (vgic_intid_exists(vgic, reg * 32))
			*value = vgic_bitmap_read(vgic, c, ((offset - GICD_ISENABLER) / 0x100),
						  reg);
	} else if (offset >= GICD_IPRIORITYR && offset < GICD_ITARGETSR) {
		if (vgic_intid_exists(vgic, offset - GICD_IPRIORITYR))
			*value = vgic_prio_read(vgic, c, offset - GICD_IPRIORITYR, width);
	} else if (offset >= GICD_ITARGETSR && offset < GICD_ICFGR) {
		if (vgic_intid_exists(vgic, offset - GICD_ITARGETSR))
			*value = vgic_targets_read(vgic, cpu, offset - GICD_ITARGETSR, width);
	} else if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
		if (vgic_intid_exists(vgic, (offset - GICD_ICFGR) * 4))
			*value = vgic_cfg_read(vgic, c, (offset - GICD_ICFGR) / 4);
	} else if (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10) {
		*value = vgic_sgi_sources_read(c, offset & 0xf, width);
	} else if (offset >= GICD_ID_BASE) {
		*value = gicd_id_regs[(offset - GICD_ID_BASE) / 4];
	} else if (offset == GICD_CTLR) {
		*value = vgic_ld(&vgic->dist.ctlr);
	} else if (offset == GICD_TYPER) {
		*value = vgic_typer(vgic);
	} else if (offset == GICD_IIDR) {
		*value = GICD_IIDR_VALUE;
	} else if (offset == GICD_SGIR) {
		vgic_report(vgic, cpu, VGIC_WO_READ, "read of a write-only GIC register");
		return -1;
	}
	return 0;	/* anything else (IGROUPR, reserved) reads as zero */
}

int vgic_dist_read(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		   unsigned int width, uint32_t *value)
{
	*value = 0;
	if (cpu >= vgic->nr_cpus || !vgic_dist_access_ok(vgic, cpu, offset, width))
		return -1;
	return vgic_dist_read_one(vgic, cpu, offset, width, value);
}

static int vgic_dist_write_ctlr(struct vgic *vgic, uint32_t value)
{
	vgic_st(&vgic->dist.ctlr, value & GICD_CTLR_WRITABLE);
	vgic_update_cpus(vgic, vgic_cpu_mask(vgic));
	return 0;
}

/* 0 done; 1 read-only, 2 reserved (the caller reports those); -1 already reported. */
static int vgic_dist_write_one(struct vgic *vgic, unsigned int cpu, uint32_t offset,
			       unsigned int width, uint32_t value)
{
	struct vgic_cpu *c = &vgic->cpus[cpu];
	unsigned int reg = (offset & 0x7f) / 4, intid;

	if (offset == GICD_SGIR) {		/* the hot one: every IPI */
		if (vgic_sgi_send(vgic, cpu, value))
			return -1;	/* already reported */
	} else if (offset >= GICD_ISENABLER && offset < GICD_IPRIORITYR) {
		if (vgic_intid_exists(vgic, reg * 32))
			vgic_bitmap_write(vgic, c, (offset - GICD_ISENABLER) / 0x100, reg,
					  !(offset & 0x80), value);
	} else if (offset >= GICD_IPRIORITYR && offset < GICD_ITARGETSR) {
		if (vgic_intid_exists(vgic, offset - GICD_IPRIORITYR))
			vgic_prio_write(vgic, c, offset - GICD_IPRIORITYR, width, value);
	} else if (offset >= GICD_ITARGETSR && offset < GICD_ICFGR) {
		intid = offset - GICD_ITARGETSR;
		if (intid < VGIC_NR_PRIVATE)
			return 1;	/* read-only */
		if (vgic_intid_exists(vgic, intid))
			vgic_targets_write(vgic, intid, width, value);
	} else if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
		if (offset == GICD_ICFGR)
			return 1;	/* read-only */
		if (vgic_intid_exists(vgic, (offset - GICD_ICFGR) * 4))
			vgic_cfg_write(vgic, c, (offset - GICD_ICFGR) / 4, value);
	} else if (offset >= GICD_CPENDSGIR && offset < GICD_SPENDSGIR + 0x10) {
		vgic_sgi_sources_write(vgic, cpu, offset & 0xf, width, value,
				       offset >= GICD_SPENDSGIR);
	} else if (offset == GICD_CTLR) {
		return vgic_dist_write_ctlr(vgic, value);
	} else if (offset == GICD_TYPER || offset == GICD_IIDR || offset >= GICD_ID_BASE) {
		return 1;
	} else if (offset < GICD_IGROUPR || offset >= GICD_ISENABLER) {
		return 2;	/* reserved (IGROUPR itself is WI) */
	}
	return 0;
}

int vgic_dist_write(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		    unsigned int width, uint32_t value)
{
	int ret;

	if (cpu >= vgic->nr_cpus || !vgic_dist_access_ok(vgic, cpu, offset, width))
		return -1;
	ret = vgic_dist_write_one(vgic, cpu, offset, width, value);
	if (ret == 1)
		vgic_report(vgic, cpu, VGIC_RO_WRITE, "write to a read-only GIC register ignored");
	else if (ret == 2)
		vgic_report(vgic, cpu, VGIC_RESERVED_WRITE,
			    "write to a reserved GIC register ignored");
	return ret ? -1 : 0;
}
