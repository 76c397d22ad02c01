/* SPDX-License-Identifier: GPL-2.0 */
/* The generated device tree of a minivmm machine (built with libfdt). */
#ifndef MINIVMM_FDT_H
#define MINIVMM_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAX_CPUS 8

struct fdt_machine {
	unsigned int nr_cpus;
	uint64_t mpidr[FDT_MAX_CPUS];	/* as read back from KVM; reg = affinity bits */
	uint64_t ram_base, ram_size;
	const char *bootargs;		/* exactly what --append gave */
	uint64_t initrd_start, initrd_end;	/* both 0: no initrd */
	bool pmu;			/* the vCPUs have PMUv3: an arm,armv8-pmuv3 node */
};

/*
 * Build the tree into @buf (at most @bufsize bytes), packed. Returns the
 * blob's size, or -1 with a one-line @err.
 */
long fdt_build(const struct fdt_machine *m, void *buf, size_t bufsize,
	       char *err, size_t errlen);

/*
 * Check a blob given with --dtb before it goes into the guest: header,
 * total size within @len, and a structure libfdt can walk. Returns 0, or -1
 * with a one-line @err.
 */
int fdt_check_blob(const void *buf, size_t len, char *err, size_t errlen);

#endif
