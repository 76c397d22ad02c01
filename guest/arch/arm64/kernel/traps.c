// SPDX-License-Identifier: GPL-2.0
/*
 * Synchronous exceptions and unexpected vectors (arch/arm64/kernel/traps.c):
 * nothing here is recoverable, so report ESR/FAR/ELR and the registers, and
 * stop the machine with a failure code.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>

static const char *const handler[] = {
	"Synchronous Abort", "IRQ", "FIQ", "Error",
};

static const char *esr_class_str(u64 esr)
{
	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_UNKNOWN:	return "Unknown/Uncategorized";
	case ESR_ELx_EC_IABT_CUR:	return "IABT (current EL)";
	case ESR_ELx_EC_PC_ALIGN:	return "PC Alignment";
	case ESR_ELx_EC_DABT_CUR:	return "DABT (current EL)";
	case ESR_ELx_EC_SP_ALIGN:	return "SP Alignment";
	case ESR_ELx_EC_BRK64:		return "BRK (AArch64)";
	default:			return "other";
	}
}

static void __show_regs(struct pt_regs *regs)
{
	pr_emerg("pc : 0x%016llx  lr : 0x%016llx\n", regs->pc, regs->regs[30]);
	pr_emerg("sp : 0x%016llx  pstate : 0x%08llx\n", regs->sp, regs->pstate);
	for (int i = 29; i >= 0; i -= 2) {
		if (i == 29)
			pr_emerg("x29: 0x%016llx\n", regs->regs[29]);
		else
			pr_emerg("x%-2d: 0x%016llx x%-2d: 0x%016llx\n",
				 i + 1, regs->regs[i + 1], i, regs->regs[i]);
	}
	pr_emerg("x0 : 0x%016llx\n", regs->regs[0]);
}

void do_el1_sync(struct pt_regs *regs, u64 esr, u64 far)
{
	WRITE_ONCE(oops_in_progress, 1);
	pr_emerg("Internal error: Oops: %s on CPU%u\n", esr_class_str(esr), smp_processor_id());
	pr_emerg("ESR 0x%08llx (EC 0x%02llx) FAR 0x%016llx ELR 0x%016llx\n",
		 esr, ESR_ELx_EC(esr), far, regs->pc);
	__show_regs(regs);
	panic("Fatal exception");
}

void bad_mode(struct pt_regs *regs, int reason, u64 esr, u64 far)
{
	WRITE_ONCE(oops_in_progress, 1);
	pr_emerg("Bad mode in %s handler detected on CPU%u, code 0x%08llx (vector %d)\n",
		 handler[reason & 3], smp_processor_id(), esr, reason);
	pr_emerg("ESR 0x%08llx FAR 0x%016llx ELR 0x%016llx\n", esr, far, regs->pc);
	__show_regs(regs);
	panic("bad mode");
}
