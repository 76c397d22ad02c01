/* SPDX-License-Identifier: GPL-2.0 */
/* Generic IRQ layer: irq_data, irq_chip, flow handlers (include/linux/irq.h). */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/interrupt.h>
#include <linux/spinlock.h>
#include <asm/ptrace.h>

struct irq_desc;
struct irq_domain;
struct irq_chip;

/* Linux virq numbers handed out here (0 is never valid). */
#define NR_IRQS			256
#define INVALID_HWIRQ		(~0UL)

/* irq_common_data::state_use_accessors (IRQD_*) */
#define IRQD_TRIGGER_MASK	0xf
#define IRQD_PER_CPU		(1U << 11)
#define IRQD_NO_BALANCING	(1U << 10)
#define IRQD_LEVEL		(1U << 13)
#define IRQD_IRQ_DISABLED	(1U << 16)
#define IRQD_IRQ_MASKED		(1U << 17)
#define IRQD_IRQ_INPROGRESS	(1U << 18)
#define IRQD_IRQ_STARTED	(1U << 22)

/* irq_desc::status_use_accessors (IRQ_* settings) */
#define IRQ_TYPE_NONE		0x0
#define IRQ_TYPE_EDGE_RISING	0x1
#define IRQ_TYPE_EDGE_FALLING	0x2
#define IRQ_TYPE_EDGE_BOTH	0x3
#define IRQ_TYPE_LEVEL_HIGH	0x4
#define IRQ_TYPE_LEVEL_LOW	0x8
#define IRQ_TYPE_LEVEL_MASK	(IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH)
#define IRQ_TYPE_SENSE_MASK	0xf
#define IRQ_LEVEL		(1 << 8)
#define IRQ_PER_CPU		(1 << 9)
#define IRQ_NOPROBE		(1 << 10)
#define IRQ_NOREQUEST		(1 << 11)
#define IRQ_NOAUTOEN		(1 << 12)
#define IRQ_NO_BALANCING	(1 << 13)
#define IRQ_NOTHREAD		(1 << 16)
#define IRQ_PER_CPU_DEVID	(1 << 17)

enum {
	IRQ_SET_MASK_OK = 0,
	IRQ_SET_MASK_OK_NOCOPY,
	IRQ_SET_MASK_OK_DONE,
};

struct irq_common_data {
	unsigned int state_use_accessors;
	struct cpumask affinity;
	/* First CPU of an IPI's destination mask (kernel/irq/ipi.c). */
	unsigned int ipi_offset;
};

struct irq_data {
	unsigned int irq;
	irq_hw_number_t hwirq;
	struct irq_common_data *common;
	struct irq_chip *chip;
	struct irq_domain *domain;
	void *chip_data;
};

struct irq_chip {
	const char *name;
	unsigned int (*irq_startup)(struct irq_data *data);
	void (*irq_shutdown)(struct irq_data *data);
	void (*irq_enable)(struct irq_data *data);
	void (*irq_disable)(struct irq_data *data);
	void (*irq_ack)(struct irq_data *data);
	void (*irq_mask)(struct irq_data *data);
	void (*irq_unmask)(struct irq_data *data);
	void (*irq_eoi)(struct irq_data *data);
	int (*irq_set_affinity)(struct irq_data *data, const struct cpumask *dest, bool force);
	int (*irq_retrigger)(struct irq_data *data);
	int (*irq_set_type)(struct irq_data *data, unsigned int flow_type);
	int (*irq_get_irqchip_state)(struct irq_data *data, enum irqchip_irq_state which, bool *state);
	int (*irq_set_irqchip_state)(struct irq_data *data, enum irqchip_irq_state which, bool state);
	void (*ipi_send_single)(struct irq_data *data, unsigned int cpu);
	void (*ipi_send_mask)(struct irq_data *data, const struct cpumask *dest);
	unsigned long flags;
};

typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

/* Flow handlers (kernel/irq/chip.c). */
void handle_fasteoi_irq(struct irq_desc *desc);
void handle_percpu_devid_irq(struct irq_desc *desc);
void handle_percpu_irq(struct irq_desc *desc);
void handle_bad_irq(struct irq_desc *desc);

void irq_set_chip_and_handler_name(unsigned int irq, struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name);
#define irq_set_chip_and_handler(irq, chip, handle) \
	irq_set_chip_and_handler_name((irq), (chip), (handle), NULL)
int irq_set_chip_data(unsigned int irq, void *data);
int irq_set_percpu_devid(unsigned int irq);
int irq_set_irq_type(unsigned int irq, unsigned int type);
void irq_modify_status(unsigned int irq, unsigned long clr, unsigned long set);
#define irq_set_status_flags(irq, set)	irq_modify_status((irq), 0, (set))
#define irq_clear_status_flags(irq, clr) irq_modify_status((irq), (clr), 0)
void irq_percpu_enable(struct irq_desc *desc, unsigned int cpu);
void irq_percpu_disable(struct irq_desc *desc, unsigned int cpu);
int irq_startup(struct irq_desc *desc, bool resend);
void irq_shutdown(struct irq_desc *desc);
void mask_irq(struct irq_desc *desc);
void unmask_irq(struct irq_desc *desc);

struct irq_data *irq_get_irq_data(unsigned int irq);

static inline const struct cpumask *irq_data_get_affinity_mask(struct irq_data *d)
{
	return &d->common->affinity;
}

static inline unsigned int irqd_get_trigger_type(struct irq_data *d)
{
	return d->common->state_use_accessors & IRQD_TRIGGER_MASK;
}

static inline bool irqd_irq_disabled(struct irq_data *d)
{
	return d->common->state_use_accessors & IRQD_IRQ_DISABLED;
}

static inline bool irqd_irq_masked(struct irq_data *d)
{
	return d->common->state_use_accessors & IRQD_IRQ_MASKED;
}

static inline irq_hw_number_t irqd_to_hwirq(struct irq_data *d)
{
	return d->hwirq;
}

/* kernel/irq/ipi.c */
int irq_reserve_ipi(struct irq_domain *domain, const struct cpumask *dest);
int irq_destroy_ipi(unsigned int irq, const struct cpumask *dest);
irq_hw_number_t ipi_get_hwirq(unsigned int irq, unsigned int cpu);
int __ipi_send_single(struct irq_desc *desc, unsigned int cpu);
int __ipi_send_mask(struct irq_desc *desc, const struct cpumask *dest);
int ipi_send_single(unsigned int virq, unsigned int cpu);
int ipi_send_mask(unsigned int virq, const struct cpumask *dest);

/* arch/arm64/kernel/irq.c */
extern void (*handle_arch_irq)(struct pt_regs *);
int set_handle_irq(void (*handle_irq)(struct pt_regs *));
void init_IRQ(void);

#endif
