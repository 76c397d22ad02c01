// SPDX-License-Identifier: GPL-2.0
/* Remote wake-ups through IPI_RESCHEDULE, and IPI_WAKEUP ending a WFI. */
#include <linux/sched.h>
#include "selftest.h"

struct sched_probe {
	int ran_on;
	int started;
	int release;
};

static struct task_struct probe_task[NR_CPUS];
static struct sched_probe probe[NR_CPUS];

static void probe_fn(void *arg)
{
	struct sched_probe *p = arg;

	p->ran_on = (int)smp_processor_id();
	smp_store_release(&p->started, p->started + 1);
	/* hold the CPU until told, so a second wake-up finds us running */
	wait_until(smp_load_acquire(&p->release));
}

void test_reschedule(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq((int)cpu);
		struct sched_probe *p = &probe[cpu];
		unsigned long kicks, ttwu;
		unsigned int resched;

		if (cpu == self)
			continue;
		*p = (struct sched_probe){ .ran_on = -1 };
		kthread_init_on_cpu(&probe_task[cpu], "probe", probe_fn, p, (int)cpu);
		/* the target must be idle in WFI: the IPI is what wakes it */
		EXPECT(t, wait_until(READ_ONCE(rq->in_wfi)), "CPU%u never idle", cpu);
		kicks = READ_ONCE(rq->nr_idle_kicks);
		ttwu = READ_ONCE(rq->nr_ttwu_pending);
		resched = ipi_count(cpu, IPI_RESCHEDULE, self);

		EXPECT(t, wake_up_process(&probe_task[cpu]) == 1, "CPU%u: wake-up refused", cpu);
		EXPECT(t, wait_until(smp_load_acquire(&p->started) == 1), "CPU%u: task never ran", cpu);
		EXPECT(t, p->ran_on == (int)cpu, "CPU%u: task ran on CPU%d", cpu, p->ran_on);
		EXPECT(t, ipi_count(cpu, IPI_RESCHEDULE, self) == resched + 1, "CPU%u: %u reschedule IPIs",
		       cpu, ipi_count(cpu, IPI_RESCHEDULE, self) - resched);
		EXPECT(t, READ_ONCE(rq->nr_idle_kicks) == kicks + 1, "CPU%u: not woken from WFI", cpu);
		EXPECT(t, READ_ONCE(rq->nr_ttwu_pending) == ttwu + 1, "CPU%u: wake list not drained", cpu);

		/* running tasks are not woken again (and cost no IPI) */
		EXPECT(t, wake_up_process(&probe_task[cpu]) == 0, "CPU%u: running task woken", cpu);
		EXPECT(t, ipi_count(cpu, IPI_RESCHEDULE, self) == resched + 1, "CPU%u: IPI for a running task",
		       cpu);
		smp_store_release(&p->release, 1);
		EXPECT(t, wait_until(READ_ONCE(probe_task[cpu].state) == TASK_INTERRUPTIBLE),
		       "CPU%u: task never went back to sleep", cpu);

		/* asleep again: a new wake-up runs it again */
		p->release = 1;
		EXPECT(t, wait_until(READ_ONCE(rq->in_wfi)), "CPU%u never idle again", cpu);
		EXPECT(t, wake_up_process(&probe_task[cpu]) == 1, "CPU%u: second wake-up refused", cpu);
		EXPECT(t, wait_until(smp_load_acquire(&p->started) == 2), "CPU%u: second run missing", cpu);
		EXPECT(t, wait_until(READ_ONCE(probe_task[cpu].state) == TASK_INTERRUPTIBLE),
		       "CPU%u: task stuck", cpu);
		if (t->failures)
			return;
	}
}

void test_wakeup(struct test_ctx *t)
{
	unsigned int self = smp_processor_id(), cpu;
	unsigned long wfi[NR_CPUS];
	unsigned int cnt[NR_CPUS];
	struct cpumask others;

	cpumask_copy(&others, cpu_online_mask);
	cpumask_clear_cpu(self, &others);
	/* one at a time, then all together */
	for (int round = 0; round < 2; round++) {
		for_each_cpu(cpu, &others) {
			EXPECT(t, wait_until(READ_ONCE(cpu_rq((int)cpu)->in_wfi)), "CPU%u never idle", cpu);
			wfi[cpu] = READ_ONCE(cpu_rq((int)cpu)->nr_wfi);
			cnt[cpu] = ipi_count(cpu, IPI_WAKEUP, self);
			if (!round)
				arch_send_wakeup_ipi_mask(cpumask_of(cpu));
		}
		if (round)
			arch_send_wakeup_ipi_mask(&others);
		for_each_cpu(cpu, &others) {
			EXPECT(t, wait_until(ipi_count(cpu, IPI_WAKEUP, self) == cnt[cpu] + 1),
			       "round %d: CPU%u counted %u wake-ups", round, cpu,
			       ipi_count(cpu, IPI_WAKEUP, self) - cnt[cpu]);
			/* it left WFI, found nothing to do, and went back in */
			EXPECT(t, wait_until(READ_ONCE(cpu_rq((int)cpu)->nr_wfi) > wfi[cpu]),
			       "round %d: CPU%u did not leave WFI", round, cpu);
		}
	}
}
