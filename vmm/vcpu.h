/* SPDX-License-Identifier: GPL-2.0 */
/* One vCPU: its KVM fd, its shared kvm_run page and the thread running it. */
#ifndef MINIVMM_VCPU_H
#define MINIVMM_VCPU_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmm/stats.h"

struct vm;
struct kvm_run;

struct vcpu {
	struct vm *vm;
	unsigned int id;
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	/* @thread may be signalled; both under @signal_lock (see vcpu_signal). */
	pthread_mutex_t signal_lock;
	bool thread_started;
	uint64_t mpidr;			/* read back from KVM after init */
	uint64_t device_irq_level;	/* timer and PMU levels last passed to the GIC */
	atomic_bool irq_wanted;		/* the GIC's output for this vCPU */
	bool irq_applied;		/* what this vCPU's thread last gave KVM */
	struct vcpu_stats stats;	/* --stats: KVM_RUN returns by reason, kicks */

	/* The power watch (vm.c): the main thread asks, the vCPU's thread answers. */
	atomic_uint power_asked;	/* round of the last question */
	atomic_uint power_answered;	/* round of the last answer */
	atomic_bool powered_off;	/* the answer: PSCI CPU_OFF state (or never on) */
};

/*
 * Create and initialise vCPU @id: vCPU 0 powered on, the others powered off
 * until the guest starts them with PSCI CPU_ON (KVM handles that itself).
 */
int vcpu_init(struct vcpu *vcpu, struct vm *vm, unsigned int id, char *err, size_t errlen);

/*
 * A system reset (--reboot), with the thread joined: back to the state
 * vcpu_init left, vCPU 0 on and the others off. The IRQ line follows the
 * GIC's output (reset separately) when the thread starts again.
 */
int vcpu_reset(struct vcpu *vcpu, char *err, size_t errlen);

/* Boot registers of the primary: PC and x0 (the DTB), as booting.rst wants. */
int vcpu_set_boot_regs(struct vcpu *vcpu, uint64_t pc, uint64_t x0, char *err, size_t errlen);

/* Guest PC, for reports; 0 when it cannot be read. */
uint64_t vcpu_read_pc(struct vcpu *vcpu);

int vcpu_start(struct vcpu *vcpu);

/* Make the vCPU leave KVM_RUN for good (immediate_exit + a signal). Any thread. */
void vcpu_kick(struct vcpu *vcpu);

/*
 * Set the vCPU's IRQ input. Any thread; the vCPU's own thread applies it
 * with KVM_IRQ_LINE before it next enters the guest (see vcpu.c for why).
 */
void vcpu_set_irq_line(struct vcpu *vcpu, bool level);

/*
 * Ask the vCPU's thread, in round @round, whether the vCPU is powered off
 * (KVM's MP state can only be read by the thread that runs it). It answers
 * between two runs: powered_off, then power_answered = @round. Any thread.
 */
void vcpu_ask_power_state(struct vcpu *vcpu, unsigned int round);

/* Wait for the vCPU's thread to end (after vcpu_kick). */
void vcpu_join(struct vcpu *vcpu);

void vcpu_destroy(struct vcpu *vcpu);

/* Install the no-op handler of the kick signal; once, before any vCPU starts. */
void vcpu_setup_kick_signal(void);

#endif
