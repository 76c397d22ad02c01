// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel() (init/main.c): the boot CPU's order of subsystem
 * initialisation, then SMP bring-up and the self-tests in place of init.
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/cmdline.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/percpu.h>
#include <linux/perf/arm_pmuv3.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/setup.h>

void setup_arch(void);
int guest_tests_main(const char *cmdline);

/* Kernel-level parameters; test parameters are the tests' business. */
static void parse_early_param(void)
{
	unsigned long v;

	if (cmdline_get_ulong(boot_command_line, "hz", &v) == 1 && v >= 1 && v <= 10000)
		tick_hz = v;
	if (cmdline_get_ulong(boot_command_line, "maxcpus", &v) == 1)
		setup_max_cpus = v ? (unsigned int)v : 1;
	if (cmdline_has_word(boot_command_line, "nosmp"))
		setup_max_cpus = 1;
	if (cmdline_get_ulong(boot_command_line, "timeout", &v) == 1)
		smp_set_csd_timeout_ms(v);
}

void __noreturn start_kernel(void)
{
	int failed;

	setup_arch();
	parse_early_param();
	smp_init_cpus();
	setup_per_cpu_areas();
	set_cpu_online(0, true);	/* smp_prepare_boot_cpu() */
	call_function_init();
	sched_init();
	init_idle(0);
	init_IRQ();
	softirq_init();
	time_init();
	/*
	 * Linux probes the PMU from a device initcall and enables its PPI on
	 * each CPU from a CPU-hotplug STARTING step; here it is probed before
	 * SMP and secondaries enable it in secondary_start_kernel().
	 */
	if (armv8_pmu_of_init(boot_params.fdt) == 0)
		armv8_pmu_starting_cpu();
	local_irq_enable();

	smp_prepare_cpus(setup_max_cpus);
	smp_init();

	failed = guest_tests_main(boot_command_line);
	machine_exit(failed ? EXIT_CODE_FAIL : EXIT_CODE_PASS);
}
