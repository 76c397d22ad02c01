# Host-native threaded vgic injection stress, built with ThreadSanitizer.
STRESS_SRCS := $(wildcard tests/stress/*.c) $(wildcard vgic/*.c)
STRESS_SAN  := -fsanitize=thread

$(BUILD)/host/vgic-stress: $(STRESS_SRCS) $(wildcard vgic/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(STRESS_SAN) -o $@ $(STRESS_SRCS) -lpthread

# The threaded unit tests again under TSan: the fault injector's thread
# delivers SGIs into the vgic while the test thread acknowledges them; the
# trace recorder takes events from several threads while its writer drains.
UNIT_TSAN_SRCS := tests/unit/main.c tests/unit/test_fault.c tests/unit/test_trace.c \
                  vmm/fault.c vmm/trace.c vmm/bounded_write.c vmm/stats_exit.c vmm/errmsg.c $(wildcard vgic/*.c)

$(BUILD)/host/unit-tsan: $(UNIT_TSAN_SRCS) $(wildcard vgic/*.h vmm/*.h tests/unit/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(STRESS_SAN) $(shell pkg-config --cflags check) -o $@ \
		$(UNIT_TSAN_SRCS) $(shell pkg-config --libs check) -lpthread

stress: $(BUILD)/host/vgic-stress $(BUILD)/host/unit-tsan

# Single-threaded cost of SGIR and IAR+EOIR in the model: no sanitizers, -O2.
# See tests/bench/vgic_bench.c for running it under callgrind.
.PHONY: vgic-bench
# --trace links the real recorder.
VGIC_BENCH_SRCS := tests/bench/vgic_bench.c $(wildcard vgic/*.c) vmm/trace.c vmm/bounded_write.c vmm/stats_exit.c \
                   vmm/fault.c vmm/errmsg.c
$(BUILD)/host/vgic-bench: $(VGIC_BENCH_SRCS) $(wildcard vgic/*.h vmm/*.h)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) -O2 -o $@ $(VGIC_BENCH_SRCS) -lpthread

vgic-bench: $(BUILD)/host/vgic-bench

# make stress-nested: RUNS storms of IPIS cross-CPU SGIs under host load in
# the nested host, with exact counts (tests/stress/nested-ipi-stress.sh).
RUNS ?= 3
IPIS ?= 100000
$(BUILD)/e2e/ipi-stress-run: tests/stress/ipi-stress-run
	@mkdir -p $(dir $@)
	install -m 0755 $< $@

stress-nested: all e2e-guests $(BUILD)/e2e/ipi-stress-run
	@bash tests/stress/nested-ipi-stress.sh $(BUILD) $(RUNS) $(IPIS)
.PHONY: stress-nested

# The storm with the IRQ-line repair planted out must fail, and pass with it
# (tests/stress/planted-line-repair.sh).
planted-line-repair: all e2e-guests $(BUILD)/e2e/ipi-stress-run
	@bash tests/stress/planted-line-repair.sh $(BUILD)
.PHONY: planted-line-repair
