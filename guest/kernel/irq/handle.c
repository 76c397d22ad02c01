// SPDX-License-Identifier: GPL-2.0
/* Running the action chain (kernel/irq/handle.c). */
#include <linux/kernel.h>
#include <linux/irqdesc.h>

irqreturn_t __handle_irq_event_percpu(struct irq_desc *desc, unsigned int *flags)
{
	irqreturn_t retval = IRQ_NONE;
	unsigned int irq = desc->irq_data.irq;
	struct irqaction *action;

	/* shared lines: every handler runs, each checks its own device (dev_id) */
	for_each_action_of_desc(desc, action) {
		irqreturn_t res = action->handler((int)irq, action->dev_id);

		if (WARN_ON_ONCE(!irqs_disabled()))
			local_irq_disable();
		switch (res) {
		case IRQ_WAKE_THREAD:
			pr_err_once("irq %u: IRQ_WAKE_THREAD without threaded handlers\n", irq);
			/* fall through */
		case IRQ_HANDLED:
			*flags |= action->flags;
			break;
		default:
			break;
		}
		retval |= res;
	}
	return retval;
}

irqreturn_t handle_irq_event_percpu(struct irq_desc *desc)
{
	unsigned int flags = 0;
	irqreturn_t retval = __handle_irq_event_percpu(desc, &flags);

	if (retval == IRQ_NONE)
		desc->irqs_unhandled++;	/* note_interrupt(), without the spurious-disable logic */
	return retval;
}

/* Called with desc->lock held; drops it around the handlers like Linux. */
irqreturn_t handle_irq_event(struct irq_desc *desc)
{
	irqreturn_t ret;

	desc->istate &= ~IRQS_PENDING;
	desc->irq_common_data.state_use_accessors |= IRQD_IRQ_INPROGRESS;
	raw_spin_unlock(&desc->lock);
	ret = handle_irq_event_percpu(desc);
	raw_spin_lock(&desc->lock);
	desc->irq_common_data.state_use_accessors &= ~IRQD_IRQ_INPROGRESS;
	return ret;
}
