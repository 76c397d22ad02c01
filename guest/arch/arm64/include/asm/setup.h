/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the boot CPU learns from the device tree before the MMU is on: the
 * memory and the device windows the identity map must cover. Drivers read
 * their own nodes again later; this is only for mapping.
 */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

#include <linux/types.h>

#define MAX_MEM_REGIONS		8
#define MAX_DEV_REGIONS		16

struct mem_region {
	phys_addr_t base;
	u64 size;
};

struct boot_params {
	const void *fdt;
	struct mem_region mem[MAX_MEM_REGIONS];
	unsigned int nr_mem;
	struct mem_region dev[MAX_DEV_REGIONS];
	unsigned int nr_dev;
	const char *cmdline;
};

extern struct boot_params boot_params;

/* Called from head.S with the MMU off. Returns 0 or a nonzero reason. */
int early_setup(const void *fdt);
void __noreturn start_kernel(void);
void paging_init_early(void);	/* arch/arm64/mm/mmu.c, MMU off */

extern char _text[], _etext[], _end[], __bss_start[], __bss_end[];

#endif
