// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/kvm.h>

#include "vgic/gicv2_regs.h"
#include "vgic/vgic.h"
#include "vmm/fault.h"
#include "vmm/gic.h"
#include "vmm/memmap.h"
#include "vmm/trace.h"
#include "vmm/vm.h"

/* Called under the vgic's lock for @cpu, in order, from any thread. */
static void gic_line(void *opaque, unsigned int cpu, bool level)
{
	struct vm *vm = opaque;

	vcpu_set_irq_line(&vm->vcpus[cpu], level);
}

static void gic_event(void *opaque, const struct vgic_event *ev)
{
	struct vm *vm = opaque;

	trace_gic_event(vm->trace, ev);
}

static void gic_report(void *opaque, unsigned int cpu, const char *msg)
{
	fprintf(stderr, "minivmm: vCPU %u: GIC: %s\n", cpu, msg);
}

static void gic_dist_mmio(void *opaque, unsigned int cpu, uint64_t offset,
			  unsigned int len, bool is_write, uint64_t *data)
{
	struct vm *vm = opaque;
	uint32_t value = *data;

	if (is_write) {
		/* One pointer test when injection is off. */
		if (vm->fault && offset == GICD_SGIR && len == 4 && fault_sgir(vm->fault, cpu, value))
			return;
		vgic_dist_write(vm->vgic, cpu, offset, len, value);
	} else {
		vgic_dist_read(vm->vgic, cpu, offset, len, &value);
		*data = value;
	}
}

static void gic_cpu_mmio(void *opaque, unsigned int cpu, uint64_t offset,
			 unsigned int len, bool is_write, uint64_t *data)
{
	uint32_t value = *data;

	if (is_write) {
		vgic_cpu_write(opaque, cpu, offset, len, value);
	} else {
		vgic_cpu_read(opaque, cpu, offset, len, &value);
		*data = value;
	}
}

int gic_setup(struct vm *vm, const struct fault_config *faults, char *err, size_t errlen)
{
	struct vgic_config cfg = {
		.nr_cpus = vm->nr_cpus,
		.nr_spis = GIC_NR_SPIS,
		.line = gic_line,
		.report = gic_report,
		.event = vm->trace ? gic_event : NULL,
		.opaque = vm,
	};

	if (vm->gic_fd >= 0)
		return gic_kernel_init(vm, err, errlen);	/* created before the vCPUs */

	vm->vgic = vgic_create(&cfg);
	if (!vm->vgic) {
		snprintf(err, errlen, "cannot create the GIC model for %u CPUs", vm->nr_cpus);
		return -1;
	}
	if (mmio_bus_register(&vm->mmio, MEMMAP_GICD_BASE, MEMMAP_GICD_SIZE,
			      gic_dist_mmio, vm, "gicd") ||
	    mmio_bus_register(&vm->mmio, MEMMAP_GICC_BASE, MEMMAP_GICC_SIZE,
			      gic_cpu_mmio, vm->vgic, "gicc")) {
		snprintf(err, errlen, "cannot map the GIC on the MMIO bus");
		return -1;
	}
	vm->fault = fault_create(faults, vm->vgic, vm->trace, vm->nr_cpus, err, errlen);
	return faults->nr_rules && !vm->fault ? -1 : 0;
}

void gic_sync_device_levels(struct vm *vm, struct vcpu *vcpu)
{
	uint64_t now = vcpu->run->s.regs.device_irq_level;
	uint64_t changed = now ^ vcpu->device_irq_level;

	if (!changed || !vm->vgic)
		return;		/* nothing new, or the in-kernel GIC has the timers */
	vcpu->device_irq_level = now;
	if (changed & KVM_ARM_DEV_EL1_VTIMER)
		vgic_set_level(vm->vgic, MEMMAP_TIMER_VIRT_INTID, vcpu->id,
			       now & KVM_ARM_DEV_EL1_VTIMER);
	if (changed & KVM_ARM_DEV_EL1_PTIMER)
		vgic_set_level(vm->vgic, MEMMAP_TIMER_PHYS_INTID, vcpu->id,
			       now & KVM_ARM_DEV_EL1_PTIMER);
	if (changed & KVM_ARM_DEV_PMU)
		vgic_set_level(vm->vgic, MEMMAP_PMU_INTID, vcpu->id, now & KVM_ARM_DEV_PMU);
}

void gic_set_spi(struct vm *vm, unsigned int spi, bool level)
{
	if (vm->vgic)
		vgic_set_level(vm->vgic, VGIC_NR_PRIVATE + spi, 0, level);
	else if (gic_kernel_set_spi(vm, spi, level))
		fprintf(stderr, "minivmm: KVM_IRQ_LINE for SPI %u: %s\n", spi, strerror(errno));
}

void gic_reset(struct vm *vm)
{
	if (vm->vgic)
		vgic_reset(vm->vgic);
}

void gic_teardown(struct vm *vm)
{
	gic_kernel_teardown(vm);
	fault_destroy(vm->fault);	/* its thread writes to the vgic */
	vm->fault = NULL;
	if (vm->vgic)
		vgic_destroy(vm->vgic);
	vm->vgic = NULL;
}
