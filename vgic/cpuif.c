// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 CPU interface: GICC_* registers, acknowledge (IAR), priority drop
 * (EOIR) and deactivation (EOIR or DIR), running priority and preemption.
 *
 * Choices (no Security Extensions, every interrupt is Group 0):
 * - 5 priority bits like GIC-400: PMR and priorities keep bits 7:3; the
 *   minimum BPR is 2, so with BPR = 2 every one of the 32 levels preempts.
 * - Active priorities: APR0 bit n = an active preemption level whose group
 *   priority is n << 3 (the layout GIC-400 and QEMU use). The running
 *   priority is the lowest set bit, 0xff when APR0 is 0. EOIR drops the
 *   highest active priority, as the spec requires the guest to EOI in
 *   reverse order of acknowledgement (KVM's vGICv2 does the same).
 *   APR1-3 and NSAPR0-3 are RAZ/WI.
 * - The aliased Group 1 registers are inert: there are no Group 1
 *   interrupts, so AIAR and AHPPIR read 1023 and AEOIR writes are ignored.
 *   ABPR is stored (minimum 3) and has no effect. FIQEn is RAZ/WI: there is
 *   no FIQ output; Group 0 is always signalled as IRQ.
 * - HPPIR reports the highest-priority pending interrupt (with its lowest
 *   source CPU for an SGI) whatever the running priority is, and 1023 when
 *   none is pending above the priority mask or the distributor or this CPU
 *   interface is disabled. GICv2 leaves the mask's part unclear; this is
 *   what KVM's vGICv2 does (tests/diff) and QEMU's GICv2 model, and the
 *   enables are honoured as in the architecture's pseudocode.
 * - EOImode (bit 9): 0, EOIR drops priority and deactivates; 1, EOIR only
 *   drops priority and DIR deactivates. DIR with EOImode 0 is reported and
 *   ignored. INTIDs are matched alone (the CPUID field is ignored), as Linux
 *   writes only the INTID for SGIs.
 */
#include "vgic/internal.h"
#include "vgic/gicv2_regs.h"


#define GICC_IIDR_VALUE	0x0202143bu	/* GIC-400 r0p1: Linux checks 0x..02043b */
#define GICC_INTID_MASK	0x3ffu
#define GICC_SPECIAL	1020		/* 1020..1023 are special INTIDs */

unsigned int vgic_group_prio(const struct vgic_cpu *c, unsigned int prio)
{
	return prio & (0xffu << (c->bpr + 1)) & 0xffu;
}

unsigned int vgic_running_prio(const struct vgic_cpu *c)
{
	if (!c->apr)
		return VGIC_IDLE_PRIO;
	return __builtin_ctz(c->apr) << VGIC_PRIO_SHIFT;
}

/*
 * Claim SPI @pick for @c if it is still pending, enabled, inactive, routed
 * to @c and at the priority it was picked with; another target may have
 * taken it since the lock-free pick. On success returns true and the other
 * targets, whose lines the caller re-evaluates once c's lock is dropped.
 */
static bool vgic_spi_claim(struct vgic *vgic, struct vgic_cpu *c,
			   struct vgic_pick pick, uint32_t *others)
{
	struct vgic_dist *d = &vgic->dist;
	unsigned int n = pick.intid - VGIC_NR_PRIVATE, w = n / 32;
	uint32_t bit = 1u << (n % 32);
	bool ok;

	vgic_dist_lock(vgic);
	ok = (vgic_spi_pending_word(d, w) & c->spi_target[w] & bit) &&
	     d->prio[n] == pick.prio;
	if (ok) {
		vgic_st(&d->pend_latch[w], d->pend_latch[w] & ~bit);
		vgic_st(&d->active[w], d->active[w] | bit);
		*others |= d->targets[n] & ~(1u << c->id);
	}
	vgic_dist_unlock(vgic);
	return ok;
}

static uint32_t vgic_private_ack(struct vgic_cpu *c, unsigned int intid)
{
	uint32_t value = intid;

	if (intid < VGIC_NR_SGIS)
		value = vgic_sgi_ack(c, intid);
	else
		c->pend_latch &= ~(1u << intid);	/* a held level stays pending */
	c->active |= 1u << intid;
	return value;
}

/* GICC_IAR. Called with c's lock held. */
static uint32_t vgic_cpu_ack(struct vgic *vgic, struct vgic_cpu *c, uint32_t *others)
{
	struct vgic_pick pick;
	uint32_t value;

	for (;;) {
		pick = vgic_cpu_best(vgic, c);
		if (pick.prio == VGIC_NO_PRIO || !vgic_cpu_can_signal(vgic, c, pick.prio)) {
			/*
			 * Nothing signallable: the line may still be high
			 * because another target claimed an SPI and has not
			 * re-evaluated our line yet. Drop it now rather than
			 * let the guest spin on spurious interrupts.
			 */
			vgic_cpu_set_line(vgic, c, false);
			c->stats.spurious++;
			vgic_emit(vgic, VGIC_EV_SPURIOUS, c->id, 0, VGIC_SPURIOUS, 0);
			return VGIC_SPURIOUS;
		}
		if (pick.intid < VGIC_NR_PRIVATE) {
			value = vgic_private_ack(c, pick.intid);
			break;
		}
		if (vgic_spi_claim(vgic, c, pick, others)) {
			value = pick.intid;
			break;
		}
	}
	c->apr |= 1u << (vgic_group_prio(c, pick.prio) >> VGIC_PRIO_SHIFT);
	c->stats.taken[pick.intid]++;
	vgic_emit(vgic, VGIC_EV_ACK, c->id, (value >> 10) & 7, pick.intid, 0);
	/*
	 * Everything still pending has a priority no better than the one just
	 * taken, hence a group priority no better than the new running
	 * priority: nothing can be signalled, no need to search again.
	 * (An SPI made pending concurrently is re-evaluated by its writer.)
	 */
	vgic_cpu_set_line(vgic, c, false);
	return value;
}

/* Clear the active state of @intid; returns other CPUs to re-evaluate. */
static uint32_t vgic_deactivate(struct vgic *vgic, struct vgic_cpu *c,
				unsigned int intid)
{
	struct vgic_dist *d = &vgic->dist;
	unsigned int n = intid - VGIC_NR_PRIVATE;
	uint32_t others;

	if (intid < VGIC_NR_PRIVATE) {
		if (intid < VGIC_NR_SGIS && (c->active & (1u << intid)))
			c->stats.sgi[intid][c->sgi_active_src[intid]].completed++;
		c->active &= ~(1u << intid);
		return 0;
	}
	vgic_dist_lock(vgic);
	vgic_st(&d->active[n / 32], d->active[n / 32] & ~(1u << (n % 32)));
	others = d->targets[n] & ~(1u << c->id);
	vgic_dist_unlock(vgic);
	return others;
}

static bool vgic_eoi_intid_ok(struct vgic *vgic, unsigned int cpu, unsigned int intid)
{
	if (intid >= GICC_SPECIAL)
		return false;		/* spurious/special IDs: nothing to do */
	if (intid < vgic->nr_irqs)
		return true;
	vgic_report(vgic, cpu, VGIC_EOI_BAD_INTID,
		    "GICC_EOIR/DIR write with a nonexistent INTID ignored");
	return false;
}

/*
 * GICC_EOIR: priority drop, plus deactivation when EOImode is 0 (see the
 * note at the top). With no active priority left (an interrupt made
 * active through GICD_ISACTIVER, or one EOI too many) the write is
 * reported, and still deactivates, as KVM's vGICv2 does.
 */
static int vgic_cpu_eoi(struct vgic *vgic, struct vgic_cpu *c, uint32_t value)
{
	unsigned int intid = value & GICC_INTID_MASK;
	uint32_t others = 0;
	bool dropped;

	if (!vgic_eoi_intid_ok(vgic, c->id, intid))
		return intid >= GICC_SPECIAL ? 0 : -1;
	vgic_cpu_lock(c);
	dropped = c->apr != 0;
	c->apr &= c->apr - 1;
	if (!(c->ctlr & GICC_CTLR_EOIMODE))
		others = vgic_deactivate(vgic, c, intid);
	vgic_emit(vgic, VGIC_EV_EOI, c->id, 0, intid, !(c->ctlr & GICC_CTLR_EOIMODE));
	vgic_cpu_update(vgic, c);
	vgic_cpu_unlock(c);
	vgic_update_cpus(vgic, others);
	if (dropped)
		return 0;
	vgic_report(vgic, c->id, VGIC_EOI_NOTHING_ACTIVE,
		    "GICC_EOIR write with no active priority to drop");
	return -1;
}

/* GICC_DIR: deactivation on its own, meaningful only with EOImode 1. */
static int vgic_cpu_dir(struct vgic *vgic, struct vgic_cpu *c, uint32_t value)
{
	unsigned int intid = value & GICC_INTID_MASK;
	uint32_t others = 0;
	int ret = 0;

	if (!vgic_eoi_intid_ok(vgic, c->id, intid))
		return intid >= GICC_SPECIAL ? 0 : -1;
	vgic_cpu_lock(c);
	if (c->ctlr & GICC_CTLR_EOIMODE) {
		others = vgic_deactivate(vgic, c, intid);
		vgic_emit(vgic, VGIC_EV_DIR, c->id, 0, intid, 1);
		vgic_cpu_update(vgic, c);
	} else {
		ret = -1;
	}
	vgic_cpu_unlock(c);
	if (ret)
		vgic_report(vgic, c->id, VGIC_DIR_WITHOUT_EOIMODE,
			    "GICC_DIR write with EOImode 0 ignored");
	vgic_update_cpus(vgic, others);
	return ret;
}

/* GICC_HPPIR (see the note at the top). Called with c's lock held. */
static uint32_t vgic_cpu_hppir(struct vgic *vgic, struct vgic_cpu *c)
{
	struct vgic_pick pick = vgic_cpu_best(vgic, c);

	if (pick.prio == VGIC_NO_PRIO || !vgic_cpu_unmasked(vgic, c, pick.prio))
		return VGIC_SPURIOUS;
	if (pick.intid < VGIC_NR_SGIS)
		return (__builtin_ctz(c->sgi_src[pick.intid]) << 10) | pick.intid;
	return pick.intid;
}

static bool vgic_cpu_access_ok(struct vgic *vgic, unsigned int cpu,
			       uint32_t offset, unsigned int width)
{
	if (width != 4) {
		vgic_report(vgic, cpu, VGIC_BAD_WIDTH,
			    "GICC access of a width other than 32 bits ignored");
		return false;
	}
	if (offset % 4 || offset >= GICC_SIZE) {
		vgic_report(vgic, cpu, VGIC_MISALIGNED,
			    "misaligned or out-of-range GIC access ignored");
		return false;
	}
	return true;
}

int vgic_cpu_read(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		  unsigned int width, uint32_t *value)
{
	struct vgic_cpu *c;
	uint32_t others = 0;
	int ret = 0;

	*value = 0;
	if (cpu >= vgic->nr_cpus || !vgic_cpu_access_ok(vgic, cpu, offset, width))
		return -1;
	c = &vgic->cpus[cpu];
	vgic_cpu_lock(c);
	switch (offset) {
	case GICC_CTLR:		*value = c->ctlr; break;
	case GICC_PMR:		*value = c->pmr; break;
	case GICC_BPR:		*value = c->bpr; break;
	case GICC_IAR:		*value = vgic_cpu_ack(vgic, c, &others); break;
	case GICC_RPR:		*value = vgic_running_prio(c); break;
	case GICC_HPPIR:	*value = vgic_cpu_hppir(vgic, c); break;
	case GICC_ABPR:		*value = c->abpr; break;
	case GICC_AIAR:
	case GICC_AHPPIR:	*value = VGIC_SPURIOUS; break;
	case GICC_APR0:		*value = c->apr; break;
	case GICC_IIDR:		*value = GICC_IIDR_VALUE; break;
	case GICC_EOIR:
	case GICC_AEOIR:
	case GICC_DIR:		ret = -1; break;
	default:		break;	/* reserved, APR1-3, NSAPRn: RAZ */
	}
	vgic_cpu_unlock(c);
	vgic_update_cpus(vgic, others);
	if (ret)
		vgic_report(vgic, cpu, VGIC_WO_READ, "read of a write-only GIC register");
	return ret;
}

static unsigned int vgic_clamp_bpr(uint32_t value, unsigned int min)
{
	value &= 7;
	return value < min ? min : value;
}

/* Plain register writes that may change c's line. */
static int vgic_cpu_write_reg(struct vgic *vgic, struct vgic_cpu *c,
			      uint32_t offset, uint32_t value)
{
	int ret = 0;

	vgic_cpu_lock(c);
	switch (offset) {
	case GICC_CTLR:	c->ctlr = value & GICC_CTLR_WRITABLE; break;
	case GICC_PMR:	c->pmr = value & VGIC_PRIO_MASK; break;
	case GICC_BPR:	c->bpr = vgic_clamp_bpr(value, VGIC_MIN_BPR); break;
	case GICC_ABPR:	c->abpr = vgic_clamp_bpr(value, VGIC_MIN_BPR + 1); break;
	case GICC_APR0:	c->apr = value; break;
	default:	ret = -1; break;
	}
	if (!ret)
		vgic_cpu_update(vgic, c);
	vgic_cpu_unlock(c);
	return ret;
}

int vgic_cpu_write(struct vgic *vgic, unsigned int cpu, uint32_t offset,
		   unsigned int width, uint32_t value)
{
	struct vgic_cpu *c;

	if (cpu >= vgic->nr_cpus || !vgic_cpu_access_ok(vgic, cpu, offset, width))
		return -1;
	c = &vgic->cpus[cpu];
	switch (offset) {
	case GICC_EOIR:
		return vgic_cpu_eoi(vgic, c, value);
	case GICC_DIR:
		return vgic_cpu_dir(vgic, c, value);
	case GICC_AEOIR:
		return 0;	/* no Group 1 interrupt can be active */
	case GICC_IAR: case GICC_RPR: case GICC_HPPIR: case GICC_AIAR:
	case GICC_AHPPIR: case GICC_IIDR:
		vgic_report(vgic, cpu, VGIC_RO_WRITE, "write to a read-only GIC register ignored");
		return -1;
	}
	if (offset > GICC_APR0 && offset <= GICC_NSAPR3)
		return 0;	/* APR1-3, NSAPR0-3: WI */
	if (vgic_cpu_write_reg(vgic, c, offset, value)) {
		vgic_report(vgic, cpu, VGIC_RESERVED_WRITE,
			    "write to a reserved GIC register ignored");
		return -1;
	}
	return 0;
}
