// SPDX-License-Identifier: GPL-2.0
/*
 * Optional vCPU features (see cpu_features.h). KVM's rules, as of Linux 6.1:
 * the feature bits go into KVM_ARM_VCPU_INIT; pointer authentication needs
 * both the address and the generic bit or neither; an SVE vCPU must be
 * finalized before its registers are read or it runs; a PMU vCPU must have
 * its PMU created (KVM_ARM_VCPU_PMU_V3_INIT) before it runs, after the
 * in-kernel GIC is initialised when there is one, and without an interrupt
 * number when there is none.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/kvm.h>

#include "vmm/cpu_features.h"
#include "vmm/errmsg.h"

static const struct {
	const char *name;
	const char *what;
	int caps[2];		/* all needed; 0 ends the list */
	const char *cap_names;
} features[CPU_NR_FEATURES] = {
	[CPU_FEATURE_PMU] = { "pmu", "PMUv3, overflow interrupt on PPI 7 (INTID 23)",
			      { KVM_CAP_ARM_PMU_V3 }, "KVM_CAP_ARM_PMU_V3" },
	[CPU_FEATURE_SVE] = { "sve", "SVE, KVM's default vector lengths",
			      { KVM_CAP_ARM_SVE }, "KVM_CAP_ARM_SVE" },
	[CPU_FEATURE_PAUTH] = { "pauth", "pointer authentication, address and generic",
				{ KVM_CAP_ARM_PTRAUTH_ADDRESS, KVM_CAP_ARM_PTRAUTH_GENERIC },
				"KVM_CAP_ARM_PTRAUTH_ADDRESS and _GENERIC" },
};

const char *cpu_feature_name(enum cpu_feature f)
{
	return features[f].name;
}

static bool host_has(int vm_fd, enum cpu_feature f)
{
	for (size_t i = 0; i < 2 && features[f].caps[i]; i++)
		if (ioctl(vm_fd, KVM_CHECK_EXTENSION, features[f].caps[i]) <= 0)
			return false;
	return true;
}

int cpu_features_resolve(struct cpu_features *cf, int vm_fd, char *err, size_t errlen)
{
	for (int f = 0; f < CPU_NR_FEATURES; f++) {
		cf->host_has[f] = host_has(vm_fd, f);
		if (cf->choice[f] == CPU_FEATURE_ON && !cf->host_has[f])
			return errmsg(err, errlen, "--%s: this host's KVM cannot give a vCPU %s (no %s)",
				      features[f].name, features[f].what, features[f].cap_names);
		cf->on[f] = cf->choice[f] != CPU_FEATURE_OFF && cf->host_has[f];
	}
	return 0;
}

void cpu_features_assume(struct cpu_features *cf)
{
	for (int f = 0; f < CPU_NR_FEATURES; f++) {
		cf->host_has[f] = false;
		cf->on[f] = cf->choice[f] == CPU_FEATURE_ON;
	}
}

void cpu_features_vcpu_init(const struct cpu_features *cf, struct kvm_vcpu_init *init)
{
	if (cf->on[CPU_FEATURE_PMU])
		init->features[0] |= 1u << KVM_ARM_VCPU_PMU_V3;
	if (cf->on[CPU_FEATURE_SVE])
		init->features[0] |= 1u << KVM_ARM_VCPU_SVE;
	if (cf->on[CPU_FEATURE_PAUTH])
		init->features[0] |= 1u << KVM_ARM_VCPU_PTRAUTH_ADDRESS |
				     1u << KVM_ARM_VCPU_PTRAUTH_GENERIC;
}

int cpu_features_vcpu_finalize(const struct cpu_features *cf, int vcpu_fd,
			       char *err, size_t errlen)
{
	int what = KVM_ARM_VCPU_SVE;

	if (cf->on[CPU_FEATURE_SVE] && ioctl(vcpu_fd, KVM_ARM_VCPU_FINALIZE, &what) < 0)
		return errmsg(err, errlen, "KVM_ARM_VCPU_FINALIZE (SVE): %s", strerror(errno));
	return 0;
}

static int pmu_attr(int vcpu_fd, uint64_t attr, void *addr)
{
	struct kvm_device_attr a = {
		.group = KVM_ARM_VCPU_PMU_V3_CTRL,
		.attr = attr,
		.addr = (uintptr_t)addr,
	};

	return ioctl(vcpu_fd, KVM_SET_DEVICE_ATTR, &a);
}

int cpu_features_pmu_init(const struct cpu_features *cf, int vcpu_fd, unsigned int intid,
			  char *err, size_t errlen)
{
	int irq = (int)intid;

	if (!cf->on[CPU_FEATURE_PMU])
		return 0;
	if (intid && pmu_attr(vcpu_fd, KVM_ARM_VCPU_PMU_V3_IRQ, &irq) < 0)
		return errmsg(err, errlen, "KVM_ARM_VCPU_PMU_V3_IRQ %u: %s", intid, strerror(errno));
	if (pmu_attr(vcpu_fd, KVM_ARM_VCPU_PMU_V3_INIT, NULL) < 0)
		return errmsg(err, errlen, "KVM_ARM_VCPU_PMU_V3_INIT: %s", strerror(errno));
	return 0;
}

void cpu_features_print(const struct cpu_features *cf, FILE *out)
{
	for (int f = 0; f < CPU_NR_FEATURES; f++) {
		const char *why;

		if (cf->on[f])
			why = features[f].what;
		else if (cf->choice[f] == CPU_FEATURE_OFF)
			why = "turned off";
		else
			why = "the host's KVM lacks it";
		fprintf(out, "%-6s %-4s %s", features[f].name, cf->on[f] ? "on" : "off", why);
		if (cf->on[f] || cf->choice[f] != CPU_FEATURE_OFF)
			fprintf(out, " (%s)", features[f].cap_names);
		else
			fprintf(out, " (--no-%s)", features[f].name);
		fputc('\n', out);
	}
}
