// SPDX-License-Identifier: GPL-2.0
/* setup_per_cpu_areas(): one cache-aligned copy of .data..percpu per possible CPU. */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/memblock.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/smp.h>

unsigned long __per_cpu_offset[NR_CPUS];

DEFINE_PER_CPU(unsigned int, cpu_number);

void setup_per_cpu_areas(void)
{
	size_t size = (size_t)(__per_cpu_end - __per_cpu_start);
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		char *area = memblock_alloc(ALIGN(size, 64), 64);

		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)(area - __per_cpu_start);
		per_cpu(cpu_number, cpu) = cpu;
	}
	/* the boot CPU switches from the template to its own copy */
	write_sysreg(__per_cpu_offset[0], tpidr_el1);
	isb();
}
