/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the small end-to-end test guests: raw binaries (no Image header),
 * loaded at RAM base + 0x80000 like QEMU's -kernel does, x0 = DTB. vCPU 0
 * clears bss; every CPU takes a stack by its index (x0 of CPU_ON's context).
 * The MMU stays off: these guests only poke devices and print.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	mov	x19, x0			/* DTB */
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x0, #0
	bl	set_stack
	mov	x0, x19
	bl	guest_main
	b	halt

/* Secondary entry: x0 = context id = CPU index. */
	.globl secondary_entry
secondary_entry:
	mov	x19, x0
	bl	set_stack
	mov	x0, x19
	bl	secondary_main
	b	halt

/* sp = top of stacks[x0]; clobbers x1, x2 */
set_stack:
	ldr	x1, =stacks
	add	x2, x0, #1
	lsl	x2, x2, #12
	add	sp, x1, x2
	ret

	.globl halt
halt:
	msr	daifset, #0xf
3:	wfi
	b	3b

	.bss
	.balign	16
stacks:	.space	4096 * 8
