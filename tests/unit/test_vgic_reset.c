// SPDX-License-Identifier: GPL-2.0
/*
 * vgic_reset (--reboot): after any amount of use, every register reads as
 * on a fresh vgic, every line is low, the SGI accounting still balances,
 * and the GIC works again.
 */
#include "tests/unit/test_vgic.h"

#define NR_CPUS		4
#define TIMER_PPI	27

/* Every CPU interface register that reading does not change. */
static const uint32_t cpu_regs[] = { C_CTLR, C_PMR, C_BPR, C_RPR, C_HPPIR, C_ABPR, C_APR0, C_IIDR };

struct snapshot {
	uint32_t dist[NR_CPUS][0x1000 / 4];
	uint32_t cpu[NR_CPUS][sizeof(cpu_regs) / sizeof(cpu_regs[0])];
};

static void take(struct snapshot *s)
{
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		for (uint32_t off = 0; off < 0x1000; off += 4) {
			s->dist[c][off / 4] = 0;
			if (off != D_SGIR)	/* write-only */
				vgic_dist_read(tv.v, c, off, 4, &s->dist[c][off / 4]);
		}
		for (size_t i = 0; i < sizeof(cpu_regs) / sizeof(cpu_regs[0]); i++)
			s->cpu[c][i] = cr(c, cpu_regs[i]);
	}
}

/* Dist, CPU interfaces, SGIs, a PPI and SPIs in every state a guest can leave. */
static void use_everything(void)
{
	dw(0, D_CTLR, 1);
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		cw(c, C_CTLR, 1 | C_CTLR_EOIMODE);
		cw(c, C_PMR, 0xf0);
		cw(c, C_BPR, 4);
		dw(c, D_ISENABLER, 1u << TIMER_PPI);
		dw8(c, D_IPRIORITYR + TIMER_PPI, 0x40 + c * 8);
		vgic_set_level(tv.v, TIMER_PPI, c, true);
	}
	dw(0, D_ISENABLER + 4, 0xffffffff);
	dw(0, D_ISENABLER + 8, 0xffffffff);
	dw(0, D_ICFGR + 8, 0xaaaaaaaa);			/* SPIs 32-47 edge */
	for (unsigned int spi = 32; spi < 96; spi++) {
		dw8(0, D_ITARGETSR + spi, 1u << (spi % NR_CPUS));
		dw8(0, D_IPRIORITYR + spi, 0x80);
	}
	dw(0, D_ISPENDR + 4, 0x0000ffff);
	dw(0, D_ISACTIVER + 8, 0x00ff0000);
	vgic_set_level(tv.v, 50, 0, true);		/* a level SPI held high */
	dw(0, D_SGIR, SGIR(1, 0, 3));			/* SGI 3 to all others */
	dw(1, D_SGIR, SGIR(0, 0xf, 5));			/* SGI 5 to all, from CPU1 */
	dw(2, D_SPENDSGIR + 4, 0x0f);			/* SGI 4 pending on CPU2 from 0-3 */
	ck_assert_uint_eq(iar(1), 3);			/* SGI 3 from CPU0 (priority 0), active */
	ck_assert_uint_eq(iar(0), 5 | (1u << 10));	/* SGI 5 from CPU1, active */
}

START_TEST(reset_is_power_on)
{
	static struct snapshot fresh, after;
	struct vgic_cpu_stats st;

	take(&fresh);
	use_everything();
	ck_assert(tv.line[2] || tv.line[3]);
	vgic_reset(tv.v);
	for (unsigned int c = 0; c < NR_CPUS; c++)
		ck_assert_msg(!vgic_cpu_irq_line(tv.v, c) && !tv.line[c], "CPU%u line still high", c);
	take(&after);
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		for (uint32_t off = 0; off < 0x1000; off += 4)
			ck_assert_msg(after.dist[c][off / 4] == fresh.dist[c][off / 4],
				      "CPU%u GICD+0x%03x: 0x%08x after reset, 0x%08x at power-on", c, off,
				      after.dist[c][off / 4], fresh.dist[c][off / 4]);
		for (size_t i = 0; i < sizeof(cpu_regs) / sizeof(cpu_regs[0]); i++)
			ck_assert_msg(after.cpu[c][i] == fresh.cpu[c][i],
				      "CPU%u GICC+0x%03x: 0x%08x after reset, 0x%08x at power-on", c,
				      cpu_regs[i], after.cpu[c][i], fresh.cpu[c][i]);
		ck_assert_uint_eq(iar(c), SPURIOUS);
	}
	tv_check_lines();

	/* What the reset took away is accounted: every pair balances. */
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		vgic_get_cpu_stats(tv.v, c, &st);
		for (unsigned int sgi = 0; sgi < VGIC_NR_SGIS; sgi++)
			for (unsigned int src = 0; src < NR_CPUS; src++) {
				const struct vgic_sgi_pair_stats *p = &st.sgi[sgi][src];

				ck_assert_msg(p->sent == p->acked + p->coalesced + p->cleared &&
					      p->acked == p->completed,
					      "CPU%u SGI %u from %u: sent %llu acked %llu coalesced %llu cleared %llu completed %llu",
					      c, sgi, src, (unsigned long long)p->sent,
					      (unsigned long long)p->acked, (unsigned long long)p->coalesced,
					      (unsigned long long)p->cleared, (unsigned long long)p->completed);
			}
	}
	vgic_get_cpu_stats(tv.v, 2, &st);
	ck_assert_uint_eq(st.sgi[4][3].cleared, 1);	/* SPENDSGIR's, never taken */
	vgic_get_cpu_stats(tv.v, 0, &st);
	ck_assert_uint_eq(st.sgi[5][1].completed, 1);	/* the active one */

	/* And it works as new. */
	dw(0, D_CTLR, 1);
	cw(3, C_CTLR, 1);
	cw(3, C_PMR, 0xff);
	dw(0, D_SGIR, SGIR(0, 1u << 3, 9));
	ck_assert(tv.line[3]);
	ck_assert_uint_eq(iar(3), 9);
	eoi(3, 9);
	ck_assert(!tv.line[3]);
	tv_check_lines();
}
END_TEST

static void setup(void) { tv_init(NR_CPUS, 64); }

static Suite *vgic_reset_suite(void)
{
	Suite *s = suite_create("vgic-reset");
	TCase *tc = tcase_create("reset");

	tcase_add_checked_fixture(tc, setup, tv_fini);
	tcase_add_test(tc, reset_is_power_on);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_SUITE(vgic_reset_suite)
