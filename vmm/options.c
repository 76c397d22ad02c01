// SPDX-License-Identifier: GPL-2.0
/*
 * minivmm's command line. Every mistake ends in one line that names the
 * option and the offending value, so a user never has to guess.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vmm/memmap.h"
#include "vmm/options.h"

enum {
	OPT_DTB = 0x100,	/* long-only options: values outside char range */
	OPT_DUMP_DTB,
	OPT_STRICT_MMIO,
	OPT_VERSION,
	OPT_DEBUG_GIC,
};

static const struct option long_options[] = {
	{ "cpus",	 required_argument, NULL, 'c' },
	{ "mem",	 required_argument, NULL, 'm' },
	{ "initrd",	 required_argument, NULL, 'i' },
	{ "append",	 required_argument, NULL, 'a' },
	{ "dtb",	 required_argument, NULL, OPT_DTB },
	{ "dump-dtb",	 required_argument, NULL, OPT_DUMP_DTB },
	{ "strict-mmio", no_argument,	    NULL, OPT_STRICT_MMIO },
	{ "debug-gic",	 no_argument,	    NULL, OPT_DEBUG_GIC },
	{ "help",	 no_argument,	    NULL, 'h' },
	{ "version",	 no_argument,	    NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* Leading ':' makes getopt report a missing argument as ':' and stay quiet. */
static const char short_options[] = ":c:m:i:a:h";

static const char usage_text[] =
	"Usage: minivmm [options] IMAGE\n"
	"Run IMAGE (an arm64 Linux Image, or a raw binary entered at its first byte)\n"
	"in a KVM virtual machine with a userspace GICv2, a PL011 UART and PSCI.\n"
	"\n"
	"  -c, --cpus N        number of vCPUs, 1-8 (default 2)\n"
	"  -m, --mem SIZE      guest RAM: a number with a K, M or G suffix; a plain\n"
	"                      number means MiB (default 256M, at least 16M, a\n"
	"                      multiple of 64K)\n"
	"  -i, --initrd FILE   initial ramdisk, announced in /chosen\n"
	"  -a, --append ARGS   kernel command line, put verbatim in /chosen/bootargs\n"
	"      --dtb FILE      boot with this device tree instead of the generated one\n"
	"      --dump-dtb FILE write the generated device tree to FILE and exit\n"
	"      --strict-mmio   stop the VM when the guest touches an unmapped address\n"
	"      --debug-gic     print the GIC state and vCPU PCs to stderr when the VM stops\n"
	"  -h, --help          show this help and exit\n"
	"      --version       show the version and exit\n"
	"\n"
	"Console: the guest's UART is on stdin/stdout; on a terminal, Ctrl-A x quits\n"
	"and Ctrl-A Ctrl-A sends Ctrl-A.\n"
	"Exit status: 0 after PSCI SYSTEM_OFF or Ctrl-A x, the guest's code from the\n"
	"test-exit device, 1 on a VMM or fatal guest error, 2 on bad options or input\n"
	"files, 3 after PSCI SYSTEM_RESET, 128+N when killed by signal N.\n";

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errlen, "minivmm: ");
	if (n < 0 || (size_t)n >= errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
}

enum size_status { SIZE_OK, SIZE_BAD, SIZE_OVERFLOW };

static enum size_status parse_size(const char *s, uint64_t *bytes)
{
	unsigned long long n;
	unsigned int shift;
	bool range;
	char *end;

	/* strtoull would accept leading blanks and signs ("-1" wraps around). */
	if (!isdigit((unsigned char)s[0]))
		return SIZE_BAD;
	errno = 0;
	n = strtoull(s, &end, 10);
	range = errno == ERANGE;

	switch (toupper((unsigned char)*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	case '\0': shift = 20; break;	/* plain number: MiB */
	default: return SIZE_BAD;
	}
	if (*end)
		return SIZE_BAD;
	if (range || n > (UINT64_MAX >> shift))
		return SIZE_OVERFLOW;
	*bytes = (uint64_t)n << shift;
	return SIZE_OK;
}

int options_parse_size(const char *s, uint64_t *bytes)
{
	return parse_size(s, bytes) == SIZE_OK ? 0 : -1;
}

static int parse_cpus(const char *arg, unsigned int *nr_cpus, char *err, size_t errlen)
{
	unsigned long n;
	char *end;

	if (!isdigit((unsigned char)arg[0])) {
		set_err(err, errlen, "--cpus: '%s' is not a number", arg);
		return -1;
	}
	errno = 0;
	n = strtoul(arg, &end, 10);
	if (*end) {
		set_err(err, errlen, "--cpus: '%s' is not a number", arg);
		return -1;
	}
	if (errno == ERANGE || n < 1 || n > OPTIONS_MAX_CPUS) {
		set_err(err, errlen, "--cpus: '%s' is out of range (1-%d)", arg, OPTIONS_MAX_CPUS);
		return -1;
	}
	*nr_cpus = n;
	return 0;
}

static int parse_mem(const char *arg, uint64_t *ram_size, char *err, size_t errlen)
{
	const uint64_t max_gib = MEMMAP_RAM_MAX >> 30;
	uint64_t bytes = 0;

	switch (parse_size(arg, &bytes)) {
	case SIZE_BAD:
		set_err(err, errlen, "--mem: '%s' is not a size (e.g. 512M, 2G; a plain number means MiB)",
			arg);
		return -1;
	case SIZE_OVERFLOW:
		bytes = UINT64_MAX;
		break;
	case SIZE_OK:
		break;
	}
	if (bytes > MEMMAP_RAM_MAX) {
		set_err(err, errlen, "--mem: '%s' is too large (at most %lluG can be mapped)",
			arg, (unsigned long long)max_gib);
		return -1;
	}
	if (bytes < OPTIONS_MIN_MEM) {
		set_err(err, errlen, "--mem: '%s' is too small (at least %lluM)",
			arg, (unsigned long long)(OPTIONS_MIN_MEM >> 20));
		return -1;
	}
	if (bytes % OPTIONS_MEM_ALIGN) {
		set_err(err, errlen, "--mem: '%s' is not a multiple of %lluK",
			arg, (unsigned long long)(OPTIONS_MEM_ALIGN >> 10));
		return -1;
	}
	*ram_size = bytes;
	return 0;
}

static const char *long_name(int val)
{
	for (const struct option *o = long_options; o->name; o++)
		if (o->val == val)
			return o->name;
	return NULL;
}

/* "--d" is a prefix of both --dtb and --dump-dtb: getopt only says '?'. */
static bool is_ambiguous(const char *arg)
{
	size_t len;
	int matches = 0;

	if (strncmp(arg, "--", 2))
		return false;
	len = strcspn(arg + 2, "=");
	for (const struct option *o = long_options; o->name; o++) {
		if (strlen(o->name) == len && !strncmp(o->name, arg + 2, len))
			return false;	/* an exact match is never ambiguous */
		if (!strncmp(o->name, arg + 2, len))
			matches++;
	}
	return matches > 1;
}

/*
 * getopt returned '?'. glibc leaves optopt 0 for an unknown or ambiguous
 * long option (then argv[optind - 1] is it), the option's value for a long
 * option given "=ARG" it does not take, and the character otherwise.
 */
static void report_bad_option(char **argv, char *err, size_t errlen)
{
	const char *name = optopt ? long_name(optopt) : NULL;
	const char *arg;

	if (name) {
		set_err(err, errlen, "option '--%s' takes no argument", name);
		return;
	}
	if (optopt) {
		set_err(err, errlen, "unknown option '-%c' (see minivmm --help)", optopt);
		return;
	}
	arg = argv[optind - 1];
	if (is_ambiguous(arg))
		set_err(err, errlen, "ambiguous option '%s' (see minivmm --help)", arg);
	else
		set_err(err, errlen, "unknown option '%s' (see minivmm --help)", arg);
}

static void report_missing_argument(char *err, size_t errlen)
{
	const char *name = long_name(optopt);

	if (name)
		set_err(err, errlen, "option '--%s' requires an argument", name);
	else
		set_err(err, errlen, "option '-%c' requires an argument", optopt);
}

static void set_defaults(struct options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->nr_cpus = OPTIONS_DEFAULT_CPUS;
	opts->ram_size = OPTIONS_DEFAULT_MEM;
	opts->append = "";
}

/* One option from getopt_long: 1 to go on, 0 for help/version, -1 on error. */
static int apply_option(int c, char **argv, struct options *opts, FILE *out,
			char *err, size_t errlen)
{
	switch (c) {
	case 'c':
		return parse_cpus(optarg, &opts->nr_cpus, err, errlen) ? -1 : 1;
	case 'm':
		return parse_mem(optarg, &opts->ram_size, err, errlen) ? -1 : 1;
	case 'i':
		opts->initrd = optarg;
		return 1;
	case 'a':
		opts->append = optarg;
		return 1;
	case OPT_DTB:
		opts->dtb = optarg;
		return 1;
	case OPT_DUMP_DTB:
		opts->dump_dtb = optarg;
		return 1;
	case OPT_STRICT_MMIO:
		opts->strict_mmio = true;
		return 1;
	case OPT_DEBUG_GIC:
		opts->debug_gic = true;
		return 1;
	case 'h':
		fputs(usage_text, out);
		return 0;
	case OPT_VERSION:
		fprintf(out, "minivmm %s\n", MINIVMM_VERSION);
		return 0;
	case ':':
		report_missing_argument(err, errlen);
		return -1;
	default:
		report_bad_option(argv, err, errlen);
		return -1;
	}
}

/* The positional arguments and the combinations that make no sense. */
static enum options_result check_operands(int argc, char **argv, struct options *opts,
					  char *err, size_t errlen)
{
	if (optind >= argc) {
		set_err(err, errlen, "no kernel image given (usage: minivmm [options] IMAGE)");
		return OPTIONS_ERROR;
	}
	if (optind + 1 < argc) {
		set_err(err, errlen, "unexpected argument '%s' (only one IMAGE is taken)",
			argv[optind + 1]);
		return OPTIONS_ERROR;
	}
	if (!argv[optind][0]) {
		set_err(err, errlen, "the image file name is empty");
		return OPTIONS_ERROR;
	}
	if (opts->dtb && opts->dump_dtb) {
		set_err(err, errlen, "--dump-dtb writes the generated device tree; it cannot be combined with --dtb");
		return OPTIONS_ERROR;
	}
	opts->image = argv[optind];
	return OPTIONS_RUN;
}

enum options_result options_parse(int argc, char **argv, struct options *opts,
				  FILE *out, char *err, size_t errlen)
{
	int c;

	set_defaults(opts);
	if (errlen)
		err[0] = '\0';
	optind = 0;	/* glibc: 0 rescans from scratch, so parsing can be repeated */
	opterr = 0;

	while ((c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
		int ret = apply_option(c, argv, opts, out, err, errlen);

		if (ret < 0)
			return OPTIONS_ERROR;
		if (ret == 0)
			return OPTIONS_EXIT_OK;
	}
	return check_operands(argc, argv, opts, err, errlen);
}
