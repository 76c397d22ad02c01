// SPDX-License-Identifier: GPL-2.0
/*
 * vgic IRQ line and device inputs: callback transitions, timer PPIs, SPI
 * routing, and the recurring bugs listed at the end of PLATFORM.md.
 */
#include "tests/unit/test_vgic.h"

#define VTIMER	27
#define PTIMER	30
#define UART	33

static void setup(void)
{
	tv_init(4, 64);
	tv_enable_all();
}

static void setup8(void)
{
	tv_init(8, 32);
	tv_enable_all();
}

/* A level-sensitive, enabled PPI at priority 0xa0 on @cpu (what Linux sets). */
static void timer_ppi(unsigned int cpu, unsigned int intid)
{
	set_prio(cpu, intid, 0xa0);
	enable_irq(cpu, intid);
}

/* An enabled SPI at priority 0xa0 targeting @mask. */
static void spi(unsigned int intid, unsigned int mask, bool edge)
{
	uint32_t cfg_off = D_ICFGR + intid / 16 * 4;

	set_prio(0, intid, 0xa0);
	set_targets(intid, mask);
	if (edge)
		dw(0, cfg_off, dr(0, cfg_off) | (2u << (2 * (intid % 16))));
	enable_irq(0, intid);
}

START_TEST(line_raised_exactly_when_deliverable)
{
	sgi(1, 0, 1, 3);
	ck_assert_int_eq(tv.raises[0], 1);
	sgi(2, 0, 1, 4);			/* line already high: no callback */
	ck_assert_int_eq(tv.raises[0], 1);
	ck_assert_uint_eq(iar(0), (1 << 10) | 3);
	ck_assert_int_eq(tv.lowers[0], 1);	/* 4 cannot preempt 3 */
	eoi(0, 3);
	ck_assert_int_eq(tv.raises[0], 2);
	ck_assert_uint_eq(iar(0), (2 << 10) | 4);
	ck_assert_int_eq(tv.lowers[0], 2);
	eoi(0, 4);
	ck_assert_int_eq(tv.raises[0], 2);	/* nothing left */
	ck_assert_int_eq(tv.lowers[0], 2);
	for (unsigned int i = 1; i < 4; i++)
		ck_assert_int_eq(tv.raises[i] + tv.lowers[i], 0);
	tv_check_lines();
}
END_TEST

START_TEST(line_follows_enables_and_priorities)
{
	sgi(0, 2, 0, 1);
	ck_assert(hw_line(0));
	set_prio(0, 1, 0xf8);			/* below PMR 0xf0 now */
	ck_assert(!hw_line(0));
	set_prio(0, 1, 0x10);
	ck_assert(hw_line(0));
	dw(2, D_CTLR, 0);			/* any CPU may disable the distributor */
	ck_assert(!hw_line(0));
	dw(2, D_CTLR, 1);
	ck_assert(hw_line(0));
	cw(0, C_CTLR, 0);
	ck_assert(!hw_line(0));
	cw(0, C_CTLR, 1);
	ck_assert(hw_line(0));
	ck_assert_int_eq(tv.raises[0], 4);
	ck_assert_int_eq(tv.lowers[0], 3);
	tv_check_lines();
}
END_TEST

START_TEST(timer_ppi_is_level_sensitive)
{
	timer_ppi(1, VTIMER);
	vgic_set_level(tv.v, VTIMER, 1, true);
	ck_assert(hw_line(1));
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(1), VTIMER);
	ck_assert(!hw_line(1));
	eoi(1, VTIMER);
	ck_assert(hw_line(1));			/* still asserted: pending again */
	ck_assert_uint_eq(iar(1), VTIMER);
	vgic_set_level(tv.v, VTIMER, 1, false);	/* guest reprogrammed the timer */
	eoi(1, VTIMER);
	ck_assert(!hw_line(1));
	ck_assert_uint_eq(iar(1), SPURIOUS);

	/* Deasserted before it was acknowledged: the line drops. */
	vgic_set_level(tv.v, VTIMER, 1, true);
	ck_assert(hw_line(1));
	vgic_set_level(tv.v, VTIMER, 1, false);
	ck_assert(!hw_line(1));
	ck_assert_uint_eq(iar(1), SPURIOUS);
	ck_assert_int_eq(tv.raises[1], 3);
	tv_check_lines();
}
END_TEST

START_TEST(timer_ppi_asserted_while_disabled)
{
	vgic_set_level(tv.v, PTIMER, 2, true);
	ck_assert(!hw_line(2));
	ck_assert_uint_eq(dr(2, D_ISPENDR), 1u << PTIMER);
	timer_ppi(2, PTIMER);
	ck_assert(hw_line(2));
	ck_assert_uint_eq(iar(2), PTIMER);
	tv_check_lines();
}
END_TEST

START_TEST(edge_ppi_latches_rising_edge)
{
	dw(0, D_ICFGR + 4, 2u << (2 * (20 - 16)));
	enable_irq(0, 20);
	vgic_set_level(tv.v, 20, 0, true);
	vgic_set_level(tv.v, 20, 0, true);	/* no new edge */
	ck_assert_uint_eq(iar(0), 20);
	eoi(0, 20);
	ck_assert(!hw_line(0));			/* input still high, but edge */
	vgic_set_level(tv.v, 20, 0, false);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	vgic_set_level(tv.v, 20, 0, true);
	vgic_set_level(tv.v, 20, 0, false);
	ck_assert(hw_line(0));			/* latched */
	ck_assert_uint_eq(iar(0), 20);
	eoi(0, 20);
	tv_check_lines();
}
END_TEST

START_TEST(bad_inputs_ignored)
{
	vgic_set_level(tv.v, 5, 0, true);	/* SGIs are not inputs */
	vgic_set_level(tv.v, 27, 9, true);	/* no CPU 9 */
	vgic_set_level(tv.v, 96, 0, true);	/* no INTID 96 */
	vgic_set_level(tv.v, 5000, 0, true);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 0);
	ck_assert(!vgic_cpu_irq_line(tv.v, 9));
	tv_check_lines();
}
END_TEST

START_TEST(uart_level_spi)
{
	spi(UART, 1, false);
	vgic_set_level(tv.v, UART, 3, true);	/* @cpu is ignored for SPIs */
	ck_assert(hw_line(0));
	ck_assert(!hw_line(3));
	ck_assert_uint_eq(iar(0), UART);
	ck_assert(!hw_line(0));
	eoi(0, UART);
	ck_assert(hw_line(0));			/* device still asserting */
	ck_assert_uint_eq(iar(0), UART);
	vgic_set_level(tv.v, UART, 0, false);	/* handler drained the FIFO */
	eoi(0, UART);
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(0), SPURIOUS);
	tv_check_lines();
}
END_TEST

START_TEST(spi_follows_itargetsr)
{
	spi(40, 1u << 2, false);
	vgic_set_level(tv.v, 40, 0, true);
	ck_assert(hw_line(2));
	ck_assert(!hw_line(0));
	set_targets(40, 1u << 3);		/* re-routed while pending */
	ck_assert(!hw_line(2));
	ck_assert(hw_line(3));
	ck_assert_uint_eq(iar(2), SPURIOUS);
	ck_assert_uint_eq(iar(3), 40);
	eoi(3, 40);
	set_targets(40, 0);			/* no target: stays pending */
	ck_assert(!hw_line(3));
	ck_assert_uint_eq(dr(0, D_ISPENDR + 4), 1u << 8);
	set_targets(40, 1u << 1);
	ck_assert(hw_line(1));
	vgic_set_level(tv.v, 40, 0, false);
	ck_assert(!hw_line(1));
	tv_check_lines();
}
END_TEST

START_TEST(spi_one_of_n)
{
	spi(50, 0x3, true);
	vgic_set_level(tv.v, 50, 0, true);
	vgic_set_level(tv.v, 50, 0, false);
	ck_assert(hw_line(0));
	ck_assert(hw_line(1));
	ck_assert_uint_eq(iar(1), 50);		/* CPU 1 takes it ... */
	ck_assert(!hw_line(0));			/* ... and CPU 0's line drops */
	ck_assert_uint_eq(iar(0), SPURIOUS);
	vgic_set_level(tv.v, 50, 0, true);	/* new edge while active */
	ck_assert(!hw_line(0));
	ck_assert(!hw_line(1));
	eoi(1, 50);
	ck_assert(hw_line(0));
	ck_assert(hw_line(1));
	ck_assert_uint_eq(iar(0), 50);
	ck_assert(!hw_line(1));
	eoi(0, 50);
	ck_assert_uint_eq(iar(1), SPURIOUS);
	tv_check_lines();
}
END_TEST

START_TEST(spi_disabled_enabled_and_priority)
{
	set_targets(45, 1);
	set_prio(0, 45, 0x20);
	vgic_set_level(tv.v, 45, 0, true);
	ck_assert(!hw_line(0));			/* not enabled yet */
	enable_irq(0, 45);
	ck_assert(hw_line(0));
	set_prio(2, 45, 0xf8);			/* below PMR, written by another CPU */
	ck_assert(!hw_line(0));
	set_prio(2, 45, 0x20);
	ck_assert(hw_line(0));
	dw(0, D_ICENABLER + 4, 1u << 13);
	ck_assert(!hw_line(0));
	tv_check_lines();
}
END_TEST

START_TEST(spi_and_sgi_priority_order)
{
	spi(34, 1, false);			/* 0xa0 */
	set_prio(0, 2, 0x60);
	vgic_set_level(tv.v, 34, 0, true);
	sgi(3, 0, 1, 2);
	ck_assert_uint_eq(iar(0), (3 << 10) | 2);
	eoi(0, 2);
	ck_assert_uint_eq(iar(0), 34);
	set_prio(0, 3, 0x10);
	sgi(0, 2, 0, 3);
	ck_assert(hw_line(0));			/* preempts the SPI */
	ck_assert_uint_eq(iar(0), 3);
	eoi(0, 3);
	eoi(0, 34);
	vgic_set_level(tv.v, 34, 0, false);
	ck_assert(!hw_line(0));
	tv_check_lines();
}
END_TEST

/* What Linux's irq-gic.c does at boot (gic_dist_init, gic_cpu_init), then IPIs. */
static uint8_t linux_cpu_init(unsigned int cpu)
{
	uint8_t mask = 0;

	for (unsigned int i = 0; i < 32; i += 4) {	/* gic_get_cpumask */
		uint32_t v = dr(cpu, D_ITARGETSR + i);

		mask |= v | v >> 8 | v >> 16 | v >> 24;
	}
	dw(cpu, D_ICACTIVER, 0xffffffff);
	dw(cpu, D_ICENABLER, 0xffff0000);
	dw(cpu, D_ISENABLER, 0x0000ffff);
	for (unsigned int i = 0; i < 32; i += 4)
		dw(cpu, D_IPRIORITYR + i, 0xa0a0a0a0);
	cw(cpu, C_PMR, 0xf0);
	cw(cpu, C_CTLR, 0x1e1);			/* bypass disabled, enabled */
	return mask;
}

START_TEST(linux_gic_init_sequence)
{
	unsigned int nr_irqs, cpumask[8];

	for (unsigned int i = 0; i < 4; i++)
		cw(i, C_CTLR, 0);
	dw(0, D_CTLR, 0);
	nr_irqs = ((dr(0, D_TYPER) & 0x1f) + 1) * 32;
	ck_assert_uint_eq(nr_irqs, 96);
	cpumask[0] = linux_cpu_init(0);
	ck_assert_uint_eq(cpumask[0], 1);
	for (unsigned int i = 32; i < nr_irqs; i += 4) {
		dw(0, D_ITARGETSR + i, cpumask[0] * 0x01010101u);
		dw(0, D_IPRIORITYR + i, 0xa0a0a0a0);
	}
	for (unsigned int i = 32; i < nr_irqs; i += 16)
		dw(0, D_ICFGR + i / 4, 0);
	for (unsigned int i = 32; i < nr_irqs; i += 32) {
		dw(0, D_ICACTIVER + i / 8, 0xffffffff);
		dw(0, D_ICENABLER + i / 8, 0xffffffff);
	}
	dw(0, D_CTLR, 1);
	for (unsigned int cpu = 1; cpu < 4; cpu++) {
		cpumask[cpu] = linux_cpu_init(cpu);
		ck_assert_uint_eq(cpumask[cpu], 1u << cpu);	/* "GIC CPU mask not found" otherwise */
	}
	/* UART on CPU 0, virtual timer on CPU 2, IPI_CALL_FUNC 0 -> 1 and 3. */
	enable_irq(0, UART);
	enable_irq(2, VTIMER);
	vgic_set_level(tv.v, UART, 0, true);
	vgic_set_level(tv.v, VTIMER, 2, true);
	dw(0, D_SGIR, ((cpumask[1] | cpumask[3]) << 16) | 1);
	ck_assert_uint_eq(iar(0), UART);
	ck_assert_uint_eq(iar(2), VTIMER);
	for (unsigned int cpu = 1; cpu < 4; cpu += 2) {
		uint32_t irqstat = iar(cpu);

		ck_assert_uint_eq(irqstat, (0 << 10) | 1);
		eoi(cpu, irqstat);
		ck_assert_uint_eq(iar(cpu), SPURIOUS);
	}
	tv_check_lines();
}
END_TEST

/* ---- The "recurring bugs" list from PLATFORM.md, one test each ---- */

/* SGI source ignored: smp_call_function from two CPUs must run twice. */
START_TEST(bug_sgi_source_ignored)
{
	sgi(1, 0, 1, 1);			/* IPI_CALL_FUNC from CPU 1 */
	sgi(2, 0, 1, 1);			/* and from CPU 2 */
	uint32_t a = iar(0);
	eoi(0, a);				/* Linux EOIs SGIs before handling */
	uint32_t b = iar(0);
	eoi(0, b);
	ck_assert_uint_eq(a, (1 << 10) | 1);
	ck_assert_uint_eq(b, (2 << 10) | 1);
	ck_assert_uint_eq(iar(0), SPURIOUS);
}
END_TEST

/* Pending lost while disabled: the GIC is programmed after IPIs are sent. */
START_TEST(bug_pending_lost_while_disabled)
{
	dw(0, D_CTLR, 0);
	for (unsigned int i = 0; i < 4; i++)
		cw(i, C_CTLR, 0);
	sgi(0, 1, 0, 0);			/* reschedule IPI to all others */
	vgic_set_level(tv.v, VTIMER, 3, true);
	dw(0, D_CTLR, 1);
	for (unsigned int i = 1; i < 4; i++) {
		ck_assert(!hw_line(i));
		cw(i, C_CTLR, 1);
		ck_assert(hw_line(i));
		ck_assert_uint_eq(iar(i), 0);
		eoi(i, 0);
	}
	timer_ppi(3, VTIMER);
	ck_assert_uint_eq(iar(3), VTIMER);
	tv_check_lines();
}
END_TEST

/* Pending not cleared on injection: each send must be taken exactly once. */
START_TEST(bug_pending_not_cleared_on_ack)
{
	for (unsigned int round = 0; round < 3; round++) {
		sgi(1, 0, 1, 2);
		ck_assert_uint_eq(iar(0), (1 << 10) | 2);
		eoi(0, 2);
		ck_assert_uint_eq(iar(0), SPURIOUS);
		ck_assert(!hw_line(0));
	}
	spi(36, 1, true);
	dw(0, D_ISPENDR + 4, 1u << 4);
	ck_assert_uint_eq(iar(0), 36);
	eoi(0, 36);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	struct vgic_sgi_stats s = tv_stats();
	ck_assert_uint_eq(s.acked, 3);
	ck_assert_uint_eq(s.coalesced, 0);
}
END_TEST

/* Set-pending applied to the writer instead of the target. */
START_TEST(bug_set_pending_on_writer)
{
	sgi(0, 0, 1u << 3, 6);			/* CPU 0 sends to CPU 3 */
	ck_assert(!hw_line(0));
	ck_assert(hw_line(3));
	ck_assert_uint_eq(dr(0, D_ISPENDR), 0);
	ck_assert_uint_eq(dr(3, D_ISPENDR), 1u << 6);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	ck_assert_uint_eq(iar(3), 6);
	spi(37, 1u << 2, false);
	dw(0, D_ISPENDR + 4, 1u << 5);		/* CPU 0 pends an SPI routed to 2 */
	ck_assert(!hw_line(0));
	ck_assert(hw_line(2));
	ck_assert_uint_eq(iar(2), 37);
	tv_check_lines();
}
END_TEST

/* Banked state not initialised for secondaries: every CPU's timer fires. */
START_TEST(bug_secondary_timer_never_fires)
{
	for (unsigned int cpu = 0; cpu < 8; cpu++)
		timer_ppi(cpu, VTIMER);
	for (unsigned int cpu = 0; cpu < 8; cpu++) {
		vgic_set_level(tv.v, VTIMER, cpu, true);
		for (unsigned int other = 0; other < 8; other++)
			ck_assert_int_eq(hw_line(other), other <= cpu);
	}
	for (unsigned int cpu = 0; cpu < 8; cpu++) {
		ck_assert_uint_eq(iar(cpu), VTIMER);
		vgic_set_level(tv.v, VTIMER, cpu, false);
		eoi(cpu, VTIMER);
		ck_assert(!hw_line(cpu));
	}
	tv_check_lines();
}
END_TEST

static Suite *vgic_line_suite(void)
{
	Suite *s = suite_create("vgic-line");
	TCase *tc = tcase_create("line");
	TCase *bugs = tcase_create("recurring-bugs");
	TCase *tc8 = tcase_create("eight-cpus");

	tcase_add_checked_fixture(tc, setup, tv_fini);
	tcase_add_test(tc, line_raised_exactly_when_deliverable);
	tcase_add_test(tc, line_follows_enables_and_priorities);
	tcase_add_test(tc, timer_ppi_is_level_sensitive);
	tcase_add_test(tc, timer_ppi_asserted_while_disabled);
	tcase_add_test(tc, edge_ppi_latches_rising_edge);
	tcase_add_test(tc, bad_inputs_ignored);
	tcase_add_test(tc, uart_level_spi);
	tcase_add_test(tc, spi_follows_itargetsr);
	tcase_add_test(tc, spi_one_of_n);
	tcase_add_test(tc, spi_disabled_enabled_and_priority);
	tcase_add_test(tc, spi_and_sgi_priority_order);
	tcase_add_test(tc, linux_gic_init_sequence);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bugs, setup, tv_fini);
	tcase_add_test(bugs, bug_sgi_source_ignored);
	tcase_add_test(bugs, bug_pending_lost_while_disabled);
	tcase_add_test(bugs, bug_pending_not_cleared_on_ack);
	tcase_add_test(bugs, bug_set_pending_on_writer);
	suite_add_tcase(s, bugs);

	tcase_add_checked_fixture(tc8, setup8, tv_fini);
	tcase_add_test(tc8, bug_secondary_timer_never_fires);
	suite_add_tcase(s, tc8);
	return s;
}

UNIT_SUITE(vgic_line_suite)
