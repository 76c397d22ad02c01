// SPDX-License-Identifier: GPL-2.0
/*
 * SGIs: GICD_SGIR decoding and the per (target, source, SGI) pending state.
 *
 * Each target CPU keeps, per SGI, a byte of pending source CPUs
 * (vgic_cpu.sgi_src), protected by the target's lock; a send touches only
 * the targets' state, one lock at a time (see vgic.c). Bit n of
 * vgic_cpu.pend_latch mirrors "sgi_src[n] != 0" so that the generic
 * selection code treats SGIs like any other private interrupt.
 */
#include "vgic/internal.h"
#include "vgic/gicv2_regs.h"

#define SGIR_INTID_MASK		0xfu

enum { SGIR_LIST, SGIR_ALL_BUT_SELF, SGIR_SELF, SGIR_RESERVED };

/* Count one event per source CPU in @sources (usually one bit). */
#define vgic_count_sources(c, sgi, sources, field)				\
	do {									\
		for (uint8_t s_ = (sources); s_; s_ &= s_ - 1)			\
			(c)->stats.sgi[sgi][__builtin_ctz(s_)].field++;	\
	} while (0)

/* One PEND or COALESCED event per source in @sources. */
static __attribute__((cold, noinline)) void vgic_sgi_emit_sends(struct vgic *vgic, unsigned int cpu, unsigned int sgi,
				uint8_t sources, uint8_t old)
{
	for (uint8_t s = sources; s; s &= s - 1) {
		unsigned int src = __builtin_ctz(s);

		vgic_emit(vgic, old & (1u << src) ? VGIC_EV_SGI_COALESCED : VGIC_EV_SGI_PEND,
			  cpu, src, sgi, 0);
	}
}

/*
 * Make @sources pending for SGI @sgi on @cpu (GICD_SGIR fan-out and
 * GICD_SPENDSGIR). Sources already pending coalesce and are counted.
 */
void vgic_sgi_set_sources(struct vgic *vgic, unsigned int cpu, unsigned int sgi,
			  uint8_t sources)
{
	struct vgic_cpu *c = &vgic->cpus[cpu];
	uint8_t old;

	sources &= vgic_cpu_mask(vgic);
	if (!sources)
		return;
	vgic_cpu_lock(c);
	old = c->sgi_src[sgi];
	vgic_count_sources(c, sgi, sources, sent);
	vgic_count_sources(c, sgi, old & sources, coalesced);
	if (__builtin_expect(vgic->event != NULL, 0))
		vgic_sgi_emit_sends(vgic, cpu, sgi, sources, old);
	if (sources & ~old) {
		c->sgi_src[sgi] = old | sources;
		c->pend_latch |= 1u << sgi;
		vgic_cpu_raise(vgic, c, sgi);
	}
	vgic_cpu_unlock(c);
}

/* GICD_CPENDSGIR: drop pending @sources of SGI @sgi on @cpu. */
void vgic_sgi_clear_sources(struct vgic *vgic, unsigned int cpu, unsigned int sgi,
			    uint8_t sources)
{
	struct vgic_cpu *c = &vgic->cpus[cpu];
	uint8_t gone;

	vgic_cpu_lock(c);
	gone = c->sgi_src[sgi] & sources;
	if (gone) {
		vgic_count_sources(c, sgi, gone, cleared);
		for (uint8_t s = gone; vgic->event && s; s &= s - 1)
			vgic_emit(vgic, VGIC_EV_SGI_CLEAR, cpu, __builtin_ctz(s), sgi, 0);
		c->sgi_src[sgi] &= ~gone;
		if (!c->sgi_src[sgi])
			c->pend_latch &= ~(1u << sgi);
		vgic_cpu_update(vgic, c);
	}
	vgic_cpu_unlock(c);
}

/* GICD_SGIR write by CPU @src. -1 (reported) for the reserved filter. */
int vgic_sgi_send(struct vgic *vgic, unsigned int src, uint32_t sgir)
{
	unsigned int sgi = sgir & SGIR_INTID_MASK;
	uint32_t targets;

	switch ((sgir >> GICD_SGIR_FILTER_SHIFT) & 3) {
	case SGIR_LIST:
		targets = (sgir >> GICD_SGIR_LIST_SHIFT) & 0xff;
		break;
	case SGIR_ALL_BUT_SELF:
		targets = ~(1u << src);
		break;
	case SGIR_SELF:
		targets = 1u << src;
		break;
	default:
		vgic_report(vgic, src, VGIC_SGIR_RESERVED_FILTER,
			    "GICD_SGIR write with reserved TargetListFilter 3 ignored");
		return -1;
	}
	targets &= vgic_cpu_mask(vgic);
	if (__builtin_expect(vgic->event != NULL, 0))
		vgic_emit_event(vgic, VGIC_EV_SGIR, src, src, sgi, sgir, targets);
	while (targets) {
		unsigned int t = __builtin_ctz(targets);

		targets &= targets - 1;
		vgic_sgi_set_sources(vgic, t, sgi, 1u << src);
	}
	return 0;
}

/*
 * Acknowledge SGI @sgi on @c: consume its lowest pending source and return
 * the GICC_IAR value (source CPU in bits 12:10). The SGI stays pending while
 * other sources remain. Called with c's lock held and the SGI pending.
 */
uint32_t vgic_sgi_ack(struct vgic_cpu *c, unsigned int sgi)
{
	unsigned int src = __builtin_ctz(c->sgi_src[sgi]);

	c->sgi_src[sgi] &= ~(1u << src);
	if (!c->sgi_src[sgi])
		c->pend_latch &= ~(1u << sgi);
	c->stats.sgi[sgi][src].acked++;
	c->sgi_active_src[sgi] = src;
	return (src << 10) | sgi;
}
