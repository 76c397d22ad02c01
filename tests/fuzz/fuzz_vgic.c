// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the vgic model driven by a decoded sequence of
 * operations (tests/fuzz/inputs.h), checked after every step against a
 * reference written for the fuzzer.
 *
 * The reference is a shadow GIC kept as plain per-interrupt structs (the
 * model keeps bitmaps), updated from the operations only. After each call
 * into the model, every register each CPU can read is read through MMIO
 * and compared with the shadow; then each CPU's IRQ line, as the callback
 * last reported it and as vgic_cpu_irq_line says, must equal "a
 * signallable interrupt exists" computed from those register reads.
 * IAR's answer is checked against the same reads: it must be pending,
 * enabled, inactive and targeted at the reader, of the highest priority,
 * and an SGI's source must be a CPU whose send has not been consumed.
 * The SGI counters must match the shadow's and balance for every (target,
 * SGI, source): sent = acked + coalesced + cleared + still pending (after
 * the final drain, nothing is pending); so must the per-CPU counts of IAR
 * results (vgic_get_cpu_stats). Counters only grow, so a miscount stays
 * visible: they are checked every 8 steps and after each drain. Return codes follow vgic.h: -1 exactly for the accesses the
 * model documents as invalid, and a report only then, once per message.
 *
 * Where the model deliberately simplifies GICv2, the reference follows the
 * model's documented choice (vgic/dist.c, vgic/cpuif.c headers), marked
 * "model:" below. These are not checks of the architecture: 5 priority
 * bits; everything Group 0, IGROUPR RAZ/WI; SGIs always enabled and edge;
 * SGI bits of I[SC]PENDR0 ignored; equal priorities go to the lowest INTID
 * and an SGI to its lowest source; APR0 bit n is group priority n << 3 and
 * EOIR drops the lowest set bit whatever INTID it names and deactivates
 * that INTID even with APR0 empty; HPPIR ignores the running priority; only ICFGR's odd bits are stored; an
 * SGI's "completed" count goes to the source of its last IAR on that CPU,
 * also when it was made active through ISACTIVER.
 *
 * On a violation: a message naming the invariant and the step, the model's
 * state (vgic_dump), then abort() for libFuzzer. FUZZ_VGIC_TRACE=1 in the
 * environment prints every step, to read a reproducer.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/inputs.h"
#include "vgic/gicv2_regs.h"
#include "vgic/vgic.h"

#define NR_CPUS_MAX	8
#define NR_SGIS		16
#define NR_PRIV		32
#define MAX_SPIS	96	/* VF_MACHINE: at most 3 words of SPIs */
#define MAX_IRQS	(NR_PRIV + MAX_SPIS)
#define SPURIOUS	1023u
#define SPECIAL_FIRST	1020u
#define PRIO_IMPL	0xf8u	/* model: 5 priority bits, like GIC-400 */
#define IDLE_PRIO	0xffu
#define GICC_ENABLE	(1u << 0)
#define GICC_EOIMODE	(1u << 9)
#define GICC_CTLR_BITS	0x7f7u	/* model: everything but FIQEn (bit 3) */
#define GICD_ENABLE	(1u << 0)
#define MAX_STEPS	4096	/* bounds one input's run time */

/* One interrupt in the shadow. An SGI's pending state is its source byte. */
struct ref_irq {
	bool enabled, edge, level, latch, active;
	uint8_t prio;
};

struct ref_cpu {
	struct ref_irq priv[NR_PRIV];	/* banked SGIs and PPIs */
	uint8_t sgi_src[NR_SGIS];	/* bit n: CPU n's send not yet consumed */
	uint32_t ctlr, pmr, bpr, abpr, apr;
	struct vgic_cpu_stats stats;	/* what vgic_get_cpu_stats must say */
	uint8_t active_src[NR_SGIS];	/* model: source of each SGI's last IAR */
	bool line;			/* what the line callback last said */
	/* For the ops only: IAR values not yet EOI'd, EOI'd not yet DIR'd. */
	uint32_t acked[16], eoied[16];
	unsigned int nr_acked, nr_eoied;
};

static struct {
	unsigned int nr_cpus, nr_spis, nr_irqs;
	uint32_t dctlr;
	struct ref_irq spi[MAX_SPIS];
	uint8_t targets[MAX_SPIS];
	struct ref_cpu cpu[NR_CPUS_MAX];
} ref;

/* What one CPU reads through MMIO; filled by check_state, each word checked. */
struct view {
	uint32_t dctlr;
	uint32_t en[MAX_IRQS / 32], pend[MAX_IRQS / 32], act[MAX_IRQS / 32];
	uint8_t prio[MAX_IRQS], targets[MAX_IRQS];
	uint8_t sgi_src[NR_SGIS];
	uint32_t cctlr, pmr, bpr, rpr, apr, hppir;
};

static struct view views[NR_CPUS_MAX];
static struct vgic *vgic;
static unsigned long step;
static bool trace, create_checked;

/* Callback bookkeeping for the call in progress. */
static bool in_call, in_read;	/* a read (not IAR) must not move a line */
static unsigned int call_cpu, call_reports;
static char seen_reports[16][160];
static unsigned int nr_seen_reports;

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(const char *invariant, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_vgic: step %lu: invariant '%s' violated: ", step, invariant);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (vgic)
		vgic_dump(vgic, stderr);
	abort();
}

static uint32_t cpu_mask(void)
{
	return (1u << ref.nr_cpus) - 1;
}

/* Index of the lowest set bit; 32 for 0. */
static unsigned int lowest_bit(uint32_t v)
{
	unsigned int n = 0;

	while (n < 32 && !(v & 1)) {
		v >>= 1;
		n++;
	}
	return n;
}

/* ---- callbacks ---- */

static void on_line(void *opaque, unsigned int cpu, bool level)
{
	if (!in_call)
		fail("line-callback-in-call", "line callback outside any vgic call");
	if (cpu >= ref.nr_cpus)
		fail("line-callback-cpu", "line callback for cpu%u of %u", cpu, ref.nr_cpus);
	if (in_read)
		fail("read-has-no-side-effect", "a register read changed cpu%u's line", cpu);
	if (ref.cpu[cpu].line == level)
		fail("line-callback-alternates", "cpu%u line reported %d twice in a row", cpu, level);
	ref.cpu[cpu].line = level;
}

/* vgic.h: once per kind of misuse. No two kinds share a message. */
static void on_report(void *opaque, unsigned int cpu, const char *msg)
{
	if (!in_call)
		fail("report-in-call", "report outside any vgic call");
	if (cpu != call_cpu)
		fail("report-cpu", "report names cpu%u, the access came from cpu%u", cpu, call_cpu);
	if (!msg || !msg[0] || strchr(msg, '\n'))
		fail("report-one-line", "report is not one line of text");
	for (unsigned int i = 0; i < nr_seen_reports; i++)
		if (!strcmp(seen_reports[i], msg))
			fail("report-once", "'%s' reported twice", msg);
	if (nr_seen_reports < 16)
		snprintf(seen_reports[nr_seen_reports++], sizeof(seen_reports[0]), "%s", msg);
	call_reports++;
}

/* ---- the shadow: state and register values ---- */

static struct ref_irq *ref_irq(unsigned int cpu, unsigned int intid)
{
	return intid < NR_PRIV ? &ref.cpu[cpu].priv[intid] : &ref.spi[intid - NR_PRIV];
}

static bool ref_pending(unsigned int cpu, unsigned int intid)
{
	const struct ref_irq *r = ref_irq(cpu, intid);

	if (intid < NR_SGIS)
		return ref.cpu[cpu].sgi_src[intid] != 0;
	/* Level-sensitive: pending while the input is high, or when latched by ISPENDR. */
	return r->latch || (r->level && !r->edge);
}

static uint32_t ref_bits(unsigned int cpu, unsigned int first, int kind)
{
	uint32_t v = 0;

	if (first >= ref.nr_irqs)
		return 0;
	for (unsigned int i = 0; i < 32; i++) {
		const struct ref_irq *r = ref_irq(cpu, first + i);
		bool on = kind == 0 ? r->enabled : kind == 1 ? ref_pending(cpu, first + i) : r->active;

		v |= (uint32_t)on << i;
	}
	return v;
}

static uint8_t ref_target_byte(unsigned int cpu, unsigned int intid)
{
	return intid < NR_PRIV ? 1u << cpu : ref.targets[intid - NR_PRIV];
}

static uint32_t ref_bytes(unsigned int cpu, unsigned int first, bool targets)
{
	uint32_t v = 0;

	if (first >= ref.nr_irqs)
		return 0;
	for (unsigned int i = 0; i < 4; i++) {
		uint8_t b = targets ? ref_target_byte(cpu, first + i) : ref_irq(cpu, first + i)->prio;

		v |= (uint32_t)b << (8 * i);
	}
	return v;
}

static uint32_t ref_cfg(unsigned int cpu, unsigned int first)
{
	uint32_t v = 0;

	if (first >= ref.nr_irqs)
		return 0;
	for (unsigned int i = 0; i < 16; i++)
		v |= (uint32_t)ref_irq(cpu, first + i)->edge << (2 * i + 1);
	return v;
}

/* GIC-400's ID registers: PIDR4..7, PIDR0..3, CIDR0..3. */
static const uint8_t gicd_ids[12] = {
	0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

/* The word a GICD read at word offset @off returns to @cpu. */
static uint32_t ref_dist_word(unsigned int cpu, uint32_t off)
{
	const uint8_t *src = ref.cpu[cpu].sgi_src;

	if (off == GICD_CTLR)
		return ref.dctlr;
	if (off == GICD_TYPER)
		return ref.nr_spis / 32 | (ref.nr_cpus - 1) << 5;
	if (off == GICD_IIDR)
		return 0x0200143b;
	if (off >= GICD_ISENABLER && off < GICD_IPRIORITYR)
		return ref_bits(cpu, (off & 0x7f) * 8, (off - GICD_ISENABLER) / 0x100);
	if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR)
		return ref_bytes(cpu, off - GICD_IPRIORITYR, false);
	if (off >= GICD_ITARGETSR && off < GICD_ICFGR)
		return ref_bytes(cpu, off - GICD_ITARGETSR, true);
	if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100)
		return ref_cfg(cpu, (off - GICD_ICFGR) * 4);
	if (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10) {
		off &= 0xf;
		return src[off] | src[off + 1] << 8 | src[off + 2] << 16 | (uint32_t)src[off + 3] << 24;
	}
	if (off >= GICD_ID_BASE && off < GICD_SIZE)
		return gicd_ids[(off - GICD_ID_BASE) / 4];
	return 0;	/* IGROUPR (model: all Group 0), reserved, write-only SGIR */
}

/* Accesses vgic.h's contract calls invalid (the model reports them, returns -1). */
static bool dist_access_ok(uint32_t off, unsigned int width)
{
	bool bytes = (off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
		     (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10);

	if (width != 4 && !(width == 1 && bytes))
		return false;
	return off < GICD_SIZE && off % width == 0;
}

static bool cpu_access_ok(uint32_t off, unsigned int width)
{
	return width == 4 && off % 4 == 0 && off < GICC_SIZE;
}

/* Group priority: the bits above the binary point. */
static unsigned int group_prio(unsigned int bpr, unsigned int prio)
{
	return prio & ~((2u << bpr) - 1) & 0xff;
}

/* model: APR0 bit n is an active group priority n << 3; none active is idle. */
static unsigned int ref_running_prio(const struct ref_cpu *c)
{
	return c->apr ? lowest_bit(c->apr) << 3 : IDLE_PRIO;
}

/* ---- the view: a CPU's registers as read, and what they imply ---- */

static bool view_bit(const uint32_t *words, unsigned int intid)
{
	return (words[intid / 32] >> (intid % 32)) & 1;
}

/* Pending, enabled, inactive and, for an SPI, targeted at @cpu. */
static bool view_candidate(const struct view *v, unsigned int cpu, unsigned int intid)
{
	if (!view_bit(v->pend, intid) || !view_bit(v->en, intid) || view_bit(v->act, intid))
		return false;
	return intid < NR_PRIV || (v->targets[intid] >> cpu & 1);
}

/* Highest priority candidate (model: ties to the lowest INTID), -1 if none. */
static int view_best(const struct view *v, unsigned int cpu)
{
	int best = -1;

	for (unsigned int w = 0; w < ref.nr_irqs / 32; w++) {
		uint32_t maybe = v->pend[w] & v->en[w] & ~v->act[w];

		for (unsigned int i = w * 32; maybe; i++, maybe >>= 1)
			if ((maybe & 1) && view_candidate(v, cpu, i) &&
			    (best < 0 || v->prio[i] < v->prio[best]))
				best = i;
	}
	return best;
}

/*
 * The GICv2 signalling condition: distributor and CPU interface enabled,
 * and the best candidate's priority above PMR and its group priority
 * above the running priority.
 */
static bool view_signallable(const struct view *v, unsigned int cpu, int *best)
{
	*best = view_best(v, cpu);
	if (*best < 0 || !(v->dctlr & GICD_ENABLE) || !(v->cctlr & GICC_ENABLE))
		return false;
	return v->prio[*best] < v->pmr && group_prio(v->bpr, v->prio[*best]) < v->rpr;
}

/* An SGI's IAR/HPPIR value: model: the lowest pending source CPU. */
static uint32_t sgi_value(const struct view *v, unsigned int sgi)
{
	return lowest_bit(v->sgi_src[sgi]) << 10 | sgi;
}

/* model: HPPIR ignores the running priority, not PMR or the enables. */
static uint32_t view_hppir(const struct view *v, unsigned int cpu)
{
	int best = view_best(v, cpu);

	if (best < 0 || v->prio[best] >= v->pmr ||
	    !(v->dctlr & GICD_ENABLE) || !(v->cctlr & GICC_ENABLE))
		return SPURIOUS;
	return best < NR_SGIS ? sgi_value(v, best) : (uint32_t)best;
}

/* The word a GICC read at @off returns (IAR excepted: op_iar). */
static uint32_t ref_cpu_word(unsigned int cpu, uint32_t off)
{
	const struct ref_cpu *c = &ref.cpu[cpu];

	switch (off) {
	case GICC_CTLR:		return c->ctlr;
	case GICC_PMR:		return c->pmr;
	case GICC_BPR:		return c->bpr;
	case GICC_ABPR:		return c->abpr;
	case GICC_RPR:		return ref_running_prio(c);
	case GICC_HPPIR:	return view_hppir(&views[cpu], cpu);
	case GICC_AIAR:
	case GICC_AHPPIR:	return SPURIOUS;	/* model: no Group 1 */
	case GICC_APR0:		return c->apr;
	case GICC_IIDR:		return 0x0202143b;
	}
	return 0;
}

/* ---- calling the model ---- */

static void call_begin(unsigned int cpu)
{
	in_call = true;
	call_cpu = cpu;
	call_reports = 0;
}

static void call_end(int rc, const char *what)
{
	in_call = false;
	in_read = false;
	if (call_reports && rc != -1)
		fail("report-means-ignored", "%s reported misuse but returned %d", what, rc);
}

static int m_dist_read(unsigned int cpu, uint32_t off, unsigned int width, uint32_t *v)
{
	int rc;

	call_begin(cpu);
	in_read = true;
	rc = vgic_dist_read(vgic, cpu, off, width, v);
	call_end(rc, "GICD read");
	return rc;
}

static int m_cpu_read(unsigned int cpu, uint32_t off, unsigned int width, uint32_t *v)
{
	int rc;

	call_begin(cpu);
	in_read = off != GICC_IAR;
	rc = vgic_cpu_read(vgic, cpu, off, width, v);
	call_end(rc, "GICC read");
	return rc;
}

/* ---- checking the whole state after a step ---- */

static const char *dist_reg_name(uint32_t off)
{
	static const struct { uint32_t start; const char *name; } regs[] = {
		{ 0xfd0, "ID" }, { 0xf20, "SPENDSGIR" }, { 0xf10, "CPENDSGIR" },
		{ 0xf00, "reserved" }, { 0xc00, "ICFGR" }, { 0x800, "ITARGETSR" },
		{ 0x400, "IPRIORITYR" }, { 0x380, "ICACTIVER" }, { 0x300, "ISACTIVER" },
		{ 0x280, "ICPENDR" }, { 0x200, "ISPENDR" }, { 0x180, "ICENABLER" },
		{ 0x100, "ISENABLER" }, { 0x080, "IGROUPR" }, { 0x008, "IIDR" },
		{ 0x004, "TYPER" }, { 0x000, "CTLR" },
	};

	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (off >= regs[i].start)
			return regs[i].name;
	return "?";
}

/* Read a GICD word as @cpu; it must be @want. */
static uint32_t check_dist_want(unsigned int cpu, uint32_t off, uint32_t want)
{
	uint32_t v;

	if (m_dist_read(cpu, off, 4, &v))
		fail("register-readable", "cpu%u GICD_%s (+%#x) read failed", cpu,
		     dist_reg_name(off), off);
	if (v != want)
		fail("register-consistency", "cpu%u reads GICD_%s (+%#x) = %#x, the reference says %#x",
		     cpu, dist_reg_name(off), off, v, want);
	return v;
}

static uint32_t check_dist_word(unsigned int cpu, uint32_t off)
{
	return check_dist_want(cpu, off, ref_dist_word(cpu, off));
}

static uint32_t check_cpu_word(unsigned int cpu, uint32_t off, const char *name)
{
	uint32_t v, want = ref_cpu_word(cpu, off);

	if (m_cpu_read(cpu, off, 4, &v))
		fail("register-readable", "cpu%u GICC_%s read failed", cpu, name);
	if (v != want)
		fail("register-consistency", "cpu%u reads GICC_%s = %#x, the reference says %#x",
		     cpu, name, v, want);
	return v;
}

static void put_bytes(uint8_t *dst, uint32_t word)
{
	for (unsigned int i = 0; i < 4; i++)
		dst[i] = word >> (8 * i);
}

static uint32_t get_bytes(const uint8_t *src)
{
	return src[0] | src[1] << 8 | src[2] << 16 | (uint32_t)src[3] << 24;
}

/*
 * Priority and target words are a third of all reads but change only when
 * written. Read one when the reference says it changed, when it holds a
 * pending enabled INTID (the line computation uses it), and otherwise one
 * step in four: a stray change is still seen within four steps.
 */
static void view_read_bytes(struct view *v, unsigned int cpu, uint8_t *bytes, uint32_t base,
			    unsigned int first)
{
	uint32_t live = (v->en[first / 32] & v->pend[first / 32]) >> (first % 32) & 0xf;
	uint32_t want = ref_dist_word(cpu, base + first);

	if (live || (first / 4 + step) % 4 == 0 || get_bytes(&bytes[first]) != want)
		put_bytes(&bytes[first], check_dist_want(cpu, base + first, want));
}

/*
 * Read the words of INTIDs [first, end) as @cpu into @v. Odd steps read the
 * clear-register aliases (ICENABLER...), CPENDSGIR: they read the same.
 */
static void view_read_irqs(struct view *v, unsigned int cpu, unsigned int first,
			   unsigned int end)
{
	uint32_t alias = step & 1 ? 0x80 : 0;

	for (unsigned int i = first; i < end; i += 32) {
		v->en[i / 32] = check_dist_word(cpu, GICD_ISENABLER + alias + i / 8);
		v->pend[i / 32] = check_dist_word(cpu, GICD_ISPENDR + alias + i / 8);
		v->act[i / 32] = check_dist_word(cpu, GICD_ISACTIVER + alias + i / 8);
	}
	for (unsigned int i = first; i < end; i += 4) {
		view_read_bytes(v, cpu, v->prio, GICD_IPRIORITYR, i);
		view_read_bytes(v, cpu, v->targets, GICD_ITARGETSR, i);
	}
	for (unsigned int i = first; i < end; i += 16)
		check_dist_word(cpu, GICD_ICFGR + i / 4);
	if (first == 0)
		for (unsigned int i = 0; i < NR_SGIS; i += 4)
			put_bytes(&v->sgi_src[i], check_dist_word(cpu, (step & 1 ? GICD_CPENDSGIR :
								    GICD_SPENDSGIR) + i));
}

/* Shared registers through one CPU (rotating), copied into every view. */
static void view_read_shared(void)
{
	unsigned int reader = step % ref.nr_cpus;
	struct view *v = &views[reader];

	v->dctlr = check_dist_word(reader, GICD_CTLR);
	check_dist_word(reader, GICD_TYPER);
	view_read_irqs(v, reader, NR_PRIV, ref.nr_irqs);
	for (unsigned int c = 0; c < ref.nr_cpus; c++) {
		struct view *o = &views[c];

		if (c == reader)
			continue;
		o->dctlr = v->dctlr;
		memcpy(&o->en[1], &v->en[1], sizeof(v->en) - sizeof(v->en[0]));
		memcpy(&o->pend[1], &v->pend[1], sizeof(v->pend) - sizeof(v->pend[0]));
		memcpy(&o->act[1], &v->act[1], sizeof(v->act) - sizeof(v->act[0]));
		memcpy(&o->prio[NR_PRIV], &v->prio[NR_PRIV], MAX_SPIS);
		memcpy(&o->targets[NR_PRIV], &v->targets[NR_PRIV], MAX_SPIS);
	}
}

static void check_line(unsigned int cpu)
{
	struct view *v = &views[cpu];
	bool line = vgic_cpu_irq_line(vgic, cpu);
	int best;
	bool want = view_signallable(v, cpu, &best);

	if (line != ref.cpu[cpu].line)
		fail("line-matches-callback", "cpu%u: vgic_cpu_irq_line says %d, the last callback said %d",
		     cpu, line, ref.cpu[cpu].line);
	if (line && !want)
		fail("line-means-signallable", "cpu%u line is high but nothing is signallable "
		     "(GICD_CTLR %#x GICC_CTLR %#x PMR %#x RPR %#x best INTID %d)",
		     cpu, v->dctlr, v->cctlr, v->pmr, v->rpr, best);
	if (!line && want)
		fail("signallable-means-line", "cpu%u line is low but INTID %d (priority %#x) is "
		     "signallable (PMR %#x RPR %#x)", cpu, best, v->prio[best], v->pmr, v->rpr);
}

#define ULL(x)	((unsigned long long)(x))

/* Every (SGI, source) pair of @cpu: sent = acked + coalesced + cleared + pending. */
static void check_sgi_pairs(unsigned int cpu, const struct vgic_cpu_stats *st)
{
	for (unsigned int i = 0; i < NR_SGIS; i++) {
		for (unsigned int src = 0; src < NR_CPUS_MAX; src++) {
			const struct vgic_sgi_pair_stats *p = &st->sgi[i][src];
			unsigned int pending = views[cpu].sgi_src[i] >> src & 1;

			if (p->sent != p->acked + p->coalesced + p->cleared + pending)
				fail("sgi-balance", "SGI %u from cpu%u to cpu%u: sent %llu != acked %llu + "
				     "coalesced %llu + cleared %llu + pending %u", i, src, cpu,
				     ULL(p->sent), ULL(p->acked), ULL(p->coalesced), ULL(p->cleared), pending);
		}
	}
}

static void check_cpu_stats(unsigned int cpu)
{
	static struct vgic_cpu_stats st;
	const struct vgic_cpu_stats *want = &ref.cpu[cpu].stats;

	vgic_get_cpu_stats(vgic, cpu, &st);
	for (unsigned int i = 0; i < NR_SGIS; i++)
		for (unsigned int src = 0; src < NR_CPUS_MAX; src++)
			if (memcmp(&st.sgi[i][src], &want->sgi[i][src], sizeof(st.sgi[i][src])))
				fail("sgi-pair-stats", "cpu%u SGI %u from cpu%u: model sent/coalesced/acked/"
				     "completed/cleared %llu/%llu/%llu/%llu/%llu, reference %llu/%llu/%llu/%llu/%llu",
				     cpu, i, src, ULL(st.sgi[i][src].sent), ULL(st.sgi[i][src].coalesced),
				     ULL(st.sgi[i][src].acked), ULL(st.sgi[i][src].completed),
				     ULL(st.sgi[i][src].cleared), ULL(want->sgi[i][src].sent),
				     ULL(want->sgi[i][src].coalesced), ULL(want->sgi[i][src].acked),
				     ULL(want->sgi[i][src].completed), ULL(want->sgi[i][src].cleared));
	for (unsigned int i = 0; i < MAX_IRQS; i++)
		if (st.taken[i] != want->taken[i])
			fail("taken-stats", "cpu%u took INTID %u %llu times, the reference says %llu",
			     cpu, i, ULL(st.taken[i]), ULL(want->taken[i]));
	if (st.spurious != want->spurious)
		fail("spurious-stats", "cpu%u: %llu spurious IARs, the reference says %llu",
		     cpu, ULL(st.spurious), ULL(want->spurious));
	check_sgi_pairs(cpu, &st);
}

/* Each CPU's counters, and the global SGI counts as the sum of the reference's pairs. */
static void check_sgi_stats(void)
{
	struct vgic_sgi_stats s, want = { 0 };

	for (unsigned int c = 0; c < ref.nr_cpus; c++) {
		for (unsigned int i = 0; i < NR_SGIS; i++) {
			for (unsigned int src = 0; src < NR_CPUS_MAX; src++) {
				const struct vgic_sgi_pair_stats *p = &ref.cpu[c].stats.sgi[i][src];

				want.sent += p->sent;
				want.coalesced += p->coalesced;
				want.acked += p->acked;
				want.cleared += p->cleared;
			}
		}
		check_cpu_stats(c);
	}
	vgic_get_sgi_stats(vgic, &s);
	if (memcmp(&s, &want, sizeof(s)))
		fail("sgi-stats", "model counts sent %llu coalesced %llu acked %llu cleared %llu, "
		     "the reference %llu %llu %llu %llu", ULL(s.sent), ULL(s.coalesced),
		     ULL(s.acked), ULL(s.cleared), ULL(want.sent), ULL(want.coalesced),
		     ULL(want.acked), ULL(want.cleared));
}

static void check_state(void)
{
	view_read_shared();
	for (unsigned int c = 0; c < ref.nr_cpus; c++) {
		struct view *v = &views[c];

		view_read_irqs(v, c, 0, NR_PRIV);
		v->cctlr = check_cpu_word(c, GICC_CTLR, "CTLR");
		v->pmr = check_cpu_word(c, GICC_PMR, "PMR");
		v->bpr = check_cpu_word(c, GICC_BPR, "BPR");
		check_cpu_word(c, GICC_ABPR, "ABPR");
		v->apr = check_cpu_word(c, GICC_APR0, "APR0");
		v->rpr = check_cpu_word(c, GICC_RPR, "RPR");
		v->hppir = check_cpu_word(c, GICC_HPPIR, "HPPIR");	/* needs the rest of v */
	}
	for (unsigned int c = 0; c < ref.nr_cpus; c++)
		check_line(c);
	if (step % 8 == 0)
		check_sgi_stats();
}

/* One call into the model is one step; everything is checked after it. */
static void step_done(void)
{
	check_state();
	step++;
}

/* ---- the shadow's side of each operation ---- */

static void ref_sgi_send(unsigned int target, unsigned int sgi, uint8_t sources)
{
	struct ref_cpu *c = &ref.cpu[target];

	sources &= cpu_mask();
	for (unsigned int src = 0; src < ref.nr_cpus; src++) {
		if (!(sources >> src & 1))
			continue;
		c->stats.sgi[sgi][src].sent++;
		if (c->sgi_src[sgi] >> src & 1)
			c->stats.sgi[sgi][src].coalesced++;
		c->sgi_src[sgi] |= 1u << src;
	}
}

static void ref_sgi_clear(unsigned int cpu, unsigned int sgi, uint8_t sources)
{
	struct ref_cpu *c = &ref.cpu[cpu];

	for (unsigned int src = 0; src < ref.nr_cpus; src++) {
		if ((sources & c->sgi_src[sgi]) >> src & 1) {
			c->stats.sgi[sgi][src].cleared++;
			c->sgi_src[sgi] &= ~(1u << src);
		}
	}
}

static int ref_sgir(unsigned int cpu, uint32_t value)
{
	unsigned int sgi = value & 0xf;
	uint32_t targets;

	switch (value >> 24 & 3) {
	case 0:		targets = value >> 16 & 0xff; break;
	case 1:		targets = ~(1u << cpu); break;
	case 2:		targets = 1u << cpu; break;
	default:	return -1;	/* reserved filter */
	}
	for (unsigned int t = 0; t < ref.nr_cpus; t++)
		if (targets >> t & 1)
			ref_sgi_send(t, sgi, 1u << cpu);
	return 0;
}

/* I[SC]ENABLER, I[SC]PENDR, I[SC]ACTIVER: @kind 0, 1, 2. */
static void ref_bitmap_write(unsigned int cpu, int kind, bool set, unsigned int first,
			     uint32_t value)
{
	if (first >= ref.nr_irqs)
		return;
	for (unsigned int i = 0; i < 32; i++) {
		struct ref_irq *r = ref_irq(cpu, first + i);

		if (!(value >> i & 1))
			continue;
		if (first + i < NR_SGIS && kind != 2)
			continue;	/* model: SGI enables RAO/WI, pending via *SGIR */
		if (kind == 0)
			r->enabled = set;
		else if (kind == 1)
			r->latch = set;
		else
			r->active = set;
	}
}

static void ref_cfg_write(unsigned int cpu, unsigned int first, uint32_t value)
{
	if (first >= ref.nr_irqs)
		return;
	for (unsigned int i = 0; i < 16; i++)
		ref_irq(cpu, first + i)->edge = value >> (2 * i + 1) & 1;
}

/* Per-byte registers: IPRIORITYR, ITARGETSR, C/SPENDSGIR. */
static void ref_byte_write(unsigned int cpu, uint32_t off, uint8_t b)
{
	unsigned int intid;

	if (off >= GICD_IPRIORITYR && off < GICD_ITARGETSR) {
		intid = off - GICD_IPRIORITYR;
		if (intid < ref.nr_irqs)
			ref_irq(cpu, intid)->prio = b & PRIO_IMPL;
	} else if (off >= GICD_ITARGETSR && off < GICD_ICFGR) {
		intid = off - GICD_ITARGETSR;
		if (intid < ref.nr_irqs)
			ref.targets[intid - NR_PRIV] = b & cpu_mask();
	} else if (off >= GICD_SPENDSGIR) {
		ref_sgi_send(cpu, off & 0xf, b);
	} else {
		ref_sgi_clear(cpu, off & 0xf, b);
	}
}

/* A GICD write as the reference sees it: its return code, and its effect when valid. */
static int ref_dist_write(unsigned int cpu, uint32_t off, unsigned int width, uint32_t value)
{
	if (!dist_access_ok(off, width))
		return -1;
	if (off == GICD_CTLR) {
		ref.dctlr = value & 3;
	} else if (off == GICD_SGIR) {
		return ref_sgir(cpu, value);
	} else if (off >= GICD_IGROUPR && off < GICD_ISENABLER) {
		/* model: IGROUPR WI */
	} else if (off >= GICD_ISENABLER && off < GICD_IPRIORITYR) {
		ref_bitmap_write(cpu, (off - GICD_ISENABLER) / 0x100, !(off & 0x80),
				 (off & 0x7f) * 8, value);
	} else if ((off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
		   (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10)) {
		if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + NR_PRIV)
			return -1;	/* SGI/PPI targets are read-only */
		for (unsigned int i = 0; i < width; i++)
			ref_byte_write(cpu, off + i, value >> (8 * i));
	} else if (off > GICD_ICFGR && off < GICD_ICFGR + 0x100) {
		ref_cfg_write(cpu, (off - GICD_ICFGR) * 4, value);
	} else {
		return -1;	/* TYPER, IIDR, ICFGR0, IDs: read-only; the rest reserved */
	}
	return 0;
}

/* EOIR (EOImode 0) or DIR; ICACTIVER is not a completion. */
static void ref_deactivate(unsigned int cpu, unsigned int intid)
{
	struct ref_cpu *c = &ref.cpu[cpu];
	struct ref_irq *r = ref_irq(cpu, intid);

	if (intid < NR_SGIS && r->active)
		c->stats.sgi[intid][c->active_src[intid]].completed++;
	r->active = false;
}

/*
 * model: EOIR drops the highest active priority whatever INTID it names,
 * and deactivates that INTID (EOImode 0) also with no priority to drop.
 */
static int ref_eoi(unsigned int cpu, uint32_t value)
{
	struct ref_cpu *c = &ref.cpu[cpu];
	unsigned int intid = value & 0x3ff;
	bool dropped = c->apr != 0;

	if (intid >= SPECIAL_FIRST)
		return 0;
	if (intid >= ref.nr_irqs)
		return -1;
	if (dropped)
		c->apr &= ~(1u << lowest_bit(c->apr));
	if (!(c->ctlr & GICC_EOIMODE))
		ref_deactivate(cpu, intid);
	return dropped ? 0 : -1;
}

static int ref_dir(unsigned int cpu, uint32_t value)
{
	unsigned int intid = value & 0x3ff;

	if (intid >= SPECIAL_FIRST)
		return 0;
	if (intid >= ref.nr_irqs || !(ref.cpu[cpu].ctlr & GICC_EOIMODE))
		return -1;
	ref_deactivate(cpu, intid);
	return 0;
}

static int ref_cpu_write(unsigned int cpu, uint32_t off, unsigned int width, uint32_t value)
{
	struct ref_cpu *c = &ref.cpu[cpu];

	if (!cpu_access_ok(off, width))
		return -1;
	switch (off) {
	case GICC_CTLR:	c->ctlr = value & GICC_CTLR_BITS; return 0;
	case GICC_PMR:	c->pmr = value & PRIO_IMPL; return 0;
	case GICC_BPR:	c->bpr = (value & 7) < 2 ? 2 : value & 7; return 0;	/* 5 bits: min 2 */
	case GICC_ABPR:	c->abpr = (value & 7) < 3 ? 3 : value & 7; return 0;
	case GICC_APR0:	c->apr = value; return 0;
	case GICC_EOIR:	return ref_eoi(cpu, value);
	case GICC_DIR:	return ref_dir(cpu, value);
	case GICC_AEOIR: return 0;	/* model: no Group 1 interrupt is ever active */
	}
	if (off > GICC_APR0 && off <= GICC_NSAPR3)
		return 0;	/* APR1-3, NSAPR0-3: WI */
	return -1;		/* read-only (IAR, RPR, HPPIR, ...) or reserved */
}

/* What IAR hands out, applied to the shadow. */
static void ref_ack(unsigned int cpu, uint32_t value)
{
	struct ref_cpu *c = &ref.cpu[cpu];
	unsigned int intid = value & 0x3ff;
	struct ref_irq *r;

	if (intid == SPURIOUS) {
		c->stats.spurious++;
		return;
	}
	r = ref_irq(cpu, intid);
	c->stats.taken[intid]++;
	if (intid < NR_SGIS) {
		c->active_src[intid] = value >> 10 & 7;
		c->sgi_src[intid] &= ~(1u << c->active_src[intid]);
		c->stats.sgi[intid][c->active_src[intid]].acked++;
	} else {
		r->latch = false;	/* a held level stays pending */
	}
	r->active = true;
	c->apr |= 1u << (group_prio(c->bpr, r->prio) >> 3);
}

static void ref_set_level(unsigned int irq, unsigned int cpu, bool level)
{
	struct ref_irq *r;

	if (irq >= NR_SGIS && irq < NR_PRIV && cpu < ref.nr_cpus)
		r = &ref.cpu[cpu].priv[irq];
	else if (irq >= NR_PRIV && irq < ref.nr_irqs)
		r = &ref.spi[irq - NR_PRIV];
	else
		return;		/* vgic.h: other INTIDs are ignored */
	if (level && !r->level && r->edge)
		r->latch = true;	/* rising edge */
	r->level = level;
}

/* ---- operations: the model call, the reference's verdict, the check ---- */

static void expect_rc(int rc, int want, const char *what, unsigned int cpu, uint32_t off,
		      unsigned int width)
{
	if (rc != want)
		fail("return-code", "cpu%u %s +%#x width %u returned %d, the reference says %d",
		     cpu, what, off, width, rc, want);
}

static void op_dist_read(unsigned int cpu, uint32_t off, unsigned int width)
{
	uint32_t v, want = 0;
	int rc = m_dist_read(cpu, off, width, &v);
	int want_rc = dist_access_ok(off, width) && off != GICD_SGIR ? 0 : -1;

	if (trace)
		fprintf(stderr, "step %lu: cpu%u GICD read +%#x width %u -> %d, %#x\n",
			step, cpu, off, width, rc, v);
	expect_rc(rc, want_rc, "GICD read", cpu, off, width);
	if (!rc)
		want = ref_dist_word(cpu, off & ~3u) >> (8 * (off & 3));
	if (width == 1)
		want &= 0xff;
	if (v != want)
		fail("register-consistency", "cpu%u GICD_%s +%#x width %u reads %#x, the reference says %#x",
		     cpu, dist_reg_name(off), off, width, v, want);
	step_done();
}

static void op_dist_write(unsigned int cpu, uint32_t off, unsigned int width, uint32_t value)
{
	int rc;

	call_begin(cpu);
	rc = vgic_dist_write(vgic, cpu, off, width, value);
	call_end(rc, "GICD write");
	if (trace)
		fprintf(stderr, "step %lu: cpu%u GICD write +%#x width %u = %#x -> %d\n",
			step, cpu, off, width, value, rc);
	expect_rc(rc, ref_dist_write(cpu, off, width, value), "GICD write", cpu, off, width);
	step_done();
}

static void push(uint32_t *stack, unsigned int *n, uint32_t value)
{
	if (*n == 16) {
		memmove(stack, stack + 1, 15 * sizeof(*stack));
		(*n)--;
	}
	stack[(*n)++] = value;
}

/* GICC_IAR, judged on the registers as read after the previous step. */
static uint32_t op_iar(unsigned int cpu)
{
	const struct view *v = &views[cpu];
	unsigned int intid;
	uint32_t got, want = SPURIOUS;
	int best, rc;
	bool sig = view_signallable(v, cpu, &best);

	if (sig)
		want = best < NR_SGIS ? sgi_value(v, best) : (uint32_t)best;
	rc = m_cpu_read(cpu, GICC_IAR, 4, &got);
	if (trace)
		fprintf(stderr, "step %lu: cpu%u IAR -> %#x\n", step, cpu, got);
	expect_rc(rc, 0, "GICC_IAR read", cpu, GICC_IAR, 4);
	intid = got & 0x3ff;
	if (intid != SPURIOUS) {
		if (!sig)
			fail("iar-only-signallable", "cpu%u IAR returned %#x while nothing was signallable",
			     cpu, got);
		if (intid >= ref.nr_irqs || !view_candidate(v, cpu, intid))
			fail("iar-pending-enabled-targeted", "cpu%u IAR returned INTID %u, which was not "
			     "pending, enabled, inactive and targeted at it", cpu, intid);
		if (intid < NR_SGIS && !(v->sgi_src[intid] >> (got >> 10 & 7) & 1))
			fail("iar-sgi-source", "cpu%u IAR returned SGI %u from cpu%u, which has no "
			     "unacknowledged send of it to cpu%u (sources %#x)", cpu, intid,
			     got >> 10 & 7, cpu, v->sgi_src[intid]);
		if ((intid >= NR_SGIS && got >> 10) || got >> 13)
			fail("iar-format", "cpu%u IAR value %#x has bits set beyond INTID/CPUID", cpu, got);
		if (v->prio[intid] > v->prio[best])
			fail("iar-highest-priority", "cpu%u IAR returned INTID %u of priority %#x, INTID %d "
			     "has %#x", cpu, intid, v->prio[intid], best, v->prio[best]);
	} else if (sig) {
		fail("iar-not-spurious", "cpu%u IAR returned 1023 while INTID %d was signallable",
		     cpu, best);
	}
	if (got != want)
		fail("iar-choice", "cpu%u IAR returned %#x, expected %#x (model: equal priorities go "
		     "to the lowest INTID, an SGI to its lowest source)", cpu, got, want);
	ref_ack(cpu, got);
	if (intid != SPURIOUS)
		push(ref.cpu[cpu].acked, &ref.cpu[cpu].nr_acked, got);
	step_done();
	return got;
}

static void op_cpu_read(unsigned int cpu, uint32_t off, unsigned int width)
{
	uint32_t v, want = 0;
	int rc, want_rc;

	if (off == GICC_IAR && width == 4) {
		op_iar(cpu);
		return;
	}
	want_rc = cpu_access_ok(off, width) && off != GICC_EOIR && off != GICC_AEOIR &&
		  off != GICC_DIR ? 0 : -1;
	if (!want_rc)
		want = ref_cpu_word(cpu, off);
	rc = m_cpu_read(cpu, off, width, &v);
	if (trace)
		fprintf(stderr, "step %lu: cpu%u GICC read +%#x width %u -> %d, %#x\n",
			step, cpu, off, width, rc, v);
	expect_rc(rc, want_rc, "GICC read", cpu, off, width);
	if (v != want)
		fail("register-consistency", "cpu%u GICC +%#x reads %#x, the reference says %#x",
		     cpu, off, v, want);
	step_done();
}

static int op_cpu_write(unsigned int cpu, uint32_t off, unsigned int width, uint32_t value)
{
	int rc;

	call_begin(cpu);
	rc = vgic_cpu_write(vgic, cpu, off, width, value);
	call_end(rc, "GICC write");
	if (trace)
		fprintf(stderr, "step %lu: cpu%u GICC write +%#x width %u = %#x -> %d\n",
			step, cpu, off, width, value, rc);
	expect_rc(rc, ref_cpu_write(cpu, off, width, value), "GICC write", cpu, off, width);
	step_done();
	return rc;
}

static void op_eoi(unsigned int cpu, uint32_t value)
{
	struct ref_cpu *c = &ref.cpu[cpu];

	if (op_cpu_write(cpu, GICC_EOIR, 4, value) == 0 && (c->ctlr & GICC_EOIMODE))
		push(c->eoied, &c->nr_eoied, value);
}

static void op_set_level(unsigned int irq, unsigned int cpu, bool level)
{
	call_begin(cpu);
	vgic_set_level(vgic, irq, cpu, level);
	call_end(0, "vgic_set_level");
	if (trace)
		fprintf(stderr, "step %lu: INTID %u cpu%u level %d\n", step, irq, cpu, level);
	ref_set_level(irq, cpu, level);
	step_done();
}

static void pop_if_top(uint32_t *stack, unsigned int *n, uint32_t value)
{
	if (*n && stack[*n - 1] == value)
		(*n)--;
}

/* EOIR, then maybe DIR (reported and ignored with EOImode 0), of an IAR value. */
static void op_handled(unsigned int cpu, uint32_t v, bool dir)
{
	struct ref_cpu *c = &ref.cpu[cpu];

	pop_if_top(c->acked, &c->nr_acked, v);
	op_eoi(cpu, v);
	if (dir) {
		pop_if_top(c->eoied, &c->nr_eoied, v);
		op_cpu_write(cpu, GICC_DIR, 4, v);
	}
}

/* IAR, then maybe EOIR, then maybe DIR of what it returned (Linux's handler). */
static void op_ack(unsigned int cpu, unsigned int arg)
{
	struct ref_cpu *c = &ref.cpu[cpu];
	uint32_t v;

	if (arg == 3) {
		if (c->nr_acked)
			op_eoi(cpu, c->acked[--c->nr_acked]);
		return;
	}
	v = op_iar(cpu);
	if (arg == 0 || (v & 0x3ff) == SPURIOUS)
		return;
	op_handled(cpu, v, arg == 2);
}

static void op_dir_oldest(unsigned int cpu)
{
	struct ref_cpu *c = &ref.cpu[cpu];
	uint32_t v;

	if (!c->nr_eoied)
		return;
	v = c->eoied[0];
	memmove(c->eoied, c->eoied + 1, --c->nr_eoied * sizeof(*c->eoied));
	op_cpu_write(cpu, GICC_DIR, 4, v);
}

/*
 * Take everything that can be taken (IAR/EOIR/DIR on every CPU), clear
 * the SGI sources that cannot (masked, disabled), then nothing is pending:
 * every send was acknowledged, coalesced or cleared.
 */
static void op_drain(void)
{
	struct vgic_sgi_stats s;

	for (unsigned int c = 0; c < ref.nr_cpus; c++) {
		for (unsigned int n = 0; n < 64; n++) {
			uint32_t v = op_iar(c);

			if ((v & 0x3ff) == SPURIOUS)
				break;
			op_handled(c, v, ref.cpu[c].ctlr & GICC_EOIMODE);
		}
		for (unsigned int i = 0; i < NR_SGIS; i++)
			if (ref.cpu[c].sgi_src[i])
				op_dist_write(c, GICD_CPENDSGIR + i, 1, 0xff);
	}
	check_sgi_stats();
	vgic_get_sgi_stats(vgic, &s);
	if (s.sent != s.acked + s.coalesced + s.cleared)
		fail("sgi-drained-balance", "after draining: sent %llu != acked %llu + coalesced %llu + "
		     "cleared %llu", ULL(s.sent), ULL(s.acked), ULL(s.coalesced), ULL(s.cleared));
}

/* vgic.h: out-of-range CPUs and INTIDs are refused or ignored, and change nothing. */
static void op_ignored(unsigned int cpu)
{
	uint32_t v = 0xdeadbeef;
	int rc;

	op_set_level(step % NR_SGIS, cpu, true);
	op_set_level(NR_PRIV + ref.nr_spis + step % 32, cpu, true);
	op_set_level(NR_SGIS + step % NR_SGIS, ref.nr_cpus + cpu, true);
	call_begin(ref.nr_cpus);
	rc = vgic_dist_read(vgic, ref.nr_cpus, GICD_CTLR, 4, &v);
	call_end(rc, "GICD read");
	if (rc != -1 || v != 0)
		fail("bad-cpu-refused", "GICD read from cpu%u returned %d, %#x", ref.nr_cpus, rc, v);
	if (vgic_cpu_irq_line(vgic, ref.nr_cpus))
		fail("bad-cpu-refused", "vgic_cpu_irq_line(cpu%u) is high", ref.nr_cpus);
	{
		static struct vgic_cpu_stats st, zero;

		memset(&st, 0xff, sizeof(st));
		vgic_get_cpu_stats(vgic, ref.nr_cpus, &st);
		if (memcmp(&st, &zero, sizeof(st)))
			fail("bad-cpu-refused", "vgic_get_cpu_stats(cpu%u) is not all zero", ref.nr_cpus);
	}
	step_done();
}

static void op_enable(unsigned int cpu)
{
	op_dist_write(cpu, GICD_CTLR, 4, GICD_ENABLE);
	op_cpu_write(cpu, GICC_PMR, 4, 0xf0);
	op_cpu_write(cpu, GICC_CTLR, 4, (ref.cpu[cpu].ctlr & GICC_EOIMODE) | GICC_ENABLE);
}

/* ---- input decoding ---- */

struct input {
	const uint8_t *p;
	size_t left;
};

static bool take(struct input *in, unsigned int n, uint32_t *v)
{
	if (in->left < n)
		return false;
	*v = 0;
	for (unsigned int i = 0; i < n; i++)
		*v |= (uint32_t)in->p[i] << (8 * i);
	in->p += n;
	in->left -= n;
	return true;
}

/* Decode and run one op; false when the input ends. */
static bool run_op(struct input *in)
{
	uint32_t op, a, b;
	unsigned int cpu, arg, width;

	if (!take(in, 1, &op))
		return false;
	cpu = (op >> 3 & 7) % ref.nr_cpus;
	arg = op >> 6;
	width = 1u << arg;
	switch (op & 7) {
	case VF_DREAD:
		if (!take(in, 2, &a))
			return false;
		op_dist_read(cpu, a & 0x1fff, width);
		break;
	case VF_DWRITE:
		if (!take(in, 2, &a) || !take(in, 4, &b))
			return false;
		op_dist_write(cpu, a & 0x1fff, width, b);
		break;
	case VF_CREAD:
		if (!take(in, 2, &a))
			return false;
		op_cpu_read(cpu, a & 0x3fff, width);
		break;
	case VF_CWRITE:
		if (!take(in, 2, &a) || !take(in, 4, &b))
			return false;
		op_cpu_write(cpu, a & 0x3fff, width, b);
		break;
	case VF_SGIR:
		if (!take(in, 1, &a) || !take(in, 1, &b))
			return false;
		op_dist_write(cpu, GICD_SGIR, 4, arg << 24 | b << 16 | (a & 0xf0) << 8 | (a & 0xf));
		break;
	case VF_LEVEL:
		if (!take(in, 1, &a))
			return false;
		a = NR_SGIS + a % (ref.nr_spis + 24);
		op_set_level(a, cpu, arg != 0);
		if (arg == 2)
			op_set_level(a, cpu, false);
		break;
	case VF_ACK:
		op_ack(cpu, arg);
		break;
	default:
		if (arg == 0)
			op_dir_oldest(cpu);
		else if (arg == 1)
			op_drain();
		else if (arg == 2)
			op_enable(cpu);
		else
			op_ignored(cpu);
	}
	return true;
}

/* The shadow at reset, as the model documents it. */
static void ref_reset(unsigned int nr_cpus, unsigned int nr_spis)
{
	memset(&ref, 0, sizeof(ref));
	memset(views, 0, sizeof(views));
	ref.nr_cpus = nr_cpus;
	ref.nr_spis = nr_spis;
	ref.nr_irqs = NR_PRIV + nr_spis;
	for (unsigned int c = 0; c < nr_cpus; c++) {
		for (unsigned int i = 0; i < NR_SGIS; i++) {
			ref.cpu[c].priv[i].enabled = true;	/* model: RAO/WI */
			ref.cpu[c].priv[i].edge = true;
		}
		ref.cpu[c].bpr = 2;
		ref.cpu[c].abpr = 3;
	}
}

/* vgic.h: out-of-range configurations are refused. */
static void check_create_refuses(void)
{
	static const struct vgic_config bad[] = {
		{ .nr_cpus = 0 }, { .nr_cpus = NR_CPUS_MAX + 1 },
		{ .nr_cpus = 1, .nr_spis = 33 }, { .nr_cpus = 1, .nr_spis = 1024 },
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (vgic_create(&bad[i]))
			fail("create-refuses", "vgic_create accepted %u CPUs, %u SPIs",
			     bad[i].nr_cpus, bad[i].nr_spis);
	if (vgic_create(NULL))
		fail("create-refuses", "vgic_create accepted no configuration");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vgic_config cfg = { .line = on_line, .report = on_report };
	struct input in = { data + 1, size ? size - 1 : 0 };

	if (!size)
		return 0;
	cfg.nr_cpus = (data[0] & 7) + 1;
	cfg.nr_spis = (data[0] >> 3 & 3) * 32;
	trace = getenv("FUZZ_VGIC_TRACE") != NULL;
	if (!create_checked) {
		check_create_refuses();
		create_checked = true;
	}
	ref_reset(cfg.nr_cpus, cfg.nr_spis);
	step = 0;
	nr_seen_reports = 0;
	vgic = vgic_create(&cfg);
	if (!vgic)
		fail("create", "vgic_create refused %u CPUs, %u SPIs", cfg.nr_cpus, cfg.nr_spis);
	check_state();
	while (step < MAX_STEPS && run_op(&in))
		;
	op_drain();
	vgic_destroy(vgic);
	vgic = NULL;
	return 0;
}
