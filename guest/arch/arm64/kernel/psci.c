// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI client (drivers/firmware/psci/psci.c + arch/arm64/kernel/psci.c).
 * The conduit (hvc or smc) comes from /psci "method"; QEMU virt without EL3
 * and KVM both use hvc. PSCI 0.1 nodes name their function IDs in the DT.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/libfdt.h>
#include <linux/psci.h>
#include <linux/errno.h>
#include <linux/smp.h>
#include <asm/processor.h>

typedef unsigned long (psci_fn)(unsigned long, unsigned long, unsigned long, unsigned long);

/* SMCCC: x0-x3 in, x0 out, x4-x17 may be clobbered by the callee. */
static unsigned long __invoke_psci_fn_hvc(unsigned long function_id, unsigned long arg0,
					  unsigned long arg1, unsigned long arg2)
{
	register unsigned long x0 asm("x0") = function_id;
	register unsigned long x1 asm("x1") = arg0;
	register unsigned long x2 asm("x2") = arg1;
	register unsigned long x3 asm("x3") = arg2;

	asm volatile("hvc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
		       "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static unsigned long __invoke_psci_fn_smc(unsigned long function_id, unsigned long arg0,
					  unsigned long arg1, unsigned long arg2)
{
	register unsigned long x0 asm("x0") = function_id;
	register unsigned long x1 asm("x1") = arg0;
	register unsigned long x2 asm("x2") = arg1;
	register unsigned long x3 asm("x3") = arg2;

	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
		       "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static psci_fn *invoke_psci_fn;

static u32 psci_fn_cpu_on = PSCI_0_2_FN_CPU_ON;
static u32 psci_fn_cpu_off = PSCI_0_2_FN_CPU_OFF;

struct psci_operations psci_ops;

static int psci_to_linux_errno(long errno)
{
	switch (errno) {
	case PSCI_RET_SUCCESS:
		return 0;
	case PSCI_RET_NOT_SUPPORTED:
		return -ENOSYS;
	case PSCI_RET_INVALID_PARAMS:
		return -EINVAL;
	case PSCI_RET_DENIED:
		return -EPERM;
	case PSCI_RET_ALREADY_ON:
		return -EBUSY;
	}
	return -EINVAL;
}

static u32 psci_0_2_get_version(void)
{
	return (u32)invoke_psci_fn(PSCI_0_2_FN_PSCI_VERSION, 0, 0, 0);
}

static int psci_cpu_on(unsigned long cpuid, unsigned long entry_point, unsigned long context_id)
{
	return psci_to_linux_errno((long)invoke_psci_fn(psci_fn_cpu_on, cpuid, entry_point, context_id));
}

static int psci_cpu_off(u32 state)
{
	return psci_to_linux_errno((long)invoke_psci_fn(psci_fn_cpu_off, state, 0, 0));
}

static int psci_affinity_info(unsigned long target_affinity, unsigned long lowest_affinity_level)
{
	return (int)(long)invoke_psci_fn(PSCI_0_2_FN_AFFINITY_INFO, target_affinity,
					 lowest_affinity_level, 0);
}

void __noreturn psci_system_off(void)
{
	if (invoke_psci_fn)
		invoke_psci_fn(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
	cpu_park_loop();
}

int psci_dt_init(const void *fdt)
{
	static const char *const compat[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
	int node = -1, len;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(compat) && node < 0; i++)
		node = fdt_node_offset_by_compatible(fdt, -1, compat[i]);
	if (node < 0) {
		pr_warn("psci: no PSCI node: secondary CPUs stay off, power-off parks\n");
		return -ENODEV;
	}
	if (fdt_prop_streq(fdt, node, "method", "hvc")) {
		invoke_psci_fn = __invoke_psci_fn_hvc;
		psci_ops.conduit = PSCI_CONDUIT_HVC;
	} else if (fdt_prop_streq(fdt, node, "method", "smc")) {
		invoke_psci_fn = __invoke_psci_fn_smc;
		psci_ops.conduit = PSCI_CONDUIT_SMC;
	} else {
		pr_warn("psci: invalid \"method\" property\n");
		return -EINVAL;
	}
	if (i == ARRAY_SIZE(compat)) {
		/* PSCI 0.1: function IDs come from the node */
		const void *p = fdt_getprop(fdt, node, "cpu_on", &len);

		if (p && len == 4)
			psci_fn_cpu_on = fdt32_ld(p);
		p = fdt_getprop(fdt, node, "cpu_off", &len);
		if (p && len == 4)
			psci_fn_cpu_off = fdt32_ld(p);
		pr_info("psci: using PSCI v0.1 Function IDs from DT (%s)\n",
			psci_ops.conduit == PSCI_CONDUIT_HVC ? "hvc" : "smc");
	} else {
		u32 ver = psci_0_2_get_version();

		psci_ops.get_version = psci_0_2_get_version;
		psci_ops.affinity_info = psci_affinity_info;
		pr_info("psci: PSCIv%u.%u detected in firmware (conduit %s)\n", ver >> 16, ver & 0xffff,
			psci_ops.conduit == PSCI_CONDUIT_HVC ? "hvc" : "smc");
	}
	psci_ops.cpu_on = psci_cpu_on;
	psci_ops.cpu_off = psci_cpu_off;
	return 0;
}

/* cpu_ops->cpu_boot: context id = logical CPU number (head.S indexes secondary_data by it). */
int cpu_psci_cpu_boot(unsigned int cpu)
{
	int err;

	if (!psci_ops.cpu_on)
		return -ENODEV;
	err = psci_ops.cpu_on(cpu_logical_map(cpu), (unsigned long)(uintptr_t)secondary_entry, cpu);
	if (err)
		pr_err("CPU%u: failed to boot: %d\n", cpu, err);
	return err;
}

void cpu_psci_cpu_die(unsigned int cpu)
{
	int ret = psci_ops.cpu_off ? psci_ops.cpu_off(0) : -ENODEV;

	/* only reached when CPU_OFF failed */
	pr_crit("unable to power off CPU%u (%d)\n", cpu, ret);
}

/* Wait until firmware reports @cpu OFF (Linux polls AFFINITY_INFO the same way). */
int cpu_psci_cpu_kill(unsigned int cpu, unsigned long timeout_ms)
{
	u64 deadline = get_cycles() + ms_to_cycles(timeout_ms);
	int state;

	if (!psci_ops.affinity_info)
		return -ENOSYS;
	do {
		state = psci_ops.affinity_info(cpu_logical_map(cpu), 0);
		if (state == PSCI_0_2_AFFINITY_LEVEL_OFF)
			return 0;
		udelay(100);
	} while (get_cycles() < deadline);
	pr_warn("CPU%u may not have shut down cleanly (AFFINITY_INFO reports %d)\n", cpu, state);
	return -ETIMEDOUT;
}
