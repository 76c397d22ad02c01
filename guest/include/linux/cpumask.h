/* SPDX-License-Identifier: GPL-2.0 */
/* CPU masks: one unsigned long is enough for NR_CPUS = 8. */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/bitops.h>
#include <linux/threads.h>

struct cpumask {
	unsigned long bits[BITS_TO_LONGS(NR_CPUS)];
};

typedef struct cpumask cpumask_var_t[1];

extern unsigned int nr_cpu_ids;

extern struct cpumask __cpu_possible_mask, __cpu_online_mask, __cpu_present_mask;
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask	((const struct cpumask *)&__cpu_present_mask)

#define cpumask_bits(m)		((m)->bits)

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	set_bit(cpu, m->bits);
}

static inline void __cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	__set_bit(cpu, m->bits);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	clear_bit(cpu, m->bits);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS && test_bit(cpu, m->bits);
}

static inline void cpumask_clear(struct cpumask *m)
{
	m->bits[0] = 0;
}

static inline void cpumask_copy(struct cpumask *d, const struct cpumask *s)
{
	d->bits[0] = s->bits[0];
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	return hweight_long(m->bits[0]);
}

static inline bool cpumask_empty(const struct cpumask *m)
{
	return m->bits[0] == 0;
}

static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	return a->bits[0] == b->bits[0];
}

static inline bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	return (a->bits[0] & ~b->bits[0]) == 0;
}

static inline bool cpumask_and(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	d->bits[0] = a->bits[0] & b->bits[0];
	return d->bits[0] != 0;
}

static inline void cpumask_or(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	d->bits[0] = a->bits[0] | b->bits[0];
}

static inline bool cpumask_andnot(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	d->bits[0] = a->bits[0] & ~b->bits[0];
	return d->bits[0] != 0;
}

/* Returns >= nr_cpu_ids when there is none, like Linux. */
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	return find_next_bit(m->bits, nr_cpu_ids, (unsigned int)(n + 1));
}

static inline unsigned int cpumask_next_zero(int n, const struct cpumask *m)
{
	return find_next_zero_bit(m->bits, nr_cpu_ids, (unsigned int)(n + 1));
}

static inline unsigned int cpumask_first(const struct cpumask *m)
{
	return cpumask_next(-1, m);
}

static inline unsigned int cpumask_any_and(const struct cpumask *a, const struct cpumask *b)
{
	struct cpumask t;

	cpumask_and(&t, a, b);
	return cpumask_first(&t);
}

#define for_each_cpu(cpu, mask)						\
	for ((cpu) = cpumask_first(mask); (cpu) < nr_cpu_ids;		\
	     (cpu) = cpumask_next((cpu), (mask)))

#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)

/* A mask with exactly @cpu set, without building one on the stack. */
const struct cpumask *cpumask_of(unsigned int cpu);

#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)
#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_is_offline(cpu)	(!cpu_online(cpu))

void set_cpu_online(unsigned int cpu, bool online);
void set_cpu_possible(unsigned int cpu, bool possible);
void set_cpu_present(unsigned int cpu, bool present);

/* "%*pbl"-like: "0-2,5" into @buf. */
char *cpumask_print(char *buf, size_t size, const struct cpumask *m);

#endif
