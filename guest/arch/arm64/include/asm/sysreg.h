/* SPDX-License-Identifier: GPL-2.0 */
/* System register access, as arch/arm64/include/asm/sysreg.h. */
#ifndef _ASM_SYSREG_H
#define _ASM_SYSREG_H

#include <linux/types.h>

#define read_sysreg(r) ({					\
	u64 __val;						\
	asm volatile("mrs %0, " #r : "=r" (__val));		\
	__val;							\
})

#define write_sysreg(v, r) do {					\
	u64 __val = (u64)(v);					\
	asm volatile("msr " #r ", %x0" : : "rZ" (__val));	\
} while (0)

/* SCTLR_EL1 */
#define SCTLR_ELx_M		(1UL << 0)
#define SCTLR_ELx_A		(1UL << 1)
#define SCTLR_ELx_C		(1UL << 2)
#define SCTLR_ELx_SA		(1UL << 3)
#define SCTLR_ELx_I		(1UL << 12)

/* ESR_ELx exception classes we name when reporting a fault. */
#define ESR_ELx_EC_SHIFT	26
#define ESR_ELx_EC(esr)		(((esr) >> ESR_ELx_EC_SHIFT) & 0x3f)
#define ESR_ELx_EC_UNKNOWN	0x00
#define ESR_ELx_EC_IABT_CUR	0x21
#define ESR_ELx_EC_PC_ALIGN	0x22
#define ESR_ELx_EC_DABT_CUR	0x25
#define ESR_ELx_EC_SP_ALIGN	0x26
#define ESR_ELx_EC_BRK64	0x3c

#endif
