/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --stats: where every KVM_RUN return of every vCPU went, next to the GIC's
 * own per (SGI, source, target) accounting, printed as tables or JSON.
 *
 * Counting is per vCPU and done by the vCPU's own thread (relaxed atomic
 * stores, no read-modify-write, no lock); kicks are counted by whoever
 * sends them (one relaxed atomic add, beside a signal that costs far more).
 * Readers sum the counters only when they print.
 */
#ifndef MINIVMM_STATS_H
#define MINIVMM_STATS_H

#include <stdint.h>
#include <stdio.h>

enum stats_exit {
	STATS_EXIT_GICD_SGIR,
	STATS_EXIT_GICC_IAR,
	STATS_EXIT_GICC_EOIR,
	STATS_EXIT_GICC_DIR,
	STATS_EXIT_GIC_OTHER,
	STATS_EXIT_UART,
	STATS_EXIT_TEST_EXIT,
	STATS_EXIT_UNMAPPED,
	STATS_EXIT_EINTR,	/* KVM_RUN returned EINTR: a kick, or a timer level change */
	STATS_EXIT_SYSTEM_EVENT,
	STATS_EXIT_OTHER,
	STATS_NR_EXITS
};

struct vcpu_stats {
	uint64_t exits[STATS_NR_EXITS];	/* written by the vCPU's thread only */
	uint64_t kicks;			/* kick signals sent to this vCPU (atomic add) */
	uint64_t line_dropped;		/* --line-drop: raises skipped (under the GIC's lock) */
};

/* Owner-thread increment: a plain load and a relaxed store, no locked RMW. */
static inline void stats_count(uint64_t *counter)
{
	__atomic_store_n(counter, *counter + 1, __ATOMIC_RELAXED);
}

/* Lower-case names of the classes ("gicd_sgir", ...): JSON keys and trace values. */
extern const char *const stats_exit_names[STATS_NR_EXITS];

/* The exit class of an MMIO access at guest-physical @addr. */
enum stats_exit stats_mmio_exit(uint64_t addr);

struct vm;

/* The tables, for a person: SGIs per pair, interrupts per CPU, exits per vCPU. */
void stats_print(struct vm *vm, FILE *out);

/* The same as one JSON document (the caller writes it where it must go). */
void stats_print_json(struct vm *vm, FILE *out);

#endif
