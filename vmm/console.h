/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host side of the guest console: the UART's transmit goes to stdout,
 * stdin feeds the UART's receive FIFO. A terminal is put in raw mode (and
 * restored on every exit path); Ctrl-A x quits, like QEMU.
 */
#ifndef MINIVMM_CONSOLE_H
#define MINIVMM_CONSOLE_H

#include <stdint.h>

struct pl011;
struct console;

/*
 * Start forwarding stdin to @uart (when stdin is a terminal or a pipe).
 * @quit is called (from the console's thread) when the user types Ctrl-A x.
 * Returns NULL only on failure to create the thread.
 */
struct console *console_start(struct pl011 *uart, void (*quit)(void *opaque), void *opaque);

/* Stop the input thread and restore the terminal. Safe to call twice. */
void console_stop(struct console *con);

/* Write one guest byte to stdout without stdio buffering delays. */
void console_putc(uint8_t byte);

#endif
