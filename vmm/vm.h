/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VM: one context struct that owns KVM, guest RAM, the vCPUs, the MMIO
 * bus and the devices, and knows how the run ends.
 */
#ifndef MINIVMM_VM_H
#define MINIVMM_VM_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "vmm/cpu_features.h"
#include "vmm/kvm.h"
#include "vmm/mmio.h"
#include "vmm/vcpu.h"

#define VM_MAX_CPUS 8

/* minivmm's exit status; a test-exit device write gives its own code instead. */
enum vm_exit_status {
	VM_EXIT_POWEROFF = 0,	/* PSCI SYSTEM_OFF, or Ctrl-A x */
	VM_EXIT_ERROR = 1,	/* VMM failure, or a guest error made fatal */
	VM_EXIT_USAGE = 2,	/* bad command line or input files */
	VM_EXIT_RESET = 3,	/* PSCI SYSTEM_RESET: minivmm does not reboot */
};

#define VM_MAX_UNMAPPED_REPORTS 16

struct vgic;
struct fault;
struct trace;
struct pl011;
struct console;

struct vm {
	struct kvm kvm;
	struct cpu_features cpu_features;	/* asked for on every vCPU */
	struct mmio_bus mmio;
	struct vgic *vgic;
	struct fault *fault;		/* SGI fault injection, NULL when off */
	struct trace *trace;		/* --trace recorder, NULL when off */
	int gic_fd;			/* --irqchip=kernel: KVM's vGICv2 device, else -1 */
	struct pl011 *uart;
	struct console *console;
	bool strict_mmio;
	bool irq_kick;			/* --irq-inject=kick (vcpu.c) */
	double line_drop;		/* --line-drop=PROB (vcpu.c) */
	uint64_t line_drop_seed;	/* --fault-seed */

	unsigned int nr_cpus;
	struct vcpu vcpus[VM_MAX_CPUS];

	pthread_t main_thread;
	pthread_mutex_t stop_lock;	/* claims the stop: stopping, exit_status, reset_pending */
	atomic_bool stopping;
	int exit_status;		/* valid once stopping */
	bool reboot;			/* --reboot: a guest's reset boots it again */
	atomic_bool reset_pending;	/* the stop is a reset (--reboot); written under stop_lock */

	/* The line watch (vm_watch_lines): quiet looks in a row, line_remote seen at the last. */
	unsigned int line_quiet_looks, line_remote_seen;
	atomic_bool line_watch_asleep;	/* set by the main thread, cleared by whoever wakes it */

	/* The power watch (vm_watch_power), main thread only. */
	unsigned int power_round;
	unsigned int power_off_rounds;	/* consecutive rounds with every vCPU off */

	/* Unmapped addresses already reported, so each is reported once. */
	pthread_mutex_t report_lock;
	uint64_t unmapped[VM_MAX_UNMAPPED_REPORTS];
	unsigned int nr_unmapped;
	bool unmapped_overflow;
	atomic_bool test_exit_misused;	/* a bad test-exit access was reported */
};

/*
 * End the run with @status: the first caller wins, later ones are ignored.
 * Every vCPU is kicked out of KVM_RUN and the main thread woken. Any thread.
 * @why (may be NULL) is printed as "minivmm: <why>" on stderr. Returns
 * whether this call was the one that stopped the VM.
 */
bool vm_stop(struct vm *vm, int status, const char *why);

/*
 * The guest asked for a system reset from vCPU @cpu and --reboot is on: stop
 * like vm_stop, for the main thread to reset the machine and boot it again
 * (vm_resume_after_reset). A vm_stop before that wins over the reset.
 */
void vm_reset(struct vm *vm, unsigned int cpu);

/*
 * Main thread, the machine reset and every vCPU thread joined: clear the
 * stop so the vCPUs can run again. False when a real stop came in since
 * the reset was asked for (then the VM ends with that stop's status).
 */
bool vm_resume_after_reset(struct vm *vm);

static inline bool vm_is_stopping(struct vm *vm)
{
	return atomic_load_explicit(&vm->stopping, memory_order_acquire);
}

/* How often the main thread calls vm_watch_power. */
#define VM_POWER_WATCH_MS	1000

/*
 * Stop the VM when the guest has powered every vCPU off (PSCI CPU_OFF on
 * the last one running): nothing is left to turn one on, and KVM would keep
 * each thread asleep in KVM_RUN for ever. Main thread, every
 * VM_POWER_WATCH_MS.
 */
void vm_watch_power(struct vm *vm);

/*
 * The line watch (vcpu.c): every VCPU_LINE_WATCH_MS while vCPUs' lines are
 * set from other threads. After VM_LINE_WATCH_QUIET looks in a row without
 * such a set it falls asleep, so an idle VM does not wake minivmm 200 times
 * a second, and the next set wakes it (vm_wake_line_watch). Main thread;
 * returns true when the watch is asleep and only the power watch ticks.
 */
bool vm_watch_lines(struct vm *vm);
#define VM_LINE_WATCH_QUIET	20

/* A line was set from another thread (vcpu.c): wake the watch if it sleeps. */
void vm_wake_line_watch(struct vm *vm);

/* Wakes the main thread's line watch; blocked in every thread, like SIGUSR2. */
#define VM_LINE_WATCH_SIGNAL	(SIGRTMIN + 1)

/* A guest touched @addr where no device lives: report it once, maybe stop. */
void vm_unmapped_access(struct vm *vm, struct vcpu *vcpu, uint64_t addr,
			unsigned int len, bool is_write);

#endif
