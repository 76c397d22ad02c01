// SPDX-License-Identifier: GPL-2.0
/*
 * The guest of --reboot's test. On every boot it checks that it starts on a
 * machine at power-on, though the boot before left it in use:
 *  - its image was loaded again: a variable in .data has its initial value;
 *  - the GIC is at reset, as seen by CPU0 and by CPU1: distributor and CPU
 *    interfaces off, only the SGIs enabled, nothing pending or active, SPI
 *    40's priority and target 0;
 *  - CPU1 is off (PSCI AFFINITY_INFO), though it was left running.
 * It prints "reboot: fresh" or "reboot: STALE <what>", then uses all of
 * that (the variable, GIC state on both CPUs, CPU1 started and spinning)
 * and asks for PSCI SYSTEM_RESET. Under --reboot that repeats for ever.
 */
#include "gic.h"
#include "lib.h"

#define PSCI_AFFINITY_INFO	0xc4000004u
#define AFFINITY_OFF		1
#define SPI			40
#define MARKER			0x5eed1234u

static volatile uint32_t image_marker = MARKER;
static volatile uint32_t cpu1_state;	/* 0 not yet, 1 fresh, 2 stale */

/* The banked view of @cpu, then the shared one (CPU0 only): 0 if at reset. */
static int stale_gic(int shared)
{
	int bad = gicc_read(GICC_CTLR) || gicc_read(GICC_PMR) ||
		  gicd_read(GICD_ISENABLER) != 0xffff || gicd_read(GICD_ISPENDR) ||
		  gicd_read(GICD_ISACTIVER) || gicd_read(GICD_SPENDSGIR);

	if (shared)
		bad |= gicd_read(GICD_CTLR) || gicd_read(GICD_ISENABLER + 4) ||
		       gicd_read(GICD_ISPENDR + 4) || gicd_read(GICD_ISACTIVER + 4) ||
		       gicd_read(GICD_IPRIORITYR + SPI / 4 * 4) ||
		       gicd_read(GICD_ITARGETSR + SPI / 4 * 4);
	return bad;
}

/* Leave this CPU's interface and banked state in use. */
static void use_banked(void)
{
	gicc_write(GICC_PMR, 0xf0);
	gicc_write(GICC_CTLR, 1);
	gicd_write(GICD_ISENABLER, 1u << 27);
	gicd_write(GICD_SGIR, (2u << 24) | 2);		/* SGI 2 to itself, pending */
}

void secondary_main(uint64_t cpu)
{
	cpu1_state = stale_gic(0) ? 2 : 1;
	dsb();
	use_banked();
	for (;;)
		wfe();
}

void guest_main(const void *dtb)
{
	int image = image_marker != MARKER;
	int gic = stale_gic(1);
	int cpu1 = psci_call(PSCI_AFFINITY_INFO, 1, 0, 0) != AFFINITY_OFF;
	unsigned long spin;

	if (psci_call(PSCI_CPU_ON, 1, (uint64_t)secondary_entry, 1) != 0) {
		puts("reboot: STALE CPU1 could not be started\n");
		test_exit(3);
	}
	for (spin = 0; !cpu1_state && spin < (1ul << 30); spin++)
		;
	if (image || gic || cpu1 || cpu1_state != 1) {
		puts("reboot: STALE");
		if (image)
			puts(" image");
		if (gic)
			puts(" GIC(CPU0)");
		if (cpu1)
			puts(" CPU1-still-on");
		if (cpu1_state != 1)
			puts(" GIC(CPU1)");
		puts("\n");
	} else {
		puts("reboot: fresh image, GIC and CPUs\n");
	}

	image_marker = 0;
	use_banked();
	gicd_write(GICD_CTLR, 1);
	gicd_write(GICD_IPRIORITYR + SPI / 4 * 4, 0xa0u << (SPI % 4 * 8));
	gicd_write(GICD_ITARGETSR + SPI / 4 * 4, 1u << (SPI % 4 * 8));
	gicd_write(GICD_ISENABLER + 4, 1u << (SPI - 32));
	gicd_write(GICD_ISPENDR + 4, 1u << (SPI - 32));
	gicd_write(GICD_ISACTIVER + 4, 1u << (SPI - 32 + 1));
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	puts("reboot: still running after SYSTEM_RESET\n");
	test_exit(4);
}
