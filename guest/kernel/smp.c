// SPDX-License-Identifier: GPL-2.0
/*
 * Generic cross-CPU function calls (kernel/smp.c). Each CPU has a lock-less
 * call_single_queue; a caller locks a call_single_data (csd), pushes it on
 * the target's queue and sends IPI_CALL_FUNC only when the queue was empty
 * (the target drains everything queued behind the first IPI). The target
 * unlocks the csd after (wait=1) or before (wait=0) running the function,
 * which is what the caller's csd_lock_wait() watches.
 *
 * Unlike Linux, csd_lock_wait() is bounded: a csd that stays locked past
 * the timeout is reported (like CONFIG_CSD_LOCK_WAIT_DEBUG) and the call
 * returns -ETIMEDOUT, so a lost IPI fails a test instead of hanging.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/irq_work.h>
#include <linux/smp.h>

struct call_function_data {
	call_single_data_t csd[NR_CPUS];
	struct cpumask cpumask;
	struct cpumask cpumask_ipi;
};

static DEFINE_PER_CPU_ALIGNED(struct call_function_data, cfd_data);
static DEFINE_PER_CPU_ALIGNED(struct llist_head, call_single_queue);
static DEFINE_PER_CPU(call_single_data_t, csd_data);
DEFINE_PER_CPU(unsigned long, csd_func_runs);
DEFINE_PER_CPU(unsigned long, call_function_flushes);

static unsigned long csd_timeout_ms = 5000;

void smp_set_csd_timeout_ms(unsigned long ms)
{
	if (ms)
		csd_timeout_ms = ms;
}

void call_function_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		init_llist_head(&per_cpu(call_single_queue, cpu));
}

static int csd_lock_wait(call_single_data_t *csd)
{
	u64 start = get_cycles(), deadline = start + ms_to_cycles(csd_timeout_ms);

	while (smp_load_acquire(&csd->flags) & CSD_FLAG_LOCK) {
		if (get_cycles() > deadline) {
			pr_err("csd: Detected non-responsive CSD lock on CPU#%u, waiting %llu ms for CPU#%02u\n",
			       smp_processor_id(), (unsigned long long)csd_timeout_ms, csd->dst);
			return -ETIMEDOUT;
		}
		cpu_relax();
	}
	return 0;
}

static int csd_lock(call_single_data_t *csd)
{
	int ret = csd_lock_wait(csd);

	if (ret)
		return ret;
	csd->flags |= CSD_FLAG_LOCK;
	/* the lock must be visible before the fields the target will read */
	smp_wmb();
	return 0;
}

static void csd_unlock(call_single_data_t *csd)
{
	WARN_ON(!(csd->flags & CSD_FLAG_LOCK));
	smp_store_release(&csd->flags, 0);
}

static void __smp_call_single_queue(int cpu, struct llist_node *node)
{
	/* only the first entry needs an IPI: the handler drains the whole queue */
	if (llist_add(node, &per_cpu(call_single_queue, cpu)))
		arch_send_call_function_single_ipi(cpu);
}

static int generic_exec_single(int cpu, call_single_data_t *csd)
{
	if (cpu == (int)smp_processor_id()) {
		smp_call_func_t func = csd->func;
		void *info = csd->info;
		unsigned long flags;

		/* same semantics as a remote call: run with IRQs off */
		csd_unlock(csd);
		local_irq_save(flags);
		func(info);
		local_irq_restore(flags);
		return 0;
	}
	if ((unsigned int)cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		csd_unlock(csd);
		return -ENXIO;
	}
	__smp_call_single_queue(cpu, &csd->llist);
	return 0;
}

/* Run everything queued for this CPU: the IPI_CALL_FUNC handler. */
static void flush_smp_call_function_queue(void)
{
	struct llist_node *entry, *next;
	struct llist_head *head = this_cpu_ptr(&call_single_queue);

	entry = llist_del_all(head);
	entry = llist_reverse_order(entry);
	llist_for_each_safe(entry, next, entry) {
		call_single_data_t *csd = llist_entry(entry, call_single_data_t, llist);
		smp_call_func_t func = csd->func;
		void *info = csd->info;

		__this_cpu_inc(csd_func_runs);
		if (csd->flags & CSD_TYPE_SYNC) {
			func(info);
			csd_unlock(csd);
		} else {
			csd_unlock(csd);
			func(info);
		}
	}
}

void generic_smp_call_function_single_interrupt(void)
{
	__this_cpu_inc(call_function_flushes);
	flush_smp_call_function_queue();
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	call_single_data_t csd_stack = { .flags = CSD_FLAG_LOCK | CSD_TYPE_SYNC };
	call_single_data_t *csd = &csd_stack;
	int err;

	/* waiting with IRQs off can deadlock against a CPU calling us back */
	WARN_ON_ONCE(cpu_online(smp_processor_id()) && irqs_disabled() && !oops_in_progress);
	preempt_disable();
	if (!wait) {
		csd = this_cpu_ptr(&csd_data);
		err = csd_lock(csd);
		if (err)
			goto out;
	}
	csd->func = func;
	csd->info = info;
	csd->src = (u16)smp_processor_id();
	csd->dst = (u16)cpu;
	err = generic_exec_single(cpu, csd);
	if (!err && wait)
		err = csd_lock_wait(csd);
out:
	preempt_enable();
	return err;
}

/* Caller owns @csd and must not reuse it before it is unlocked (flags cleared). */
int smp_call_function_single_async(int cpu, call_single_data_t *csd)
{
	int err;

	preempt_disable();
	if (csd->flags & CSD_FLAG_LOCK) {
		err = -EBUSY;
		goto out;
	}
	csd->flags = CSD_FLAG_LOCK;
	smp_wmb();
	csd->src = (u16)smp_processor_id();
	csd->dst = (u16)cpu;
	err = generic_exec_single(cpu, csd);
out:
	preempt_enable();
	return err;
}

/*
 * smp_call_function_many - run @func on the online CPUs of @mask except
 * this one; with @wait, return only after every one of them has finished.
 */
int smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait)
{
	struct call_function_data *cfd;
	unsigned int cpu, this_cpu = smp_processor_id();
	int err = 0;

	WARN_ON_ONCE(cpu_online(this_cpu) && irqs_disabled() && !oops_in_progress);
	preempt_disable();
	cfd = this_cpu_ptr(&cfd_data);
	cpumask_and(&cfd->cpumask, mask, cpu_online_mask);
	cpumask_clear_cpu(this_cpu, &cfd->cpumask);
	if (cpumask_empty(&cfd->cpumask))
		goto out;

	cpumask_clear(&cfd->cpumask_ipi);
	for_each_cpu(cpu, &cfd->cpumask) {
		call_single_data_t *csd = &cfd->csd[cpu];

		if (csd_lock(csd)) {
			/* the previous call to @cpu never finished: skip it, report */
			cpumask_clear_cpu(cpu, &cfd->cpumask);
			err = -ETIMEDOUT;
			continue;
		}
		if (wait)
			csd->flags |= CSD_TYPE_SYNC;
		csd->func = func;
		csd->info = info;
		csd->src = (u16)this_cpu;
		csd->dst = (u16)cpu;
		if (llist_add(&csd->llist, &per_cpu(call_single_queue, cpu)))
			__cpumask_set_cpu(cpu, &cfd->cpumask_ipi);
	}
	/* one IPI (one GICD_SGIR write) for every CPU whose queue was empty */
	if (!cpumask_empty(&cfd->cpumask_ipi))
		arch_send_call_function_ipi_mask(&cfd->cpumask_ipi);

	if (wait) {
		for_each_cpu(cpu, &cfd->cpumask) {
			int ret = csd_lock_wait(&cfd->csd[cpu]);

			if (ret)
				err = ret;
		}
	}
out:
	preempt_enable();
	return err;
}

int smp_call_function(smp_call_func_t func, void *info, int wait)
{
	return smp_call_function_many(cpu_online_mask, func, info, wait);
}

int on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	unsigned long flags;
	int err;

	err = smp_call_function(func, info, wait);
	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
	return err;
}
