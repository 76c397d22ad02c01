// SPDX-License-Identifier: GPL-2.0
/* irq_chip plumbing and the flow handlers (kernel/irq/chip.c). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irqdesc.h>
#include <linux/smp.h>

struct irq_chip no_irq_chip = {
	.name = "none",
};

void irq_set_chip_and_handler_name(unsigned int irq, struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return;
	desc->irq_data.chip = chip ? chip : &no_irq_chip;
	desc->handle_irq = handle ? handle : handle_bad_irq;
	desc->name = name;
}

int irq_set_chip_data(unsigned int irq, void *data)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return -EINVAL;
	desc->irq_data.chip_data = data;
	return 0;
}

void irq_modify_status(unsigned int irq, unsigned long clr, unsigned long set)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned int *state;

	if (!desc)
		return;
	desc->status_use_accessors = (desc->status_use_accessors & ~clr) | set;
	/* mirror the settings that irq_data users test (irqd_*) */
	state = &desc->irq_common_data.state_use_accessors;
	*state &= ~(IRQD_PER_CPU | IRQD_NO_BALANCING | IRQD_LEVEL);
	if (desc->status_use_accessors & IRQ_PER_CPU)
		*state |= IRQD_PER_CPU;
	if (desc->status_use_accessors & IRQ_NO_BALANCING)
		*state |= IRQD_NO_BALANCING;
	if (desc->status_use_accessors & IRQ_LEVEL)
		*state |= IRQD_LEVEL;
}

int irq_set_percpu_devid(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc)
		return -EINVAL;
	cpumask_clear(&desc->percpu_enabled);
	irq_set_status_flags(irq, IRQ_NOAUTOEN | IRQ_PER_CPU | IRQ_NOTHREAD | IRQ_NOPROBE |
			     IRQ_PER_CPU_DEVID);
	return 0;
}

static void irq_state_set(struct irq_desc *desc, unsigned int bits, bool on)
{
	if (on)
		desc->irq_common_data.state_use_accessors |= bits;
	else
		desc->irq_common_data.state_use_accessors &= ~bits;
}

void mask_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (irqd_irq_masked(&desc->irq_data))
		return;
	if (chip->irq_mask) {
		chip->irq_mask(&desc->irq_data);
		irq_state_set(desc, IRQD_IRQ_MASKED, true);
	}
}

void unmask_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	if (!irqd_irq_masked(&desc->irq_data))
		return;
	if (chip->irq_unmask) {
		chip->irq_unmask(&desc->irq_data);
		irq_state_set(desc, IRQD_IRQ_MASKED, false);
	}
}

static void irq_enable(struct irq_desc *desc)
{
	irq_state_set(desc, IRQD_IRQ_DISABLED, false);
	if (desc->irq_data.chip->irq_enable) {
		desc->irq_data.chip->irq_enable(&desc->irq_data);
		irq_state_set(desc, IRQD_IRQ_MASKED, false);
	} else {
		unmask_irq(desc);
	}
}

/* Not lazy: we mask at the chip right away, so the GIC holds a new edge as pending. */
static void irq_disable(struct irq_desc *desc)
{
	irq_state_set(desc, IRQD_IRQ_DISABLED, true);
	if (desc->irq_data.chip->irq_disable) {
		desc->irq_data.chip->irq_disable(&desc->irq_data);
		irq_state_set(desc, IRQD_IRQ_MASKED, true);
	} else {
		mask_irq(desc);
	}
}

/* An interrupt that arrived while disabled is replayed through the chip (kernel/irq/resend.c). */
static void check_irq_resend(struct irq_desc *desc)
{
	if (!(desc->istate & IRQS_PENDING))
		return;
	desc->istate &= ~IRQS_PENDING;
	if (desc->irq_data.chip->irq_retrigger)
		desc->irq_data.chip->irq_retrigger(&desc->irq_data);
}

int irq_startup(struct irq_desc *desc, bool resend)
{
	desc->depth = 0;
	if (desc->irq_data.chip->irq_startup) {
		desc->irq_data.chip->irq_startup(&desc->irq_data);
		irq_state_set(desc, IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED, false);
	} else {
		irq_enable(desc);
	}
	irq_state_set(desc, IRQD_IRQ_STARTED, true);
	if (resend)
		check_irq_resend(desc);
	return 0;
}

void irq_shutdown(struct irq_desc *desc)
{
	irq_state_set(desc, IRQD_IRQ_STARTED, false);
	desc->depth = 1;
	if (desc->irq_data.chip->irq_shutdown) {
		desc->irq_data.chip->irq_shutdown(&desc->irq_data);
		irq_state_set(desc, IRQD_IRQ_DISABLED | IRQD_IRQ_MASKED, true);
	} else {
		irq_disable(desc);
	}
}

void __irq_enable_desc(struct irq_desc *desc)
{
	irq_enable(desc);
	check_irq_resend(desc);
}

void __irq_disable_desc(struct irq_desc *desc)
{
	irq_disable(desc);
}

void irq_percpu_enable(struct irq_desc *desc, unsigned int cpu)
{
	if (desc->irq_data.chip->irq_enable)
		desc->irq_data.chip->irq_enable(&desc->irq_data);
	else if (desc->irq_data.chip->irq_unmask)
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
	cpumask_set_cpu(cpu, &desc->percpu_enabled);
}

void irq_percpu_disable(struct irq_desc *desc, unsigned int cpu)
{
	if (desc->irq_data.chip->irq_disable)
		desc->irq_data.chip->irq_disable(&desc->irq_data);
	else if (desc->irq_data.chip->irq_mask)
		desc->irq_data.chip->irq_mask(&desc->irq_data);
	cpumask_clear_cpu(cpu, &desc->percpu_enabled);
}

static inline void kstat_incr_irqs_this_cpu(struct irq_desc *desc)
{
	desc->kstat_irqs[smp_processor_id()]++;
}

/*
 * handle_fasteoi_irq - SPIs on the GIC: run the action chain, then EOI. An
 * interrupt that arrives while disabled (or with no handler) is masked and
 * remembered as IRQS_PENDING, to be replayed by enable_irq().
 */
void handle_fasteoi_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	raw_spin_lock(&desc->lock);
	if (desc->irq_common_data.state_use_accessors & IRQD_IRQ_INPROGRESS)
		goto out;	/* running on another CPU (affinity moved under it) */
	if (unlikely(!desc->action || irqd_irq_disabled(&desc->irq_data))) {
		desc->istate |= IRQS_PENDING;
		mask_irq(desc);
		goto out;
	}
	kstat_incr_irqs_this_cpu(desc);
	if (desc->istate & IRQS_ONESHOT)
		mask_irq(desc);
	handle_irq_event(desc);
out:
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
	raw_spin_unlock(&desc->lock);
}

/*
 * handle_percpu_devid_irq - PPIs and per-CPU IPIs: no locking (each CPU has
 * its own instance), the handler gets this CPU's slice of percpu_dev_id.
 */
void handle_percpu_devid_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;
	struct irqaction *action = desc->action;
	unsigned int irq = desc->irq_data.irq, cpu = smp_processor_id();

	kstat_incr_irqs_this_cpu(desc);
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
	if (likely(action)) {
		action->handler((int)irq, raw_cpu_ptr(action->percpu_dev_id));
	} else {
		bool enabled = cpumask_test_cpu(cpu, &desc->percpu_enabled);

		if (enabled)
			irq_percpu_disable(desc, cpu);
		pr_err_once("Spurious%s percpu IRQ%u on CPU%u\n", enabled ? " and unmasked" : "",
			    irq, cpu);
	}
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

/* handle_percpu_irq - an interrupt that only ever targets one CPU. */
void handle_percpu_irq(struct irq_desc *desc)
{
	struct irq_chip *chip = desc->irq_data.chip;

	kstat_incr_irqs_this_cpu(desc);
	if (chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
	handle_irq_event_percpu(desc);
	if (chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

void handle_bad_irq(struct irq_desc *desc)
{
	kstat_incr_irqs_this_cpu(desc);
	pr_err("irq %u, desc: %p, depth: %u: no flow handler\n", desc->irq_data.irq, desc,
	       desc->depth);
}

int irq_set_irq_type(unsigned int irq, unsigned int type)
{
	struct irq_desc *desc = irq_to_desc(irq);
	int ret = 0;

	if (!desc)
		return -EINVAL;
	if (desc->irq_data.chip->irq_set_type)
		ret = desc->irq_data.chip->irq_set_type(&desc->irq_data, type & IRQ_TYPE_SENSE_MASK);
	if (!ret) {
		desc->irq_common_data.state_use_accessors &= ~IRQD_TRIGGER_MASK;
		desc->irq_common_data.state_use_accessors |= type & IRQD_TRIGGER_MASK;
		irq_modify_status(irq, IRQ_LEVEL, (type & IRQ_TYPE_LEVEL_MASK) ? IRQ_LEVEL : 0);
	}
	return ret;
}
