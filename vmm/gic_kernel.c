// SPDX-License-Identifier: GPL-2.0
/*
 * --irqchip=kernel: KVM's in-kernel vGICv2 at the same addresses as our own
 * (the comparison point for the userspace GIC). KVM then handles every GIC
 * access and the timer PPIs itself; minivmm only drives the UART's SPI.
 *
 * Order (KVM's rules): the device is created before the vCPUs, its
 * addresses and interrupt count set, and it is initialised after every vCPU
 * exists and before any has run.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kvm.h>

#include "vmm/gic.h"
#include "vmm/memmap.h"
#include "vmm/vm.h"

static int set_attr(int fd, uint32_t group, uint64_t attr, void *addr)
{
	struct kvm_device_attr a = { .group = group, .attr = attr, .addr = (uintptr_t)addr };

	return ioctl(fd, KVM_SET_DEVICE_ATTR, &a);
}

int gic_kernel_create(struct vm *vm, char *err, size_t errlen)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V2 };
	uint64_t dist = MEMMAP_GICD_BASE, cpu = MEMMAP_GICC_BASE;
	uint32_t nr_irqs = 32 + GIC_NR_SPIS;

	if (ioctl(vm->kvm.vm_fd, KVM_CREATE_DEVICE, &cd) < 0) {
		snprintf(err, errlen, "--irqchip=kernel: KVM cannot create a GICv2 (%s); a GICv3 host "
			 "needs GICv2 compatibility for it; --irqchip=user works anywhere", strerror(errno));
		return -1;
	}
	vm->gic_fd = cd.fd;
	if (set_attr(cd.fd, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V2_ADDR_TYPE_DIST, &dist) ||
	    set_attr(cd.fd, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V2_ADDR_TYPE_CPU, &cpu) ||
	    set_attr(cd.fd, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs)) {
		snprintf(err, errlen, "--irqchip=kernel: configuring KVM's GICv2: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int gic_kernel_init(struct vm *vm, char *err, size_t errlen)
{
	if (set_attr(vm->gic_fd, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL)) {
		snprintf(err, errlen, "--irqchip=kernel: initialising KVM's GICv2: %s", strerror(errno));
		return -1;
	}
	/* KVM wires each vCPU's PMU to its own GIC only once that is initialised. */
	for (unsigned int i = 0; i < vm->nr_cpus; i++)
		if (cpu_features_pmu_init(&vm->cpu_features, vm->vcpus[i].fd, MEMMAP_PMU_INTID,
					  err, errlen))
			return -1;
	return 0;
}

/* An SPI's level, through KVM_IRQ_LINE (SPI type: the INTID itself). Any thread. */
int gic_kernel_set_spi(struct vm *vm, unsigned int spi, bool level)
{
	struct kvm_irq_level irq = {
		.irq = (KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT) | (32 + spi),
		.level = level,
	};

	return ioctl(vm->kvm.vm_fd, KVM_IRQ_LINE, &irq);
}

void gic_kernel_teardown(struct vm *vm)
{
	if (vm->gic_fd >= 0)
		close(vm->gic_fd);
	vm->gic_fd = -1;
}
