/* SPDX-License-Identifier: GPL-2.0 */
/* GICv2 registers (include/linux/irqchip/arm-gic.h) and driver entry points. */
#ifndef _LINUX_IRQCHIP_ARM_GIC_H
#define _LINUX_IRQCHIP_ARM_GIC_H

#include <linux/types.h>
#include <linux/cpumask.h>

#define GIC_CPU_CTRL			0x00
#define GIC_CPU_PRIMASK			0x04
#define GIC_CPU_BINPOINT		0x08
#define GIC_CPU_INTACK			0x0c
#define GIC_CPU_EOI			0x10
#define GIC_CPU_RUNNINGPRI		0x14
#define GIC_CPU_HIGHPRI			0x18
#define GIC_CPU_ALIAS_BINPOINT		0x1c
#define GIC_CPU_ACTIVEPRIO		0xd0
#define GIC_CPU_IDENT			0xfc
#define GIC_CPU_DEACTIVATE		0x1000

#define GICC_ENABLE			0x1
#define GICC_INT_PRI_THRESHOLD		0xf0
#define GICC_IAR_INT_ID_MASK		0x3ff
#define GICC_IAR_CPUID_SHIFT		10
#define GICC_IAR_CPUID_MASK		0x7
#define GICC_INT_SPURIOUS		1023
#define GICC_DIS_BYPASS_MASK		0x1e0

#define GIC_DIST_CTRL			0x000
#define GIC_DIST_CTR			0x004
#define GIC_DIST_IIDR			0x008
#define GIC_DIST_IGROUP			0x080
#define GIC_DIST_ENABLE_SET		0x100
#define GIC_DIST_ENABLE_CLEAR		0x180
#define GIC_DIST_PENDING_SET		0x200
#define GIC_DIST_PENDING_CLEAR		0x280
#define GIC_DIST_ACTIVE_SET		0x300
#define GIC_DIST_ACTIVE_CLEAR		0x380
#define GIC_DIST_PRI			0x400
#define GIC_DIST_TARGET			0x800
#define GIC_DIST_CONFIG			0xc00
#define GIC_DIST_SOFTINT		0xf00
#define GIC_DIST_SGI_PENDING_CLEAR	0xf10
#define GIC_DIST_SGI_PENDING_SET	0xf20

#define GICD_ENABLE			0x1
#define GICD_DISABLE			0x0
#define GICD_INT_ACTLOW_LVLTRIG		0x0
#define GICD_INT_EN_CLR_X32		0xffffffff
#define GICD_INT_EN_SET_SGI		0x0000ffff
#define GICD_INT_EN_CLR_PPI		0xffff0000
#define GICD_INT_DEF_PRI		0xa0
#define GICD_INT_DEF_PRI_X4		((GICD_INT_DEF_PRI << 24) | (GICD_INT_DEF_PRI << 16) | \
					 (GICD_INT_DEF_PRI << 8) | GICD_INT_DEF_PRI)

/* GICD_SGIR TargetListFilter */
#define GICD_SGI_TARGET_LIST		(0U << 24)
#define GICD_SGI_TARGET_OTHERS		(1U << 24)
#define GICD_SGI_TARGET_SELF		(2U << 24)
#define GICD_SGI_TARGET_SHIFT		16

int gic_of_init(const void *fdt, int node);
void gic_cpu_init_this(void);	/* per-CPU bring-up, from secondary_start_kernel */
void gic_cpu_if_down_this(void);

/* The IRQ domains the driver creates (GIC hwirq space, and two IPI domains over SGIs). */
struct irq_domain;
struct irq_domain *gic_get_domain(void);
struct irq_domain *gic_get_ipi_domain_single(void);
struct irq_domain *gic_get_ipi_domain_percpu(void);
unsigned int gic_nr_irqs(void);

/* Raw SGI sends for the x86-style helpers: one GICD_SGIR write each. */
void gic_send_sgi_filter(unsigned int filter, unsigned int sgi);
void gic_send_sgi_list(const struct cpumask *mask, unsigned int sgi);
u8 gic_cpu_target_map(unsigned int cpu);

/* Priority controls, for the priority self-tests. */
void gic_irq_set_prio(unsigned int virq, u8 prio);
u8 gic_irq_get_prio(unsigned int virq);
void gic_sgi_set_prio(unsigned int sgi, u8 prio);
void gic_cpu_set_pmr(u8 pmr);
u8 gic_cpu_get_pmr(void);
void gic_cpu_set_bpr(u8 bpr);
u8 gic_cpu_get_bpr(void);
u8 gic_cpu_running_prio(void);
/* Source-CPU bits still pending for SGI @sgi on this CPU (GICD_SPENDSGIRn byte). */
u8 gic_sgi_pending_sources(unsigned int sgi);

#endif
