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
	bool irq_applied;		/* --irq-inject=kick: what this vCPU's thread last gave KVM */
	/* Direct injection (vcpu.c): KVM_IRQ_LINEs from other threads, and confirmation. */
	atomic_uint line_remote;	/* lines set by other threads, counted after the ioctl */
	atomic_uint line_confirmed;	/* line_remote when this vCPU's thread last set it again */
	bool watch_pending;		/* the line watch (main thread): unconfirmed at its last look */
	unsigned int watch_confirmed;	/* line_confirmed at its last look */
	uint64_t line_drop_rng;		/* --line-drop's stream, under the GIC's lock for this vCPU */
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
 * Set the vCPU's IRQ input. Any thread, in the order of the GIC's line
 * callback (under its lock for this vCPU). By default the caller sets the
 * line itself (KVM_IRQ_LINE) and the vCPU's thread confirms it; with
 * --irq-inject=kick the vCPU's thread sets it. vcpu.c tells why.
 */
void vcpu_set_irq_line(struct vcpu *vcpu, bool level);

/*
 * The line watch, every VCPU_LINE_WATCH_MS on the main thread while lines
 * are set from other threads (vm_watch_lines): kick a vCPU whose line
 * another thread set and whose own thread has not confirmed it since the
 * last look (the set may have been lost inside KVM).
 */
void vcpu_watch_irq_line(struct vcpu *vcpu);
#define VCPU_LINE_WATCH_MS	5

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
