/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/hardirq.h>
#include <linux/percpu.h>

typedef enum irqreturn {
	IRQ_NONE		= 0,
	IRQ_HANDLED		= 1 << 0,
	IRQ_WAKE_THREAD		= 1 << 1,
} irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_TRIGGER_NONE	0x00000000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002
#define IRQF_TRIGGER_HIGH	0x00000004
#define IRQF_TRIGGER_LOW	0x00000008
#define IRQF_TRIGGER_MASK	0x0000000f
#define IRQF_SHARED		0x00000080
#define IRQF_PERCPU		0x00000400
#define IRQF_NO_THREAD		0x00010000

struct irqaction {
	irq_handler_t handler;
	void *dev_id;
	void __percpu *percpu_dev_id;
	struct irqaction *next;
	unsigned int irq;
	unsigned int flags;
	const char *name;
};

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev);
const void *free_irq(unsigned int irq, void *dev_id);
int request_percpu_irq(unsigned int irq, irq_handler_t handler, const char *devname,
		       void __percpu *percpu_dev_id);
void free_percpu_irq(unsigned int irq, void __percpu *percpu_dev_id);
void enable_percpu_irq(unsigned int irq, unsigned int type);
void disable_percpu_irq(unsigned int irq);
void disable_irq_nosync(unsigned int irq);
void disable_irq(unsigned int irq);
void enable_irq(unsigned int irq);
int irq_set_affinity(unsigned int irq, const struct cpumask *cpumask);

enum irqchip_irq_state {
	IRQCHIP_STATE_PENDING,
	IRQCHIP_STATE_ACTIVE,
	IRQCHIP_STATE_MASKED,
	IRQCHIP_STATE_LINE_LEVEL,
};
int irq_get_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool *state);
int irq_set_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool val);

/* ---- softirqs (kernel/softirq.c) ---- */
enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	IRQ_POLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};

struct softirq_action {
	void (*action)(struct softirq_action *);
};

typedef struct {
	unsigned int __softirq_pending;
	/* ipi_irqs[ipi][source cpu]: arch/arm64 keeps per-IPI counts here too. */
	unsigned int ipi_irqs[16][NR_CPUS];
	unsigned int ipi_sent[16];
} __cacheline_aligned irq_cpustat_t;

DECLARE_PER_CPU(irq_cpustat_t, irq_stat);

#define local_softirq_pending()		(__this_cpu_read(irq_stat).__softirq_pending)
#define set_softirq_pending(x)		(this_cpu_ptr(&irq_stat)->__softirq_pending = (x))
#define or_softirq_pending(x)		(this_cpu_ptr(&irq_stat)->__softirq_pending |= (x))

extern const char * const softirq_to_name[NR_SOFTIRQS];

void open_softirq(int nr, void (*action)(struct softirq_action *));
void raise_softirq(unsigned int nr);
void raise_softirq_irqoff(unsigned int nr);
void __raise_softirq_irqoff(unsigned int nr);
void do_softirq(void);
void local_bh_disable(void);
void local_bh_enable(void);
void softirq_init(void);
/* Per-CPU count of softirq actions run, by number: for the tests and stats. */
DECLARE_PER_CPU(unsigned long[NR_SOFTIRQS], softirq_runs);

#endif
