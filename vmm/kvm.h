/* SPDX-License-Identifier: GPL-2.0 */
/* The KVM system and VM file descriptors, guest RAM, and the vCPU IRQ line. */
#ifndef MINIVMM_KVM_H
#define MINIVMM_KVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kvm {
	int sys_fd;		/* /dev/kvm */
	int vm_fd;
	size_t run_size;	/* mmap size of each vCPU's struct kvm_run */
	uint8_t *ram;		/* host mapping of guest RAM */
	uint64_t ram_base, ram_size;
	bool nisv_to_user;	/* undecodable MMIO accesses exit to us */
};

/*
 * Open /dev/kvm, check the API version and the capabilities minivmm needs
 * (with @user_gic, those of a userspace GIC too), create the VM. Returns 0,
 * or -1 with a one-line @err naming what is missing.
 */
int kvm_init(struct kvm *kvm, bool user_gic, char *err, size_t errlen);

/*
 * Map anonymous memory as guest RAM at @base, 2 MiB aligned. With @thp,
 * advise transparent huge pages on it (where the host has them): one
 * stage-2 fault then maps 2 MiB of the guest instead of one 4 KiB page.
 * Without, advise against them.
 * Returns 0 or -1 with @err.
 */
int kvm_add_ram(struct kvm *kvm, uint64_t base, uint64_t size, bool thp, char *err, size_t errlen);

/*
 * Host pointer for guest physical [gpa, gpa + len), or NULL when that range
 * is not entirely inside guest RAM.
 */
void *kvm_gpa_to_hva(struct kvm *kvm, uint64_t gpa, uint64_t len);

/* Drive vCPU @cpu's IRQ input (KVM_IRQ_LINE, CPU type). Any thread may call it. */
int kvm_irq_line(struct kvm *kvm, unsigned int cpu, bool level);

void kvm_exit(struct kvm *kvm);

#endif
