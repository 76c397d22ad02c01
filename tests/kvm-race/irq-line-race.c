// SPDX-License-Identifier: GPL-2.0
/*
 * irq-line-race: can a KVM_IRQ_LINE issued by a thread other than the
 * vCPU's own be lost? (docs/kvm-irq-line-race.md tells the story.)
 *
 * A one-vCPU VM with no in-kernel GIC runs a guest that writes to an
 * unmapped address in a loop (each write is an MMIO exit, so the vCPU's
 * thread re-enters KVM_RUN, and KVM reloads the vCPU, all the time) with
 * IRQs unmasked; its IRQ handler writes to another address (the ack). The
 * main thread raises the vCPU's IRQ line N times, each time waiting for the
 * ack; the vCPU's thread lowers the line when the ack arrives.
 *
 * A raise that took effect is taken at the next entry to the guest: the
 * guest does nothing between two exits but the store. So when the guest
 * has made LOST_AFTER_TICKS more loop exits after the ioctl returned and
 * no ack came, KVM's line is low although the ioctl set it: the raise was
 * lost. The line is then raised again by the vCPU's own thread, and the
 * run goes on.
 *
 * Modes:
 *   direct  the main thread calls KVM_IRQ_LINE itself (QEMU's
 *           kernel-irqchip=off does this from its I/O and vCPU threads);
 *   owner   the main thread records the level, sets immediate_exit and
 *           signals the vCPU's thread, which calls KVM_IRQ_LINE itself
 *           before it re-enters (minivmm's --irq-inject=kick).
 *
 * Usage: irq-line-race [--mode=direct|owner] [-n RAISES] [-t SECONDS]
 * Exit status: 0 no raise lost, 1 some lost, 2 could not run.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/kvm.h>

#define RAM_BASE	0x40000000ull
#define RAM_SIZE	0x10000ull
#define TICK_ADDR	0x10000000ull	/* the guest's loop: one exit per store */
#define ACK_ADDR	0x20000000ull	/* the IRQ handler's store */
#define FAULT_ADDR	0x30000000ull	/* any other exception */
#define LATE_AFTER_TICKS 4
#define LOST_AFTER_TICKS 1000

/*
 * The guest, position independent, copied to RAM_BASE. The vector table
 * must be 2 KiB aligned: the code is, and the table sits 2 KiB into it.
 */
extern const char guest_code[], guest_code_end[];
__asm__(
	".pushsection .rodata.guest, \"a\"\n"
	/* Global: GOT references to local labels of one section lose their offsets. */
	".global guest_code, guest_code_end\n"
	".hidden guest_code, guest_code_end\n"
	".balign 2048\n"
	"guest_code:\n"
	"	adr	x0, guest_vectors\n"
	"	msr	vbar_el1, x0\n"
	"	isb\n"
	"	mov	x1, #0x10000000\n"	/* TICK_ADDR */
	"	mov	x2, #0x20000000\n"	/* ACK_ADDR */
	"	mov	x3, #0x30000000\n"	/* FAULT_ADDR */
	"	msr	daifclr, #2\n"		/* unmask IRQs */
	"1:	str	wzr, [x1]\n"
	"	b	1b\n"
	".balign 2048\n"
	"guest_vectors:\n"			/* 16 entries of 128 bytes */
	".rept 5\n"				/* EL1t, and EL1h synchronous */
	"	str	wzr, [x3]\n"
	"	b	.\n"
	"	.balign 128\n"
	".endr\n"
	"	str	wzr, [x2]\n"		/* EL1h IRQ: the ack, then back */
	"	eret\n"
	"	.balign 128\n"
	".rept 10\n"
	"	str	wzr, [x3]\n"
	"	b	.\n"
	"	.balign 128\n"
	".endr\n"
	"guest_code_end:\n"
	".popsection\n");

enum mode { MODE_DIRECT, MODE_OWNER };

struct race {
	int vm_fd, vcpu_fd;
	struct kvm_run *run;
	pthread_t thread;
	enum mode mode;
	atomic_ulong ticks;		/* loop exits seen by the vCPU's thread */
	atomic_ulong acks;		/* IRQs the guest took */
	atomic_bool want;		/* owner mode, and recovery: the line to apply */
	atomic_bool apply;		/* the vCPU's thread must apply @want */
	atomic_bool stop;
	atomic_int error;		/* set by the vCPU's thread: why it stopped */
	unsigned long long reentries;
};

static void die(const char *what)
{
	fprintf(stderr, "irq-line-race: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int irq_line(struct race *r, bool level)
{
	struct kvm_irq_level irq = {
		.irq = (KVM_ARM_IRQ_TYPE_CPU << KVM_ARM_IRQ_TYPE_SHIFT) | KVM_ARM_IRQ_CPU_IRQ,
		.level = level,
	};

	return ioctl(r->vm_fd, KVM_IRQ_LINE, &irq);
}

static void on_kick(int sig)
{
	(void)sig;
}

static void *vcpu_thread(void *arg)
{
	struct race *r = arg;

	while (!atomic_load(&r->stop)) {
		__atomic_store_n(&r->run->immediate_exit, 0, __ATOMIC_SEQ_CST);
		if (atomic_exchange(&r->apply, false) && irq_line(r, atomic_load(&r->want)) < 0) {
			atomic_store(&r->error, errno);
			break;
		}
		r->reentries++;
		if (ioctl(r->vcpu_fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			atomic_store(&r->error, errno);
			break;
		}
		if (r->run->exit_reason != KVM_EXIT_MMIO || r->run->mmio.phys_addr == FAULT_ADDR) {
			atomic_store(&r->error, -1);
			break;
		}
		if (r->run->mmio.phys_addr == TICK_ADDR) {
			atomic_fetch_add(&r->ticks, 1);
		} else if (r->run->mmio.phys_addr == ACK_ADDR) {
			/* Lowered by the owner: no race on this side. */
			if (irq_line(r, false) < 0) {
				atomic_store(&r->error, errno);
				break;
			}
			atomic_fetch_add(&r->acks, 1);
		}
	}
	atomic_store(&r->stop, true);
	return NULL;
}

/* Ask the vCPU's thread to set the line itself, and make it come out. */
static void owner_apply(struct race *r, bool level)
{
	atomic_store(&r->want, level);
	atomic_store(&r->apply, true);
	__atomic_store_n(&r->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
	pthread_kill(r->thread, SIGUSR1);
}

static void stop_vcpu(struct race *r)
{
	atomic_store(&r->stop, true);
	__atomic_store_n(&r->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
	pthread_kill(r->thread, SIGUSR1);
	pthread_join(r->thread, NULL);
}

#define PC_REG (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
		(offsetof(struct kvm_regs, regs.pc) / sizeof(__u32)))

#define ELR_REG (KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE | \
		 (offsetof(struct kvm_regs, elr_el1) / sizeof(__u32)))

static uint64_t read_reg(struct race *r, uint64_t id)
{
	uint64_t value = 0;
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&value };

	ioctl(r->vcpu_fd, KVM_GET_ONE_REG, &reg);
	return value;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void setup(struct race *r)
{
	struct kvm_userspace_memory_region region;
	struct kvm_vcpu_init init;
	struct kvm_one_reg reg;
	uint64_t pc = RAM_BASE;
	int kvm, run_size;
	void *ram;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		die("/dev/kvm");
	r->vm_fd = ioctl(kvm, KVM_CREATE_VM, 0);
	if (r->vm_fd < 0)
		die("KVM_CREATE_VM");
	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		die("mmap");
	memcpy(ram, guest_code, guest_code_end - guest_code);
	region = (struct kvm_userspace_memory_region){
		.slot = 0, .guest_phys_addr = RAM_BASE, .memory_size = RAM_SIZE,
		.userspace_addr = (uintptr_t)ram,
	};
	if (ioctl(r->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		die("KVM_SET_USER_MEMORY_REGION");
	r->vcpu_fd = ioctl(r->vm_fd, KVM_CREATE_VCPU, 0);
	if (r->vcpu_fd < 0)
		die("KVM_CREATE_VCPU");
	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < 0)
		die("KVM_GET_VCPU_MMAP_SIZE");
	r->run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, r->vcpu_fd, 0);
	if (r->run == MAP_FAILED)
		die("mmap kvm_run");
	if (ioctl(r->vm_fd, KVM_ARM_PREFERRED_TARGET, &init) < 0)
		die("KVM_ARM_PREFERRED_TARGET");
	if (ioctl(r->vcpu_fd, KVM_ARM_VCPU_INIT, &init) < 0)
		die("KVM_ARM_VCPU_INIT");
	reg.id = PC_REG;
	reg.addr = (uintptr_t)&pc;
	if (ioctl(r->vcpu_fd, KVM_SET_ONE_REG, &reg) < 0)
		die("setting the PC");
}

static void usage(void)
{
	fprintf(stderr, "usage: irq-line-race [--mode=direct|owner] [-n RAISES] [-t SECONDS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	struct race r = { .mode = MODE_DIRECT };
	unsigned long raises = 100000, done = 0, lost = 0, seed = 1;
	double limit = 600, t0, raised;
	unsigned long late = 0;
	bool is_late, is_lost;
	struct sigaction sa = { .sa_handler = on_kick };
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "n:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (!strcmp(optarg, "direct"))
				r.mode = MODE_DIRECT;
			else if (!strcmp(optarg, "owner"))
				r.mode = MODE_OWNER;
			else
				usage();
			break;
		case 'n':
			raises = strtoul(optarg, &end, 10);
			if (*end || !raises)
				usage();
			break;
		case 't':
			limit = strtod(optarg, &end);
			if (*end || limit <= 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	sigaction(SIGUSR1, &sa, NULL);
	setup(&r);
	if (pthread_create(&r.thread, NULL, vcpu_thread, &r))
		die("pthread_create");

	t0 = now();
	while (done < raises && !atomic_load(&r.stop) && now() - t0 < limit) {
		unsigned long acks = atomic_load(&r.acks), ticks;
		unsigned int spin;

		/* A varying delay, so the raise lands at every point of the vCPU's loop. */
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		for (spin = (seed >> 33) % 2000; spin; spin--)
			__asm__ volatile("" ::: "memory");
		if (r.mode == MODE_DIRECT) {
			if (irq_line(&r, true) < 0)
				die("KVM_IRQ_LINE");
		} else {
			owner_apply(&r, true);
		}
		ticks = atomic_load(&r.ticks);
		raised = now();
		is_late = is_lost = false;
		while (atomic_load(&r.acks) == acks && !atomic_load(&r.stop)) {
			unsigned long loops = atomic_load(&r.ticks) - ticks;

			if (loops >= LATE_AFTER_TICKS && !is_late) {
				is_late = true;
				late++;
			}
			if (loops >= LOST_AFTER_TICKS && !is_lost) {
				/* Lost: the guest ran on with the line low. Raise it properly. */
				is_lost = true;
				lost++;
				fprintf(stderr, "irq-line-race: raise %lu lost (guest looped %d times "
					"without taking it)\n", done + 1, LOST_AFTER_TICKS);
				owner_apply(&r, true);
			}
			if (now() - raised > 10) {
				stop_vcpu(&r);
				fprintf(stderr, "irq-line-race: raise %lu: no IRQ taken in 10 s (%lu acks, "
					"%lu loop exits, %llu entries, guest pc 0x%llx, esr 0x%llx, elr 0x%llx); stuck\n",
					done + 1, atomic_load(&r.acks), atomic_load(&r.ticks), r.reentries,
					(unsigned long long)read_reg(&r, PC_REG),
					(unsigned long long)read_reg(&r, ARM64_SYS_REG(3, 0, 5, 2, 0)),
					(unsigned long long)read_reg(&r, ELR_REG));
				return 2;
			}
		}
		done++;
	}
	stop_vcpu(&r);
	if (atomic_load(&r.error)) {
		int e = atomic_load(&r.error);

		fprintf(stderr, "irq-line-race: the vCPU stopped: %s (exit reason %u, "
			"guest pc 0x%llx, esr 0x%llx, elr 0x%llx)\n",
			e < 0 ? "unexpected exit or guest exception" : strerror(e), r.run->exit_reason,
			(unsigned long long)read_reg(&r, PC_REG),
			(unsigned long long)read_reg(&r, ARM64_SYS_REG(3, 0, 5, 2, 0)),
			(unsigned long long)read_reg(&r, ELR_REG));
		return 2;
	}
	printf("irq-line-race: mode %s: %lu raises, %lu lost, %lu late, %llu KVM_RUN entries, %.1f s\n",
	       r.mode == MODE_DIRECT ? "direct" : "owner", done, lost, late, r.reentries, now() - t0);
	return lost ? 1 : 0;
}
