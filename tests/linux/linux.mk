# SPDX-License-Identifier: GPL-2.0
# An unmodified Debian arm64 kernel as a minivmm guest (tests/linux): the
# deps kernel as it is, and a tiny initramfs of static busybox plus
# tests/linux/l2-init, which checks SMP, the GIC, timers and IPIs from inside
# Linux and prints one "l2-linux: ok ..." or "l2-linux: FAIL ..." line.
LINUX_DIR    := $(BUILD)/linux
LINUX_KERNEL := $(LINUX_DIR)/vmlinuz
LINUX_INITRD := $(LINUX_DIR)/l2-initrd.gz
LINUX_RUNNER := $(LINUX_DIR)/run-l2
LINUX_PERF_PROBE := $(LINUX_DIR)/perf-probe
LINUX_SHELL_INITRD := $(LINUX_DIR)/shell-initrd.gz
LINUX_BOOT_INITRD := $(LINUX_DIR)/boot-initrd.gz

# Copied, not linked: the nested harness copies the file into the L1 initramfs.
# The kernel comes from the deps, so a re-run of deps.sh refreshes it.
$(LINUX_KERNEL): $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	cp "$$(ls $(BUILD)/deps/kernel/boot/vmlinuz-* | head -n1)" $@

# Files owned by root whatever the builder, so the archive does not depend on who built it.
# perf_event_open on the guest's PMU, in place of perf (tests/linux/perf-probe.c).
$(LINUX_PERF_PROBE): tests/linux/perf-probe.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(TARGET_CC) -std=gnu11 -O2 $(WARN) -static -o $@ $<

# $(call linux_initrd,INIT): a gzip cpio of static busybox, perf-probe and
# INIT as /init, files owned by root whatever the builder, so the archive
# does not depend on who built it.
define linux_initrd
	@rm -rf $@.root
	@mkdir -p $@.root/bin
	cp $(BUILD)/deps/busybox/bin/busybox $@.root/bin/busybox
	ln -s busybox $@.root/bin/sh
	cp $(LINUX_PERF_PROBE) $@.root/bin/perf-probe
	install -m 0755 $(1) $@.root/init
	(cd $@.root && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9 > $@.tmp
	rm -rf $@.root
	mv $@.tmp $@
endef

$(LINUX_INITRD): tests/linux/l2-init tests/linux/linux.mk $(LINUX_PERF_PROBE) $(DEPS_STAMP)
	$(call linux_initrd,tests/linux/l2-init)

# make run-linux: the same, with an interactive shell (tests/linux/shell-init).
$(LINUX_SHELL_INITRD): tests/linux/shell-init tests/linux/linux.mk $(LINUX_PERF_PROBE) $(DEPS_STAMP)
	$(call linux_initrd,tests/linux/shell-init)

# make bench: boot to /init and power off at once, for boot times on minivmm
# and QEMU alike (tests/linux/boot-init).
$(LINUX_BOOT_INITRD): tests/linux/boot-init tests/linux/linux.mk $(LINUX_PERF_PROBE) $(DEPS_STAMP)
	$(call linux_initrd,tests/linux/boot-init)

# The test host runs it from the copy of $(LINUX_DIR) it gets (tests/e2e/tests.list).
$(LINUX_RUNNER): tests/linux/run-l2
	@mkdir -p $(dir $@)
	install -m 0755 $< $@

linux-guest: $(LINUX_KERNEL) $(LINUX_INITRD) $(LINUX_SHELL_INITRD) $(LINUX_BOOT_INITRD) $(LINUX_RUNNER)
.PHONY: linux-guest
