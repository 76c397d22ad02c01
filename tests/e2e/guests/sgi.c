// SPDX-License-Identifier: GPL-2.0
/*
 * sgi: checks the GICv2 the VMM gives it, from inside the guest: SGIs sent
 * through GICD_SGIR and taken through GICC_IAR/EOIR with exact counts per
 * (target, source, SGI), and the virtual timer PPI on every vCPU.
 *
 * The MMU stays off, so every data access is Device memory, where
 * exclusives are not guaranteed to work: no atomics. Each counter has one
 * writer (a CPU's IRQ handler, or that CPU's main line) and the others
 * only read it. Every wait is bounded by the virtual counter.
 *
 * Phases, separated by barriers (all CPUs unless said otherwise):
 *   early  CPU 0 sends SGI 7 to each secondary before its CPU_ON: pending
 *          must survive the target's disabled CPU interface.
 *   timer  every CPU arms CNTV every tick_us until it has taken T ticks,
 *          while the SGI storm of (a) runs; a tick without CNTV's ISTATUS
 *          (a level the GIC kept after it dropped) is an error.
 *   a      targeted lists: each CPU sends k SGIs (0-7) to each other CPU,
 *          one at a time, each taken before the next (so nothing
 *          coalesces); every fourth round one SGIR names all others.
 *   b      k all-but-self broadcasts (SGIs 8-10), k self SGIs (11-12),
 *          and a self SGI (13) that GICC_PMR must hold back.
 *   c      one round per CPU: it masks IRQs, every CPU (itself included,
 *          by the self filter) sends SGI 15; GICD_SPENDSGIR must show all
 *          sources; it unmasks and must take each source once.
 *   poll   the last CPU, IRQs masked, takes SGI 14 from every CPU by
 *          polling GICC_IAR: while one source is active the SGI must not
 *          be presented again, and GICC_RPR shows its priority.
 * Then CPU 0 compares what every CPU took with what was sent to it, and
 * prints a table (in(a): ticks a CPU had taken when its part of a ended).
 *
 * bootargs (all optional): cpus=N (default: CPU_ON until it fails), k=K
 * (default 24), ticks=T (20), tick_us=U (1000), wait_ms=W (5000, one SGI
 * or tick wait), barrier_ms=B (30000).
 *
 * Ends with "sgi: ok ..." or "sgi: FAIL ..."; under minivmm (found by its
 * "minivmm,test-exit" DT node) it writes 0 or 1 to the test-exit device,
 * elsewhere (QEMU) it powers off. A synchronous exception exits with 2.
 */
#include "gic.h"
#include "lib.h"

#define MAX_CPUS	8
#define PRIO		0xa0	/* what Linux gives every interrupt */
#define PMR_OPEN	0xf0
#define TIMER_INTID	MEMMAP_TIMER_VIRT_INTID

/* SGI numbers by phase, so that a wrong count names its test. */
#define SGI_LIST_NR	8	/* a: SGIs 0..7 */
#define SGI_EARLY	7	/* sent before CPU_ON, counted with a */
#define SGI_OTHERS	8	/* b: all-but-self, 8..10 */
#define SGI_SELF	11	/* b: self, 11..12 */
#define SGI_PMR		13	/* b: self, held back by GICC_PMR */
#define SGI_POLL	14
#define SGI_MULTI	15	/* c */

#define LOG_LEN		32
#define STORM_LIMIT	100000	/* bogus interrupts before the handler gives up */
#define MAX_REPORT	12	/* mismatch lines printed */

/* Written by CPU 0 before it starts any secondary (ncpus: before barrier 1). */
static volatile struct config {
	unsigned int ncpus;
	unsigned int gic_cpus;		/* GICD_TYPER.CPUNumber + 1 */
	uint32_t k, ticks;
	uint64_t freq, tick_period, wait, barrier_wait;	/* counter units */
	int minivmm;
} cfg;

/* Written only by the CPU's IRQ handler (or its main line with IRQs masked). */
struct irq_state {
	uint32_t seen[MAX_CPUS][16];	/* SGIs taken, by source CPU and SGI */
	uint32_t ticks;			/* timer IRQs with the timer condition met */
	uint32_t stale;			/* timer IRQs without it */
	uint32_t spurious;		/* IRQ exceptions whose first IAR was 1023 */
	uint32_t unexpected;		/* any other INTID */
	uint32_t last_unexpected;	/* its IAR */
	uint32_t irqs;			/* IRQ exceptions taken */
	uint32_t storm;			/* the handler disabled its CPU interface */
	uint32_t nlog;			/* IARs of SGI_MULTI, in order taken */
	uint32_t log[LOG_LEN];
};

/* Written only by the CPU's main line. */
struct cpu_state {
	uint32_t online;
	uint32_t arrive;		/* last barrier reached */
	uint32_t sent[MAX_CPUS][16];	/* SGIs sent, by target CPU and SGI */
	uint32_t ready;			/* c, poll: round + 1 once IRQs are masked */
	uint32_t posted;		/* c, poll: round + 1 once its SGI is sent */
	uint32_t itargets;		/* GICD_ITARGETSR0 as this CPU read it */
	uint32_t storm_ticks;		/* its ticks when its part of (a) ended */
	const char *fail;		/* first failure, printf-like, NULL if none */
	uint32_t fail_arg[4];
};

static volatile struct irq_state irqs[MAX_CPUS];
static volatile struct cpu_state cpus[MAX_CPUS];
static volatile uint32_t release;	/* barrier: written by CPU 0 only */

/* ---- output ---- */

/* @fmt with "%d" (decimal) and "%x" (hex) taking @args in order. */
static void putfmt(const char *fmt, const volatile uint32_t *args)
{
	char one[2] = { 0, 0 };

	for (; *fmt; fmt++) {
		if (fmt[0] == '%' && (fmt[1] == 'd' || fmt[1] == 'x')) {
			if (fmt[1] == 'd')
				putdec(*args++);
			else
				puthex(*args++);
			fmt++;
			continue;
		}
		one[0] = *fmt;
		puts(one);
	}
}

static void put_padded(uint64_t v, int width)
{
	uint64_t t = v;
	int digits = 1;

	while (t >= 10)
		t /= 10, digits++;
	while (digits++ < width)
		puts(" ");
	putdec(v);
}

static void finish(uint32_t code) __attribute__((noreturn));
static void finish(uint32_t code)
{
	if (cfg.minivmm)
		test_exit(code);
	system_off();
}

/* Record @cpu's first failure; the printing is CPU 0's job. */
static void fail(unsigned int cpu, const char *fmt, uint32_t a, uint32_t b,
		 uint32_t c, uint32_t d)
{
	volatile struct cpu_state *me = &cpus[cpu];

	if (me->fail)
		return;
	me->fail_arg[0] = a;
	me->fail_arg[1] = b;
	me->fail_arg[2] = c;
	me->fail_arg[3] = d;
	dsb();
	me->fail = fmt;
	dsb();
}

static int failed(unsigned int cpu)
{
	return cpus[cpu].fail != 0;
}

/* Wait until @cond holds, at most @limit counter ticks; the result is @cond. */
#define WAIT_UNTIL(cond, limit) ({				\
	uint64_t __t0 = cntvct();				\
	while (!(cond) && cntvct() - __t0 <= (limit)) {		\
		dsb();						\
		wfe();						\
	}							\
	(cond);							\
})

static uint64_t ms_to_ticks(uint64_t ms)
{
	return cfg.freq * ms / 1000;
}

/* libgcc's popcount is not linked in (and needs SIMD for speed anyway). */
static unsigned int nr_bits(uint32_t m)
{
	unsigned int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

static uint32_t all_cpus(void)
{
	return (1u << cfg.ncpus) - 1;
}

/* ---- interrupts ---- */

static void timer_arm(void)
{
	write_sysreg(cfg.tick_period, cntv_tval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

/* Count one acknowledged interrupt (not EOIed yet) for @cpu. */
static void irq_account(unsigned int cpu, uint32_t iar)
{
	volatile struct irq_state *st = &irqs[cpu];
	unsigned int intid = GICC_IAR_INTID(iar);

	if (intid < 16) {
		st->seen[GICC_IAR_CPU(iar)][intid]++;
		if (intid == SGI_MULTI) {
			st->log[st->nlog % LOG_LEN] = iar;
			st->nlog++;
		}
	} else if (intid == TIMER_INTID) {
		uint64_t ctl = read_sysreg(cntv_ctl_el0);

		/* Like Linux's arch_timer_handler_virt: only ISTATUS makes it a tick. */
		if ((ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK | CNTV_CTL_ISTATUS)) ==
		    (CNTV_CTL_ENABLE | CNTV_CTL_ISTATUS)) {
			st->ticks++;
			if (st->ticks < cfg.ticks)
				write_sysreg(cfg.tick_period, cntv_tval_el0);
			else
				write_sysreg(0, cntv_ctl_el0);	/* lowers the line */
			isb();
		} else {
			st->stale++;
		}
	} else {
		st->unexpected++;
		st->last_unexpected = iar;
	}
}

/* Called by vectors.S. Loops on IAR like Linux's gic_handle_irq. */
void irq_handler(void)
{
	unsigned int cpu = read_sysreg(tpidr_el1);
	volatile struct irq_state *st = &irqs[cpu];

	st->irqs++;
	for (int n = 0; ; n++) {
		uint32_t iar = gicc_read(GICC_IAR);
		unsigned int intid = GICC_IAR_INTID(iar);

		if (intid == GIC_SPURIOUS) {
			if (!n)
				st->spurious++;
			break;
		}
		irq_account(cpu, iar);
		if (intid >= 1020)		/* reserved INTIDs: nothing to EOI */
			break;
		gicc_write(GICC_EOIR, iar);
	}
	/* A line that never drops must not hang the guest: give up and let the waits fail. */
	if (st->stale + st->spurious + st->unexpected > STORM_LIMIT && !st->storm) {
		gicc_write(GICC_CTLR, 0);
		st->storm = 1;
	}
}

/*
 * Read IAR with IRQs masked, handling timer ticks on the way (they may
 * still run during the polled tests). Returns the first other IAR.
 */
static uint32_t poll_iar(unsigned int cpu)
{
	for (int n = 0; n < 1000; n++) {
		uint32_t iar = gicc_read(GICC_IAR);

		if (GICC_IAR_INTID(iar) != TIMER_INTID)
			return iar;
		irq_account(cpu, iar);
		gicc_write(GICC_EOIR, iar);
	}
	return GIC_SPURIOUS;
}

void exception_handler(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	puts("sgi: FAIL exception ");
	putdec(kind);
	puts(" on cpu ");
	putdec(read_mpidr() & 0xff);
	puts(": ESR ");
	puthex(esr);
	puts(" ELR ");
	puthex(elr);
	puts(" FAR ");
	puthex(far);
	puts("\n");
	if (cfg.minivmm)
		test_exit(2);
	system_off();
}

/* ---- GIC and CPU set-up, in Linux's order ---- */

static void gic_dist_init(void)
{
	uint32_t typer = gicd_read(GICD_TYPER);
	unsigned int nr = ((typer & 0x1f) + 1) * 32;

	cfg.gic_cpus = ((typer >> 5) & 7) + 1;
	gicd_write(GICD_CTLR, 0);
	for (unsigned int i = 32; i < nr; i += 16)
		gicd_write(GICD_ICFGR + i / 4, 0);		/* level */
	for (unsigned int i = 32; i < nr; i += 4) {
		gicd_write(GICD_ITARGETSR + i, 0x01010101);	/* CPU 0 */
		gicd_write(GICD_IPRIORITYR + i, PRIO * 0x01010101u);
	}
	for (unsigned int i = 32; i < nr; i += 32) {
		gicd_write(GICD_ICACTIVER + i / 8, ~0u);
		gicd_write(GICD_ICENABLER + i / 8, ~0u);
	}
}

/* Arm the event stream (~100 us) so that WFE in the waits always wakes up. */
static void event_stream_init(void)
{
	unsigned int bit = 0;

	while (bit < 15 && (2ull << bit) < cfg.freq / 10000)
		bit++;
	write_sysreg((uint64_t)bit << 4 | 1u << 2, cntkctl_el1);	/* EVNTI, EVNTEN */
	isb();
}

/* First thing on every CPU, so that any exception gets reported. */
static void vectors_init(unsigned int cpu)
{
	write_sysreg(cpu, tpidr_el1);
	write_sysreg((uint64_t)exception_vectors, vbar_el1);
	isb();
}

static void cpu_init(unsigned int cpu)
{
	uint32_t want_targets, en;

	event_stream_init();

	/* How Linux learns its CPU mask: the banked SGI target bytes. */
	cpus[cpu].itargets = gicd_read(GICD_ITARGETSR);
	want_targets = 0x01010101u << cpu;
	if (cpus[cpu].itargets != want_targets &&
	    !(cfg.gic_cpus == 1 && cpus[cpu].itargets == 0))	/* uniprocessor: RAZ */
		fail(cpu, "cpu %d: GICD_ITARGETSR0 reads %x, expected %x", cpu,
		     cpus[cpu].itargets, want_targets, 0);

	gicd_write(GICD_ICENABLER, 0xffff0000);
	gicd_write(GICD_ISENABLER, 0x0000ffff | 1u << TIMER_INTID);
	for (unsigned int i = 0; i < 32; i += 4)
		gicd_write(GICD_IPRIORITYR + i, PRIO * 0x01010101u);
	en = gicd_read(GICD_ISENABLER);
	if ((en & (0xffffu | 1u << TIMER_INTID)) != (0xffffu | 1u << TIMER_INTID))
		fail(cpu, "cpu %d: GICD_ISENABLER0 reads %x after enabling SGIs and PPI 27",
		     cpu, en, 0, 0);
	if (cpu == 0)
		gicd_write(GICD_CTLR, 1);

	gicc_write(GICC_PMR, PMR_OPEN);
	gicc_write(GICC_CTLR, 1);
	irq_enable();
}

/* ---- SGIs ---- */

/* Send SGI @sgi with @filter/@list, expecting it at the CPUs in @targets. */
static void sgi_post(unsigned int cpu, uint32_t filter, uint32_t list,
		     uint32_t targets, unsigned int sgi)
{
	for (uint32_t m = targets; m; m &= m - 1)
		cpus[cpu].sent[__builtin_ctz(m)][sgi]++;
	dsb();
	gicd_write(GICD_SGIR, filter | list << 16 | sgi);
}

/* Wait until each CPU in @targets has taken everything @cpu sent it of @sgi. */
static void sgi_await(unsigned int cpu, uint32_t targets, unsigned int sgi)
{
	for (uint32_t m = targets; m && !failed(cpu); m &= m - 1) {
		unsigned int t = __builtin_ctz(m);

		if (!WAIT_UNTIL(irqs[t].seen[cpu][sgi] >= cpus[cpu].sent[t][sgi], cfg.wait))
			fail(cpu, "cpu %d: SGI %d to cpu %d not taken in time (taken %d)",
			     cpu, sgi, t, irqs[t].seen[cpu][sgi]);
	}
}

/* a: targeted lists, one SGI in flight per sender. */
static void test_lists(unsigned int cpu)
{
	unsigned int n = cfg.ncpus;
	uint32_t others = all_cpus() & ~(1u << cpu);

	for (unsigned int i = 0; i < cfg.k && !failed(cpu); i++) {
		if (i % 4 == 3 && n > 2) {
			unsigned int sgi = (cpu + i) % SGI_LIST_NR;

			sgi_post(cpu, GICD_SGIR_LIST, others, others, sgi);
			sgi_await(cpu, others, sgi);
			continue;
		}
		/* Start at the next CPU so the senders do not all queue on CPU 0. */
		for (unsigned int d = 1; d < n && !failed(cpu); d++) {
			unsigned int t = (cpu + d) % n;
			unsigned int sgi = (cpu + t + i) % SGI_LIST_NR;

			sgi_post(cpu, GICD_SGIR_LIST, 1u << t, 1u << t, sgi);
			sgi_await(cpu, 1u << t, sgi);
		}
	}
}

/* b: all-but-self and self filters. */
static void test_filters(unsigned int cpu)
{
	uint32_t self = 1u << cpu, others = all_cpus() & ~self;

	for (unsigned int i = 0; i < cfg.k && !failed(cpu); i++) {
		unsigned int sgi = SGI_OTHERS + (cpu + i) % 3;

		/* The list field must be ignored with this filter. */
		sgi_post(cpu, GICD_SGIR_OTHERS, self, others, sgi);
		sgi_await(cpu, others, sgi);
	}
	for (unsigned int i = 0; i < cfg.k && !failed(cpu); i++) {
		unsigned int sgi = SGI_SELF + (cpu + i) % 2;

		sgi_post(cpu, GICD_SGIR_SELF, others, self, sgi);
		sgi_await(cpu, self, sgi);
	}
}

/* b: a pending SGI at the PMR's priority is not signalled, then is once PMR opens. */
static void test_pmr(unsigned int cpu)
{
	uint32_t iar, want = cpu << 10 | SGI_PMR, rpr;

	if (failed(cpu))
		return;
	irq_disable();
	gicc_write(GICC_PMR, PRIO);	/* equal priority is masked */
	sgi_post(cpu, GICD_SGIR_SELF, 0, 1u << cpu, SGI_PMR);
	iar = poll_iar(cpu);
	if (GICC_IAR_INTID(iar) != GIC_SPURIOUS) {
		fail(cpu, "cpu %d: IAR gave %x with GICC_PMR %x masking priority %x",
		     cpu, iar, PRIO, PRIO);
		irq_account(cpu, iar);
		gicc_write(GICC_EOIR, iar);
	}
	gicc_write(GICC_PMR, PMR_OPEN);
	iar = poll_iar(cpu);
	if (GICC_IAR_INTID(iar) == GIC_SPURIOUS) {
		if (!failed(cpu))
			fail(cpu, "cpu %d: self SGI %d not pending after GICC_PMR opened", cpu,
			     SGI_PMR, 0, 0);
	} else {
		if (iar != want)
			fail(cpu, "cpu %d: IAR gave %x, expected %x (self SGI)", cpu, iar, want, 0);
		rpr = gicc_read(GICC_RPR);
		if (rpr != PRIO)
			fail(cpu, "cpu %d: GICC_RPR reads %x while an SGI of priority %x is active",
			     cpu, rpr, PRIO, 0);
		irq_account(cpu, iar);
		gicc_write(GICC_EOIR, iar);
	}
	irq_enable();
}

static int barrier(unsigned int cpu)
{
	uint32_t id = cpus[cpu].arrive + 1;

	cpus[cpu].arrive = id;
	dsb();
	if (cpu != 0) {
		if (WAIT_UNTIL(release >= id, cfg.barrier_wait))
			return 0;
		fail(cpu, "cpu %d: barrier %d not released in time", cpu, id, 0, 0);
		return -1;
	}
	for (unsigned int c = 1; c < cfg.ncpus; c++) {
		if (!WAIT_UNTIL(cpus[c].arrive >= id, cfg.barrier_wait)) {
			fail(0, "cpu 0: cpu %d did not reach barrier %d in time", c, id, 0, 0);
			return -1;
		}
	}
	release = id;
	dsb();
	return 0;
}

/* c: @target masks IRQs; every CPU sends it SGI 15; it must take each source once. */
static void test_multi_round(unsigned int cpu, unsigned int target, uint32_t round)
{
	uint32_t all = all_cpus();

	if (cpu != target) {
		if (!WAIT_UNTIL(cpus[target].ready == round, cfg.wait)) {
			fail(cpu, "cpu %d: cpu %d never masked IRQs for multi-source round %d",
			     cpu, target, round, 0);
			return;
		}
		sgi_post(cpu, GICD_SGIR_LIST, 1u << target, 1u << target, SGI_MULTI);
		dsb();
		cpus[cpu].posted = round;
		return;
	}

	uint32_t base, pend, got = 0;

	irq_disable();
	base = irqs[cpu].nlog;
	dsb();
	cpus[cpu].ready = round;
	sgi_post(cpu, GICD_SGIR_SELF, 0, 1u << cpu, SGI_MULTI);
	for (unsigned int s = 0; s < cfg.ncpus; s++) {
		if (s != cpu && !WAIT_UNTIL(cpus[s].posted == round, cfg.wait)) {
			fail(cpu, "cpu %d: cpu %d did not send SGI 15 in round %d", cpu, s, round, 0);
			all &= ~(1u << s);
		}
	}
	/* SPENDSGIR3 byte 3: the pending sources of SGI 15, banked for the reader. */
	pend = gicd_read(GICD_SPENDSGIR + 12) >> 24;
	if (pend != all)
		fail(cpu, "cpu %d: GICD_SPENDSGIR shows sources %x of SGI 15, expected %x",
		     cpu, pend, all, 0);
	irq_enable();
	if (!WAIT_UNTIL(irqs[cpu].nlog - base >= nr_bits(all), cfg.wait))
		fail(cpu, "cpu %d: took %d of %d pending sources of SGI 15",
		     cpu, irqs[cpu].nlog - base, nr_bits(all), 0);
	for (uint32_t i = base; i != irqs[cpu].nlog && i - base < LOG_LEN; i++) {
		uint32_t src = GICC_IAR_CPU(irqs[cpu].log[i % LOG_LEN]);

		if (got & (1u << src))
			fail(cpu, "cpu %d: SGI 15 from cpu %d taken twice in round %d", cpu, src,
			     round, 0);
		got |= 1u << src;
	}
	if (got != all && !failed(cpu))
		fail(cpu, "cpu %d: SGI 15 taken from sources %x, expected %x", cpu, got, all, 0);
	pend = gicd_read(GICD_SPENDSGIR + 12) >> 24;
	if (pend)
		fail(cpu, "cpu %d: GICD_SPENDSGIR still shows sources %x of SGI 15", cpu, pend, 0, 0);
}

/*
 * poll: @target takes SGI 14 from every CPU with IRQs masked, reading IAR
 * itself: an SGI with one source active is not presented again for another.
 */
static void test_poll(unsigned int cpu, unsigned int target, uint32_t round)
{
	uint32_t all = all_cpus(), got = 0;

	if (cpu != target) {
		if (!WAIT_UNTIL(cpus[target].ready == round, cfg.wait)) {
			fail(cpu, "cpu %d: cpu %d never masked IRQs for the polled round", cpu,
			     target, 0, 0);
			return;
		}
		sgi_post(cpu, GICD_SGIR_LIST, 1u << target, 1u << target, SGI_POLL);
		dsb();
		cpus[cpu].posted = round;
		return;
	}

	irq_disable();
	cpus[cpu].ready = round;
	sgi_post(cpu, GICD_SGIR_SELF, 0, 1u << cpu, SGI_POLL);
	for (unsigned int s = 0; s < cfg.ncpus; s++) {
		if (s != cpu && !WAIT_UNTIL(cpus[s].posted == round, cfg.wait)) {
			fail(cpu, "cpu %d: cpu %d did not send SGI 14", cpu, s, 0, 0);
			all &= ~(1u << s);
		}
	}
	while (got != all && !failed(cpu)) {
		uint32_t iar = poll_iar(cpu), again, rpr;
		unsigned int src = GICC_IAR_CPU(iar);

		if (GICC_IAR_INTID(iar) != SGI_POLL) {
			fail(cpu, "cpu %d: polled IAR gave %x with SGI 14 pending from %x",
			     cpu, iar, all & ~got, 0);
			if (GICC_IAR_INTID(iar) < 1020) {
				irq_account(cpu, iar);
				gicc_write(GICC_EOIR, iar);
			}
			break;
		}
		irq_account(cpu, iar);
		if (got & (1u << src))
			fail(cpu, "cpu %d: SGI 14 from cpu %d taken twice", cpu, src, 0, 0);
		got |= 1u << src;
		rpr = gicc_read(GICC_RPR);
		if (rpr != PRIO)
			fail(cpu, "cpu %d: GICC_RPR reads %x while SGI 14 is active", cpu, rpr, 0, 0);
		again = poll_iar(cpu);
		if (GICC_IAR_INTID(again) != GIC_SPURIOUS) {
			fail(cpu, "cpu %d: IAR gave %x while SGI 14 from cpu %d was active",
			     cpu, again, src, 0);
			if (GICC_IAR_INTID(again) < 1020) {
				irq_account(cpu, again);
				gicc_write(GICC_EOIR, again);	/* innermost first */
			}
		}
		gicc_write(GICC_EOIR, iar);
	}
	if (!failed(cpu)) {
		uint32_t iar = poll_iar(cpu);

		if (GICC_IAR_INTID(iar) != GIC_SPURIOUS)
			fail(cpu, "cpu %d: IAR gave %x after every SGI 14 was taken", cpu, iar, 0, 0);
	}
	irq_enable();
}

/* ---- the run, on every CPU ---- */

static void run(unsigned int cpu)
{
	unsigned int n;
	uint64_t limit;

	if (barrier(cpu))	/* every CPU online, cfg.ncpus known */
		return;
	n = cfg.ncpus;
	if (cfg.ticks)
		timer_arm();
	test_lists(cpu);
	cpus[cpu].storm_ticks = irqs[cpu].ticks;
	if (barrier(cpu))
		return;
	test_filters(cpu);
	if (barrier(cpu))	/* nothing in flight: the PMR test polls IAR */
		return;
	test_pmr(cpu);

	/* Ticks: the handler disables the timer after the T-th. */
	limit = cfg.wait + 4 * cfg.ticks * cfg.tick_period;
	if (!WAIT_UNTIL(irqs[cpu].ticks >= cfg.ticks, limit))
		fail(cpu, "cpu %d: %d timer ticks of %d in time", cpu, irqs[cpu].ticks,
		     cfg.ticks, 0);
	if (barrier(cpu))
		return;

	for (unsigned int r = 0; r < n; r++) {
		test_multi_round(cpu, r, r + 1);
		if (barrier(cpu))
			return;
	}
	test_poll(cpu, n - 1, n + 1);
	if (barrier(cpu))
		return;
	/* Let anything sent by mistake arrive before CPU 0 counts. */
	WAIT_UNTIL(0, ms_to_ticks(20));
	barrier(cpu);
}

void secondary_main(uint64_t cpu)
{
	vectors_init(cpu);
	cpu_init(cpu);
	dsb();
	cpus[cpu].online = 1;
	dsb();
	run(cpu);
}

/* ---- CPU 0: set-up, bring-up, report ---- */

static void print_table(void)
{
	puts("sgi: cpu  sent taken ticks in(a) stale spurious  irqs itargetsr0\n");
	for (unsigned int c = 0; c < cfg.ncpus; c++) {
		uint32_t sent = 0, taken = 0;

		for (unsigned int t = 0; t < MAX_CPUS; t++)
			for (unsigned int i = 0; i < 16; i++)
				sent += cpus[c].sent[t][i], taken += irqs[c].seen[t][i];
		puts("sgi: ");
		put_padded(c, 3);
		put_padded(sent, 6);
		put_padded(taken, 6);
		put_padded(irqs[c].ticks, 6);
		put_padded(cpus[c].storm_ticks, 6);
		put_padded(irqs[c].stale, 6);
		put_padded(irqs[c].spurious, 9);
		put_padded(irqs[c].irqs, 6);
		puts(" ");
		puthex(cpus[c].itargets);
		puts("\n");
	}
}

/* Everything taken equals everything sent, per (target, source, SGI). */
static unsigned int check_counts(uint32_t *sent_total, uint32_t *taken_total)
{
	unsigned int bad = 0;

	for (unsigned int t = 0; t < MAX_CPUS; t++) {
		for (unsigned int s = 0; s < MAX_CPUS; s++) {
			for (unsigned int i = 0; i < 16; i++) {
				uint32_t args[4] = { t, i, s, 0 };
				uint32_t want = cpus[s].sent[t][i], got = irqs[t].seen[s][i];

				*sent_total += want;
				*taken_total += got;
				if (got == want)
					continue;
				if (bad++ < MAX_REPORT) {
					puts("sgi: ");
					putfmt("cpu %d took SGI %d from cpu %d ", args);
					putdec(got);
					puts(" times, ");
					putdec(want);
					puts(" sent\n");
				}
			}
		}
	}
	return bad;
}

static void report(uint64_t t0)
{
	uint32_t sent = 0, taken = 0, ticks = 0;
	unsigned int bad, first = MAX_CPUS;

	dsb();
	print_table();
	bad = check_counts(&sent, &taken);
	for (unsigned int c = 0; c < cfg.ncpus; c++) {
		volatile struct irq_state *st = &irqs[c];

		ticks += st->ticks;
		/*
		 * The handler lowers the timer before its EOIR, and that exit
		 * reports the new level: a timer IRQ without ISTATUS means the
		 * GIC kept a level interrupt pending after its input dropped.
		 */
		if (st->stale) {
			uint32_t args[4] = { c, st->stale, 0, 0 };

			puts("sgi: ");
			putfmt("cpu %d took the timer interrupt %d times without ISTATUS\n", args);
			bad++;
		}
		if (st->unexpected || st->storm) {
			uint32_t args[4] = { c, st->unexpected, st->last_unexpected, st->storm };

			puts("sgi: ");
			putfmt("cpu %d took %d unexpected interrupts (last IAR %x), storm %d\n", args);
			bad++;
		}
		if (st->ticks != cfg.ticks && !cpus[c].fail) {
			uint32_t args[4] = { c, st->ticks, cfg.ticks, 0 };

			puts("sgi: ");
			putfmt("cpu %d counted %d timer ticks, expected %d\n", args);
			bad++;
		}
		if (cpus[c].fail) {
			puts("sgi: ");
			putfmt(cpus[c].fail, cpus[c].fail_arg);
			puts("\n");
			if (first == MAX_CPUS)
				first = c;
		}
	}
	if (first != MAX_CPUS) {
		puts("sgi: FAIL ");
		putfmt(cpus[first].fail, cpus[first].fail_arg);
		puts("\n");
		finish(1);
	}
	if (bad) {
		puts("sgi: FAIL ");
		putdec(bad);
		puts(" wrong counts\n");
		finish(1);
	}
	puts("sgi: ok cpus=");
	putdec(cfg.ncpus);
	puts(" k=");
	putdec(cfg.k);
	puts(" sent=");
	putdec(sent);
	puts(" received=");
	putdec(taken);
	puts(" ticks=");
	putdec(ticks);
	puts(" time=");
	putdec((cntvct() - t0) * 1000 / cfg.freq);
	puts("ms\n");
	finish(0);
}

void guest_main(const void *dtb)
{
	const char *args = bootargs(dtb);
	uint64_t want_cpus = bootarg_number(args, "cpus", 0);
	uint64_t t0 = cntvct();
	unsigned int n = 1;

	vectors_init(0);
	cfg.minivmm = dtb_compatible(dtb, "minivmm,test-exit");
	cfg.freq = read_sysreg(cntfrq_el0);
	cfg.k = bootarg_number(args, "k", 24);
	cfg.ticks = bootarg_number(args, "ticks", 20);
	cfg.tick_period = cfg.freq * bootarg_number(args, "tick_us", 1000) / 1000000;
	cfg.wait = ms_to_ticks(bootarg_number(args, "wait_ms", 5000));
	cfg.barrier_wait = ms_to_ticks(bootarg_number(args, "barrier_ms", 30000));
	cfg.ncpus = 1;
	puts("sgi: GICv2 SGI and timer test, bootargs [");
	puts(args);
	puts("]\n");
	if (!cfg.freq || want_cpus > MAX_CPUS) {
		puts("sgi: FAIL CNTFRQ_EL0 is 0 or cpus= is above 8\n");
		finish(1);
	}

	gic_dist_init();
	cpu_init(0);
	for (unsigned int t = 1; t < MAX_CPUS; t++) {
		int64_t ret;

		if (want_cpus && t >= want_cpus)
			break;
		/* Pending must survive the target's disabled CPU interface. */
		if (t < cfg.gic_cpus)
			gicd_write(GICD_SGIR, GICD_SGIR_LIST | (1u << t) << 16 | SGI_EARLY);
		ret = psci_call(PSCI_CPU_ON, t, (uint64_t)secondary_entry, t);
		if (ret != 0) {
			if (want_cpus || t < cfg.gic_cpus) {
				uint32_t a[4] = { t, (uint32_t)ret, cfg.gic_cpus, 0 };

				puts("sgi: FAIL ");
				putfmt("CPU_ON(%d) returned %d, the GIC has %d CPU interfaces\n", a);
				finish(1);
			}
			break;
		}
		if (t >= cfg.gic_cpus) {
			puts("sgi: FAIL more CPUs than GICD_TYPER's CPU interfaces\n");
			finish(1);
		}
		cpus[0].sent[t][SGI_EARLY]++;
		if (!WAIT_UNTIL(cpus[t].online, cfg.wait)) {
			puts("sgi: FAIL cpu ");
			putdec(t);
			puts(" did not come online\n");
			finish(1);
		}
		n++;
	}
	cfg.ncpus = n;
	dsb();
	puts("sgi: ");
	putdec(n);
	puts(" cpus online, GIC has ");
	putdec(cfg.gic_cpus);
	puts(" CPU interfaces\n");

	run(0);
	report(t0);
}
