// SPDX-License-Identifier: GPL-2.0
/*
 * SYSTEM_OFF from a secondary while vCPU 0 sleeps in WFI with interrupts
 * masked: minivmm must stop every vCPU and exit 0.
 */
#include "lib.h"

void secondary_main(uint64_t cpu)
{
	puts("offsecondary: cpu 1 powers the system off\n");
	system_off();
}

void guest_main(const void *dtb)
{
	if (psci_call(PSCI_CPU_ON, 1, (uint64_t)secondary_entry, 1) != 0) {
		puts("offsecondary: CPU_ON failed\n");
		test_exit(4);
	}
	asm volatile("msr daifset, #0xf");
	for (;;)
		asm volatile("wfi");
}
