// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the committed seed corpus, tests/fuzz/corpus/<target>/<seed>, in
 * the encodings of tests/fuzz/inputs.h: `make fuzz-seeds`. Each seed is a
 * readable function below, so a reader sees what the fuzzer starts from:
 * Linux's GIC bring-up, IPIs, timer PPIs, UART SPIs and EOImode 1 for the
 * vgic; the image kinds the loader knows; typical command lines; the PL011
 * as Linux's driver uses it.
 *
 * Usage: seeds DIR   (DIR/vgic, DIR/loader, ... are created)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fdt/fdt.h"
#include "tests/fuzz/inputs.h"
#include "vgic/gicv2_regs.h"

struct seed {
	uint8_t b[16384];
	size_t n;
};

static struct seed s;
static const char *dir;

static void put(uint64_t v, unsigned int bytes)
{
	if (s.n + bytes > sizeof(s.b)) {
		fprintf(stderr, "seeds: seed too large\n");
		exit(1);
	}
	for (unsigned int i = 0; i < bytes; i++)
		s.b[s.n++] = v >> (8 * i);
}

static void put_bytes(const void *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		put(((const uint8_t *)p)[i], 1);
}

static void mkdir_p(const char *path)
{
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		exit(1);
	}
}

static void save(const char *target, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, target);
	mkdir_p(path);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, target, name);
	f = fopen(path, "wb");
	if (!f || fwrite(s.b, 1, s.n, f) != s.n || fclose(f)) {
		perror(path);
		exit(1);
	}
	s.n = 0;
}

/* ---- vgic ---- */

static void machine(unsigned int cpus, unsigned int spis)
{
	put(VF_MACHINE(cpus, spis), 1);
}

static void dread(unsigned int cpu, uint32_t off)
{
	put(VF_OP(VF_DREAD, cpu, VF_WIDTH_ARG(4)), 1);
	put(off, 2);
}

static void dwrite_w(unsigned int cpu, uint32_t off, unsigned int width, uint32_t val)
{
	put(VF_OP(VF_DWRITE, cpu, VF_WIDTH_ARG(width)), 1);
	put(off, 2);
	put(val, 4);
}

static void dwrite(unsigned int cpu, uint32_t off, uint32_t val)
{
	dwrite_w(cpu, off, 4, val);
}

static void cread(unsigned int cpu, uint32_t off)
{
	put(VF_OP(VF_CREAD, cpu, VF_WIDTH_ARG(4)), 1);
	put(off, 2);
}

static void cwrite(unsigned int cpu, uint32_t off, uint32_t val)
{
	put(VF_OP(VF_CWRITE, cpu, VF_WIDTH_ARG(4)), 1);
	put(off, 2);
	put(val, 4);
}

/* GICD_SGIR from @cpu; @filter 0 list, 1 all but self, 2 self. */
static void sgir(unsigned int cpu, unsigned int filter, unsigned int list, unsigned int id)
{
	put(VF_OP(VF_SGIR, cpu, filter), 1);
	put(id, 1);
	put(list, 1);
}

enum { LOW, HIGH, PULSE };

static void level(unsigned int intid, unsigned int cpu, unsigned int how, unsigned int nr_spis)
{
	put(VF_OP(VF_LEVEL, cpu, how), 1);
	put((intid - 16) % (nr_spis + 24), 1);
}

static void iar(unsigned int cpu) { cread(cpu, GICC_IAR); }
static void eoir(unsigned int cpu, uint32_t v) { cwrite(cpu, GICC_EOIR, v); }
static void dir_(unsigned int cpu, uint32_t v) { cwrite(cpu, GICC_DIR, v); }
static void drain(void) { put(VF_OP(VF_MISC, 0, 1), 1); }

/* drivers/irqchip/irq-gic.c: gic_dist_init(), as the boot CPU runs it. */
static void linux_dist_init(unsigned int nr_irqs)
{
	dread(0, GICD_TYPER);
	dwrite(0, GICD_CTLR, 0);
	dread(0, GICD_ITARGETSR);		/* gic_get_cpumask() */
	for (unsigned int i = 32; i < nr_irqs; i += 4)
		dwrite(0, GICD_ITARGETSR + i, 0x01010101);
	for (unsigned int i = 32; i < nr_irqs; i += 16)
		dwrite(0, GICD_ICFGR + i / 4, 0);	/* level-triggered */
	for (unsigned int i = 32; i < nr_irqs; i += 4)
		dwrite(0, GICD_IPRIORITYR + i, 0xa0a0a0a0);
	for (unsigned int i = 32; i < nr_irqs; i += 32) {
		dwrite(0, GICD_ICACTIVER + i / 8, 0xffffffff);
		dwrite(0, GICD_ICENABLER + i / 8, 0xffffffff);
	}
	dwrite(0, GICD_CTLR, 1);
}

/* gic_cpu_init() + gic_cpu_if_up() on @cpu; EOImode 1 when @eoimode1. */
static void linux_cpu_init(unsigned int cpu, int eoimode1)
{
	dread(cpu, GICD_ITARGETSR);
	dwrite(cpu, GICD_ICACTIVER, 0xffffffff);
	dwrite(cpu, GICD_ICENABLER, 0xffff0000);
	dwrite(cpu, GICD_ISENABLER, 0x0000ffff);
	for (unsigned int i = 0; i < 32; i += 4)
		dwrite(cpu, GICD_IPRIORITYR + i, 0xa0a0a0a0);
	cwrite(cpu, GICC_PMR, 0xf0);
	cread(cpu, GICC_CTLR);
	cwrite(cpu, GICC_CTLR, 1 | (eoimode1 ? 1u << 9 : 0));
}

static void linux_init(unsigned int cpus, unsigned int spis, int eoimode1)
{
	machine(cpus, spis);
	cread(0, GICC_IIDR);
	linux_dist_init(32 + spis);
	for (unsigned int c = 0; c < cpus; c++)
		linux_cpu_init(c, eoimode1);
}

#define TIMER	27	/* virtual timer PPI */
#define UART	33	/* SPI 1 */

static void enable(unsigned int cpu, unsigned int intid)
{
	dwrite(cpu, GICD_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

static void seed_linux_init(unsigned int cpus, unsigned int spis, const char *name)
{
	linux_init(cpus, spis, 0);
	drain();
	save("vgic", name);
}

/* smp_cross_call: an IPI to one CPU, a broadcast, a self-IPI; each handled. */
static void seed_ipi(void)
{
	linux_init(4, 32, 0);
	sgir(0, 0, 1u << 2, 1);		/* IPI_CALL_FUNC to CPU 2 */
	iar(2);
	eoir(2, 1);
	sgir(1, 1, 0, 0);		/* IPI_RESCHEDULE to all but CPU 1 */
	for (unsigned int c = 0; c < 4; c++) {
		if (c == 1)
			continue;
		iar(c);
		eoir(c, 1u << 10 | 0);
	}
	sgir(3, 2, 0, 5);		/* to itself */
	iar(3);
	eoir(3, 3u << 10 | 5);
	sgir(0, 0, 0x6, 2);		/* two senders, one pending SGI on CPU 1 */
	sgir(3, 0, 0x2, 2);
	sgir(0, 0, 0x2, 2);		/* coalesces */
	iar(1);
	eoir(1, 2);
	iar(1);
	eoir(1, 3u << 10 | 2);
	drain();
	save("vgic", "ipi-4cpu");
}

/* The arch timer: level high, IAR, the handler reprograms it (level low), EOIR. */
static void seed_timer(void)
{
	linux_init(2, 32, 0);
	for (unsigned int c = 0; c < 2; c++) {
		enable(c, TIMER);
		dwrite(c, GICD_ICFGR + 4, 0);	/* PPIs level */
	}
	for (unsigned int round = 0; round < 3; round++) {
		for (unsigned int c = 0; c < 2; c++) {
			level(TIMER, c, HIGH, 32);
			iar(c);
			level(TIMER, c, LOW, 32);
			eoir(c, TIMER);
		}
	}
	level(TIMER, 1, HIGH, 32);	/* still high at EOI: taken again */
	iar(1);
	eoir(1, TIMER);
	iar(1);
	level(TIMER, 1, LOW, 32);
	eoir(1, TIMER);
	drain();
	save("vgic", "timer-ppi-2cpu");
}

/* The PL011's SPI: to CPU 0, moved to CPU 1 (irq affinity), then 1-of-N. */
static void seed_uart(void)
{
	linux_init(2, 64, 0);
	dwrite_w(0, GICD_ITARGETSR + UART, 1, 0x01);
	enable(0, UART);
	level(UART, 0, HIGH, 64);
	iar(0);
	level(UART, 0, LOW, 64);	/* the driver read the FIFO */
	eoir(0, UART);
	dwrite_w(0, GICD_ITARGETSR + UART, 1, 0x02);
	level(UART, 0, HIGH, 64);
	iar(1);
	level(UART, 0, LOW, 64);
	eoir(1, UART);
	dwrite_w(0, GICD_ITARGETSR + UART, 1, 0x03);
	level(UART, 0, HIGH, 64);
	iar(1);				/* one CPU claims it */
	iar(0);				/* the other sees nothing */
	level(UART, 0, LOW, 64);
	eoir(1, UART);
	dwrite(0, GICD_ICFGR + 8, 2u << 2);	/* SPI 33 edge: pulses latch */
	level(UART, 0, PULSE, 64);
	iar(0);
	eoir(0, UART);
	drain();
	save("vgic", "uart-spi-2cpu");
}

/* EOImode 1 (Linux booted at EL2 uses it): EOIR drops the priority, DIR deactivates. */
static void seed_eoimode1(void)
{
	linux_init(2, 32, 1);
	enable(0, TIMER);
	sgir(1, 0, 1, 3);
	iar(0);
	eoir(0, 1u << 10 | 3);		/* priority dropped, still active */
	dir_(0, 1u << 10 | 3);
	level(TIMER, 0, HIGH, 32);
	iar(0);
	eoir(0, TIMER);
	sgir(1, 0, 1, 3);		/* taken before the timer is deactivated */
	iar(0);
	eoir(0, 1u << 10 | 3);
	dir_(0, 3);
	level(TIMER, 0, LOW, 32);
	dir_(0, TIMER);
	put(VF_OP(VF_ACK, 1, 2), 1);	/* IAR, EOIR, DIR on CPU 1 */
	drain();
	save("vgic", "eoimode1-2cpu");
}

/* A higher-priority SGI preempts an active SPI; EOIs in reverse order. */
static void seed_preempt(void)
{
	linux_init(2, 32, 0);
	dwrite_w(0, GICD_IPRIORITYR + 40, 1, 0xc0);
	dwrite_w(0, GICD_ITARGETSR + 40, 1, 0x01);
	enable(0, 40);
	dwrite_w(0, GICD_IPRIORITYR + 6, 1, 0x40);
	dwrite(0, GICD_ISPENDR + 4, 1u << 8);	/* SPI 40 pending by software */
	iar(0);
	cread(0, GICC_RPR);
	sgir(1, 0, 1, 6);
	cread(0, GICC_HPPIR);
	iar(0);
	cread(0, GICC_APR0);
	eoir(0, 1u << 10 | 6);
	eoir(0, 40);
	cwrite(0, GICC_PMR, 0x40);	/* masks priority 0x40 and lower */
	sgir(1, 0, 1, 6);
	iar(0);
	cwrite(0, GICC_BPR, 7);		/* one group: no preemption at all */
	cwrite(0, GICC_PMR, 0xf8);
	drain();
	save("vgic", "preempt-2cpu");
}

static void cread_w(unsigned int cpu, uint32_t off, unsigned int width)
{
	put(VF_OP(VF_CREAD, cpu, VF_WIDTH_ARG(width)), 1);
	put(off, 2);
}

static void dread_w(unsigned int cpu, uint32_t off, unsigned int width)
{
	put(VF_OP(VF_DREAD, cpu, VF_WIDTH_ARG(width)), 1);
	put(off, 2);
}

/* Every register once, and each kind of misuse the vgic sources document. */
static void seed_registers(void)
{
	static const uint32_t gicc[] = {
		GICC_CTLR, GICC_PMR, GICC_BPR, GICC_RPR, GICC_HPPIR, GICC_ABPR, GICC_AIAR,
		GICC_AHPPIR, GICC_APR0, 0xd4, 0xe0, GICC_NSAPR3, GICC_IIDR, 0x100, GICC_EOIR,
		GICC_AEOIR, GICC_DIR,
	};

	machine(2, 32);
	for (uint32_t off = 0; off < 0x1000; off += 0x80)
		dread(1, off);
	for (uint32_t off = GICD_ID_BASE; off < 0x1000; off += 4)
		dread(1, off);
	dread(1, GICD_IIDR);
	dread(1, GICD_SGIR);				/* write-only */
	dread_w(1, GICD_IPRIORITYR + 3, 1);
	dread_w(1, GICD_IPRIORITYR + 2, 2);		/* no halfwords */
	dread_w(1, GICD_SPENDSGIR + 5, 1);
	dread_w(1, GICD_CTLR + 1, 4);			/* misaligned */
	dread_w(1, GICD_CTLR, 8);
	for (unsigned int i = 0; i < sizeof(gicc) / sizeof(gicc[0]); i++)
		cread(0, gicc[i]);
	cread_w(0, GICC_CTLR, 1);
	cread(0, 0x2000);				/* beyond the 8 KiB */
	dwrite(0, GICD_TYPER, 0);			/* read-only */
	dwrite(0, GICD_ICFGR, 0);
	dwrite(0, GICD_ITARGETSR, 0x01010101);
	dwrite(0, 0x00c, 1);				/* reserved */
	dwrite(0, 0xd00, 1);
	dwrite(0, GICD_IGROUPR, 0xffffffff);		/* RAZ/WI */
	sgir(0, 3, 1, 0);				/* reserved filter */
	cwrite(0, GICC_ABPR, 0);
	cwrite(0, GICC_APR0, 0x80000000);		/* running priority 0xf8 */
	cwrite(0, 0xd4, 1);				/* APR1: WI */
	cwrite(0, GICC_IAR, 0);				/* read-only */
	cwrite(0, 0x100, 0);				/* reserved */
	eoir(0, 1022);					/* special INTID: ignored */
	eoir(0, 1000);					/* no such INTID */
	cwrite(0, GICC_APR0, 0);
	eoir(0, 5);					/* nothing active */
	dir_(0, 5);					/* EOImode 0 */
	cwrite(0, GICC_AEOIR, 5);
	put(VF_OP(VF_MISC, 1, 3), 1);			/* calls that must be ignored */
	save("vgic", "registers-and-misuse-2cpu");
}

static void vgic_seeds(void)
{
	seed_linux_init(1, 0, "linux-init-1cpu");
	seed_linux_init(4, 64, "linux-init-4cpu");
	seed_linux_init(8, 96, "linux-init-8cpu");
	seed_ipi();
	seed_timer();
	seed_uart();
	seed_eoimode1();
	seed_preempt();
	seed_registers();
}

/* ---- loader ---- */

/* An arm64 Image header; an EFI stub's PE header and sections when @pe. */
static void image(size_t len, uint64_t text_offset, uint64_t image_size, int pe)
{
	uint8_t *p = calloc(1, len), *sec;

	memcpy(p + 0x08, &text_offset, 8);
	memcpy(p + 0x10, &image_size, 8);
	memcpy(p + 0x38, "ARM\x64", 4);
	if (pe) {
		p[0] = 'M';
		p[1] = 'Z';
		p[0x3c] = 0x40;
		memcpy(p + 0x40, "PE\0\0", 4);
		p[0x40 + 6] = 1;	/* one section */
		p[0x40 + 20] = 0;	/* no optional header */
		sec = p + 0x40 + 24;
		memcpy(sec, ".text", 5);
		sec[16] = (len - 0x100) & 0xff;	/* raw size */
		sec[17] = (len - 0x100) >> 8;
		sec[20] = 0x00;			/* raw pointer 0x100 */
		sec[21] = 0x01;
	}
	put(len, 2);
	put_bytes(p, len);
	free(p);
}

static void loader_head(unsigned int flags, uint32_t ram_64k, uint32_t initrd_256, uint32_t dtb)
{
	put(flags, 1);
	put(ram_64k, 4);
	put(initrd_256, 4);
	put(dtb, 4);
}

/* A real minivmm device tree for fdt_check_blob, as the generated one. */
static void dtb(unsigned int cpus)
{
	struct fdt_machine m = {
		.nr_cpus = cpus, .ram_base = 0x40000000, .ram_size = 256 << 20,
		.bootargs = "console=ttyAMA0", .initrd_start = 0x48000000,
		.initrd_end = 0x48400000,
	};
	static uint8_t buf[4096];
	char err[128];
	long len;

	for (unsigned int i = 0; i < cpus; i++)
		m.mpidr[i] = 0x80000000 | i;
	len = fdt_build(&m, buf, sizeof(buf), err, sizeof(err));
	if (len < 0) {
		fprintf(stderr, "seeds: %s\n", err);
		exit(1);
	}
	put(len, 2);
	put_bytes(buf, len);
}

static void machine_tail(unsigned int cpus, const char *bootargs)
{
	for (unsigned int i = 0; i < 8; i++)
		put(i < cpus ? i : 0, 4);
	put(0, 2);
	put_bytes(bootargs, strlen(bootargs));
}

static void loader_seeds(void)
{
	/* An EFI-stub Image, 256 MiB, a 4 MiB initrd, a 4-CPU device tree. */
	loader_head(LF_CPUS(4), 256 << 4, (4 << 20) >> 8, 0x2000);
	image(0x400, 0, 0x200000, 1);
	dtb(4);
	machine_tail(4, "console=ttyAMA0 earlycon");
	save("loader", "efi-image-256m");

	/* A raw binary (guest.img, the e2e guests): no header. */
	loader_head(LF_CPUS(2), 64 << 4, 0, 0x1000);
	put(16, 2);
	put_bytes("\x00\x00\x80\xd2\x01\x00\x00\xd4\x00\x00\x00\x14\x1f\x20\x03\xd5", 16);
	put(0, 2);
	machine_tail(2, "");
	save("loader", "raw-64m");

	/* A pre-3.17 Image: image_size 0, text_offset ignored. */
	loader_head(LF_CPUS(1), 16 << 4, (1 << 20) >> 8, 0x1000);
	image(0x40, 0x80000, 0, 0);
	dtb(1);
	machine_tail(1, "quiet");
	save("loader", "old-image-16m");

	/* A truncated EFI stub and RAM near the top of the address space. */
	put(LF_RAM_BASE | LF_RAW_SIZES | LF_CPUS(8), 1);
	put(0xffffffffff000000ull, 8);
	put(0x800000, 8);
	put(0, 8);
	put(0x200000, 8);
	image(0x200, 0x80000, 0x100000, 1);
	s.b[s.n - 0x200 + 0x40 + 24 + 16] = 0xff;	/* section larger than the file */
	dtb(8);
	machine_tail(8, "");
	save("loader", "truncated-top-of-space");
}

/* ---- options ---- */

static void args(const char *const *argv)
{
	for (; *argv; argv++)
		put_bytes(*argv, strlen(*argv) + 1);
}

#define ARGS(name, ...) do {					\
	args((const char *const[]){ __VA_ARGS__, NULL });	\
	save("options", name);					\
} while (0)

static void options_seeds(void)
{
	ARGS("run", "-c", "4", "-m", "512M", "-a", "console=ttyAMA0 earlycon", "guest.img");
	ARGS("long", "--cpus=8", "--mem=1G", "--initrd", "initrd.cpio", "--strict-mmio",
	     "--debug-gic", "Image");
	ARGS("dtb", "--dtb", "virt.dtb", "--append=quiet", "--", "-image-");
	ARGS("dump-dtb", "--dump-dtb", "/dev/stdout", "-c2", "-m", "65536K", "x");
	ARGS("help", "--help");
	ARGS("version", "--version");
	ARGS("bad", "--d", "-c", "9", "-m", "1T", "-q", "--cpus", "0x2", "-i", "", "\x1b[31m\n");
	ARGS("missing", "img", "-m");
	ARGS("faults", "-c", "4", "--sgi-delay", "CALL_FUNC:0>1=100", "--sgi-drop=2=0.5",
	     "--sgi-dup", "RESCHEDULE=1", "--fault-seed", "7", "--stats=json", "s.json", "img");
	ARGS("irqchip", "--irqchip=kernel", "--stats", "-m", "2G", "Image");
	ARGS("trace", "--trace", "t.json", "--trace-format=csv", "--thp=off", "Image");
	ARGS("irq-inject", "--irq-inject=kick", "--irq-inject=direct", "--irq-inject=kick", "Image");
	ARGS("line-drop", "--line-drop=0.25", "--fault-seed", "3", "Image");
	ARGS("trace-same-file", "--trace", "s.json", "--stats=json", "s.json", "Image");
}

/* ---- pl011 ---- */

static void uread(uint32_t off, unsigned int width)
{
	put(PF_OP(PF_READ, width), 1);
	put(off, 2);
}

static void uwrite(uint32_t off, unsigned int width, uint32_t v)
{
	put(PF_OP(PF_WRITE, width), 1);
	put(off, 2);
	put(v, 4);
}

static void ureceive(const char *bytes)
{
	put(PF_OP(PF_RECEIVE, 4), 1);
	put(strlen(bytes), 1);
	put_bytes(bytes, strlen(bytes));
}

static void uread_dr(unsigned int n)
{
	put(PF_OP(PF_READ_DR, 4), 1);
	put(n, 1);
}

/* amba-pl011.c: probe (IDs), startup, console writes, RX interrupts. */
static void pl011_seeds(void)
{
	for (uint32_t off = 0xfe0; off < 0x1000; off += 4)
		uread(off, 4);
	uwrite(0x030, 4, 0);			/* CR: disable */
	uwrite(0x044, 4, 0x7ff);		/* ICR: clear all */
	uwrite(0x024, 4, 13);			/* IBRD */
	uwrite(0x028, 4, 1);			/* FBRD */
	uwrite(0x02c, 4, 0x70);			/* LCR_H: 8 bits, FIFO */
	uwrite(0x034, 4, 0x12);			/* IFLS: 1/2 */
	uwrite(0x030, 4, 0x301);		/* CR: UARTEN, TXE, RXE */
	uwrite(0x038, 4, 0x50);			/* IMSC: RX, RT */
	uwrite(0x000, 4, 'h');
	uwrite(0x000, 1, 'i');
	uread(0x018, 4);
	ureceive("hello, world: more than sixteen bytes");
	uread(0x03c, 4);
	uread(0x040, 4);
	uread_dr(20);
	uwrite(0x044, 4, 0x20);			/* ICR: TX */
	save("pl011", "linux-fifo");

	uwrite(0x02c, 4, 0x60);			/* character mode: one-byte FIFO */
	uwrite(0x038, 4, 0x10);
	ureceive("ab");
	uread(0x018, 1);
	uread_dr(2);
	uwrite(0x030, 4, 0x381);		/* loopback */
	uwrite(0x000, 4, 'x');
	uwrite(0x000, 4, 'y');			/* overrun */
	uread(0x004, 4);
	uwrite(0x004, 4, 0);			/* ECR */
	uread(0x001, 1);
	uread(0x03e, 2);
	save("pl011", "char-mode-loopback");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: seeds DIR\n");
		return 2;
	}
	dir = argv[1];
	mkdir_p(dir);
	vgic_seeds();
	loader_seeds();
	options_seeds();
	pl011_seeds();
	return 0;
}
