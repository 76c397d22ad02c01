/* SPDX-License-Identifier: GPL-2.0 */
/* arch/arm64 SMP: IPI numbers, logical CPU map, cross-call hook. */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

/* Offsets of struct secondary_data, shared with head.S. */
#define SECONDARY_DATA_STACK	0
#define SECONDARY_DATA_PCPU	8
#define SECONDARY_DATA_SIZE	16

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <asm/ptrace.h>

/* arm64 numbering (arch/arm64/kernel/smp.c): SGI n carries IPI n. */
enum ipi_msg_type {
	IPI_RESCHEDULE,
	IPI_CALL_FUNC,
	IPI_CPU_STOP,
	IPI_CPU_CRASH_STOP,
	IPI_TIMER,
	IPI_IRQ_WORK,
	IPI_WAKEUP,
	NR_IPI
};

#define NR_SGIS		16

DECLARE_PER_CPU(unsigned int, cpu_number);
#define raw_smp_processor_id()	(*this_cpu_ptr(&cpu_number))

extern u64 __cpu_logical_map[NR_CPUS];
#define cpu_logical_map(cpu)	(__cpu_logical_map[(cpu)])

/* Handed to a CPU coming up (one slot per CPU: CPU_ON's context id indexes it). */
struct secondary_data {
	void *stack;			/* initial sp (top of its stack) */
	unsigned long percpu_offset;	/* value for TPIDR_EL1 */
};
extern struct secondary_data secondary_data[NR_CPUS];

void set_smp_cross_call(void (*fn)(const struct cpumask *, unsigned int));
void smp_cross_call(const struct cpumask *target, unsigned int ipinr);
void handle_IPI(int ipinr, unsigned int src, struct pt_regs *regs);
/* The sender (GIC CPU interface number mapped to a CPU) of the IPI being handled. */
unsigned int ipi_source(void);
/* IPI domains whose SGIs (>= NR_IPI) handle_IPI dispatches as ordinary IRQs. */
struct irq_domain;
void set_smp_ipi_domain(struct irq_domain *d);
/* Sender-side accounting (smp_cross_call does it; the x86-style helpers call it). */
void smp_account_ipi_sent(unsigned int ipinr, unsigned int nr_targets);

void arch_send_call_function_single_ipi(int cpu);
void arch_send_call_function_ipi_mask(const struct cpumask *mask);
void arch_send_wakeup_ipi_mask(const struct cpumask *mask);
void arch_irq_work_raise(void);
void arch_irq_work_raise_on(unsigned int cpu);
void show_ipi_list(void);
const char *ipi_name(unsigned int ipinr);

void smp_init_cpus(void);
void smp_prepare_cpus(unsigned int max_cpus);
int __cpu_up(unsigned int cpu);
void secondary_start_kernel(void);
void cpu_park_loop(void) __attribute__((noreturn));
int cpu_kill_wait(unsigned int cpu);

extern void secondary_entry(void);
#endif

#endif
