// SPDX-License-Identifier: GPL-2.0
/* Driver-facing IRQ API (kernel/irq/manage.c): request/free, enable/disable, affinity. */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/irqdesc.h>
#include <linux/smp.h>

#define NR_IRQACTIONS	64

static struct irqaction action_pool[NR_IRQACTIONS];
static DECLARE_BITMAP(action_used, NR_IRQACTIONS);

void __irq_enable_desc(struct irq_desc *desc);
void __irq_disable_desc(struct irq_desc *desc);

static struct irqaction *irqaction_alloc(void)
{
	for (unsigned int i = 0; i < NR_IRQACTIONS; i++)
		if (!test_and_set_bit(i, action_used)) {
			struct irqaction *a = &action_pool[i];

			*a = (struct irqaction){ 0 };
			return a;
		}
	return NULL;
}

static void irqaction_free(struct irqaction *a)
{
	clear_bit((unsigned int)(a - action_pool), action_used);
}

static int __irq_set_trigger(struct irq_desc *desc, unsigned long flags)
{
	struct irq_chip *chip = desc->irq_data.chip;
	int ret;

	if (!chip->irq_set_type)
		return 0;
	ret = chip->irq_set_type(&desc->irq_data, flags & IRQ_TYPE_SENSE_MASK);
	if (!ret) {
		desc->irq_common_data.state_use_accessors &= ~IRQD_TRIGGER_MASK;
		desc->irq_common_data.state_use_accessors |= flags & IRQD_TRIGGER_MASK;
	}
	return ret;
}

/* Bounded wait for a handler running on another CPU to finish. */
static void synchronize_irq_desc(struct irq_desc *desc)
{
	u64 deadline = get_cycles() + ms_to_cycles(1000);

	while (READ_ONCE(desc->irq_common_data.state_use_accessors) & IRQD_IRQ_INPROGRESS) {
		if (get_cycles() > deadline) {
			pr_warn("irq %u: handler still running after 1s\n", desc->irq_data.irq);
			return;
		}
		cpu_relax();
	}
}

static int __setup_irq(unsigned int irq, struct irq_desc *desc, struct irqaction *new)
{
	struct irqaction **p;
	unsigned long flags;
	int ret = 0;

	raw_spin_lock_irqsave(&desc->lock, flags);
	p = &desc->action;
	if (*p) {
		struct irqaction *old = *p;

		if (!(old->flags & new->flags & IRQF_SHARED) ||
		    ((old->flags ^ new->flags) & IRQF_TRIGGER_MASK)) {
			pr_err("Flags mismatch irq %u. %08x (%s) vs. %08x (%s)\n", irq, new->flags,
			       new->name, old->flags, old->name);
			ret = -EBUSY;
			goto out;
		}
		while (*p)
			p = &(*p)->next;
		*p = new;
		goto out;
	}
	if (new->flags & IRQF_TRIGGER_MASK) {
		ret = __irq_set_trigger(desc, new->flags & IRQF_TRIGGER_MASK);
		if (ret)
			goto out;
	}
	*p = new;
	if (!(desc->status_use_accessors & IRQ_NOAUTOEN))
		irq_startup(desc, true);
	else
		desc->depth = 1;
out:
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return ret;
}

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long irqflags,
		const char *devname, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action;
	int ret;

	if ((irqflags & IRQF_SHARED) && !dev_id)
		return -EINVAL;
	if (!desc || !handler)
		return -EINVAL;
	if (desc->status_use_accessors & (IRQ_NOREQUEST | IRQ_PER_CPU_DEVID))
		return -EINVAL;
	action = irqaction_alloc();
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->flags = (unsigned int)irqflags;
	action->name = devname;
	action->dev_id = dev_id;
	action->irq = irq;
	ret = __setup_irq(irq, desc, action);
	if (ret)
		irqaction_free(action);
	return ret;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction **p, *action;
	unsigned long flags;
	const char *devname;

	if (!desc || (desc->status_use_accessors & IRQ_PER_CPU_DEVID))
		return NULL;
	raw_spin_lock_irqsave(&desc->lock, flags);
	for (p = &desc->action; (action = *p); p = &action->next)
		if (action->dev_id == dev_id)
			break;
	if (!action) {
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		WARN(1, "Trying to free already-free IRQ %u\n", irq);
		return NULL;
	}
	*p = action->next;
	if (!desc->action)
		irq_shutdown(desc);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	synchronize_irq_desc(desc);
	devname = action->name;
	irqaction_free(action);
	return devname;
}

int request_percpu_irq(unsigned int irq, irq_handler_t handler, const char *devname,
		       void __percpu *percpu_dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action;
	int ret;

	if (!desc || !percpu_dev_id || !(desc->status_use_accessors & IRQ_PER_CPU_DEVID))
		return -EINVAL;
	action = irqaction_alloc();
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->flags = IRQF_PERCPU | IRQF_NO_THREAD;
	action->name = devname;
	action->percpu_dev_id = percpu_dev_id;
	action->irq = irq;
	ret = __setup_irq(irq, desc, action);
	if (ret)
		irqaction_free(action);
	return ret;
}

void free_percpu_irq(unsigned int irq, void __percpu *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irqaction *action;
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	action = desc->action;
	if (!action || action->percpu_dev_id != dev_id) {
		raw_spin_unlock_irqrestore(&desc->lock, flags);
		WARN(1, "Trying to free already-free IRQ %u\n", irq);
		return;
	}
	WARN(!cpumask_empty(&desc->percpu_enabled),
	     "percpu IRQ %u still enabled on some CPUs\n", irq);
	desc->action = NULL;
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	irqaction_free(action);
}

void enable_percpu_irq(unsigned int irq, unsigned int type)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	if (type != IRQ_TYPE_NONE)
		__irq_set_trigger(desc, type);
	irq_percpu_enable(desc, smp_processor_id());
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

void disable_percpu_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	irq_percpu_disable(desc, smp_processor_id());
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

void disable_irq_nosync(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	if (!desc->depth++)
		__irq_disable_desc(desc);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

void disable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);

	disable_irq_nosync(irq);
	if (desc)
		synchronize_irq_desc(desc);
}

void enable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	unsigned long flags;

	if (!desc)
		return;
	raw_spin_lock_irqsave(&desc->lock, flags);
	switch (desc->depth) {
	case 0:
		WARN(1, "Unbalanced enable for IRQ %u\n", irq);
		break;
	case 1:
		if (desc->irq_common_data.state_use_accessors & IRQD_IRQ_STARTED)
			__irq_enable_desc(desc);
		else
			irq_startup(desc, true);
		desc->depth = 0;
		break;
	default:
		desc->depth--;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
}

int irq_set_affinity(unsigned int irq, const struct cpumask *mask)
{
	struct irq_desc *desc = irq_to_desc(irq);
	struct irq_chip *chip;
	unsigned long flags;
	int ret;

	if (!desc)
		return -EINVAL;
	chip = desc->irq_data.chip;
	if (!chip->irq_set_affinity || (desc->status_use_accessors & IRQ_PER_CPU) ||
	    cpumask_any_and(mask, cpu_online_mask) >= nr_cpu_ids)
		return -EINVAL;
	raw_spin_lock_irqsave(&desc->lock, flags);
	ret = chip->irq_set_affinity(&desc->irq_data, mask, false);
	if (ret == IRQ_SET_MASK_OK || ret == IRQ_SET_MASK_OK_DONE) {
		cpumask_copy(&desc->irq_common_data.affinity, mask);
		ret = 0;
	}
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return ret;
}

int irq_get_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool *state)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc || !desc->irq_data.chip->irq_get_irqchip_state)
		return -EINVAL;
	return desc->irq_data.chip->irq_get_irqchip_state(&desc->irq_data, which, state);
}

int irq_set_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool val)
{
	struct irq_desc *desc = irq_to_desc(irq);

	if (!desc || !desc->irq_data.chip->irq_set_irqchip_state)
		return -EINVAL;
	return desc->irq_data.chip->irq_set_irqchip_state(&desc->irq_data, which, val);
}
