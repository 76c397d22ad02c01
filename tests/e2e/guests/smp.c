// SPDX-License-Identifier: GPL-2.0
/*
 * Brings up every secondary with PSCI CPU_ON, one at a time (so no lock is
 * needed for the UART), each printing its MPIDR; stops at the first MPIDR
 * the hypervisor rejects. Then prints the count and powers off.
 */
#include "lib.h"

#define MAX_CPUS 8

static volatile uint32_t online[MAX_CPUS];

void secondary_main(uint64_t cpu)
{
	puts("cpu ");
	putdec(cpu);
	puts(": online, mpidr ");
	puthex(read_mpidr());
	puts("\n");
	asm volatile("dsb sy" ::: "memory");
	online[cpu] = 1;
	asm volatile("dsb sy" ::: "memory");
}

void guest_main(const void *dtb)
{
	unsigned int cpu, n = 1;

	puts("cpu 0: online, mpidr ");
	puthex(read_mpidr());
	puts("\n");
	for (cpu = 1; cpu < MAX_CPUS; cpu++) {
		int64_t ret = psci_call(PSCI_CPU_ON, cpu, (uint64_t)secondary_entry, cpu);

		if (ret != 0)
			break;
		for (unsigned long spin = 0; !online[cpu]; spin++) {
			if (spin > (1ul << 32)) {
				puts("smp: cpu did not come online\n");
				test_exit(3);
			}
		}
		n++;
	}
	puts("smp: ");
	putdec(n);
	puts(" cpus online\n");
	system_off();
}
