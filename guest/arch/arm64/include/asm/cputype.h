/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_CPUTYPE_H
#define _ASM_CPUTYPE_H

#include <asm/sysreg.h>

#define MPIDR_HWID_BITMASK	0xff00ffffffUL
#define INVALID_HWID		(~0UL)

static inline u64 read_cpuid_mpidr(void)
{
	return read_sysreg(mpidr_el1);
}

static inline u32 read_cpuid_id(void)
{
	return (u32)read_sysreg(midr_el1);
}

#endif
