// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test runner: picks tests from the boot arguments, prints TAP
 * ("1..N", "ok N - name", "not ok N - name", "# SKIP"), then exactly
 * "N passed, N failed", then the IPI table. Returns the number of failures.
 *
 * Bootargs: no test words = every test; test names = just those; "bench" =
 * the benchmarks; "all" = tests and benchmarks; "list" = print the names;
 * "oops" = take a deliberate data abort (checks the fault report and exit code 2).
 * Sizes: storm=N iters=N ticks=N timeout=MS rounds=N (and the kernel's
 * hz=N maxcpus=N nosmp). "verbose" prints more diagnostics.
 */
#include <linux/clockchips.h>
#include <linux/cmdline.h>
#include <linux/string.h>
#include "selftest.h"

struct test_params tparams = {
	.storm = 100000,
	.iters = 1000,
	.ticks = 5,
	.timeout_ms = 5000,
	.rounds = 20,
};

#define T(name, flags)	void test_##name(struct test_ctx *t);
#include "tests.def"
#undef T

static const struct guest_test guest_tests[] = {
#define T(name, flags)	{ #name, test_##name, flags },
#include "tests.def"
#undef T
};

static const char *const param_keys[] = {
	"storm", "iters", "ticks", "timeout", "rounds", "hz", "maxcpus",
};

static const char *const plain_words[] = { "bench", "all", "list", "verbose", "nosmp" };

static unsigned int tap_index;

void test_diag(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("# %s\n", buf);
}

void test_fail(struct test_ctx *t, int line, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	t->failures++;
	/* cap the noise of one broken test */
	if (t->failures <= 8)
		printk("# %s: line %d: FAILED %s\n", t->name, line, buf);
}

static const struct guest_test *find_test(const char *name)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(guest_tests); i++)
		if (!strcmp(guest_tests[i].name, name))
			return &guest_tests[i];
	return NULL;
}

static bool is_known_word(const char *w)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(plain_words); i++)
		if (!strcmp(w, plain_words[i]))
			return true;
	return false;
}

static bool is_known_key(const char *w)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(param_keys); i++) {
		size_t n = strlen(param_keys[i]);

		if (!strncmp(w, param_keys[i], n) && w[n] == '=')
			return true;
	}
	return false;
}

static void parse_params(const char *cmdline)
{
	unsigned long v;

	if (cmdline_get_ulong(cmdline, "storm", &v) == 1)
		tparams.storm = v;
	if (cmdline_get_ulong(cmdline, "iters", &v) == 1 && v)
		tparams.iters = v;
	if (cmdline_get_ulong(cmdline, "ticks", &v) == 1 && v)
		tparams.ticks = v;
	if (cmdline_get_ulong(cmdline, "timeout", &v) == 1 && v)
		tparams.timeout_ms = v;
	if (cmdline_get_ulong(cmdline, "rounds", &v) == 1 && v)
		tparams.rounds = v;
	tparams.verbose = cmdline_has_word(cmdline, "verbose");
}

static bool run_one(const struct guest_test *gt)
{
	struct test_ctx t = { .name = gt->name };
	u64 start = get_cycles(), ms;
	bool ok;

	tap_index++;
	if ((gt->flags & TEST_NEEDS_2) && num_online_cpus() < 2)
		TEST_SKIP(&t, "needs 2 CPUs");
	else if ((gt->flags & TEST_NEEDS_3) && num_online_cpus() < 3)
		TEST_SKIP(&t, "needs 3 CPUs");
	else
		gt->fn(&t);
	ms = cycles_to_ns(get_cycles() - start) / NSEC_PER_MSEC;
	ok = !t.failures;
	if (t.skip && ok)
		printk("ok %u - %s # SKIP %s\n", tap_index, gt->name, t.skip);
	else
		printk("%sok %u - %s\n", ok ? "" : "not ", tap_index, gt->name);
	if (tparams.verbose || ms >= 1000)
		test_diag("%s took %llu ms", gt->name, ms);
	return ok;
}

int guest_tests_main(const char *cmdline)
{
	const struct guest_test *selected[ARRAY_SIZE(guest_tests)];
	unsigned int nr = 0, passed = 0, failed = 0, named = 0;
	bool bench = cmdline_has_word(cmdline, "bench"), all = cmdline_has_word(cmdline, "all");
	bool bad_args = false;
	const char *p = cmdline;
	char word[64];

	parse_params(cmdline);
	if (cmdline_has_word(cmdline, "list")) {
		for (unsigned int i = 0; i < ARRAY_SIZE(guest_tests); i++)
			printk("# test %s%s\n", guest_tests[i].name,
			       guest_tests[i].flags & TEST_BENCH ? " (bench)" : "");
	}

	/* every word must mean something: a typo must not silently run nothing */
	while ((p = cmdline_next_word(p, word, sizeof(word)))) {
		if (find_test(word)) {
			named++;
			continue;
		}
		if (is_known_word(word) || is_known_key(word))
			continue;
		if (strchr(word, '=')) {
			test_diag("ignoring unknown parameter '%s'", word);
			continue;
		}
		test_diag("unknown boot argument '%s' (not a test name, see 'list')", word);
		bad_args = true;
	}

	for (unsigned int i = 0; i < ARRAY_SIZE(guest_tests); i++) {
		const struct guest_test *gt = &guest_tests[i];
		bool want;

		if (gt->flags & TEST_EXPLICIT)
			want = cmdline_has_word(cmdline, gt->name);
		else if (all)
			want = true;
		else if (named || bench)
			want = cmdline_has_word(cmdline, gt->name) || (bench && (gt->flags & TEST_BENCH));
		else
			want = !(gt->flags & TEST_BENCH);
		if (want)
			selected[nr++] = gt;
	}

	tests_lib_init();
	printk("# guest self-tests: %u CPU(s) online, storm=%lu iters=%lu ticks=%lu timeout=%lums hz=%lu\n",
	       num_online_cpus(), tparams.storm, tparams.iters, tparams.ticks, tparams.timeout_ms,
	       tick_hz);
	printk("1..%u\n", nr + (bad_args ? 1 : 0));
	if (bad_args) {
		tap_index++;
		printk("not ok %u - bootargs\n", tap_index);
		failed++;
	}
	if (test_ipi_init()) {
		test_diag("cannot reserve the test IPI: IPI tests will fail");
		test_ipi_virq = 0;
	} else {
		test_diag("test IPI: virq %u = SGI %u (single IPI domain)", test_ipi_virq, test_ipi_sgi);
	}

	for (unsigned int i = 0; i < nr; i++) {
		if (run_one(selected[i]))
			passed++;
		else
			failed++;
	}
	printk("%u passed, %u failed\n", passed, failed);
	show_ipi_list();
	return (int)failed;
}
