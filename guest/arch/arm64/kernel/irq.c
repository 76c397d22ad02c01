// SPDX-License-Identifier: GPL-2.0
/* The arch IRQ entry hook and irqchip probing (arch/arm64/kernel/irq.c). */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/irq.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/libfdt.h>
#include <asm/setup.h>

static void default_handle_irq(struct pt_regs *regs)
{
	(void)regs;
	panic("IRQ taken before an irqchip was initialized");
}

void (*handle_arch_irq)(struct pt_regs *) = default_handle_irq;

int set_handle_irq(void (*handle_irq)(struct pt_regs *))
{
	if (handle_arch_irq != default_handle_irq)
		return -EBUSY;
	handle_arch_irq = handle_irq;
	pr_info("Root IRQ handler installed\n");
	return 0;
}

/* irqchip_init(): the first GICv2 node the DT has. */
void init_IRQ(void)
{
	static const char *const gic_compat[] = {
		"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic",
	};
	const void *fdt = boot_params.fdt;

	for (unsigned int i = 0; i < ARRAY_SIZE(gic_compat); i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, gic_compat[i]);

		if (node >= 0 && !gic_of_init(fdt, node))
			return;
	}
	panic("No GICv2 interrupt controller found in the device tree");
}
