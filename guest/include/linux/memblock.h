/* SPDX-License-Identifier: GPL-2.0 */
/* Boot-time memory: a bump allocator over RAM that avoids reserved ranges. */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

int memblock_add(phys_addr_t base, u64 size);
int memblock_reserve(phys_addr_t base, u64 size);
/* Zeroed memory, panics when RAM runs out (early boot has no way back). */
void *memblock_alloc(u64 size, u64 align);
u64 memblock_free_bytes(void);
void memblock_dump(void);

#endif
