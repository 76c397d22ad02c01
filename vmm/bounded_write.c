// SPDX-License-Identifier: GPL-2.0
/* Output that never blocks for ever (see bounded_write.h). */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "vmm/bounded_write.h"

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int bounded_write(int fd, const void *buf, size_t len,
		  bounded_write_give_up_fn give_up, void *arg)
{
	const char *p = buf;
	long long last_progress = now_ms();

	while (len) {
		struct pollfd pfd = { .fd = fd, .events = POLLOUT };
		ssize_t n = 0;

		/* poll() also reports POLLERR/POLLNVAL: write() then says which. */
		if (poll(&pfd, 1, BOUNDED_WRITE_SLICE_MS) > 0)
			n = write(fd, p, len < PIPE_BUF ? len : PIPE_BUF);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			last_progress = now_ms();
			continue;
		}
		if (n < 0 && errno != EINTR && errno != EAGAIN)
			return errno;
		/* No room this slice (or a signal, or a non-blocking fd full again). */
		if (give_up(arg, now_ms() - last_progress))
			return ETIMEDOUT;
	}
	return 0;
}
