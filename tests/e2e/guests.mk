# Small raw-binary guests for minivmm's end-to-end tests (tests/e2e).
E2E_GUESTS     := hello smp exit unmapped reset reboot hang offsecondary sgi hostile gicdiff
E2E_GUEST_DIR  := tests/e2e/guests
E2E_GUEST_CFLAGS := -std=gnu11 -O2 $(WARN) -I. -ffreestanding -nostdlib -fno-builtin \
                    -mgeneral-regs-only -fno-pic -fno-stack-protector -mstrict-align
E2E_GUEST_IMGS := $(E2E_GUESTS:%=$(BUILD)/e2e/%.img)

# Guests that take interrupts link the exception vectors too. (-mstrict-align:
# with the MMU off all data is Device memory, where unaligned accesses fault.)
$(BUILD)/e2e/sgi.elf: E2E_GUEST_EXTRA := $(E2E_GUEST_DIR)/vectors.S
$(BUILD)/e2e/sgi.elf: $(E2E_GUEST_DIR)/vectors.S $(E2E_GUEST_DIR)/gic.h
$(BUILD)/e2e/hostile.elf $(BUILD)/e2e/reboot.elf: $(E2E_GUEST_DIR)/gic.h
$(BUILD)/e2e/gicdiff.elf: E2E_GUEST_EXTRA := $(E2E_GUEST_DIR)/vectors.S
$(BUILD)/e2e/gicdiff.elf: $(E2E_GUEST_DIR)/vectors.S $(E2E_GUEST_DIR)/gic.h

$(BUILD)/e2e/%.elf: $(E2E_GUEST_DIR)/%.c $(E2E_GUEST_DIR)/lib.c $(E2E_GUEST_DIR)/start.S \
		$(E2E_GUEST_DIR)/lib.h $(E2E_GUEST_DIR)/guest.lds vmm/memmap.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(E2E_GUEST_CFLAGS) -static -Wl,--build-id=none,--no-warn-rwx-segments -T $(E2E_GUEST_DIR)/guest.lds \
		-o $@ $(E2E_GUEST_DIR)/start.S $(E2E_GUEST_DIR)/lib.c $(E2E_GUEST_EXTRA) $<

$(BUILD)/e2e/%.img: $(BUILD)/e2e/%.elf
	$(TARGET_OBJCOPY) -O binary $< $@

e2e-guests: $(E2E_GUEST_IMGS)
.PHONY: e2e-guests
.SECONDARY: $(E2E_GUEST_IMGS:.img=.elf)
