/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO accessors, as arch/arm64/include/asm/io.h: each is exactly one LDR or
 * STR with a plain base register and no writeback, so that a hypervisor that
 * traps the access gets a valid syndrome (ESR_EL2.ISV) and can decode it.
 * Never touch device memory any other way (no ldp/stp, no memcpy).
 */
#ifndef _ASM_IO_H
#define _ASM_IO_H

#include <linux/types.h>
#include <asm/barrier.h>

static inline void __raw_writeb(u8 val, volatile void *addr)
{
	asm volatile("strb %w0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

static inline void __raw_writew(u16 val, volatile void *addr)
{
	asm volatile("strh %w0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

static inline void __raw_writel(u32 val, volatile void *addr)
{
	asm volatile("str %w0, [%1]" : : "rZ" (val), "r" (addr) : "memory");
}

static inline u8 __raw_readb(const volatile void *addr)
{
	u8 val;

	asm volatile("ldrb %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

static inline u32 __raw_readl(const volatile void *addr)
{
	u32 val;

	asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (addr) : "memory");
	return val;
}

#define readb_relaxed(c)	__raw_readb(c)
#define readl_relaxed(c)	__raw_readl(c)
#define writeb_relaxed(v, c)	__raw_writeb((v), (c))
#define writew_relaxed(v, c)	__raw_writew((v), (c))
#define writel_relaxed(v, c)	__raw_writel((v), (c))

/* Ordered variants: a read completes before later loads, a write waits for earlier stores. */
#define readl(c)		({ u32 __v = readl_relaxed(c); dmb(oshld); __v; })
#define writel(v, c)		({ wmb(); writel_relaxed((v), (c)); })
#define writeb(v, c)		({ wmb(); writeb_relaxed((v), (c)); })

typedef volatile void __iomem_t;
#define __iomem

/* Identity-mapped: an MMIO physical address is its virtual address. */
static inline void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	(void)size;
	return (void __iomem *)(uintptr_t)phys;
}

#endif
