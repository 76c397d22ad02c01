// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <asm/setup.h>

int arch_timer_of_init(const void *fdt);

/* time_init(): the architected timer drives every CPU's tick. */
void time_init(void)
{
	tick_init();
	if (arch_timer_of_init(boot_params.fdt))
		pr_err("time: no tick: the timer tests will fail\n");
	arch_timer_starting_cpu();
}
