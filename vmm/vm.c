// SPDX-License-Identifier: GPL-2.0
#include <signal.h>
#include <stdio.h>

#include "vmm/console.h"
#include "vmm/vm.h"

/* Wakes the main thread out of sigwait (see main.c). */
#define VM_WAKE_SIGNAL SIGUSR2

/*
 * The first stop wins; a real stop also wins over a pending reset (Ctrl-A x
 * or a signal while the machine reboots). True when this call decided.
 */
static bool vm_claim_stop(struct vm *vm, int status, bool reset)
{
	bool won;

	pthread_mutex_lock(&vm->stop_lock);
	won = !vm_is_stopping(vm) || (vm->reset_pending && !reset);
	if (won) {
		vm->exit_status = status;
		vm->reset_pending = reset;
		atomic_store_explicit(&vm->stopping, true, memory_order_release);
	}
	pthread_mutex_unlock(&vm->stop_lock);
	return won;
}

static void vm_kick_all(struct vm *vm)
{
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		vcpu_kick(&vm->vcpus[i]);
	pthread_kill(vm->main_thread, VM_WAKE_SIGNAL);
}

bool vm_stop(struct vm *vm, int status, const char *why)
{
	if (!vm_claim_stop(vm, status, false))
		return false;
	if (why)
		fprintf(stderr, "minivmm: %s\n", why);
	console_stopping();	/* before the kicks: a vCPU stuck on stdout must see it */
	vm_kick_all(vm);
	return true;
}

void vm_reset(struct vm *vm, unsigned int cpu)
{
	if (!vm_claim_stop(vm, VM_EXIT_RESET, true))
		return;
	fprintf(stderr, "minivmm: guest requested a reset (vCPU %u): rebooting\n", cpu);
	vm_kick_all(vm);
}

bool vm_resume_after_reset(struct vm *vm)
{
	bool resume;

	pthread_mutex_lock(&vm->stop_lock);
	resume = vm->reset_pending;
	if (resume) {
		vm->reset_pending = false;
		vm->exit_status = 0;
		vm->power_round = vm->power_off_rounds = 0;
		atomic_store_explicit(&vm->stopping, false, memory_order_release);
	}
	pthread_mutex_unlock(&vm->stop_lock);
	return resume;
}

/*
 * Each round asks every vCPU for its power state and reads the answers to
 * the previous round. One round's answers come from slightly different
 * moments (a vCPU may answer "off" just before another turns it on, which
 * then turns itself off), so only two all-off rounds in a row stop the VM:
 * a vCPU turned on answers "on" in the next round.
 */
void vm_watch_power(struct vm *vm)
{
	bool all_off = vm->power_round > 0;

	for (unsigned int i = 0; i < vm->nr_cpus && all_off; i++) {
		struct vcpu *v = &vm->vcpus[i];

		all_off = atomic_load(&v->power_answered) == vm->power_round &&
			  atomic_load(&v->powered_off);
	}
	vm->power_off_rounds = all_off ? vm->power_off_rounds + 1 : 0;
	if (vm->power_off_rounds >= 2) {
		vm_stop(vm, VM_EXIT_ERROR,
			"every vCPU is powered off (PSCI CPU_OFF) and none is left to turn one on: stopping");
		return;
	}
	vm->power_round++;
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		vcpu_ask_power_state(&vm->vcpus[i], vm->power_round);
}

static unsigned int vm_lines_set_remotely(struct vm *vm, bool *unconfirmed)
{
	unsigned int sum = 0;

	*unconfirmed = false;
	for (unsigned int i = 0; i < vm->nr_cpus; i++) {
		unsigned int remote = atomic_load(&vm->vcpus[i].line_remote);

		*unconfirmed |= remote != atomic_load(&vm->vcpus[i].line_confirmed);
		sum += remote;
	}
	return sum;
}

/*
 * Falling asleep pairs with vm_wake_line_watch (both seq_cst): the watch
 * announces its sleep and then looks at line_remote again; a sender counts
 * line_remote and then looks at the announcement. So either the watch sees
 * the new set and stays awake, or the sender sees it asleep and wakes it.
 */
bool vm_watch_lines(struct vm *vm)
{
	bool unconfirmed;
	unsigned int seen;

	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		vcpu_watch_irq_line(&vm->vcpus[i]);
	seen = vm_lines_set_remotely(vm, &unconfirmed);
	if (seen != vm->line_remote_seen || unconfirmed) {
		vm->line_remote_seen = seen;
		vm->line_quiet_looks = 0;
		return false;
	}
	if (++vm->line_quiet_looks < VM_LINE_WATCH_QUIET)
		return false;
	atomic_store(&vm->line_watch_asleep, true);
	if (vm_lines_set_remotely(vm, &unconfirmed) == seen && !unconfirmed)
		return true;
	/* A set came in meanwhile: stay awake (its sender may wake us anyway, harmlessly). */
	atomic_store(&vm->line_watch_asleep, false);
	vm->line_quiet_looks = 0;
	return false;
}

void vm_wake_line_watch(struct vm *vm)
{
	if (atomic_load(&vm->line_watch_asleep) && atomic_exchange(&vm->line_watch_asleep, false))
		pthread_kill(vm->main_thread, VM_LINE_WATCH_SIGNAL);
}

void vm_unmapped_access(struct vm *vm, struct vcpu *vcpu, uint64_t addr,
			unsigned int len, bool is_write)
{
	bool seen = false, overflow_note = false;
	char why[192];

	pthread_mutex_lock(&vm->report_lock);
	for (unsigned int i = 0; i < vm->nr_unmapped && !seen; i++)
		seen = vm->unmapped[i] == addr;
	if (!seen) {
		if (vm->nr_unmapped < VM_MAX_UNMAPPED_REPORTS) {
			vm->unmapped[vm->nr_unmapped++] = addr;
		} else {
			seen = true;
			overflow_note = !vm->unmapped_overflow;
			vm->unmapped_overflow = true;
		}
	}
	pthread_mutex_unlock(&vm->report_lock);

	if (overflow_note)
		fprintf(stderr, "minivmm: more than %d unmapped addresses accessed; not reporting new ones\n",
			VM_MAX_UNMAPPED_REPORTS);
	if (seen && !vm->strict_mmio)
		return;
	snprintf(why, sizeof(why), "vCPU %u: %u-byte %s at unmapped address 0x%llx (pc 0x%llx)%s",
		 vcpu->id, len, is_write ? "write" : "read", (unsigned long long)addr,
		 (unsigned long long)vcpu_read_pc(vcpu),
		 vm->strict_mmio ? "; stopping (--strict-mmio)" : "; reads as 0, writes ignored");
	if (vm->strict_mmio)
		vm_stop(vm, VM_EXIT_ERROR, why);
	else
		fprintf(stderr, "minivmm: %s\n", why);
}
