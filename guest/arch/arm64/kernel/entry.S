/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception vectors, as arch/arm64/kernel/entry.S: every exception we take
 * (EL1h; nothing runs at EL0) saves the full register file into a
 * struct pt_regs on the current stack. IRQs go to handle_arch_irq (set by
 * the GIC driver); a synchronous exception or any unexpected vector is
 * reported and stops the machine. A handler that re-enables IRQs may be
 * interrupted again: the frame has everything eret needs.
 */
#define __ASSEMBLY__
#include <asm/ptrace.h>

	.macro	kernel_entry
	sub	sp, sp, #PT_REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	add	x21, sp, #PT_REGS_SIZE
	stp	x30, x21, [sp, #S_LR]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #S_PC]
	.endm

	.macro	kernel_exit
	ldp	x22, x23, [sp, #S_PC]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #S_LR]
	add	sp, sp, #PT_REGS_SIZE
	eret
	.endm

	.macro	ventry	label
	.align	7
	b	\label
	.endm

	.macro	inv_entry	reason
	kernel_entry
	mov	x0, sp
	mov	x1, #\reason
	mrs	x2, esr_el1
	mrs	x3, far_el1
	bl	bad_mode
	b	cpu_park_loop
	.endm

	.text
	.align	11
	.globl	vectors
vectors:
	ventry	el1t_sync_invalid
	ventry	el1t_irq_invalid
	ventry	el1t_fiq_invalid
	ventry	el1t_error_invalid

	ventry	el1h_sync
	ventry	el1h_irq
	ventry	el1h_fiq_invalid
	ventry	el1h_error_invalid

	ventry	el0_sync_invalid
	ventry	el0_irq_invalid
	ventry	el0_fiq_invalid
	ventry	el0_error_invalid

	ventry	el0_sync_invalid
	ventry	el0_irq_invalid
	ventry	el0_fiq_invalid
	ventry	el0_error_invalid

el1t_sync_invalid:	inv_entry 0
el1t_irq_invalid:	inv_entry 1
el1t_fiq_invalid:	inv_entry 2
el1t_error_invalid:	inv_entry 3
el1h_fiq_invalid:	inv_entry 6
el1h_error_invalid:	inv_entry 7
el0_sync_invalid:	inv_entry 8
el0_irq_invalid:	inv_entry 9
el0_fiq_invalid:	inv_entry 10
el0_error_invalid:	inv_entry 11

el1h_sync:
	kernel_entry
	mov	x0, sp
	mrs	x1, esr_el1
	mrs	x2, far_el1
	bl	do_el1_sync
	kernel_exit

el1h_irq:
	kernel_entry
	mov	x0, sp
	adrp	x1, handle_arch_irq
	ldr	x1, [x1, :lo12:handle_arch_irq]
	blr	x1
	kernel_exit
