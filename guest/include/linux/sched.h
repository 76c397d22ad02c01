/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal per-CPU scheduler shaped like kernel/sched/core.c: run queues,
 * remote wake-ups through rq->wake_list + IPI_RESCHEDULE, scheduler_ipi(),
 * and an idle loop that waits in WFI. Tasks are bound to one CPU and run to
 * completion (no stacks of their own, no preemption): each wake-up runs the
 * task's function once, from that CPU's idle loop, with IRQs enabled.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/spinlock.h>

#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_NORMAL		TASK_INTERRUPTIBLE

struct task_struct {
	const char *comm;
	long state;
	void (*fn)(void *arg);
	void *arg;
	int wake_cpu;
	int on_rq;
	struct list_head run_list;
	struct llist_node wake_entry;
	unsigned long nr_runs;
	int last_ran_cpu;
};

struct rq {
	raw_spinlock_t lock;
	struct list_head queue;
	struct llist_head wake_list;
	unsigned int nr_running;
	struct task_struct *curr;
	int need_resched;
	int in_wfi;			/* in the idle loop: waiting in (or just out of) WFI */
	unsigned long nr_switches;
	unsigned long nr_wfi;		/* WFIs executed by the idle loop */
	unsigned long nr_sched_ipi;	/* scheduler_ipi() calls */
	unsigned long nr_ttwu_pending;	/* tasks activated from wake_list */
	unsigned long nr_idle_kicks;	/* scheduler_ipi() that found us in WFI */
};

struct rq *cpu_rq(int cpu);
#define this_rq()	cpu_rq(smp_processor_id())

void kthread_init_on_cpu(struct task_struct *p, const char *name,
			 void (*fn)(void *), void *arg, int cpu);
int wake_up_process(struct task_struct *p);
void scheduler_ipi(void);
void schedule(void);
bool need_resched(void);
void sched_init(void);
void init_idle(int cpu);
void __noreturn cpu_startup_entry(void);

#endif
