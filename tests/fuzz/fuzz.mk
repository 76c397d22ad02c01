# libFuzzer targets (clang, ASan + UBSan), host-native like the unit tests.
# `make fuzz` runs each for FUZZ_SECONDS; `make check` builds them and its
# fuzz stage runs a short smoke (tests/fuzz/smoke.sh). The committed seeds
# in tests/fuzz/corpus come from tests/fuzz/seeds.c (`make fuzz-seeds`).
FUZZ_CC      ?= clang
FUZZ_TARGETS := vgic loader options pl011
FUZZ_SECONDS ?= 180
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS  := $(COMMON_CFLAGS) -O1
FUZZ_OBJ     := $(BUILD)/host/fuzz/obj
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(BUILD)/host/fuzz/fuzz-%)

# What each target links besides its tests/fuzz/fuzz_<target>.c: the vgic
# target only vgic/ (planted-bugs.sh swaps it), the others every pure part
# the unit tests link, so new dependencies between them need no edit here.
FUZZ_SRCS_vgic    := $(wildcard vgic/*.c)
FUZZ_SRCS_loader  := $(UNIT_PURE_SRCS)
FUZZ_SRCS_options := $(UNIT_PURE_SRCS)
FUZZ_SRCS_pl011   := $(UNIT_PURE_SRCS)
FUZZ_LIBS         := -lfdt

.PHONY: fuzz fuzz-build fuzz-seeds

# The code under test gives libFuzzer its coverage feedback. The harnesses
# get sanitizers only: comparison tracing in their reference checks cost
# most of the run time and guided nothing the model's own code does not.
$(FUZZ_OBJ)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_OBJ)/tests/fuzz/%.o: tests/fuzz/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) $(FUZZ_SAN) -c $< -o $@

$(FUZZ_OBJ)/vmm/options.o $(FUZZ_OBJ)/tests/fuzz/fuzz_options.o: $(VERSION_H)

define fuzz_link
$(BUILD)/host/fuzz/fuzz-$(1): $(FUZZ_OBJ)/tests/fuzz/fuzz_$(1).o $(FUZZ_SRCS_$(1):%.c=$(FUZZ_OBJ)/%.o)
	$$(FUZZ_CC) $$(FUZZ_SAN) -fsanitize=fuzzer -o $$@ $$^ $(FUZZ_LIBS) -lpthread
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_link,$(t))))

fuzz-build: $(FUZZ_BINS) $(BUILD)/host/fuzz/seeds

# Each target for FUZZ_SECONDS on a build/ copy of its corpus.
fuzz: fuzz-build
	@bash tests/fuzz/run.sh $(BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The seed generator: plain host C, writes the committed corpus.
$(BUILD)/host/fuzz/seeds: tests/fuzz/seeds.c tests/fuzz/inputs.h fdt/fdt.c fdt/fdt.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(COMMON_CFLAGS) -o $@ tests/fuzz/seeds.c fdt/fdt.c -lfdt

fuzz-seeds: $(BUILD)/host/fuzz/seeds
	$(BUILD)/host/fuzz/seeds tests/fuzz/corpus
