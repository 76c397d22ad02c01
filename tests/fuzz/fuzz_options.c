// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the command line. The input, split at NUL bytes, is
 * argv after "minivmm" (each argument its own exact-size heap copy, so ASan
 * sees a stray read past one).
 *
 * - options_parse ends in exactly one of: run (valid options, no output, no
 *   message), exit 0 (--help/--version text, no message) or an error (one
 *   line starting "minivmm: ", no output), also in a 16-byte message buffer.
 * - A second parse of the same argv gives the same verdict and options
 *   (it uses getopt's global state; options_parse must reset it).
 * - Accepted options are in range, point into argv, and survive a round
 *   trip: written back as a canonical command line, they parse the same.
 * - options_parse_size agrees, for every argument, with a size parser
 *   written here from options.h's description.
 * - quoted() keeps any argument to one line of printable text within its
 *   buffer, whole when short, and valid UTF-8 in gives valid UTF-8 out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmm/errmsg.h"
#include "vmm/memmap.h"
#include "vmm/options.h"

#define MAX_ARGS	64

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(const char *invariant, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_options: invariant '%s' violated: ", invariant);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

struct parse {
	enum options_result result;
	struct options opts;
	char err[256];
	char *out;
	size_t outlen;
};

static void run_parse(struct parse *p, int argc, char **argv, size_t errlen)
{
	FILE *out = open_memstream(&p->out, &p->outlen);

	memset(p->err, 0x55, sizeof(p->err));
	p->result = options_parse(argc, argv, &p->opts, out, p->err, errlen);
	fclose(out);
}

/* Inside an argument: "--initrd=FILE" and "-aARGS" point past the option. */
static bool in_argv(const char *s, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (s >= argv[i] && s <= argv[i] + strlen(argv[i]))
			return true;
	return false;
}

static void check_verdict(const struct parse *p, size_t errlen)
{
	switch (p->result) {
	case OPTIONS_ERROR:
		if (!memchr(p->err, '\0', errlen) || strchr(p->err, '\n') ||
		    strncmp(p->err, "minivmm: ", errlen - 1 < 9 ? errlen - 1 : 9))
			fail("one-line-error", "'%.*s'", (int)errlen, p->err);
		if (p->outlen)
			fail("error-prints-nothing", "an error also printed %zu bytes", p->outlen);
		break;
	case OPTIONS_EXIT_OK:
		if (p->err[0] || !p->outlen ||
		    (strncmp(p->out, "Usage: minivmm", 14) && strncmp(p->out, "minivmm ", 8)))
			fail("exit-ok-prints", "exit 0 with message '%s' and output '%.20s'", p->err,
			     p->out ? p->out : "");
		break;
	case OPTIONS_RUN:
		if (p->err[0] || p->outlen)
			fail("run-is-quiet", "run with message '%s' and %zu bytes of output", p->err,
			     p->outlen);
		break;
	default:
		fail("verdict", "options_parse returned %d", p->result);
	}
}

static void check_fault_rules(const struct fault_config *f, unsigned int nr_cpus)
{
	if (f->nr_rules > FAULT_MAX_RULES)
		fail("options-in-range", "%u fault rules", f->nr_rules);
	for (unsigned int i = 0; i < f->nr_rules; i++) {
		const struct fault_rule *r = &f->rules[i];

		if (r->kind < 0 || r->kind >= FAULT_NR_KINDS || r->sgi < 0 || r->sgi > 15 ||
		    r->src < FAULT_ANY || r->src >= (int)nr_cpus || r->dst < FAULT_ANY ||
		    r->dst >= (int)nr_cpus || !(r->prob >= 0 && r->prob <= 1) ||
		    r->delay_us > FAULT_MAX_DELAY_US)
			fail("options-in-range", "fault rule %u: kind %d sgi %d %d>%d prob %g delay %llu",
			     i, r->kind, r->sgi, r->src, r->dst, r->prob,
			     (unsigned long long)r->delay_us);
	}
}

static void check_run(const struct options *o, int argc, char **argv)
{
	for (int f = 0; f < CPU_NR_FEATURES; f++)
		if (o->cpu_feature[f] != CPU_FEATURE_AUTO && o->cpu_feature[f] != CPU_FEATURE_ON &&
		    o->cpu_feature[f] != CPU_FEATURE_OFF)
			fail("options-in-range", "vCPU feature %d: choice %d", f, o->cpu_feature[f]);
	if (o->list_cpu_features && !o->image)
		return;		/* --cpu-features alone: print the table, run nothing */
	if (o->nr_cpus < 1 || o->nr_cpus > OPTIONS_MAX_CPUS || o->ram_size < OPTIONS_MIN_MEM ||
	    o->ram_size > MEMMAP_RAM_MAX || o->ram_size % OPTIONS_MEM_ALIGN)
		fail("options-in-range", "%u CPUs, %llu bytes of RAM", o->nr_cpus,
		     (unsigned long long)o->ram_size);
	if (!o->image || !o->image[0] || !in_argv(o->image, argc, argv))
		fail("options-from-argv", "the image is not a non-empty argument");
	if ((o->initrd && (!o->initrd[0] || !in_argv(o->initrd, argc, argv))) ||
	    (o->dtb && (!o->dtb[0] || !in_argv(o->dtb, argc, argv))) ||
	    (o->dump_dtb && (!o->dump_dtb[0] || !in_argv(o->dump_dtb, argc, argv))))
		fail("options-from-argv", "a file name is empty or not from an argument");
	if (!o->append || (o->append[0] && !in_argv(o->append, argc, argv)))
		fail("options-from-argv", "--append is neither the default \"\" nor from an argument");
	if (o->dtb && o->dump_dtb)
		fail("options-exclusive", "--dtb and --dump-dtb both accepted");
	if ((o->stats == OPTIONS_STATS_JSON) != (o->stats_file != NULL) ||
	    (o->stats_file && (!o->stats_file[0] || !in_argv(o->stats_file, argc, argv))))
		fail("options-stats", "stats %d with file %p", o->stats, (const void *)o->stats_file);
	if (o->trace_file && (!o->trace_file[0] || !in_argv(o->trace_file, argc, argv)))
		fail("options-trace", "the --trace file name is empty or not from an argument");
	if (o->trace_format_given && !o->trace_file)
		fail("options-trace", "--trace-format accepted without --trace");
	if (o->trace_file && o->stats_file && !strcmp(o->trace_file, o->stats_file))
		fail("options-trace", "--trace and --stats=json accepted with the same file");
	check_fault_rules(&o->faults, o->nr_cpus);
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The options a run depends on (not the fault rules: no writer for them). */
static bool same_options(const struct options *a, const struct options *b)
{
	return a->nr_cpus == b->nr_cpus && a->ram_size == b->ram_size &&
	       same_str(a->image, b->image) && same_str(a->initrd, b->initrd) &&
	       same_str(a->append, b->append) && same_str(a->dtb, b->dtb) &&
	       same_str(a->dump_dtb, b->dump_dtb) && a->strict_mmio == b->strict_mmio &&
	       a->debug_gic == b->debug_gic && a->stats == b->stats &&
	       same_str(a->stats_file, b->stats_file) && a->kernel_irqchip == b->kernel_irqchip &&
	       a->irq_kick == b->irq_kick && a->line_drop == b->line_drop &&
	       same_str(a->trace_file, b->trace_file) && a->trace_csv == b->trace_csv &&
	       a->thp == b->thp && a->reboot == b->reboot &&
	       a->list_cpu_features == b->list_cpu_features &&
	       !memcmp(a->cpu_feature, b->cpu_feature, sizeof(a->cpu_feature));
}

/* "--pmu" or "--no-pmu", and so on (cpu_features.c, which needs KVM, is not linked in). */
static const char *feature_option(int f, bool on)
{
	static const char *const opts[][2] = {
		[CPU_FEATURE_PMU] = { "--no-pmu", "--pmu" },
		[CPU_FEATURE_SVE] = { "--no-sve", "--sve" },
		[CPU_FEATURE_PAUTH] = { "--no-pauth", "--pauth" },
	};
	_Static_assert(sizeof(opts) / sizeof(opts[0]) == CPU_NR_FEATURES, "one row per feature");

	return opts[f][on];
}

/* Write @o back as a canonical command line and parse that. */
static void check_round_trip(const struct options *o)
{
	char cpus[32], mem[48], drop[48];
	char *argv[32] = { "minivmm", cpus, mem };
	int argc = 3;
	struct parse p;

	snprintf(cpus, sizeof(cpus), "--cpus=%u", o->nr_cpus);
	snprintf(mem, sizeof(mem), "--mem=%lluK", (unsigned long long)(o->ram_size >> 10));
#define ARG2(opt, val) do { argv[argc++] = opt; argv[argc++] = (char *)(val); } while (0)
	if (o->initrd)
		ARG2("--initrd", o->initrd);
	ARG2("--append", o->append);
	if (o->dtb)
		ARG2("--dtb", o->dtb);
	if (o->dump_dtb)
		ARG2("--dump-dtb", o->dump_dtb);
	if (o->stats == OPTIONS_STATS_JSON)
		ARG2("--stats=json", o->stats_file);
	if (o->stats == OPTIONS_STATS_TEXT)
		argv[argc++] = "--stats";
	if (o->strict_mmio)
		argv[argc++] = "--strict-mmio";
	if (o->debug_gic)
		argv[argc++] = "--debug-gic";
	if (o->kernel_irqchip)
		argv[argc++] = "--irqchip=kernel";
	if (o->irq_kick)
		argv[argc++] = "--irq-inject=kick";
	if (o->line_drop > 0) {
		snprintf(drop, sizeof(drop), "--line-drop=%.17g", o->line_drop);
		argv[argc++] = drop;
	}
	if (o->trace_file)
		ARG2("--trace", o->trace_file);
	if (o->trace_csv)
		argv[argc++] = "--trace-format=csv";
	if (!o->thp)
		argv[argc++] = "--thp=off";
	if (o->reboot)
		argv[argc++] = "--reboot";
	if (o->list_cpu_features)
		argv[argc++] = "--cpu-features";
	for (int f = 0; f < CPU_NR_FEATURES; f++)
		if (o->cpu_feature[f] != CPU_FEATURE_AUTO)
			argv[argc++] = (char *)feature_option(f, o->cpu_feature[f] == CPU_FEATURE_ON);
	if (o->image)		/* --cpu-features alone has none */
		ARG2("--", o->image);
#undef ARG2
	run_parse(&p, argc, argv, sizeof(p.err));
	if (p.result != OPTIONS_RUN || !same_options(&p.opts, o))
		fail("round-trip", "the canonical command line parses %s: '%s'",
		     p.result == OPTIONS_RUN ? "differently" : "as an error", p.err);
	free(p.out);
}

/* options.h: digits, then K, M or G (any case) or nothing for MiB; no overflow. */
static bool ref_size(const char *s, uint64_t *bytes)
{
	unsigned __int128 n = 0;
	unsigned int shift = 20;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		n = n * 10 + (*s - '0');
		if (n > UINT64_MAX)
			return false;
	}
	if (*s) {
		const char *units = "kKmMgG", *u = strchr(units, *s);

		if (!u || s[1])
			return false;
		shift = 10 * (1 + (u - units) / 2);
	}
	if (n << shift > UINT64_MAX)
		return false;
	*bytes = n << shift;
	return true;
}

static void check_size(const char *arg)
{
	uint64_t got = 0, want = 0;
	bool ok = !options_parse_size(arg, &got);

	if (ok != ref_size(arg, &want) || (ok && got != want))
		fail("size-parser", "options_parse_size('%s') = %d, %llu; expected %s %llu", quoted(arg).s,
		     ok ? 0 : -1, (unsigned long long)got, ok ? "" : "success", (unsigned long long)want);
}

/* Valid UTF-8 (shortest forms, no surrogates, at most U+10FFFF). */
static bool utf8_ok(const unsigned char *s)
{
	while (*s) {
		unsigned int n = *s < 0x80 ? 0 : *s >= 0xc2 && *s < 0xe0 ? 1 :
				 *s >= 0xe0 && *s < 0xf0 ? 2 : *s >= 0xf0 && *s < 0xf5 ? 3 : 9;
		unsigned int cp = n == 0 ? *s : *s & (0x3f >> n);

		if (n == 9)
			return false;
		for (unsigned int i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		s += n + 1;
	}
	return true;
}

static size_t escape(char *o, const unsigned char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s >= 0x20 && *s != 0x7f)
			o[n++] = *s;
		else if (*s == '\n' || *s == '\t' || *s == '\r')
			n += sprintf(o + n, "\\%c", *s == '\n' ? 'n' : *s == '\t' ? 't' : 'r');
		else
			n += sprintf(o + n, "\\x%02x", *s);
	}
	o[n] = '\0';
	return n;
}

static void check_quoted(const char *arg)
{
	struct quoted q = quoted(arg);
	size_t len = strnlen(q.s, sizeof(q.s));
	char *full = malloc(4 * strlen(arg) + 1);

	if (len == sizeof(q.s))
		fail("quoted-fits", "quoted() result is not terminated");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)q.s[i] < 0x20 || q.s[i] == 0x7f)
			fail("quoted-printable", "quoted() left control character %#x", q.s[i]);
	if (escape(full, (const unsigned char *)arg) < sizeof(q.s) && strcmp(full, q.s))
		fail("quoted-whole-when-short", "'%s' became '%s'", full, q.s);
	if (utf8_ok((const unsigned char *)arg) && !utf8_ok((const unsigned char *)q.s))
		fail("quoted-utf8", "valid UTF-8 in, invalid out: '%s'", q.s);
	free(full);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAX_ARGS + 1] = { "minivmm" }, *orig[MAX_ARGS + 1];
	struct parse p1, p2, p3;
	int argc = 1;

	for (size_t i = 0; i < size && argc < MAX_ARGS;) {
		const uint8_t *end = memchr(data + i, '\0', size - i);
		size_t n = end ? (size_t)(end - (data + i)) : size - i;

		argv[argc] = malloc(n + 1);
		memcpy(argv[argc], data + i, n);
		argv[argc++][n] = '\0';
		i += n + 1;
	}
	argv[argc] = NULL;
	memcpy(orig, argv, sizeof(argv));

	run_parse(&p1, argc, argv, sizeof(p1.err));
	check_verdict(&p1, sizeof(p1.err));
	memcpy(argv, orig, sizeof(argv));	/* getopt permutes argv */
	run_parse(&p2, argc, argv, sizeof(p2.err));
	if (p2.result != p1.result || strcmp(p2.err, p1.err) ||
	    (p1.result == OPTIONS_RUN && (!same_options(&p1.opts, &p2.opts) ||
	     memcmp(&p1.opts.faults, &p2.opts.faults, sizeof(p1.opts.faults)))))
		fail("reparse-same", "a second parse differs: %d '%s' then %d '%s'", p1.result, p1.err,
		     p2.result, p2.err);
	memcpy(argv, orig, sizeof(argv));
	run_parse(&p3, argc, argv, 16);
	check_verdict(&p3, 16);
	if (p3.result != p1.result || strncmp(p3.err, p1.err, 15))
		fail("small-error-buffer", "with 16 bytes: %d '%s', with 256: %d '%s'", p3.result,
		     p3.err, p1.result, p1.err);
	if (p1.result == OPTIONS_RUN) {
		check_run(&p1.opts, argc, orig);
		check_round_trip(&p1.opts);
	}
	for (int i = 1; i < argc; i++) {
		check_size(orig[i]);
		check_quoted(orig[i]);
	}
	free(p1.out);
	free(p2.out);
	free(p3.out);
	for (int i = 1; i < argc; i++)
		free(orig[i]);
	return 0;
}
