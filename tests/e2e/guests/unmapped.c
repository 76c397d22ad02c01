// SPDX-License-Identifier: GPL-2.0
/*
 * Reads and writes an address no device claims. minivmm reports it and
 * (without --strict-mmio) goes on with reads as zero; the guest then
 * reports what it read through the test-exit device: 0 if it read 0.
 */
#include "lib.h"

#define UNMAPPED 0x0b000000ull

void guest_main(const void *dtb)
{
	uint32_t v;

	puts("unmapped: reading ");
	puthex(UNMAPPED);
	puts("\n");
	v = readl(UNMAPPED);
	writel(0xdead, UNMAPPED);
	v |= readl(UNMAPPED + 4);
	puts("unmapped: survived, read ");
	puthex(v);
	puts("\n");
	test_exit(v ? 1 : 0);
}
