# Host-native Check unit tests, built with ASan and UBSan. Every pure part of
# minivmm (vgic/, fdt/, and the KVM-free parts of vmm/) is linked in.
UNIT_PURE_SRCS := $(wildcard vgic/*.c) $(wildcard fdt/*.c) \
                  $(wildcard vmm/options.c vmm/loader.c vmm/pl011.c vmm/console.c vmm/errmsg.c vmm/fault.c \
                    vmm/trace.c vmm/stats_exit.c vmm/bounded_write.c)
UNIT_SRCS := $(wildcard tests/unit/*.c) $(UNIT_PURE_SRCS)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/host/unit/%.o)
UNIT_SAN  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

$(BUILD)/host/unit/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) $(DEPFLAGS) -O1 $(UNIT_SAN) $(shell pkg-config --cflags check) -c $< -o $@

$(BUILD)/host/unit/vmm/options.o $(BUILD)/host/unit/tests/unit/test_options.o: $(VERSION_H)

$(BUILD)/host/unit-tests: $(UNIT_OBJS)
	$(HOST_CC) $(UNIT_SAN) -o $@ $^ $(shell pkg-config --libs check) -lfdt -lpthread

unit: $(BUILD)/host/unit-tests
