/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Low-level entry, as arch/arm64/kernel/head.S: the Image header, the boot
 * CPU's path to start_kernel() and the secondaries' path to
 * secondary_start_kernel(). Page tables are built in C (early_setup) while
 * the MMU is still off; here we only invalidate what was written with the
 * MMU off and turn it on.
 */
#define __ASSEMBLY__
#include <asm/ptrace.h>
#include <asm/smp.h>

#define SCTLR_EL1_RES1	0x30d00800	/* RES1 bits, MMU/caches off, little endian */
#define SCTLR_EL1_ON	0x1005		/* M | C | I */
#define MAIR_VALUE	0xff440400	/* 0 nGnRnE, 1 nGnRE, 2 Normal-NC, 3 Normal-WB */
/* T0SZ=25 (39-bit VA, level-1 start), WBWA inner/outer, inner shareable, 4K; TTBR1 walks off */
#define TCR_VALUE	0x80803519

	.section ".head.text", "ax"
	.globl	_head
_head:
	b	primary_entry			/* code0 */
	.long	0				/* code1 */
	.quad	0x80000				/* text_offset: loaded at 2 MiB-aligned base + 0x80000 */
	.quad	_kernel_size_le			/* image_size, bss included */
	.quad	0x2				/* flags: LE, 4K pages, base near start of RAM */
	.quad	0				/* res2 */
	.quad	0				/* res3 */
	.quad	0				/* res4 */
	.ascii	"ARM\x64"			/* magic at 0x38 */
	.long	0				/* res5 */

	.text
primary_entry:
	mov	x21, x0				/* DTB */
	bl	el2_to_el1
	bl	cpu_reset_el1

	/* bss first: early_setup() keeps its results (and the page tables) there */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:
	adrp	x0, init_stack_top
	add	x0, x0, :lo12:init_stack_top
	mov	sp, x0
	mov	x0, x21
	bl	early_setup

	/*
	 * Everything we wrote went straight to memory (MMU off = non-cacheable);
	 * drop any stale lines for it before the caches are turned on.
	 */
	adrp	x0, _sdata
	add	x0, x0, :lo12:_sdata
	adrp	x1, _end
	add	x1, x1, :lo12:_end
	bl	dcache_inval_poc

	bl	__enable_mmu
	msr	tpidr_el1, xzr			/* per-CPU template until setup_per_cpu_areas() */
	adrp	x0, init_stack_top
	add	x0, x0, :lo12:init_stack_top
	mov	sp, x0
	mov	x29, xzr
	bl	start_kernel
	b	cpu_park_loop

/*
 * PSCI CPU_ON entry: x0 = context id = logical CPU number. MMU off, and we
 * must not read anything the boot CPU wrote through its caches until ours
 * are on; secondary_data is read after __enable_mmu.
 */
	.globl	secondary_entry
secondary_entry:
	mov	x20, x0
	bl	el2_to_el1
	bl	cpu_reset_el1
	bl	__enable_mmu
	adrp	x1, secondary_data
	add	x1, x1, :lo12:secondary_data
	add	x1, x1, x20, lsl #4
	ldr	x2, [x1, #SECONDARY_DATA_STACK]
	ldr	x3, [x1, #SECONDARY_DATA_PCPU]
	mov	sp, x2
	msr	tpidr_el1, x3
	mov	x29, xzr
	bl	secondary_start_kernel
	b	cpu_park_loop

/* If entered at EL2 (e.g. QEMU virtualization=on), drop to EL1h and return there. */
el2_to_el1:
	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	1f
	mov	x0, #(1 << 31)			/* HCR_EL2.RW: EL1 is AArch64 */
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #3			/* EL1 may use the counter and timer */
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	mov	x0, #0x3c5			/* EL1h, DAIF masked */
	msr	spsr_el2, x0
	msr	elr_el2, x30
	eret
1:	ret

/* Known EL1 state: everything masked, MMU off, FP/SIMD not trapped, our vectors. */
cpu_reset_el1:
	msr	daifset, #0xf
	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	isb
	mov	x0, #(3 << 20)
	msr	cpacr_el1, x0
	adrp	x0, vectors
	add	x0, x0, :lo12:vectors
	msr	vbar_el1, x0
	isb
	ret

	.globl	__enable_mmu
__enable_mmu:
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	ldr	x0, =TCR_VALUE
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #7			/* PARange -> TCR.IPS */
	bfi	x0, x1, #32, #3
	msr	tcr_el1, x0
	adrp	x0, idmap_pg_dir
	msr	ttbr0_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mrs	x0, sctlr_el1
	ldr	x1, =SCTLR_EL1_ON
	orr	x0, x0, x1
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ret

/* dcache_inval_poc(start, end): invalidate data cache lines to the PoC. */
	.globl	dcache_inval_poc
dcache_inval_poc:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4
	mov	x2, #4
	lsl	x2, x2, x3			/* D-cache line size */
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

	.globl	cpu_park_loop
cpu_park_loop:
	msr	daifset, #0xf
1:	wfi
	b	1b

	.bss
	.balign	16
init_stack:
	.space	16384
init_stack_top:
