// SPDX-License-Identifier: GPL-2.0
/*
 * The console: output buffering, stdin from a pipe, a closed stdin, and a
 * real terminal (a pty): raw mode, Ctrl-A commands, and the terminal being
 * restored by console_stop, at exit and on a fatal signal. Check runs each
 * test in its own process, so replacing fds 0, 1 and 2 is safe.
 */
#define _GNU_SOURCE	/* posix_openpt, ptsname, pipe2 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/unit.h"
#include "vmm/console.h"
#include "vmm/pl011.h"

#define UART_DR		0x000
#define UART_FR		0x018
#define UART_LCR_H	0x02c
#define FR_RXFE		(1u << 4)
#define FR_RXFF		(1u << 6)
#define LCR_H_FEN	(1u << 4)

static atomic_int quits;

static void count_quit(void *opaque)
{
	atomic_fetch_add(&quits, 1);
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec t = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static struct pl011 *new_uart(void)
{
	struct pl011 *uart = pl011_create(NULL);

	ck_assert_ptr_nonnull(uart);
	pl011_write(uart, UART_LCR_H, 4, LCR_H_FEN);
	return uart;
}

/* Read up to @want received bytes from the UART, as a guest would, within @ms. */
static size_t uart_read(struct pl011 *uart, char *buf, size_t want, long ms)
{
	long end = now_ms() + ms;
	size_t got = 0;

	while (got < want && now_ms() < end) {
		if (pl011_read(uart, UART_FR, 4) & FR_RXFE)
			sleep_ms(1);
		else
			buf[got++] = pl011_read(uart, UART_DR, 4);
	}
	return got;
}

/* Replace @fd with the write end of a pipe; returns the non-blocking read end. */
static int capture(int fd)
{
	int p[2];

	ck_assert_int_eq(pipe2(p, O_NONBLOCK), 0);
	ck_assert_int_eq(dup2(p[1], fd), fd);
	close(p[1]);
	return p[0];
}

/* Replace stdin with the read end of a pipe; returns the write end. */
static int feed_stdin(void)
{
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(dup2(p[0], STDIN_FILENO), STDIN_FILENO);
	close(p[0]);
	return p[1];
}

static void stdin_from(const char *path)
{
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
}

/* What arrived on a captured fd within @ms (0: only what is there now). */
static size_t drain(int fd, char *buf, size_t len, long ms)
{
	long end = now_ms() + ms;
	size_t got = 0;

	do {
		ssize_t n = read(fd, buf + got, len - 1 - got);

		if (n > 0)
			got += n;
		else if (now_ms() < end)
			sleep_ms(2);
	} while (got < len - 1 && now_ms() < end);
	buf[got] = '\0';
	return got;
}

static void put(const char *s)
{
	while (*s)
		console_putc(*s++);
}

START_TEST(test_putc_without_console)
{
	int out = capture(STDOUT_FILENO);
	char buf[64];

	put("a");	/* no console thread: written at once */
	ck_assert_uint_eq(drain(out, buf, sizeof(buf), 0), 1);
	ck_assert_str_eq(buf, "a");
}
END_TEST

START_TEST(test_putc_buffered)
{
	int out = capture(STDOUT_FILENO);
	struct pl011 *uart = new_uart();
	struct console *con;
	char buf[512];
	long start;

	stdin_from("/dev/null");
	con = console_start(uart, count_quit, NULL);
	ck_assert_ptr_nonnull(con);

	sleep_ms(100);			/* the console thread is asleep now */
	put("ab");			/* a prompt: no newline */
	ck_assert_uint_eq(drain(out, buf, sizeof(buf), 0), 0);
	start = now_ms();
	ck_assert_uint_eq(drain(out, buf, 3, 1000), 2);
	ck_assert_str_eq(buf, "ab");
	ck_assert_int_lt(now_ms() - start, 2000);	/* not blocked in read */

	/* Again, after the thread went back to sleep, and byte by byte. */
	sleep_ms(100);
	put("c");
	sleep_ms(5);
	put("d");
	ck_assert_uint_eq(drain(out, buf, 3, 1000), 2);
	ck_assert_str_eq(buf, "cd");

	put("line\n");			/* a newline writes at once */
	ck_assert_uint_eq(drain(out, buf, sizeof(buf), 0), 5);
	ck_assert_str_eq(buf, "line\n");

	put("e");
	console_flush();
	ck_assert_uint_eq(drain(out, buf, sizeof(buf), 0), 1);

	for (int i = 0; i < 300; i++)	/* a full buffer writes at once */
		console_putc('z');
	ck_assert_uint_ge(drain(out, buf, sizeof(buf), 0), 256);

	put("tail");
	console_stop(con);		/* flushes */
	drain(out, buf, sizeof(buf), 0);
	ck_assert(strstr(buf, "tail"));
	put("x");			/* stopped: unbuffered again */
	ck_assert_uint_eq(drain(out, buf, sizeof(buf), 0), 1);
	pl011_destroy(uart);
}
END_TEST

static atomic_bool flood_done;

static void *flood_stdout(void *arg)
{
	for (int i = 0; i < 64 * 1024; i++)
		console_putc('x');
	atomic_store(&flood_done, true);
	return NULL;
}

/*
 * stdout a pipe nobody reads: the writer waits while the VM runs (back
 * pressure, nothing lost), and gives up about a second after
 * console_stopping, so minivmm can still exit.
 */
START_TEST(test_stalled_stdout_gives_up_at_stop)
{
	int out = capture(STDOUT_FILENO);
	pthread_t t;
	long stop;

	ck_assert_int_ge(fcntl(out, F_SETPIPE_SZ, 4096), 4096);
	ck_assert_int_eq(pthread_create(&t, NULL, flood_stdout, NULL), 0);
	sleep_ms(300);
	ck_assert(!atomic_load(&flood_done));	/* stuck on the full pipe */
	stop = now_ms();
	console_stopping();
	while (!atomic_load(&flood_done) && now_ms() - stop < 5000)
		sleep_ms(10);
	ck_assert_msg(atomic_load(&flood_done), "still writing 5 s after console_stopping");
	ck_assert_int_ge(now_ms() - stop, 900);	/* it did wait for a reader first */
	pthread_join(t, NULL);
}
END_TEST

START_TEST(test_stdin_pipe)
{
	static const char input[] = "hello\x01x\x01\x01 world";
	struct pl011 *uart = new_uart();
	int in = feed_stdin();
	struct console *con = console_start(uart, count_quit, NULL);
	char buf[64] = "";
	long start;

	ck_assert_ptr_nonnull(con);
	ck_assert_int_eq(write(in, input, sizeof(input) - 1), sizeof(input) - 1);
	/* A pipe is passed through verbatim: no Ctrl-A commands. */
	ck_assert_uint_eq(uart_read(uart, buf, sizeof(input) - 1, 2000), sizeof(input) - 1);
	ck_assert_int_eq(memcmp(buf, input, sizeof(input) - 1), 0);
	ck_assert_int_eq(quits, 0);

	close(in);	/* EOF: the thread stops reading but stays stoppable */
	sleep_ms(50);
	start = now_ms();
	console_stop(con);
	ck_assert_int_lt(now_ms() - start, 2000);	/* not blocked in read */
	console_stop(con);	/* twice is fine */
	pl011_destroy(uart);
}
END_TEST

START_TEST(test_fifo_full_waits)
{
	struct pl011 *uart = new_uart();
	int in = feed_stdin();
	struct console *con = console_start(uart, count_quit, NULL);
	char data[100], buf[100];

	for (int i = 0; i < 100; i++)
		data[i] = 'A' + i % 50;
	ck_assert_int_eq(write(in, data, sizeof(data)), sizeof(data));
	/* Poll rather than sleep a fixed time: the machine may be loaded. */
	for (long end = now_ms() + 5000; now_ms() < end; sleep_ms(10))
		if (pl011_read(uart, UART_FR, 4) & FR_RXFF)
			break;
	ck_assert_uint_eq(pl011_read(uart, UART_FR, 4) & FR_RXFF, FR_RXFF);

	/* A slow guest still gets every byte, in order. */
	ck_assert_uint_eq(uart_read(uart, buf, sizeof(buf), 3000), sizeof(buf));
	ck_assert_int_eq(memcmp(buf, data, sizeof(data)), 0);
	console_stop(con);
	pl011_destroy(uart);
}
END_TEST

START_TEST(test_stop_while_fifo_full)
{
	struct pl011 *uart = new_uart();
	int in = feed_stdin();
	struct console *con = console_start(uart, count_quit, NULL);
	char data[64];
	long start;

	memset(data, 'q', sizeof(data));
	ck_assert_int_eq(write(in, data, sizeof(data)), sizeof(data));
	sleep_ms(50);	/* the thread now waits for the guest to read */
	start = now_ms();
	console_stop(con);
	ck_assert_int_lt(now_ms() - start, 2000);	/* not blocked in read */
	close(in);
	pl011_destroy(uart);
}
END_TEST

START_TEST(test_stdin_closed)
{
	struct pl011 *uart = new_uart();
	int out = capture(STDOUT_FILENO);
	struct console *con;
	char buf[16];

	close(STDIN_FILENO);
	con = console_start(uart, count_quit, NULL);
	ck_assert_ptr_nonnull(con);
	put("ok\n");
	ck_assert_uint_eq(drain(out, buf, sizeof(buf), 0), 3);
	console_stop(con);
	pl011_destroy(uart);
}
END_TEST

START_TEST(test_one_console)
{
	struct pl011 *uart = new_uart();
	struct console *con;

	stdin_from("/dev/null");
	con = console_start(uart, count_quit, NULL);
	ck_assert_ptr_nonnull(con);
	ck_assert_ptr_null(console_start(uart, count_quit, NULL));
	console_stop(con);
	con = console_start(uart, count_quit, NULL);	/* again after a stop */
	ck_assert_ptr_nonnull(con);
	console_stop(con);
	pl011_destroy(uart);
}
END_TEST

/* ---- on a terminal ---- */

static int open_pty(int *slave)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);

	ck_assert_int_ge(master, 0);
	ck_assert_int_eq(grantpt(master), 0);
	ck_assert_int_eq(unlockpt(master), 0);
	*slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(*slave, 0);
	return master;
}

static bool is_raw(int fd)
{
	struct termios t;

	ck_assert_int_eq(tcgetattr(fd, &t), 0);
	return !(t.c_lflag & (ICANON | ECHO | ISIG)) && !(t.c_iflag & ICRNL);
}

static void assert_same_termios(int fd, const struct termios *want)
{
	struct termios t;

	ck_assert_int_eq(tcgetattr(fd, &t), 0);
	ck_assert_uint_eq(t.c_lflag, want->c_lflag);
	ck_assert_uint_eq(t.c_iflag, want->c_iflag);
	ck_assert_uint_eq(t.c_oflag, want->c_oflag);
	ck_assert_uint_eq(t.c_cflag, want->c_cflag);
}

START_TEST(test_tty_raw_and_escapes)
{
	static const char typed[] = "hi\x01\x01z\x01qy";
	static const char guest[] = "hi\x01z\x01qy";	/* what the guest must see */
	struct pl011 *uart = new_uart();
	int err = capture(STDERR_FILENO), slave, master = open_pty(&slave);
	struct termios before, during;
	struct console *con;
	char buf[256] = "";

	ck_assert_int_eq(tcgetattr(slave, &before), 0);
	ck_assert(!is_raw(slave));
	ck_assert_int_eq(dup2(slave, STDIN_FILENO), STDIN_FILENO);

	con = console_start(uart, count_quit, NULL);
	ck_assert_ptr_nonnull(con);
	ck_assert(is_raw(slave));
	ck_assert_int_eq(tcgetattr(slave, &during), 0);
	ck_assert_uint_eq(during.c_oflag, before.c_oflag);	/* output processing kept */
	ck_assert(during.c_oflag & OPOST);

	ck_assert_int_eq(write(master, typed, sizeof(typed) - 1), sizeof(typed) - 1);
	ck_assert_uint_eq(uart_read(uart, buf, sizeof(guest) - 1, 2000), sizeof(guest) - 1);
	ck_assert_int_eq(memcmp(buf, guest, sizeof(guest) - 1), 0);

	/* Ctrl-A h: help on stderr, nothing for the guest. */
	ck_assert_int_eq(write(master, "\x01h", 2), 2);
	ck_assert_uint_gt(drain(err, buf, sizeof(buf), 1000), 0);
	ck_assert(strstr(buf, "C-a x"));
	ck_assert_uint_eq(uart_read(uart, buf, 1, 100), 0);

	/* Ctrl-A, then x in a later read: quit, once; what follows is not sent. */
	ck_assert_int_eq(write(master, "\x01", 1), 1);
	sleep_ms(50);
	ck_assert_int_eq(quits, 0);
	ck_assert_int_eq(write(master, "xafter", 6), 6);
	for (long end = now_ms() + 2000; !quits && now_ms() < end;)
		sleep_ms(5);
	ck_assert_int_eq(quits, 1);
	ck_assert_uint_eq(uart_read(uart, buf, 1, 100), 0);

	console_stop(con);
	assert_same_termios(slave, &before);
	pl011_destroy(uart);
	close(master);
}
END_TEST

/*
 * A child puts the pty in raw mode, then ends by @how (0: exit without
 * console_stop, else that signal); the parent checks the tty afterwards.
 */
static void child_ends(int how)
{
	int slave, master = open_pty(&slave), ready[2], go[2], status;
	struct termios before;
	pid_t pid;
	char c;

	ck_assert_int_eq(tcgetattr(slave, &before), 0);
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(go), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* A fresh minivmm has default dispositions; Check's runner does not. */
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		dup2(slave, STDIN_FILENO);
		if (!console_start(new_uart(), count_quit, NULL) || write(ready[1], "r", 1) != 1)
			_exit(99);
		if (read(go[0], &c, 1) == 1 && how == 0)
			exit(7);	/* no console_stop: atexit restores */
		for (;;)
			pause();
	}
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert(is_raw(slave));
	if (how)
		kill(pid, how);
	else
		ck_assert_int_eq(write(go[1], "g", 1), 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (how) {
		ck_assert(WIFSIGNALED(status));
		ck_assert_int_eq(WTERMSIG(status), how);
	} else {
		ck_assert(WIFEXITED(status));
		ck_assert_int_eq(WEXITSTATUS(status), 7);
	}
	assert_same_termios(slave, &before);
	close(master);
	close(slave);
}

START_TEST(test_tty_restored_at_exit)
{
	child_ends(0);
}
END_TEST

START_TEST(test_tty_restored_on_signal)
{
	/* _i: each fatal signal a user or a supervisor sends. */
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };

	child_ends(sigs[_i]);
}
END_TEST

static Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *io = tcase_create("io");
	TCase *tty = tcase_create("tty");

	tcase_add_test(io, test_putc_without_console);
	tcase_add_test(io, test_putc_buffered);
	tcase_add_test(io, test_stalled_stdout_gives_up_at_stop);
	tcase_add_test(io, test_stdin_pipe);
	tcase_add_test(io, test_fifo_full_waits);
	tcase_add_test(io, test_stop_while_fifo_full);
	tcase_add_test(io, test_stdin_closed);
	tcase_add_test(io, test_one_console);
	suite_add_tcase(s, io);

	tcase_add_test(tty, test_tty_raw_and_escapes);
	tcase_add_test(tty, test_tty_restored_at_exit);
	tcase_add_loop_test(tty, test_tty_restored_on_signal, 0, 3);
	suite_add_tcase(s, tty);
	return s;
}
UNIT_SUITE(console_suite)
