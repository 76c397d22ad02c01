// SPDX-License-Identifier: GPL-2.0
/*
 * memblock, reduced to what a guest that never frees needs: RAM regions,
 * reserved ranges (kernel, DTB, initrd, /memreserve/), and a bottom-up bump
 * allocator that steps over reserved ranges.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/string.h>

#define MEMBLOCK_MAX	16

struct memblock_region {
	phys_addr_t base;
	u64 size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX];
};

static struct memblock {
	struct memblock_type memory, reserved;
	phys_addr_t cursor;
	u64 allocated;
} memblock;

static int memblock_add_region(struct memblock_type *type, phys_addr_t base, u64 size)
{
	if (!size)
		return 0;
	if (type->cnt == MEMBLOCK_MAX)
		return -1;
	type->regions[type->cnt].base = base;
	type->regions[type->cnt].size = size;
	type->cnt++;
	return 0;
}

int memblock_add(phys_addr_t base, u64 size)
{
	return memblock_add_region(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, u64 size)
{
	return memblock_add_region(&memblock.reserved, base, size);
}

/* End of a reserved range overlapping [base, base + size), or 0 if none. */
static phys_addr_t memblock_overlaps_reserved(phys_addr_t base, u64 size)
{
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (base < r->base + r->size && r->base < base + size)
			return r->base + r->size;
	}
	return 0;
}

void *memblock_alloc(u64 size, u64 align)
{
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *m = &memblock.memory.regions[i];
		phys_addr_t cand = memblock.cursor > m->base ? memblock.cursor : m->base;

		for (;;) {
			phys_addr_t skip;

			cand = ALIGN(cand, align);
			if (cand + size > m->base + m->size)
				break;
			skip = memblock_overlaps_reserved(cand, size);
			if (!skip) {
				memblock.cursor = cand + size;
				memblock.allocated += size;
				memset((void *)(uintptr_t)cand, 0, size);
				return (void *)(uintptr_t)cand;
			}
			cand = skip;
		}
	}
	panic("memblock: out of memory allocating %llu bytes", (unsigned long long)size);
}

u64 memblock_free_bytes(void)
{
	u64 total = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		total += memblock.memory.regions[i].size;
	return total - memblock.allocated;
}

void memblock_dump(void)
{
	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		pr_info("memblock: memory  [0x%llx-0x%llx]\n",
			(unsigned long long)memblock.memory.regions[i].base,
			(unsigned long long)(memblock.memory.regions[i].base +
					     memblock.memory.regions[i].size - 1));
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++)
		pr_info("memblock: reserved[0x%llx-0x%llx]\n",
			(unsigned long long)memblock.reserved.regions[i].base,
			(unsigned long long)(memblock.reserved.regions[i].base +
					     memblock.reserved.regions[i].size - 1));
}
