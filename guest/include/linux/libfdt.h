/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small read-only flattened device tree reader (lib/fdt.c) with libfdt's
 * names and conventions (offsets into the structure block, negative
 * -FDT_ERR_* on failure). Written for this guest; it does not use libfdt.
 */
#ifndef _LINUX_LIBFDT_H
#define _LINUX_LIBFDT_H

#include <linux/types.h>

#define FDT_MAGIC		0xd00dfeed
#define FDT_BEGIN_NODE		0x1
#define FDT_END_NODE		0x2
#define FDT_PROP		0x3
#define FDT_NOP			0x4
#define FDT_END			0x9

#define FDT_ERR_NOTFOUND	1
#define FDT_ERR_TRUNCATED	8
#define FDT_ERR_BADMAGIC	9
#define FDT_ERR_BADVERSION	10
#define FDT_ERR_BADSTRUCTURE	11
#define FDT_ERR_BADNCELLS	14

static inline u32 fdt32_ld(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline u64 fdt64_ld(const void *p)
{
	return (u64)fdt32_ld(p) << 32 | fdt32_ld((const u8 *)p + 4);
}

int fdt_check_header(const void *fdt);
u32 fdt_totalsize(const void *fdt);
int fdt_next_node(const void *fdt, int offset, int *depth);
int fdt_first_subnode(const void *fdt, int offset);
int fdt_next_subnode(const void *fdt, int offset);
const char *fdt_get_name(const void *fdt, int nodeoffset, int *lenp);
const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp);
int fdt_subnode_offset(const void *fdt, int parentoffset, const char *name);
int fdt_path_offset(const void *fdt, const char *path);
int fdt_parent_offset(const void *fdt, int nodeoffset);
int fdt_node_check_compatible(const void *fdt, int nodeoffset, const char *compatible);
int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compatible);
int fdt_address_cells(const void *fdt, int nodeoffset);
int fdt_size_cells(const void *fdt, int nodeoffset);
int fdt_num_mem_rsv(const void *fdt);
int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size);

/* of_address-style: entry @index of @nodeoffset's "reg", cells from the parent. */
int fdt_get_reg(const void *fdt, int nodeoffset, int index, u64 *addr, u64 *size);
/* Entry @index of "interrupts" as (type, number, flags) for a 3-cell GIC. */
int fdt_get_interrupt(const void *fdt, int nodeoffset, int index, u32 cells[3]);
/* True when string property @name equals @val. */
bool fdt_prop_streq(const void *fdt, int nodeoffset, const char *name, const char *val);

#endif
