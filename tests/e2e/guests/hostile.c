// SPDX-License-Identifier: GPL-2.0
/*
 * hostile: a guest that misuses the machine on purpose. minivmm must report
 * and survive (or stop with a clear message), never crash or hang. One case
 * per run, named by a bootargs word:
 *
 *   widths  every GICD and GICC word with 8-, 16- and 64-bit reads and
 *           writes where GICv2 allows only 32 bits (bytes where byte access
 *           is legal are skipped), and writes to read-only registers; then
 *           the GIC must still deliver a self SGI, exactly once. (Unaligned
 *           accesses never reach the VMM: Device memory faults them in the
 *           guest.)
 *   sgir    GICD_SGIR with the reserved filter 3, and lists naming CPUs
 *           beyond the VM's; then only the one legal self SGI arrives.
 *   psci    CPU_ON of a CPU that does not exist, and of one that is already
 *           on: both must be refused with PSCI error codes.
 *   nack    CPU 1 enables its GIC and masks IRQs, never acknowledging the
 *           SGIs CPU 0 keeps sending it; CPU 0 meanwhile sends itself SGIs
 *           and must take every one.
 *   ldp     an ldp from the distributor, its address in x9: KVM cannot
 *           decode it, minivmm must stop with a message naming the guest
 *           PC and show the vCPU's registers (status 1).
 *   flood=N N bytes to the UART as fast as possible (the harness makes
 *           stdout a slow pipe), then power off.
 *   devices every 4-byte offset of the PL011 and of the test-exit device
 *           read and written with 8-, 16-, 32- and 64-bit accesses (but
 *           not the UART's data register nor test-exit's 32-bit exit
 *           register written); then, with the UART set up again, it must
 *           still print, and minivmm reports the test-exit misuse once.
 *   cpuoff  CPU 0, the only CPU on, turns itself off with PSCI CPU_OFF:
 *           nothing can ever run again, minivmm must stop (status 1).
 *   cpuoff1 the same, but CPU 1 was started first and keeps spinning:
 *           the VM lives on (the harness ends it with a signal).
 * Prints "hostile: CASE ok" and exits 0 through the test-exit device, or
 * "hostile: CASE FAIL ..." and exits 1.
 */
#include "gic.h"
#include "lib.h"

#define PSCI_RET_INVALID_PARAMS	(-2)
#define PSCI_RET_ALREADY_ON	(-4)
#define PSCI_RET_ON_PENDING	(-5)
#define SELF_SGI		5
#define NACK_SGIS		200

static volatile uint32_t cpu1_state;	/* 1: online, 2: its GIC is set up, IRQs masked */

static int has_word(const char *args, const char *w)
{
	for (const char *p = args; *p; p++) {
		const char *a = p, *b = w;

		if (p != args && p[-1] != ' ')
			continue;
		while (*b && *a == *b)
			a++, b++;
		if (!*b && (*a == ' ' || *a == '=' || !*a))
			return 1;
	}
	return 0;
}

static void __attribute__((noreturn)) verdict(const char *name, const char *fail, uint64_t v)
{
	puts("hostile: ");
	puts(name);
	if (fail) {
		puts(" FAIL ");
		puts(fail);
		puts(" ");
		puthex(v);
		puts("\n");
		test_exit(1);
	} else {
		puts(" ok\n");
		test_exit(0);
	}
	system_off();
}

static inline void write8(uint8_t v, uint64_t a)  { asm volatile("strb %w0, [%1]" :: "r"(v), "r"(a) : "memory"); }
static inline void write16(uint16_t v, uint64_t a) { asm volatile("strh %w0, [%1]" :: "r"(v), "r"(a) : "memory"); }
static inline void write64(uint64_t v, uint64_t a) { asm volatile("str %0, [%1]" :: "r"(v), "r"(a) : "memory"); }
static inline uint32_t read8(uint64_t a)  { uint32_t v; asm volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory"); return v; }
static inline uint32_t read16(uint64_t a) { uint32_t v; asm volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(a) : "memory"); return v; }
static inline uint64_t read64(uint64_t a) { uint64_t v; asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory"); return v; }

/* GICD ranges where byte accesses are legal (GICv2 4.1.4): not misuse. */
static int byte_ok(uint32_t off)
{
	return (off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
	       (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 0x10);
}

/* Illegal widths over one frame; writes only of 0 (harmless if one slipped through). */
static void abuse_frame(uint64_t base, uint32_t size, int dist)
{
	for (uint32_t off = 0; off < size; off += 4) {
		uint64_t a = base + off;

		if (!dist || !byte_ok(off)) {
			(void)read8(a);
			write8(0, a);
		}
		(void)read16(a);
		write16(0, a);
		if (!(off & 7)) {	/* Device memory faults unaligned accesses in the guest */
			(void)read64(a);
			write64(0, a);
		}
	}
}

/* Distributor and CPU interface on, SGIs at a priority PMR lets through. */
static void gic_on(void)
{
	gicd_write(GICD_CTLR, 1);
	gicd_write(GICD_IPRIORITYR + SELF_SGI, 0xa0a0a0a0);
	gicc_write(GICC_PMR, 0xf0);
	gicc_write(GICC_CTLR, 1);
}

/* Poll IAR for @want from @src; returns the IAR value that differed, or 0. */
static uint32_t take_sgi(unsigned int want, unsigned int src)
{
	for (unsigned long spin = 0; spin < 100000; spin++) {
		uint32_t iar = gicc_read(GICC_IAR);

		if ((iar & 0x3ff) == GIC_SPURIOUS)
			continue;
		gicc_write(GICC_EOIR, iar);
		return iar == ((src << 10) | want) ? 0 : iar | 0x80000000u;
	}
	return 0xffffffff;
}

static void case_widths(void)
{
	uint32_t bad;

	abuse_frame(MEMMAP_GICD_BASE, GICD_SIZE, 1);
	abuse_frame(MEMMAP_GICC_BASE, GICC_SIZE, 0);
	gicd_write(GICD_TYPER, 0xffffffff);
	gicd_write(GICD_IIDR, 0xffffffff);
	gicd_write(GICD_ICFGR, 0);
	gicd_write(GICD_ITARGETSR, 0xffffffff);
	gicd_write(GICD_ID_BASE + 0x10, 0);
	gicc_write(GICC_IIDR, 0);
	gic_on();
	gicd_write(GICD_SGIR, GICD_SGIR_SELF | SELF_SGI);
	bad = take_sgi(SELF_SGI, 0);
	if (bad)
		verdict("widths", "self SGI after the abuse: IAR", bad);
	if ((gicc_read(GICC_IAR) & 0x3ff) != GIC_SPURIOUS)
		verdict("widths", "a second interrupt pending", 0);
	verdict("widths", 0, 0);
}

static void case_sgir(void)
{
	uint32_t bad;

	gic_on();
	gicd_write(GICD_SGIR, (3u << GICD_SGIR_FILTER_SHIFT) | (0xffu << GICD_SGIR_LIST_SHIFT) | SELF_SGI);
	gicd_write(GICD_SGIR, GICD_SGIR_LIST | (0xfeu << GICD_SGIR_LIST_SHIFT) | SELF_SGI);	/* CPUs 1-7: absent */
	gicd_write(GICD_SGIR, GICD_SGIR_OTHERS | SELF_SGI);	/* nobody else */
	if ((gicc_read(GICC_IAR) & 0x3ff) != GIC_SPURIOUS)
		verdict("sgir", "an illegal SGIR made something pending", 0);
	gicd_write(GICD_SGIR, GICD_SGIR_LIST | (1u << GICD_SGIR_LIST_SHIFT) | SELF_SGI);
	bad = take_sgi(SELF_SGI, 0);
	if (bad)
		verdict("sgir", "legal SGI after the illegal ones: IAR", bad);
	verdict("sgir", 0, 0);
}

void secondary_main(uint64_t cpu)
{
	cpu1_state = 1;
	dsb();
	irq_disable();
	gicc_write(GICC_PMR, 0xf0);
	gicc_write(GICC_CTLR, 1);
	dsb();
	cpu1_state = 2;
	dsb();
	for (;;)
		wfe();		/* never acknowledges anything */
}

static void start_cpu1(const char *name)
{
	int64_t ret = psci_call(PSCI_CPU_ON, 1, (uint64_t)secondary_entry, 1);

	if (ret)
		verdict(name, "CPU_ON of CPU 1 failed", (uint64_t)ret);
	for (unsigned long spin = 0; cpu1_state != 2; spin++)
		if (spin > (1ul << 30))
			verdict(name, "CPU 1 did not come up", 0);
}

static void case_psci(void)
{
	int64_t ret = psci_call(PSCI_CPU_ON, 7, (uint64_t)secondary_entry, 7);

	if (ret != PSCI_RET_INVALID_PARAMS)
		verdict("psci", "CPU_ON of an absent CPU returned", (uint64_t)ret);
	start_cpu1("psci");
	ret = psci_call(PSCI_CPU_ON, 1, (uint64_t)secondary_entry, 1);
	if (ret != PSCI_RET_ALREADY_ON && ret != PSCI_RET_ON_PENDING)
		verdict("psci", "second CPU_ON of CPU 1 returned", (uint64_t)ret);
	verdict("psci", 0, 0);
}

static void case_nack(void)
{
	gic_on();
	start_cpu1("nack");
	for (unsigned int i = 0; i < NACK_SGIS; i++) {
		uint32_t bad;

		gicd_write(GICD_SGIR, GICD_SGIR_LIST | (2u << GICD_SGIR_LIST_SHIFT) | (i & 7));
		gicd_write(GICD_SGIR, GICD_SGIR_SELF | SELF_SGI);
		bad = take_sgi(SELF_SGI, 0);
		if (bad)
			verdict("nack", "self SGI while CPU 1 ignores its own: IAR", bad);
	}
	verdict("nack", 0, 0);
}

static void case_ldp(void)
{
	uint64_t a, b;

	puts("hostile: ldp from the distributor next\n");
	/* after the call, which may clobber x9; minivmm's register dump shows it */
	register uint64_t base asm("x9") = MEMMAP_GICD_BASE;
	asm volatile("ldp %0, %1, [%2]" : "=&r"(a), "=&r"(b) : "r"(base) : "memory");
	verdict("ldp", "the ldp returned", a ^ b);
}

/* Every width at @base + @off, reads always, writes unless @no_write. */
static void poke(uint64_t base, uint32_t off, int no_write32)
{
	uint64_t a = base + off;
	uint32_t sink = 0;

	sink ^= read8(a) ^ read16(a) ^ readl(a);
	if (!(off & 7))
		sink ^= (uint32_t)read64(a);
	for (int i = 0; i < 2; i++) {
		uint32_t v = i ? 0xffffffffu : 0;

		write8(v, a);
		write16(v, a);
		if (!no_write32)
			writel(v, a);
		if (!(off & 7) && !no_write32)
			write64((uint64_t)v << 32 | v, a);
	}
	(void)sink;
}

static void case_devices(void)
{
	for (uint32_t off = 4; off < MEMMAP_UART_SIZE; off += 4)	/* not UARTDR */
		poke(MEMMAP_UART_BASE, off, 0);
	for (uint32_t off = 0; off < MEMMAP_TEST_EXIT_SIZE; off += 4)
		poke(MEMMAP_TEST_EXIT_BASE, off, off == 0);
	/* Set the UART up again: enabled, transmit on, no interrupts, 8N1 with FIFOs. */
	writel(0, MEMMAP_UART_BASE + 0x38);		/* UARTIMSC */
	writel(0x7ff, MEMMAP_UART_BASE + 0x44);		/* UARTICR */
	writel(0x70, MEMMAP_UART_BASE + 0x2c);		/* UARTLCR_H */
	writel(0x301, MEMMAP_UART_BASE + 0x30);		/* UARTCR */
	verdict("devices", 0, 0);
}

static void case_cpuoff(int leave_cpu1)
{
	if (leave_cpu1)
		start_cpu1("cpuoff1");
	puts(leave_cpu1 ? "hostile: CPU 0 off, CPU 1 spins\n" : "hostile: the last CPU turns itself off\n");
	psci_call(PSCI_CPU_OFF, 0, 0, 0);
	verdict(leave_cpu1 ? "cpuoff1" : "cpuoff", "CPU_OFF returned", 0);
}

static void case_flood(uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		writel('a' + i % 26, MEMMAP_UART_BASE);	/* UARTDR, no FIFO-full check */
	puts("\n");
	verdict("flood", 0, 0);
}

void guest_main(const void *dtb)
{
	const char *args = bootargs(dtb);

	if (has_word(args, "widths"))
		case_widths();
	if (has_word(args, "sgir"))
		case_sgir();
	if (has_word(args, "psci"))
		case_psci();
	if (has_word(args, "nack"))
		case_nack();
	if (has_word(args, "ldp"))
		case_ldp();
	if (has_word(args, "devices"))
		case_devices();
	if (has_word(args, "cpuoff"))
		case_cpuoff(0);
	if (has_word(args, "cpuoff1"))
		case_cpuoff(1);
	if (has_word(args, "flood"))
		case_flood(bootarg_number(args, "flood", 100000));
	verdict("bootargs", "no case named", 0);
}
