/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The byte encodings of the fuzz targets' inputs: each fuzz_<target>.c
 * decodes its own, seeds.c writes the committed seeds with them. One place,
 * so that a seed and its decoder cannot disagree about what a byte means.
 * Multi-byte operands are little-endian; an op cut short by the end of the
 * input is dropped.
 */
#ifndef MINIVMM_FUZZ_INPUTS_H
#define MINIVMM_FUZZ_INPUTS_H

/*
 * vgic: a machine byte, then ops.
 *
 *   byte 0      machine: bits 2:0 = CPUs - 1, bits 4:3 = SPIs / 32 (0..96)
 *   then ops    op byte: bits 2:0 kind, bits 5:3 CPU (modulo the CPU
 *               count), bits 7:6 argument (a width 1/2/4/8, a filter, ...)
 */

#define VF_MACHINE(cpus, spis)	((((cpus) - 1) & 7) | (((spis) / 32) & 3) << 3)
#define VF_OP(kind, cpu, arg)	(((kind) & 7) | ((cpu) & 7) << 3 | ((arg) & 3) << 6)

enum vf_kind {
	VF_DREAD,	/* u16 offset (& 0x1fff): GICD read, width 1 << arg */
	VF_DWRITE,	/* u16 offset (& 0x1fff), u32 value: GICD write, width 1 << arg */
	VF_CREAD,	/* u16 offset (& 0x3fff): GICC read, width 1 << arg */
	VF_CWRITE,	/* u16 offset (& 0x3fff), u32 value: GICC write, width 1 << arg */
	VF_SGIR,	/* u8 id (low nibble SGI, high nibble into SGIR bits 15:12),
			 * u8 target list: GICD_SGIR write with filter = arg */
	VF_LEVEL,	/* u8 n: vgic_set_level(16 + n % (nr_spis + 24)); the CPU
			 * picks the PPI bank; arg 0 low, 1 high, 2 pulse, 3 high */
	VF_ACK,		/* arg 0: IAR; 1: IAR, EOIR; 2: IAR, EOIR, DIR;
			 * 3: EOIR of this CPU's latest acknowledged INTID */
	VF_MISC,	/* arg 0: DIR of this CPU's oldest EOI'd, not deactivated INTID;
			 * 1: drain every CPU and check the SGI counts balance;
			 * 2: enable the distributor and this CPU's interface
			 *    (GICD_CTLR 1, GICC_PMR 0xf0, GICC_CTLR 1);
			 * 3: calls that must be ignored (bad CPU, bad INTID) */
};

#define VF_WIDTH_ARG(width)	((width) == 1 ? 0 : (width) == 2 ? 1 : (width) == 4 ? 2 : 3)

/*
 * loader: fields in this order; the input may end anywhere, missing
 * bytes read as zero.
 *
 *   u8 flags           LF_* below; bits 7:4 = the device tree's CPU count (0..15)
 *   [u64 ram base]     only with LF_RAM_BASE (else 0x4000_0000)
 *   sizes              with LF_RAW_SIZES: u64 RAM, u64 initrd, u64 DTB;
 *                      else u32 RAM in 64 KiB, u32 initrd in 256 bytes, u32 DTB
 *                      (& 0x3fffff)
 *   u16 n, n bytes     the image file (fewer if the input ends)
 *   u16 n, n bytes     a DTB file for fdt_check_blob
 *   8 x u32            vCPU MPIDRs: Aff2..0 in bits 23:0, Aff3 from bits 31:24
 *   u16 buffer size    for fdt_build (0: 64 KiB)
 *   the rest           bootargs (up to a NUL)
 */
#define LF_RAM_BASE	(1u << 0)
#define LF_RAW_SIZES	(1u << 1)
#define LF_BAD_INITRD	(1u << 2)	/* describe the initrd with end < start */
#define LF_CPUS(n)	((n) << 4)

/* options: the arguments after argv[0], each ended by a NUL byte. */

/*
 * pl011: ops. Op byte: bits 1:0 kind, bits 3:2 width (1 << n bytes).
 *   PF_READ     u16 offset (& 0x1fff)
 *   PF_WRITE    u16 offset (& 0x1fff), u32 value
 *   PF_RECEIVE  u8 n, n bytes: pl011_receive
 *   PF_READ_DR  u8 n: n data register reads (draining the FIFO)
 */
enum pf_kind { PF_READ, PF_WRITE, PF_RECEIVE, PF_READ_DR };

#define PF_OP(kind, width)	((kind) | VF_WIDTH_ARG(width) << 2)

#endif
