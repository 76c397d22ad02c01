/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boot loader: recognise the kernel image and decide where the image,
 * the initrd and the DTB go in guest RAM. Pure arithmetic on buffers, no
 * KVM, so every rule is unit-tested on the host.
 */
#ifndef MINIVMM_LOADER_H
#define MINIVMM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Linux arm64 boot protocol limit (Documentation/arch/arm64/booting.rst). */
#define LOADER_DTB_MAX_SIZE	(2ULL << 20)

struct image_info {
	bool is_linux_image;	/* arm64 Image header with "ARM\x64" magic */
	uint64_t text_offset;	/* from the header; 0x80000 for a raw binary */
	uint64_t image_size;	/* memory footprint incl. bss from the header; file size for raw */
	size_t file_size;
};

struct boot_layout {
	uint64_t kernel_addr;	/* guest physical load address of the image's first byte */
	uint64_t entry;		/* PC of vCPU 0 (== kernel_addr) */
	uint64_t kernel_end;	/* end of the footprint the image may touch */
	uint64_t initrd_addr, initrd_size;	/* size 0: no initrd */
	uint64_t dtb_addr, dtb_max;	/* where the DTB goes and how much room it has */
};

/* Inspect an image file's contents. Returns 0, or -1 with a one-line @err. */
int loader_probe(const void *buf, size_t len, struct image_info *info,
		 char *err, size_t errlen);

/*
 * Place image, initrd and DTB in RAM [ram_base, ram_base + ram_size).
 * Returns 0, or -1 with a one-line @err when something does not fit.
 */
int loader_plan(const struct image_info *info, uint64_t ram_base, uint64_t ram_size,
		uint64_t initrd_size, uint64_t dtb_size, struct boot_layout *layout,
		char *err, size_t errlen);

#endif
