/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PL011 UART model (ARM DDI 0183): data, flags, interrupt mask/status/clear,
 * the control registers Linux touches, and the PrimeCell ID registers.
 * Pure model: transmitted bytes and interrupt line changes go out through
 * callbacks; received bytes come in through pl011_receive.
 */
#ifndef MINIVMM_PL011_H
#define MINIVMM_PL011_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pl011;

/*
 * Both callbacks run with the UART's lock held (so interrupt level changes
 * arrive in order): they must not call back into the same UART.
 */
struct pl011_ops {
	void (*tx)(void *opaque, uint8_t byte);
	void (*set_irq)(void *opaque, bool level);
	void *opaque;
};

struct pl011 *pl011_create(const struct pl011_ops *ops);
/* Power-on state (a system reset): registers, FIFO; the IRQ output follows. */
void pl011_reset(struct pl011 *uart);
void pl011_destroy(struct pl011 *uart);

/* @offset within the 4 KiB window; @width in bytes. Thread-safe. */
uint32_t pl011_read(struct pl011 *uart, uint32_t offset, unsigned int width);
void pl011_write(struct pl011 *uart, uint32_t offset, unsigned int width, uint32_t value);

/* Queue received bytes; returns how many fit in the RX FIFO. Thread-safe. */
size_t pl011_receive(struct pl011 *uart, const uint8_t *buf, size_t len);

#endif
