// SPDX-License-Identifier: GPL-2.0
/*
 * vgic core: creation, locking, and the computation of each CPU's IRQ line.
 *
 * Locks
 * -----
 * - One mutex per CPU interface (struct vgic_cpu.lock) protects that CPU's
 *   banked SGI/PPI state, its CPU interface registers, its SGI counters and
 *   its reported line level.
 * - One distributor mutex (struct vgic_dist.lock) serialises writers of the
 *   shared SPI state. SPI state is also *read* without it, with relaxed
 *   atomic loads, by whoever recomputes a CPU's line.
 * - The only nesting allowed is CPU lock -> distributor lock (IAR claiming
 *   an SPI, EOIR/DIR deactivating one). Never two CPU locks at once, and
 *   never a CPU lock while the distributor lock is held: code that changes
 *   SPI state drops the distributor lock first, then visits the affected
 *   CPUs one at a time.
 * - Sending an SGI takes only the lock of each target, one after the other.
 *   There is no global lock on the SGI path; the distributor lock is never
 *   taken there.
 *
 * Invariant 1 (no lost or stale line)
 * -----------------------------------
 * Every change to state that can affect CPU c's deliverable set is followed,
 * by the thread that made it, by a line evaluation for c performed while
 * holding c's lock. For c's banked state and CPU interface the change itself
 * is made under c's lock, in the same critical section as the evaluation;
 * for shared SPI state (and GICD_CTLR) the change is stored first and c's
 * lock is taken afterwards. Because lock acquisitions of c are totally
 * ordered and each one happens-after the stores that preceded it, the last
 * evaluation in c's lock order sees every change: the line left behind is
 * exactly "distributor enabled && CPU interface enabled && the best pending
 * interrupt beats PMR and the running priority".
 * In particular, an SGI sender sets the pending source bit and evaluates
 * c's line in one critical section of c's lock, while the target's IAR
 * consumes pending state and re-evaluates its line in another. Whichever
 * runs second sees the other's effect, so a target can never decide to
 * lower its line on a view that misses a newly set pending bit.
 *
 * Invariant 2 (callback order)
 * ----------------------------
 * The line callback for CPU c is called only from vgic_cpu_set_line, with
 * c's lock held (by vgic_cpu_update, vgic_cpu_raise and after IAR), and only when the level differs from the last reported one.
 * Callbacks for c are therefore serialised in c's lock order, alternate
 * 1/0/1/..., and the last one reports c's final state. The callback must not
 * call back into the vgic (it may take the VMM's own locks). The event
 * callback (tracing) follows the same rule and is called under the same
 * locks as the state change it describes (vgic.h).
 *
 * Shortcuts that count as evaluations: adding one pending interrupt can only
 * raise a line, and raises it iff that interrupt itself is signallable
 * (priorities are totally ordered, so a new best that is not signallable
 * means none is); the SGI send path therefore checks only the new SGI. After
 * IAR hands out the best interrupt, nothing else can preempt it, so the line
 * is simply lowered (cpuif.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vgic/internal.h"

void vgic_report(struct vgic *vgic, unsigned int cpu, enum vgic_misuse kind,
		 const char *msg)
{
	uint32_t bit = 1u << kind;

	if (!vgic->report)
		return;
	if (__atomic_fetch_or(&vgic->reported, bit, __ATOMIC_RELAXED) & bit)
		return;
	vgic->report(vgic->opaque, cpu, msg);
}

/* Out of line and cold: the SGI path keeps only vgic_emit's test. */
__attribute__((cold, noinline))
void vgic_emit_event(struct vgic *vgic, enum vgic_event_type type, unsigned int cpu,
		     unsigned int src, unsigned int intid, uint32_t value, uint32_t targets)
{
	struct vgic_event ev = {
		.type = type, .cpu = cpu, .src = src, .intid = intid, .value = value,
		.targets = targets,
	};

	vgic->event(vgic->opaque, &ev);
}

void vgic_cpu_lock(struct vgic_cpu *c)
{
	pthread_mutex_lock(&c->lock);
}

void vgic_cpu_unlock(struct vgic_cpu *c)
{
	pthread_mutex_unlock(&c->lock);
}

void vgic_dist_lock(struct vgic *vgic)
{
	pthread_mutex_lock(&vgic->dist.lock);
}

void vgic_dist_unlock(struct vgic *vgic)
{
	pthread_mutex_unlock(&vgic->dist.lock);
}

/* Pending, enabled and inactive SPIs of word @w (lock-free view). */
uint32_t vgic_spi_pending_word(struct vgic_dist *d, unsigned int w)
{
	uint32_t pend = vgic_ld(&d->pend_latch[w]) |
			(vgic_ld(&d->level[w]) & ~vgic_ld(&d->edge[w]));

	return pend & vgic_ld(&d->enabled[w]) & ~vgic_ld(&d->active[w]);
}

static uint32_t vgic_private_pending(const struct vgic_cpu *c)
{
	uint32_t pend = c->pend_latch | (c->level & ~c->edge);

	return pend & c->enabled & ~c->active;
}

/* Lowest priority value wins; ties go to the lowest INTID (like GIC-400). */
static void vgic_pick_bits(struct vgic_pick *best, uint32_t bits,
			   unsigned int base, const uint8_t *prio, bool atomic)
{
	while (bits) {
		unsigned int i = __builtin_ctz(bits);
		unsigned int p = atomic ? vgic_ld8(&prio[i]) : prio[i];

		bits &= bits - 1;
		if (p < best->prio) {
			best->prio = p;
			best->intid = base + i;
		}
	}
}

/*
 * Highest-priority pending interrupt for @c: its banked SGIs/PPIs plus the
 * SPIs that target it. Called with c's lock held.
 */
struct vgic_pick vgic_cpu_best(struct vgic *vgic, struct vgic_cpu *c)
{
	struct vgic_pick best = { VGIC_SPURIOUS, VGIC_NO_PRIO };
	struct vgic_dist *d = &vgic->dist;

	vgic_pick_bits(&best, vgic_private_pending(c), 0, c->prio, false);
	for (unsigned int w = 0; w < vgic->nr_spis / 32; w++) {
		uint32_t mine = vgic_ld(&c->spi_target[w]);

		if (mine)
			vgic_pick_bits(&best, vgic_spi_pending_word(d, w) & mine,
				       VGIC_NR_PRIVATE + w * 32, &d->prio[w * 32], true);
	}
	return best;
}

/*
 * Is an interrupt of priority @prio past the enables and @c's priority mask?
 * (What GICC_HPPIR shows; signalling also needs the running priority.)
 */
bool vgic_cpu_unmasked(struct vgic *vgic, struct vgic_cpu *c, unsigned int prio)
{
	return (vgic_ld(&vgic->dist.ctlr) & GICD_CTLR_ENABLE_GRP0) &&
	       (c->ctlr & GICC_CTLR_ENABLE_GRP0) && prio < c->pmr;
}

/* Would an interrupt of priority @prio be signalled to @c right now? */
bool vgic_cpu_can_signal(struct vgic *vgic, struct vgic_cpu *c, unsigned int prio)
{
	return vgic_cpu_unmasked(vgic, c, prio) &&
	       vgic_group_prio(c, prio) < vgic_running_prio(c);
}

void vgic_cpu_set_line(struct vgic *vgic, struct vgic_cpu *c, bool level)
{
	if (level == c->line)
		return;
	__atomic_store_n(&c->line, level, __ATOMIC_RELAXED);
	vgic_emit(vgic, VGIC_EV_LINE, c->id, 0, 0, level);
	if (vgic->line)
		vgic->line(vgic->opaque, c->id, level);
}

/* Re-evaluate @c's line from scratch. Called with c's lock held. */
void vgic_cpu_update(struct vgic *vgic, struct vgic_cpu *c)
{
	struct vgic_pick best = vgic_cpu_best(vgic, c);

	vgic_cpu_set_line(vgic, c, best.prio != VGIC_NO_PRIO &&
				   vgic_cpu_can_signal(vgic, c, best.prio));
}

/*
 * Private interrupt @intid may just have become pending: raise the line if
 * it is signallable. Cheaper than vgic_cpu_update (see the fast-path note
 * above). Called with c's lock held.
 */
void vgic_cpu_raise(struct vgic *vgic, struct vgic_cpu *c, unsigned int intid)
{
	if (c->line || !(vgic_private_pending(c) & (1u << intid)))
		return;
	if (vgic_cpu_can_signal(vgic, c, c->prio[intid]))
		vgic_cpu_set_line(vgic, c, true);
}

/* Re-evaluate the lines of every CPU in @cpumask, one lock at a time. */
void vgic_update_cpus(struct vgic *vgic, uint32_t cpumask)
{
	cpumask &= vgic_cpu_mask(vgic);
	while (cpumask) {
		struct vgic_cpu *c = &vgic->cpus[__builtin_ctz(cpumask)];

		cpumask &= cpumask - 1;
		vgic_cpu_lock(c);
		vgic_cpu_update(vgic, c);
		vgic_cpu_unlock(c);
	}
}

/* A CPU interface's power-on registers; @c's lock held, or not yet shared. */
static void vgic_cpu_power_on(struct vgic_cpu *c)
{
	/* SGIs: always enabled, edge-triggered. PPIs: disabled, level. */
	c->enabled = 0xffff;
	c->edge = 0xffff;
	c->pend_latch = c->level = c->active = 0;
	memset(c->sgi_src, 0, sizeof(c->sgi_src));
	memset(c->sgi_active_src, 0, sizeof(c->sgi_active_src));
	memset(c->prio, 0, sizeof(c->prio));
	c->ctlr = c->pmr = c->apr = 0;
	c->bpr = VGIC_MIN_BPR;
	c->abpr = VGIC_MIN_BPR + 1;
}

static void vgic_cpu_init(struct vgic_cpu *c, unsigned int id)
{
	pthread_mutex_init(&c->lock, NULL);
	c->id = id;
	vgic_cpu_power_on(c);
}

/*
 * An SGI a reset takes away is accounted as what ends it: a pending one as
 * cleared, an active one as completed, so that sent = acked + coalesced +
 * cleared and acked = completed still hold for --stats across reboots.
 */
static void vgic_cpu_account_reset(struct vgic_cpu *c)
{
	for (unsigned int sgi = 0; sgi < VGIC_NR_SGIS; sgi++) {
		for (unsigned int src = 0; src < VGIC_MAX_CPUS; src++)
			if (c->sgi_src[sgi] & (1u << src))
				c->stats.sgi[sgi][src].cleared++;
		if (c->active & (1u << sgi))
			c->stats.sgi[sgi][c->sgi_active_src[sgi]].completed++;
	}
}

void vgic_reset(struct vgic *vgic)
{
	struct vgic_dist *d = &vgic->dist;

	vgic_dist_lock(vgic);
	vgic_st(&d->ctlr, 0);
	memset(d->enabled, 0, sizeof(d->enabled));
	memset(d->pend_latch, 0, sizeof(d->pend_latch));
	memset(d->level, 0, sizeof(d->level));
	memset(d->active, 0, sizeof(d->active));
	memset(d->edge, 0, sizeof(d->edge));
	memset(d->prio, 0, sizeof(d->prio));
	memset(d->targets, 0, sizeof(d->targets));
	vgic_dist_unlock(vgic);
	for (unsigned int i = 0; i < vgic->nr_cpus; i++) {
		struct vgic_cpu *c = &vgic->cpus[i];

		vgic_cpu_lock(c);
		vgic_cpu_account_reset(c);
		vgic_cpu_power_on(c);
		memset(c->spi_target, 0, sizeof(c->spi_target));
		vgic_cpu_set_line(vgic, c, false);
		vgic_cpu_unlock(c);
	}
}

struct vgic *vgic_create(const struct vgic_config *cfg)
{
	struct vgic *vgic;

	if (!cfg || cfg->nr_cpus < 1 || cfg->nr_cpus > VGIC_MAX_CPUS ||
	    cfg->nr_spis > VGIC_MAX_SPIS || cfg->nr_spis % 32)
		return NULL;
	vgic = calloc(1, sizeof(*vgic));
	if (!vgic)
		return NULL;
	vgic->nr_cpus = cfg->nr_cpus;
	vgic->nr_spis = cfg->nr_spis;
	vgic->nr_irqs = VGIC_NR_PRIVATE + cfg->nr_spis;
	vgic->line = cfg->line;
	vgic->report = cfg->report;
	vgic->event = cfg->event;
	vgic->opaque = cfg->opaque;
	pthread_mutex_init(&vgic->dist.lock, NULL);
	for (unsigned int i = 0; i < vgic->nr_cpus; i++)
		vgic_cpu_init(&vgic->cpus[i], i);
	return vgic;
}

void vgic_destroy(struct vgic *vgic)
{
	if (!vgic)
		return;
	for (unsigned int i = 0; i < vgic->nr_cpus; i++)
		pthread_mutex_destroy(&vgic->cpus[i].lock);
	pthread_mutex_destroy(&vgic->dist.lock);
	free(vgic);
}

static void vgic_ppi_set_level(struct vgic *vgic, unsigned int irq,
			       unsigned int cpu, bool level)
{
	struct vgic_cpu *c = &vgic->cpus[cpu];
	uint32_t bit = 1u << irq;

	vgic_cpu_lock(c);
	if (!(c->level & bit) == level)
		vgic_emit(vgic, VGIC_EV_LEVEL, cpu, 0, irq, level);
	if (level) {
		if ((c->edge & bit) && !(c->level & bit))
			c->pend_latch |= bit;
		c->level |= bit;
		vgic_cpu_raise(vgic, c, irq);
	} else {
		c->level &= ~bit;
		if (!(c->edge & bit))
			vgic_cpu_update(vgic, c);
	}
	vgic_cpu_unlock(c);
}

static void vgic_spi_set_level(struct vgic *vgic, unsigned int irq, bool level)
{
	struct vgic_dist *d = &vgic->dist;
	unsigned int n = irq - VGIC_NR_PRIVATE, w = n / 32;
	uint32_t bit = 1u << (n % 32), old, targets;

	vgic_dist_lock(vgic);
	old = d->level[w];
	if (!(old & bit) == level)
		vgic_emit(vgic, VGIC_EV_LEVEL, 0, 0, irq, level);
	if (level) {
		if ((d->edge[w] & bit) && !(old & bit))
			vgic_st(&d->pend_latch[w], d->pend_latch[w] | bit);
		vgic_st(&d->level[w], old | bit);
	} else {
		vgic_st(&d->level[w], old & ~bit);
	}
	targets = d->targets[n];
	vgic_dist_unlock(vgic);
	if ((old & bit) != (level ? bit : 0))
		vgic_update_cpus(vgic, targets);
}

void vgic_set_level(struct vgic *vgic, unsigned int irq, unsigned int cpu, bool level)
{
	if (irq >= VGIC_NR_SGIS && irq < VGIC_NR_PRIVATE && cpu < vgic->nr_cpus)
		vgic_ppi_set_level(vgic, irq, cpu, level);
	else if (irq >= VGIC_NR_PRIVATE && irq < vgic->nr_irqs)
		vgic_spi_set_level(vgic, irq, level);
}

bool vgic_cpu_irq_line(struct vgic *vgic, unsigned int cpu)
{
	if (cpu >= vgic->nr_cpus)
		return false;
	return __atomic_load_n(&vgic->cpus[cpu].line, __ATOMIC_RELAXED);
}

void vgic_get_cpu_stats(struct vgic *vgic, unsigned int cpu, struct vgic_cpu_stats *stats)
{
	struct vgic_cpu *c = &vgic->cpus[cpu];

	if (cpu >= vgic->nr_cpus) {
		memset(stats, 0, sizeof(*stats));
		return;
	}
	vgic_cpu_lock(c);
	*stats = c->stats;
	vgic_cpu_unlock(c);
}

void vgic_get_sgi_stats(struct vgic *vgic, struct vgic_sgi_stats *stats)
{
	memset(stats, 0, sizeof(*stats));
	for (unsigned int i = 0; i < vgic->nr_cpus; i++) {
		struct vgic_cpu *c = &vgic->cpus[i];

		vgic_cpu_lock(c);
		for (unsigned int sgi = 0; sgi < VGIC_NR_SGIS; sgi++) {
			for (unsigned int src = 0; src < VGIC_MAX_CPUS; src++) {
				const struct vgic_sgi_pair_stats *p = &c->stats.sgi[sgi][src];

				stats->sent += p->sent;
				stats->coalesced += p->coalesced;
				stats->acked += p->acked;
				stats->cleared += p->cleared;
			}
		}
		vgic_cpu_unlock(c);
	}
}

/* Post-mortem view of what decides delivery, one line per CPU. */
void vgic_dump(struct vgic *vgic, FILE *out)
{
	fprintf(out, "vgic: GICD_CTLR %#x\n", vgic_ld(&vgic->dist.ctlr));
	for (unsigned int i = 0; i < vgic->nr_cpus; i++) {
		struct vgic_cpu *c = &vgic->cpus[i];
		struct vgic_pick best;

		vgic_cpu_lock(c);
		best = vgic_cpu_best(vgic, c);
		fprintf(out, "vgic: cpu%u line %d ctlr %#x pmr %#x bpr %u apr %#x rpr %#x "
			"active %#x pending %#x enabled %#x best %u/%#x%s sgi-sources",
			i, c->line, c->ctlr, c->pmr, c->bpr, c->apr, vgic_running_prio(c),
			c->active, c->pend_latch | (c->level & ~c->edge), c->enabled,
			best.intid, best.prio,
			best.prio != VGIC_NO_PRIO && vgic_cpu_can_signal(vgic, c, best.prio) ?
			" (signallable)" : "");
		for (unsigned int s = 0; s < VGIC_NR_SGIS; s++)
			if (c->sgi_src[s])
				fprintf(out, " %u:%#x", s, c->sgi_src[s]);
		fprintf(out, "\n");
		vgic_cpu_unlock(c);
	}
}
