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
 * Returns NULL only on failure to create the thread, or when a console is
 * already running (there is one stdin: one console per process).
 */
struct console *console_start(struct pl011 *uart, void (*quit)(void *opaque), void *opaque);

/* Stop the input thread and restore the terminal. Safe to call twice. */
void console_stop(struct console *con);

/*
 * Write one guest byte to stdout without stdio buffering delays: while a
 * console runs, bytes wait at most a line, 256 bytes or 20 ms; otherwise
 * each is written at once. Any thread.
 */
void console_putc(uint8_t byte);

/*
 * The VM is ending: from now on output waits at most about a second for a
 * stdout that does not drain, then is dropped, so the exit cannot hang.
 */
void console_stopping(void);

/* Write out what console_putc still holds (at exit; console_stop does too). */
void console_flush(void);

#endif
