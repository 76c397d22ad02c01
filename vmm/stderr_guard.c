// SPDX-License-Identifier: GPL-2.0
/*
 * The guarded stderr (see stderr_guard.h), written with bounded_write().
 * stdio locks the stream around each call, so writes from several threads
 * neither interleave nor race; @stalled is set under that lock and only
 * read under it.
 */
#define _GNU_SOURCE	/* fopencookie */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "vmm/bounded_write.h"
#include "vmm/stderr_guard.h"

struct guard {
	bool stalled;		/* stderr stopped taking bytes: drop everything now */
};

static bool guard_give_up(void *arg, long long stalled_ms)
{
	(void)arg;
	return stalled_ms >= STDERR_GUARD_STALL_MS;
}

/* Returns @len as stdio wants even when bytes were dropped: nothing to retry. */
static ssize_t guard_write(void *cookie, const char *buf, size_t len)
{
	struct guard *g = cookie;

	/* ETIMEDOUT, or EPIPE/EIO: nobody will ever read it. */
	if (!g->stalled && bounded_write(STDERR_FILENO, buf, len, guard_give_up, NULL))
		g->stalled = true;
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
