/* SPDX-License-Identifier: GPL-2.0 */
/* PSCI 0.2+ client (drivers/firmware/psci/psci.c), conduit from the DT. */
#ifndef _LINUX_PSCI_H
#define _LINUX_PSCI_H

#include <linux/types.h>
#include <linux/compiler.h>

#define PSCI_0_2_FN_PSCI_VERSION	0x84000000
#define PSCI_0_2_FN_CPU_SUSPEND		0xc4000001
#define PSCI_0_2_FN_CPU_OFF		0x84000002
#define PSCI_0_2_FN_CPU_ON		0xc4000003
#define PSCI_0_2_FN_AFFINITY_INFO	0xc4000004
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008
#define PSCI_0_2_FN_SYSTEM_RESET	0x84000009

#define PSCI_RET_SUCCESS		0
#define PSCI_RET_NOT_SUPPORTED		-1
#define PSCI_RET_INVALID_PARAMS		-2
#define PSCI_RET_DENIED			-3
#define PSCI_RET_ALREADY_ON		-4
#define PSCI_RET_ON_PENDING		-5

#define PSCI_0_2_AFFINITY_LEVEL_ON		0
#define PSCI_0_2_AFFINITY_LEVEL_OFF		1
#define PSCI_0_2_AFFINITY_LEVEL_ON_PENDING	2

enum psci_conduit {
	PSCI_CONDUIT_NONE,
	PSCI_CONDUIT_SMC,
	PSCI_CONDUIT_HVC,
};

struct psci_operations {
	u32 (*get_version)(void);
	int (*cpu_off)(u32 state);
	int (*cpu_on)(unsigned long cpuid, unsigned long entry_point, unsigned long context_id);
	int (*affinity_info)(unsigned long target_affinity, unsigned long lowest_affinity_level);
	enum psci_conduit conduit;
};

extern struct psci_operations psci_ops;

int psci_dt_init(const void *fdt);
void __noreturn psci_system_off(void);
/* arm64 cpu_ops-style helpers (arch/arm64/kernel/psci.c) */
int cpu_psci_cpu_boot(unsigned int cpu);
void cpu_psci_cpu_die(unsigned int cpu);
int cpu_psci_cpu_kill(unsigned int cpu, unsigned long timeout_ms);

#endif
