// SPDX-License-Identifier: GPL-2.0
/*
 * The classes of KVM_RUN returns that --stats counts and --trace names:
 * pure (no KVM), so the unit tests link it.
 */
#include "vgic/gicv2_regs.h"
#include "vmm/memmap.h"
#include "vmm/stats.h"

const char *const stats_exit_names[STATS_NR_EXITS] = {
	[STATS_EXIT_GICD_SGIR] = "gicd_sgir",
	[STATS_EXIT_GICC_IAR] = "gicc_iar",
	[STATS_EXIT_GICC_EOIR] = "gicc_eoir",
	[STATS_EXIT_GICC_DIR] = "gicc_dir",
	[STATS_EXIT_GIC_OTHER] = "gic_other",
	[STATS_EXIT_UART] = "uart",
	[STATS_EXIT_TEST_EXIT] = "test_exit",
	[STATS_EXIT_UNMAPPED] = "unmapped",
	[STATS_EXIT_EINTR] = "eintr",
	[STATS_EXIT_SYSTEM_EVENT] = "system_event",
	[STATS_EXIT_OTHER] = "other",
};

enum stats_exit stats_mmio_exit(uint64_t addr)
{
	if (addr - MEMMAP_GICD_BASE < MEMMAP_GICD_SIZE)
		return addr - MEMMAP_GICD_BASE == GICD_SGIR ? STATS_EXIT_GICD_SGIR : STATS_EXIT_GIC_OTHER;
	if (addr - MEMMAP_GICC_BASE < MEMMAP_GICC_SIZE) {
		switch (addr - MEMMAP_GICC_BASE) {
		case GICC_IAR:	return STATS_EXIT_GICC_IAR;
		case GICC_EOIR:	return STATS_EXIT_GICC_EOIR;
		case GICC_DIR:	return STATS_EXIT_GICC_DIR;
		default:	return STATS_EXIT_GIC_OTHER;
		}
	}
	if (addr - MEMMAP_UART_BASE < MEMMAP_UART_SIZE)
		return STATS_EXIT_UART;
	if (addr - MEMMAP_TEST_EXIT_BASE < MEMMAP_TEST_EXIT_SIZE)
		return STATS_EXIT_TEST_EXIT;
	return STATS_EXIT_UNMAPPED;
}
