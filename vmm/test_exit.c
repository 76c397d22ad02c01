// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "vmm/memmap.h"
#include "vmm/test_exit.h"
#include "vmm/vm.h"

static void test_exit_mmio(void *opaque, unsigned int cpu, uint64_t offset,
			   unsigned int len, bool is_write, uint64_t *data)
{
	struct vm *vm = opaque;
	char why[192];

	if (!is_write) {
		*data = 0;
		return;
	}
	if (offset != 0 || len != 4) {
		/* Once: a guest looping on it must not flood stderr. */
		if (atomic_exchange(&vm->test_exit_misused, true))
			return;
		snprintf(why, sizeof(why), "vCPU %u: test-exit: ignoring %u-byte write at offset 0x%llx "
			 "(only a 32-bit write at offset 0 exits; further bad writes ignored silently)",
			 cpu, len, (unsigned long long)offset);
		fprintf(stderr, "minivmm: %s\n", why);
		return;
	}
	if (*data > 255) {
		snprintf(why, sizeof(why), "vCPU %u: test-exit code %llu is out of range (0-255)",
			 cpu, (unsigned long long)*data);
		vm_stop(vm, VM_EXIT_ERROR, why);
		return;
	}
	vm_stop(vm, (int)*data, NULL);
}

int test_exit_setup(struct vm *vm, char *err, size_t errlen)
{
	if (mmio_bus_register(&vm->mmio, MEMMAP_TEST_EXIT_BASE, MEMMAP_TEST_EXIT_SIZE,
			      test_exit_mmio, vm, "test-exit")) {
		snprintf(err, errlen, "cannot map the test-exit device");
		return -1;
	}
	return 0;
}
