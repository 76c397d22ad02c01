// SPDX-License-Identifier: GPL-2.0
/* vgic distributor registers: values, banking, RAZ/WI rules, width rules. */
#include "tests/unit/test_vgic.h"

START_TEST(create_rejects_bad_config)
{
	struct vgic_config cfg = { .nr_cpus = 1 };
	struct vgic *v;

	ck_assert_ptr_null(vgic_create(NULL));
	cfg.nr_cpus = 0;
	ck_assert_ptr_null(vgic_create(&cfg));
	cfg.nr_cpus = VGIC_MAX_CPUS + 1;
	ck_assert_ptr_null(vgic_create(&cfg));
	cfg.nr_cpus = 2;
	cfg.nr_spis = 33;
	ck_assert_ptr_null(vgic_create(&cfg));
	cfg.nr_spis = 992;	/* more than 988 */
	ck_assert_ptr_null(vgic_create(&cfg));
	cfg.nr_spis = 960;	/* 988 rounded down to a multiple of 32 */
	v = vgic_create(&cfg);
	ck_assert_ptr_nonnull(v);
	vgic_destroy(v);
	vgic_destroy(NULL);
}
END_TEST

START_TEST(typer_iidr_id_registers)
{
	static const uint32_t cidr[4] = { 0x0d, 0xf0, 0x05, 0xb1 };

	ck_assert_uint_eq(dr(0, D_TYPER), 2 | (3 << 5));	/* 64 SPIs, 4 CPUs */
	ck_assert_uint_eq(dr(3, D_IIDR), 0x0200143b);
	ck_assert_uint_eq(dr(0, D_PIDR2), 0x2b);
	ck_assert_uint_eq((dr(0, D_PIDR2) >> 4) & 0xf, 2);	/* ArchRev: GICv2 */
	ck_assert_uint_eq(dr(0, D_PIDR0), 0x90);
	ck_assert_uint_eq(dr(0, D_PIDR1), 0xb4);
	ck_assert_uint_eq(dr(0, D_PIDR3), 0x00);
	ck_assert_uint_eq(dr(0, D_PIDR4), 0x04);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(dr(1, D_CIDR0 + 4 * i), cidr[i]);
	tv_fini();
	tv_init(8, 32);
	ck_assert_uint_eq(dr(7, D_TYPER), 1 | (7 << 5));
	tv_fini();
	tv_init(1, 0);
	ck_assert_uint_eq(dr(0, D_TYPER), 0);
	tv_fini();
	tv_init(2, 960);
	ck_assert_uint_eq(dr(0, D_TYPER), 30 | (1 << 5));
}
END_TEST

START_TEST(ro_registers_ignore_writes)
{
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_TYPER, 4, 0), -1);
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_IIDR, 4, 0), -1);
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_PIDR2, 4, 0), -1);
	ck_assert_uint_eq(dr(0, D_TYPER), 0x62);
	ck_assert_uint_eq(dr(0, D_IIDR), 0x0200143b);
	ck_assert_uint_eq(dr(0, D_PIDR2), 0x2b);
	ck_assert_int_eq(tv.reports, 1);	/* once per kind */
}
END_TEST

START_TEST(ctlr_enable_bits)
{
	ck_assert_uint_eq(dr(0, D_CTLR), 0);
	dw(1, D_CTLR, 0xffffffff);
	ck_assert_uint_eq(dr(2, D_CTLR), 3);
	dw(0, D_CTLR, 0);
	ck_assert_uint_eq(dr(0, D_CTLR), 0);
}
END_TEST

START_TEST(igroupr_raz_wi)
{
	for (unsigned int i = 0; i < 3; i++) {
		dw(0, D_IGROUPR + 4 * i, 0xffffffff);
		ck_assert_uint_eq(dr(0, D_IGROUPR + 4 * i), 0);
	}
	ck_assert_int_eq(tv.reports, 0);
}
END_TEST

START_TEST(sgi_enables_rao_wi)
{
	ck_assert_uint_eq(dr(0, D_ISENABLER), 0x0000ffff);
	dw(0, D_ICENABLER, 0xffffffff);
	ck_assert_uint_eq(dr(0, D_ISENABLER), 0x0000ffff);
	ck_assert_uint_eq(dr(0, D_ICENABLER), 0x0000ffff);
	dw(0, D_ISENABLER, 0xffff0000);
	ck_assert_uint_eq(dr(0, D_ISENABLER), 0xffffffff);
	/* An SGI still arrives after the ICENABLER0 write above. */
	tv_enable_all();
	dw(0, D_ICENABLER, 0x0000ffff);
	sgi(1, 0, 1, 5);
	ck_assert_uint_eq(iar(0), (1 << 10) | 5);
}
END_TEST

START_TEST(ppi_enables_banked)
{
	dw(1, D_ISENABLER, 1u << 27);
	ck_assert_uint_eq(dr(1, D_ISENABLER), 0xffff | (1u << 27));
	ck_assert_uint_eq(dr(0, D_ISENABLER), 0xffff);
	ck_assert_uint_eq(dr(2, D_ICENABLER), 0xffff);
	dw(1, D_ICENABLER, 1u << 27);
	ck_assert_uint_eq(dr(1, D_ISENABLER), 0xffff);
}
END_TEST

START_TEST(spi_enables_shared)
{
	dw(0, D_ISENABLER + 4, 0x3);
	dw(2, D_ISENABLER + 8, 0x80000000);
	ck_assert_uint_eq(dr(3, D_ISENABLER + 4), 0x3);
	ck_assert_uint_eq(dr(1, D_ICENABLER + 8), 0x80000000);
	dw(1, D_ICENABLER + 4, 0x1);
	ck_assert_uint_eq(dr(0, D_ISENABLER + 4), 0x2);
}
END_TEST

START_TEST(ispendr_sgi_bits_ignored)
{
	tv_enable_all();
	dw(0, D_ISPENDR, 0xffff);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 0);
	ck_assert_uint_eq(iar(0), SPURIOUS);
	ck_assert_uint_eq(tv_stats().sent, 0);
	/* ICPENDR0 does not clear an SGI either; it is still acknowledged. */
	sgi(2, 0, 1, 3);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 1u << 3);
	dw(0, D_ICPENDR, 0xffffffff);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 1u << 3);
	ck_assert_uint_eq(iar(0), (2 << 10) | 3);
}
END_TEST

START_TEST(ppi_pending_banked)
{
	dw(2, D_ISPENDR, 1u << 20);
	ck_assert_uint_eq(dr(2, D_ISPENDR), 1u << 20);
	ck_assert_uint_eq(dr(2, D_ICPENDR), 1u << 20);
	ck_assert_uint_eq(dr(0, D_ISPENDR), 0);
	dw(2, D_ICPENDR, 1u << 20);
	ck_assert_uint_eq(dr(2, D_ISPENDR), 0);
	/* A held level shows as pending and ICPENDR cannot clear it. */
	vgic_set_level(tv.v, 27, 3, true);
	ck_assert_uint_eq(dr(3, D_ISPENDR), 1u << 27);
	dw(3, D_ICPENDR, 1u << 27);
	ck_assert_uint_eq(dr(3, D_ISPENDR), 1u << 27);
	vgic_set_level(tv.v, 27, 3, false);
	ck_assert_uint_eq(dr(3, D_ISPENDR), 0);
}
END_TEST

START_TEST(spi_pending)
{
	dw(0, D_ISPENDR + 4, 1u << 4);
	ck_assert_uint_eq(dr(1, D_ISPENDR + 4), 1u << 4);
	dw(1, D_ICPENDR + 4, 1u << 4);
	ck_assert_uint_eq(dr(0, D_ISPENDR + 4), 0);
	vgic_set_level(tv.v, 33, 0, true);
	ck_assert_uint_eq(dr(0, D_ISPENDR + 4), 1u << 1);
	vgic_set_level(tv.v, 33, 0, false);
	ck_assert_uint_eq(dr(0, D_ISPENDR + 4), 0);
}
END_TEST

START_TEST(active_registers)
{
	dw(1, D_ISACTIVER, (1u << 3) | (1u << 27));
	ck_assert_uint_eq(dr(1, D_ISACTIVER), (1u << 3) | (1u << 27));
	ck_assert_uint_eq(dr(0, D_ISACTIVER), 0);
	dw(1, D_ICACTIVER, 1u << 3);
	ck_assert_uint_eq(dr(1, D_ICACTIVER), 1u << 27);
	dw(0, D_ISACTIVER + 8, 1u << 31);
	ck_assert_uint_eq(dr(3, D_ISACTIVER + 8), 1u << 31);
	dw(3, D_ICACTIVER + 8, 1u << 31);
	ck_assert_uint_eq(dr(0, D_ISACTIVER + 8), 0);
}
END_TEST

START_TEST(priority_byte_and_word)
{
	dw(0, D_IPRIORITYR + 32, 0x12345678);
	ck_assert_uint_eq(dr(1, D_IPRIORITYR + 32), 0x10305078);	/* 5 bits */
	ck_assert_uint_eq(dr8(2, D_IPRIORITYR + 33), 0x50);
	dw8(3, D_IPRIORITYR + 35, 0xff);
	ck_assert_uint_eq(dr(0, D_IPRIORITYR + 32), 0xf8305078);
	/* Private priorities are banked, SGIs included. */
	dw8(1, D_IPRIORITYR + 27, 0xa0);
	dw8(1, D_IPRIORITYR + 3, 0x40);
	ck_assert_uint_eq(dr(1, D_IPRIORITYR + 24), 0xa0u << 24);
	ck_assert_uint_eq(dr8(1, D_IPRIORITYR + 3), 0x40);
	ck_assert_uint_eq(dr(0, D_IPRIORITYR + 24), 0);
	ck_assert_uint_eq(dr(0, D_IPRIORITYR + 0), 0);
}
END_TEST

START_TEST(itargetsr_banked_for_each_cpu)
{
	for (unsigned int cpu = 0; cpu < 8; cpu++) {
		for (unsigned int i = 0; i < 8; i++)
			ck_assert_uint_eq(dr(cpu, D_ITARGETSR + 4 * i), 0x01010101u << cpu);
		for (unsigned int b = 0; b < 32; b++)
			ck_assert_uint_eq(dr8(cpu, D_ITARGETSR + b), 1u << cpu);
	}
	/* Read-only: writes are reported and change nothing. */
	ck_assert_int_eq(vgic_dist_write(tv.v, 2, D_ITARGETSR + 4, 4, 0xffffffff), -1);
	ck_assert_int_eq(vgic_dist_write(tv.v, 2, D_ITARGETSR + 5, 1, 0), -1);
	ck_assert_uint_eq(dr(2, D_ITARGETSR + 4), 0x04040404);
	ck_assert_int_eq(tv.reports, 1);
}
END_TEST

START_TEST(itargetsr_spi_masks_missing_cpus)
{
	ck_assert_uint_eq(dr(0, D_ITARGETSR + 32), 0);
	dw8(0, D_ITARGETSR + 33, 0xff);
	ck_assert_uint_eq(dr8(1, D_ITARGETSR + 33), 0x0f);	/* 4 CPUs */
	dw(0, D_ITARGETSR + 36, 0x01020408 | 0xf0f0f0f0);
	ck_assert_uint_eq(dr(3, D_ITARGETSR + 36), 0x01020408);
	ck_assert_uint_eq(dr(3, D_ITARGETSR + 32), 0x00000f00);
}
END_TEST

START_TEST(icfgr_rules)
{
	ck_assert_uint_eq(dr(0, D_ICFGR), 0xaaaaaaaa);
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_ICFGR, 4, 0), -1);
	ck_assert_uint_eq(dr(0, D_ICFGR), 0xaaaaaaaa);
	/* PPIs: reset level, configurable, banked. */
	ck_assert_uint_eq(dr(1, D_ICFGR + 4), 0);
	dw(1, D_ICFGR + 4, 0xffffffff);
	ck_assert_uint_eq(dr(1, D_ICFGR + 4), 0xaaaaaaaa);
	ck_assert_uint_eq(dr(0, D_ICFGR + 4), 0);
	/* SPIs: configurable, shared. */
	dw(0, D_ICFGR + 8, 0x00000008);		/* INTID 33 edge */
	dw(0, D_ICFGR + 12, 0x80000000);	/* INTID 63 edge */
	ck_assert_uint_eq(dr(2, D_ICFGR + 8), 0x00000008);
	ck_assert_uint_eq(dr(2, D_ICFGR + 12), 0x80000000);
}
END_TEST

START_TEST(out_of_range_intids_raz_wi)
{
	/* 4 CPUs, 64 SPIs: INTIDs 96 and up do not exist. */
	dw(0, D_ISENABLER + 12, 0xffffffff);
	dw(0, D_ISPENDR + 12, 0xffffffff);
	dw(0, D_ISACTIVER + 12, 0xffffffff);
	ck_assert_uint_eq(dr(0, D_ISENABLER + 12), 0);
	ck_assert_uint_eq(dr(0, D_ISPENDR + 12), 0);
	ck_assert_uint_eq(dr(0, D_ISACTIVER + 12), 0);
	dw(0, D_IPRIORITYR + 96, 0xffffffff);
	ck_assert_uint_eq(dr(0, D_IPRIORITYR + 96), 0);
	dw8(0, D_IPRIORITYR + 1019, 0xff);
	ck_assert_uint_eq(dr8(0, D_IPRIORITYR + 1019), 0);
	dw(0, D_ITARGETSR + 96, 0xffffffff);
	ck_assert_uint_eq(dr(0, D_ITARGETSR + 96), 0);
	dw(0, D_ICFGR + 24, 0xffffffff);
	ck_assert_uint_eq(dr(0, D_ICFGR + 24), 0);
	ck_assert_int_eq(tv.reports, 0);
	/* A GIC without SPIs has no SPI registers at all. */
	tv_fini();
	tv_init(2, 0);
	dw(0, D_ISENABLER + 4, 1);
	ck_assert_uint_eq(dr(0, D_ISENABLER + 4), 0);
	vgic_set_level(tv.v, 32, 0, true);	/* no such input: ignored */
	ck_assert_uint_eq(dr(0, D_ISPENDR + 4), 0);
}
END_TEST

START_TEST(reserved_registers)
{
	static const uint32_t reserved[] = { 0x00c, 0x040, 0x07c, 0xd00, 0xe00, 0xf04, 0xf30, 0xfcc };

	for (unsigned int i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		ck_assert_uint_eq(dr(0, reserved[i]), 0);
		ck_assert_int_eq(vgic_dist_write(tv.v, 0, reserved[i], 4, 0xffffffff), -1);
		ck_assert_uint_eq(dr(0, reserved[i]), 0);
	}
	ck_assert_int_eq(tv.reports, 1);
	ck_assert_ptr_nonnull(strstr(tv.last_report, "reserved"));
	/* SGIR is write-only. */
	uint32_t v = 1;
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_SGIR, 4, &v), -1);
	ck_assert_uint_eq(v, 0);
}
END_TEST

START_TEST(width_rules)
{
	uint32_t v = 1;

	/* Byte access allowed only for IPRIORITYR, ITARGETSR, C/SPENDSGIR. */
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_IPRIORITYR + 1, 1, &v), 0);
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_ITARGETSR + 2, 1, &v), 0);
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_CPENDSGIR + 3, 1, &v), 0);
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_SPENDSGIR + 4, 1, 0), 0);
	ck_assert_int_eq(tv.reports, 0);

	v = 1;
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_ISENABLER, 1, &v), -1);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(tv.reports, 1);
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_CTLR, 2, &v), -1);
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_IPRIORITYR, 2, &v), -1);
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, D_IPRIORITYR, 8, &v), -1);
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_ISENABLER + 4, 8, 1), -1);
	ck_assert_int_eq(tv.reports, 1);	/* bad width: reported once */
	ck_assert_uint_eq(dr(0, D_ISENABLER + 4), 0);

	/* A byte write to SGIR sends nothing. */
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_SGIR, 1, 0x01), -1);
	ck_assert_uint_eq(tv_stats().sent, 0);

	/* Misaligned word access: a different kind, reported once more. */
	ck_assert_int_eq(vgic_dist_write(tv.v, 0, D_IPRIORITYR + 2, 4, 0xffffffff), -1);
	ck_assert_uint_eq(dr(0, D_IPRIORITYR), 0);
	ck_assert_int_eq(tv.reports, 2);
	ck_assert_int_eq(vgic_dist_read(tv.v, 0, 0x1000, 4, &v), -1);
	ck_assert_int_eq(tv.reports, 2);

	/* A bad vCPU index is refused. */
	ck_assert_int_eq(vgic_dist_read(tv.v, 4, D_CTLR, 4, &v), -1);
	ck_assert_int_eq(vgic_dist_write(tv.v, 4, D_CTLR, 4, 1), -1);
	ck_assert_uint_eq(dr(0, D_CTLR), 0);
}
END_TEST

START_TEST(no_report_callback_is_fine)
{
	struct vgic_config cfg = { .nr_cpus = 1 };
	struct vgic *v = vgic_create(&cfg);
	uint32_t x;

	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(vgic_dist_read(v, 0, D_CTLR, 1, &x), -1);
	ck_assert_int_eq(vgic_dist_write(v, 0, D_SGIR, 4, SGIR(2, 0, 1)), 0);
	ck_assert(!vgic_cpu_irq_line(v, 0));
	vgic_destroy(v);
}
END_TEST

/* Every CPU's banked state starts out right, not only CPU 0's. */
START_TEST(secondaries_banked_state_initialised)
{
	for (unsigned int cpu = 0; cpu < 8; cpu++) {
		ck_assert_uint_eq(dr(cpu, D_ISENABLER), 0xffff);
		ck_assert_uint_eq(dr(cpu, D_ISPENDR), 0);
		ck_assert_uint_eq(dr(cpu, D_ISACTIVER), 0);
		ck_assert_uint_eq(dr(cpu, D_ICFGR), 0xaaaaaaaa);
		ck_assert_uint_eq(dr(cpu, D_ICFGR + 4), 0);
		for (unsigned int i = 0; i < 8; i++)
			ck_assert_uint_eq(dr(cpu, D_IPRIORITYR + 4 * i), 0);
		for (unsigned int i = 0; i < 4; i++)
			ck_assert_uint_eq(dr(cpu, D_CPENDSGIR + 4 * i), 0);
		ck_assert_uint_eq(cr(cpu, C_CTLR), 0);
		ck_assert_uint_eq(cr(cpu, C_PMR), 0);
		ck_assert_uint_eq(cr(cpu, C_BPR), 2);
		ck_assert_uint_eq(cr(cpu, C_RPR), 0xff);
		ck_assert_uint_eq(cr(cpu, C_IIDR), 0x0202143b);
	}
}
END_TEST

static Suite *vgic_dist_suite(void)
{
	Suite *s = suite_create("vgic-dist");
	TCase *tc = tcase_create("registers");
	TCase *tc8 = tcase_create("eight-cpus");

	tcase_add_checked_fixture(tc, tv_setup4, tv_fini);
	tcase_add_test(tc, create_rejects_bad_config);
	tcase_add_test(tc, typer_iidr_id_registers);
	tcase_add_test(tc, ro_registers_ignore_writes);
	tcase_add_test(tc, ctlr_enable_bits);
	tcase_add_test(tc, igroupr_raz_wi);
	tcase_add_test(tc, sgi_enables_rao_wi);
	tcase_add_test(tc, ppi_enables_banked);
	tcase_add_test(tc, spi_enables_shared);
	tcase_add_test(tc, ispendr_sgi_bits_ignored);
	tcase_add_test(tc, ppi_pending_banked);
	tcase_add_test(tc, spi_pending);
	tcase_add_test(tc, active_registers);
	tcase_add_test(tc, priority_byte_and_word);
	tcase_add_test(tc, itargetsr_spi_masks_missing_cpus);
	tcase_add_test(tc, icfgr_rules);
	tcase_add_test(tc, out_of_range_intids_raz_wi);
	tcase_add_test(tc, reserved_registers);
	tcase_add_test(tc, width_rules);
	tcase_add_test(tc, no_report_callback_is_fine);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(tc8, tv_setup8, tv_fini);
	tcase_add_test(tc8, itargetsr_banked_for_each_cpu);
	tcase_add_test(tc8, secondaries_banked_state_initialised);
	suite_add_tcase(s, tc8);
	return s;
}

UNIT_SUITE(vgic_dist_suite)
