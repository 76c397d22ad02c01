# SPDX-License-Identifier: GPL-2.0
#
# minivmm: `make run` runs ./minivmm guest.img, `make check` runs every test.
# Everything generated or downloaded lives under $(BUILD).

BUILD      ?= build
HOST_ARCH  := $(shell uname -m)

ifeq ($(HOST_ARCH),aarch64)
CROSS_COMPILE ?=
SYSROOT_CFLAGS :=
SYSROOT_LIBS   :=
else
CROSS_COMPILE ?= aarch64-linux-gnu-
SYSROOT        := $(BUILD)/deps/sysroot
SYSROOT_CFLAGS := -I$(SYSROOT)/usr/include
SYSROOT_LIBS   := -L$(SYSROOT)/usr/lib/aarch64-linux-gnu
endif

HOST_CC    ?= cc
TARGET_CC  := $(CROSS_COMPILE)gcc
TARGET_OBJCOPY := $(CROSS_COMPILE)objcopy

WARN       := -Wall -Wextra -Wno-unused-parameter
COMMON_CFLAGS := -std=gnu11 -O2 -g $(WARN) -I. -I$(BUILD)/gen
DEPFLAGS   := -MMD -MP

DEPS_STAMP := $(BUILD)/deps/.stamp

.PHONY: all deps diff-gic run run-linux check bench unit stress install uninstall clean distclean FORCE
all: $(BUILD)/minivmm $(BUILD)/guest.img

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/deps.sh
	@bash scripts/deps.sh $(BUILD)
	@touch $@

# ---- the version --version prints (scripts/version.sh) ----
# Rewritten only when it changes, so a new commit rebuilds options.c alone.
VERSION_H := $(BUILD)/gen/version.h
$(VERSION_H): FORCE
	@mkdir -p $(dir $@)
	@printf '#define MINIVMM_VERSION "%s"\n' "$$(sh scripts/version.sh)" > $@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# ---- minivmm: a static aarch64 binary, runs in a bare initramfs ----
VMM_SRCS  := $(wildcard vmm/*.c) $(wildcard fdt/*.c) $(wildcard vgic/*.c)
VMM_OBJS  := $(VMM_SRCS:%.c=$(BUILD)/target/%.o)

$(BUILD)/target/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(COMMON_CFLAGS) $(DEPFLAGS) $(SYSROOT_CFLAGS) -pthread -c $< -o $@

$(BUILD)/target/vmm/options.o: $(VERSION_H)

$(BUILD)/minivmm: $(VMM_OBJS)
	$(TARGET_CC) -static -pthread -o $@ $^ $(SYSROOT_LIBS) -lfdt

# ---- the guest kernel and the small test guests ----
include guest/guest.mk
include tests/e2e/guests.mk
include tests/linux/linux.mk
include tests/bench/bench.mk
include tests/kvm-race/kvm-race.mk

# ---- host-native tests ----
include tests/unit/unit.mk
include tests/stress/stress.mk
include tests/fuzz/fuzz.mk

# ---- the two commands ----
NESTED := tests/nested/run-tests.sh

# Nested, every trapped GIC access costs ~0.23 ms: size the guest's IPI storm
# for a run of about a minute (its default, 100000 IPIs, suits real hardware).
RUN_ARGS ?= -c 4 -a 'storm=4000 iters=200 rounds=5'
run: all
	@bash tests/nested/run.sh $(BUILD) -- ./minivmm $(RUN_ARGS) guest.img

# The Debian kernel of the deps with an interactive busybox shell (tests/linux/shell-init).
RUN_LINUX_ARGS ?= -c 4 -m 512M
run-linux: all linux-guest
	@bash tests/nested/run.sh $(BUILD) -- ./minivmm $(RUN_LINUX_ARGS) -i linux/shell-initrd.gz \
		-a 'console=ttyAMA0 rdinit=/init panic=-1 quiet' linux/vmlinuz

check: all unit stress fuzz-build e2e-guests linux-guest
	@bash tests/check.sh $(BUILD)

# The nested host gets Debian's arm64 QEMU and the runners (tests/bench/bench.mk).
bench: all e2e-guests vgic-bench linux-guest bench-qemu
	@L1_EXTRA_INITRD="$(BENCH_L1_ARCHIVES)" bash tests/bench.sh $(BUILD)

# Differential GIC conformance (tests/diff): SEEDS random programs of LEN
# steps per vCPU count (1, 2, 4, 8) on minivmm's GIC and on KVM's vGICv2.
SEEDS ?= 20
LEN   ?= 400
diff-gic: all e2e-guests
	@bash tests/diff/run.sh $(BUILD) $(SEEDS) $(LEN)

# ---- install: the binary, the shipped guest and the man page ----
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
DATADIR := $(PREFIX)/share
MANDIR  := $(DATADIR)/man/man1

install: $(BUILD)/minivmm $(BUILD)/guest.img docs/minivmm.1 $(VERSION_H)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/minivmm $(DESTDIR)$(MANDIR)
	install -m 0755 $(BUILD)/minivmm $(DESTDIR)$(BINDIR)/minivmm
	install -m 0644 $(BUILD)/guest.img $(DESTDIR)$(DATADIR)/minivmm/guest.img
	sed -e "s|@VERSION@|$$(sh scripts/version.sh)|" -e 's|@DATADIR@|$(DATADIR)|g' \
		docs/minivmm.1 > $(DESTDIR)$(MANDIR)/minivmm.1
	chmod 0644 $(DESTDIR)$(MANDIR)/minivmm.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/minivmm $(DESTDIR)$(DATADIR)/minivmm/guest.img $(DESTDIR)$(MANDIR)/minivmm.1
	-rmdir $(DESTDIR)$(DATADIR)/minivmm 2>/dev/null

clean:
	rm -rf $(BUILD)/target $(BUILD)/host $(BUILD)/guest $(BUILD)/e2e $(BUILD)/linux $(BUILD)/minivmm $(BUILD)/guest.img $(BUILD)/nested $(BUILD)/gen

distclean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/target $(BUILD)/host $(BUILD)/guest -name '*.d' -type f 2>/dev/null)
