// SPDX-License-Identifier: GPL-2.0
/*
 * SMP support (arch/arm64/kernel/smp.c): CPUs from the DT, bring-up via
 * PSCI CPU_ON, the IPI layer (smp_cross_call / handle_IPI with arm64's IPI
 * numbering), its users' arch hooks, CPU stop / crash stop, and the
 * per-CPU per-IPI counters behind show_ipi_list().
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/cmdline.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/irq_work.h>
#include <linux/irqchip/arm-gic.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/libfdt.h>
#include <linux/memblock.h>
#include <linux/perf/arm_pmuv3.h>
#include <linux/psci.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/cputype.h>
#include <asm/setup.h>

#define THREAD_SIZE	16384

u64 __cpu_logical_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = INVALID_HWID };
struct secondary_data secondary_data[NR_CPUS];
unsigned int setup_max_cpus = NR_CPUS;

static void (*__smp_cross_call)(const struct cpumask *, unsigned int);
static struct irq_domain *ipi_domains[2];
static DEFINE_PER_CPU(unsigned int, ipi_src);
static DEFINE_PER_CPU(struct pt_regs, crash_regs);
static atomic_t waiting_for_crash_ipi;
static unsigned long cpu_up_timeout_ms = 10000;

static const char *const ipi_types[NR_IPI] = {
	[IPI_RESCHEDULE]	= "Rescheduling interrupts",
	[IPI_CALL_FUNC]		= "Function call interrupts",
	[IPI_CPU_STOP]		= "CPU stop interrupts",
	[IPI_CPU_CRASH_STOP]	= "CPU stop (for crash dump) interrupts",
	[IPI_TIMER]		= "Timer broadcast interrupts",
	[IPI_IRQ_WORK]		= "IRQ work interrupts",
	[IPI_WAKEUP]		= "CPU wake-up interrupts",
};

const char *ipi_name(unsigned int ipinr)
{
	return ipinr < NR_IPI ? ipi_types[ipinr] : "SGIs past the arch IPIs (IPI domains, unknown)";
}

/* ---- CPUs from the device tree ---- */

static u64 of_get_cpu_mpidr(const void *fdt, int node, int ac)
{
	int len;
	const u8 *reg = fdt_getprop(fdt, node, "reg", &len);
	u64 hwid;

	if (!reg || len < ac * 4 || ac < 1 || ac > 2)
		return INVALID_HWID;
	hwid = ac == 2 ? fdt64_ld(reg) : fdt32_ld(reg);
	if (hwid & ~MPIDR_HWID_BITMASK)
		return INVALID_HWID;
	return hwid;
}

/* smp_init_cpus(): the boot CPU is logical 0, the others follow in DT order. */
void smp_init_cpus(void)
{
	const void *fdt = boot_params.fdt;
	int cpus = fdt_path_offset(fdt, "/cpus"), node, ac;
	u64 boot_mpidr = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
	unsigned int next = 1, count;
	bool bootcpu_valid = false;

	cpu_logical_map(0) = boot_mpidr;
	if (cpus >= 0) {
		ac = fdt_address_cells(fdt, cpus);
		for (node = fdt_first_subnode(fdt, cpus); node >= 0; node = fdt_next_subnode(fdt, node)) {
			u64 hwid;
			bool dup = false;

			if (!fdt_prop_streq(fdt, node, "device_type", "cpu"))
				continue;
			hwid = of_get_cpu_mpidr(fdt, node, ac);
			if (hwid == INVALID_HWID) {
				pr_err("%s: invalid reg property\n", fdt_get_name(fdt, node, NULL));
				continue;
			}
			if (hwid == boot_mpidr) {
				bootcpu_valid = true;
				continue;
			}
			for (unsigned int i = 1; i < next; i++)
				dup |= cpu_logical_map(i) == hwid;
			if (dup) {
				pr_err("%s: duplicate cpu reg properties in the DT\n",
				       fdt_get_name(fdt, node, NULL));
				continue;
			}
			if (next >= NR_CPUS) {
				pr_warn("Number of cores exceeds NR_CPUS (%u), ignoring the rest\n", NR_CPUS);
				break;
			}
			if (!fdt_prop_streq(fdt, node, "enable-method", "psci"))
				pr_warn("CPU%u: enable-method is not \"psci\", trying PSCI anyway\n", next);
			cpu_logical_map(next++) = hwid;
		}
	}
	if (!bootcpu_valid) {
		pr_err("missing boot CPU MPIDR 0x%llx in the DT, not enabling secondaries\n",
		       (unsigned long long)boot_mpidr);
		next = 1;
	}
	count = min(next, setup_max_cpus ? setup_max_cpus : 1);
	for (unsigned int i = 0; i < count; i++) {
		set_cpu_possible(i, true);
		set_cpu_present(i, true);
	}
	nr_cpu_ids = count;
	if (count < next)
		pr_info("smp: using %u of %u CPUs (maxcpus)\n", count, next);
}

void smp_prepare_cpus(unsigned int max_cpus)
{
	unsigned int cpu;
	unsigned long ms;

	(void)max_cpus;
	if (cmdline_get_ulong(boot_command_line, "timeout", &ms) == 1 && ms > cpu_up_timeout_ms)
		cpu_up_timeout_ms = ms;
	for_each_possible_cpu(cpu) {
		if (!cpu)
			continue;
		secondary_data[cpu].stack = (char *)memblock_alloc(THREAD_SIZE, 16) + THREAD_SIZE;
	}
}

int __cpu_up(unsigned int cpu)
{
	u64 deadline;
	int ret;

	secondary_data[cpu].percpu_offset = __per_cpu_offset[cpu];
	/* the new CPU reads secondary_data with its caches on: ordering is enough */
	dsb(ish);
	ret = cpu_psci_cpu_boot(cpu);
	if (ret)
		return ret;
	deadline = get_cycles() + ms_to_cycles(cpu_up_timeout_ms);
	while (!cpu_online(cpu)) {
		if (get_cycles() > deadline) {
			pr_crit("CPU%u: failed to come online\n", cpu);
			return -EIO;
		}
		cpu_relax();
	}
	return 0;
}

/* First C code of a secondary CPU: MMU on, stack and TPIDR_EL1 set by head.S. */
void secondary_start_kernel(void)
{
	unsigned int cpu = smp_processor_id();

	/* a CPU may come back after a crash stop: forget its previous life */
	preempt_count_set(0);
	set_softirq_pending(0);
	init_idle((int)cpu);
	pr_info("CPU%u: Booted secondary processor 0x%010llx [0x%08x]\n", cpu,
		(unsigned long long)(read_cpuid_mpidr() & MPIDR_HWID_BITMASK), read_cpuid_id());
	gic_cpu_init_this();
	arch_timer_starting_cpu();
	armv8_pmu_starting_cpu();
	set_cpu_online(cpu, true);
	local_irq_enable();
	cpu_startup_entry();
}

void smp_init(void)
{
	unsigned int cpu;

	pr_info("smp: Bringing up secondary CPUs ...\n");
	for_each_possible_cpu(cpu) {
		if (cpu_online(cpu))
			continue;
		cpu_up(cpu);
	}
	pr_info("smp: Brought up %u node(s), %u CPU(s)\n", 1u, num_online_cpus());
}

/* ---- the IPI layer ---- */

void set_smp_cross_call(void (*fn)(const struct cpumask *, unsigned int))
{
	__smp_cross_call = fn;
}

void set_smp_ipi_domain(struct irq_domain *d)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(ipi_domains); i++)
		if (!ipi_domains[i]) {
			ipi_domains[i] = d;
			return;
		}
	pr_err("smp: too many IPI domains\n");
}

void smp_account_ipi_sent(unsigned int ipinr, unsigned int nr_targets)
{
	if (ipinr < NR_SGIS)
		this_cpu_ptr(&irq_stat)->ipi_sent[ipinr] += nr_targets;
}

void smp_cross_call(const struct cpumask *target, unsigned int ipinr)
{
	smp_account_ipi_sent(ipinr, cpumask_weight(target));
	__smp_cross_call(target, ipinr);
}

unsigned int ipi_source(void)
{
	return __this_cpu_read(ipi_src);
}

void arch_send_call_function_ipi_mask(const struct cpumask *mask)
{
	smp_cross_call(mask, IPI_CALL_FUNC);
}

void arch_send_call_function_single_ipi(int cpu)
{
	smp_cross_call(cpumask_of((unsigned int)cpu), IPI_CALL_FUNC);
}

void arch_send_wakeup_ipi_mask(const struct cpumask *mask)
{
	smp_cross_call(mask, IPI_WAKEUP);
}

void arch_irq_work_raise(void)
{
	smp_cross_call(cpumask_of(smp_processor_id()), IPI_IRQ_WORK);
}

void arch_irq_work_raise_on(unsigned int cpu)
{
	smp_cross_call(cpumask_of(cpu), IPI_IRQ_WORK);
}

void smp_send_reschedule(int cpu)
{
	smp_cross_call(cpumask_of((unsigned int)cpu), IPI_RESCHEDULE);
}

void tick_broadcast(const struct cpumask *mask)
{
	smp_cross_call(mask, IPI_TIMER);
}

static void local_cpu_stop(void)
{
	set_cpu_online(smp_processor_id(), false);
	local_daif_mask();
	/* quiet the local tick and PMU so the parked CPU can really sleep in WFI */
	arch_timer_dying_cpu();
	armv8_pmu_dying_cpu();
	cpu_park_loop();
}

static void ipi_cpu_stop(unsigned int cpu)
{
	(void)cpu;
	local_cpu_stop();
}

/* Save state, report in, and power off via PSCI (CONFIG_HOTPLUG_CPU's path). */
static void __noreturn ipi_cpu_crash_stop(unsigned int cpu, struct pt_regs *regs)
{
	if (regs)
		*this_cpu_ptr(&crash_regs) = *regs;
	local_irq_disable();
	arch_timer_dying_cpu();
	armv8_pmu_dying_cpu();
	set_cpu_online(cpu, false);
	atomic_dec(&waiting_for_crash_ipi);
	cpu_psci_cpu_die(cpu);
	cpu_park_loop();
}

/* SGIs >= NR_IPI reserved through kernel/irq/ipi.c run as ordinary (per-CPU) IRQs. */
static bool ipi_domain_handle(unsigned int ipinr)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(ipi_domains); i++) {
		unsigned int virq = irq_find_mapping(ipi_domains[i], ipinr);

		if (virq) {
			irq_enter();
			generic_handle_irq(virq);
			irq_exit();
			return true;
		}
	}
	return false;
}

/* Main handler for inter-processor interrupts; @src is the sending CPU. */
void handle_IPI(int ipinr, unsigned int src, struct pt_regs *regs)
{
	unsigned int cpu = smp_processor_id();
	struct pt_regs *old_regs = set_irq_regs(regs);
	unsigned int old_src = __this_cpu_read(ipi_src);

	if ((unsigned int)ipinr < NR_SGIS)
		this_cpu_ptr(&irq_stat)->ipi_irqs[ipinr][src < NR_CPUS ? src : 0]++;
	__this_cpu_write(ipi_src, src);

	switch (ipinr) {
	case IPI_RESCHEDULE:
		scheduler_ipi();
		break;

	case IPI_CALL_FUNC:
		irq_enter();
		generic_smp_call_function_interrupt();
		irq_exit();
		break;

	case IPI_CPU_STOP:
		irq_enter();
		ipi_cpu_stop(cpu);
		irq_exit();
		break;

	case IPI_CPU_CRASH_STOP:
		irq_enter();
		ipi_cpu_crash_stop(cpu, regs);
		unreachable();

	case IPI_TIMER:
		irq_enter();
		tick_receive_broadcast();
		irq_exit();
		break;

	case IPI_IRQ_WORK:
		irq_enter();
		irq_work_run();
		irq_exit();
		break;

	case IPI_WAKEUP:
		/* nothing to do: taking it was the point (it ends a WFI) */
		break;

	default:
		if (!ipi_domain_handle((unsigned int)ipinr))
			pr_crit("CPU%u: Unknown IPI message 0x%x\n", cpu, ipinr);
		break;
	}
	__this_cpu_write(ipi_src, old_src);
	set_irq_regs(old_regs);
}

static unsigned long stop_timeout_ms(void)
{
	unsigned long ms = 1000;

	if (cmdline_get_ulong(boot_command_line, "timeout", &ms) != 1 || ms < 1000)
		ms = 1000;
	return ms;
}

void smp_send_stop(void)
{
	u64 deadline;
	char buf[32];

	if (num_online_cpus() > 1) {
		struct cpumask mask;

		cpumask_copy(&mask, cpu_online_mask);
		cpumask_clear_cpu(smp_processor_id(), &mask);
		pr_crit("SMP: stopping secondary CPUs\n");
		smp_cross_call(&mask, IPI_CPU_STOP);
	}
	deadline = get_cycles() + ms_to_cycles(stop_timeout_ms());
	while (num_online_cpus() > 1 && get_cycles() < deadline)
		udelay(1);
	if (num_online_cpus() > 1)
		pr_warn("SMP: failed to stop secondary CPUs %s\n",
			cpumask_print(buf, sizeof(buf), cpu_online_mask));
}

void smp_send_crash_stop(void)
{
	struct cpumask mask;
	u64 deadline;
	char buf[32];

	if (num_online_cpus() == 1)
		return;
	cpumask_copy(&mask, cpu_online_mask);
	cpumask_clear_cpu(smp_processor_id(), &mask);
	atomic_set(&waiting_for_crash_ipi, (int)num_online_cpus() - 1);
	pr_crit("SMP: stopping secondary CPUs\n");
	smp_cross_call(&mask, IPI_CPU_CRASH_STOP);
	deadline = get_cycles() + ms_to_cycles(stop_timeout_ms());
	while (atomic_read(&waiting_for_crash_ipi) > 0 && get_cycles() < deadline)
		udelay(1);
	if (atomic_read(&waiting_for_crash_ipi) > 0)
		pr_warn("SMP: failed to stop secondary CPUs %s\n", cpumask_print(buf, sizeof(buf), &mask));
}

bool smp_crash_stop_failed(void)
{
	return atomic_read(&waiting_for_crash_ipi) > 0;
}

int cpu_kill_wait(unsigned int cpu)
{
	return cpu_psci_cpu_kill(cpu, stop_timeout_ms());
}

/* /proc/interrupts' IPI rows, plus who sent them. */
void show_ipi_list(void)
{
	char line[256];
	unsigned int cpu, i, len;

	len = (unsigned int)snprintf(line, sizeof(line), "%5s", "");
	for_each_possible_cpu(cpu)
		len += (unsigned int)snprintf(line + len, sizeof(line) - len, "       CPU%u", cpu);
	pr_info("%s\n", line);
	for (i = 0; i < NR_SGIS; i++) {
		unsigned int total = 0;

		len = (unsigned int)snprintf(line, sizeof(line), "%*s%u:%s", 3 - (i >= 10), "IPI", i, "");
		for_each_possible_cpu(cpu) {
			unsigned int sum = 0;

			for (unsigned int s = 0; s < NR_CPUS; s++)
				sum += per_cpu(irq_stat, cpu).ipi_irqs[i][s];
			total += sum;
			len += (unsigned int)snprintf(line + len, sizeof(line) - len, " %10u", sum);
		}
		if (i >= NR_IPI && !total)
			continue;
		pr_info("%s      %s\n", line, ipi_name(i));
	}
	len = (unsigned int)snprintf(line, sizeof(line), "%5s", "SENT:");
	for_each_possible_cpu(cpu) {
		unsigned int sum = 0;

		for (i = 0; i < NR_SGIS; i++)
			sum += per_cpu(irq_stat, cpu).ipi_sent[i];
		len += (unsigned int)snprintf(line + len, sizeof(line) - len, " %10u", sum);
	}
	pr_info("%s      IPIs sent (all types, per target)\n", line);
	/* receiver <- sender matrix over all IPI types */
	for_each_possible_cpu(cpu) {
		len = (unsigned int)snprintf(line, sizeof(line), "CPU%u<-", cpu);
		for (unsigned int s = 0; s < nr_cpu_ids; s++) {
			unsigned int sum = 0;

			for (i = 0; i < NR_SGIS; i++)
				sum += per_cpu(irq_stat, cpu).ipi_irqs[i][s];
			len += (unsigned int)snprintf(line + len, sizeof(line) - len, " %10u", sum);
		}
		pr_info("%s      IPIs received, by sender CPU\n", line);
	}
}
