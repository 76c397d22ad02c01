// SPDX-License-Identifier: GPL-2.0
/*
 * ARM architected timer, EL1 virtual timer only
 * (drivers/clocksource/arm_arch_timer.c): one clock event device per CPU
 * on the banked virtual-timer PPI (3rd "interrupts" entry of the
 * arm,armv8-timer node).
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/delay.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/libfdt.h>
#include <linux/smp.h>
#include <asm/arch_timer.h>

#define ARCH_TIMER_VIRT_PPI_INDEX	2
#define ARCH_TIMER_VIRT_PPI_FALLBACK	11	/* PPI 11 = INTID 27 */

u32 arch_timer_rate;
static unsigned int arch_timer_virt_irq;
static DEFINE_PER_CPU(struct clock_event_device, arch_timer_evt);

static int arch_timer_set_next_event_virt(unsigned long evt, struct clock_event_device *clk)
{
	u64 ctrl = read_sysreg(cntv_ctl_el0);

	(void)clk;
	ctrl |= ARCH_TIMER_CTRL_ENABLE;
	ctrl &= ~(u64)ARCH_TIMER_CTRL_IT_MASK;
	write_sysreg(evt, cntv_tval_el0);
	write_sysreg(ctrl, cntv_ctl_el0);
	isb();
	return 0;
}

static irqreturn_t arch_timer_handler_virt(int irq, void *dev_id)
{
	struct clock_event_device *evt = dev_id;
	u64 ctrl = read_sysreg(cntv_ctl_el0);

	(void)irq;
	if (ctrl & ARCH_TIMER_CTRL_IT_STAT) {
		/* mask the output (lowers the level) until the next event is programmed */
		ctrl |= ARCH_TIMER_CTRL_IT_MASK;
		write_sysreg(ctrl, cntv_ctl_el0);
		isb();
		evt->event_handler(evt);
		return IRQ_HANDLED;
	}
	return IRQ_NONE;
}

/*
 * Per-CPU bring-up: the PPI is banked, every CPU enables its own. As in
 * Linux, the tick device (and so evt->event_handler) is set up before the
 * PPI is enabled: a timer interrupt taken in between would call a NULL
 * handler (seen once: CPU1 oopsed inside INTID 27 while coming up).
 */
void arch_timer_starting_cpu(void)
{
	struct clock_event_device *clk = this_cpu_ptr(&arch_timer_evt);

	if (!arch_timer_virt_irq)
		return;
	clk->name = "arch_sys_timer";
	clk->irq = arch_timer_virt_irq;
	clk->cpumask = cpumask_of(smp_processor_id());
	clk->set_next_event = arch_timer_set_next_event_virt;
	write_sysreg(ARCH_TIMER_CTRL_IT_MASK, cntv_ctl_el0);
	isb();
	tick_setup_device(clk);
	enable_percpu_irq(arch_timer_virt_irq, IRQ_TYPE_NONE);
}

void arch_timer_dying_cpu(void)
{
	write_sysreg(0, cntv_ctl_el0);
	isb();
	if (arch_timer_virt_irq)
		disable_percpu_irq(arch_timer_virt_irq);
}

int arch_timer_of_init(const void *fdt)
{
	struct irq_fwspec fwspec = { .param_count = 3 };
	u32 cells[3] = { 1, ARCH_TIMER_VIRT_PPI_FALLBACK, 0 };
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer"), len, err;
	const void *freq;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv7-timer");
	if (node < 0 || fdt_get_interrupt(fdt, node, ARCH_TIMER_VIRT_PPI_INDEX, cells))
		pr_warn("arch_timer: no virtual timer interrupt in the DT, using PPI %u\n",
			ARCH_TIMER_VIRT_PPI_FALLBACK);
	arch_timer_rate = arch_timer_get_cntfrq();
	freq = node >= 0 ? fdt_getprop(fdt, node, "clock-frequency", &len) : NULL;
	if (freq && len == 4)
		arch_timer_rate = fdt32_ld(freq);
	if (!arch_timer_rate) {
		pr_err("arch_timer: frequency not available\n");
		return -1;
	}
	for (int i = 0; i < 3; i++)
		fwspec.param[i] = cells[i];
	arch_timer_virt_irq = irq_create_fwspec_mapping(gic_get_domain(), &fwspec);
	if (!arch_timer_virt_irq) {
		pr_err("arch_timer: cannot map the virtual timer PPI\n");
		return -1;
	}
	err = request_percpu_irq(arch_timer_virt_irq, arch_timer_handler_virt, "arch_timer",
				 &arch_timer_evt);
	if (err) {
		pr_err("arch_timer: request_percpu_irq failed: %d\n", err);
		arch_timer_virt_irq = 0;
		return err;
	}
	pr_info("arch_timer: cp15 timer(s) running at %u.%02uMHz (virt), IRQ %u (hwirq %lu), tick %lu Hz\n",
		arch_timer_rate / 1000000, (arch_timer_rate / 10000) % 100, arch_timer_virt_irq,
		irq_get_irq_data(arch_timer_virt_irq)->hwirq, tick_hz);
	return 0;
}

/* Bounded busy-waits on the counter. */
void udelay(unsigned long usecs)
{
	u64 end = get_cycles() + us_to_cycles(usecs);

	while (get_cycles() < end)
		cpu_relax();
}

void mdelay(unsigned long msecs)
{
	udelay(msecs * 1000);
}
