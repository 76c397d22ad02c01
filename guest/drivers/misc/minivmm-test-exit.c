// SPDX-License-Identifier: GPL-2.0
/*
 * Ending a run: minivmm's test-exit device ("minivmm,test-exit": a 32-bit
 * write of the exit code to offset 0 stops the VM with that code); without
 * it (e.g. QEMU) PSCI SYSTEM_OFF, whose exit status carries no result.
 */
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <linux/psci.h>
#include <linux/reboot.h>
#include <asm/io.h>
#include <asm/smp.h>

static void __iomem *test_exit_base;

int test_exit_probe(const void *fdt)
{
	u64 base;
	int node = fdt_node_offset_by_compatible(fdt, -1, "minivmm,test-exit");

	if (node < 0 || fdt_get_reg(fdt, node, 0, &base, NULL))
		return -1;
	test_exit_base = ioremap(base, 4);
	return 0;
}

bool test_exit_present(void)
{
	return test_exit_base != NULL;
}

void __noreturn machine_exit(int code)
{
	if (test_exit_base)
		writel(code, test_exit_base);
	psci_system_off();
}
