// SPDX-License-Identifier: GPL-2.0
/*
 * Recognise the kernel image and lay out image, initrd and DTB in guest
 * RAM, following Linux's Documentation/arch/arm64/booting.rst and, for raw
 * binaries, what QEMU's -kernel does on the virt machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmm/loader.h"
#include "vmm/errmsg.h"

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

/* The arm64 Image header fields (booting.rst). */
#define HDR_TEXT_OFFSET	0x08
#define HDR_IMAGE_SIZE	0x10
#define HDR_FLAGS	0x18
#define HDR_MAGIC	0x38
#define HDR_PE_OFFSET	0x3c	/* "res5": offset of the PE header of an EFI stub */
#define HDR_FLAG_BE	(1ULL << 0)

/* PE/COFF, as far as the section table. */
#define PE_FILE_HDR_SIZE	24	/* "PE\0\0" + COFF file header */
#define PE_NR_SECTIONS		6
#define PE_OPT_HDR_SIZE		20
#define PE_SECTION_SIZE		40
#define PE_SEC_RAW_SIZE		16
#define PE_SEC_RAW_PTR		20

#define DTB_ALIGN	(4 * KiB)

/*
 * A readable size for messages: "20 MiB", "1.5 MiB", "300 KiB", "17 bytes".
 * A size that would print as a misleading "2.0 MiB" is given in bytes.
 */
struct size_str {
	char s[32];
};

static bool fmt_unit(struct size_str *r, uint64_t n, uint64_t unit, const char *name)
{
	uint64_t tenths;

	if (n < unit)
		return false;
	if (n % unit == 0) {
		snprintf(r->s, sizeof(r->s), "%llu %s", (unsigned long long)(n / unit), name);
		return true;
	}
	tenths = n / unit * 10 + (n % unit * 10 + unit / 2) / unit;
	if (tenths % 10 == 0)
		return false;
	snprintf(r->s, sizeof(r->s), "%llu.%llu %s", (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10), name);
	return true;
}

static struct size_str size_str(uint64_t n)
{
	struct size_str r;

	if (!(n % GiB == 0 && fmt_unit(&r, n, GiB, "GiB")) && !fmt_unit(&r, n, MiB, "MiB") &&
	    !fmt_unit(&r, n, KiB, "KiB"))
		snprintf(r.s, sizeof(r.s), "%llu bytes", (unsigned long long)n);
	return r;
}

static uint64_t le(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;

	for (unsigned int i = bytes; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

static uint64_t align_up(uint64_t x, uint64_t align)
{
	return (x + align - 1) & ~(align - 1);
}

/* ---- reading files ---- */

/* Read to EOF; stop at max + 1 bytes, which is enough to know it is too big. */
static int read_all(int fd, const char *path, size_t first, size_t max,
		    void **buf, size_t *len, char *err, size_t errlen)
{
	uint8_t *data = NULL;
	size_t used = 0, size = 0;

	for (;;) {
		ssize_t n;

		if (used == size) {
			size_t want = !size ? first : size > max / 2 ? max + 1 : 2 * size;
			uint8_t *bigger;

			if (size > max)
				break;
			bigger = realloc(data, want);
			if (!bigger) {
				free(data);
				return errmsg(err, errlen, "cannot read %s: out of memory", path);
			}
			data = bigger;
			size = want;
		}
		n = read(fd, data + used, size - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(data);
			return errmsg(err, errlen, "cannot read %s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		used += n;
	}
	if (used > max) {
		free(data);
		return errmsg(err, errlen, "%s does not fit: more than the %s that can be loaded", path,
			    size_str(max).s);
	}
	if (!used) {
		free(data);
		return errmsg(err, errlen, "%s is empty", path);
	}
	*buf = data;
	*len = used;
	return 0;
}

const char *loader_file_kind(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return "a regular file";
	case S_IFDIR:	return "a directory";
	case S_IFIFO:	return "a FIFO";
	case S_IFCHR:	return "a character device";
	case S_IFBLK:	return "a block device";
	case S_IFSOCK:	return "a socket";
	default:	return "not a regular file";
	}
}

/*
 * Only regular files: their size is known before reading, so nothing can
 * block (a FIFO without a writer) or stream without end (/dev/zero).
 */
static int open_file(const char *path, size_t max, bool allow_empty, int *fdp, size_t *size,
		     char *err, size_t errlen)
{
	struct quoted q = quoted(path);
	struct stat st;
	int fd, ret = 0;

	*fdp = -1;
	*size = 0;
	if (!path[0])
		return errmsg(err, errlen, "the file name is empty");
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;

		if (!stat(path, &st) && !S_ISREG(st.st_mode))
			return errmsg(err, errlen, "%s is %s, not a regular file", q.s,
				      loader_file_kind(st.st_mode));
		return errmsg(err, errlen, "cannot open %s: %s", q.s, strerror(e));
	}
	if (fstat(fd, &st))
		ret = errmsg(err, errlen, "cannot read %s: %s", q.s, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		ret = errmsg(err, errlen, "%s is %s, not a regular file", q.s, loader_file_kind(st.st_mode));
	else if ((uint64_t)st.st_size > max)
		ret = errmsg(err, errlen, "%s (%s) does not fit: at most %s can be loaded", q.s,
			     size_str(st.st_size).s, size_str(max).s);
	else if (!st.st_size && !allow_empty)
		ret = errmsg(err, errlen, "%s is empty", q.s);
	if (ret) {
		close(fd);
		return ret;
	}
	*fdp = fd;
	*size = st.st_size;
	return 0;
}

int loader_open_file(const char *path, size_t max, int *fd, size_t *size,
		     char *err, size_t errlen)
{
	return open_file(path, max, false, fd, size, err, errlen);
}

int loader_read_file(const char *path, void **buf, size_t *len, size_t max,
		     char *err, size_t errlen)
{
	size_t size;
	int fd, ret;

	*buf = NULL;
	*len = 0;
	if (max == SIZE_MAX)
		max--;	/* read_all needs max + 1 */
	/* Size 0 is read too: a file under /proc or /sys says 0 and has more. */
	if (open_file(path, max, true, &fd, &size, err, errlen))
		return -1;
	/* + 1: EOF is then seen without growing the buffer (unless the file grew). */
	ret = read_all(fd, quoted(path).s, size + 1, max, buf, len, err, errlen);
	close(fd);
	return ret;
}

/* pread until @len bytes or end of file; returns the count, or -1 with errno. */
static ssize_t pread_full(int fd, void *buf, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (uint8_t *)buf + done, len - done, off + done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += n;
	}
	return done;
}

int loader_read_head(int fd, const char *path, void *buf, size_t len, size_t *got,
		     char *err, size_t errlen)
{
	ssize_t n = pread_full(fd, buf, len, 0);

	if (n < 0)
		return errmsg(err, errlen, "cannot read %s: %s", quoted(path).s, strerror(errno));
	*got = n;
	return 0;
}

int loader_load_fd(int fd, const char *path, size_t size, void *dst, char *err, size_t errlen)
{
	ssize_t n = pread_full(fd, dst, size, 0), extra = 0;
	uint8_t more;

	if (n == (ssize_t)size)
		extra = pread_full(fd, &more, 1, size);
	if (n < 0 || extra < 0)
		return errmsg(err, errlen, "cannot read %s: %s", quoted(path).s, strerror(errno));
	if ((size_t)n != size || extra)	/* shorter than it was, or longer */
		return errmsg(err, errlen, "%s changed while it was being loaded (it had %s)",
			      quoted(path).s, size_str(size).s);
	return 0;
}

/* ---- recognising the image ---- */

/*
 * Bounds no real EFI-stub kernel comes near (Linux puts its PE header at
 * 0x40 and has a handful of sections; PE/COFF itself allows 96): a header
 * beyond them is corrupt, not the start of a file that was cut short.
 */
#define PE_OFFSET_MAX	(4 * KiB)
#define PE_SECTIONS_MAX	96
#define PE_END_MAX	(1 * GiB)
/* Everything pe_check() reads lies within the first LOADER_PROBE_BYTES. */
_Static_assert(PE_OFFSET_MAX + PE_FILE_HDR_SIZE + 0xffff + PE_SECTIONS_MAX * PE_SECTION_SIZE
	       <= LOADER_PROBE_BYTES, "the probe must see the whole PE section table");

/*
 * An EFI-stub Image (every distribution kernel) starts with "MZ" and has a
 * PE/COFF header whose section table says where in the file each section's
 * bytes are: a file that ends before the last of them was cut short. Without
 * such a header nothing says how long the file should be (image_size counts
 * the bss, which the file does not hold). Returns 0, or -1 with @err for a
 * truncated file or a corrupt header.
 */
static int truncated(uint64_t needed, size_t len, char *err, size_t errlen)
{
	return errmsg(err, errlen, "image is truncated: its header describes %s but the file has %s",
		      size_str(needed).s, size_str(len).s);
}

static int pe_check(const uint8_t *p, size_t len, char *err, size_t errlen)
{
	uint64_t pe, table, nr_sections, needed;

	if (p[0] != 'M' || p[1] != 'Z')
		return 0;
	pe = le(p + HDR_PE_OFFSET, 4);
	if (pe > PE_OFFSET_MAX)
		return errmsg(err, errlen, "image has a corrupt EFI header: PE header offset 0x%llx",
			      (unsigned long long)pe);
	if (pe + PE_FILE_HDR_SIZE > len)
		return truncated(pe + PE_FILE_HDR_SIZE, len, err, errlen);
	if (memcmp(p + pe, "PE\0\0", 4))
		return 0;	/* "MZ" by chance: not an EFI stub */
	nr_sections = le(p + pe + PE_NR_SECTIONS, 2);
	if (nr_sections > PE_SECTIONS_MAX)
		return errmsg(err, errlen, "image has a corrupt EFI header: %llu sections",
			      (unsigned long long)nr_sections);
	table = pe + PE_FILE_HDR_SIZE + le(p + pe + PE_OPT_HDR_SIZE, 2);
	needed = table + nr_sections * PE_SECTION_SIZE;
	if (needed > len)
		return truncated(needed, len, err, errlen);
	for (uint64_t i = 0; i < nr_sections; i++) {
		const uint8_t *sec = p + table + i * PE_SECTION_SIZE;
		uint64_t end = le(sec + PE_SEC_RAW_PTR, 4) + le(sec + PE_SEC_RAW_SIZE, 4);

		if (end > PE_END_MAX)
			return errmsg(err, errlen, "image has a corrupt EFI header: section %llu ends at %s",
				      (unsigned long long)i, size_str(end).s);
		if (end > needed)
			needed = end;
	}
	return needed > len ? truncated(needed, len, err, errlen) : 0;
}

static void probe_raw(size_t len, struct image_info *info)
{
	info->is_linux_image = false;
	info->text_offset = LOADER_DEFAULT_TEXT_OFFSET;
	info->image_size = len;
	info->footprint_known = false;
}

int loader_probe_head(const void *buf, size_t head, size_t len, struct image_info *info,
		      char *err, size_t errlen)
{
	const uint8_t *p = buf;

	memset(info, 0, sizeof(*info));
	info->file_size = len;
	if (!len)
		return errmsg(err, errlen, "image is empty");
	if (head < len && head < LOADER_PROBE_BYTES)
		return errmsg(err, errlen, "internal error: %zu bytes of the image to probe", head);
	if (len < LOADER_HEADER_SIZE || le(p + HDR_MAGIC, 4) != LOADER_IMAGE_MAGIC) {
		probe_raw(len, info);
		return 0;
	}

	info->is_linux_image = true;
	info->text_offset = le(p + HDR_TEXT_OFFSET, 8);
	info->image_size = le(p + HDR_IMAGE_SIZE, 8);
	info->flags = le(p + HDR_FLAGS, 8);
	info->footprint_known = true;
	if (info->flags & HDR_FLAG_BE)
		return errmsg(err, errlen, "image is a big-endian kernel; only little-endian kernels can run");
	if (info->image_size == 0) {
		/* Before Linux 3.17 the header had no size; booting.rst: assume 0x80000. */
		info->text_offset = LOADER_DEFAULT_TEXT_OFFSET;
		info->image_size = len;
		info->footprint_known = false;
	}
	return pe_check(p, len, err, errlen);
}

int loader_probe(const void *buf, size_t len, struct image_info *info,
		 char *err, size_t errlen)
{
	return loader_probe_head(buf, len, len, info, err, errlen);
}

/* ---- placing image, initrd and DTB ---- */

struct ram {
	uint64_t base, end, size;
};

static int place_kernel(const struct image_info *info, const struct ram *ram,
			struct boot_layout *l, char *err, size_t errlen)
{
	uint64_t base = align_up(ram->base, LOADER_KERNEL_ALIGN);
	uint64_t footprint = info->image_size > info->file_size ? info->image_size : info->file_size;
	char where[48] = "";

	if (base >= ram->end || info->text_offset >= ram->end - base ||
	    footprint > ram->end - base - info->text_offset) {
		if (info->text_offset)
			snprintf(where, sizeof(where), " at offset 0x%llx",
				 (unsigned long long)info->text_offset);
		return errmsg(err, errlen, "image (%s%s) does not fit in %s of RAM",
			    size_str(footprint).s, where, size_str(ram->size).s);
	}
	l->kernel_addr = base + info->text_offset;
	l->entry = l->kernel_addr;
	l->kernel_end = l->kernel_addr + footprint;
	return 0;
}

/* Where the initrd and the DTB may start (see loader.h). */
static uint64_t payload_start(const struct image_info *info, const struct ram *ram,
			      const struct boot_layout *l)
{
	uint64_t start = l->kernel_end;

	if (!info->footprint_known) {
		uint64_t gap = ram->size / 2 < LOADER_RAW_PAYLOAD_MAX ?
			       ram->size / 2 : LOADER_RAW_PAYLOAD_MAX;

		if (ram->base + gap > start)
			start = ram->base + gap;
	}
	return align_up(start, LOADER_KERNEL_ALIGN);
}

static uint64_t room_from(const struct ram *ram, uint64_t addr)
{
	return addr < ram->end ? ram->end - addr : 0;
}

int loader_plan(const struct image_info *info, uint64_t ram_base, uint64_t ram_size,
		uint64_t initrd_size, uint64_t dtb_size, struct boot_layout *layout,
		char *err, size_t errlen)
{
	struct ram ram = { .base = ram_base, .end = ram_base + ram_size, .size = ram_size };
	uint64_t next;

	memset(layout, 0, sizeof(*layout));
	/* Room for the alignments below, so no address computed here wraps. */
	if (ram_base > UINT64_MAX - 2 * LOADER_KERNEL_ALIGN ||
	    ram_size > UINT64_MAX - 2 * LOADER_KERNEL_ALIGN - ram_base)
		return errmsg(err, errlen, "RAM of %s at 0x%llx exceeds the address space",
			    size_str(ram_size).s, (unsigned long long)ram_base);
	if (!dtb_size)
		return errmsg(err, errlen, "device tree is empty");
	if (dtb_size > LOADER_DTB_MAX_SIZE)
		return errmsg(err, errlen, "device tree is larger than 2 MiB (%s)",
			    size_str(dtb_size).s);
	if (place_kernel(info, &ram, layout, err, errlen))
		return -1;

	next = payload_start(info, &ram, layout);
	if (initrd_size) {
		if (initrd_size > room_from(&ram, next))
			return errmsg(err, errlen, "initrd (%s) does not fit in %s of RAM (%s free above the image)",
				    size_str(initrd_size).s, size_str(ram_size).s,
				    size_str(room_from(&ram, next)).s);
		layout->initrd_addr = next;
		layout->initrd_size = initrd_size;
		next += initrd_size;
	}

	next = align_up(next, DTB_ALIGN);
	if (dtb_size > room_from(&ram, next))
		return errmsg(err, errlen, "device tree (%s) does not fit in %s of RAM above the image%s",
			    size_str(dtb_size).s, size_str(ram_size).s,
			    initrd_size ? " and the initrd" : "");
	layout->dtb_addr = next;
	layout->dtb_max = dtb_size;
	return 0;
}
