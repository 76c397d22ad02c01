// SPDX-License-Identifier: GPL-2.0
/*
 * The guarded stderr (see stderr_guard.h). Writers wait for room in poll()
 * slices and write at most PIPE_BUF bytes at once, which POLLOUT on a pipe
 * guarantees not to block. stdio locks the stream around each call, so
 * writes from several threads neither interleave nor race; @stalled is set
 * under that lock and only read under it.
 */
#define _GNU_SOURCE	/* fopencookie */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "vmm/stderr_guard.h"

#define SLICE_MS	100

struct guard {
	bool stalled;		/* stderr stopped taking bytes: drop everything now */
};

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

/* Returns @len as stdio wants even when bytes were dropped: nothing to retry. */
static ssize_t guard_write(void *cookie, const char *buf, size_t len)
{
	struct guard *g = cookie;
	long long last_progress = now_ms();
	size_t done = 0;

	while (done < len && !g->stalled) {
		struct pollfd pfd = { .fd = STDERR_FILENO, .events = POLLOUT };
		size_t chunk = len - done < PIPE_BUF ? len - done : PIPE_BUF;
		ssize_t n;

		if (poll(&pfd, 1, SLICE_MS) <= 0) {
			g->stalled = now_ms() - last_progress >= STDERR_GUARD_STALL_MS;
			continue;
		}
		n = write(STDERR_FILENO, buf + done, chunk);
		if (n > 0) {
			done += n;
			last_progress = now_ms();
		} else if (n < 0 && errno != EINTR && errno != EAGAIN) {
			g->stalled = true;	/* EPIPE, EIO: nobody will ever read it */
		}
	}
	return len;
}

void stderr_guard_install(void)
{
	static struct guard guard;	/* lives as long as the stream: the process */
	FILE *f = fopencookie(&guard, "w", (cookie_io_functions_t){ .write = guard_write });

	if (!f)
		return;
	setvbuf(f, NULL, _IONBF, 0);	/* like stderr: every message out at once */
	stderr = f;
}
