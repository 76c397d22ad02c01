/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GICv2 (ARM IHI 0048B) registers for the end-to-end test guests, and the
 * architected timer and exception helpers they use with it.
 */
#ifndef E2E_GUEST_GIC_H
#define E2E_GUEST_GIC_H

#include <stdint.h>

#include "lib.h"
#include "vgic/gicv2_regs.h"

/* Distributor, offsets from MEMMAP_GICD_BASE. */


/* CPU interface, offsets from MEMMAP_GICC_BASE. */

#define GIC_SPURIOUS		1023

static inline uint32_t gicd_read(uint32_t off)
{
	return readl(MEMMAP_GICD_BASE + off);
}

static inline void gicd_write(uint32_t off, uint32_t v)
{
	writel(v, MEMMAP_GICD_BASE + off);
}

static inline uint32_t gicc_read(uint32_t off)
{
	return readl(MEMMAP_GICC_BASE + off);
}

static inline void gicc_write(uint32_t off, uint32_t v)
{
	writel(v, MEMMAP_GICC_BASE + off);
}

/* Virtual timer (CNTV_CTL_EL0 bits). */
#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_IMASK		(1u << 1)
#define CNTV_CTL_ISTATUS	(1u << 2)

static inline uint64_t cntvct(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline void irq_enable(void)
{
	asm volatile("msr daifclr, #2" ::: "memory");
}

static inline void irq_disable(void)
{
	asm volatile("msr daifset, #2" ::: "memory");
}

static inline void wfe(void)
{
	asm volatile("wfe" ::: "memory");
}

/* vectors.S: the table for VBAR_EL1 (2 KiB aligned). */
extern char exception_vectors[];
/* Called by vectors.S: the IRQ handler, and the one for everything else. */
void irq_handler(void);
void exception_handler(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
	__attribute__((noreturn));

#endif
