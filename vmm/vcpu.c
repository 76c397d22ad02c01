// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "vmm/fault.h"
#include "vmm/gic.h"
#include "vmm/trace.h"
#include "vmm/vcpu.h"
#include "vmm/vm.h"

#define VCPU_KICK_SIGNAL SIGUSR1

#define CORE_REG(name) \
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
	 (offsetof(struct kvm_regs, name) / sizeof(__u32)))
#define MPIDR_EL1_REG ARM64_SYS_REG(3, 0, 0, 0, 5)
#define ESR_EL1_REG ARM64_SYS_REG(3, 0, 5, 2, 0)
#define FAR_EL1_REG ARM64_SYS_REG(3, 0, 6, 0, 0)

static int get_reg(struct vcpu *vcpu, uint64_t id, uint64_t *value)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)value };

	return ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg);
}

static int set_reg(struct vcpu *vcpu, uint64_t id, uint64_t value)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&value };

	return ioctl(vcpu->fd, KVM_SET_ONE_REG, &reg);
}

/*
 * KVM_ARM_VCPU_INIT: registers, timers and PMU at their reset values; vCPU
 * 0 on, the others off until the guest starts them with PSCI CPU_ON.
 */
static int vcpu_arm_init(struct vcpu *vcpu, char *err, size_t errlen)
{
	struct vm *vm = vcpu->vm;
	struct kvm_vcpu_init init;

	if (ioctl(vm->kvm.vm_fd, KVM_ARM_PREFERRED_TARGET, &init) < 0) {
		snprintf(err, errlen, "KVM_ARM_PREFERRED_TARGET: %s", strerror(errno));
		return -1;
	}
	memset(init.features, 0, sizeof(init.features));
	init.features[0] |= 1u << KVM_ARM_VCPU_PSCI_0_2;
	if (vcpu->id)
		init.features[0] |= 1u << KVM_ARM_VCPU_POWER_OFF;
	cpu_features_vcpu_init(&vm->cpu_features, &init);
	if (ioctl(vcpu->fd, KVM_ARM_VCPU_INIT, &init) < 0) {
		snprintf(err, errlen, "KVM_ARM_VCPU_INIT %u: %s", vcpu->id, strerror(errno));
		return -1;
	}
	return 0;
}

int vcpu_init(struct vcpu *vcpu, struct vm *vm, unsigned int id, char *err, size_t errlen)
{
	memset(vcpu, 0, sizeof(*vcpu));
	pthread_mutex_init(&vcpu->signal_lock, NULL);
	vcpu->vm = vm;
	vcpu->id = id;
	vcpu->fd = ioctl(vm->kvm.vm_fd, KVM_CREATE_VCPU, id);
	if (vcpu->fd < 0) {
		snprintf(err, errlen, "KVM_CREATE_VCPU %u: %s", id, strerror(errno));
		return -1;
	}
	vcpu->run = mmap(NULL, vm->kvm.run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu->fd, 0);
	if (vcpu->run == MAP_FAILED) {
		vcpu->run = NULL;
		snprintf(err, errlen, "mmap of vCPU %u's kvm_run: %s", id, strerror(errno));
		return -1;
	}
	if (vcpu_arm_init(vcpu, err, errlen))
		return -1;
	if (cpu_features_vcpu_finalize(&vm->cpu_features, vcpu->fd, err, errlen))
		return -1;
	/* With KVM's GIC, the PMU waits for it (gic_kernel_init). */
	if (vm->gic_fd < 0 && cpu_features_pmu_init(&vm->cpu_features, vcpu->fd, 0, err, errlen))
		return -1;
	vcpu->line_drop_rng = vm->line_drop_seed * 0x100000001b3ULL + id;
	if (get_reg(vcpu, MPIDR_EL1_REG, &vcpu->mpidr) < 0) {
		snprintf(err, errlen, "reading vCPU %u's MPIDR_EL1: %s", id, strerror(errno));
		return -1;
	}
	return 0;
}

int vcpu_reset(struct vcpu *vcpu, char *err, size_t errlen)
{
	/* Same features, so KVM keeps the finalized SVE and the created PMU. */
	if (vcpu_arm_init(vcpu, err, errlen))
		return -1;
	/* KVM's timer and PMU levels are low again; the GIC's inputs were reset too. */
	vcpu->device_irq_level = 0;
	atomic_store(&vcpu->power_asked, 0);
	atomic_store(&vcpu->power_answered, 0);
	atomic_store(&vcpu->powered_off, false);
	return 0;
}

int vcpu_set_boot_regs(struct vcpu *vcpu, uint64_t pc, uint64_t x0, char *err, size_t errlen)
{
	/* booting.rst: x0 = DTB, x1..x3 = 0; KVM's reset state is EL1h, DAIF masked. */
	if (set_reg(vcpu, CORE_REG(regs.pc), pc) < 0 ||
	    set_reg(vcpu, CORE_REG(regs.regs[0]), x0) < 0 ||
	    set_reg(vcpu, CORE_REG(regs.regs[1]), 0) < 0 ||
	    set_reg(vcpu, CORE_REG(regs.regs[2]), 0) < 0 ||
	    set_reg(vcpu, CORE_REG(regs.regs[3]), 0) < 0) {
		snprintf(err, errlen, "setting vCPU %u's boot registers: %s", vcpu->id, strerror(errno));
		return -1;
	}
	return 0;
}

uint64_t vcpu_read_pc(struct vcpu *vcpu)
{
	uint64_t pc = 0;

	get_reg(vcpu, CORE_REG(regs.pc), &pc);
	return pc;
}

/* PSTATE.M, as the Arm ARM names the AArch64 modes; "?" for the rest. */
static const char *pstate_mode(uint64_t pstate)
{
	switch (pstate & 0x1f) {
	case 0x0: return "EL0t";
	case 0x4: return "EL1t";
	case 0x5: return "EL1h";
	case 0x8: return "EL2t";
	case 0x9: return "EL2h";
	default:  return "?";
	}
}

/*
 * After an exit that ends the VM with an error: the vCPU's registers, as
 * kvmtool shows them, in one write so that other threads' lines cannot cut
 * into it. Both stack pointers and the mode, because a guest in EL1t runs
 * on SP_EL0. A register KVM will not give reads as all ones.
 */
static void vcpu_show_registers(struct vcpu *vcpu)
{
	static const struct { const char *name; uint64_t id; } sys[] = {
		{ "pc",       CORE_REG(regs.pc) },
		{ "pstate",   CORE_REG(regs.pstate) },
		{ "sp_el0",   CORE_REG(regs.sp) },
		{ "sp_el1",   CORE_REG(sp_el1) },
		{ "elr_el1",  CORE_REG(elr_el1) },
		{ "spsr_el1", CORE_REG(spsr[KVM_SPSR_EL1]) },
		{ "esr_el1",  ESR_EL1_REG },
		{ "far_el1",  FAR_EL1_REG },
	};
	char buf[2048];
	size_t n = 0;
	uint64_t v;

	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "minivmm: vCPU %u registers:\n", vcpu->id);
	for (unsigned int i = 0; i < sizeof(sys) / sizeof(sys[0]); i++) {
		if (get_reg(vcpu, sys[i].id, &v) < 0)
			v = ~0ULL;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "  %-8s 0x%016llx", sys[i].name,
				      (unsigned long long)v);
		if (sys[i].id == CORE_REG(regs.pstate))
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, " (%s)", pstate_mode(v));
		if (i % 2)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\n");
	}
	for (unsigned int r = 0; r < 31; r++) {
		if (get_reg(vcpu, CORE_REG(regs.regs[r]), &v) < 0)
			v = ~0ULL;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "  x%-2u 0x%016llx%s", r,
				      (unsigned long long)v, r % 4 == 3 || r == 30 ? "\n" : "");
	}
	fputs(buf, stderr);
}

static void vcpu_handle_mmio(struct vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	unsigned int len = run->mmio.len;
	uint64_t data = 0;

	if (len != 1 && len != 2 && len != 4 && len != 8) {
		vm_stop(vcpu->vm, VM_EXIT_ERROR, "KVM reported an MMIO access of impossible length");
		return;
	}
	if (run->mmio.is_write)
		memcpy(&data, run->mmio.data, len);	/* arm64 hosts are little-endian */
	if (!mmio_bus_access(&vcpu->vm->mmio, vcpu->id, run->mmio.phys_addr, len,
			     run->mmio.is_write, &data))
		vm_unmapped_access(vcpu->vm, vcpu, run->mmio.phys_addr, len, run->mmio.is_write);
	if (!run->mmio.is_write)
		memcpy(run->mmio.data, &data, len);
}

static void vcpu_handle_system_event(struct vcpu *vcpu)
{
	char why[96];

	switch (vcpu->run->system_event.type) {
	case KVM_SYSTEM_EVENT_SHUTDOWN:
		vm_stop(vcpu->vm, VM_EXIT_POWEROFF, NULL);
		break;
	case KVM_SYSTEM_EVENT_RESET:
		if (vcpu->vm->reboot) {
			vm_reset(vcpu->vm, vcpu->id);
			break;
		}
		snprintf(why, sizeof(why), "guest requested a reset (vCPU %u); not rebooting", vcpu->id);
		vm_stop(vcpu->vm, VM_EXIT_RESET, why);
		break;
	default:
		snprintf(why, sizeof(why), "vCPU %u: system event %u (crash?)",
			 vcpu->id, vcpu->run->system_event.type);
		vm_stop(vcpu->vm, VM_EXIT_ERROR, why);
	}
}

/* One switch on the exit reason; anything unexpected ends the VM with a reason. */
static void vcpu_handle_exit(struct vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	char why[160];

	switch (run->exit_reason) {
	case KVM_EXIT_MMIO:
		stats_count(&vcpu->stats.exits[stats_mmio_exit(run->mmio.phys_addr)]);
		vcpu_handle_mmio(vcpu);
		return;
	case KVM_EXIT_SYSTEM_EVENT:
		stats_count(&vcpu->stats.exits[STATS_EXIT_SYSTEM_EVENT]);
		vcpu_handle_system_event(vcpu);
		return;
	case KVM_EXIT_INTR:
		stats_count(&vcpu->stats.exits[STATS_EXIT_EINTR]);
		return;
	case KVM_EXIT_ARM_NISV:
		snprintf(why, sizeof(why),
			 "vCPU %u: guest accessed device memory at 0x%llx with an instruction KVM cannot "
			 "decode (ldp/stp or writeback?) at pc 0x%llx",
			 vcpu->id, (unsigned long long)run->arm_nisv.fault_ipa,
			 (unsigned long long)vcpu_read_pc(vcpu));
		break;
	case KVM_EXIT_FAIL_ENTRY:
		snprintf(why, sizeof(why), "vCPU %u: KVM failed to enter the guest (reason 0x%llx)",
			 vcpu->id, (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		snprintf(why, sizeof(why), "vCPU %u: KVM internal error (suberror %u)",
			 vcpu->id, run->internal.suberror);
		break;
	default:
		snprintf(why, sizeof(why), "vCPU %u: unexpected KVM exit reason %u at pc 0x%llx",
			 vcpu->id, run->exit_reason, (unsigned long long)vcpu_read_pc(vcpu));
		break;
	}
	stats_count(&vcpu->stats.exits[STATS_EXIT_OTHER]);
	if (vm_stop(vcpu->vm, VM_EXIT_ERROR, why))
		vcpu_show_registers(vcpu);
}

/*
 * The vCPU's IRQ line, and why it is not simply KVM_IRQ_LINE from whichever
 * thread changes it (docs/kvm-irq-line-race.md has the whole story).
 *
 * KVM (the 5.x and 6.x sources we read, Debian 12's 6.1 among them) keeps
 * the line as the VI bit of the vCPU's HCR_EL2 image. KVM_IRQ_LINE sets it
 * with an atomic bit operation, but the vCPU's own thread rewrites the
 * whole word non-atomically (load, modify, store) in kvm_arch_vcpu_load,
 * for the WFx trap and pointer-auth bits, on every KVM_RUN entry and every
 * reschedule. A KVM_IRQ_LINE from another
 * thread that lands inside that window is undone. tests/kvm-race shows it
 * (nested: 28 of 5,000 raises lost; none when the owner sets the line).
 * The owner's own KVM_IRQ_LINE can never be lost: it cannot be in
 * vcpu_load meanwhile.
 *
 * Direct injection (the default): whoever changes the line calls
 * KVM_IRQ_LINE itself, in the GIC's callback order (under its lock for
 * this vCPU), so the last call carries the last level and a cross-CPU IPI
 * costs the target no exit. A set from another thread counts line_remote
 * after its ioctl. Then, so that a lost set is repaired:
 *  - the vCPU's thread, at every return to userspace where line_remote
 *    moved, sets the line again itself (vcpu_confirm_irq_line: one ioctl,
 *    no exit) and publishes the count it covered as line_confirmed;
 *  - a vCPU that stays inside KVM_RUN (asleep in WFI, say) does not
 *    return: the main thread's line watch kicks it when a remote set has
 *    stayed unconfirmed for a whole VCPU_LINE_WATCH_MS, so a lost set is
 *    late by at most two periods, never lost (the kicks are counted). The
 *    watch sleeps while no line is set remotely; the next set wakes it
 *    (vm_watch_lines).
 *
 * --irq-inject=kick: another thread only records the level and kicks; the
 * owner applies it between runs (vcpu_apply_irq_line). Ordering (seq_cst):
 * the owner clears immediate_exit and then reads irq_wanted; a sender
 * writes irq_wanted and then sets immediate_exit. Either the owner sees the
 * new level, or its next KVM_RUN returns at once and it comes back here.
 */
static __thread struct vcpu *vcpu_current;	/* the vCPU this thread runs, if any */

static void vcpu_line_ioctl(struct vcpu *vcpu, bool level)
{
	char why[96];

	if (kvm_irq_line(&vcpu->vm->kvm, vcpu->id, level) < 0) {
		snprintf(why, sizeof(why), "KVM_IRQ_LINE for vCPU %u failed: %s", vcpu->id, strerror(errno));
		vm_stop(vcpu->vm, VM_EXIT_ERROR, why);
	}
}

static void vcpu_apply_irq_line(struct vcpu *vcpu)
{
	bool want = atomic_load(&vcpu->irq_wanted);

	if (want == vcpu->irq_applied)
		return;
	vcpu_line_ioctl(vcpu, want);
	vcpu->irq_applied = want;
}

/*
 * Owner thread, between runs. The loop: a set by another thread between
 * our read of irq_wanted and our ioctl would be undone by it; that thread
 * wrote irq_wanted before its ioctl, so reading it again after ours sees it.
 */
static void vcpu_confirm_irq_line(struct vcpu *vcpu)
{
	unsigned int remote = atomic_load(&vcpu->line_remote);
	bool want;

	if (remote == atomic_load(&vcpu->line_confirmed))
		return;
	do {
		want = atomic_load(&vcpu->irq_wanted);
		vcpu_line_ioctl(vcpu, want);
	} while (atomic_load(&vcpu->irq_wanted) != want && !vm_is_stopping(vcpu->vm));
	atomic_store(&vcpu->line_confirmed, remote);
}

/*
 * Send the kick signal to the vCPU's thread, unless that is the caller (it
 * is handling an exit and sees immediate_exit anyway) or the thread is gone.
 * The lock keeps this from naming a thread that vcpu_join has reaped (other
 * vCPUs still send SGIs while the VM is torn down one vCPU at a time), and
 * from reading @thread before vcpu_start has stored it.
 */
static void vcpu_signal(struct vcpu *vcpu, bool count)
{
	pthread_mutex_lock(&vcpu->signal_lock);
	if (vcpu->thread_started && !pthread_equal(pthread_self(), vcpu->thread)) {
		if (count) {
			__atomic_fetch_add(&vcpu->stats.kicks, 1, __ATOMIC_RELAXED);
			if (vcpu->vm->trace)
				trace_record(vcpu->vm->trace, TRACE_KICK, vcpu->id, TRACE_NO_CPU, 0, 0);
		}
		pthread_kill(vcpu->thread, VCPU_KICK_SIGNAL);
	}
	pthread_mutex_unlock(&vcpu->signal_lock);
}

/*
 * Make the vCPU's thread come back from KVM_RUN: immediate_exit is seen by
 * a thread about to enter it, the signal gets one already inside. @count:
 * a kick for an interrupt, counted by --stats and --trace.
 */
static void vcpu_force_exit(struct vcpu *vcpu, bool count)
{
	if (!vcpu->run)
		return;
	__atomic_store_n(&vcpu->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
	vcpu_signal(vcpu, count);
}

void vcpu_set_irq_line(struct vcpu *vcpu, bool level)
{
	atomic_store(&vcpu->irq_wanted, level);
	if (vcpu->vm->irq_kick) {
		vcpu_force_exit(vcpu, true);
		return;
	}
	if (vcpu_current == vcpu) {
		vcpu_line_ioctl(vcpu, level);
		return;
	}
	/* --line-drop: lose the raise as KVM's race would; the repair must deliver it. */
	if (level && fault_chance(&vcpu->line_drop_rng, vcpu->vm->line_drop))
		__atomic_store_n(&vcpu->stats.line_dropped, vcpu->stats.line_dropped + 1, __ATOMIC_RELAXED);
	else
		vcpu_line_ioctl(vcpu, level);
	atomic_fetch_add(&vcpu->line_remote, 1);
	vm_wake_line_watch(vcpu->vm);
}

void vcpu_watch_irq_line(struct vcpu *vcpu)
{
	unsigned int confirmed = atomic_load(&vcpu->line_confirmed);
	bool pending = atomic_load(&vcpu->line_remote) != confirmed;

	if (pending && vcpu->watch_pending && confirmed == vcpu->watch_confirmed)
		vcpu_force_exit(vcpu, true);
	vcpu->watch_pending = pending;
	vcpu->watch_confirmed = confirmed;
}

/* Not a kick for an interrupt: --stats and --trace do not count it. */
void vcpu_ask_power_state(struct vcpu *vcpu, unsigned int round)
{
	atomic_store(&vcpu->power_asked, round);
	vcpu_force_exit(vcpu, false);
}

/*
 * Called after the run loop cleared immediate_exit: a question asked
 * after this read makes the next KVM_RUN return at once, so none is missed.
 * A powered-off vCPU sleeps inside KVM_RUN; the ask's signal gets it out.
 */
static void vcpu_answer_power_state(struct vcpu *vcpu)
{
	unsigned int round = atomic_load(&vcpu->power_asked);
	struct kvm_mp_state mp;

	if (round == atomic_load(&vcpu->power_answered))
		return;
	if (!ioctl(vcpu->fd, KVM_GET_MP_STATE, &mp))
		atomic_store(&vcpu->powered_off, mp.mp_state == KVM_MP_STATE_STOPPED);
	atomic_store(&vcpu->power_answered, round);
}

/* What a KVM_RUN return was, for --trace (the same classes as --stats). */
static enum stats_exit vcpu_exit_class(struct vcpu *vcpu, int ret)
{
	if (ret < 0)
		return STATS_EXIT_EINTR;
	switch (vcpu->run->exit_reason) {
	case KVM_EXIT_MMIO:		return stats_mmio_exit(vcpu->run->mmio.phys_addr);
	case KVM_EXIT_SYSTEM_EVENT:	return STATS_EXIT_SYSTEM_EVENT;
	case KVM_EXIT_INTR:		return STATS_EXIT_EINTR;
	default:			return STATS_EXIT_OTHER;
	}
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *vcpu = arg;
	struct trace *trace = vcpu->vm->trace;
	char why[128];
	sigset_t set;

	/* The main thread blocks every signal it waits for; the kick must get through. */
	sigemptyset(&set);
	sigaddset(&set, VCPU_KICK_SIGNAL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);

	vcpu_current = vcpu;
	/* Set the line once ourselves: a reset may have cleared it in KVM. */
	atomic_store(&vcpu->line_confirmed, atomic_load(&vcpu->line_remote) - 1);
	vcpu->irq_applied = !atomic_load(&vcpu->irq_wanted);
	while (!vm_is_stopping(vcpu->vm)) {
		int ret, saved_errno;

		__atomic_store_n(&vcpu->run->immediate_exit, 0, __ATOMIC_SEQ_CST);
		/* With KVM's GIC, KVM drives the line (and refuses KVM_IRQ_LINE of a CPU). */
		if (vcpu->vm->gic_fd < 0 && vcpu->vm->irq_kick)
			vcpu_apply_irq_line(vcpu);
		else if (vcpu->vm->gic_fd < 0)
			vcpu_confirm_irq_line(vcpu);
		vcpu_answer_power_state(vcpu);
		/* immediate_exit is clear: look again for a stop. */
		if (vm_is_stopping(vcpu->vm))
			break;
		if (trace)
			trace_record(trace, TRACE_RUN_ENTER, vcpu->id, TRACE_NO_CPU, 0, 0);
		ret = ioctl(vcpu->fd, KVM_RUN, 0);
		saved_errno = errno;
		if (trace)
			trace_record(trace, TRACE_RUN_EXIT, vcpu->id, TRACE_NO_CPU, 0,
				     vcpu_exit_class(vcpu, ret));

		/* KVM updates the timer levels on every return, EINTR included. */
		gic_sync_device_levels(vcpu->vm, vcpu);
		if (ret < 0) {
			if (saved_errno == EINTR || saved_errno == EAGAIN) {
				stats_count(&vcpu->stats.exits[STATS_EXIT_EINTR]);
				continue;
			}
			snprintf(why, sizeof(why), "vCPU %u: KVM_RUN failed: %s at pc 0x%llx", vcpu->id,
				 strerror(saved_errno), (unsigned long long)vcpu_read_pc(vcpu));
			if (vm_stop(vcpu->vm, VM_EXIT_ERROR, why))
				vcpu_show_registers(vcpu);
			break;
		}
		vcpu_handle_exit(vcpu);
	}
	return NULL;
}

int vcpu_start(struct vcpu *vcpu)
{
	int ret = 0;

	pthread_mutex_lock(&vcpu->signal_lock);
	if (pthread_create(&vcpu->thread, NULL, vcpu_thread, vcpu))
		ret = -1;
	else
		vcpu->thread_started = true;
	pthread_mutex_unlock(&vcpu->signal_lock);
	return ret;
}

void vcpu_kick(struct vcpu *vcpu)
{
	vcpu_force_exit(vcpu, true);
}

void vcpu_join(struct vcpu *vcpu)
{
	bool started;

	if (!vcpu->vm)
		return;		/* never initialised */
	/* No signal may name the thread once it can be reaped. */
	pthread_mutex_lock(&vcpu->signal_lock);
	started = vcpu->thread_started;
	vcpu->thread_started = false;
	pthread_mutex_unlock(&vcpu->signal_lock);
	if (started)
		pthread_join(vcpu->thread, NULL);
}

void vcpu_destroy(struct vcpu *vcpu)
{
	vcpu_join(vcpu);
	if (vcpu->run)
		munmap(vcpu->run, vcpu->vm->kvm.run_size);
	if (vcpu->fd > 0)
		close(vcpu->fd);
	vcpu->run = NULL;
	vcpu->fd = -1;
	pthread_mutex_destroy(&vcpu->signal_lock);
}

static void vcpu_kick_handler(int sig)
{
}

void vcpu_setup_kick_signal(void)
{
	struct sigaction sa = { .sa_handler = vcpu_kick_handler };

	/* No SA_RESTART: the point is to make KVM_RUN return EINTR. */
	sigemptyset(&sa.sa_mask);
	sigaction(VCPU_KICK_SIGNAL, &sa, NULL);
}
