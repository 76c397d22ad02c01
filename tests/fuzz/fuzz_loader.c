// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the boot loader's arithmetic and the device tree code,
 * on arbitrary image and DTB bytes, sizes and machine descriptions
 * (encoding: tests/fuzz/inputs.h).
 *
 * - loader_probe: what it reports follows the header rules of loader.h
 *   (magic, text_offset, image_size, the pre-3.17 and raw-binary cases),
 *   a big-endian Image is refused, and an accepted EFI stub holds every
 *   byte its PE section table describes.
 * - loader_plan: an accepted plan keeps image, initrd and DTB inside RAM,
 *   apart from each other, and aligned (2 MiB image base and payload, 4 KiB
 *   DTB); and plan and refusal are exactly what loader.h's placement rule
 *   gives, computed here in 128-bit arithmetic so that nothing can wrap.
 * - fdt_check_blob: an accepted blob can be walked, every name and value
 *   inside the blob (an exact-size heap copy, so ASan sees a stray read).
 * - fdt_build: succeeds exactly for a valid machine in a big enough
 *   buffer, and its blob passes fdt_check_blob and says what was asked.
 * Every refusal is one line of text.
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt/fdt.h"
#include "tests/fuzz/inputs.h"
#include "vmm/loader.h"
#include "vmm/memmap.h"

typedef unsigned __int128 u128;

#define MiB		(1ULL << 20)
#define ALIGN_2M	(2 * MiB)
#define ALIGN_4K	4096ULL
#define BOOTARGS_MAX	8192

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(const char *invariant, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_loader: invariant '%s' violated: ", invariant);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void check_err(const char *what, const char *err, size_t errlen)
{
	if (!memchr(err, '\0', errlen) || !err[0] || strchr(err, '\n'))
		fail("one-line-error", "%s failed without a one-line message", what);
}

static uint64_t le(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static u128 align_up(u128 x, uint64_t a)
{
	return (x + a - 1) / a * a;
}

/* ---- input ---- */

struct input {
	const uint8_t *p;
	size_t left;
};

static uint64_t take(struct input *in, unsigned int bytes)
{
	uint8_t b[8] = { 0 };
	unsigned int n = in->left < bytes ? in->left : bytes;

	memcpy(b, in->p, n);
	in->p += n;
	in->left -= n;
	return le(b, bytes);
}

/* A u16-sized chunk as an exact-size heap copy (NULL when empty). */
static uint8_t *take_chunk(struct input *in, size_t *len)
{
	size_t n = take(in, 2);
	uint8_t *buf;

	if (n > in->left)
		n = in->left;
	*len = n;
	if (!n)
		return NULL;
	buf = malloc(n);
	memcpy(buf, in->p, n);
	in->p += n;
	in->left -= n;
	return buf;
}

struct plan_args {
	uint64_t ram_base, ram_size, initrd_size, dtb_size;
};

/* ---- loader_probe ---- */

/* An EFI stub: "MZ", and "PE\0\0" where the header's 0x3c field says. */
static void check_pe_complete(const uint8_t *p, size_t len)
{
	uint64_t pe = le(p + 0x3c, 4), table, nr, end;

	if (p[0] != 'M' || p[1] != 'Z' || pe + 24 > len || memcmp(p + pe, "PE\0\0", 4))
		return;
	nr = le(p + pe + 6, 2);
	table = pe + 24 + le(p + pe + 20, 2);
	if (table + nr * 40 > len)
		fail("efi-not-truncated", "accepted an EFI stub whose section table ends at %llu > %zu",
		     (unsigned long long)(table + nr * 40), len);
	for (uint64_t i = 0; i < nr; i++) {
		const uint8_t *sec = p + table + i * 40;

		end = le(sec + 20, 4) + le(sec + 16, 4);
		if (end > len)
			fail("efi-not-truncated", "accepted an EFI stub whose section %llu ends at %llu > %zu",
			     (unsigned long long)i, (unsigned long long)end, len);
	}
}

/* loader.h: 64 bytes or more with "ARM\x64" at 0x38; anything else is raw. */
static bool is_image(const uint8_t *p, size_t len)
{
	return len >= LOADER_HEADER_SIZE && !memcmp(p + 0x38, "ARM\x64", 4);
}

static void check_probe_info(const uint8_t *p, size_t len, const struct image_info *info)
{
	bool magic = is_image(p, len);
	uint64_t hdr_size = magic ? le(p + 0x10, 8) : 0;
	bool known = magic && hdr_size;

	if (info->file_size != len || info->is_linux_image != magic)
		fail("probe-kind", "file_size %zu (of %zu), is_linux_image %d (magic %d)",
		     info->file_size, len, info->is_linux_image, magic);
	if (info->footprint_known != known ||
	    info->text_offset != (known ? le(p + 0x08, 8) : LOADER_DEFAULT_TEXT_OFFSET) ||
	    info->image_size != (known ? hdr_size : len) ||
	    info->flags != (magic ? le(p + 0x18, 8) : 0))
		fail("probe-header", "text_offset %#llx image_size %#llx flags %#llx known %d",
		     (unsigned long long)info->text_offset, (unsigned long long)info->image_size,
		     (unsigned long long)info->flags, info->footprint_known);
	if (magic && (info->flags & 1))
		fail("probe-big-endian", "accepted a big-endian Image");
	if (magic)
		check_pe_complete(p, len);
}

/* ---- loader_plan ---- */

/* loader.h's placement rule, in 128 bits. Returns false when it does not fit. */
static bool ref_plan(const struct image_info *info, const struct plan_args *a,
		     struct boot_layout *l)
{
	u128 end = (u128)a->ram_base + a->ram_size, base, kend, next, dtb, gap;
	uint64_t footprint = info->image_size > info->file_size ? info->image_size : info->file_size;

	/* loader.c: RAM within 4 MiB (two alignments) of the top of the space is refused. */
	if (end + 2 * ALIGN_2M > UINT64_MAX || !a->dtb_size || a->dtb_size > LOADER_DTB_MAX_SIZE)
		return false;
	base = align_up(a->ram_base, ALIGN_2M);
	kend = base + info->text_offset + footprint;
	if (kend > end)
		return false;
	next = kend;
	if (!info->footprint_known) {
		gap = a->ram_size / 2 < LOADER_RAW_PAYLOAD_MAX ? a->ram_size / 2 : LOADER_RAW_PAYLOAD_MAX;
		if ((u128)a->ram_base + gap > next)
			next = (u128)a->ram_base + gap;
	}
	next = align_up(next, ALIGN_2M);
	memset(l, 0, sizeof(*l));
	if (a->initrd_size) {
		if (next + a->initrd_size > end)
			return false;
		l->initrd_addr = next;
		l->initrd_size = a->initrd_size;
		next += a->initrd_size;
	}
	dtb = align_up(next, ALIGN_4K);
	if (dtb + a->dtb_size > end)
		return false;
	l->kernel_addr = l->entry = base + info->text_offset;
	l->kernel_end = kend;
	l->dtb_addr = dtb;
	l->dtb_max = a->dtb_size;
	return true;
}

static bool overlap(u128 a, u128 a_len, u128 b, u128 b_len)
{
	return a_len && b_len && a < b + b_len && b < a + a_len;
}

/* What any accepted plan must satisfy, whatever the placement rule. */
static void check_layout(const struct image_info *info, const struct plan_args *a,
			 const struct boot_layout *l)
{
	u128 ram = a->ram_base, end = ram + a->ram_size;
	u128 k = l->kernel_addr, klen = (u128)l->kernel_end - l->kernel_addr;
	uint64_t footprint = info->image_size > info->file_size ? info->image_size : info->file_size;

	if (l->kernel_end < l->kernel_addr || klen < footprint || l->entry != l->kernel_addr)
		fail("plan-kernel", "kernel [%#llx, %#llx) entry %#llx for a footprint of %#llx",
		     (unsigned long long)l->kernel_addr, (unsigned long long)l->kernel_end,
		     (unsigned long long)l->entry, (unsigned long long)footprint);
	if (k < ram || k + klen > end ||
	    l->initrd_addr + (u128)l->initrd_size > end || (l->initrd_size && l->initrd_addr < ram) ||
	    l->dtb_addr < ram || l->dtb_addr + (u128)l->dtb_max > end)
		fail("plan-inside-ram", "kernel [%#llx, %#llx) initrd %#llx+%#llx dtb %#llx+%#llx, "
		     "RAM %#llx+%#llx", (unsigned long long)l->kernel_addr,
		     (unsigned long long)l->kernel_end, (unsigned long long)l->initrd_addr,
		     (unsigned long long)l->initrd_size, (unsigned long long)l->dtb_addr,
		     (unsigned long long)l->dtb_max, (unsigned long long)a->ram_base,
		     (unsigned long long)a->ram_size);
	if (overlap(k, klen, l->initrd_addr, l->initrd_size) ||
	    overlap(k, klen, l->dtb_addr, l->dtb_max) ||
	    overlap(l->initrd_addr, l->initrd_size, l->dtb_addr, l->dtb_max))
		fail("plan-no-overlap", "kernel, initrd and DTB overlap");
	if ((l->kernel_addr - info->text_offset) % ALIGN_2M ||
	    (l->initrd_size && l->initrd_addr % ALIGN_2M) || l->dtb_addr % ALIGN_4K)
		fail("plan-aligned", "kernel base %#llx, initrd %#llx, DTB %#llx",
		     (unsigned long long)(l->kernel_addr - info->text_offset),
		     (unsigned long long)l->initrd_addr, (unsigned long long)l->dtb_addr);
	if (l->initrd_size != a->initrd_size || l->dtb_max != a->dtb_size ||
	    l->dtb_max > LOADER_DTB_MAX_SIZE)
		fail("plan-sizes", "initrd %#llx of %#llx, DTB room %#llx of %#llx",
		     (unsigned long long)l->initrd_size, (unsigned long long)a->initrd_size,
		     (unsigned long long)l->dtb_max, (unsigned long long)a->dtb_size);
}

static void check_plan(const struct image_info *info, const struct plan_args *a)
{
	struct boot_layout got, want;
	char err[256];
	int rc = loader_plan(info, a->ram_base, a->ram_size, a->initrd_size, a->dtb_size,
			     &got, err, sizeof(err));
	bool fits = ref_plan(info, a, &want);

	if (rc) {
		check_err("loader_plan", err, sizeof(err));
		if (fits)
			fail("plan-when-it-fits", "refused (%s) what fits: RAM %#llx+%#llx initrd %#llx "
			     "DTB %#llx", err, (unsigned long long)a->ram_base,
			     (unsigned long long)a->ram_size, (unsigned long long)a->initrd_size,
			     (unsigned long long)a->dtb_size);
		return;
	}
	check_layout(info, a, &got);
	if (!fits)
		fail("plan-only-when-it-fits", "accepted RAM %#llx+%#llx initrd %#llx DTB %#llx, which "
		     "the rule refuses", (unsigned long long)a->ram_base,
		     (unsigned long long)a->ram_size, (unsigned long long)a->initrd_size,
		     (unsigned long long)a->dtb_size);
	if (memcmp(&got, &want, sizeof(got)))
		fail("plan-rule", "kernel %#llx initrd %#llx DTB %#llx; the rule says %#llx %#llx %#llx",
		     (unsigned long long)got.kernel_addr, (unsigned long long)got.initrd_addr,
		     (unsigned long long)got.dtb_addr, (unsigned long long)want.kernel_addr,
		     (unsigned long long)want.initrd_addr, (unsigned long long)want.dtb_addr);
}

/* ---- device trees ---- */

static unsigned int touch(const void *p, size_t len)
{
	const volatile uint8_t *b = p;
	unsigned int sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum;
}

static void check_inside(const char *what, const void *blob, const void *p, size_t len)
{
	const uint8_t *start = blob, *q = p;

	if (q < start || q + len > start + fdt_totalsize(blob))
		fail("blob-walkable", "%s at offset %td (%zu bytes) outside the %u-byte blob",
		     what, q - start, len, fdt_totalsize(blob));
	touch(p, len);
}

/* Walk every node and property of a blob fdt_check_blob accepted. */
static void walk_blob(const void *blob)
{
	int depth = -1, node, prop, len;

	/* From -1: the root need not be at offset 0 (FDT_NOPs may come first). */
	for (node = fdt_next_node(blob, -1, &depth); node >= 0 && depth >= 0;
	     node = fdt_next_node(blob, node, &depth)) {
		const char *name = fdt_get_name(blob, node, &len);

		if (!name || len < 0)
			fail("blob-walkable", "node at %d has no name", node);
		check_inside("node name", blob, name, len + 1);
		fdt_for_each_property_offset(prop, blob, node) {
			const void *val = fdt_getprop_by_offset(blob, prop, &name, &len);

			if (!val || !name || len < 0)
				fail("blob-walkable", "property at %d unreadable", prop);
			check_inside("property name", blob, name, strnlen(name, 256) + 1);
			check_inside("property value", blob, val, len);
		}
	}
}

static void check_blob(const uint8_t *buf, size_t len)
{
	char err[256];

	if (fdt_check_blob(buf, len, err, sizeof(err))) {
		check_err("fdt_check_blob", err, sizeof(err));
		return;
	}
	if (len < sizeof(struct fdt_header) || fdt_totalsize(buf) > len)
		fail("blob-size", "accepted a blob of %zu bytes whose header says %u", len,
		     len < sizeof(struct fdt_header) ? 0 : fdt_totalsize(buf));
	walk_blob(buf);
}

static bool ref_machine_ok(const struct fdt_machine *m)
{
	if (m->nr_cpus < 1 || m->nr_cpus > FDT_MAX_CPUS || !m->ram_size ||
	    m->initrd_end < m->initrd_start)
		return false;
	for (unsigned int i = 0; i < m->nr_cpus; i++)
		for (unsigned int j = 0; j < i; j++)
			if (((m->mpidr[i] ^ m->mpidr[j]) & 0xff00ffffffULL) == 0)
				return false;	/* same Aff3..Aff0 */
	return true;
}

static uint64_t prop64(const void *blob, const char *path, const char *name, int idx)
{
	int node = fdt_path_offset(blob, path), len;
	const uint8_t *v = node < 0 ? NULL : fdt_getprop(blob, node, name, &len);
	fdt64_t cell;

	if (!v || len < (int)(sizeof(cell) * (idx + 1)))
		fail("fdt-says-what-was-asked", "%s:%s missing", path, name);
	memcpy(&cell, v + sizeof(cell) * idx, sizeof(cell));	/* 4-byte aligned only */
	return fdt64_to_cpu(cell);
}

/* The blob describes @m: bootargs, memory, CPUs, initrd. */
static void check_built(const void *blob, const struct fdt_machine *m)
{
	char path[64];
	const char *args;
	int cpus, node, n = 0;

	args = fdt_getprop(blob, fdt_path_offset(blob, "/chosen"), "bootargs", NULL);
	if (!args || strcmp(args, m->bootargs))
		fail("fdt-says-what-was-asked", "bootargs differ");
	snprintf(path, sizeof(path), "/memory@%llx", (unsigned long long)m->ram_base);
	if (prop64(blob, path, "reg", 0) != m->ram_base || prop64(blob, path, "reg", 1) != m->ram_size)
		fail("fdt-says-what-was-asked", "memory reg differs");
	cpus = fdt_path_offset(blob, "/cpus");
	fdt_for_each_subnode(node, blob, cpus)
		n++;
	if (n != (int)m->nr_cpus)
		fail("fdt-says-what-was-asked", "%d cpu nodes for %u CPUs", n, m->nr_cpus);
	if ((m->initrd_start || m->initrd_end) &&
	    (prop64(blob, "/chosen", "linux,initrd-start", 0) != m->initrd_start ||
	     prop64(blob, "/chosen", "linux,initrd-end", 0) != m->initrd_end))
		fail("fdt-says-what-was-asked", "initrd differs");
}

static void check_build(const struct fdt_machine *m, size_t bufsize)
{
	static uint8_t big[1 << 16];
	uint8_t *buf = malloc(bufsize);
	char err[256], err_big[256];
	long need = fdt_build(m, big, sizeof(big), err_big, sizeof(err_big));
	long got = fdt_build(m, buf, bufsize, err, sizeof(err));
	bool ok = ref_machine_ok(m);

	if (need < 0 && ok)
		fail("fdt-build-valid", "refused a valid machine in 64 KiB: %s", err_big);
	if (need >= 0 && !ok)
		fail("fdt-build-invalid", "built a tree for an invalid machine (%u CPUs)", m->nr_cpus);
	if (got < 0) {
		check_err("fdt_build", err, sizeof(err));
		if (ok && (size_t)need <= bufsize)
			fail("fdt-build-fits", "refused a %ld-byte tree in %zu bytes: %s", need, bufsize, err);
	} else {
		if (got != need || (size_t)got > bufsize)
			fail("fdt-build-size", "%ld bytes in a %zu-byte buffer, %ld in 64 KiB", got,
			     bufsize, need);
		if (fdt_check_blob(buf, got, err, sizeof(err)))
			fail("fdt-build-checks", "fdt_check_blob refuses fdt_build's tree: %s", err);
		walk_blob(buf);
		check_built(buf, m);
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct plan_args a = { .ram_base = MEMMAP_RAM_BASE };
	struct fdt_machine m = { 0 };
	struct image_info info;
	struct boot_layout l;
	static char bootargs[BOOTARGS_MAX];
	unsigned int flags = take(&in, 1);
	uint8_t *image, *dtb;
	size_t image_len, dtb_len, bufsize;
	char err[256];
	bool probed;

	if (flags & LF_RAM_BASE)
		a.ram_base = take(&in, 8);
	if (flags & LF_RAW_SIZES) {
		a.ram_size = take(&in, 8);
		a.initrd_size = take(&in, 8);
		a.dtb_size = take(&in, 8);
	} else {
		a.ram_size = take(&in, 4) << 16;
		a.initrd_size = take(&in, 4) << 8;
		a.dtb_size = take(&in, 4) & 0x3fffff;
	}
	image = take_chunk(&in, &image_len);
	dtb = take_chunk(&in, &dtb_len);

	probed = !loader_probe(image, image_len, &info, err, sizeof(err));
	if (!probed) {
		check_err("loader_probe", err, sizeof(err));
		if (image_len && !is_image(image, image_len))
			fail("probe-raw-accepted", "refused a raw binary: %s", err);
	} else {
		check_probe_info(image, image_len, &info);
		check_plan(&info, &a);
	}
	check_blob(dtb, dtb_len);

	m.nr_cpus = flags >> 4;
	for (unsigned int i = 0; i < FDT_MAX_CPUS; i++) {
		uint64_t v = take(&in, 4);

		m.mpidr[i] = (v & 0xffffff) | (v >> 24) << 32;
	}
	bufsize = take(&in, 2);
	if (!bufsize)
		bufsize = 1 << 16;
	m.ram_base = a.ram_base;
	m.ram_size = a.ram_size;
	if (flags & LF_BAD_INITRD) {
		m.initrd_start = a.ram_base + 1;
		m.initrd_end = a.ram_base;
	} else if (probed && !loader_plan(&info, a.ram_base, a.ram_size, a.initrd_size,
					  a.dtb_size ? a.dtb_size : 1, &l, err, sizeof(err)) &&
		   l.initrd_size) {
		m.initrd_start = l.initrd_addr;
		m.initrd_end = l.initrd_addr + l.initrd_size;
	}
	snprintf(bootargs, sizeof(bootargs), "%.*s", (int)in.left, (const char *)in.p);
	m.bootargs = bootargs;
	check_build(&m, bufsize);

	free(image);
	free(dtb);
	return 0;
}
