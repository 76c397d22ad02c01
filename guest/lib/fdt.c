// SPDX-License-Identifier: GPL-2.0
/*
 * Read-only flattened device tree walker with libfdt's interface. Offsets
 * are byte offsets of FDT_BEGIN_NODE tags inside the structure block.
 * Every read goes through fdt32_ld() (byte loads), so it is safe with the
 * MMU off and with a blob at any alignment.
 */
#include <linux/libfdt.h>
#include <linux/string.h>

#define FDT_TAGSIZE	4
#define FDT_ALIGN(x)	(((x) + 3) & ~3)

struct fdt_header_fields {
	u32 magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version,
	    last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static u32 hdr(const void *fdt, unsigned int field)
{
	return fdt32_ld((const u8 *)fdt + 4 * field);
}

#define fdt_magic(f)		hdr(f, 0)
#define fdt_off_dt_struct(f)	hdr(f, 2)
#define fdt_off_dt_strings(f)	hdr(f, 3)
#define fdt_off_mem_rsvmap(f)	hdr(f, 4)
#define fdt_version(f)		hdr(f, 5)
#define fdt_size_dt_struct(f)	hdr(f, 9)

u32 fdt_totalsize(const void *fdt)
{
	return hdr(fdt, 1);
}

int fdt_check_header(const void *fdt)
{
	if (!fdt || ((uintptr_t)fdt & 3))
		return -FDT_ERR_BADMAGIC;
	if (fdt_magic(fdt) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (fdt_version(fdt) < 17)
		return -FDT_ERR_BADVERSION;
	if (fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt) > fdt_totalsize(fdt) ||
	    fdt_off_dt_strings(fdt) > fdt_totalsize(fdt))
		return -FDT_ERR_TRUNCATED;
	return 0;
}

static const u8 *fdt_struct(const void *fdt, int offset)
{
	return (const u8 *)fdt + fdt_off_dt_struct(fdt) + offset;
}

/* Tag at @offset; *nextoffset = offset of the tag after it. */
static u32 fdt_next_tag(const void *fdt, int offset, int *nextoffset)
{
	const u8 *p = fdt_struct(fdt, offset);
	u32 tag, len;
	int next = offset + FDT_TAGSIZE;

	if (offset < 0 || (u32)offset + FDT_TAGSIZE > fdt_size_dt_struct(fdt))
		return FDT_END;
	tag = fdt32_ld(p);
	switch (tag) {
	case FDT_BEGIN_NODE:
		p += FDT_TAGSIZE;
		while (*p++)
			next++;
		next++;
		break;
	case FDT_PROP:
		len = fdt32_ld(p + 4);
		next += 8 + len;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		return FDT_END;
	}
	*nextoffset = FDT_ALIGN(next);
	return tag;
}

int fdt_next_node(const void *fdt, int offset, int *depth)
{
	int next = 0;
	u32 tag;

	if (offset >= 0 && fdt_next_tag(fdt, offset, &next) != FDT_BEGIN_NODE)
		return -FDT_ERR_BADSTRUCTURE;
	do {
		offset = next;
		tag = fdt_next_tag(fdt, offset, &next);
		switch (tag) {
		case FDT_PROP:
		case FDT_NOP:
			break;
		case FDT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			break;
		case FDT_END_NODE:
			if (depth && --(*depth) < 0)
				return next;
			break;
		default:
			return -FDT_ERR_NOTFOUND;
		}
	} while (tag != FDT_BEGIN_NODE);
	return offset;
}

int fdt_first_subnode(const void *fdt, int offset)
{
	int depth = 0;

	offset = fdt_next_node(fdt, offset, &depth);
	if (offset < 0 || depth != 1)
		return -FDT_ERR_NOTFOUND;
	return offset;
}

int fdt_next_subnode(const void *fdt, int offset)
{
	int depth = 1;

	do {
		offset = fdt_next_node(fdt, offset, &depth);
		if (offset < 0 || depth < 1)
			return -FDT_ERR_NOTFOUND;
	} while (depth > 1);
	return offset;
}

const char *fdt_get_name(const void *fdt, int nodeoffset, int *lenp)
{
	const char *name = (const char *)fdt_struct(fdt, nodeoffset) + FDT_TAGSIZE;

	if (lenp)
		*lenp = (int)strlen(name);
	return name;
}

const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp)
{
	int offset, next;
	u32 tag;

	if (fdt_next_tag(fdt, nodeoffset, &next) != FDT_BEGIN_NODE)
		return NULL;
	for (offset = next;; offset = next) {
		const u8 *p;

		tag = fdt_next_tag(fdt, offset, &next);
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)
			return NULL;
		p = fdt_struct(fdt, offset);
		if (!strcmp((const char *)fdt + fdt_off_dt_strings(fdt) + fdt32_ld(p + 8), name)) {
			if (lenp)
				*lenp = (int)fdt32_ld(p + 4);
			return p + 12;
		}
	}
}

/* "cpu" matches "cpu@1"; "cpu@1" must match exactly. */
static bool fdt_nodename_eq(const char *s, const char *name, size_t len)
{
	if (strncmp(s, name, len))
		return false;
	if (s[len] == '\0')
		return true;
	/* a bare name matches any unit address */
	for (size_t i = 0; i < len; i++)
		if (name[i] == '@')
			return false;
	return s[len] == '@';
}

int fdt_subnode_offset(const void *fdt, int parentoffset, const char *name)
{
	size_t len = strlen(name);
	int node;

	for (node = fdt_first_subnode(fdt, parentoffset); node >= 0;
	     node = fdt_next_subnode(fdt, node))
		if (fdt_nodename_eq(fdt_get_name(fdt, node, NULL), name, len))
			return node;
	return -FDT_ERR_NOTFOUND;
}

int fdt_path_offset(const void *fdt, const char *path)
{
	int offset = 0;
	char comp[64];

	if (*path != '/')
		return -FDT_ERR_NOTFOUND;
	while (*path) {
		size_t n = 0;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		while (path[n] && path[n] != '/' && n < sizeof(comp) - 1) {
			comp[n] = path[n];
			n++;
		}
		comp[n] = '\0';
		path += n;
		offset = fdt_subnode_offset(fdt, offset, comp);
		if (offset < 0)
			return offset;
	}
	return offset;
}

int fdt_parent_offset(const void *fdt, int nodeoffset)
{
	int stack[32], depth = 0, offset = -1;

	while ((offset = fdt_next_node(fdt, offset, &depth)) >= 0) {
		if (depth < 1 || depth > (int)(sizeof(stack) / sizeof(stack[0])))
			return -FDT_ERR_BADSTRUCTURE;
		stack[depth - 1] = offset;
		if (offset == nodeoffset)
			return depth >= 2 ? stack[depth - 2] : -FDT_ERR_NOTFOUND;
	}
	return -FDT_ERR_NOTFOUND;
}

int fdt_node_check_compatible(const void *fdt, int nodeoffset, const char *compatible)
{
	int len;
	const char *p = fdt_getprop(fdt, nodeoffset, "compatible", &len);

	if (!p)
		return -FDT_ERR_NOTFOUND;
	/* a stringlist: NUL-separated */
	while (len > 0) {
		size_t l = strnlen(p, (size_t)len);

		if (!strcmp(p, compatible))
			return 0;
		p += l + 1;
		len -= (int)l + 1;
	}
	return 1;
}

int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compatible)
{
	int offset;

	for (offset = fdt_next_node(fdt, startoffset, NULL); offset >= 0;
	     offset = fdt_next_node(fdt, offset, NULL))
		if (fdt_node_check_compatible(fdt, offset, compatible) == 0)
			return offset;
	return -FDT_ERR_NOTFOUND;
}

static int fdt_cells(const void *fdt, int nodeoffset, const char *name, int dflt)
{
	int len;
	const void *p = fdt_getprop(fdt, nodeoffset, name, &len);

	if (!p || len != 4)
		return dflt;
	return (int)fdt32_ld(p);
}

int fdt_address_cells(const void *fdt, int nodeoffset)
{
	return fdt_cells(fdt, nodeoffset, "#address-cells", 2);
}

int fdt_size_cells(const void *fdt, int nodeoffset)
{
	return fdt_cells(fdt, nodeoffset, "#size-cells", 1);
}

int fdt_num_mem_rsv(const void *fdt)
{
	int n = 0;
	u64 a, s;

	while (fdt_get_mem_rsv(fdt, n, &a, &s) == 0 && (a || s))
		n++;
	return n;
}

int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size)
{
	const u8 *p = (const u8 *)fdt + fdt_off_mem_rsvmap(fdt) + 16 * n;

	if (fdt_off_mem_rsvmap(fdt) + 16 * (n + 1) > fdt_totalsize(fdt))
		return -FDT_ERR_TRUNCATED;
	*address = fdt64_ld(p);
	*size = fdt64_ld(p + 8);
	return 0;
}

static u64 fdt_read_number(const u8 *cell, int n)
{
	u64 v = 0;

	while (n--) {
		v = v << 32 | fdt32_ld(cell);
		cell += 4;
	}
	return v;
}

int fdt_get_reg(const void *fdt, int nodeoffset, int index, u64 *addr, u64 *size)
{
	int parent = fdt_parent_offset(fdt, nodeoffset), ac, sc, len;
	const u8 *reg;

	if (parent < 0)
		return parent;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	reg = fdt_getprop(fdt, nodeoffset, "reg", &len);
	if (!reg || (index + 1) * (ac + sc) * 4 > len)
		return -FDT_ERR_NOTFOUND;
	reg += index * (ac + sc) * 4;
	*addr = fdt_read_number(reg, ac);
	if (size)
		*size = fdt_read_number(reg + ac * 4, sc);
	return 0;
}

int fdt_get_interrupt(const void *fdt, int nodeoffset, int index, u32 cells[3])
{
	int len;
	const u8 *p = fdt_getprop(fdt, nodeoffset, "interrupts", &len);

	if (!p || len % 12 || (index + 1) * 12 > len)
		return -FDT_ERR_NOTFOUND;
	for (int i = 0; i < 3; i++)
		cells[i] = fdt32_ld(p + index * 12 + 4 * i);
	return 0;
}

bool fdt_prop_streq(const void *fdt, int nodeoffset, const char *name, const char *val)
{
	int len;
	const char *p = fdt_getprop(fdt, nodeoffset, name, &len);

	return p && len > 0 && strnlen(p, (size_t)len) < (size_t)len && !strcmp(p, val);
}
