// SPDX-License-Identifier: GPL-2.0
/* vgic SGI routing: filters, target lists, sources, coalescing, S/CPENDSGIR. */
#include "tests/unit/test_vgic.h"

static void setup8(void)
{
	tv_init(8, 32);
	tv_enable_all();
}

static void setup4(void)
{
	tv_init(4, 32);
	tv_enable_all();
}

/* Pending source byte of SGI @id on @target, read through its own bank. */
static uint32_t sources(unsigned int target, unsigned int id)
{
	return dr8(target, D_SPENDSGIR + id);
}

START_TEST(list_filter_every_target_list)
{
	for (unsigned int src = 0; src < 8; src++) {
		for (unsigned int list = 0; list < 256; list++) {
			unsigned int id = (src + list) % 16;

			sgi(src, 0, list, id);
			for (unsigned int t = 0; t < 8; t++) {
				bool want = list & (1u << t);

				ck_assert_uint_eq(sources(t, id), want ? 1u << src : 0);
				ck_assert_int_eq(hw_line(t), want);
				dw8(t, D_CPENDSGIR + id, 0xff);
				ck_assert(!hw_line(t));
			}
		}
	}
	struct vgic_sgi_stats s = tv_stats();
	ck_assert_uint_eq(s.sent, 8 * 128 * 8);	/* each target bit set in half the lists */
	ck_assert_uint_eq(s.cleared, s.sent);
	ck_assert_uint_eq(s.acked, 0);
	tv_check_lines();
}
END_TEST

START_TEST(all_but_self_filter)
{
	for (unsigned int src = 0; src < 8; src++) {
		sgi(src, 1, 0xff, 9);	/* the list field is ignored */
		for (unsigned int t = 0; t < 8; t++) {
			ck_assert_uint_eq(sources(t, 9), t == src ? 0 : 1u << src);
			if (t != src) {
				ck_assert_uint_eq(iar(t), (src << 10) | 9);
				eoi(t, 9);
			}
		}
		ck_assert(!hw_line(src));
	}
	ck_assert_uint_eq(tv_stats().acked, 8 * 7);
	tv_check_lines();
}
END_TEST

START_TEST(self_filter)
{
	for (unsigned int src = 0; src < 8; src++) {
		sgi(src, 2, 0xff & ~(1u << src), 15);
		for (unsigned int t = 0; t < 8; t++)
			ck_assert_uint_eq(sources(t, 15), t == src ? 1u << src : 0);
		ck_assert_uint_eq(iar(src), (src << 10) | 15);
		eoi(src, 15);
	}
	tv_check_lines();
}
END_TEST

START_TEST(reserved_filter_ignored)
{
	/* vgic.h: an access that is reported returns -1. */
	ck_assert_int_eq(vgic_dist_write(tv.v, 1, D_SGIR, 4, SGIR(3, 0xff, 2)), -1);
	for (unsigned int t = 0; t < 8; t++)
		ck_assert_uint_eq(sources(t, 2), 0);
	ck_assert_uint_eq(tv_stats().sent, 0);
	ck_assert_int_eq(tv.reports, 1);
	ck_assert_ptr_nonnull(strstr(tv.last_report, "TargetListFilter"));
}
END_TEST

START_TEST(targets_above_cpu_count_ignored)
{
	sgi(0, 0, 0xf0, 1);			/* CPUs 4..7 do not exist */
	ck_assert_uint_eq(tv_stats().sent, 0);
	sgi(0, 0, 0xf2, 1);
	ck_assert_uint_eq(tv_stats().sent, 1);
	ck_assert_uint_eq(sources(1, 1), 1);
	sgi(3, 1, 0, 4);			/* all-but-self: 3 targets */
	ck_assert_uint_eq(tv_stats().sent, 4);
	ck_assert_int_eq(tv.reports, 0);
}
END_TEST

START_TEST(sgiintid_is_four_bits)
{
	dw(1, D_SGIR, SGIR(0, 1, 0x3f5));	/* bits 9:4 and 15 are not INTID */
	ck_assert_uint_eq(sources(0, 5), 1u << 1);
	ck_assert_uint_eq(iar(0), (1 << 10) | 5);
}
END_TEST

START_TEST(multi_source_order_and_source_field)
{
	sgi(3, 0, 1, 5);
	sgi(1, 0, 1, 5);
	sgi(2, 0, 1, 5);
	ck_assert_uint_eq(sources(0, 5), 0x0e);
	ck_assert_uint_eq(iar(0), (1 << 10) | 5);	/* lowest source first */
	ck_assert_uint_eq(dr(0, D_ISPENDR), 1u << 5);	/* still pending for 2, 3 */
	ck_assert_uint_eq(sources(0, 5), 0x0c);
	ck_assert(!hw_line(0));				/* active: not presented */
	ck_assert_uint_eq(iar(0), SPURIOUS);
	eoi(0, 5);
	ck_assert(hw_line(0));
	ck_assert_uint_eq(iar(0), (2 << 10) | 5);
	eoi(0, 5);
	ck_assert_uint_eq(iar(0), (3 << 10) | 5);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 0);
	eoi(0, 5);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	struct vgic_sgi_stats s = tv_stats();
	ck_assert_uint_eq(s.sent, 3);
	ck_assert_uint_eq(s.acked, 3);
	ck_assert_uint_eq(s.coalesced, 0);
	tv_check_lines();
}
END_TEST

START_TEST(coalescing_counted)
{
	sgi(1, 0, 1, 0);
	sgi(1, 0, 1, 0);
	sgi(1, 0, 1, 0);
	struct vgic_sgi_stats s = tv_stats();
	ck_assert_uint_eq(s.sent, 3);
	ck_assert_uint_eq(s.coalesced, 2);
	ck_assert_uint_eq(iar(0), (1 << 10) | 0);
	/* A send while active but no longer pending is a new interrupt. */
	sgi(1, 0, 1, 0);
	eoi(0, 0);
	ck_assert_uint_eq(iar(0), (1 << 10) | 0);
	eoi(0, 0);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	s = tv_stats();
	ck_assert_uint_eq(s.sent, 4);
	ck_assert_uint_eq(s.coalesced, 2);
	ck_assert_uint_eq(s.acked, 2);
	ck_assert_uint_eq(s.sent, s.acked + s.coalesced + s.cleared);
}
END_TEST

START_TEST(spendsgir_banked_per_target)
{
	dw8(2, D_SPENDSGIR + 3, 0x05);		/* sources 0 and 2, for CPU 2 */
	ck_assert_uint_eq(dr8(2, D_CPENDSGIR + 3), 0x05);
	ck_assert_uint_eq(dr8(0, D_SPENDSGIR + 3), 0);
	ck_assert(hw_line(2));
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(2), (0 << 10) | 3);
	eoi(2, 3);
	ck_assert_uint_eq(iar(2), (2 << 10) | 3);
	eoi(2, 3);

	/* Word access: SGIs 4..7. */
	dw(1, D_SPENDSGIR + 4, 0x01000200);	/* SGI 5 from CPU 1, SGI 7 from CPU 0 */
	ck_assert_uint_eq(dr(1, D_SPENDSGIR + 4), 0x01000200);
	ck_assert_uint_eq(dr(1, D_CPENDSGIR + 4), 0x01000200);
	ck_assert_uint_eq(dr(1, D_ISPENDR), (1u << 5) | (1u << 7));
	dw(1, D_CPENDSGIR + 4, 0xffffffff);
	ck_assert_uint_eq(dr(1, D_SPENDSGIR + 4), 0);
	ck_assert(!hw_line(1));

	/* Source bits of nonexistent CPUs are ignored (4 CPUs here). */
	dw8(3, D_SPENDSGIR + 0, 0xf0);
	ck_assert_uint_eq(dr8(3, D_SPENDSGIR + 0), 0);
	struct vgic_sgi_stats s = tv_stats();
	ck_assert_uint_eq(s.sent, 4);
	ck_assert_uint_eq(s.acked, 2);
	ck_assert_uint_eq(s.cleared, 2);
	tv_check_lines();
}
END_TEST

START_TEST(cpendsgir_partial_clear)
{
	sgi(0, 0, 4, 8);
	sgi(1, 0, 4, 8);
	sgi(3, 0, 4, 8);
	dw8(2, D_CPENDSGIR + 8, 0x02);
	ck_assert_uint_eq(sources(2, 8), 0x09);
	dw8(2, D_CPENDSGIR + 8, 0x02);		/* already clear: not counted */
	ck_assert_uint_eq(tv_stats().cleared, 1);
	ck_assert_uint_eq(iar(2), (0 << 10) | 8);
	dw8(2, D_CPENDSGIR + 8, 0x08);
	ck_assert_uint_eq(dr(2, D_ISPENDR), 0);
	eoi(2, 8);
	ck_assert(!hw_line(2));
	ck_assert_uint_eq(iar(2), SPURIOUS);
	struct vgic_sgi_stats s = tv_stats();
	ck_assert_uint_eq(s.sent, s.acked + s.coalesced + s.cleared);
	tv_check_lines();
}
END_TEST

START_TEST(pending_kept_while_disabled)
{
	dw(0, D_CTLR, 0);
	cw(1, C_CTLR, 0);
	sgi(0, 0, 0x6, 10);		/* CPUs 1 and 2 */
	ck_assert(!hw_line(1));
	ck_assert(!hw_line(2));
	ck_assert_uint_eq(iar(2), SPURIOUS);	/* distributor off */
	dw(0, D_CTLR, 1);
	ck_assert(hw_line(2));
	ck_assert(!hw_line(1));			/* its interface is still off */
	cw(1, C_CTLR, 1);
	ck_assert(hw_line(1));
	ck_assert_uint_eq(iar(1), 10);
	ck_assert_uint_eq(iar(2), 10);
	tv_check_lines();
}
END_TEST

START_TEST(acknowledge_clears_pending)
{
	sgi(1, 0, 1, 1);
	ck_assert_uint_eq(iar(0), (1 << 10) | 1);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 0);
	ck_assert_uint_eq(sources(0, 1), 0);
	eoi(0, 1);
	ck_assert(!hw_line(0));
	ck_assert_uint_eq(iar(0), SPURIOUS);
}
END_TEST

/* Per (SGI, source) accounting on a target, as --stats prints it. */
START_TEST(per_pair_stats)
{
	static struct vgic_cpu_stats st;
	const struct vgic_sgi_pair_stats *p1, *p0;

	sgi(1, 0, 1 << 2, 3);
	sgi(1, 0, 1 << 2, 3);			/* still pending: coalesces */
	sgi(0, 0, 1 << 2, 3);
	ck_assert_uint_eq(iar(2), (0 << 10) | 3);	/* lowest source first */
	eoi(2, 3);
	ck_assert_uint_eq(iar(2), (1 << 10) | 3);
	ck_assert_uint_eq(iar(2), SPURIOUS);	/* SGI 3 active: not presented again */
	/* EOImode 1: EOIR only drops priority, DIR completes. */
	cw(2, C_CTLR, 1 | (1 << 9));
	eoi(2, 3);
	vgic_get_cpu_stats(tv.v, 2, &st);
	ck_assert_uint_eq(st.sgi[3][1].completed, 0);
	cw(2, C_DIR, 3);
	sgi(0, 0, 1 << 2, 5);
	dw(2, D_CPENDSGIR + 4, 3 << 8);		/* SGI 5 (bits 15:8 of 0xf14) on CPU 2's bank */
	vgic_get_cpu_stats(tv.v, 2, &st);
	p1 = &st.sgi[3][1];
	p0 = &st.sgi[3][0];
	ck_assert_uint_eq(p1->sent, 2);
	ck_assert_uint_eq(p1->coalesced, 1);
	ck_assert_uint_eq(p1->acked, 1);
	ck_assert_uint_eq(p1->completed, 1);
	ck_assert_uint_eq(p0->sent, 1);
	ck_assert_uint_eq(p0->coalesced, 0);
	ck_assert_uint_eq(p0->acked, 1);
	ck_assert_uint_eq(p0->completed, 1);
	ck_assert_uint_eq(st.taken[3], 2);
	ck_assert_uint_eq(st.spurious, 1);
	ck_assert_uint_eq(st.sgi[5][0].sent, 1);
	ck_assert_uint_eq(st.sgi[5][0].cleared, 1);
	ck_assert_uint_eq(st.sgi[5][1].cleared, 0);	/* source 1 was not pending */
	ck_assert_uint_eq(st.sgi[3][2].sent, 0);	/* no other pair counted */
	vgic_get_cpu_stats(tv.v, 0, &st);
	ck_assert_uint_eq(st.sgi[3][1].sent, 0);	/* counted on the target only */
}
END_TEST

static Suite *vgic_sgi_suite(void)
{
	Suite *s = suite_create("vgic-sgi");
	TCase *tc8 = tcase_create("eight-cpus");
	TCase *tc4 = tcase_create("four-cpus");

	tcase_add_checked_fixture(tc8, setup8, tv_fini);
	tcase_add_test(tc8, list_filter_every_target_list);
	tcase_add_test(tc8, all_but_self_filter);
	tcase_add_test(tc8, self_filter);
	tcase_add_test(tc8, reserved_filter_ignored);
	suite_add_tcase(s, tc8);

	tcase_add_checked_fixture(tc4, setup4, tv_fini);
	tcase_add_test(tc4, targets_above_cpu_count_ignored);
	tcase_add_test(tc4, sgiintid_is_four_bits);
	tcase_add_test(tc4, multi_source_order_and_source_field);
	tcase_add_test(tc4, coalescing_counted);
	tcase_add_test(tc4, spendsgir_banked_per_target);
	tcase_add_test(tc4, cpendsgir_partial_clear);
	tcase_add_test(tc4, pending_kept_while_disabled);
	tcase_add_test(tc4, acknowledge_clears_pending);
	tcase_add_test(tc4, per_pair_stats);
	suite_add_tcase(s, tc4);
	return s;
}

UNIT_SUITE(vgic_sgi_suite)
