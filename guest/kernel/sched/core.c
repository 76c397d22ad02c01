// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler core, reduced (kernel/sched/core.c): per-CPU run queues,
 * try_to_wake_up() with the remote wake-list path (the target's wake_list
 * plus IPI_RESCHEDULE, as Linux did before 5.8 moved it to the call-single
 * queue) and scheduler_ipi(). Tasks are pinned and run to completion.
 */
#include <linux/kernel.h>
#include <linux/hardirq.h>
#include <linux/sched.h>
#include <linux/smp.h>

static DEFINE_PER_CPU_ALIGNED(struct rq, runqueues);

struct rq *cpu_rq(int cpu)
{
	return &per_cpu(runqueues, cpu);
}

void kthread_init_on_cpu(struct task_struct *p, const char *name, void (*fn)(void *), void *arg,
			 int cpu)
{
	*p = (struct task_struct){
		.comm = name,
		.state = TASK_INTERRUPTIBLE,
		.fn = fn,
		.arg = arg,
		.wake_cpu = cpu,
		.last_ran_cpu = -1,
	};
	INIT_LIST_HEAD(&p->run_list);
}

bool need_resched(void)
{
	return READ_ONCE(this_rq()->need_resched);
}

static void resched_curr(struct rq *rq)
{
	WRITE_ONCE(rq->need_resched, 1);
}

/* rq->lock held, IRQs off */
static void ttwu_do_activate(struct rq *rq, struct task_struct *p)
{
	p->state = TASK_RUNNING;
	p->on_rq = 1;
	list_add_tail(&p->run_list, &rq->queue);
	rq->nr_running++;
	resched_curr(rq);
}

/* Move everything other CPUs queued for us onto the run queue. */
static void sched_ttwu_pending(void)
{
	struct rq *rq = this_rq();
	struct llist_node *llist = llist_del_all(&rq->wake_list), *next;
	unsigned long flags;

	if (!llist)
		return;
	raw_spin_lock_irqsave(&rq->lock, flags);
	llist = llist_reverse_order(llist);
	llist_for_each_safe(llist, next, llist) {
		ttwu_do_activate(rq, llist_entry(llist, struct task_struct, wake_entry));
		rq->nr_ttwu_pending++;
	}
	raw_spin_unlock_irqrestore(&rq->lock, flags);
}

static void ttwu_queue_remote(struct task_struct *p, int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	/* the first entry on an empty list owes the target an IPI */
	if (llist_add(&p->wake_entry, &rq->wake_list))
		smp_send_reschedule(cpu);
}

/* Returns 1 if @p was woken, 0 if it was not sleeping. */
int wake_up_process(struct task_struct *p)
{
	int cpu = p->wake_cpu;
	unsigned long flags;

	if (cmpxchg(&p->state, (long)TASK_INTERRUPTIBLE, (long)TASK_RUNNING) != TASK_INTERRUPTIBLE)
		return 0;
	if (cpu != (int)smp_processor_id()) {
		ttwu_queue_remote(p, cpu);
		return 1;
	}
	raw_spin_lock_irqsave(&this_rq()->lock, flags);
	ttwu_do_activate(this_rq(), p);
	raw_spin_unlock_irqrestore(&this_rq()->lock, flags);
	return 1;
}

/* IPI_RESCHEDULE: pull in remote wake-ups; the idle loop then schedules. */
void scheduler_ipi(void)
{
	struct rq *rq = this_rq();

	rq->nr_sched_ipi++;
	if (READ_ONCE(rq->in_wfi))
		rq->nr_idle_kicks++;
	if (llist_empty(&rq->wake_list))
		return;
	irq_enter();
	sched_ttwu_pending();
	irq_exit();
}

/* Run every runnable task once; called from the idle loop with IRQs on. */
void schedule(void)
{
	struct rq *rq = this_rq();
	unsigned long flags;

	for (;;) {
		struct task_struct *p;

		raw_spin_lock_irqsave(&rq->lock, flags);
		WRITE_ONCE(rq->need_resched, 0);
		if (list_empty(&rq->queue)) {
			raw_spin_unlock_irqrestore(&rq->lock, flags);
			return;
		}
		p = list_first_entry(&rq->queue, struct task_struct, run_list);
		list_del_init(&p->run_list);
		rq->nr_running--;
		p->on_rq = 0;
		rq->curr = p;
		rq->nr_switches++;
		raw_spin_unlock_irqrestore(&rq->lock, flags);

		p->last_ran_cpu = (int)smp_processor_id();
		p->nr_runs++;
		p->fn(p->arg);

		raw_spin_lock_irqsave(&rq->lock, flags);
		rq->curr = NULL;
		/* back to sleep: the next wake_up_process() runs it again */
		smp_store_release(&p->state, (long)TASK_INTERRUPTIBLE);
		raw_spin_unlock_irqrestore(&rq->lock, flags);
	}
}

void init_idle(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	rq->need_resched = 0;
	rq->in_wfi = 0;
	rq->curr = NULL;
}

void sched_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct rq *rq = cpu_rq((int)cpu);

		raw_spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->queue);
		init_llist_head(&rq->wake_list);
	}
}
