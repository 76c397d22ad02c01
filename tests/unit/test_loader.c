// SPDX-License-Identifier: GPL-2.0
/* The loader: image recognition, placement arithmetic and file reading. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/unit/unit.h"
#include "vmm/loader.h"
#include "vmm/memmap.h"

#define MiB (1ULL << 20)
#define KiB (1ULL << 10)
#define RAM MEMMAP_RAM_BASE

static void put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
	for (unsigned int i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

/* A buffer of @len bytes with an arm64 Image header (len >= 64). */
static uint8_t *make_image(size_t len, uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
	uint8_t *p = calloc(1, len);

	ck_assert_ptr_nonnull(p);
	put_le(p + 0x00, 0x14000010, 4);	/* b #0x40: code0 of a non-EFI kernel */
	put_le(p + 0x08, text_offset, 8);
	put_le(p + 0x10, image_size, 8);
	put_le(p + 0x18, flags, 8);
	memcpy(p + 0x38, "ARM\x64", 4);
	return p;
}

/* Make @p an EFI-stub Image: "MZ", a PE header at 0x40, two sections. */
static void add_pe(uint8_t *p, uint32_t text_end, uint32_t data_end)
{
	uint8_t *pe = p + 0x40, *sec;

	p[0] = 'M';
	p[1] = 'Z';
	put_le(p + 0x3c, 0x40, 4);
	memcpy(pe, "PE\0\0", 4);
	put_le(pe + 4, 0xaa64, 2);	/* machine */
	put_le(pe + 6, 2, 2);		/* sections */
	put_le(pe + 20, 160, 2);	/* optional header size */
	sec = pe + 24 + 160;
	memcpy(sec, ".text", 5);
	put_le(sec + 16, text_end - 0x1000, 4);	/* raw size */
	put_le(sec + 20, 0x1000, 4);		/* raw pointer */
	sec += 40;
	memcpy(sec, ".data", 5);
	put_le(sec + 16, data_end - text_end, 4);
	put_le(sec + 20, text_end, 4);
}

/* ---- probe ---- */

START_TEST(test_probe_image)
{
	uint8_t *p = make_image(8192, 0, 3 * MiB, 0xa);
	struct image_info info;
	char err[128] = "";

	ck_assert_int_eq(loader_probe(p, 8192, &info, err, sizeof(err)), 0);
	ck_assert(info.is_linux_image);
	ck_assert(info.footprint_known);
	ck_assert_uint_eq(info.text_offset, 0);
	ck_assert_uint_eq(info.image_size, 3 * MiB);
	ck_assert_uint_eq(info.flags, 0xa);
	ck_assert_uint_eq(info.file_size, 8192);
	ck_assert_str_eq(err, "");
	free(p);

	p = make_image(64, 0x80000, 0x123456, 0);	/* just the header is enough */
	ck_assert_int_eq(loader_probe(p, 64, &info, err, sizeof(err)), 0);
	ck_assert(info.is_linux_image);
	ck_assert_uint_eq(info.text_offset, 0x80000);
	ck_assert_uint_eq(info.image_size, 0x123456);
	free(p);
}
END_TEST

START_TEST(test_probe_old_image)
{
	/* Pre-3.17: image_size 0 and text_offset not to be trusted. */
	uint8_t *p = make_image(4096, 0x1234, 0, 0);
	struct image_info info;
	char err[128];

	ck_assert_int_eq(loader_probe(p, 4096, &info, err, sizeof(err)), 0);
	ck_assert(info.is_linux_image);
	ck_assert(!info.footprint_known);
	ck_assert_uint_eq(info.text_offset, LOADER_DEFAULT_TEXT_OFFSET);
	ck_assert_uint_eq(info.image_size, 4096);
	free(p);
}
END_TEST

START_TEST(test_probe_raw)
{
	uint8_t buf[4096];
	struct image_info info;
	char err[128];

	memset(buf, 0xd5, sizeof(buf));
	ck_assert_int_eq(loader_probe(buf, sizeof(buf), &info, err, sizeof(err)), 0);
	ck_assert(!info.is_linux_image);
	ck_assert(!info.footprint_known);
	ck_assert_uint_eq(info.text_offset, 0x80000);
	ck_assert_uint_eq(info.image_size, sizeof(buf));
	ck_assert_uint_eq(info.file_size, sizeof(buf));
	ck_assert_uint_eq(info.flags, 0);

	/* Shorter than a header: raw even if the magic would be there. */
	memcpy(buf + 0x38, "ARM\x64", 4);
	ck_assert_int_eq(loader_probe(buf, 63, &info, err, sizeof(err)), 0);
	ck_assert(!info.is_linux_image);
	ck_assert_uint_eq(info.image_size, 63);
	ck_assert_int_eq(loader_probe(buf, 1, &info, err, sizeof(err)), 0);
	ck_assert(!info.is_linux_image);

	/* One byte off in the magic: raw. */
	buf[0x3b] = 0x65;
	ck_assert_int_eq(loader_probe(buf, 4096, &info, err, sizeof(err)), 0);
	ck_assert(!info.is_linux_image);
}
END_TEST

START_TEST(test_probe_errors)
{
	struct image_info info;
	uint8_t *p = make_image(4096, 0, MiB, 1);	/* flags bit 0: big-endian */
	char err[128];

	ck_assert_int_eq(loader_probe("", 0, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is empty");
	ck_assert_int_eq(loader_probe(p, 4096, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is a big-endian kernel; only little-endian kernels can run");
	free(p);
}
END_TEST

START_TEST(test_probe_efi_image)
{
	uint8_t *p = make_image(64 * KiB, 0, 2 * MiB, 0xa);
	struct image_info info;
	char err[128];

	add_pe(p, 32 * KiB, 64 * KiB);
	ck_assert_int_eq(loader_probe(p, 64 * KiB, &info, err, sizeof(err)), 0);
	ck_assert(info.is_linux_image);
	ck_assert_uint_eq(info.image_size, 2 * MiB);

	/* A file with extra bytes after the sections (a signature) is fine. */
	add_pe(p, 32 * KiB, 60 * KiB);
	ck_assert_int_eq(loader_probe(p, 64 * KiB, &info, err, sizeof(err)), 0);

	/* Cut inside .data. */
	add_pe(p, 32 * KiB, 64 * KiB);
	ck_assert_int_eq(loader_probe(p, 4096, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is truncated: its header describes 64 KiB but the file has 4 KiB");
	ck_assert_int_eq(loader_probe(p, 64 * KiB - 1, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is truncated: its header describes 64 KiB but the file has 65535 bytes");

	/* Cut inside the PE header and inside the section table. */
	ck_assert_int_eq(loader_probe(p, 80, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is truncated: its header describes 88 bytes but the file has 80 bytes");
	ck_assert_int_eq(loader_probe(p, 300, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is truncated: its header describes 328 bytes but the file has 300 bytes");

	/* Offsets and counts no kernel has: corrupt, not truncated, and no crash. */
	put_le(p + 0x3c, 0xfffffff0, 4);
	ck_assert_int_eq(loader_probe(p, 64 * KiB, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image has a corrupt EFI header: PE header offset 0xfffffff0");
	put_le(p + 0x3c, 0x40, 4);
	put_le(p + 0x40 + 6, 0xffff, 2);
	ck_assert_int_eq(loader_probe(p, 64 * KiB, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image has a corrupt EFI header: 65535 sections");
	add_pe(p, 32 * KiB, 64 * KiB);
	put_le(p + 0x40 + 24 + 160 + 40 + 20, 0xfffff000, 4);	/* .data's raw pointer */
	ck_assert_int_eq(loader_probe(p, 64 * KiB, &info, err, sizeof(err)), -1);
	ck_assert(strstr(err, "image has a corrupt EFI header: section 1 ends at"));
	add_pe(p, 32 * KiB, 64 * KiB);

	/* "MZ" without a PE signature: no section table to check. */
	put_le(p + 0x3c, 0x40, 4);
	memcpy(p + 0x40, "XX", 2);
	ck_assert_int_eq(loader_probe(p, 4096, &info, err, sizeof(err)), 0);
	free(p);

	/* From its first LOADER_PROBE_BYTES, as main.c probes: judged by the file's size. */
	p = make_image(LOADER_PROBE_BYTES, 0, 4 * MiB, 0xa);
	add_pe(p, 32 * KiB, 1 * MiB);
	ck_assert_int_eq(loader_probe_head(p, LOADER_PROBE_BYTES, 1 * MiB, &info, err, sizeof(err)), 0);
	ck_assert_uint_eq(info.file_size, 1 * MiB);
	ck_assert_int_eq(loader_probe_head(p, LOADER_PROBE_BYTES, 1 * MiB - 1, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image is truncated: its header describes 1 MiB but the file has 1048575 bytes");
	ck_assert_int_eq(loader_probe_head(p, 4096, 1 * MiB, &info, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "internal error: 4096 bytes of the image to probe");
	free(p);
}
END_TEST

/* ---- plan ---- */

static struct image_info image_info(uint64_t text_offset, uint64_t image_size, size_t file_size)
{
	return (struct image_info){
		.is_linux_image = true, .text_offset = text_offset, .image_size = image_size,
		.file_size = file_size, .footprint_known = true,
	};
}

static struct image_info raw_info(size_t file_size)
{
	return (struct image_info){
		.text_offset = 0x80000, .image_size = file_size, .file_size = file_size,
	};
}

/* Everything a plan must always satisfy, whatever the inputs. */
static void check_invariants(const struct boot_layout *l, const struct image_info *info,
			     uint64_t ram_base, uint64_t ram_size, uint64_t initrd, uint64_t dtb)
{
	uint64_t ram_end = ram_base + ram_size;

	ck_assert_uint_eq(l->entry, l->kernel_addr);
	ck_assert_uint_eq((l->kernel_addr - info->text_offset) % (2 * MiB), 0);
	ck_assert_uint_ge(l->kernel_addr, ram_base);
	ck_assert_uint_ge(l->kernel_end - l->kernel_addr, info->file_size);
	ck_assert_uint_ge(l->kernel_end - l->kernel_addr, info->image_size);
	ck_assert_uint_le(l->kernel_end, ram_end);
	ck_assert_uint_eq(l->initrd_size, initrd);
	if (initrd) {
		ck_assert_uint_ge(l->initrd_addr, l->kernel_end);
		ck_assert_uint_le(l->initrd_addr + initrd, ram_end);
		ck_assert_uint_ge(l->dtb_addr, l->initrd_addr + initrd);
	}
	ck_assert_uint_eq(l->dtb_addr % 8, 0);
	ck_assert_uint_ge(l->dtb_addr, l->kernel_end);
	ck_assert_uint_eq(l->dtb_max, dtb);
	ck_assert_uint_le(l->dtb_addr + l->dtb_max, ram_end);
}

START_TEST(test_plan_image)
{
	struct image_info info = image_info(0, 20 * MiB + 123, 15 * MiB);
	struct boot_layout l;
	char err[160] = "";

	ck_assert_int_eq(loader_plan(&info, RAM, 256 * MiB, 5 * MiB, 64 * KiB, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_addr, RAM);
	ck_assert_uint_eq(l.entry, RAM);
	ck_assert_uint_eq(l.kernel_end, RAM + 20 * MiB + 123);
	ck_assert_uint_eq(l.initrd_addr, RAM + 22 * MiB);	/* next 2 MiB boundary */
	ck_assert_uint_eq(l.initrd_size, 5 * MiB);
	ck_assert_uint_eq(l.dtb_addr, RAM + 27 * MiB);
	ck_assert_uint_eq(l.dtb_max, 64 * KiB);
	check_invariants(&l, &info, RAM, 256 * MiB, 5 * MiB, 64 * KiB);
}
END_TEST

START_TEST(test_plan_image_text_offset_no_initrd)
{
	struct image_info info = image_info(0x80000, 4 * MiB, 3 * MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, 0, 4096, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_addr, RAM + 0x80000);
	ck_assert_uint_eq(l.kernel_end, RAM + 0x80000 + 4 * MiB);
	ck_assert_uint_eq(l.initrd_addr, 0);
	ck_assert_uint_eq(l.initrd_size, 0);
	ck_assert_uint_eq(l.dtb_addr, RAM + 6 * MiB);
	check_invariants(&l, &info, RAM, 64 * MiB, 0, 4096);
}
END_TEST

START_TEST(test_plan_file_bigger_than_image_size)
{
	/* A header that undercounts: the file's bytes still get loaded. */
	struct image_info info = image_info(0, 1 * MiB, 3 * MiB + 1);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, 0, 4096, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_end, RAM + 3 * MiB + 1);
	ck_assert_uint_eq(l.dtb_addr, RAM + 4 * MiB);
}
END_TEST

START_TEST(test_plan_raw)
{
	struct image_info info = raw_info(4096);
	struct boot_layout l;
	char err[160];

	/* QEMU's rule: RAM base + min(RAM / 2, 128 MiB). */
	ck_assert_int_eq(loader_plan(&info, RAM, 256 * MiB, MiB, 8192, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_addr, RAM + 0x80000);
	ck_assert_uint_eq(l.entry, RAM + 0x80000);
	ck_assert_uint_eq(l.kernel_end, RAM + 0x80000 + 4096);
	ck_assert_uint_eq(l.initrd_addr, RAM + 128 * MiB);
	ck_assert_uint_eq(l.dtb_addr, RAM + 129 * MiB);
	check_invariants(&l, &info, RAM, 256 * MiB, MiB, 8192);

	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, 0, 8192, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.dtb_addr, RAM + 32 * MiB);
	ck_assert_int_eq(loader_plan(&info, RAM, 4096 * MiB, 0, 8192, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.dtb_addr, RAM + 128 * MiB);
	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 0, 8192, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.dtb_addr, RAM + 8 * MiB);
}
END_TEST

START_TEST(test_plan_raw_larger_than_half_ram)
{
	/* A raw binary reaching past RAM/2 pushes the payload above its end. */
	struct image_info info = raw_info(10 * MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, MiB, 4096, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_end, RAM + 0x80000 + 10 * MiB);
	ck_assert_uint_eq(l.initrd_addr, RAM + 12 * MiB);
	ck_assert_uint_eq(l.dtb_addr, RAM + 13 * MiB);
	check_invariants(&l, &info, RAM, 16 * MiB, MiB, 4096);
}
END_TEST

START_TEST(test_plan_old_image_uses_raw_rule)
{
	struct image_info info = image_info(0x80000, 2 * MiB, 2 * MiB);
	struct boot_layout l;
	char err[160];

	info.footprint_known = false;
	ck_assert_int_eq(loader_plan(&info, RAM, 256 * MiB, 0, 4096, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_addr, RAM + 0x80000);
	ck_assert_uint_eq(l.dtb_addr, RAM + 128 * MiB);
}
END_TEST

START_TEST(test_plan_unaligned_ram_base)
{
	struct image_info info = image_info(0x1000, MiB, MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM + 0x100000, 32 * MiB, 0, 4096, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.kernel_addr, RAM + 2 * MiB + 0x1000);
	check_invariants(&l, &info, RAM + 0x100000, 32 * MiB, 0, 4096);

	/* RAM that does not even reach the first 2 MiB boundary. */
	ck_assert_int_eq(loader_plan(&info, RAM + 0x100000, MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image (1 MiB at offset 0x1000) does not fit in 1 MiB of RAM");
}
END_TEST

START_TEST(test_plan_image_too_big)
{
	struct image_info info = image_info(0, 20 * MiB, 20 * MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image (20 MiB) does not fit in 16 MiB of RAM");

	info = image_info(0x80000, 16 * MiB, 1 * MiB);
	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image (16 MiB at offset 0x80000) does not fit in 16 MiB of RAM");

	info = raw_info(16 * MiB);
	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "image (16 MiB at offset 0x80000) does not fit in 16 MiB of RAM");

	/* Absurd header values must not wrap around into "fits". */
	info = image_info(UINT64_MAX - 4096, 8192, 8192);
	ck_assert_int_eq(loader_plan(&info, RAM, 256 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert(strstr(err, "does not fit in 256 MiB of RAM"));
	info = image_info(0x80000, UINT64_MAX - 0x10000, 8192);
	ck_assert_int_eq(loader_plan(&info, RAM, 256 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert(strstr(err, "does not fit in 256 MiB of RAM"));
}
END_TEST

START_TEST(test_plan_image_fills_ram)
{
	/* The image itself fits exactly, but then there is no room for the DTB. */
	struct image_info info = image_info(0, 16 * MiB, 16 * MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree (4 KiB) does not fit in 16 MiB of RAM above the image");
}
END_TEST

START_TEST(test_plan_initrd_too_big)
{
	struct image_info info = raw_info(4096);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 20 * MiB, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "initrd (20 MiB) does not fit in 16 MiB of RAM (8 MiB free above the image)");

	info = image_info(0, 15 * MiB, 15 * MiB);
	ck_assert_int_eq(loader_plan(&info, RAM, 16 * MiB, 1, 4096, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "initrd (1 bytes) does not fit in 16 MiB of RAM (0 bytes free above the image)");
}
END_TEST

START_TEST(test_plan_exact_fit)
{
	/* Raw in 64 MiB: payload at +32 MiB; initrd + 4 KiB-aligned DTB fill RAM exactly. */
	struct image_info info = raw_info(4096);
	uint64_t initrd = 32 * MiB - 8 * KiB - 100;
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, initrd, 8 * KiB, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.initrd_addr, RAM + 32 * MiB);
	ck_assert_uint_eq(l.dtb_addr, RAM + 64 * MiB - 8 * KiB);
	check_invariants(&l, &info, RAM, 64 * MiB, initrd, 8 * KiB);

	/* 101 bytes more and the DTB's 4 KiB alignment pushes it out. */
	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, initrd + 101, 8 * KiB, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree (8 KiB) does not fit in 64 MiB of RAM above the image and the initrd");
}
END_TEST

START_TEST(test_plan_dtb_limits)
{
	struct image_info info = image_info(0, MiB, MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, 0, LOADER_DTB_MAX_SIZE, &l, err, sizeof(err)), 0);
	ck_assert_uint_eq(l.dtb_max, 2 * MiB);
	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, 0, LOADER_DTB_MAX_SIZE + 1, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree is larger than 2 MiB (2097153 bytes)");
	ck_assert_int_eq(loader_plan(&info, RAM, 64 * MiB, 0, 0, &l, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "device tree is empty");
}
END_TEST

START_TEST(test_plan_address_space)
{
	struct image_info info = image_info(0, MiB, MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, UINT64_MAX - 64 * MiB, 64 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert(strstr(err, "exceeds the address space"));
}
END_TEST

/* Found by tests/fuzz (loader): the guard itself wrapped for a base this high. */
START_TEST(test_plan_ram_base_near_top)
{
	struct image_info info = image_info(0, MiB, MiB);
	struct boot_layout l;
	char err[160];

	ck_assert_int_eq(loader_plan(&info, UINT64_MAX, 64 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert(strstr(err, "exceeds the address space"));
	ck_assert_int_eq(loader_plan(&info, UINT64_MAX - MiB, 2 * MiB, 0, 4096, &l, err, sizeof(err)), -1);
	ck_assert(strstr(err, "exceeds the address space"));
}
END_TEST

/* Many combinations: whatever succeeds must satisfy every invariant. */
START_TEST(test_plan_sweep)
{
	static const uint64_t rams[] = { 16 * MiB, 17 * MiB + 64 * KiB, 64 * MiB, 256 * MiB, 1ULL << 30 };
	static const uint64_t sizes[] = { 1, 4095, 64 * KiB, MiB + 1, 7 * MiB, 30 * MiB, 200 * MiB };
	static const uint64_t offsets[] = { 0, 0x80000, 0x1ff000 };
	int ok = 0, failed = 0;

	for (size_t r = 0; r < sizeof(rams) / sizeof(rams[0]); r++)
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
	for (size_t o = 0; o < 4; o++) {
		struct image_info info = o < 3 ? image_info(offsets[o], sizes[k] + 8192, sizes[k])
					       : raw_info(sizes[k]);
		uint64_t initrd = i ? sizes[i] : 0;
		struct boot_layout l;
		char err[160] = "";

		if (loader_plan(&info, RAM, rams[r], initrd, 64 * KiB, &l, err, sizeof(err))) {
			ck_assert(strstr(err, "does not fit"));
			failed++;
			continue;
		}
		check_invariants(&l, &info, RAM, rams[r], initrd, 64 * KiB);
		ok++;
	}
	ck_assert_int_gt(ok, 100);
	ck_assert_int_gt(failed, 20);
}
END_TEST

/* ---- reading files ---- */

static char tmpdir[64];

static void setup_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/minivmm-loader-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp_file(const char *name, size_t len)
{
	static char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	for (size_t i = 0; i < len; i++)
		fputc((int)(i * 7 + 3), fp);
	ck_assert_int_eq(fclose(fp), 0);
	return path;
}

START_TEST(test_read_file)
{
	const char *path = tmp_file("k.img", 200 * 1000);
	void *buf;
	size_t len;
	char err[256] = "";

	ck_assert_int_eq(loader_read_file(path, &buf, &len, 1 << 20, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 200 * 1000);
	for (size_t i = 0; i < len; i++)
		ck_assert_uint_eq(((uint8_t *)buf)[i], (uint8_t)(i * 7 + 3));
	free(buf);

	/* Exactly at the limit is fine, one byte over is not. */
	ck_assert_int_eq(loader_read_file(path, &buf, &len, 200 * 1000, err, sizeof(err)), 0);
	free(buf);
	ck_assert_int_eq(loader_read_file(path, &buf, &len, 200 * 1000 - 1, err, sizeof(err)), -1);
	ck_assert_ptr_null(buf);
	ck_assert(strstr(err, "k.img (195.3 KiB) does not fit: at most 195.3 KiB can be loaded"));
}
END_TEST

START_TEST(test_read_file_errors)
{
	char missing[160], expect[256], err[256];
	const char *path;
	void *buf = (void *)1;
	size_t len = 1;

	snprintf(missing, sizeof(missing), "%s/nonexistent.img", tmpdir);
	ck_assert_int_eq(loader_read_file(missing, &buf, &len, 1 << 20, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "cannot open %s: No such file or directory", missing);
	ck_assert_str_eq(err, expect);
	ck_assert_ptr_null(buf);
	ck_assert_uint_eq(len, 0);

	ck_assert_int_eq(loader_read_file(tmpdir, &buf, &len, 1 << 20, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "%s is a directory, not a regular file", tmpdir);
	ck_assert_str_eq(err, expect);

	path = tmp_file("empty.img", 0);
	ck_assert_int_eq(loader_read_file(path, &buf, &len, 1 << 20, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "%s is empty", path);
	ck_assert_str_eq(err, expect);
	ck_assert_ptr_null(buf);

	path = tmp_file("big.initrd", 20 << 10);
	ck_assert_int_eq(loader_read_file(path, &buf, &len, 16 << 10, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "%s (20 KiB) does not fit: at most 16 KiB can be loaded", path);
	ck_assert_str_eq(err, expect);

	/* A device's size is unknown, and /dev/zero would never end. */
	ck_assert_int_eq(loader_read_file("/dev/zero", &buf, &len, 1 << 20, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/dev/zero is a character device, not a regular file");
	ck_assert_int_eq(loader_read_file("", &buf, &len, 1 << 20, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "the file name is empty");

	/* A name with a newline stays on one line; a long one keeps its reason. */
	ck_assert_int_eq(loader_read_file("/no\nsuch", &buf, &len, 1 << 20, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "cannot open /no\\nsuch: No such file or directory");
	{
		char lng[400];

		memset(lng, 'a', sizeof(lng) - 1);
		lng[0] = '/';
		lng[sizeof(lng) - 1] = '\0';
		ck_assert_int_eq(loader_read_file(lng, &buf, &len, 1 << 20, err, sizeof(err)), -1);
		ck_assert_msg(strstr(err, "a...a") && strstr(err, "a: File name too long"), "%s", err);
	}
}
END_TEST

/* Open now, read later into guest RAM: the size checked at open must still hold. */
START_TEST(test_open_then_load)
{
	const char *path = tmp_file("later.img", 5000);
	uint8_t dst[6000], head[100];
	char expect[256], err[256];
	size_t size, got;
	int fd;
	FILE *fp;

	ck_assert_int_eq(loader_open_file(path, 5000, &fd, &size, err, sizeof(err)), 0);
	ck_assert_uint_eq(size, 5000);
	ck_assert_int_eq(loader_read_head(fd, path, head, sizeof(head), &got, err, sizeof(err)), 0);
	ck_assert_uint_eq(got, sizeof(head));
	ck_assert_uint_eq(head[99], (uint8_t)(99 * 7 + 3));
	memset(dst, 0xee, sizeof(dst));
	ck_assert_int_eq(loader_load_fd(fd, path, size, dst, err, sizeof(err)), 0);
	ck_assert_uint_eq(dst[4999], (uint8_t)(4999 * 7 + 3));
	ck_assert_uint_eq(dst[5000], 0xee);		/* not a byte more */
	ck_assert_int_eq(loader_load_fd(fd, path, size, dst, err, sizeof(err)), 0);	/* --reboot */

	/* Grown since it was opened (appended to), then cut short. */
	fp = fopen(path, "ab");
	ck_assert_ptr_nonnull(fp);
	fputc('x', fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(loader_load_fd(fd, path, size, dst, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "%s changed while it was being loaded (it had 4.9 KiB)", path);
	ck_assert_str_eq(err, expect);
	ck_assert_int_eq(truncate(path, 4000), 0);
	ck_assert_int_eq(loader_load_fd(fd, path, size, dst, err, sizeof(err)), -1);
	ck_assert_str_eq(err, expect);
	close(fd);

	/* Unlike loader_read_file's, an empty file is refused at open. */
	path = tmp_file("empty-later.img", 0);
	ck_assert_int_eq(loader_open_file(path, 1 << 20, &fd, &size, err, sizeof(err)), -1);
	ck_assert_int_eq(fd, -1);
	snprintf(expect, sizeof(expect), "%s is empty", path);
	ck_assert_str_eq(err, expect);
	ck_assert_int_eq(loader_open_file("/dev/zero", 1 << 20, &fd, &size, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/dev/zero is a character device, not a regular file");
}
END_TEST

/* `--initrd <(zcat x.gz)` and a FIFO nobody writes: refused at once, not read or waited on. */
START_TEST(test_read_file_fifo)
{
	char fifo[160], path[32], expect[256], err[256];
	void *buf;
	size_t len;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], "x", 1), 1);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	ck_assert_int_eq(loader_read_file(path, &buf, &len, 1 << 20, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "%s is a FIFO, not a regular file", path);
	ck_assert_str_eq(err, expect);
	ck_assert_ptr_null(buf);
	close(fds[0]);
	close(fds[1]);

	snprintf(fifo, sizeof(fifo), "%s/no-writer.fifo", tmpdir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(loader_read_file(fifo, &buf, &len, 1 << 20, err, sizeof(err)), -1);
	snprintf(expect, sizeof(expect), "%s is a FIFO, not a regular file", fifo);
	ck_assert_str_eq(err, expect);
	unlink(fifo);
}
END_TEST

static Suite *loader_suite(void)
{
	Suite *s = suite_create("loader");
	TCase *probe = tcase_create("probe");
	TCase *plan = tcase_create("plan");
	TCase *files = tcase_create("read_file");

	tcase_add_test(probe, test_probe_image);
	tcase_add_test(probe, test_probe_old_image);
	tcase_add_test(probe, test_probe_raw);
	tcase_add_test(probe, test_probe_errors);
	tcase_add_test(probe, test_probe_efi_image);
	suite_add_tcase(s, probe);

	tcase_add_test(plan, test_plan_image);
	tcase_add_test(plan, test_plan_image_text_offset_no_initrd);
	tcase_add_test(plan, test_plan_file_bigger_than_image_size);
	tcase_add_test(plan, test_plan_raw);
	tcase_add_test(plan, test_plan_raw_larger_than_half_ram);
	tcase_add_test(plan, test_plan_old_image_uses_raw_rule);
	tcase_add_test(plan, test_plan_unaligned_ram_base);
	tcase_add_test(plan, test_plan_image_too_big);
	tcase_add_test(plan, test_plan_image_fills_ram);
	tcase_add_test(plan, test_plan_initrd_too_big);
	tcase_add_test(plan, test_plan_exact_fit);
	tcase_add_test(plan, test_plan_dtb_limits);
	tcase_add_test(plan, test_plan_address_space);
	tcase_add_test(plan, test_plan_ram_base_near_top);
	tcase_add_test(plan, test_plan_sweep);
	suite_add_tcase(s, plan);

	tcase_add_checked_fixture(files, setup_tmpdir, teardown_tmpdir);
	tcase_add_test(files, test_read_file);
	tcase_add_test(files, test_read_file_errors);
	tcase_add_test(files, test_read_file_fifo);
	tcase_add_test(files, test_open_then_load);
	suite_add_tcase(s, files);
	return s;
}
UNIT_SUITE(loader_suite)
