/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Glue between the vgic model and KVM: the GICD and GICC windows on the MMIO
 * bus, CPU IRQ outputs to KVM_IRQ_LINE, and KVM's timer levels to PPIs.
 */
#ifndef MINIVMM_GIC_H
#define MINIVMM_GIC_H

#include <stddef.h>

struct vm;
struct vcpu;
struct fault_config;

#define GIC_NR_SPIS 32	/* INTIDs 32..63: the UART and room for more devices */

/* The GIC, and the SGI fault injector when @faults has rules. */
int gic_setup(struct vm *vm, const struct fault_config *faults, char *err, size_t errlen);

/* Pass KVM's device_irq_level (timers) of @vcpu to the GIC when it changed. */
void gic_sync_device_levels(struct vm *vm, struct vcpu *vcpu);

void gic_teardown(struct vm *vm);

#endif
