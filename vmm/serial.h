/* SPDX-License-Identifier: GPL-2.0 */
/* The PL011 at MEMMAP_UART_BASE wired to the console and to a GIC SPI. */
#ifndef MINIVMM_SERIAL_H
#define MINIVMM_SERIAL_H

#include <stddef.h>

struct vm;

int serial_setup(struct vm *vm, char *err, size_t errlen);
void serial_teardown(struct vm *vm);

#endif
