/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing to a descriptor that may stop taking bytes: a pipe nobody reads,
 * a stopped terminal. minivmm's threads must never sit in write() for ever
 * (a vCPU would not run its guest again, the main thread would miss the
 * signals that end the VM), so every output it does not own the reader of
 * goes through bounded_write(), and each caller says when to give up.
 */
#ifndef MINIVMM_BOUNDED_WRITE_H
#define MINIVMM_BOUNDED_WRITE_H

#include <stdbool.h>
#include <stddef.h>

/* How often a writer waiting for room asks its give_up() again. */
#define BOUNDED_WRITE_SLICE_MS	100

/*
 * Asked after each slice with no room, with the milliseconds since the last
 * byte went out (or since the call began): true ends the write.
 */
typedef bool (*bounded_write_give_up_fn)(void *arg, long long stalled_ms);

/*
 * Write @len bytes of @buf to @fd, waiting for room in poll() slices and
 * writing at most PIPE_BUF bytes at once, which POLLOUT on a pipe
 * guarantees to take without blocking. Returns 0 when everything went out,
 * ETIMEDOUT when @give_up ended it, or the errno of a failed write
 * (EPIPE, EIO, EBADF...). Signals do not end it.
 */
int bounded_write(int fd, const void *buf, size_t len,
		  bounded_write_give_up_fn give_up, void *arg);

#endif
