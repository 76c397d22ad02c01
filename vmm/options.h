/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line options of minivmm. */
#ifndef MINIVMM_OPTIONS_H
#define MINIVMM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vmm/cpu_features.h"
#include "vmm/fault.h"

#define OPTIONS_DEFAULT_CPUS	2
#define OPTIONS_MAX_CPUS	8	/* a GICv2 has eight CPU interfaces */
#define OPTIONS_DEFAULT_MEM	(256ULL << 20)
/* Below this a kernel, its initrd and the DTB hardly fit: reject early and say so. */
#define OPTIONS_MIN_MEM		(16ULL << 20)
/* KVM memslots must be host-page aligned; 64 KiB covers every arm64 page size. */
#define OPTIONS_MEM_ALIGN	(64ULL << 10)

enum options_stats {
	OPTIONS_STATS_OFF,
	OPTIONS_STATS_TEXT,	/* --stats: tables on stderr at the end */
	OPTIONS_STATS_JSON,	/* --stats=json FILE: one JSON document in FILE */
};

struct options {
	unsigned int nr_cpus;		/* -c, --cpus: 1..8 */
	uint64_t ram_size;		/* -m, --mem: bytes */
	const char *image;		/* the positional IMAGE */
	const char *initrd;		/* -i, --initrd, or NULL */
	const char *append;		/* -a, --append, "" when not given */
	const char *dtb;		/* --dtb FILE, or NULL */
	const char *dump_dtb;		/* --dump-dtb FILE, or NULL */
	bool strict_mmio;		/* --strict-mmio */
	bool debug_gic;			/* --debug-gic: dump GIC state at stop */
	enum options_stats stats;	/* --stats[=text|json FILE] */
	const char *stats_file;		/* the FILE of --stats=json */
	struct fault_config faults;	/* --sgi-delay/-drop/-dup, --fault-seed */
	bool kernel_irqchip;		/* --irqchip=kernel: KVM's vGICv2, not ours */
	bool irq_kick;			/* --irq-inject=kick: only a vCPU's own thread sets its line */
	double line_drop;		/* --line-drop=PROB: skip remote line raises, as KVM may */
	bool thp;			/* --thp=on|off: huge pages advised for RAM (default on) */
	const char *trace_file;		/* --trace FILE, or NULL */
	bool trace_csv;			/* --trace-format=csv (default json) */
	bool trace_format_given;	/* only meaningful with --trace */
	/* --pmu/--no-pmu, --sve/--no-sve, --pauth/--no-pauth; default AUTO */
	enum cpu_feature_choice cpu_feature[CPU_NR_FEATURES];
	bool reboot;			/* --reboot: a guest's reset boots it again */
	bool list_cpu_features;		/* --cpu-features; image is NULL when none was given */
};

enum options_result {
	OPTIONS_RUN,		/* parsed: go on and run the VM */
	OPTIONS_EXIT_OK,	/* --help or --version printed: exit 0 */
	OPTIONS_ERROR,		/* @err holds a one-line message: exit 2 */
};

/*
 * Parse argv into @opts. --help/--version text goes to @out. On error a
 * single line (no trailing newline) is written to @err.
 */
enum options_result options_parse(int argc, char **argv, struct options *opts,
				  FILE *out, char *err, size_t errlen);

/*
 * Parse "256M", "1G", "4096K" into bytes; a plain number means MiB, as with
 * QEMU's and kvmtool's -m. Suffixes are case-insensitive. Returns 0, or -1
 * for anything else (including an empty string or an overflow).
 */
int options_parse_size(const char *s, uint64_t *bytes);

#endif
