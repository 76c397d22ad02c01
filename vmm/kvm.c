// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "vmm/kvm.h"

static const struct {
	int cap;
	const char *name;
	bool user_gic_only;
} required_caps[] = {
	{ KVM_CAP_ARM_USER_IRQ, "KVM_CAP_ARM_USER_IRQ (timer levels for a userspace GIC)", true },
	{ KVM_CAP_ARM_PSCI_0_2, "KVM_CAP_ARM_PSCI_0_2", false },
	{ KVM_CAP_IMMEDIATE_EXIT, "KVM_CAP_IMMEDIATE_EXIT", false },
	{ KVM_CAP_USER_MEMORY, "KVM_CAP_USER_MEMORY", false },
	{ KVM_CAP_ONE_REG, "KVM_CAP_ONE_REG", false },
};

int kvm_init(struct kvm *kvm, bool user_gic, char *err, size_t errlen)
{
	int ret;

	memset(kvm, 0, sizeof(*kvm));
	kvm->vm_fd = -1;
	kvm->sys_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm->sys_fd < 0) {
		snprintf(err, errlen, "cannot open /dev/kvm: %s", strerror(errno));
		return -1;
	}
	ret = ioctl(kvm->sys_fd, KVM_GET_API_VERSION, 0);
	if (ret != KVM_API_VERSION) {
		snprintf(err, errlen, "/dev/kvm has API version %d, minivmm needs %d",
			 ret, KVM_API_VERSION);
		return -1;
	}
	for (size_t i = 0; i < sizeof(required_caps) / sizeof(required_caps[0]); i++) {
		if (required_caps[i].user_gic_only && !user_gic)
			continue;
		if (ioctl(kvm->sys_fd, KVM_CHECK_EXTENSION, required_caps[i].cap) <= 0) {
			snprintf(err, errlen, "KVM lacks %s", required_caps[i].name);
			return -1;
		}
	}
	ret = ioctl(kvm->sys_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (ret <= 0) {
		snprintf(err, errlen, "KVM_GET_VCPU_MMAP_SIZE: %s", strerror(errno));
		return -1;
	}
	kvm->run_size = ret;

	/* Type 0: the default 40-bit IPA space, enough for MEMMAP_RAM_MAX. */
	do
		kvm->vm_fd = ioctl(kvm->sys_fd, KVM_CREATE_VM, 0);
	while (kvm->vm_fd < 0 && errno == EINTR);
	if (kvm->vm_fd < 0) {
		snprintf(err, errlen, "KVM_CREATE_VM: %s", strerror(errno));
		return -1;
	}

	/*
	 * Without this, a guest MMIO access KVM cannot decode (ldp/stp,
	 * writeback) makes KVM_RUN fail with ENOSYS and no address; with it we
	 * get the address and can say what went wrong.
	 */
	if (ioctl(kvm->vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_NISV_TO_USER) > 0) {
		struct kvm_enable_cap cap = { .cap = KVM_CAP_ARM_NISV_TO_USER };

		kvm->nisv_to_user = ioctl(kvm->vm_fd, KVM_ENABLE_CAP, &cap) == 0;
	}
	return 0;
}

/* Anonymous memory at a 2 MiB boundary (huge pages need it): map more, trim. */
#define KVM_RAM_ALIGN	(2ULL << 20)

static void *kvm_map_aligned(uint64_t size)
{
	uint8_t *p = mmap(NULL, size + KVM_RAM_ALIGN, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uint8_t *ram;

	if (p == MAP_FAILED)
		return NULL;
	ram = (uint8_t *)(((uintptr_t)p + KVM_RAM_ALIGN - 1) & ~(uintptr_t)(KVM_RAM_ALIGN - 1));
	if (ram > p)
		munmap(p, ram - p);
	munmap(ram + size, p + KVM_RAM_ALIGN - ram);
	return ram;
}

int kvm_add_ram(struct kvm *kvm, uint64_t base, uint64_t size, bool thp, char *err, size_t errlen)
{
	struct kvm_userspace_memory_region region;
	void *ram;

	ram = kvm_map_aligned(size);
	if (!ram) {
		snprintf(err, errlen, "cannot allocate %llu MiB of guest RAM: %s",
			 (unsigned long long)(size >> 20), strerror(errno));
		return -1;
	}
	/*
	 * Off asks for small pages even where the host's THP mode is "always"
	 * (Debian's default), so the two can be compared. EINVAL without THP
	 * in the host kernel: small pages either way.
	 */
	madvise(ram, size, thp ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
	region = (struct kvm_userspace_memory_region) {
		.slot = 0,
		.guest_phys_addr = base,
		.memory_size = size,
		.userspace_addr = (uintptr_t)ram,
	};
	if (ioctl(kvm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		snprintf(err, errlen, "KVM_SET_USER_MEMORY_REGION (%llu MiB at 0x%llx): %s",
			 (unsigned long long)(size >> 20), (unsigned long long)base,
			 strerror(errno));
		munmap(ram, size);
		return -1;
	}
	kvm->ram = ram;
	kvm->ram_base = base;
	kvm->ram_size = size;
	return 0;
}

void *kvm_gpa_to_hva(struct kvm *kvm, uint64_t gpa, uint64_t len)
{
	if (gpa < kvm->ram_base || len > kvm->ram_size ||
	    gpa - kvm->ram_base > kvm->ram_size - len)
		return NULL;
	return kvm->ram + (gpa - kvm->ram_base);
}

int kvm_irq_line(struct kvm *kvm, unsigned int cpu, bool level)
{
	struct kvm_irq_level irq = {
		.irq = (KVM_ARM_IRQ_TYPE_CPU << KVM_ARM_IRQ_TYPE_SHIFT) |
		       (cpu << KVM_ARM_IRQ_VCPU_SHIFT) | KVM_ARM_IRQ_CPU_IRQ,
		.level = level,
	};

	return ioctl(kvm->vm_fd, KVM_IRQ_LINE, &irq);
}

void kvm_exit(struct kvm *kvm)
{
	if (kvm->ram)
		munmap(kvm->ram, kvm->ram_size);
	if (kvm->vm_fd >= 0)
		close(kvm->vm_fd);
	if (kvm->sys_fd >= 0)
		close(kvm->sys_fd);
	kvm->ram = NULL;
	kvm->vm_fd = kvm->sys_fd = -1;
}
