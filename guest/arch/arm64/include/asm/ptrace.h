/* SPDX-License-Identifier: GPL-2.0 */
/* The exception frame built by entry.S (kernel_entry), as asm/ptrace.h. */
#ifndef _ASM_PTRACE_H
#define _ASM_PTRACE_H

/* Offsets shared with entry.S. */
#define S_X0		0
#define S_LR		(30 * 8)
#define S_SP		(31 * 8)
#define S_PC		(32 * 8)
#define S_PSTATE	(33 * 8)
#define PT_REGS_SIZE	(34 * 8)

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
};

_Static_assert(sizeof(struct pt_regs) == PT_REGS_SIZE, "entry.S frame layout");
_Static_assert(PT_REGS_SIZE % 16 == 0, "sp must stay 16-byte aligned");

struct pt_regs *get_irq_regs(void);
struct pt_regs *set_irq_regs(struct pt_regs *new_regs);
#endif

#endif
