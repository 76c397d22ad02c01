/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest physical memory map of minivmm.
 *
 * It copies QEMU's "virt" machine for everything both have, so that a guest
 * built for QEMU virt (and guest.img) runs unchanged on either. minivmm-only
 * devices live in the gap QEMU leaves free at 0x0a00_0000 and up; they are
 * always announced in the device tree, so guests find them there.
 *
 *   0x0800_0000  GIC distributor (GICD)          4 KiB
 *   0x0801_0000  GIC CPU interface (GICC)        8 KiB (GICC_DIR at +0x1000)
 *   0x0900_0000  PL011 UART                      4 KiB, SPI 1 (INTID 33), level-high
 *   0x0a00_0000  test-exit device                4 KiB, "minivmm,test-exit"
 *   0x4000_0000  RAM                             --mem bytes, one memslot
 */
#ifndef MINIVMM_MEMMAP_H
#define MINIVMM_MEMMAP_H

#define MEMMAP_GICD_BASE	0x08000000ULL
#define MEMMAP_GICD_SIZE	0x1000ULL
#define MEMMAP_GICC_BASE	0x08010000ULL
#define MEMMAP_GICC_SIZE	0x2000ULL

#define MEMMAP_UART_BASE	0x09000000ULL
#define MEMMAP_UART_SIZE	0x1000ULL
#define MEMMAP_UART_SPI		1	/* INTID 32 + 1 = 33 */

#define MEMMAP_TEST_EXIT_BASE	0x0a000000ULL
#define MEMMAP_TEST_EXIT_SIZE	0x1000ULL

#define MEMMAP_RAM_BASE		0x40000000ULL
/* Everything above RAM_BASE up to 1 TiB is ours; KVM's IPA limit is 40 bits by default. */
#define MEMMAP_RAM_MAX		((1ULL << 40) - MEMMAP_RAM_BASE)

/* Architected timer PPIs, as GIC INTIDs (PPI n is INTID 16 + n). */
#define MEMMAP_TIMER_VIRT_INTID	27
#define MEMMAP_TIMER_PHYS_INTID	30
/* PMUv3 overflow, level-high, when the vCPUs have a PMU: PPI 7 as on QEMU virt. */
#define MEMMAP_PMU_INTID	23

#endif
