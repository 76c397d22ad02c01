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
#include <sys/types.h>

/* Linux arm64 boot protocol limit (Documentation/arch/arm64/booting.rst). */
#define LOADER_DTB_MAX_SIZE	(2ULL << 20)

#define LOADER_HEADER_SIZE	64		/* the arm64 Image header */
#define LOADER_IMAGE_MAGIC	0x644d5241U	/* "ARM\x64" at 0x38, little-endian */
#define LOADER_KERNEL_ALIGN	(2ULL << 20)	/* the Image's base is 2 MiB aligned */
/* Raw binaries (like QEMU -kernel on virt) and pre-3.17 Images load here. */
#define LOADER_DEFAULT_TEXT_OFFSET 0x80000ULL
/* Raw binary: initrd and DTB go at RAM + min(RAM / 2, this), as QEMU does. */
#define LOADER_RAW_PAYLOAD_MAX	(128ULL << 20)

struct image_info {
	bool is_linux_image;	/* arm64 Image header with "ARM\x64" magic */
	uint64_t text_offset;	/* from the header; 0x80000 for a raw binary */
	uint64_t image_size;	/* memory footprint incl. bss from the header; file size for raw */
	size_t file_size;
	uint64_t flags;		/* the header's flags (0 for raw) */
	/*
	 * false for a raw binary and for a pre-3.17 Image (image_size 0): their
	 * bss and stack are unknown, so the initrd and DTB are kept well away.
	 */
	bool footprint_known;
};

struct boot_layout {
	uint64_t kernel_addr;	/* guest physical load address of the image's first byte */
	uint64_t entry;		/* PC of vCPU 0 (== kernel_addr) */
	uint64_t kernel_end;	/* end of the footprint the image may touch */
	uint64_t initrd_addr, initrd_size;	/* size 0: no initrd */
	uint64_t dtb_addr, dtb_max;	/* where the DTB goes and how much room it has */
};

/*
 * Read all of the regular file @path into a malloc'ed @buf. Fails with a
 * one-line @err naming the file when the name is empty, it cannot be opened
 * or read, is not a regular file (a FIFO, a device, a directory...), is
 * empty, or holds more than @max bytes. Never blocks on a FIFO.
 */
int loader_read_file(const char *path, void **buf, size_t *len, size_t max,
		     char *err, size_t errlen);

/*
 * The same checks as loader_read_file (an empty file is refused too), but
 * only open @path: returns its descriptor in @fd and its size. Its contents
 * are read later by loader_read_head and loader_load_fd, so that a large
 * file costs nothing until the VM that needs it exists.
 */
int loader_open_file(const char *path, size_t max, int *fd, size_t *size,
		     char *err, size_t errlen);

/* Read the first @len bytes of @fd (fewer at end of file: @got says how many). */
int loader_read_head(int fd, const char *path, void *buf, size_t len, size_t *got,
		     char *err, size_t errlen);

/*
 * Read the whole file open on @fd, which loader_open_file found to hold
 * @size bytes, into @dst. A file that has since shrunk or grown is refused.
 */
int loader_load_fd(int fd, const char *path, size_t size, void *dst, char *err, size_t errlen);

/* "a regular file", "a directory", "a FIFO", ... for messages. */
const char *loader_file_kind(mode_t mode);

/*
 * Inspect an image file's contents. A file of LOADER_HEADER_SIZE bytes or
 * more with the magic is an arm64 Image; anything else that is not empty is
 * a raw binary. An Image whose EFI (PE/COFF) header describes more bytes
 * than the file holds is truncated. Returns 0, or -1 with a one-line @err.
 */
int loader_probe(const void *buf, size_t len, struct image_info *info,
		 char *err, size_t errlen);

/* Enough of an image's start for loader_probe_head: its PE/COFF header at most. */
#define LOADER_PROBE_BYTES	(128 * 1024)

/* loader_probe on the first @head bytes (at least LOADER_PROBE_BYTES, or all) of an image of @len bytes. */
int loader_probe_head(const void *buf, size_t head, size_t len, struct image_info *info,
		      char *err, size_t errlen);

/*
 * Place image, initrd and DTB in RAM [ram_base, ram_base + ram_size):
 *  - the image at the 2 MiB aligned RAM base + text_offset (0x80000 for raw);
 *  - the "payload" (initrd, then DTB) starts at a 2 MiB boundary: right
 *    above max(image_size, file size) for an Image, and for a raw binary or
 *    a pre-3.17 Image at RAM base + min(RAM / 2, 128 MiB) like QEMU (higher
 *    if the file itself reaches beyond that);
 *  - the initrd at the payload start, the DTB after it on a 4 KiB boundary
 *    with @dtb_size bytes of room (dtb_max), at most LOADER_DTB_MAX_SIZE.
 * Returns 0, or -1 with a one-line @err when something does not fit.
 */
int loader_plan(const struct image_info *info, uint64_t ram_base, uint64_t ram_size,
		uint64_t initrd_size, uint64_t dtb_size, struct boot_layout *layout,
		char *err, size_t errlen);

#endif
