// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <asm/irqflags.h>

void __noreturn panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	WRITE_ONCE(oops_in_progress, 1);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("CPU: %u\n", smp_processor_id());
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_exit(EXIT_CODE_PANIC);
}
