/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EL1 exception vectors for the test guests that take interrupts. Only an
 * IRQ from EL1 with SP_EL1 (the guests' only mode) is handled and returned
 * from; every other entry calls exception_handler(kind, ESR, ELR, FAR),
 * which does not return. kind = vector offset / 0x80 (4 = sync from EL1h).
 */
	.macro	bad_vector kind
	.balign	0x80
	mov	x0, #\kind
	b	bad_entry
	.endm

	.section .text.vectors, "ax"
	.balign	2048
	.globl	exception_vectors
exception_vectors:
	bad_vector 0		/* current EL, SP_EL0: sync */
	bad_vector 1		/* IRQ */
	bad_vector 2		/* FIQ */
	bad_vector 3		/* SError */
	bad_vector 4		/* current EL, SP_EL1: sync */
	.balign	0x80
	b	irq_entry	/* IRQ */
	bad_vector 6		/* FIQ */
	bad_vector 7		/* SError */
	bad_vector 8		/* lower EL, AArch64 */
	bad_vector 9
	bad_vector 10
	bad_vector 11
	bad_vector 12		/* lower EL, AArch32 */
	bad_vector 13
	bad_vector 14
	bad_vector 15

/*
 * Save what the AAPCS lets a C function clobber (x0-x18, x29, x30) plus
 * ELR/SPSR, so a nested exception path could be added later; 192 bytes keep
 * sp 16-byte aligned.
 */
irq_entry:
	sub	sp, sp, #192
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x30, x0, [sp, #160]
	str	x1, [sp, #176]
	bl	irq_handler
	ldr	x1, [sp, #176]
	ldp	x30, x0, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x18, x29, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #192
	eret

bad_entry:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	exception_handler
1:	wfi
	b	1b
