# SPDX-License-Identifier: GPL-2.0
# make bench's QEMU side: an arm64 qemu-system-aarch64 for the nested host
# (started with -nodefaults by bench/qemu-l2: the archive has no NIC ROM)
# and the runners that time guests under it and under minivmm there, as gzip
# cpio archives for tests/nested/boot-l1.sh to append to L1's initrd:
#   L1_EXTRA_INITRD="$(BENCH_L1_ARCHIVES)"
BENCH_QEMU_DIR      := $(BUILD)/bench-qemu
BENCH_QEMU_ROOTFS   := $(BENCH_QEMU_DIR)/qemu-arm64.cpio.gz
BENCH_L1_SCRIPTS    := $(BENCH_QEMU_DIR)/bench-scripts.cpio.gz
BENCH_L1_ARCHIVES   := $(BENCH_QEMU_ROOTFS) $(BENCH_L1_SCRIPTS)
BENCH_L1_FILES      := tests/bench/qemu-l2 tests/bench/minivmm-l2 tests/bench/kvm-stats

# Debian 12's arm64 QEMU and its libraries (~100 MB download, a minute).
$(BENCH_QEMU_ROOTFS): tests/bench/qemu-rootfs.sh
	@bash $< $(BUILD)

# The runners, as /tests/bench in L1; owned by root whatever the builder.
$(BENCH_L1_SCRIPTS): $(BENCH_L1_FILES) tests/bench/bench.mk
	@rm -rf $@.root
	@mkdir -p $@.root/tests/bench
	install -m 0755 $(BENCH_L1_FILES) $@.root/tests/bench/
	(cd $@.root && find tests | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -9 > $@.tmp
	rm -rf $@.root
	mv $@.tmp $@

bench-qemu: $(BENCH_L1_ARCHIVES)
.PHONY: bench-qemu
