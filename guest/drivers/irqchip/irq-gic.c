// SPDX-License-Identifier: GPL-2.0
/*
 * ARM GICv2 driver (drivers/irqchip/irq-gic.c): distributor and per-CPU
 * interface set-up, the gic_handle_irq() top-level handler, SGI sending
 * (gic_raise_softirq, the smp_cross_call hook), an irq domain for PPIs and
 * SPIs, and two IPI domains over the SGIs the arch IPIs leave free
 * (NR_IPI..15): a "single" one (one SGI for any set of CPUs) and a
 * "per CPU" one (one SGI per CPU) for kernel/irq/ipi.c.
 *
 * Every register access is one 32-bit (or, where GICv2 allows it, 8-bit)
 * LDR/STR via readl_relaxed/writel_relaxed, so a hypervisor can decode it.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/libfdt.h>
#include <linux/smp.h>
#include <asm/io.h>

struct gic_chip_data {
	void __iomem *dist_base;
	void __iomem *cpu_base;
	unsigned int gic_irqs;
	struct irq_domain *domain;
	struct irq_domain *ipi_single_domain;
	struct irq_domain *ipi_percpu_domain;
	unsigned long sgi_used;		/* SGIs handed out to the IPI domains */
	raw_spinlock_t sgi_lock;
};

static struct gic_chip_data gic_data[1];

/* GIC CPU interface bit(s) of each logical CPU, learnt from ITARGETSR (gic_get_cpumask). */
#define NR_GIC_CPU_IF	8
static u8 gic_cpu_map[NR_GIC_CPU_IF] = { [0 ... NR_GIC_CPU_IF - 1] = 0xff };
/* and back: CPU interface number -> logical CPU, for the SGI source in GICC_IAR */
static u8 gic_cpuif_to_cpu[NR_GIC_CPU_IF] = { [0 ... NR_GIC_CPU_IF - 1] = 0xff };

static inline void __iomem *gic_dist_base(struct irq_data *d)
{
	return ((struct gic_chip_data *)d->chip_data)->dist_base;
}

static inline void __iomem *gic_cpu_base(struct irq_data *d)
{
	return ((struct gic_chip_data *)d->chip_data)->cpu_base;
}

static inline unsigned int gic_irq(struct irq_data *d)
{
	return (unsigned int)d->hwirq;
}

static void gic_poke_irq(struct irq_data *d, u32 offset)
{
	u32 mask = 1U << (gic_irq(d) % 32);

	writel_relaxed(mask, gic_dist_base(d) + offset + (gic_irq(d) / 32) * 4);
}

static int gic_peek_irq(struct irq_data *d, u32 offset)
{
	u32 mask = 1U << (gic_irq(d) % 32);

	return !!(readl_relaxed(gic_dist_base(d) + offset + (gic_irq(d) / 32) * 4) & mask);
}

static void gic_mask_irq(struct irq_data *d)
{
	gic_poke_irq(d, GIC_DIST_ENABLE_CLEAR);
}

static void gic_unmask_irq(struct irq_data *d)
{
	gic_poke_irq(d, GIC_DIST_ENABLE_SET);
}

static void gic_eoi_irq(struct irq_data *d)
{
	writel_relaxed(gic_irq(d), gic_cpu_base(d) + GIC_CPU_EOI);
}

static int gic_irq_set_irqchip_state(struct irq_data *d, enum irqchip_irq_state which, bool val)
{
	u32 reg;

	switch (which) {
	case IRQCHIP_STATE_PENDING:
		reg = val ? GIC_DIST_PENDING_SET : GIC_DIST_PENDING_CLEAR;
		break;
	case IRQCHIP_STATE_ACTIVE:
		reg = val ? GIC_DIST_ACTIVE_SET : GIC_DIST_ACTIVE_CLEAR;
		break;
	case IRQCHIP_STATE_MASKED:
		reg = val ? GIC_DIST_ENABLE_CLEAR : GIC_DIST_ENABLE_SET;
		break;
	default:
		return -EINVAL;
	}
	gic_poke_irq(d, reg);
	return 0;
}

static int gic_irq_get_irqchip_state(struct irq_data *d, enum irqchip_irq_state which, bool *val)
{
	switch (which) {
	case IRQCHIP_STATE_PENDING:
		*val = gic_peek_irq(d, GIC_DIST_PENDING_SET);
		break;
	case IRQCHIP_STATE_ACTIVE:
		*val = gic_peek_irq(d, GIC_DIST_ACTIVE_SET);
		break;
	case IRQCHIP_STATE_MASKED:
		*val = !gic_peek_irq(d, GIC_DIST_ENABLE_SET);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static int gic_retrigger(struct irq_data *d)
{
	return !gic_irq_set_irqchip_state(d, IRQCHIP_STATE_PENDING, true);
}

/* ICFGR: 2 bits per interrupt, bit 1 = edge. Only written when it changes. */
static int gic_configure_irq(unsigned int irq, unsigned int type, void __iomem *base)
{
	u32 confmask = 0x2U << ((irq % 16) * 2);
	u32 confoff = (irq / 16) * 4;
	u32 val, oldval;

	val = oldval = readl_relaxed(base + GIC_DIST_CONFIG + confoff);
	if (type & IRQ_TYPE_LEVEL_MASK)
		val &= ~confmask;
	else if (type & IRQ_TYPE_EDGE_BOTH)
		val |= confmask;
	if (val == oldval)
		return 0;
	writel_relaxed(val, base + GIC_DIST_CONFIG + confoff);
	if (readl_relaxed(base + GIC_DIST_CONFIG + confoff) != val)
		return -EINVAL;
	return 0;
}

static int gic_set_type(struct irq_data *d, unsigned int type)
{
	unsigned int gicirq = gic_irq(d);
	int ret;

	/* SGIs are always edge */
	if (gicirq < 16)
		return type != IRQ_TYPE_EDGE_RISING ? -EINVAL : 0;
	/* the GIC has no inverters: only level-high and rising edge */
	if (type != IRQ_TYPE_LEVEL_HIGH && type != IRQ_TYPE_EDGE_RISING)
		return -EINVAL;
	ret = gic_configure_irq(gicirq, type, gic_dist_base(d));
	if (ret && gicirq < 32) {
		/* PPI configuration may be fixed: not fatal */
		pr_warn("GIC: PPI%u is secure or misconfigured\n", gicirq - 16);
		ret = 0;
	}
	return ret;
}

static int gic_set_affinity(struct irq_data *d, const struct cpumask *mask_val, bool force)
{
	void __iomem *reg = gic_dist_base(d) + GIC_DIST_TARGET + gic_irq(d);
	unsigned int cpu;

	if (gic_irq(d) < 32)
		return -EINVAL;
	cpu = force ? cpumask_first(mask_val) : cpumask_any_and(mask_val, cpu_online_mask);
	if (cpu >= NR_GIC_CPU_IF || cpu >= nr_cpu_ids)
		return -EINVAL;
	/* one byte per interrupt: GICv2 allows byte access to ITARGETSR */
	writeb_relaxed(gic_cpu_map[cpu], reg);
	return IRQ_SET_MASK_OK_DONE;
}

static unsigned int gic_source_cpu(u32 irqstat)
{
	unsigned int cpuif = (irqstat >> GICC_IAR_CPUID_SHIFT) & GICC_IAR_CPUID_MASK;

	return gic_cpuif_to_cpu[cpuif] != 0xff ? gic_cpuif_to_cpu[cpuif] : cpuif;
}

static void gic_handle_irq(struct pt_regs *regs)
{
	u32 irqstat, irqnr;
	struct gic_chip_data *gic = &gic_data[0];
	void __iomem *cpu_base = gic->cpu_base;

	do {
		irqstat = readl_relaxed(cpu_base + GIC_CPU_INTACK);
		irqnr = irqstat & GICC_IAR_INT_ID_MASK;

		if (likely(irqnr > 15 && irqnr < 1020)) {
			handle_domain_irq(gic->domain, irqnr, regs);
			continue;
		}
		if (irqnr < 16) {
			writel_relaxed(irqstat, cpu_base + GIC_CPU_EOI);
			/*
			 * Read the data the sender wrote before raising the SGI
			 * only after IAR: pairs with the dmb in gic_raise_softirq().
			 */
			smp_rmb();
			handle_IPI((int)irqnr, gic_source_cpu(irqstat), regs);
			continue;
		}
		break;
	} while (1);
}

static struct irq_chip gic_chip = {
	.name			= "GIC",
	.irq_mask		= gic_mask_irq,
	.irq_unmask		= gic_unmask_irq,
	.irq_eoi		= gic_eoi_irq,
	.irq_set_type		= gic_set_type,
	.irq_retrigger		= gic_retrigger,
	.irq_set_affinity	= gic_set_affinity,
	.irq_get_irqchip_state	= gic_irq_get_irqchip_state,
	.irq_set_irqchip_state	= gic_irq_set_irqchip_state,
};

/* The smp_cross_call hook: one GICD_SGIR write with a target list. */
static void gic_raise_softirq(const struct cpumask *mask, unsigned int irq)
{
	unsigned int cpu;
	unsigned long map = 0;

	for_each_cpu(cpu, mask)
		map |= gic_cpu_map[cpu];
	/*
	 * Make stores to Normal memory visible to the other CPUs before
	 * they can observe the SGI.
	 */
	dmb(ishst);
	writel_relaxed((u32)(map << GICD_SGI_TARGET_SHIFT) | irq,
		       gic_data[0].dist_base + GIC_DIST_SOFTINT);
}

void gic_send_sgi_list(const struct cpumask *mask, unsigned int sgi)
{
	gic_raise_softirq(mask, sgi);
}

/* TargetListFilter 1 (all but self) or 2 (self): the hardware picks the targets. */
void gic_send_sgi_filter(unsigned int filter, unsigned int sgi)
{
	dmb(ishst);
	writel_relaxed(filter | (sgi & 0xf), gic_data[0].dist_base + GIC_DIST_SOFTINT);
}

u8 gic_cpu_target_map(unsigned int cpu)
{
	return cpu < NR_GIC_CPU_IF ? gic_cpu_map[cpu] : 0;
}

/*
 * This CPU's interface bit, as the banked ITARGETSR0..7 report it. A
 * uniprocessor GIC reads them as zero.
 */
static u8 gic_get_cpumask(struct gic_chip_data *gic)
{
	void __iomem *base = gic->dist_base;
	u32 mask = 0;

	for (unsigned int i = 0; i < 32; i += 4) {
		mask = readl_relaxed(base + GIC_DIST_TARGET + i);
		mask |= mask >> 16;
		mask |= mask >> 8;
		if (mask)
			break;
	}
	if (!mask && num_possible_cpus() > 1)
		pr_crit("GIC CPU mask not found - kernel will fail to boot.\n");
	return (u8)mask;
}

static void gic_cpu_if_up(struct gic_chip_data *gic)
{
	void __iomem *cpu_base = gic->cpu_base;
	u32 bypass = readl_relaxed(cpu_base + GIC_CPU_CTRL) & GICC_DIS_BYPASS_MASK;

	writel_relaxed(bypass | GICC_ENABLE, cpu_base + GIC_CPU_CTRL);
}

static void gic_dist_config(void __iomem *base, unsigned int gic_irqs)
{
	unsigned int i;

	/* all SPIs level-triggered, active high (GIC_DIST_CONFIG reset is fine for PPIs) */
	for (i = 32; i < gic_irqs; i += 16)
		writel_relaxed(GICD_INT_ACTLOW_LVLTRIG, base + GIC_DIST_CONFIG + i / 4);
	for (i = 32; i < gic_irqs; i += 4)
		writel_relaxed(GICD_INT_DEF_PRI_X4, base + GIC_DIST_PRI + i);
	/* deactivate and disable every SPI */
	for (i = 32; i < gic_irqs; i += 32) {
		writel_relaxed(GICD_INT_EN_CLR_X32, base + GIC_DIST_ACTIVE_CLEAR + i / 8);
		writel_relaxed(GICD_INT_EN_CLR_X32, base + GIC_DIST_ENABLE_CLEAR + i / 8);
	}
}

static void gic_dist_init(struct gic_chip_data *gic)
{
	void __iomem *base = gic->dist_base;
	u32 cpumask;

	writel_relaxed(GICD_DISABLE, base + GIC_DIST_CTRL);
	/* route every SPI to the boot CPU */
	cpumask = gic_get_cpumask(gic);
	if (!cpumask)
		cpumask = 1;
	cpumask |= cpumask << 8;
	cpumask |= cpumask << 16;
	for (unsigned int i = 32; i < gic->gic_irqs; i += 4)
		writel_relaxed(cpumask, base + GIC_DIST_TARGET + i);
	gic_dist_config(base, gic->gic_irqs);
	writel_relaxed(GICD_ENABLE, base + GIC_DIST_CTRL);
}

static void gic_cpu_config(void __iomem *base)
{
	/* SGIs enabled, PPIs disabled until a driver enables its own */
	writel_relaxed(GICD_INT_EN_CLR_X32, base + GIC_DIST_ACTIVE_CLEAR);
	writel_relaxed(GICD_INT_EN_CLR_PPI, base + GIC_DIST_ENABLE_CLEAR);
	writel_relaxed(GICD_INT_EN_SET_SGI, base + GIC_DIST_ENABLE_SET);
	for (unsigned int i = 0; i < 32; i += 4)
		writel_relaxed(GICD_INT_DEF_PRI_X4, base + GIC_DIST_PRI + i);
}

static void gic_cpu_init(struct gic_chip_data *gic)
{
	unsigned int cpu = smp_processor_id();
	u8 cpu_mask = gic_get_cpumask(gic);

	if (!cpu_mask && num_possible_cpus() == 1)
		cpu_mask = 1;	/* uniprocessor GIC: ITARGETSR is RAZ, interface 0 */
	if (cpu < NR_GIC_CPU_IF) {
		gic_cpu_map[cpu] = cpu_mask;
		/* drop this interface from every other CPU's entry */
		for (unsigned int i = 0; i < NR_GIC_CPU_IF; i++)
			if (i != cpu)
				gic_cpu_map[i] &= ~cpu_mask;
		if (cpu_mask)
			gic_cpuif_to_cpu[__builtin_ctz(cpu_mask)] = (u8)cpu;
	}
	gic_cpu_config(gic->dist_base);
	writel_relaxed(GICC_INT_PRI_THRESHOLD, gic->cpu_base + GIC_CPU_PRIMASK);
	gic_cpu_if_up(gic);
}

void gic_cpu_init_this(void)
{
	gic_cpu_init(&gic_data[0]);
}

void gic_cpu_if_down_this(void)
{
	void __iomem *cpu_base = gic_data[0].cpu_base;

	writel_relaxed(readl_relaxed(cpu_base + GIC_CPU_CTRL) & ~GICC_ENABLE, cpu_base + GIC_CPU_CTRL);
}

/* ---- the PPI/SPI domain ---- */

static int gic_irq_domain_map(struct irq_domain *d, unsigned int irq, irq_hw_number_t hw)
{
	struct gic_chip_data *gic = d->host_data;

	if (hw < 16)
		return -EPERM;	/* SGIs belong to handle_IPI and the IPI domains */
	if (hw < 32) {
		irq_set_percpu_devid(irq);
		irq_set_chip_and_handler_name(irq, &gic_chip, handle_percpu_devid_irq, "percpu_devid");
	} else {
		irq_set_chip_and_handler_name(irq, &gic_chip, handle_fasteoi_irq, "fasteoi");
		irq_set_status_flags(irq, IRQ_NOPROBE);
	}
	irq_set_chip_data(irq, gic);
	return 0;
}

static int gic_irq_domain_translate(struct irq_domain *d, struct irq_fwspec *fwspec,
				    unsigned long *hwirq, unsigned int *type)
{
	(void)d;
	if (fwspec->param_count < 3)
		return -EINVAL;
	switch (fwspec->param[0]) {
	case 0:		/* SPI */
		*hwirq = fwspec->param[1] + 32;
		break;
	case 1:		/* PPI */
		*hwirq = fwspec->param[1] + 16;
		break;
	default:
		return -EINVAL;
	}
	*type = fwspec->param[2] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

static const struct irq_domain_ops gic_irq_domain_ops = {
	.map = gic_irq_domain_map,
	.translate = gic_irq_domain_translate,
};

/* ---- the IPI domains (SGIs NR_IPI..15) ---- */

static void gic_ipi_send_mask(struct irq_data *d, const struct cpumask *mask)
{
	gic_raise_softirq(mask, gic_irq(d));
}

static void gic_ipi_send_single(struct irq_data *d, unsigned int cpu)
{
	gic_raise_softirq(cpumask_of(cpu), gic_irq(d));
}

/* One SGI for all destinations: a target list does the fan-out (send_mask only). */
static struct irq_chip gic_ipi_single_chip = {
	.name		= "GIC-IPI",
	.irq_unmask	= gic_unmask_irq,
	.ipi_send_mask	= gic_ipi_send_mask,
};

/* One SGI per CPU: sent one at a time (send_single only). */
static struct irq_chip gic_ipi_percpu_chip = {
	.name		 = "GIC-IPI-percpu",
	.irq_unmask	 = gic_unmask_irq,
	.ipi_send_single = gic_ipi_send_single,
};

static int gic_ipi_domain_alloc(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs,
				void *arg)
{
	struct gic_chip_data *gic = d->host_data;
	bool single = irq_domain_is_ipi_single(d);
	unsigned long flags;
	unsigned int sgi, i;

	(void)arg;
	raw_spin_lock_irqsave(&gic->sgi_lock, flags);
	for (sgi = NR_IPI; sgi + nr_irqs <= NR_SGIS; sgi++) {
		for (i = 0; i < nr_irqs && !(gic->sgi_used & (1UL << (sgi + i))); i++)
			;
		if (i == nr_irqs)
			break;
	}
	if (sgi + nr_irqs > NR_SGIS) {
		raw_spin_unlock_irqrestore(&gic->sgi_lock, flags);
		return -ENOSPC;
	}
	for (i = 0; i < nr_irqs; i++)
		gic->sgi_used |= 1UL << (sgi + i);
	raw_spin_unlock_irqrestore(&gic->sgi_lock, flags);

	for (i = 0; i < nr_irqs; i++) {
		if (single) {
			irq_set_percpu_devid(virq + i);
			irq_domain_set_info(d, virq + i, sgi + i, &gic_ipi_single_chip, gic,
					    handle_percpu_devid_irq, NULL, "percpu_devid");
		} else {
			irq_domain_set_info(d, virq + i, sgi + i, &gic_ipi_percpu_chip, gic,
					    handle_percpu_irq, NULL, "percpu");
		}
	}
	return 0;
}

static void gic_ipi_domain_free(struct irq_domain *d, unsigned int virq, unsigned int nr_irqs)
{
	struct gic_chip_data *gic = d->host_data;
	unsigned long flags;

	raw_spin_lock_irqsave(&gic->sgi_lock, flags);
	for (unsigned int i = 0; i < nr_irqs; i++) {
		struct irq_data *data = irq_get_irq_data(virq + i);

		if (data)
			gic->sgi_used &= ~(1UL << data->hwirq);
	}
	raw_spin_unlock_irqrestore(&gic->sgi_lock, flags);
}

static const struct irq_domain_ops gic_ipi_domain_ops = {
	.alloc = gic_ipi_domain_alloc,
	.free = gic_ipi_domain_free,
};

static int gic_init_bases(struct gic_chip_data *gic, void __iomem *dist_base,
			  void __iomem *cpu_base)
{
	unsigned int gic_irqs;

	gic->dist_base = dist_base;
	gic->cpu_base = cpu_base;
	raw_spin_lock_init(&gic->sgi_lock);
	gic->sgi_used = (1UL << NR_IPI) - 1;	/* the arch IPIs */

	/* ITLinesNumber: 32 * (N + 1) interrupt IDs, at most 1020 */
	gic_irqs = (readl_relaxed(dist_base + GIC_DIST_CTR) & 0x1f);
	gic_irqs = (gic_irqs + 1) * 32;
	if (gic_irqs > 1020)
		gic_irqs = 1020;
	gic->gic_irqs = gic_irqs;

	gic->domain = irq_domain_add_linear(gic_irqs, &gic_irq_domain_ops, gic);
	gic->domain->name = "GIC";
	gic->ipi_single_domain = irq_domain_add_linear(NR_SGIS, &gic_ipi_domain_ops, gic);
	gic->ipi_single_domain->name = "GIC-IPI";
	gic->ipi_single_domain->flags = IRQ_DOMAIN_FLAG_IPI_SINGLE;
	gic->ipi_percpu_domain = irq_domain_add_linear(NR_SGIS, &gic_ipi_domain_ops, gic);
	gic->ipi_percpu_domain->name = "GIC-IPI-percpu";
	gic->ipi_percpu_domain->flags = IRQ_DOMAIN_FLAG_IPI_PER_CPU;

	set_smp_cross_call(gic_raise_softirq);
	set_smp_ipi_domain(gic->ipi_single_domain);
	set_smp_ipi_domain(gic->ipi_percpu_domain);
	set_handle_irq(gic_handle_irq);

	gic_dist_init(gic);
	gic_cpu_init(gic);
	return 0;
}

int gic_of_init(const void *fdt, int node)
{
	u64 dist, cpu, dist_size, cpu_size;

	if (fdt_get_reg(fdt, node, 0, &dist, &dist_size) ||
	    fdt_get_reg(fdt, node, 1, &cpu, &cpu_size)) {
		pr_err("GIC: bad \"reg\" in %s\n", fdt_get_name(fdt, node, NULL));
		return -EINVAL;
	}
	gic_init_bases(&gic_data[0], ioremap(dist, dist_size), ioremap(cpu, cpu_size));
	pr_info("GIC: GICv2 at 0x%llx/0x%llx, %u irqs, GICD_IIDR 0x%08x, GICC_IIDR 0x%08x, CPU0 interface mask 0x%02x\n",
		(unsigned long long)dist, (unsigned long long)cpu, gic_data[0].gic_irqs,
		readl_relaxed(gic_data[0].dist_base + GIC_DIST_IIDR),
		readl_relaxed(gic_data[0].cpu_base + GIC_CPU_IDENT), gic_cpu_map[0]);
	return 0;
}

struct irq_domain *gic_get_domain(void)
{
	return gic_data[0].domain;
}

struct irq_domain *gic_get_ipi_domain_single(void)
{
	return gic_data[0].ipi_single_domain;
}

struct irq_domain *gic_get_ipi_domain_percpu(void)
{
	return gic_data[0].ipi_percpu_domain;
}

unsigned int gic_nr_irqs(void)
{
	return gic_data[0].gic_irqs;
}

/* ---- priority controls used by the self-tests ---- */

void gic_irq_set_prio(unsigned int virq, u8 prio)
{
	struct irq_data *d = irq_get_irq_data(virq);

	if (d)
		writeb_relaxed(prio, gic_data[0].dist_base + GIC_DIST_PRI + d->hwirq);
}

u8 gic_irq_get_prio(unsigned int virq)
{
	struct irq_data *d = irq_get_irq_data(virq);

	return d ? readb_relaxed(gic_data[0].dist_base + GIC_DIST_PRI + d->hwirq) : 0;
}

/* SGI priorities are banked: this sets the calling CPU's copy. */
void gic_sgi_set_prio(unsigned int sgi, u8 prio)
{
	writeb_relaxed(prio, gic_data[0].dist_base + GIC_DIST_PRI + (sgi & 0xf));
}

void gic_cpu_set_pmr(u8 pmr)
{
	writel_relaxed(pmr, gic_data[0].cpu_base + GIC_CPU_PRIMASK);
}

u8 gic_cpu_get_pmr(void)
{
	return (u8)readl_relaxed(gic_data[0].cpu_base + GIC_CPU_PRIMASK);
}

void gic_cpu_set_bpr(u8 bpr)
{
	writel_relaxed(bpr, gic_data[0].cpu_base + GIC_CPU_BINPOINT);
}

u8 gic_cpu_get_bpr(void)
{
	return (u8)readl_relaxed(gic_data[0].cpu_base + GIC_CPU_BINPOINT);
}

u8 gic_cpu_running_prio(void)
{
	return (u8)readl_relaxed(gic_data[0].cpu_base + GIC_CPU_RUNNINGPRI);
}

u8 gic_sgi_pending_sources(unsigned int sgi)
{
	return readb_relaxed(gic_data[0].dist_base + GIC_DIST_SGI_PENDING_SET + (sgi & 0xf));
}
