// SPDX-License-Identifier: GPL-2.0
/*
 * The identity map (arch/arm64/mm/mmu.c, much reduced): 4 KiB granule,
 * 39-bit VA starting at level 1. RAM is Normal write-back cacheable (needed
 * for exclusives/atomics), device windows from the DT are Device-nGnRE and
 * never executable, everything else is unmapped so a stray access faults.
 * Built with the MMU off by the boot CPU; all CPUs share it.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/setup.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PTRS_PER_TABLE		512
#define LEVEL_SHIFT(l)		(PAGE_SHIFT + 9 * (3 - (l)))	/* L1 30, L2 21, L3 12 */

#define PTE_VALID		(1UL << 0)
#define PTE_TABLE		(1UL << 1)	/* table at L1/L2, page at L3 */
#define PTE_ATTRINDX(i)		((u64)(i) << 2)
#define PTE_SHARED		(3UL << 8)	/* inner shareable */
#define PTE_AF			(1UL << 10)
#define PTE_PXN			(1UL << 53)
#define PTE_UXN			(1UL << 54)
#define PTE_ADDR_MASK		0x0000fffffffff000UL

/* MAIR indices, matching MAIR_VALUE in head.S */
#define MT_DEVICE_nGnRE		1
#define MT_NORMAL		3

#define PROT_NORMAL		(PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF | PTE_UXN)
#define PROT_DEVICE		(PTE_ATTRINDX(MT_DEVICE_nGnRE) | PTE_AF | PTE_PXN | PTE_UXN)

#define NR_PGTABLE_POOL		48

u64 idmap_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static u64 pgtable_pool[NR_PGTABLE_POOL][PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static unsigned int pgtable_used;

static u64 *early_pgtable_alloc(void)
{
	if (pgtable_used == NR_PGTABLE_POOL)
		return NULL;	/* caught by the boot CPU's checks below */
	return pgtable_pool[pgtable_used++];
}

static int map_range(u64 *table, int level, u64 start, u64 end, u64 prot)
{
	u64 block = 1UL << LEVEL_SHIFT(level);

	while (start < end) {
		unsigned int idx = (start >> LEVEL_SHIFT(level)) & (PTRS_PER_TABLE - 1);
		u64 next = (start & ~(block - 1)) + block;
		u64 *entry = &table[idx];

		if (next > end)
			next = end;
		if (level == 3) {
			if (!(*entry & PTE_VALID))
				*entry = (start & PTE_ADDR_MASK) | prot | PTE_VALID | PTE_TABLE;
		} else if (!(*entry & PTE_VALID) && !(start & (block - 1)) && next - start == block) {
			/* whole aligned block: a block descriptor (level 1 or 2) */
			*entry = (start & PTE_ADDR_MASK) | prot | PTE_VALID;
		} else if (!(*entry & PTE_VALID) || (*entry & PTE_TABLE)) {
			u64 *sub;

			if (!(*entry & PTE_VALID)) {
				sub = early_pgtable_alloc();
				if (!sub)
					return -1;
				*entry = ((u64)(uintptr_t)sub & PTE_ADDR_MASK) | PTE_VALID | PTE_TABLE;
			}
			sub = (u64 *)(uintptr_t)(*entry & PTE_ADDR_MASK);
			if (map_range(sub, level + 1, start, next, prot))
				return -1;
		}
		/* else: already covered by a block mapping (e.g. the DTB inside RAM) */
		start = next;
	}
	return 0;
}

static int create_mapping(phys_addr_t base, u64 size, u64 prot)
{
	u64 start = base & ~(PAGE_SIZE - 1);
	u64 end = ALIGN(base + size, PAGE_SIZE);

	if (end > (1UL << 39))
		return -1;
	return map_range(idmap_pg_dir, 1, start, end, prot);
}

/* MMU off: plain stores reach memory; head.S invalidates the lines afterwards. */
void paging_init_early(void)
{
	for (unsigned int i = 0; i < boot_params.nr_mem; i++)
		create_mapping(boot_params.mem[i].base, boot_params.mem[i].size, PROT_NORMAL);
	/* the kernel and the DTB even if the DT forgot to describe them as memory */
	create_mapping((phys_addr_t)(uintptr_t)_text, (u64)(_end - _text), PROT_NORMAL);
	if (boot_params.fdt)
		create_mapping((phys_addr_t)(uintptr_t)boot_params.fdt, 2UL << 20, PROT_NORMAL);
	for (unsigned int i = 0; i < boot_params.nr_dev; i++)
		create_mapping(boot_params.dev[i].base, boot_params.dev[i].size, PROT_DEVICE);
}

unsigned int pgtable_pages_used(void)
{
	return pgtable_used + 1;
}
