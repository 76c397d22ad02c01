/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GICv2 register map (ARM IHI 0048B, 4.1.2 and 4.1.3): offsets from the
 * distributor (GICD) and CPU interface (GICC) bases. Architecture only, no
 * model state: shared by the model, its tests and the test guests.
 */
#ifndef MINIVMM_GICV2_REGS_H
#define MINIVMM_GICV2_REGS_H

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IIDR		0x008
#define GICD_IGROUPR		0x080
#define GICD_ISENABLER		0x100
#define GICD_ICENABLER		0x180
#define GICD_ISPENDR		0x200
#define GICD_ICPENDR		0x280
#define GICD_ISACTIVER		0x300
#define GICD_ICACTIVER		0x380
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_SGIR		0xf00
#define GICD_CPENDSGIR		0xf10
#define GICD_SPENDSGIR		0xf20
#define GICD_ID_BASE		0xfd0	/* PIDR4..7, PIDR0..3, CIDR0..3 */
#define GICD_SIZE		0x1000

/* GICD_SGIR fields */
#define GICD_SGIR_FILTER_SHIFT	24
#define GICD_SGIR_LIST_SHIFT	16
#define GICD_SGIR_LIST		(0u << GICD_SGIR_FILTER_SHIFT)
#define GICD_SGIR_OTHERS	(1u << GICD_SGIR_FILTER_SHIFT)
#define GICD_SGIR_SELF		(2u << GICD_SGIR_FILTER_SHIFT)

#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_BPR		0x008
#define GICC_IAR		0x00c
#define GICC_EOIR		0x010
#define GICC_RPR		0x014
#define GICC_HPPIR		0x018
#define GICC_ABPR		0x01c
#define GICC_AIAR		0x020
#define GICC_AEOIR		0x024
#define GICC_AHPPIR		0x028
#define GICC_APR0		0x0d0
#define GICC_NSAPR3		0x0ec
#define GICC_IIDR		0x0fc
#define GICC_DIR		0x1000
#define GICC_SIZE		0x2000

/* GICC_IAR fields */
#define GICC_IAR_INTID(iar)	((iar) & 0x3ffu)
#define GICC_IAR_CPU(iar)	(((iar) >> 10) & 7u)

#endif
