// SPDX-License-Identifier: GPL-2.0
/* minivmm's command line: every option, every default, every error message. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "version.h"
#include "vmm/memmap.h"
#include "vmm/options.h"

#define MAX_ARGS 16

struct parsed {
	enum options_result result;
	struct options opts;
	char err[256];
	char out[4096];
	char *argv[MAX_ARGS];	/* getopt permutes it; opts points into it */
};

/* Parse "minivmm" followed by @args (NULL-terminated). */
static void parse_argv(struct parsed *p, const char *const *args)
{
	char *outbuf = NULL;
	size_t outlen = 0;
	FILE *out = open_memstream(&outbuf, &outlen);
	int argc = 0;

	ck_assert_ptr_nonnull(out);
	memset(p, 0, sizeof(*p));
	p->argv[argc++] = "minivmm";
	for (; *args; args++) {
		ck_assert_int_lt(argc, MAX_ARGS - 1);
		p->argv[argc++] = (char *)*args;
	}
	p->result = options_parse(argc, p->argv, &p->opts, out, p->err, sizeof(p->err));
	fclose(out);
	snprintf(p->out, sizeof(p->out), "%s", outbuf);
	free(outbuf);
}

#define PARSE(p, ...) parse_argv((p), (const char *const[]){ __VA_ARGS__, NULL })

#define ASSERT_ERROR(msg, ...) do {					\
	struct parsed p_;						\
	PARSE(&p_, __VA_ARGS__);					\
	ck_assert_int_eq(p_.result, OPTIONS_ERROR);			\
	ck_assert_str_eq(p_.err, (msg));				\
	ck_assert_str_eq(p_.out, "");					\
} while (0)

START_TEST(test_defaults)
{
	struct parsed p;

	PARSE(&p, "guest.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.err, "");
	ck_assert_str_eq(p.opts.image, "guest.img");
	ck_assert_uint_eq(p.opts.nr_cpus, 2);
	ck_assert_uint_eq(p.opts.ram_size, 256ULL << 20);
	ck_assert_str_eq(p.opts.append, "");
	ck_assert_ptr_null(p.opts.initrd);
	ck_assert_ptr_null(p.opts.dtb);
	ck_assert_ptr_null(p.opts.dump_dtb);
	ck_assert(!p.opts.strict_mmio);
}
END_TEST

START_TEST(test_short_options)
{
	struct parsed p;

	PARSE(&p, "-c", "4", "-m", "1G", "-i", "rd.cpio", "-a", "console=ttyAMA0 quiet", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_uint_eq(p.opts.nr_cpus, 4);
	ck_assert_uint_eq(p.opts.ram_size, 1ULL << 30);
	ck_assert_str_eq(p.opts.initrd, "rd.cpio");
	ck_assert_str_eq(p.opts.append, "console=ttyAMA0 quiet");
	ck_assert_str_eq(p.opts.image, "k.img");
}
END_TEST

START_TEST(test_long_options)
{
	struct parsed p;

	PARSE(&p, "--cpus=8", "--mem", "512", "--initrd=rd", "--append", "a  b\tc",
	      "--dtb", "board.dtb", "--strict-mmio", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_uint_eq(p.opts.nr_cpus, 8);
	ck_assert_uint_eq(p.opts.ram_size, 512ULL << 20);	/* plain number: MiB */
	ck_assert_str_eq(p.opts.initrd, "rd");
	ck_assert_str_eq(p.opts.append, "a  b\tc");		/* verbatim */
	ck_assert_str_eq(p.opts.dtb, "board.dtb");
	ck_assert(p.opts.strict_mmio);
	ck_assert_ptr_null(p.opts.dump_dtb);

	PARSE(&p, "--dump-dtb", "out.dtb", "--append=", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.opts.dump_dtb, "out.dtb");
	ck_assert_str_eq(p.opts.append, "");
}
END_TEST

START_TEST(test_options_after_image_and_last_wins)
{
	struct parsed p;

	PARSE(&p, "k.img", "-c", "1", "--cpus", "3", "-m", "64M", "-m", "2G");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.opts.image, "k.img");
	ck_assert_uint_eq(p.opts.nr_cpus, 3);
	ck_assert_uint_eq(p.opts.ram_size, 2ULL << 30);
}
END_TEST

START_TEST(test_cpu_features)
{
	struct parsed p;

	PARSE(&p, "k.img");
	for (int f = 0; f < CPU_NR_FEATURES; f++)
		ck_assert_int_eq(p.opts.cpu_feature[f], CPU_FEATURE_AUTO);
	ck_assert(!p.opts.list_cpu_features);

	/* last one wins, per feature */
	PARSE(&p, "--no-pmu", "--sve", "--pauth", "--no-pauth", "--pmu", "--no-sve", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_int_eq(p.opts.cpu_feature[CPU_FEATURE_PMU], CPU_FEATURE_ON);
	ck_assert_int_eq(p.opts.cpu_feature[CPU_FEATURE_SVE], CPU_FEATURE_OFF);
	ck_assert_int_eq(p.opts.cpu_feature[CPU_FEATURE_PAUTH], CPU_FEATURE_OFF);

	/* --cpu-features needs no image; with one, it boots */
	PARSE(&p, "--cpu-features", "--no-sve");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert(p.opts.list_cpu_features);
	ck_assert_ptr_null(p.opts.image);
	PARSE(&p, "--cpu-features", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.opts.image, "k.img");

	ASSERT_ERROR("minivmm: no kernel image given (usage: minivmm [options] IMAGE)", "--no-pmu");
}
END_TEST

START_TEST(test_reboot)
{
	struct parsed p;

	PARSE(&p, "k.img");
	ck_assert(!p.opts.reboot);
	PARSE(&p, "--reboot", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert(p.opts.reboot);
	ASSERT_ERROR("minivmm: --reboot needs --irqchip=user: minivmm cannot reset KVM's in-kernel GIC",
		     "--reboot", "--irqchip=kernel", "k.img");
	ASSERT_ERROR("minivmm: --reboot cannot be combined with SGI fault injection (delayed SGIs would outlive the reset)",
		     "--sgi-delay", "1=10", "--reboot", "k.img");
}
END_TEST

START_TEST(test_double_dash)
{
	struct parsed p;

	PARSE(&p, "-c", "1", "--", "-odd-name.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.opts.image, "-odd-name.img");
	ck_assert_uint_eq(p.opts.nr_cpus, 1);
}
END_TEST

/* --stats, --stats=text, --stats=json FILE wherever they stand. */
START_TEST(test_stats)
{
	struct parsed p;

	PARSE(&p, "k.img");
	ck_assert_int_eq(p.opts.stats, OPTIONS_STATS_OFF);
	PARSE(&p, "--stats", "k.img");
	ck_assert_int_eq(p.opts.stats, OPTIONS_STATS_TEXT);
	PARSE(&p, "k.img", "--stats=text");
	ck_assert_int_eq(p.opts.stats, OPTIONS_STATS_TEXT);
	PARSE(&p, "--stats=json", "s.json", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_int_eq(p.opts.stats, OPTIONS_STATS_JSON);
	ck_assert_str_eq(p.opts.stats_file, "s.json");
	ck_assert_str_eq(p.opts.image, "k.img");
	PARSE(&p, "-c", "3", "k.img", "--stats=json", "out.json", "-m", "64M");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.opts.stats_file, "out.json");
	ck_assert_str_eq(p.opts.image, "k.img");
	ck_assert_uint_eq(p.opts.nr_cpus, 3);
	ck_assert_uint_eq(p.opts.ram_size, 64 << 20);
	/* The last one wins, whole: tables after JSON leave no JSON file (found by fuzz_options). */
	PARSE(&p, "--stats=json", "s.json", "--stats", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_int_eq(p.opts.stats, OPTIONS_STATS_TEXT);
	ck_assert_ptr_null(p.opts.stats_file);
	PARSE(&p, "--stats=json", "s.json", "--stats=text", "--trace", "s.json", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_ptr_null(p.opts.stats_file);
	ASSERT_ERROR("minivmm: --stats=json: the file name is missing", "k.img", "--stats=json");
	ASSERT_ERROR("minivmm: --stats=json: the file name is empty", "--stats=json", "", "k.img");
	ASSERT_ERROR("minivmm: --stats: 'xml' is not a format (text, or json FILE)", "--stats=xml", "k.img");
	/* FILE taken by --stats: no IMAGE left. */
	ASSERT_ERROR("minivmm: no kernel image given (usage: minivmm [options] IMAGE)",
		     "--stats=json", "k.img");
}
END_TEST

START_TEST(test_reparse_resets_state)
{
	struct parsed p;

	PARSE(&p, "-c", "5", "--strict-mmio", "a.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	PARSE(&p, "b.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_str_eq(p.opts.image, "b.img");
	ck_assert_uint_eq(p.opts.nr_cpus, 2);
	ck_assert(!p.opts.strict_mmio);
}
END_TEST

START_TEST(test_help)
{
	struct parsed p;

	PARSE(&p, "--help");
	ck_assert_int_eq(p.result, OPTIONS_EXIT_OK);
	ck_assert_str_eq(p.err, "");
	ck_assert(strstr(p.out, "Usage: minivmm [options] IMAGE"));
	for (const char *const *o = (const char *const[]){ "--cpus", "--mem", "--initrd", "--append",
		"--dtb", "--dump-dtb", "--strict-mmio", "--version", "MiB", "Ctrl-A x", NULL }; *o; o++)
		ck_assert_msg(strstr(p.out, *o), "--help does not mention %s", *o);

	/* -h wins even with no IMAGE, and even after other options. */
	PARSE(&p, "-c", "3", "-h");
	ck_assert_int_eq(p.result, OPTIONS_EXIT_OK);
	ck_assert(strstr(p.out, "Usage:"));
}
END_TEST

START_TEST(test_version)
{
	struct parsed p;

	PARSE(&p, "--version");
	ck_assert_int_eq(p.result, OPTIONS_EXIT_OK);
	ck_assert_str_eq(p.out, "minivmm " MINIVMM_VERSION "\n");
	/* What make stamps: a dotted version first, whatever git adds after. */
	ck_assert(isdigit((unsigned char)MINIVMM_VERSION[0]) && strchr(MINIVMM_VERSION, '.'));
}
END_TEST

START_TEST(test_bad_options)
{
	ASSERT_ERROR("minivmm: unknown option '--frobnicate' (see minivmm --help)", "--frobnicate", "k.img");
	ASSERT_ERROR("minivmm: unknown option '--frob=1' (see minivmm --help)", "k.img", "--frob=1");
	ASSERT_ERROR("minivmm: unknown option '-x' (see minivmm --help)", "-x", "k.img");
	ASSERT_ERROR("minivmm: unknown option '-x' (see minivmm --help)", "--strict-mmio", "-xy", "k.img");
	ASSERT_ERROR("minivmm: ambiguous option '--d' (see minivmm --help)", "--d", "x", "k.img");
	ASSERT_ERROR("minivmm: option '--help' takes no argument", "--help=yes");
	ASSERT_ERROR("minivmm: option '--strict-mmio' takes no argument", "--strict-mmio=1", "k.img");
}
END_TEST

START_TEST(test_missing_argument)
{
	ASSERT_ERROR("minivmm: option '--cpus' requires an argument", "k.img", "--cpus");
	ASSERT_ERROR("minivmm: option '--cpus' requires an argument", "k.img", "-c");
	ASSERT_ERROR("minivmm: option '--mem' requires an argument", "k.img", "-m");
	ASSERT_ERROR("minivmm: option '--initrd' requires an argument", "k.img", "--initrd");
	ASSERT_ERROR("minivmm: option '--append' requires an argument", "k.img", "-a");
	ASSERT_ERROR("minivmm: option '--dtb' requires an argument", "k.img", "--dtb");
	ASSERT_ERROR("minivmm: option '--dump-dtb' requires an argument", "k.img", "--dump-dtb");
}
END_TEST

START_TEST(test_bad_cpus)
{
	ASSERT_ERROR("minivmm: --cpus: '0' is out of range (1-8)", "-c", "0", "k.img");
	ASSERT_ERROR("minivmm: --cpus: '9' is out of range (1-8)", "--cpus", "9", "k.img");
	ASSERT_ERROR("minivmm: --cpus: '99999999999999999999' is out of range (1-8)",
		     "-c", "99999999999999999999", "k.img");
	ASSERT_ERROR("minivmm: --cpus: 'two' is not a number", "--cpus", "two", "k.img");
	ASSERT_ERROR("minivmm: --cpus: '' is not a number", "--cpus=", "k.img");
	ASSERT_ERROR("minivmm: --cpus: '-1' is not a number", "-c", "-1", "k.img");
	ASSERT_ERROR("minivmm: --cpus: ' 2' is not a number", "-c", " 2", "k.img");
	ASSERT_ERROR("minivmm: --cpus: '2x' is not a number", "-c", "2x", "k.img");
	ASSERT_ERROR("minivmm: --cpus: '0x2' is not a number", "-c", "0x2", "k.img");
}
END_TEST

START_TEST(test_bad_mem)
{
	const char *notsize = "is not a size (e.g. 512M, 2G; a plain number means MiB)";
	char msg[256];

#define BAD_SIZE(arg) do {							\
		snprintf(msg, sizeof(msg), "minivmm: --mem: '%s' %s", (arg), notsize);	\
		ASSERT_ERROR(msg, "-m", (arg), "k.img");			\
	} while (0)
	BAD_SIZE("12Q");
	BAD_SIZE("");
	BAD_SIZE("M");
	BAD_SIZE("-1");
	BAD_SIZE("+1G");
	BAD_SIZE(" 1G");
	BAD_SIZE("1 G");
	BAD_SIZE("1GB");
	BAD_SIZE("1.5G");
	BAD_SIZE("99999999999999999999Q");	/* a bad suffix beats an overflow */
#undef BAD_SIZE
	ASSERT_ERROR("minivmm: --mem: '0' is too small (at least 16M)", "-m", "0", "k.img");
	ASSERT_ERROR("minivmm: --mem: '0K' is too small (at least 16M)", "-m", "0K", "k.img");
	ASSERT_ERROR("minivmm: --mem: '16383K' is too small (at least 16M)", "-m", "16383K", "k.img");
	ASSERT_ERROR("minivmm: --mem: '2000000G' is too large (at most 1023G can be mapped)",
		     "-m", "2000000G", "k.img");
	ASSERT_ERROR("minivmm: --mem: '1024G' is too large (at most 1023G can be mapped)",
		     "--mem=1024G", "k.img");
	ASSERT_ERROR("minivmm: --mem: '99999999999999999999' is too large (at most 1023G can be mapped)",
		     "-m", "99999999999999999999", "k.img");
	ASSERT_ERROR("minivmm: --mem: '17179869184G' is too large (at most 1023G can be mapped)",
		     "-m", "17179869184G", "k.img");
	ASSERT_ERROR("minivmm: --mem: '100000K' is not a multiple of 64K", "-m", "100000K", "k.img");
}
END_TEST

START_TEST(test_mem_limits_accepted)
{
	struct parsed p;

	PARSE(&p, "-m", "16M", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_uint_eq(p.opts.ram_size, OPTIONS_MIN_MEM);
	PARSE(&p, "-m", "1023G", "k.img");
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_uint_eq(p.opts.ram_size, MEMMAP_RAM_MAX);
	PARSE(&p, "-m", "16448k", "k.img");	/* 16 MiB + 64 KiB, lower-case suffix */
	ck_assert_int_eq(p.result, OPTIONS_RUN);
	ck_assert_uint_eq(p.opts.ram_size, (16ULL << 20) + (64 << 10));
}
END_TEST

START_TEST(test_operands)
{
	ASSERT_ERROR("minivmm: no kernel image given (usage: minivmm [options] IMAGE)", "-c", "1");
	ASSERT_ERROR("minivmm: unexpected argument 'b.img' (only one IMAGE is taken)", "a.img", "b.img");
	ASSERT_ERROR("minivmm: unexpected argument 'b.img' (only one IMAGE is taken)",
		     "a.img", "-c", "2", "b.img", "c.img");
	ASSERT_ERROR("minivmm: the image file name is empty", "");
	ASSERT_ERROR("minivmm: --initrd: the file name is empty", "-i", "", "k.img");
	ASSERT_ERROR("minivmm: --initrd: the file name is empty", "--initrd=", "k.img");
	ASSERT_ERROR("minivmm: --dtb: the file name is empty", "--dtb", "", "k.img");
	ASSERT_ERROR("minivmm: --dump-dtb: the file name is empty", "--dump-dtb", "", "k.img");
	/* What a user typed stays on one line in the message. */
	ASSERT_ERROR("minivmm: unexpected argument 'b\\n.img' (only one IMAGE is taken)", "a.img", "b\n.img");
	ASSERT_ERROR("minivmm: --cpus: '1\\t\\x1b' is not a number", "-c", "1\t\x1b", "k.img");
	ASSERT_ERROR("minivmm: unknown option '--x\\ry' (see minivmm --help)", "--x\ry", "k.img");
	ASSERT_ERROR("minivmm: --dump-dtb writes the generated device tree; it cannot be combined with --dtb",
		     "--dtb", "a.dtb", "--dump-dtb", "b.dtb", "k.img");
}
END_TEST

START_TEST(test_error_fits_small_buffer)
{
	char *argv[] = { "minivmm", "--cpus", "77", "k.img", NULL };
	struct options opts;
	char err[16];

	memset(err, 'X', sizeof(err));
	ck_assert_int_eq(options_parse(4, argv, &opts, stdout, err, sizeof(err)), OPTIONS_ERROR);
	ck_assert_str_eq(err, "minivmm: --cpus");
}
END_TEST

START_TEST(test_parse_size)
{
	static const struct { const char *s; int ret; uint64_t bytes; } cases[] = {
		{ "256M", 0, 256ULL << 20 },	{ "256m", 0, 256ULL << 20 },
		{ "1G", 0, 1ULL << 30 },	{ "3g", 0, 3ULL << 30 },
		{ "4096K", 0, 4ULL << 20 },	{ "1k", 0, 1024 },
		{ "512", 0, 512ULL << 20 },	{ "0", 0, 0 },
		{ "017", 0, 17ULL << 20 },	/* decimal, not octal */
		{ "17179869183G", 0, 17179869183ULL << 30 },
		{ "17179869184G", -1, 0 },	/* 2^64: one too many */
		{ "18446744073709551616", -1, 0 },
		{ "", -1, 0 }, { "G", -1, 0 }, { "1T", -1, 0 }, { "1MB", -1, 0 },
		{ "1 M", -1, 0 }, { "-5M", -1, 0 }, { "0x10M", -1, 0 }, { "1e3", -1, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t bytes = 12345;
		int ret = options_parse_size(cases[i].s, &bytes);

		ck_assert_msg(ret == cases[i].ret, "'%s': returned %d", cases[i].s, ret);
		if (!ret)
			ck_assert_msg(bytes == cases[i].bytes, "'%s': %llu bytes", cases[i].s,
				      (unsigned long long)bytes);
	}
}
END_TEST

static Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_short_options);
	tcase_add_test(tc, test_long_options);
	tcase_add_test(tc, test_options_after_image_and_last_wins);
	tcase_add_test(tc, test_cpu_features);
	tcase_add_test(tc, test_reboot);
	tcase_add_test(tc, test_double_dash);
	tcase_add_test(tc, test_stats);
	tcase_add_test(tc, test_reparse_resets_state);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_version);
	tcase_add_test(tc, test_bad_options);
	tcase_add_test(tc, test_missing_argument);
	tcase_add_test(tc, test_bad_cpus);
	tcase_add_test(tc, test_bad_mem);
	tcase_add_test(tc, test_mem_limits_accepted);
	tcase_add_test(tc, test_operands);
	tcase_add_test(tc, test_error_fits_small_buffer);
	tcase_add_test(tc, test_parse_size);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(options_suite)
