/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's self-tests and benchmarks: a TAP runner (main.c), helpers to
 * run work on other CPUs through the scheduler and to observe IPIs (lib.c),
 * and the tests themselves. Every wait is bounded by the counter.
 */
#ifndef GUEST_TESTS_SELFTEST_H
#define GUEST_TESTS_SELFTEST_H

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/smp.h>

struct test_ctx {
	const char *name;
	unsigned int failures;
	const char *skip;	/* set by TEST_SKIP */
};

#define TEST_NEEDS_2	(1U << 0)	/* skipped with one CPU */
#define TEST_NEEDS_3	(1U << 1)
#define TEST_BENCH	(1U << 2)	/* only with "bench" (or its own name) */
#define TEST_DESTRUCTIVE (1U << 3)	/* stops CPUs: runs after the others */
#define TEST_EXPLICIT	(1U << 4)	/* only when named (not even with "all") */

struct guest_test {
	const char *name;
	void (*fn)(struct test_ctx *t);
	unsigned int flags;
};

/* Sizes and bounds, from the boot arguments. */
struct test_params {
	unsigned long storm;		/* storm=N: IPIs in the storm, all CPUs together */
	unsigned long iters;		/* iters=N: benchmark iterations */
	unsigned long ticks;		/* ticks=N: timer ticks each CPU must see */
	unsigned long timeout_ms;	/* timeout=MS: bound of every single wait */
	unsigned long rounds;		/* rounds=N: repetitions in the concurrent tests */
	bool verbose;
};

extern struct test_params tparams;

void test_fail(struct test_ctx *t, int line, const char *fmt, ...) __printf(3, 4);
void test_diag(const char *fmt, ...) __printf(1, 2);

#define EXPECT(t, cond, fmt, ...) ({					\
	bool __c = !!(cond);						\
	if (!__c)							\
		test_fail((t), __LINE__, "%s: " fmt, #cond, ##__VA_ARGS__); \
	__c;								\
})

#define TEST_SKIP(t, why)	((t)->skip = (why))

/* Spin (IRQs as they are) until @cond or @ms pass; evaluates @cond once more at the end. */
#define wait_until_ms(cond, ms) ({					\
	u64 __deadline = get_cycles() + ms_to_cycles(ms);		\
	while (!(cond) && get_cycles() < __deadline)			\
		cpu_relax();						\
	!!(cond);							\
})
#define wait_until(cond)	wait_until_ms((cond), tparams.timeout_ms)

/* ---- lib.c ---- */

/* The test IPI: an SGI reserved with irq_reserve_ipi() on the single IPI domain. */
struct test_ipi_stat {
	unsigned long recv[NR_CPUS];	/* by sender */
	unsigned long total;
	int last_src;
	bool last_in_irq;
	bool last_irqs_off;
};

DECLARE_PER_CPU(struct test_ipi_stat, test_ipi_stat);
extern unsigned int test_ipi_virq, test_ipi_sgi;
/* Called from the test IPI handler on the receiving CPU. */
extern void (*volatile test_ipi_hook)(unsigned int cpu, unsigned int src);

int test_ipi_init(void);
unsigned long test_ipi_recv(unsigned int cpu, unsigned int src);
unsigned long test_ipi_total(unsigned int cpu);
unsigned int ipi_count(unsigned int cpu, unsigned int ipinr, unsigned int src);
unsigned int ipi_count_all(unsigned int cpu, unsigned int ipinr);

/* Run @fn(@arg) on @cpu from its idle loop (a woken task, IRQs enabled). */
int run_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg);
/* Wait for the last run_on_cpu() work on @cpu to finish. */
bool wait_on_cpu(unsigned int cpu, unsigned long ms);
/* run_on_cpu() on every online CPU but this one, then fn on this one, then wait for all. */
bool run_on_all_cpus(void (*fn)(void *), void *arg, unsigned long ms);
void tests_lib_init(void);

unsigned int nr_online(void);
unsigned int other_cpu(void);	/* the last online CPU that is not this one */

/* Mapped test SPIs at the top of the GIC's range (no device uses them). */
unsigned int test_spi_virq(unsigned int idx);

#endif
