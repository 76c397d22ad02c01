// SPDX-License-Identifier: GPL-2.0
/*
 * SPIs through the whole IRQ core (made pending by software through
 * GICD_ISPENDR): shared handler chains, affinity to each CPU,
 * disable/enable with replay; and GIC priorities: PMR masking and a
 * higher-priority interrupt preempting a running lower-priority handler.
 */
#include <linux/errno.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/irqdesc.h>
#include <linux/string.h>
#include "selftest.h"

struct spi_dev {
	const char *name;
	unsigned long count;
	int cpu;
	irqreturn_t ret;
};

static irqreturn_t spi_handler(int irq, void *dev_id)
{
	struct spi_dev *d = dev_id;

	(void)irq;
	d->cpu = (int)smp_processor_id();
	/* Publishes @cpu too: the waiter reads it once it sees the count. */
	smp_store_release(&d->count, d->count + 1);
	return d->ret;
}

static bool spi_pending(unsigned int virq)
{
	bool pending = false;

	irq_get_irqchip_state(virq, IRQCHIP_STATE_PENDING, &pending);
	return pending;
}

void test_spi(struct test_ctx *t)
{
	static struct spi_dev a = { "spi-a", 0, -1, IRQ_HANDLED }, b = { "spi-b", 0, -1, IRQ_NONE }, c;
	unsigned int virq = test_spi_virq(0), cpu;
	unsigned long ca, cb;
	const void *name;

	if (gic_nr_irqs() <= 32) {
		TEST_SKIP(t, "the GIC has no SPIs");
		return;
	}
	if (!EXPECT(t, virq, "cannot map SPI %u", gic_nr_irqs() - 1))
		return;
	EXPECT(t, irq_set_irq_type(virq, IRQ_TYPE_EDGE_RISING) == 0, "edge type");
	a.count = b.count = 0;
	EXPECT(t, request_irq(virq, spi_handler, IRQF_SHARED, a.name, &a) == 0, "request a");
	EXPECT(t, request_irq(virq, spi_handler, IRQF_SHARED, b.name, &b) == 0, "request b (shared)");
	EXPECT(t, request_irq(virq, spi_handler, 0, "spi-c", &c) == -EBUSY, "non-shared on a shared line");

	/* route to each CPU in turn; both handlers of the chain run there */
	for_each_online_cpu(cpu) {
		unsigned int kstat = kstat_irqs_cpu(virq, (int)cpu);

		EXPECT(t, irq_set_affinity(virq, cpumask_of(cpu)) == 0, "affinity CPU%u", cpu);
		ca = a.count;
		cb = b.count;
		irq_set_irqchip_state(virq, IRQCHIP_STATE_PENDING, true);
		EXPECT(t, wait_until(smp_load_acquire(&a.count) == ca + 1 &&
				     smp_load_acquire(&b.count) == cb + 1),
		       "CPU%u: handlers ran %lu/%lu times", cpu, a.count - ca, b.count - cb);
		EXPECT(t, a.cpu == (int)cpu && b.cpu == (int)cpu, "routed to CPU%u, ran on %d/%d", cpu,
		       a.cpu, b.cpu);
		EXPECT(t, wait_until(kstat_irqs_cpu(virq, (int)cpu) == kstat + 1), "CPU%u kstat", cpu);
	}
	irq_set_affinity(virq, cpumask_of(smp_processor_id()));

	/* disabled: the GIC keeps it pending; enable_irq delivers it */
	ca = a.count;
	disable_irq(virq);
	irq_set_irqchip_state(virq, IRQCHIP_STATE_PENDING, true);
	udelay(2000);
	EXPECT(t, READ_ONCE(a.count) == ca, "delivered while disabled");
	EXPECT(t, spi_pending(virq), "not pending while disabled");
	enable_irq(virq);
	EXPECT(t, wait_until(READ_ONCE(a.count) == ca + 1), "not delivered after enable_irq");
	EXPECT(t, wait_until(!spi_pending(virq)), "still pending after delivery");

	/* unchaining: only the remaining handler runs; the last free shuts the line */
	name = free_irq(virq, &b);
	EXPECT(t, name && !strcmp(name, "spi-b"), "free_irq returned %s", (const char *)name);
	ca = a.count;
	cb = b.count;
	irq_set_irqchip_state(virq, IRQCHIP_STATE_PENDING, true);
	EXPECT(t, wait_until(READ_ONCE(a.count) == ca + 1), "remaining handler did not run");
	EXPECT(t, b.count == cb, "freed handler ran");
	free_irq(virq, &a);
	ca = a.count;
	irq_set_irqchip_state(virq, IRQCHIP_STATE_PENDING, true);
	udelay(2000);
	EXPECT(t, a.count == ca, "ran after free_irq");
	irq_set_irqchip_state(virq, IRQCHIP_STATE_PENDING, false);
}

/* ---- priorities ---- */

#define PRIO_HIGH	0x40
#define PRIO_LOW	0xc0

static struct prio_ctx {
	unsigned int lo, hi, same;
	char order[16];
	unsigned int n;
	bool nest;
	u8 rpr_lo, rpr_hi, rpr_after;
	unsigned long lo_count, hi_count, same_count;
	bool same_inside;
} pc;

static void prio_mark(char c)
{
	if (pc.n < sizeof(pc.order) - 1)
		pc.order[pc.n++] = c;
}

static irqreturn_t prio_lo_handler(int irq, void *dev)
{
	(void)irq;
	(void)dev;
	prio_mark('L');
	pc.rpr_lo = gic_cpu_running_prio();
	if (pc.nest) {
		/* a same-priority and a higher-priority interrupt, while we run */
		irq_set_irqchip_state(pc.same, IRQCHIP_STATE_PENDING, true);
		irq_set_irqchip_state(pc.hi, IRQCHIP_STATE_PENDING, true);
		local_irq_enable();
		wait_until(READ_ONCE(pc.hi_count) > 0);
		udelay(1000);	/* give "same" every chance to (wrongly) preempt us */
		local_irq_disable();
		pc.same_inside = READ_ONCE(pc.same_count) > 0;
		pc.rpr_after = gic_cpu_running_prio();
	}
	prio_mark('l');
	WRITE_ONCE(pc.lo_count, pc.lo_count + 1);
	return IRQ_HANDLED;
}

static irqreturn_t prio_hi_handler(int irq, void *dev)
{
	(void)irq;
	(void)dev;
	prio_mark('H');
	pc.rpr_hi = gic_cpu_running_prio();
	WRITE_ONCE(pc.hi_count, pc.hi_count + 1);
	return IRQ_HANDLED;
}

static irqreturn_t prio_same_handler(int irq, void *dev)
{
	(void)irq;
	(void)dev;
	prio_mark('S');
	WRITE_ONCE(pc.same_count, pc.same_count + 1);
	return IRQ_HANDLED;
}

static bool prio_setup(struct test_ctx *t, unsigned int virq, irq_handler_t h, u8 prio)
{
	if (!EXPECT(t, virq, "no SPI"))
		return false;
	irq_set_irq_type(virq, IRQ_TYPE_EDGE_RISING);
	irq_set_affinity(virq, cpumask_of(smp_processor_id()));
	gic_irq_set_prio(virq, prio);
	EXPECT(t, gic_irq_get_prio(virq) == prio, "IPRIORITYR reads 0x%02x, wrote 0x%02x",
	       gic_irq_get_prio(virq), prio);
	return EXPECT(t, request_irq(virq, h, 0, "prio-test", &pc) == 0, "request_irq %u", virq);
}

void test_priority(struct test_ctx *t)
{
	u8 pmr = gic_cpu_get_pmr(), bpr = gic_cpu_get_bpr();

	if (gic_nr_irqs() < 32 + 4) {
		TEST_SKIP(t, "the GIC has too few SPIs");
		return;
	}
	memset(&pc, 0, sizeof(pc));
	pc.lo = test_spi_virq(1);
	pc.hi = test_spi_virq(2);
	pc.same = test_spi_virq(3);
	if (!prio_setup(t, pc.lo, prio_lo_handler, PRIO_LOW) ||
	    !prio_setup(t, pc.hi, prio_hi_handler, PRIO_HIGH) ||
	    !prio_setup(t, pc.same, prio_same_handler, PRIO_LOW))
		goto out;
	/* group priority = all the priority bits we use, whatever the reset BPR */
	gic_cpu_set_bpr(0);

	/* PMR 0x80: 0xc0 is masked (stays pending), 0x40 still gets through */
	gic_cpu_set_pmr(0x80);
	EXPECT(t, gic_cpu_get_pmr() == 0x80, "PMR reads 0x%02x", gic_cpu_get_pmr());
	irq_set_irqchip_state(pc.lo, IRQCHIP_STATE_PENDING, true);
	udelay(2000);
	EXPECT(t, READ_ONCE(pc.lo_count) == 0, "priority 0x%02x delivered through PMR 0x80", PRIO_LOW);
	EXPECT(t, spi_pending(pc.lo), "masked interrupt not pending");
	irq_set_irqchip_state(pc.hi, IRQCHIP_STATE_PENDING, true);
	EXPECT(t, wait_until(READ_ONCE(pc.hi_count) == 1), "priority 0x%02x blocked by PMR 0x80", PRIO_HIGH);
	EXPECT(t, pc.rpr_hi == PRIO_HIGH, "running priority in handler 0x%02x", pc.rpr_hi);
	EXPECT(t, READ_ONCE(pc.lo_count) == 0, "low one slipped through");
	gic_cpu_set_pmr(GICC_INT_PRI_THRESHOLD);
	EXPECT(t, wait_until(READ_ONCE(pc.lo_count) == 1), "not delivered after raising PMR");
	EXPECT(t, pc.rpr_lo == PRIO_LOW, "running priority in low handler 0x%02x", pc.rpr_lo);
	EXPECT(t, gic_cpu_running_prio() == 0xff, "idle running priority 0x%02x", gic_cpu_running_prio());

	/* preemption: L runs, enables IRQs: H must nest inside, S must wait for L's EOI */
	memset(pc.order, 0, sizeof(pc.order));
	pc.n = 0;
	pc.lo_count = pc.hi_count = pc.same_count = 0;
	pc.nest = true;
	irq_set_irqchip_state(pc.lo, IRQCHIP_STATE_PENDING, true);
	EXPECT(t, wait_until(READ_ONCE(pc.same_count) == 1 && READ_ONCE(pc.lo_count) == 1),
	       "nested run incomplete: order \"%s\"", pc.order);
	EXPECT(t, !strcmp(pc.order, "LHlS"), "order \"%s\", expected \"LHlS\"", pc.order);
	EXPECT(t, !pc.same_inside, "same-priority interrupt preempted");
	EXPECT(t, pc.rpr_hi == PRIO_HIGH && pc.rpr_after == PRIO_LOW,
	       "running priority 0x%02x nested, 0x%02x after", pc.rpr_hi, pc.rpr_after);
	pc.nest = false;
out:
	gic_cpu_set_pmr(pmr);
	gic_cpu_set_bpr(bpr);
	if (pc.lo)
		free_irq(pc.lo, &pc);
	if (pc.hi)
		free_irq(pc.hi, &pc);
	if (pc.same)
		free_irq(pc.same, &pc);
}
