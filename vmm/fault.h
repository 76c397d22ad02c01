/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SGI fault injection: delay, drop or duplicate the delivery of chosen SGIs,
 * deterministically from a seed, so that a guest's handling of slow or lost
 * IPIs (csd-lock timeouts, RCU stalls, stop-machine) can be tested on purpose.
 *
 * A rule names an SGI and, optionally, one source>target pair:
 *   --sgi-delay SGI[:SRC>DST]=USEC   set pending USEC microseconds late
 *   --sgi-drop  SGI[:SRC>DST]=PROB   lose a send with probability PROB
 *   --sgi-dup   SGI[:SRC>DST]=PROB   deliver a second time, once the first
 *                                    was acknowledged, with probability PROB
 * SGI is 0-15 or an arm64 Linux IPI name (CALL_FUNC, ...).
 *
 * The decisions are made by the sending vCPU's thread, each vCPU with its
 * own random stream (seeded from --fault-seed and its index), so a run is
 * repeatable as far as the guest's own order of SGIs is. Delayed and
 * duplicate deliveries are made by one injector thread, on behalf of the
 * source CPU, through the same GICD_SGIR path; no vCPU thread ever sleeps.
 */
#ifndef MINIVMM_FAULT_H
#define MINIVMM_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAULT_MAX_RULES		32
#define FAULT_MAX_DELAY_US	10000000ULL	/* 10 s */
#define FAULT_ANY		(-1)
#define FAULT_NR_SGIS		16

/* arm64 Linux's IPI names of SGIs 0-6 (arch/arm64/kernel/smp.c), NULL beyond. */
extern const char *const fault_ipi_names[FAULT_NR_SGIS];

enum fault_kind { FAULT_DELAY, FAULT_DROP, FAULT_DUP, FAULT_NR_KINDS };

struct fault_rule {
	enum fault_kind kind;
	int sgi;		/* 0..15 */
	int src, dst;		/* CPU, or FAULT_ANY */
	uint64_t delay_us;	/* FAULT_DELAY */
	double prob;		/* FAULT_DROP, FAULT_DUP: 0..1 */
};

struct fault_config {
	struct fault_rule rules[FAULT_MAX_RULES];
	unsigned int nr_rules;
	uint64_t seed;
};

/*
 * Parse SPEC of a --sgi-delay/--sgi-drop/--sgi-dup option (@option names it
 * in messages) and append the rule to @cfg. Returns 0, or -1 with @err.
 */
int fault_add_rule(struct fault_config *cfg, enum fault_kind kind, const char *option,
		   const char *spec, char *err, size_t errlen);

/* "0.25", "1", "0": a probability, 0 to 1, into *@prob; -1 when it is not one. */
int fault_parse_prob(const char *s, double *prob);

/* One draw from the random stream @state: true with probability @prob (none drawn at 0). */
bool fault_chance(uint64_t *state, double prob);

/* A rule naming CPUs beyond @nr_cpus can never match: say so (-1 with @err). */
int fault_check_cpus(const struct fault_config *cfg, unsigned int nr_cpus,
		     char *err, size_t errlen);

struct vgic;
struct fault;
struct trace;

/* What happened to the sends of one (SGI, source, target). */
struct fault_counts {
	uint64_t delayed, dropped, duplicated;
};

/*
 * NULL when @cfg has no rule (nothing to inject) or on failure (see @err).
 * Drops are recorded in @trace when it is not NULL.
 */
struct fault *fault_create(const struct fault_config *cfg, struct vgic *vgic,
			   struct trace *trace, unsigned int nr_cpus, char *err, size_t errlen);

/*
 * A GICD_SGIR write by CPU @src. Returns true when the injector handled it
 * (some of its deliveries delayed, dropped or to be duplicated; the rest
 * done), false when no rule applies and the caller passes it on as usual.
 * Called by the source vCPU's thread only.
 */
bool fault_sgir(struct fault *f, unsigned int src, uint32_t sgir);

void fault_get_counts(struct fault *f, unsigned int sgi, unsigned int src, unsigned int dst,
		      struct fault_counts *counts);

/* Stop the injector thread; deliveries still waiting are abandoned. */
void fault_destroy(struct fault *f);

#endif
