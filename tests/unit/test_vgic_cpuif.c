// SPDX-License-Identifier: GPL-2.0
/* vgic CPU interface: IAR/EOIR/DIR, priority masking, preemption, aliases. */
#include "tests/unit/test_vgic.h"

static void setup(void)
{
	tv_init(4, 64);
	tv_enable_all();
}

START_TEST(ctlr_pmr_bpr_values)
{
	cw(1, C_CTLR, 0xffffffff);
	ck_assert_uint_eq(cr(1, C_CTLR), 0x7f7);	/* FIQEn RAZ/WI */
	ck_assert_uint_eq(cr(0, C_CTLR), 1);		/* banked */
	cw(1, C_PMR, 0xff);
	ck_assert_uint_eq(cr(1, C_PMR), 0xf8);
	cw(1, C_PMR, 0x07);
	ck_assert_uint_eq(cr(1, C_PMR), 0);
	ck_assert_uint_eq(cr(0, C_PMR), 0xf0);
	cw(1, C_BPR, 0);
	ck_assert_uint_eq(cr(1, C_BPR), 2);		/* minimum for 5 bits */
	cw(1, C_BPR, 5);
	ck_assert_uint_eq(cr(1, C_BPR), 5);
	cw(1, C_BPR, 0xff);
	ck_assert_uint_eq(cr(1, C_BPR), 7);
	ck_assert_uint_eq(cr(1, C_ABPR), 3);
	cw(1, C_ABPR, 0);
	ck_assert_uint_eq(cr(1, C_ABPR), 3);
	cw(1, C_ABPR, 6);
	ck_assert_uint_eq(cr(1, C_ABPR), 6);
	ck_assert_uint_eq(cr(2, C_IIDR), 0x0202143b);
	ck_assert_uint_eq(cr(2, C_IIDR) & 0xff0fff, 0x02043b);	/* Linux's check */
	ck_assert_int_eq(tv.reports, 0);
}
END_TEST

START_TEST(spurious_when_nothing_pending)
{
	ck_assert_uint_eq(iar(0), SPURIOUS);
	ck_assert_uint_eq(cr(0, C_HPPIR), SPURIOUS);
	ck_assert_uint_eq(cr(0, C_RPR), 0xff);
	ck_assert_uint_eq(cr(0, C_APR0), 0);
	/* EOIR of the spurious ID is harmless and not reported. */
	eoi(0, SPURIOUS);
	ck_assert_int_eq(tv.reports, 0);
	ck_assert_int_eq(tv.raises[0], 0);
}
END_TEST

START_TEST(disabled_distributor_or_interface)
{
	dw(0, D_CTLR, 0);
	sgi(1, 0, 1, 4);
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(0), SPURIOUS);
	ck_assert_uint_eq(cr(0, C_HPPIR), SPURIOUS);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 1u << 4);	/* but pending is kept */

	cw(0, C_CTLR, 0);
	dw(0, D_CTLR, 1);
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(0), SPURIOUS);
	ck_assert_uint_eq(cr(0, C_HPPIR), SPURIOUS);	/* as KVM's vGICv2: tests/diff */

	/* Group 1 and AckCtl on, Group 0 off: every interrupt is Group 0, so
	 * nothing is signalled or shown (tests/diff/allowed-differences). */
	cw(0, C_CTLR, 0x206);
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(cr(0, C_HPPIR), SPURIOUS);
	ck_assert_uint_eq(iar(0), SPURIOUS);

	cw(0, C_CTLR, 1);
	ck_assert(hw_line(0));
	ck_assert_uint_eq(iar(0), (1 << 10) | 4);
	ck_assert(!hw_line(0));
	eoi(0, 4);
	tv_check_lines();
}
END_TEST

START_TEST(pmr_masks_equal_and_lower_priority)
{
	set_prio(0, 2, 0xf0);
	sgi(0, 2, 0, 2);
	ck_assert(!hw_line(0));			/* 0xf0 is not above PMR 0xf0 */
	ck_assert_uint_eq(iar(0), SPURIOUS);
	ck_assert_uint_eq(cr(0, C_HPPIR), SPURIOUS);	/* as KVM's vGICv2: tests/diff */
	cw(0, C_PMR, 0xf8);
	ck_assert_uint_eq(cr(0, C_HPPIR), 2);
	ck_assert(hw_line(0));
	cw(0, C_PMR, 0);
	ck_assert(!hw_line(0));
	cw(0, C_PMR, 0xf8);
	ck_assert_uint_eq(iar(0), 2);
	eoi(0, 2);
	ck_assert_int_eq(tv.raises[0], 2);
	ck_assert_int_eq(tv.lowers[0], 2);
	tv_check_lines();
}
END_TEST

START_TEST(highest_priority_first_then_lowest_id)
{
	set_prio(0, 1, 0x80);
	set_prio(0, 9, 0x40);
	set_prio(0, 20, 0x40);
	enable_irq(0, 20);
	sgi(0, 2, 0, 1);
	dw(0, D_ISPENDR, 1u << 20);
	sgi(0, 2, 0, 9);
	ck_assert_uint_eq(cr(0, C_HPPIR), 9);
	ck_assert_uint_eq(iar(0), 9);		/* 0x40, lower INTID than 20 */
	ck_assert_uint_eq(iar(0), SPURIOUS);	/* 20 cannot preempt: same priority */
	eoi(0, 9);
	ck_assert_uint_eq(iar(0), 20);
	eoi(0, 20);
	ck_assert_uint_eq(iar(0), 1);
	eoi(0, 1);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	tv_check_lines();
}
END_TEST

START_TEST(five_priority_bits)
{
	set_prio(0, 5, 0x47);
	set_prio(0, 3, 0x41);
	ck_assert_uint_eq(dr8(0, D_IPRIORITYR + 5), 0x40);
	sgi(0, 2, 0, 5);
	sgi(0, 2, 0, 3);
	ck_assert_uint_eq(iar(0), 3);	/* equal after masking: lower ID */
	ck_assert_uint_eq(cr(0, C_RPR), 0x40);
}
END_TEST

START_TEST(preemption_and_running_priority)
{
	set_prio(0, 1, 0x80);
	set_prio(0, 2, 0x78);
	set_prio(0, 3, 0x00);
	sgi(0, 2, 0, 1);
	ck_assert_uint_eq(iar(0), 1);
	ck_assert_uint_eq(cr(0, C_RPR), 0x80);
	ck_assert_uint_eq(cr(0, C_APR0), 1u << (0x80 >> 3));
	ck_assert(!hw_line(0));
	sgi(0, 2, 0, 2);
	ck_assert(hw_line(0));			/* 0x78 preempts 0x80 with BPR 2 */
	ck_assert_uint_eq(iar(0), 2);
	ck_assert_uint_eq(cr(0, C_RPR), 0x78);
	ck_assert_uint_eq(cr(0, C_APR0), (1u << 16) | (1u << 15));
	sgi(0, 2, 0, 3);
	ck_assert_uint_eq(iar(0), 3);
	ck_assert_uint_eq(cr(0, C_RPR), 0x00);
	eoi(0, 3);
	ck_assert_uint_eq(cr(0, C_RPR), 0x78);
	eoi(0, 2);
	ck_assert_uint_eq(cr(0, C_RPR), 0x80);
	eoi(0, 1);
	ck_assert_uint_eq(cr(0, C_RPR), 0xff);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
	tv_check_lines();
}
END_TEST

START_TEST(binary_point_groups_priorities)
{
	cw(0, C_BPR, 4);			/* group priority = bits 7:5 */
	set_prio(0, 1, 0x70);
	set_prio(0, 2, 0x68);
	set_prio(0, 3, 0x58);
	sgi(0, 2, 0, 1);
	ck_assert_uint_eq(iar(0), 1);
	ck_assert_uint_eq(cr(0, C_RPR), 0x60);	/* running = group priority */
	sgi(0, 2, 0, 2);
	ck_assert(!hw_line(0));			/* 0x68: same group 0x60 */
	ck_assert_uint_eq(iar(0), SPURIOUS);
	sgi(0, 2, 0, 3);
	ck_assert(hw_line(0));			/* 0x58: group 0x40 preempts */
	ck_assert_uint_eq(iar(0), 3);
	eoi(0, 3);
	eoi(0, 1);
	ck_assert_uint_eq(iar(0), 2);
	eoi(0, 2);

	cw(0, C_BPR, 7);			/* no preemption at all */
	set_prio(0, 4, 0x00);
	sgi(0, 2, 0, 1);
	ck_assert_uint_eq(iar(0), 1);
	sgi(0, 2, 0, 4);
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(0), SPURIOUS);
	eoi(0, 1);
	ck_assert(hw_line(0));
	ck_assert_uint_eq(iar(0), 4);
	eoi(0, 4);
	tv_check_lines();
}
END_TEST

START_TEST(apr_write_restores_running_priority)
{
	set_prio(0, 1, 0x40);
	set_prio(0, 2, 0x80);
	cw(0, C_APR0, 1u << (0x20 >> 3));
	ck_assert_uint_eq(cr(0, C_RPR), 0x20);
	sgi(0, 2, 0, 1);
	ck_assert(!hw_line(0));
	cw(0, C_APR0, 0);
	ck_assert_uint_eq(cr(0, C_RPR), 0xff);
	ck_assert(hw_line(0));
	ck_assert_uint_eq(iar(0), 1);
	ck_assert_uint_eq(cr(0, C_APR0 + 4), 0);	/* APR1..3 RAZ */
	cw(0, C_APR0 + 4, 0xffffffff);
	ck_assert_uint_eq(cr(0, C_APR0 + 4), 0);
}
END_TEST

START_TEST(eoimode_split_priority_drop_and_dir)
{
	cw(0, C_CTLR, 1 | C_CTLR_EOIMODE);
	sgi(1, 0, 1, 6);
	ck_assert_uint_eq(iar(0), (1 << 10) | 6);
	eoi(0, 6);				/* priority drop only */
	ck_assert_uint_eq(cr(0, C_RPR), 0xff);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 1u << 6);
	sgi(2, 0, 1, 6);
	ck_assert(!hw_line(0));			/* still active: not presented */
	ck_assert_uint_eq(iar(0), SPURIOUS);
	cw(0, C_DIR, 6);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
	ck_assert(hw_line(0));
	ck_assert_uint_eq(iar(0), (2 << 10) | 6);
	eoi(0, 6);
	cw(0, C_DIR, (2 << 10) | 6);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);

	/* Same for an SPI: DIR deactivates the shared state. */
	enable_irq(0, 40);
	set_targets(40, 1);
	dw(0, D_ISPENDR + 4, 1u << 8);
	ck_assert_uint_eq(iar(0), 40);
	eoi(0, 40);
	ck_assert_uint_eq(dr(1, D_ISACTIVER + 4), 1u << 8);
	cw(0, C_DIR, 40);
	ck_assert_uint_eq(dr(1, D_ISACTIVER + 4), 0);
	ck_assert_int_eq(tv.reports, 0);
	tv_check_lines();
}
END_TEST

START_TEST(dir_without_eoimode_ignored)
{
	sgi(0, 2, 0, 3);
	ck_assert_uint_eq(iar(0), 3);
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_DIR, 4, 3), -1);
	ck_assert_int_eq(tv.reports, 1);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 1u << 3);
	ck_assert_uint_eq(cr(0, C_RPR), 0);
	eoi(0, 3);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
}
END_TEST

START_TEST(eoi_misuse)
{
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_EOIR, 4, 5), -1);	/* nothing active */
	ck_assert_int_eq(tv.reports, 1);
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_EOIR, 4, 500), -1);	/* no INTID 500 */
	ck_assert_int_eq(tv.reports, 2);
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_EOIR, 4, 1022), 0);	/* special: ignored */
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_EOIR, 4, 5), -1);
	ck_assert_int_eq(tv.reports, 2);
}
END_TEST

/*
 * EOIR drops the highest active priority whichever INTID it names, and
 * deactivates that INTID even with no priority to drop (KVM's vGICv2).
 */
START_TEST(eoi_drops_priority_and_deactivates_what_it_names)
{
	set_prio(0, 2, 0x40);
	set_prio(0, 3, 0x80);
	sgi(0, 2, 0, 3);
	ck_assert_uint_eq(iar(0), 3);
	eoi(0, 2);				/* names 2: drops 3's priority */
	ck_assert_uint_eq(cr(0, C_RPR), 0xff);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 1u << 3);
	ck_assert_int_eq(tv.reports, 0);

	/* Active without a priority (ISACTIVER): EOIR still deactivates. */
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_EOIR, 4, 3), -1);
	ck_assert_int_eq(tv.reports, 1);
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
}
END_TEST

START_TEST(eoi_matches_intid_only)
{
	sgi(3, 0, 1, 2);
	ck_assert_uint_eq(iar(0), (3 << 10) | 2);
	eoi(0, 2);			/* Linux writes the bare INTID */
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
	ck_assert_uint_eq(cr(0, C_RPR), 0xff);
	sgi(3, 0, 1, 2);
	ck_assert_uint_eq(iar(0), (3 << 10) | 2);
	eoi(0, (1 << 10) | 2);		/* a wrong CPUID field still matches */
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
}
END_TEST

START_TEST(hppir_does_not_acknowledge)
{
	sgi(2, 0, 1, 7);
	sgi(1, 0, 1, 7);
	ck_assert_uint_eq(cr(0, C_HPPIR), (1 << 10) | 7);
	ck_assert_uint_eq(cr(0, C_HPPIR), (1 << 10) | 7);
	ck_assert_uint_eq(iar(0), (1 << 10) | 7);
	ck_assert_uint_eq(cr(0, C_HPPIR), SPURIOUS);	/* pending but active */
	eoi(0, 7);
	ck_assert_uint_eq(cr(0, C_HPPIR), (2 << 10) | 7);
}
END_TEST

START_TEST(group1_aliases_inert)
{
	sgi(0, 2, 0, 1);
	ck_assert_uint_eq(cr(0, C_AIAR), SPURIOUS);
	ck_assert_uint_eq(cr(0, C_AHPPIR), SPURIOUS);
	cw(0, C_AEOIR, 1);
	ck_assert(hw_line(0));
	ck_assert_uint_eq(iar(0), 1);
	cw(0, C_AEOIR, 1);		/* does not complete the Group 0 interrupt */
	ck_assert_uint_eq(cr(0, C_RPR), 0);
	ck_assert_int_eq(tv.reports, 0);
}
END_TEST

START_TEST(cpu_interface_access_rules)
{
	uint32_t v = 7;

	sgi(0, 2, 0, 1);
	ck_assert_int_eq(vgic_cpu_read(tv.v, 0, C_IAR, 1, &v), -1);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(vgic_cpu_read(tv.v, 0, C_IAR, 8, &v), -1);
	ck_assert_int_eq(vgic_cpu_read(tv.v, 0, C_IAR + 2, 4, &v), -1);
	ck_assert_int_eq(vgic_cpu_read(tv.v, 0, 0x2000, 4, &v), -1);
	ck_assert_int_eq(tv.reports, 2);		/* width, alignment */
	ck_assert(hw_line(0));				/* nothing was acknowledged */
	ck_assert_int_eq(vgic_cpu_read(tv.v, 0, C_EOIR, 4, &v), -1);
	ck_assert_int_eq(vgic_cpu_read(tv.v, 0, C_DIR, 4, &v), -1);
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_IAR, 4, 0), -1);
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, C_IIDR, 4, 0), -1);
	ck_assert_int_eq(vgic_cpu_write(tv.v, 0, 0x40, 4, 0), -1);	/* reserved */
	ck_assert_int_eq(tv.reports, 5);
	ck_assert_uint_eq(cr(0, 0x40), 0);
	ck_assert_int_eq(vgic_cpu_read(tv.v, 4, C_IAR, 4, &v), -1);	/* no CPU 4 */
	ck_assert_uint_eq(iar(0), 1);
}
END_TEST

static Suite *vgic_cpuif_suite(void)
{
	Suite *s = suite_create("vgic-cpuif");
	TCase *tc = tcase_create("cpuif");

	tcase_add_checked_fixture(tc, setup, tv_fini);
	tcase_add_test(tc, ctlr_pmr_bpr_values);
	tcase_add_test(tc, spurious_when_nothing_pending);
	tcase_add_test(tc, disabled_distributor_or_interface);
	tcase_add_test(tc, pmr_masks_equal_and_lower_priority);
	tcase_add_test(tc, highest_priority_first_then_lowest_id);
	tcase_add_test(tc, five_priority_bits);
	tcase_add_test(tc, preemption_and_running_priority);
	tcase_add_test(tc, binary_point_groups_priorities);
	tcase_add_test(tc, apr_write_restores_running_priority);
	tcase_add_test(tc, eoimode_split_priority_drop_and_dir);
	tcase_add_test(tc, dir_without_eoimode_ignored);
	tcase_add_test(tc, eoi_misuse);
	tcase_add_test(tc, eoi_drops_priority_and_deactivates_what_it_names);
	tcase_add_test(tc, eoi_matches_intid_only);
	tcase_add_test(tc, hppir_does_not_acknowledge);
	tcase_add_test(tc, group1_aliases_inert);
	tcase_add_test(tc, cpu_interface_access_rules);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_SUITE(vgic_cpuif_suite)
