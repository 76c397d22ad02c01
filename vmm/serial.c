// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "vmm/console.h"
#include "vmm/gic.h"
#include "vmm/memmap.h"
#include "vmm/pl011.h"
#include "vmm/serial.h"
#include "vmm/vm.h"

static void serial_tx(void *opaque, uint8_t byte)
{
	console_putc(byte);
}

static void serial_set_irq(void *opaque, bool level)
{
	struct vm *vm = opaque;

	gic_set_spi(vm, MEMMAP_UART_SPI, level);
}

static void serial_mmio(void *opaque, unsigned int cpu, uint64_t offset,
			unsigned int len, bool is_write, uint64_t *data)
{
	struct pl011 *uart = opaque;

	if (is_write)
		pl011_write(uart, offset, len, *data);
	else
		*data = pl011_read(uart, offset, len);
}

int serial_setup(struct vm *vm, char *err, size_t errlen)
{
	struct pl011_ops ops = { .tx = serial_tx, .set_irq = serial_set_irq, .opaque = vm };

	vm->uart = pl011_create(&ops);
	if (!vm->uart ||
	    mmio_bus_register(&vm->mmio, MEMMAP_UART_BASE, MEMMAP_UART_SIZE,
			      serial_mmio, vm->uart, "pl011")) {
		snprintf(err, errlen, "cannot set up the PL011 UART");
		return -1;
	}
	return 0;
}

void serial_teardown(struct vm *vm)
{
	if (vm->uart)
		pl011_destroy(vm->uart);
	vm->uart = NULL;
}
