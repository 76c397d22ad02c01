// SPDX-License-Identifier: GPL-2.0
/*
 * gicdiff: a pseudo-random program of GICv2 register accesses, run one step
 * at a time across the CPUs, printing every value read. The same seed gives
 * the same program and, on GICs that behave alike, the same output:
 * tests/diff compares minivmm's userspace GIC with KVM's in-kernel vGICv2
 * this way.
 *
 * Determinism: exactly one CPU acts per step (a turn counter written only
 * by the CPU whose step just ended), and IRQs stay masked, so nothing is
 * taken behind the program's back: interrupts are acknowledged only by its
 * own GICC_IAR reads. Step i is generated from (seed, i) alone, so any
 * subset of the steps is a program too: the driver shrinks a divergence by
 * dropping steps (steps=).
 *
 * With the in-kernel vGIC the GICC frame is the virtual CPU interface,
 * which sees only what KVM put in its list registers when the vCPU last
 * entered, and KVM learns what the guest did there only when the vCPU
 * exits. So every step begins and ends with a trapped GICD_IIDR read whose
 * value is not recorded: the exit around it makes KVM fold and refill the
 * list registers. Under minivmm it costs one exit more.
 *
 * KVM presents interrupts through the CPU interface's list registers, 4 on
 * GIC-400 and in QEMU's model of it, and fills them with active interrupts
 * first: with 4 active on a vCPU nothing pending can be taken, and an EOI
 * of an active interrupt not in a list register is lost. So the program
 * never makes a 4th interrupt active: a GICC_IAR read or GICD_ISACTIVER
 * write that could is skipped ("STEP -") when the active interrupts the
 * CPU sees (its banked ones and every SPI) would exceed LR_SLOTS - 1.
 *
 * The program works on 31 "live" interrupts: the SGIs and SPIs 32-47 but
 * the UART's 33. Writes never set the bits of other INTIDs below 64: PPIs
 * are driven by devices (timers, PMU) or, level-sensitive in KVM, keep a
 * pending latch differently (see the table); registers beyond INTID 63,
 * which must be RAZ/WI, are read and written.
 * Where the two GICs may legitimately differ, the program keeps out of
 * the way (tests/diff/allowed-differences says why, row by row):
 *  - the live interrupts have distinct priorities (a permutation drawn
 *    from the seed), changed only by swapping two (byte writes) or
 *    rotating a word's four: the choice between equal priorities is the
 *    implementation's;
 *  - an SPI targets exactly one existing CPU (1-of-N delivery differs);
 *  - the distributor, once enabled, stays enabled; SGI enable bits are not
 *    cleared; SPENDSGIR names existing source CPUs only;
 *  - live SPIs are edge-triggered and PPIs' trigger is left alone;
 *  - the prologue sets what resets differently (SPI targets and trigger);
 *  - the pending state of an SPI routed to another CPU is not compared,
 *    and GICD_ICPENDR writes leave such SPIs out (see spis_elsewhere);
 *  - KVM fills no list register with an interrupt of lower priority than
 *    an SGI with a source still pending, so while an SGI is active and
 *    pending again lower priorities are hidden, active ones included: a
 *    GICC_IAR or GICC_HPPIR read, EOI or DIR is skipped then ("STEP ~");
 *  - GICC_BPR is not written while the CPU has an active priority;
 *  - GICC_CTLR never enables Group 1 with Group 0 disabled, and GICC_ABPR
 *    is written only values from its minimum, 3, up.
 *
 * bootargs: seed=S len=L cpus=N (default 1) [steps=A-B,C,...] [full=1]
 *           [wait_ms=W]
 * Prints "gicdiff: seed=S len=L cpus=N prologue=P" (the prologue is steps
 * 0 to P-1), one line per read step (full=1: per step; see print_op), and
 * "gicdiff: end steps=K"; exits 0 (test-exit device), or 1 if a CPU missed
 * its turn.
 */
#include "gic.h"
#include "lib.h"

#define MAX_CPUS	8
#define MAX_RANGES	128
#define NR_INTIDS	64		/* what minivmm and KVM are both given */
/* The live interrupts (see the top): bits of word 0 and of word 1. */
#define LIVE_PRIVATE	0x0000ffffu
#define LIVE_SPI	0x0000fffdu
#define NR_LIVE		31
#define UART_INTID	(32 + MEMMAP_UART_SPI)
#define ICFGR2_EDGE	0xaaaaaaa2u	/* live SPIs edge, the UART's level */
#define LR_SLOTS	4		/* list registers of the virtual CPU interface */

enum frame { FRAME_D, FRAME_C };
enum kind {
	OP_READ,
	OP_WRITE,
	OP_EOI_LAST,	/* GICC_EOIR <- this CPU's last GICC_IAR value */
	OP_DIR_LAST,	/* GICC_DIR <- the same */
	OP_SWAP_PRIO,	/* swap the priorities of INTIDs off and val (bytes) */
	OP_ROTATE_PRIO,	/* rotate the IPRIORITYR word at off by a byte */
};

struct op {
	uint8_t cpu, frame, kind, width;
	uint16_t off;
	uint32_t val;
};

static struct {
	uint64_t seed;
	uint32_t len, ncpus, full;
	uint64_t wait;			/* counter ticks one turn may take */
	uint32_t nranges;
	uint32_t lo[MAX_RANGES], hi[MAX_RANGES];
} cfg;

/*
 * What the priorities are, for swaps and rotations: private ones per CPU
 * (each written only by its CPU), SPIs' by whichever CPU's turn it is.
 */
static uint8_t prio_private[MAX_CPUS][32];
static uint8_t prio_spi[32];

static volatile uint32_t turn;		/* position of the next step to run */
static volatile uint32_t online[MAX_CPUS];
static volatile uint32_t failed;
static uint32_t last_iar[MAX_CPUS];	/* each written by its own CPU only */

/* ---- the program ---- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint32_t rnd(uint64_t *state)
{
	*state += 0x9e3779b97f4a7c15ull;
	return mix64(*state) >> 32;
}

/* A mask with about one bit in eight set, or sometimes all of them. */
static uint32_t sparse(uint64_t *r)
{
	if (rnd(r) % 16 == 0)
		return rnd(r);
	return rnd(r) & rnd(r) & rnd(r);
}

static uint32_t cpu_mask(void)
{
	return (1u << cfg.ncpus) - 1;
}

/* One of the live INTIDs: an SGI or an SPI. */
static uint32_t live_intid(uint64_t *r, int spi)
{
	uint32_t id;

	if (!spi)
		return rnd(r) % 16;
	do
		id = 32 + rnd(r) % 16;
	while (id == UART_INTID);
	return id;
}

/* A set/clear-style bit-per-interrupt write: word 0, 1, or (rarely) 2. */
static void gen_bits(struct op *op, uint64_t *r, uint32_t base)
{
	uint32_t word = rnd(r) % 16 == 0 ? 2 : rnd(r) % 2;

	op->kind = OP_WRITE;
	op->off = base + 4 * word;
	op->val = sparse(r);
	if (word == 0)
		op->val &= base == GICD_ICENABLER ? 0 : LIVE_PRIVATE;
	else if (word == 1)
		op->val &= LIVE_SPI;
}

static void gen_priority(struct op *op, uint64_t *r)
{
	int spi = rnd(r) % 4 == 0;

	if (rnd(r) % 2) {
		op->kind = OP_SWAP_PRIO;
		op->width = 1;
		op->off = live_intid(r, spi);
		do
			op->val = live_intid(r, spi);
		while (op->val == op->off);
	} else {		/* words whose four INTIDs are all live */
		op->kind = OP_ROTATE_PRIO;
		op->off = GICD_IPRIORITYR + 4 * (spi ? 9 + rnd(r) % 3 : rnd(r) % 4);
	}
}

/* SPI targets: one existing CPU per byte; sometimes a (WI) private word. */
static void gen_targets(struct op *op, uint64_t *r)
{
	op->kind = OP_WRITE;
	if (rnd(r) % 8 == 0) {
		op->off = GICD_ITARGETSR + 4 * (rnd(r) % 8);
		op->val = rnd(r);
	} else if (rnd(r) % 2) {
		op->width = 1;
		op->off = GICD_ITARGETSR + live_intid(r, 1);
		op->val = 1u << (rnd(r) % cfg.ncpus);
	} else {
		op->off = GICD_ITARGETSR + 32 + 4 * (rnd(r) % 4);
		for (int b = 0; b < 4; b++)
			op->val |= (1u << (rnd(r) % cfg.ncpus)) << (8 * b);
	}
}

static const uint16_t gicd_word_regs[] = {
	GICD_CTLR, GICD_TYPER, GICD_IGROUPR, GICD_ISENABLER, GICD_ICENABLER,
	GICD_ISPENDR, GICD_ICPENDR, GICD_ISACTIVER, GICD_ICACTIVER, GICD_ICFGR,
};

static void gen_gicd_read(struct op *op, uint64_t *r)
{
	uint32_t pick = rnd(r) % 16;

	op->kind = OP_READ;
	if (pick < 10) {
		uint32_t reg = gicd_word_regs[pick];

		op->off = reg;
		if (reg == GICD_ICFGR)
			op->off += 4 * (rnd(r) % 6);
		else if (reg != GICD_CTLR && reg != GICD_TYPER)
			op->off += 4 * (rnd(r) % 3);
		return;
	}
	if (pick < 14) {	/* byte-accessible: priority, targets, SGI pending */
		static const uint16_t base[] = { GICD_IPRIORITYR, GICD_ITARGETSR,
						 GICD_CPENDSGIR, GICD_SPENDSGIR };
		uint32_t limit = pick < 12 ? NR_INTIDS + 32 : 16;

		op->off = base[pick - 10] + rnd(r) % limit;
		op->width = rnd(r) % 2 ? 1 : 4;
		op->off &= ~(op->width - 1u);
		return;
	}
	op->off = GICD_IIDR;
}

static const uint16_t gicc_read_regs[] = {
	GICC_CTLR, GICC_PMR, GICC_BPR, GICC_RPR, GICC_HPPIR, GICC_ABPR, GICC_APR0,
};

/* Prologue steps per CPU for its SGIs' priorities: IPRIORITYR words 0-3. */
#define PRIO_STEPS	4

/*
 * The prologue: distributor and CPU interfaces on, live SPIs enabled,
 * level-sensitive and spread over the CPUs, every live interrupt at its
 * priority. Returns 0 when step @i is past it.
 */
static int gen_prologue(uint32_t i, struct op *op)
{
	uint32_t n = cfg.ncpus;

	op->kind = OP_WRITE;
	op->cpu = 0;
	if (i == 0) {
		op->off = GICD_CTLR;
		op->val = 1;
		return 1;
	}
	i--;
	if (i < 2 * n) {
		op->cpu = i % n;
		op->frame = FRAME_C;
		op->off = i < n ? GICC_CTLR : GICC_PMR;
		op->val = i < n ? 1 : 0xf0;
		return 1;
	}
	i -= 2 * n;
	switch (i) {
	case 0:
		op->off = GICD_ISENABLER + 4;
		op->val = LIVE_SPI;
		return 1;
	case 1: case 2: case 3: case 4:
		op->off = GICD_ITARGETSR + 32 + 4 * (i - 1);
		for (int b = 0; b < 4; b++)
			op->val |= (1u << ((4 * (i - 1) + b) % n)) << (8 * b);
		return 1;
	case 5: case 6:
		op->off = GICD_ICFGR + 4 * (i - 3);
		op->val = i == 5 ? ICFGR2_EDGE : 0;
		return 1;
	case 7: case 8: case 9: case 10:
		op->kind = OP_ROTATE_PRIO;	/* by 0: as the permutation has it */
		op->width = 0;
		op->off = GICD_IPRIORITYR + 32 + 4 * (i - 7);
		return 1;
	}
	i -= 11;		/* 12 + (2 + PRIO_STEPS) * n steps in all */
	if (i < PRIO_STEPS * n) {
		op->cpu = i / PRIO_STEPS;
		op->kind = OP_ROTATE_PRIO;
		op->width = 0;
		op->off = GICD_IPRIORITYR + 4 * (i % PRIO_STEPS);
		return 1;
	}
	return 0;
}

/* Step @i of the program (a pure function of seed, i and the CPU count). */
static void gen(uint32_t i, struct op *op)
{
	uint64_t r = mix64(cfg.seed ^ mix64(i + 1ull));
	uint32_t n = cfg.ncpus, pick;

	op->frame = FRAME_D;
	op->width = 4;
	op->val = 0;
	if (gen_prologue(i, op))
		return;
	op->cpu = rnd(&r) % n;	/* after: the prologue wrote its own */

	pick = rnd(&r) % 100;
	if (pick < 10) {		/* SGIR: list, others, self; rarely reserved */
		uint32_t filter = rnd(&r) % 16 == 0 ? 3 : rnd(&r) % 3;

		op->kind = OP_WRITE;
		op->off = GICD_SGIR;
		op->val = filter << 24 | (rnd(&r) & 0xff) << 16 | rnd(&r) % 16;
	} else if (pick < 18) {
		gen_bits(op, &r, rnd(&r) % 2 ? GICD_ISENABLER : GICD_ICENABLER);
	} else if (pick < 28) {
		gen_bits(op, &r, rnd(&r) % 2 ? GICD_ISPENDR : GICD_ICPENDR);
	} else if (pick < 34) {
		gen_bits(op, &r, rnd(&r) % 2 ? GICD_ISACTIVER : GICD_ICACTIVER);
	} else if (pick < 40) {
		gen_priority(op, &r);
	} else if (pick < 43) {
		gen_targets(op, &r);
	} else if (pick < 45) {
		op->kind = OP_WRITE;
		op->off = GICD_ICFGR + 4 * (2 + rnd(&r) % 3);
		op->val = rnd(&r);
		if (op->off == GICD_ICFGR + 8)	/* keep the live SPIs edge */
			op->val = ICFGR2_EDGE | (op->val & 0x55555555u);
	} else if (pick < 48) {
		op->kind = OP_WRITE;
		op->off = (rnd(&r) % 2 ? GICD_SPENDSGIR : GICD_CPENDSGIR) + rnd(&r) % 16;
		op->width = rnd(&r) % 2 ? 1 : 4;
		op->off &= ~(op->width - 1u);
		op->val = sparse(&r) & cpu_mask() * 0x01010101u & (op->width == 1 ? 0xff : ~0u);
	} else if (pick < 50) {
		op->kind = OP_WRITE;
		op->off = GICD_CTLR;
		op->val = 1;
	} else if (pick < 62) {
		gen_gicd_read(op, &r);
	} else if (pick < 72) {
		op->frame = FRAME_C;
		op->kind = OP_READ;
		op->off = GICC_IAR;
	} else if (pick < 84) {
		op->frame = FRAME_C;
		op->kind = OP_EOI_LAST;
		op->off = GICC_EOIR;
	} else if (pick < 86) {		/* EOIR of any SGI (banked), any source */
		op->frame = FRAME_C;
		op->kind = OP_WRITE;
		op->off = GICC_EOIR;
		op->val = rnd(&r) % 8 == 0 ? GIC_SPURIOUS :
			  (rnd(&r) % n) << 10 | live_intid(&r, 0);
	} else if (pick < 88) {
		op->frame = FRAME_C;
		op->kind = OP_DIR_LAST;
		op->off = GICC_DIR;
	} else if (pick < 90) {		/* GICC_CTLR: mostly enabled, EOImode either way */
		op->frame = FRAME_C;
		op->kind = OP_WRITE;
		op->off = GICC_CTLR;
		op->val = (rnd(&r) % 4 != 0) | (rnd(&r) % 2) << 9;
		if (rnd(&r) % 8 == 0)
			op->val |= rnd(&r) & 0x61e;
		if (!(op->val & 1))		/* Group 1 alone: see the table */
			op->val &= ~2u;
	} else if (pick < 92) {
		op->frame = FRAME_C;
		op->kind = OP_WRITE;
		op->off = GICC_PMR;
		op->val = rnd(&r) % 4 ? 0xf0 - (rnd(&r) & 0x70) : rnd(&r) & 0xff;
	} else if (pick < 94) {
		op->frame = FRAME_C;
		op->kind = OP_WRITE;
		op->off = pick == 92 ? GICC_BPR : GICC_ABPR;
		op->val = rnd(&r) % 8;
		if (op->off == GICC_ABPR && op->val < 3)	/* see the table */
			op->val += 3;
	} else {
		op->frame = FRAME_C;
		op->kind = OP_READ;
		op->off = gicc_read_regs[rnd(&r) % (sizeof(gicc_read_regs) / sizeof(gicc_read_regs[0]))];
	}
}

/* The starting priorities: a permutation of the 32 levels over the live set. */
static void init_priorities(void)
{
	uint8_t level[NR_LIVE];
	uint64_t r = mix64(cfg.seed ^ 0x5052494f52495459ull);
	uint32_t k = 0;

	for (uint32_t j = 0; j < NR_LIVE; j++)
		level[j] = j << 3;
	for (uint32_t j = NR_LIVE - 1; j > 0; j--) {
		uint32_t x = rnd(&r) % (j + 1);
		uint8_t t = level[j];

		level[j] = level[x];
		level[x] = t;
	}
	for (uint32_t id = 0; id < 32; id++) {
		uint8_t p = LIVE_PRIVATE & (1u << id) ? level[k++] : 0xf8;

		for (uint32_t c = 0; c < MAX_CPUS; c++)
			prio_private[c][id] = p;
	}
	for (uint32_t id = 32; id < 64; id++)
		prio_spi[id - 32] = id < 48 && id != UART_INTID ? level[k++] : 0xf8;
}

static uint8_t *prio_of(uint32_t cpu, uint32_t intid)
{
	return intid < 32 ? &prio_private[cpu][intid] : &prio_spi[intid - 32];
}

/* ---- running it ---- */

static inline uint8_t readb(uint64_t addr)
{
	uint8_t v;

	asm volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writeb(uint8_t v, uint64_t addr)
{
	asm volatile("strb %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

/*
 * Output goes straight to the PL011's data register: minivmm's UART takes
 * every write at once, and polling UARTFR before each character would double
 * the exits that make up most of a run's time.
 */
static void out(const char *s)
{
	while (*s)
		writel((uint8_t)*s++, MEMMAP_UART_BASE);
}

/* @v in hex, at least @pad digits. */
static void out_hex(uint32_t v, int pad)
{
	char buf[9];
	int n = 0;

	for (int i = 7; i >= 0; i--) {
		uint32_t d = (v >> (4 * i)) & 0xf;

		if (d || n || i < pad)
			buf[n++] = d < 10 ? '0' + d : 'a' + d - 10;
	}
	buf[n] = 0;
	out(buf);
}

static void out_dec(uint32_t v)
{
	char buf[11];
	int i = 10;

	buf[i] = 0;
	do {
		buf[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	out(&buf[i]);
}

/*
 * "STEP D|COFF VALUE" (register and value in hex); full=1 adds the CPU, the
 * width and the direction: "STEP COFF VALUE cCPU/WIDTH read|write". A
 * priority swap shows the first byte's register and both bytes written.
 */
static void print_op(uint32_t i, const struct op *op, uint32_t val)
{
	out_dec(i);
	out(op->frame == FRAME_D ? " D" : " C");
	out_hex(op->kind == OP_SWAP_PRIO ? GICD_IPRIORITYR + op->off : op->off, 3);
	out(" ");
	out_hex(val, 1);
	if (cfg.full) {
		out(" c");
		out_dec(op->cpu);
		out(op->width == 1 ? "/1" : "/4");
		out(op->kind == OP_READ ? " read" : " write");
	}
	out("\n");
}

static uint32_t run_op(const struct op *op)
{
	uint64_t addr = (op->frame == FRAME_D ? MEMMAP_GICD_BASE : MEMMAP_GICC_BASE) + op->off;
	uint32_t val = op->val;

	if (op->kind == OP_EOI_LAST || op->kind == OP_DIR_LAST)
		val = last_iar[op->cpu];
	if (op->kind == OP_SWAP_PRIO) {
		uint8_t *a = prio_of(op->cpu, op->off), *b = prio_of(op->cpu, op->val);
		uint8_t t = *a;

		*a = *b;
		*b = t;
		writeb(*a, MEMMAP_GICD_BASE + GICD_IPRIORITYR + op->off);
		writeb(*b, MEMMAP_GICD_BASE + GICD_IPRIORITYR + op->val);
		return *a | *b << 8;
	}
	if (op->kind == OP_ROTATE_PRIO) {	/* width 0: no rotation */
		uint32_t first = op->off - GICD_IPRIORITYR;
		uint8_t *p0 = prio_of(op->cpu, first), t = p0[0];

		if (op->width) {
			p0[0] = p0[1];
			p0[1] = p0[2];
			p0[2] = p0[3];
			p0[3] = t;
		}
		val = p0[0] | p0[1] << 8 | p0[2] << 16 | (uint32_t)p0[3] << 24;
		writel(val, addr);
		return val;
	}
	if (op->kind == OP_READ)
		val = op->width == 1 ? readb(addr) : readl(addr);
	else if (op->width == 1)
		writeb(val, addr);
	else
		writel(val, addr);
	if (op->kind == OP_READ && op->frame == FRAME_C && op->off == GICC_IAR)
		last_iar[op->cpu] = val;
	return val;
}

static unsigned int bits(uint32_t v)
{
	unsigned int n = 0;

	for (; v; v &= v - 1)
		n++;
	return n;
}

/*
 * Whether @op could make an LR_SLOTS-th interrupt active (see the top);
 * if so, the two GICD_ISACTIVER words it read are in @active.
 */
static int needs_lr_slot(const struct op *op, uint32_t active[2])
{
	uint32_t active0, active1, more = 0;

	if (op->frame == FRAME_C && op->kind == OP_READ && op->off == GICC_IAR)
		more = 1;
	else if (op->frame == FRAME_D && op->kind == OP_WRITE &&
		 (op->off == GICD_ISACTIVER || op->off == GICD_ISACTIVER + 4))
		more = op->val;
	else
		return 0;
	active0 = gicd_read(GICD_ISACTIVER);
	active1 = gicd_read(GICD_ISACTIVER + 4);
	if (op->off == GICD_ISACTIVER)
		more = bits(more & ~active0);
	else if (op->off == GICD_ISACTIVER + 4)
		more = bits(more & ~active1);
	active[0] = active0;
	active[1] = active1;
	return bits(active0) + bits(active1) + more > LR_SLOTS - 1;
}

/*
 * Whether @op is a GICC_IAR or GICC_HPPIR read, or an EOI or deactivation,
 * while an SGI of this CPU is active and pending again (see the top); if
 * so, the GICD_ISACTIVER0 and GICD_ISPENDR0 it read are in @words.
 */
static int sgi_active_and_pending(const struct op *op, uint32_t words[2])
{
	if (op->frame != FRAME_C)
		return 0;
	if (!(op->kind == OP_READ && (op->off == GICC_IAR || op->off == GICC_HPPIR)) &&
	    op->kind != OP_EOI_LAST && op->kind != OP_DIR_LAST &&
	    !(op->kind == OP_WRITE && op->off == GICC_EOIR))
		return 0;
	words[0] = gicd_read(GICD_ISACTIVER);
	words[1] = gicd_read(GICD_ISPENDR);
	return (words[0] & words[1] & LIVE_PRIVATE) != 0;
}

/*
 * Whether @op writes GICC_BPR while this CPU has an active priority (see
 * the top); if so, GICC_APR0 is in @words[0].
 */
static int bpr_with_active_priority(const struct op *op, uint32_t words[2])
{
	if (op->frame != FRAME_C || op->kind != OP_WRITE || op->off != GICC_BPR)
		return 0;
	words[0] = gicc_read(GICC_APR0);
	words[1] = 0;
	return words[0] != 0;
}

/*
 * The live SPIs routed to a CPU other than @cpu. KVM moves an edge
 * interrupt's pending state into a list register when the target vCPU
 * enters, and back when it exits; another vCPU's GICD_ISPENDR read in
 * between sees it not pending, and a GICD_ICPENDR write is undone when it
 * exits. So pending reads hide, and ICPENDR writes leave out, the SPIs of
 * the other CPUs; a CPU's own are exact, its access having exited first.
 * A retargeted SPI moves only when the vCPU holding it exits: after an
 * ITARGETSR write the step writes 0 to GICD_ICACTIVER1, which changes
 * nothing but makes KVM stop every vCPU (as for any active-state access).
 */
static uint32_t spis_elsewhere(uint32_t cpu)
{
	uint32_t others = 0;

	for (uint32_t w = 0; w < 4; w++) {
		uint32_t t = gicd_read(GICD_ITARGETSR + 32 + 4 * w);

		for (uint32_t b = 0; b < 4; b++)
			if (((t >> (8 * b)) & 0xff) != 1u << cpu)
				others |= 1u << (4 * w + b);
	}
	return others & LIVE_SPI;
}

static int pending_spi_access(const struct op *op)
{
	return op->frame == FRAME_D && op->width == 4 &&
	       ((op->kind == OP_READ && (op->off == GICD_ISPENDR + 4 || op->off == GICD_ICPENDR + 4)) ||
		(op->kind == OP_WRITE && op->off == GICD_ICPENDR + 4));
}

static int selected(uint32_t i)
{
	if (!cfg.nranges)
		return 1;
	for (uint32_t k = 0; k < cfg.nranges; k++)
		if (i >= cfg.lo[k] && i <= cfg.hi[k])
			return 1;
	return 0;
}

/* Wait until it is position @pos's turn; 0 on time, -1 after cfg.wait. */
static int wait_turn(uint32_t pos)
{
	uint64_t start = cntvct();

	while (turn != pos) {
		if (failed || cntvct() - start > cfg.wait)
			return -1;
	}
	return 0;
}

/* Every CPU walks the whole program and runs its own steps in turn. */
static void run_program(uint32_t cpu)
{
	uint32_t pos = 0;
	struct op op;

	for (uint32_t i = 0; i < cfg.len; i++) {
		if (!selected(i))
			continue;
		gen(i, &op);
		if (op.cpu == cpu) {
			uint32_t val, active[2];

			if (wait_turn(pos)) {
				if (!failed) {
					failed = 1;
					puts("gicdiff: FAIL cpu ");
					putdec(cpu);
					puts(" waited in vain for step ");
					putdec(i);
					puts("\n");
				}
				return;
			}
			(void)gicd_read(GICD_IIDR);	/* exit: list registers refilled */
			/*
			 * Skipped: "STEP - ISACTIVER0 ISACTIVER1", "STEP ~
			 * ISACTIVER0 ISPENDR0" or "STEP ~ APR0 0".
			 */
			int lr = needs_lr_slot(&op, active);

			if (lr || sgi_active_and_pending(&op, active) ||
			    bpr_with_active_priority(&op, active)) {
				out_dec(i);
				out(lr ? " - " : " ~ ");
				out_hex(active[0], 1);
				out(" ");
				out_hex(active[1], 1);
				out("\n");
			} else {
				uint32_t others = pending_spi_access(&op) ? spis_elsewhere(cpu) : 0;

				if (op.kind == OP_WRITE)
					op.val &= ~others;
				val = run_op(&op);
				if (op.kind == OP_READ)
					val &= ~others;
				if (op.kind == OP_WRITE && op.frame == FRAME_D &&
				    op.off >= GICD_ITARGETSR && op.off < GICD_ICFGR)
					writel(0, MEMMAP_GICD_BASE + GICD_ICACTIVER + 4);	/* see spis_elsewhere */
				(void)gicd_read(GICD_IIDR);	/* exit: list registers folded */
				if (op.kind == OP_READ || cfg.full)
					print_op(i, &op, val);
			}
			dsb();
			turn = pos + 1;
			dsb();
		}
		pos++;
	}
}

void secondary_main(uint64_t cpu)
{
	write_sysreg((uint64_t)exception_vectors, vbar_el1);
	isb();
	dsb();
	online[cpu] = 1;
	dsb();
	run_program(cpu);
}

/* steps=A-B,C,...: the steps to run (all when absent). */
static void parse_steps(const char *args)
{
	const char *p = args;

	while (*p && !(p[0] == 's' && p[1] == 't' && p[2] == 'e' && p[3] == 'p' &&
		       p[4] == 's' && p[5] == '=' && (p == args || p[-1] == ' ')))
		p++;
	if (!*p)
		return;
	p += 6;
	while (*p >= '0' && *p <= '9' && cfg.nranges < MAX_RANGES) {
		uint32_t lo = 0, hi;

		while (*p >= '0' && *p <= '9')
			lo = lo * 10 + (*p++ - '0');
		hi = lo;
		if (*p == '-') {
			p++;
			hi = 0;
			while (*p >= '0' && *p <= '9')
				hi = hi * 10 + (*p++ - '0');
		}
		cfg.lo[cfg.nranges] = lo;
		cfg.hi[cfg.nranges++] = hi;
		if (*p == ',')
			p++;
	}
}

static void finish(uint32_t code)
{
	test_exit(code);
	system_off();
}

/* IRQs stay masked: being here at all is a bug of the GIC or of this guest. */
void irq_handler(void)
{
	puts("gicdiff: FAIL an IRQ was taken with IRQs masked\n");
	finish(1);
}

void exception_handler(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	puts("gicdiff: FAIL exception ");
	putdec(kind);
	puts(" esr ");
	puthex(esr);
	puts(" elr ");
	puthex(elr);
	puts(" far ");
	puthex(far);
	puts("\n");
	finish(2);
	for (;;)
		;
}

void guest_main(const void *dtb)
{
	const char *args = bootargs(dtb);
	uint32_t total = 0;

	write_sysreg((uint64_t)exception_vectors, vbar_el1);
	isb();
	cfg.seed = bootarg_number(args, "seed", 1);
	cfg.len = bootarg_number(args, "len", 200);
	cfg.ncpus = bootarg_number(args, "cpus", 1);
	cfg.full = bootarg_number(args, "full", 0);
	cfg.wait = read_sysreg(cntfrq_el0) / 1000 * bootarg_number(args, "wait_ms", 10000);
	if (cfg.ncpus < 1 || cfg.ncpus > MAX_CPUS) {
		puts("gicdiff: FAIL cpus= must be 1 to 8\n");
		finish(1);
	}
	parse_steps(args);
	init_priorities();
	puts("gicdiff: seed=");
	putdec(cfg.seed);
	puts(" len=");
	putdec(cfg.len);
	puts(" cpus=");
	putdec(cfg.ncpus);
	puts(" prologue=");
	putdec(12 + (2 + PRIO_STEPS) * cfg.ncpus);
	puts("\n");
	dsb();

	for (uint32_t cpu = 1; cpu < cfg.ncpus; cpu++) {
		uint64_t start = cntvct();

		if (psci_call(PSCI_CPU_ON, cpu, (uint64_t)secondary_entry, cpu)) {
			puts("gicdiff: FAIL CPU_ON refused for cpu ");
			putdec(cpu);
			puts("\n");
			finish(1);
		}
		while (!online[cpu]) {
			if (cntvct() - start > cfg.wait) {
				puts("gicdiff: FAIL cpu did not come online\n");
				finish(1);
			}
		}
	}

	run_program(0);
	for (uint32_t i = 0; i < cfg.len; i++)
		total += selected(i);
	if (!failed && wait_turn(total) == 0) {
		puts("gicdiff: end steps=");
		putdec(total);
		puts("\n");
		finish(0);
	}
	if (!failed)
		puts("gicdiff: FAIL the last steps were not run\n");
	finish(1);
}
