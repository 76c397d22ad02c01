/* SPDX-License-Identifier: GPL-2.0 */
/* PSTATE.I masking, as arch/arm64/include/asm/irqflags.h. */
#ifndef _ASM_IRQFLAGS_H
#define _ASM_IRQFLAGS_H

#define PSR_F_BIT	0x40
#define PSR_I_BIT	0x80
#define PSR_A_BIT	0x100
#define PSR_D_BIT	0x200

static inline void arch_local_irq_enable(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void arch_local_irq_disable(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	asm volatile("mrs %0, daif" : "=r" (flags) : : "memory");
	return flags;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	asm volatile("msr daif, %0" : : "r" (flags) : "memory");
}

static inline int arch_irqs_disabled_flags(unsigned long flags)
{
	return (flags & PSR_I_BIT) != 0;
}

#define local_irq_enable()		arch_local_irq_enable()
#define local_irq_disable()		arch_local_irq_disable()
#define local_irq_save(flags)		((flags) = arch_local_irq_save())
#define local_irq_restore(flags)	arch_local_irq_restore(flags)
#define irqs_disabled()			arch_irqs_disabled_flags(arch_local_save_flags())

/* Mask everything (D, A, I, F): for stop/park paths. */
static inline void local_daif_mask(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
}

#endif
