// SPDX-License-Identifier: GPL-2.0
/*
 * --stats output (see stats.h). The GIC's counters come from the vgic model
 * (vgic_get_cpu_stats: the target's view of each (SGI, source) pair); the
 * exit counters from each vCPU. Both are exact once the vCPUs have stopped;
 * printed while they run (SIGUSR2) they are a consistent-enough snapshot.
 */
#include <stdlib.h>
#include <string.h>

#include "vgic/gicv2_regs.h"
#include "vgic/vgic.h"
#include "vmm/fault.h"
#include "vmm/memmap.h"
#include "vmm/stats.h"
#include "vmm/vm.h"


/* Everything printed, gathered once so the text and the JSON agree. */
struct snapshot {
	unsigned int nr_cpus;
	struct vgic_cpu_stats gic[VM_MAX_CPUS];		/* by target CPU */
	uint64_t exits[VM_MAX_CPUS][STATS_NR_EXITS];
	uint64_t kicks[VM_MAX_CPUS];
	uint64_t line_dropped;				/* --line-drop, all vCPUs */
	uint64_t gic_exits, all_exits, completed;
	bool faults;					/* injection on: show its counts */
	struct fault_counts fault[VGIC_NR_SGIS][VM_MAX_CPUS][VM_MAX_CPUS];	/* [sgi][src][dst] */
};

static struct snapshot *snapshot_take(struct vm *vm)
{
	struct snapshot *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->nr_cpus = vm->nr_cpus;
	s->faults = vm->fault;
	for (unsigned int c = 0; c < vm->nr_cpus; c++) {
		struct vcpu_stats *v = &vm->vcpus[c].stats;

		if (vm->vgic)	/* --irqchip=kernel: no GIC accounting, zeros */
			vgic_get_cpu_stats(vm->vgic, c, &s->gic[c]);
		for (unsigned int e = 0; e < STATS_NR_EXITS; e++) {
			s->exits[c][e] = __atomic_load_n(&v->exits[e], __ATOMIC_RELAXED);
			s->all_exits += s->exits[c][e];
			if (e <= STATS_EXIT_GIC_OTHER)
				s->gic_exits += s->exits[c][e];
		}
		s->kicks[c] = __atomic_load_n(&v->kicks, __ATOMIC_RELAXED);
		s->line_dropped += __atomic_load_n(&v->line_dropped, __ATOMIC_RELAXED);
		for (unsigned int sgi = 0; vm->fault && sgi < VGIC_NR_SGIS; sgi++)
			for (unsigned int src = 0; src < vm->nr_cpus; src++)
				fault_get_counts(vm->fault, sgi, src, c, &s->fault[sgi][src][c]);
		for (unsigned int sgi = 0; sgi < VGIC_NR_SGIS; sgi++)
			for (unsigned int src = 0; src < VGIC_MAX_CPUS; src++)
				s->completed += s->gic[c].sgi[sgi][src].completed;
	}
	return s;
}

static bool pair_used(const struct snapshot *s, unsigned int sgi, unsigned int src, unsigned int dst)
{
	const struct vgic_sgi_pair_stats *p = &s->gic[dst].sgi[sgi][src];
	const struct fault_counts *f = &s->fault[sgi][src][dst];

	return p->sent || p->acked || p->completed || p->cleared ||
	       f->delayed || f->dropped || f->duplicated;
}

/* Every (SGI, source, target) with something to show, in that order. */
#define for_each_used_pair(s, sgi, src, dst)					\
	for (unsigned int sgi = 0; sgi < VGIC_NR_SGIS; sgi++)			\
		for (unsigned int src = 0; src < VGIC_MAX_CPUS; src++)		\
			for (unsigned int dst = 0; dst < (s)->nr_cpus; dst++)	\
				if (pair_used(s, sgi, src, dst))

static const char *intid_name(unsigned int intid)
{
	switch (intid) {
	case MEMMAP_TIMER_VIRT_INTID:	return "virtual timer";
	case MEMMAP_TIMER_PHYS_INTID:	return "physical timer";
	case 32 + MEMMAP_UART_SPI:	return "UART";
	default:			return intid < VGIC_NR_SGIS ? "SGI" : "";
	}
}

static double per_ipi(uint64_t n, uint64_t ipis)
{
	return ipis ? (double)n / ipis : 0.0;
}

static void print_sgis(const struct snapshot *s, FILE *out)
{
	struct vgic_sgi_pair_stats sum = { 0 };

	fprintf(out, "SGIs, per SGI and source>target (counted at the target; sent = what reached the GIC)\n");
	fprintf(out, "  %3s %-15s %7s %10s %10s %10s %10s %10s", "SGI", "name", "src>dst",
		"sent", "coalesced", "acked", "completed", "cleared");
	if (s->faults)
		fprintf(out, " %10s %10s %10s", "delayed", "dropped", "duplicated");
	fputc('\n', out);
	for_each_used_pair(s, sgi, src, dst) {
		const struct vgic_sgi_pair_stats *p = &s->gic[dst].sgi[sgi][src];

		fprintf(out, "  %3u %-15s %5u>%-1u %10llu %10llu %10llu %10llu %10llu",
			sgi, fault_ipi_names[sgi] ? fault_ipi_names[sgi] : "-", src, dst,
			(unsigned long long)p->sent, (unsigned long long)p->coalesced,
			(unsigned long long)p->acked, (unsigned long long)p->completed,
			(unsigned long long)p->cleared);
		if (s->faults)
			fprintf(out, " %10llu %10llu %10llu",
				(unsigned long long)s->fault[sgi][src][dst].delayed,
				(unsigned long long)s->fault[sgi][src][dst].dropped,
				(unsigned long long)s->fault[sgi][src][dst].duplicated);
		fputc('\n', out);
		sum.sent += p->sent;
		sum.coalesced += p->coalesced;
		sum.acked += p->acked;
		sum.completed += p->completed;
		sum.cleared += p->cleared;
	}
	fprintf(out, "  %3s %-15s %7s %10llu %10llu %10llu %10llu %10llu\n", "all", "", "",
		(unsigned long long)sum.sent, (unsigned long long)sum.coalesced,
		(unsigned long long)sum.acked, (unsigned long long)sum.completed,
		(unsigned long long)sum.cleared);
}

static void print_interrupts(const struct snapshot *s, FILE *out)
{
	fprintf(out, "PPIs and SPIs taken (GICC_IAR), per CPU\n");
	fprintf(out, "  %3s %8s %10s\n", "cpu", "INTID", "count");
	for (unsigned int c = 0; c < s->nr_cpus; c++) {
		for (unsigned int i = VGIC_NR_SGIS; i < VGIC_NR_PRIVATE + VGIC_MAX_SPIS; i++)
			if (s->gic[c].taken[i])
				fprintf(out, "  %3u %8u %10llu  %s\n", c, i,
					(unsigned long long)s->gic[c].taken[i], intid_name(i));
		fprintf(out, "  %3u %8s %10llu  (GICC_IAR read 1023)\n", c, "spurious",
			(unsigned long long)s->gic[c].spurious);
	}
}

static void print_exits(const struct snapshot *s, FILE *out)
{
	uint64_t col[STATS_NR_EXITS] = { 0 }, kicks = 0;

	fprintf(out, "KVM_RUN returns, per vCPU and reason (MMIO by device and register)\n");
	fprintf(out, "  %4s", "vcpu");
	for (unsigned int e = 0; e < STATS_NR_EXITS; e++)
		fprintf(out, " %*s", e == STATS_EXIT_SYSTEM_EVENT ? 12 : 9, stats_exit_names[e]);
	fprintf(out, " %9s %9s\n", "total", "kicks");
	for (unsigned int c = 0; c <= s->nr_cpus; c++) {
		const uint64_t *row = c < s->nr_cpus ? s->exits[c] : col;
		uint64_t total = 0;

		if (c < s->nr_cpus)
			fprintf(out, "  %4u", c);
		else
			fprintf(out, "  %4s", "all");
		for (unsigned int e = 0; e < STATS_NR_EXITS; e++) {
			fprintf(out, " %*llu", e == STATS_EXIT_SYSTEM_EVENT ? 12 : 9,
				(unsigned long long)row[e]);
			total += row[e];
			if (c < s->nr_cpus)
				col[e] += row[e];
		}
		if (c < s->nr_cpus)
			kicks += s->kicks[c];
		fprintf(out, " %9llu %9llu\n", (unsigned long long)total,
			(unsigned long long)(c < s->nr_cpus ? s->kicks[c] : kicks));
	}
	fprintf(out, "GIC exits per completed IPI: %.2f (%llu GIC exits, %llu IPIs completed; "
		"all exits: %.2f per IPI)\n", per_ipi(s->gic_exits, s->completed),
		(unsigned long long)s->gic_exits, (unsigned long long)s->completed,
		per_ipi(s->all_exits, s->completed));
	if (s->line_dropped)
		fprintf(out, "KVM_IRQ_LINE raises skipped by --line-drop: %llu (repaired: kicks above)\n",
			(unsigned long long)s->line_dropped);
}

void stats_print(struct vm *vm, FILE *out)
{
	struct snapshot *s = snapshot_take(vm);

	if (!s) {
		fprintf(out, "minivmm: --stats: out of memory\n");
		return;
	}
	fprintf(out, "==== minivmm --stats\n");
	print_sgis(s, out);
	print_interrupts(s, out);
	print_exits(s, out);
	fflush(out);
	free(s);
}

static void json_pairs(const struct snapshot *s, FILE *out)
{
	const char *sep = "";

	fprintf(out, "  \"sgis\": [");
	for_each_used_pair(s, sgi, src, dst) {
		const struct vgic_sgi_pair_stats *p = &s->gic[dst].sgi[sgi][src];

		fprintf(out, "%s\n    {\"sgi\": %u, \"name\": \"%s\", \"src\": %u, \"dst\": %u, "
			"\"sent\": %llu, \"coalesced\": %llu, \"acked\": %llu, "
			"\"completed\": %llu, \"cleared\": %llu, \"delayed\": %llu, "
			"\"dropped\": %llu, \"duplicated\": %llu}",
			sep, sgi, fault_ipi_names[sgi] ? fault_ipi_names[sgi] : "", src, dst,
			(unsigned long long)p->sent, (unsigned long long)p->coalesced,
			(unsigned long long)p->acked, (unsigned long long)p->completed,
			(unsigned long long)p->cleared,
			(unsigned long long)s->fault[sgi][src][dst].delayed,
			(unsigned long long)s->fault[sgi][src][dst].dropped,
			(unsigned long long)s->fault[sgi][src][dst].duplicated);
		sep = ",";
	}
	fprintf(out, "\n  ],\n");
}

static void json_cpus(const struct snapshot *s, FILE *out)
{
	fprintf(out, "  \"cpus\": [");
	for (unsigned int c = 0; c < s->nr_cpus; c++) {
		const char *sep = "";

		fprintf(out, "%s\n    {\"cpu\": %u, \"spurious\": %llu, \"taken\": {", c ? "," : "", c,
			(unsigned long long)s->gic[c].spurious);
		for (unsigned int i = 0; i < VGIC_NR_PRIVATE + VGIC_MAX_SPIS; i++) {
			if (!s->gic[c].taken[i])
				continue;
			fprintf(out, "%s\"%u\": %llu", sep, i, (unsigned long long)s->gic[c].taken[i]);
			sep = ", ";
		}
		fprintf(out, "}, \"kicks\": %llu, \"exits\": {", (unsigned long long)s->kicks[c]);
		for (unsigned int e = 0; e < STATS_NR_EXITS; e++)
			fprintf(out, "%s\"%s\": %llu", e ? ", " : "", stats_exit_names[e],
				(unsigned long long)s->exits[c][e]);
		fprintf(out, "}}");
	}
	fprintf(out, "\n  ],\n");
}

void stats_print_json(struct vm *vm, FILE *out)
{
	struct snapshot *s = snapshot_take(vm);

	if (!s)
		return;
	fprintf(out, "{\n");
	json_pairs(s, out);
	json_cpus(s, out);
	fprintf(out, "  \"line_dropped\": %llu,\n", (unsigned long long)s->line_dropped);
	fprintf(out, "  \"gic_exits\": %llu,\n  \"all_exits\": %llu,\n  \"ipis_completed\": %llu,\n"
		"  \"gic_exits_per_ipi\": %.3f\n}\n", (unsigned long long)s->gic_exits,
		(unsigned long long)s->all_exits, (unsigned long long)s->completed,
		per_ipi(s->gic_exits, s->completed));
	free(s);
}
