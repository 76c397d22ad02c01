# Host-native threaded vgic injection stress, built with ThreadSanitizer.
STRESS_SRCS := $(wildcard tests/stress/*.c) $(wildcard vgic/*.c)
STRESS_SAN  := -fsanitize=thread

$(BUILD)/host/vgic-stress: $(STRESS_SRCS) $(wildcard vgic/*.h) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(STRESS_SAN) -o $@ $(STRESS_SRCS) -lpthread

stress: $(BUILD)/host/vgic-stress
