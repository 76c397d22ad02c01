// SPDX-License-Identifier: GPL-2.0
/* SGI fault injection (vmm/fault.c): rule parsing, and each fault on the vgic model. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/unit/unit.h"
#include "tests/unit/test_vgic.h"
#include "vmm/fault.h"

static struct fault_config cfg;
static char err[256];

static void add_ok(enum fault_kind kind, const char *spec)
{
	ck_assert_msg(!fault_add_rule(&cfg, kind, "--opt", spec, err, sizeof(err)), "%s: %s", spec, err);
}

static void add_bad(enum fault_kind kind, const char *spec, const char *want)
{
	unsigned int n = cfg.nr_rules;

	ck_assert_int_eq(fault_add_rule(&cfg, kind, "--opt", spec, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, want), "%s: '%s' lacks '%s'", spec, err, want);
	ck_assert_uint_eq(cfg.nr_rules, n);
}

START_TEST(test_parse)
{
	const struct fault_rule *r = cfg.rules;

	memset(&cfg, 0, sizeof(cfg));
	add_ok(FAULT_DELAY, "7=500");
	ck_assert(r[0].kind == FAULT_DELAY && r[0].sgi == 7 && r[0].delay_us == 500);
	ck_assert(r[0].src == FAULT_ANY && r[0].dst == FAULT_ANY);
	add_ok(FAULT_DROP, "CALL_FUNC:0>1=1");
	ck_assert(r[1].sgi == 1 && r[1].src == 0 && r[1].dst == 1 && r[1].prob == 1.0);
	add_ok(FAULT_DUP, "irq_work=0.25");
	ck_assert(r[2].sgi == 5 && r[2].prob == 0.25);
	add_ok(FAULT_DROP, "15:7>0=0");
	ck_assert(r[3].sgi == 15 && r[3].src == 7 && r[3].dst == 0 && r[3].prob == 0.0);

	add_bad(FAULT_DROP, "16=1", "does not start with an SGI");
	add_bad(FAULT_DROP, "CALL_FUNCTION=1", "does not start with an SGI");
	add_bad(FAULT_DROP, "x=1", "does not start with an SGI");
	add_bad(FAULT_DROP, "1:0>8=1", "SRC>DST with CPUs 0-7");
	add_bad(FAULT_DROP, "1:0-1=1", "SRC>DST");
	add_bad(FAULT_DROP, "1:0>1", "has no '=PROB'");
	add_bad(FAULT_DROP, "1=1.5", "from 0 to 1");
	add_bad(FAULT_DROP, "1=-0", "from 0 to 1");
	add_bad(FAULT_DROP, "1=", "from 0 to 1");
	add_bad(FAULT_DELAY, "1=10000001", "0-10000000 microseconds");
	add_bad(FAULT_DELAY, "1=0.5", "microseconds");
	add_bad(FAULT_DELAY, "1=\n", "'1=\\n'");	/* quoted: one line */

	ck_assert_int_eq(fault_check_cpus(&cfg, 8, err, sizeof(err)), 0);
	ck_assert_int_eq(fault_check_cpus(&cfg, 2, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "fault rule for SGI 15 names CPU 7, but the VM has 2");
}
END_TEST

/* ---- on the model: 4 CPUs, everything enabled ---- */

static struct fault *f;

static void setup(void)
{
	tv_init(4, 32);
	tv_enable_all();
	memset(&cfg, 0, sizeof(cfg));
}

static void teardown(void)
{
	fault_destroy(f);
	f = NULL;
	tv_fini();
}

static void start(void)
{
	f = fault_create(&cfg, tv.v, NULL, 4, err, sizeof(err));
	ck_assert_msg(f, "%s", err);
}

static uint64_t pair(unsigned int sgi, unsigned int src, unsigned int dst, int field)
{
	static struct vgic_cpu_stats st;

	vgic_get_cpu_stats(tv.v, dst, &st);
	return field ? st.sgi[sgi][src].acked : st.sgi[sgi][src].sent;
}

static struct fault_counts counts(unsigned int sgi, unsigned int src, unsigned int dst)
{
	struct fault_counts c;

	fault_get_counts(f, sgi, src, dst, &c);
	return c;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Wait (at most 2 s) for the injector to deliver SGI @sgi src>dst @n times. */
/* Wait (at most 2 s) for @n sends; returns the milliseconds since @t0. */
static double wait_sent(unsigned int sgi, unsigned int src, unsigned int dst, uint64_t n,
			double t0)
{
	while (pair(sgi, src, dst, 0) < n && now_ms() - t0 < 2000) {
		struct timespec ts = { 0, 200000 };

		nanosleep(&ts, NULL);
	}
	ck_assert_uint_eq(pair(sgi, src, dst, 0), n);
	return now_ms() - t0;
}

START_TEST(test_no_rule_passes_through)
{
	add_ok(FAULT_DROP, "3=1");
	start();
	ck_assert(!fault_sgir(f, 0, SGIR(0, 1 << 1, 2)));	/* SGI 2: no rule */
	ck_assert(!fault_sgir(f, 0, SGIR(3, 1 << 1, 3)));	/* reserved filter: the vgic reports it */
	ck_assert(!fault_sgir(NULL, 0, SGIR(0, 1 << 1, 3)));
}
END_TEST

START_TEST(test_drop_one_pair)
{
	add_ok(FAULT_DROP, "1:0>1=1");
	start();
	ck_assert(fault_sgir(f, 0, SGIR(0, (1 << 1) | (1 << 2), 1)));
	ck_assert_uint_eq(pair(1, 0, 1, 0), 0);		/* dropped */
	ck_assert_uint_eq(pair(1, 0, 2, 0), 1);		/* other target untouched */
	ck_assert_uint_eq(counts(1, 0, 1).dropped, 1);
	ck_assert_uint_eq(counts(1, 0, 2).dropped, 0);
	ck_assert(fault_sgir(f, 2, SGIR(1, 0, 1)));	/* all-but-self from CPU 2: no match */
	ck_assert_uint_eq(pair(1, 2, 1, 0), 1);
	ck_assert_uint_eq(iar(1), (2 << 10) | 1);
}
END_TEST

START_TEST(test_drop_probability_zero_is_exact)
{
	add_ok(FAULT_DROP, "4=0");
	start();
	for (int i = 0; i < 100; i++) {
		ck_assert(fault_sgir(f, 3, SGIR(0, 1 << 0, 4)));
		ck_assert_uint_eq(iar(0), (3 << 10) | 4);
		eoi(0, 4);
	}
	ck_assert_uint_eq(pair(4, 3, 0, 0), 100);
	ck_assert_uint_eq(counts(4, 3, 0).dropped, 0);
}
END_TEST

START_TEST(test_delay)
{
	double waited, t0;

	add_ok(FAULT_DELAY, "6:1>2=30000");
	start();
	/* From the send: the checks below take over 10 ms on an emulated CPU. */
	t0 = now_ms();
	ck_assert(fault_sgir(f, 1, SGIR(0, 1 << 2, 6)));
	ck_assert_uint_eq(pair(6, 1, 2, 0), 0);		/* not yet */
	ck_assert_uint_eq(iar(2), SPURIOUS);
	waited = wait_sent(6, 1, 2, 1, t0);
	ck_assert_msg(waited >= 25, "delivered after %.1f ms, asked for 30", waited);
	ck_assert_uint_eq(counts(6, 1, 2).delayed, 1);
	ck_assert_uint_eq(iar(2), (1 << 10) | 6);	/* it is the source's SGI */
}
END_TEST

START_TEST(test_dup_after_ack)
{
	add_ok(FAULT_DUP, "9=1");
	start();
	ck_assert(fault_sgir(f, 0, SGIR(0, 1 << 3, 9)));
	ck_assert_uint_eq(pair(9, 0, 3, 0), 1);
	ck_assert_uint_eq(iar(3), (0 << 10) | 9);
	eoi(3, 9);
	wait_sent(9, 0, 3, 2, now_ms());				/* the second copy, after the ack */
	ck_assert_uint_eq(pair(9, 0, 3, 0 + 1), 1);
	ck_assert_uint_eq(iar(3), (0 << 10) | 9);
	ck_assert_uint_eq(counts(9, 0, 3).duplicated, 1);
}
END_TEST

/* Which of 64 sends from CPU 1 to CPU 0 a seed drops, as a bit mask. */
static uint64_t drop_pattern(uint64_t seed)
{
	uint64_t mask = 0;

	memset(&cfg, 0, sizeof(cfg));
	add_ok(FAULT_DROP, "2=0.5");
	cfg.seed = seed;
	start();
	for (int i = 0; i < 64; i++) {
		uint64_t before = counts(2, 1, 0).dropped;

		fault_sgir(f, 1, SGIR(0, 1 << 0, 2));
		if (counts(2, 1, 0).dropped != before)
			mask |= 1ULL << i;
		if (pair(2, 1, 0, 0) > pair(2, 1, 0, 1)) {
			ck_assert_uint_eq(iar(0), (1 << 10) | 2);
			eoi(0, 2);
		}
	}
	fault_destroy(f);
	f = NULL;
	return mask;
}

START_TEST(test_seed_repeats)
{
	uint64_t a = drop_pattern(42), b = drop_pattern(42), c = drop_pattern(43);

	ck_assert_uint_eq(a, b);
	ck_assert_uint_ne(a, c);
	ck_assert(__builtin_popcountll(a) > 8 && __builtin_popcountll(a) < 56);
}
END_TEST

static Suite *fault_suite(void)
{
	Suite *s = suite_create("fault");
	TCase *parse = tcase_create("parse");
	TCase *model = tcase_create("model");

	tcase_add_test(parse, test_parse);
	suite_add_tcase(s, parse);
	tcase_add_checked_fixture(model, setup, teardown);
	tcase_add_test(model, test_no_rule_passes_through);
	tcase_add_test(model, test_drop_one_pair);
	tcase_add_test(model, test_drop_probability_zero_is_exact);
	tcase_add_test(model, test_delay);
	tcase_add_test(model, test_dup_after_ack);
	tcase_add_test(model, test_seed_repeats);
	suite_add_tcase(s, model);
	return s;
}

UNIT_SUITE(fault_suite)
