# tests/kvm-race: a standalone reproducer of KVM's lost KVM_IRQ_LINE
# (docs/kvm-irq-line-race.md), a static aarch64 program that runs in the
# nested host beside minivmm (it lands in /tests/e2e there).
KVM_RACE := $(BUILD)/e2e/irq-line-race

$(KVM_RACE): tests/kvm-race/irq-line-race.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(TARGET_CC) -std=gnu11 -O2 $(WARN) $(SYSROOT_CFLAGS) -static -pthread -o $@ $<

e2e-guests: $(KVM_RACE)
