// SPDX-License-Identifier: GPL-2.0
/*
 * bounded_write(): everything arrives through a pipe larger writes would
 * fill; a pipe nobody reads, blocking or not, ends in ETIMEDOUT when
 * give_up() says so and never sooner; a closed reader and a bad fd give
 * their errno. Check runs each test in its own process.
 */
#define _GNU_SOURCE	/* F_GETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/unit.h"
#include "vmm/bounded_write.h"

#define BIG	(4u << 20)	/* far more than a pipe holds (64 KiB by default) */

struct give_up_log {
	long long limit_ms;	/* give up once stalled this long */
	int calls;
	long long last_ms;
	bool went_backwards;
};

static bool give_up_after(void *arg, long long stalled_ms)
{
	struct give_up_log *g = arg;

	g->went_backwards |= stalled_ms < g->last_ms;
	g->last_ms = stalled_ms;
	g->calls++;
	return stalled_ms >= g->limit_ms;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static unsigned char *pattern(size_t len)
{
	unsigned char *p = malloc(len);

	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 7 + (i >> 12));
	return p;
}

struct reader {
	int fd;
	unsigned char *got;
	size_t len;
};

/* Reads slowly at first, so the writer must wait for room more than once. */
static void *slow_reader(void *arg)
{
	struct reader *r = arg;
	size_t n = 0;

	while (n < r->len) {
		ssize_t k = read(r->fd, r->got + n, r->len - n < 4096 ? r->len - n : 4096);

		if (k <= 0)
			break;
		n += (size_t)k;
		if (n < 8 * 4096)
			usleep(20000);
	}
	r->len = n;
	return NULL;
}

static void check_all_arrive(bool nonblock)
{
	unsigned char *buf = pattern(BIG);
	struct reader r = { .got = calloc(1, BIG), .len = BIG };
	struct give_up_log g = { .limit_ms = 60000 };
	pthread_t th;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	if (nonblock)	/* the writer's end only, as trace_open() does */
		ck_assert_int_eq(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	r.fd = fds[0];
	ck_assert_int_eq(pthread_create(&th, NULL, slow_reader, &r), 0);
	ck_assert_int_eq(bounded_write(fds[1], buf, BIG, give_up_after, &g), 0);
	close(fds[1]);
	pthread_join(th, NULL);
	ck_assert_uint_eq(r.len, BIG);
	ck_assert(memcmp(r.got, buf, BIG) == 0);
	ck_assert(!g.went_backwards);
	close(fds[0]);
	free(r.got);
	free(buf);
}

START_TEST(test_everything_arrives)
{
	check_all_arrive(false);
	check_all_arrive(true);
}
END_TEST

/* Nobody reads: the pipe fills, then give_up() ends it; a blocking fd too. */
static void check_unread(bool nonblock)
{
	unsigned char *buf = pattern(BIG);
	struct give_up_log g = { .limit_ms = 300 };
	int fds[2], queued = 0;
	long long t0 = now_ms(), took;

	ck_assert_int_eq(pipe(fds), 0);
	if (nonblock)
		ck_assert_int_eq(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(bounded_write(fds[1], buf, BIG, give_up_after, &g), ETIMEDOUT);
	took = now_ms() - t0;
	ck_assert_int_ge(took, 300);
	ck_assert_int_lt(took, 5000);
	ck_assert_int_ge(g.last_ms, 300);
	ck_assert_int_ge(g.calls, 3);	/* asked every slice, not once at the end */
	ck_assert(!g.went_backwards);
	/* What went in is the start of the buffer, and only as much as fits. */
	ck_assert_int_eq(ioctl(fds[0], FIONREAD, &queued), 0);
	ck_assert_int_gt(queued, 0);
	ck_assert_int_lt(queued, BIG);
	{
		unsigned char *got = malloc((size_t)queued);

		ck_assert_int_eq(read(fds[0], got, (size_t)queued), queued);
		ck_assert(memcmp(got, buf, (size_t)queued) == 0);
		free(got);
	}
	close(fds[0]);
	close(fds[1]);
	free(buf);
}

START_TEST(test_unread_pipe_gives_up)
{
	check_unread(false);
	check_unread(true);
}
END_TEST

/*
 * Progress restarts the clock: a reader that takes 4 KiB every 100 ms keeps
 * a write going that needs 16 such reads (1.6 s), though give_up() ends any
 * stall of 1 s.
 */
#define TRICKLE_READS	16

static void *trickle_reader(void *arg)
{
	int fd = *(int *)arg;
	char chunk[4096];

	for (int i = 0; i < TRICKLE_READS + 4; i++) {
		usleep(100000);
		if (read(fd, chunk, sizeof(chunk)) <= 0)
			break;
	}
	return NULL;
}

START_TEST(test_progress_resets_stall)
{
	struct give_up_log g = { .limit_ms = 1000 };
	unsigned char *buf;
	size_t len;
	long long t0;
	pthread_t th;
	int fds[2], cap;

	ck_assert_int_eq(pipe(fds), 0);
	cap = fcntl(fds[1], F_GETPIPE_SZ);
	ck_assert_int_gt(cap, 0);
	len = (size_t)cap + TRICKLE_READS * 4096;
	buf = pattern(len);
	ck_assert_int_eq(pthread_create(&th, NULL, trickle_reader, &fds[0]), 0);
	t0 = now_ms();
	ck_assert_int_eq(bounded_write(fds[1], buf, len, give_up_after, &g), 0);
	ck_assert_int_gt(now_ms() - t0, 1000);	/* longer than the stall limit in all */
	ck_assert_int_gt(g.calls, 0);
	ck_assert_int_lt(g.last_ms, 1000);
	pthread_join(th, NULL);
	close(fds[0]);
	close(fds[1]);
	free(buf);
}
END_TEST

START_TEST(test_closed_reader_and_bad_fd)
{
	struct give_up_log g = { .limit_ms = 60000 };
	int fds[2];

	signal(SIGPIPE, SIG_IGN);	/* as minivmm does */
	ck_assert_int_eq(pipe(fds), 0);
	close(fds[0]);
	ck_assert_int_eq(bounded_write(fds[1], "x", 1, give_up_after, &g), EPIPE);
	close(fds[1]);
	ck_assert_int_eq(bounded_write(fds[1], "x", 1, give_up_after, &g), EBADF);
	ck_assert_int_eq(g.calls, 0);
	ck_assert_int_eq(bounded_write(fds[1], "", 0, give_up_after, &g), 0);
}
END_TEST

static Suite *bounded_write_suite(void)
{
	Suite *s = suite_create("bounded_write");
	TCase *tc = tcase_create("pipes");

	tcase_add_test(tc, test_everything_arrives);
	tcase_add_test(tc, test_unread_pipe_gives_up);
	tcase_add_test(tc, test_progress_resets_stall);
	tcase_add_test(tc, test_closed_reader_and_bad_fd);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(bounded_write_suite)
