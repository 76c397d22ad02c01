/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Glue between the vgic model and KVM: the GICD and GICC windows on the MMIO
 * bus, CPU IRQ outputs to KVM_IRQ_LINE, and KVM's timer levels to PPIs. Or,
 * with --irqchip=kernel, KVM's own vGICv2 instead (gic_kernel.c).
 */
#ifndef MINIVMM_GIC_H
#define MINIVMM_GIC_H

#include <stdbool.h>
#include <stddef.h>

struct vm;
struct vcpu;
struct fault_config;

#define GIC_NR_SPIS 32	/* INTIDs 32..63: the UART and room for more devices */

/* The GIC, and the SGI fault injector when @faults has rules. */
int gic_setup(struct vm *vm, const struct fault_config *faults, char *err, size_t errlen);

/* Pass KVM's device_irq_level (timers, PMU overflow) of @vcpu to the GIC when it changed. */
void gic_sync_device_levels(struct vm *vm, struct vcpu *vcpu);

/* --reboot: minivmm's GIC back to its power-on state (every vCPU stopped). */
void gic_reset(struct vm *vm);

void gic_teardown(struct vm *vm);

/* An SPI's input level (0-based SPI number), to whichever GIC the VM has. */
void gic_set_spi(struct vm *vm, unsigned int spi, bool level);

/* --irqchip=kernel (gic_kernel.c): create before the vCPUs, init after them. */
int gic_kernel_create(struct vm *vm, char *err, size_t errlen);
int gic_kernel_init(struct vm *vm, char *err, size_t errlen);
int gic_kernel_set_spi(struct vm *vm, unsigned int spi, bool level);
void gic_kernel_teardown(struct vm *vm);

#endif
