# SPDX-License-Identifier: GPL-2.0
# guest.img: the shipped freestanding arm64 guest kernel (Linux Image format)
# with the Linux-style IPI stack and its self-tests. Self-contained: uses only
# TARGET_CC, TARGET_OBJCOPY, WARN, BUILD and DEPS_STAMP from the top Makefile.

GUEST_DIR    := guest
GUEST_SRCS   := $(shell find $(GUEST_DIR) -name '*.c' -o -name '*.S' | LC_ALL=C sort)
GUEST_OBJS   := $(patsubst %,$(BUILD)/%.o,$(GUEST_SRCS))
GUEST_LDS    := $(GUEST_DIR)/arch/arm64/kernel/vmlinux.lds
GUEST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -Wno-override-init \
                -ffreestanding -fno-builtin -nostdlib -fno-common \
                -fno-pic -fno-pie -fno-stack-protector -fno-omit-frame-pointer \
                -march=armv8-a -mgeneral-regs-only -mno-outline-atomics -mstrict-align \
                -I$(GUEST_DIR)/include -I$(GUEST_DIR)/arch/arm64/include -MMD -MP

$(BUILD)/$(GUEST_DIR)/%.c.o: $(GUEST_DIR)/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(GUEST_CFLAGS) -c $< -o $@

$(BUILD)/$(GUEST_DIR)/%.S.o: $(GUEST_DIR)/%.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(GUEST_CFLAGS) -c $< -o $@

$(BUILD)/guest/guest.elf: $(GUEST_OBJS) $(GUEST_LDS)
	$(TARGET_CC) -nostdlib -static -no-pie -Wl,--build-id=none,--no-warn-rwx-segments,-z,max-page-size=4096 \
		-T $(GUEST_LDS) -o $@ $(GUEST_OBJS) -lgcc

$(BUILD)/guest.img: $(BUILD)/guest/guest.elf
	$(TARGET_OBJCOPY) -O binary $< $@

.PHONY: guest
guest: $(BUILD)/guest.img
