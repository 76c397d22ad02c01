/* SPDX-License-Identifier: GPL-2.0 */
/* Cross-CPU function calls (kernel/smp.c) and the SMP entry points. */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/llist.h>
#include <asm/smp.h>

typedef void (*smp_call_func_t)(void *info);
typedef bool (*smp_cond_func_t)(int cpu, void *info);

#define CSD_FLAG_LOCK		0x01
#define CSD_TYPE_SYNC		0x10

struct __call_single_data {
	struct llist_node llist;
	unsigned int flags;
	smp_call_func_t func;
	void *info;
	u16 src, dst;
};
typedef struct __call_single_data call_single_data_t;

#define smp_processor_id()	raw_smp_processor_id()

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
int smp_call_function_single_async(int cpu, call_single_data_t *csd);
int smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait);
int smp_call_function(smp_call_func_t func, void *info, int wait);
int on_each_cpu(smp_call_func_t func, void *info, int wait);
void generic_smp_call_function_single_interrupt(void);
#define generic_smp_call_function_interrupt generic_smp_call_function_single_interrupt
/* How long csd_lock_wait() spins before giving up (ms); 0 = default. */
void smp_set_csd_timeout_ms(unsigned long ms);
void call_function_init(void);

void smp_send_reschedule(int cpu);
void smp_send_stop(void);
void smp_send_crash_stop(void);
bool smp_crash_stop_failed(void);
void smp_init(void);
int cpu_up(unsigned int cpu);

extern unsigned int setup_max_cpus;

/* Per-CPU evidence for the self-tests: functions run, queue flushes (IPI_CALL_FUNC handled). */
DECLARE_PER_CPU(unsigned long, csd_func_runs);
DECLARE_PER_CPU(unsigned long, call_function_flushes);

#endif
