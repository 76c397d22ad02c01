// SPDX-License-Identifier: GPL-2.0
/* CPU masks and CPU state (kernel/cpu.c). */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

unsigned int nr_cpu_ids = 1;
struct cpumask __cpu_possible_mask, __cpu_online_mask, __cpu_present_mask;

static const struct cpumask cpu_bit_masks[NR_CPUS] = {
	{ { 1UL << 0 } }, { { 1UL << 1 } }, { { 1UL << 2 } }, { { 1UL << 3 } },
	{ { 1UL << 4 } }, { { 1UL << 5 } }, { { 1UL << 6 } }, { { 1UL << 7 } },
};

const struct cpumask *cpumask_of(unsigned int cpu)
{
	return &cpu_bit_masks[cpu];
}

void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

void set_cpu_possible(unsigned int cpu, bool possible)
{
	if (possible)
		cpumask_set_cpu(cpu, &__cpu_possible_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_possible_mask);
}

void set_cpu_present(unsigned int cpu, bool present)
{
	if (present)
		cpumask_set_cpu(cpu, &__cpu_present_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_present_mask);
}

char *cpumask_print(char *buf, size_t size, const struct cpumask *m)
{
	size_t len = 0;
	unsigned int cpu = 0;

	buf[0] = '\0';
	while (cpu < NR_CPUS) {
		unsigned int end;

		if (!cpumask_test_cpu(cpu, m)) {
			cpu++;
			continue;
		}
		for (end = cpu; end + 1 < NR_CPUS && cpumask_test_cpu(end + 1, m); end++)
			;
		if (end == cpu)
			len += snprintf(buf + len, size - len, "%s%u", len ? "," : "", cpu);
		else
			len += snprintf(buf + len, size - len, "%s%u-%u", len ? "," : "", cpu, end);
		if (len >= size)
			break;
		cpu = end + 1;
	}
	return buf;
}

int cpu_up(unsigned int cpu)
{
	if (cpu >= nr_cpu_ids || !cpu_possible(cpu))
		return -22;
	if (cpu_online(cpu))
		return 0;
	return __cpu_up(cpu);
}
