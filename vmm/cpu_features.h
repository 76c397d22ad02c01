/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Optional vCPU features, like QEMU's -cpu host: every one KVM offers is
 * asked for unless the user turns it off (--no-pmu, --no-sve, --no-pauth);
 * forcing one on (--pmu, --sve, --pauth) on a host without it is an error.
 */
#ifndef MINIVMM_CPU_FEATURES_H
#define MINIVMM_CPU_FEATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct kvm_vcpu_init;

enum cpu_feature {
	CPU_FEATURE_PMU,	/* PMUv3; overflow interrupt on PPI 7 (INTID 23) */
	CPU_FEATURE_SVE,	/* SVE, KVM's default vector lengths */
	CPU_FEATURE_PAUTH,	/* pointer authentication, address and generic */
	CPU_NR_FEATURES,
};

enum cpu_feature_choice {
	CPU_FEATURE_AUTO,	/* on when the host has it (the default) */
	CPU_FEATURE_ON,		/* --pmu etc.: an error when the host lacks it */
	CPU_FEATURE_OFF,	/* --no-pmu etc. */
};

struct cpu_features {
	enum cpu_feature_choice choice[CPU_NR_FEATURES];	/* from the options */
	bool host_has[CPU_NR_FEATURES];	/* KVM's capabilities on this VM */
	bool on[CPU_NR_FEATURES];	/* asked for on every vCPU */
};

/* "pmu", "sve", "pauth": the option names without --/--no-. */
const char *cpu_feature_name(enum cpu_feature f);

/*
 * Read KVM's capabilities on @vm_fd and decide @cf->on from @cf->choice.
 * Returns 0, or -1 with a one-line @err when a forced feature is missing.
 */
int cpu_features_resolve(struct cpu_features *cf, int vm_fd, char *err, size_t errlen);

/* Without KVM (--dump-dtb on a machine without it): only forced features. */
void cpu_features_assume(struct cpu_features *cf);

/* Set the feature bits of KVM_ARM_VCPU_INIT. */
void cpu_features_vcpu_init(const struct cpu_features *cf, struct kvm_vcpu_init *init);

/* After KVM_ARM_VCPU_INIT: fix the SVE configuration (KVM_ARM_VCPU_FINALIZE). */
int cpu_features_vcpu_finalize(const struct cpu_features *cf, int vcpu_fd,
			       char *err, size_t errlen);

/*
 * Create the vCPU's PMU. With KVM's in-kernel GIC, @intid is its overflow
 * interrupt and the GIC must be initialised already; with minivmm's GIC,
 * @intid is 0 and KVM reports the overflow line in device_irq_level.
 */
int cpu_features_pmu_init(const struct cpu_features *cf, int vcpu_fd, unsigned int intid,
			  char *err, size_t errlen);

/* --cpu-features: one line per feature, whether it is on and why. */
void cpu_features_print(const struct cpu_features *cf, FILE *out);

#endif
