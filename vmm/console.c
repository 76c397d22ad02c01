// SPDX-License-Identifier: GPL-2.0
/*
 * The host side of the guest console.
 *
 * Output: guest bytes collect in a small buffer that is written to stdout
 * at every newline, when full, by console_flush(), and by the console
 * thread at most FLUSH_DELAY_MS after the first unwritten byte (so prompts
 * and echoed keys appear without a newline). Without a console thread every
 * byte is written at once.
 *
 * Input: a thread polls stdin and a self-pipe (so console_stop never waits
 * on a read), and feeds what it reads to the UART's receive FIFO, waiting
 * while the FIFO is full. On a terminal it switches to raw mode (output
 * processing kept, so a guest's "\n" still starts a new line) and
 * interprets Ctrl-A x (quit), Ctrl-A Ctrl-A (a literal Ctrl-A) and Ctrl-A h;
 * pipes and files are passed through untouched. EOF stops the reading, not
 * the thread, which still flushes output.
 *
 * No thread ever sleeps in write() on stdout: writers use bounded_write(),
 * so a stdout nobody drains (a stalled pipe) holds the guest back while it
 * runs, but once the VM stops (console_stopping) output gives up after
 * OUT_STOP_MS and minivmm still exits.
 *
 * stdin, stdout and the terminal belong to the process, and the exit and
 * signal handlers that restore the terminal get no context: that state is
 * static here, and there is one console per process.
 */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "vmm/bounded_write.h"
#include "vmm/console.h"
#include "vmm/pl011.h"

#define CTRL_A			0x01
#define FLUSH_DELAY_MS		20
#define RX_RETRY_MS		10	/* the guest has not drained its FIFO yet */
#define OUT_BUF_SIZE		256
#define OUT_STOP_MS		1000	/* once the VM stops, how long output may still wait */

struct console {
	struct pl011 *uart;
	void (*quit)(void *opaque);
	void *opaque;

	pthread_t thread;
	int wake[2];		/* self-pipe: a byte wakes the thread */
	atomic_bool stopping;
	bool stopped;

	bool read_input;	/* stdin is worth reading */
	bool escapes;		/* stdin is a terminal: Ctrl-A commands */
	bool escape_pending;	/* the last byte was Ctrl-A */
};

static struct console the_console;
static bool console_running;

/* ---- the terminal ---- */

static struct termios saved_tty;
static volatile sig_atomic_t tty_is_raw;

/* Async-signal-safe: called from fatal signal handlers too. */
static void tty_restore(void)
{
	if (tty_is_raw) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
		tty_is_raw = 0;
	}
}

static void fatal_signal(int sig)
{
	tty_restore();
	raise(sig);	/* SA_RESETHAND: now with the default action */
}

/* Restore the terminal on the way out, unless someone else handles the signal. */
static void install_restore_handlers(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS };
	static bool installed;
	struct sigaction sa = { .sa_handler = fatal_signal, .sa_flags = SA_RESETHAND | SA_NODEFER };

	if (installed)
		return;
	installed = true;
	atexit(tty_restore);
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler == SIG_DFL)
			sigaction(sigs[i], &sa, NULL);
	}
}

/* A background job must not read the terminal (SIGTTIN) nor set it (SIGTTOU). */
static bool tty_in_foreground(void)
{
	pid_t fg = tcgetpgrp(STDIN_FILENO);

	return fg < 0 || fg == getpgrp();
}

static void tty_make_raw(void)
{
	struct termios raw;

	if (tcgetattr(STDIN_FILENO, &saved_tty))
		return;
	raw = saved_tty;
	cfmakeraw(&raw);
	raw.c_oflag = saved_tty.c_oflag;	/* keep OPOST/ONLCR: "\n" starts a line */
	install_restore_handlers();
	if (!tcsetattr(STDIN_FILENO, TCSANOW, &raw))
		tty_is_raw = 1;
}

/* ---- output ---- */

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t out_buf[OUT_BUF_SIZE];
static size_t out_len;
static bool out_buffered;		/* a console thread flushes late bytes */
static bool out_broken;			/* stdout failed for good: drop output */
static struct timespec out_deadline;	/* when the buffered bytes must go */
static int out_wake_fd = -1;		/* the console thread's self-pipe */
static bool out_thread_idle;		/* it sleeps with no timeout: wake it */
static atomic_bool out_stopping;	/* the VM is ending: waits are bounded */
static struct timespec out_stop_deadline;	/* written before out_stopping is set */

static bool out_stop_expired(void)
{
	struct timespec now;

	if (!atomic_load(&out_stopping))
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > out_stop_deadline.tv_sec ||
	       (now.tv_sec == out_stop_deadline.tv_sec && now.tv_nsec >= out_stop_deadline.tv_nsec);
}

static bool out_give_up(void *arg, long long stalled_ms)
{
	(void)arg;
	(void)stalled_ms;	/* a slow reader is waited for while the VM runs */
	return out_stop_expired();	/* nobody reads, and we are leaving */
}

static void write_all(int fd, const uint8_t *p, size_t len)
{
	/* ETIMEDOUT, or EPIPE, EIO...: nobody is listening */
	if (!out_broken && bounded_write(fd, p, len, out_give_up, NULL))
		out_broken = true;
}

static void flush_locked(void)
{
	write_all(STDOUT_FILENO, out_buf, out_len);
	out_len = 0;
}

static struct timespec deadline_after(long ms)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_nsec += ms * 1000000L;
	t.tv_sec += t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	return t;
}

void console_putc(uint8_t byte)
{
	pthread_mutex_lock(&out_lock);
	if (!out_len)
		out_deadline = deadline_after(FLUSH_DELAY_MS);
	if (!out_len && out_buffered && out_thread_idle) {
		out_thread_idle = false;
		if (write(out_wake_fd, "", 1) < 0) {
			/* full: the thread has wake-ups pending anyway */
		}
	}
	out_buf[out_len++] = byte;
	if (!out_buffered || byte == '\n' || out_len == sizeof(out_buf))
		flush_locked();
	pthread_mutex_unlock(&out_lock);
}

void console_stopping(void)
{
	if (atomic_load(&out_stopping))
		return;
	out_stop_deadline = deadline_after(OUT_STOP_MS);
	atomic_store(&out_stopping, true);
}

void console_flush(void)
{
	pthread_mutex_lock(&out_lock);
	flush_locked();
	pthread_mutex_unlock(&out_lock);
}

/*
 * Milliseconds until buffered output is due (0: now), or -1 if none; then
 * the next console_putc wakes the console thread, which is about to sleep.
 */
static int flush_timeout_ms(void)
{
	struct timespec now;
	long ms = -1;

	pthread_mutex_lock(&out_lock);
	out_thread_idle = !out_len;
	if (out_len) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (out_deadline.tv_sec - now.tv_sec) * 1000 +
		     (out_deadline.tv_nsec - now.tv_nsec) / 1000000;
		if (ms < 0)
			ms = 0;
		if (ms > FLUSH_DELAY_MS)
			ms = FLUSH_DELAY_MS;
	}
	pthread_mutex_unlock(&out_lock);
	return ms;
}

static void flush_if_due(void)
{
	if (flush_timeout_ms() == 0)
		console_flush();
}

/* ---- input ---- */

static void drain_wake_pipe(struct console *con)
{
	char buf[16];

	while (read(con->wake[0], buf, sizeof(buf)) > 0)
		;
}

/* Sleep up to @ms (or until woken), flushing output that comes due. */
static void console_wait(struct console *con, int ms)
{
	struct pollfd pfd = { .fd = con->wake[0], .events = POLLIN };
	int flush_ms = flush_timeout_ms();

	if (flush_ms >= 0 && flush_ms < ms)
		ms = flush_ms;
	if (poll(&pfd, 1, ms) > 0)
		drain_wake_pipe(con);
	flush_if_due();
}

/* Hand bytes to the guest, waiting while its FIFO is full. false: stopping. */
static bool feed_uart(struct console *con, const uint8_t *p, size_t len)
{
	while (len) {
		size_t n = pl011_receive(con->uart, p, len);

		p += n;
		len -= n;
		if (atomic_load(&con->stopping))
			return false;
		if (len)
			console_wait(con, RX_RETRY_MS);
	}
	return true;
}

static void show_escape_help(void)
{
	static const char help[] =
		"\nC-a x    quit minivmm\nC-a C-a  send C-a\nC-a h    this help\n";

	write_all(STDERR_FILENO, (const uint8_t *)help, sizeof(help) - 1);
}

/*
 * Apply the Ctrl-A commands to @buf in place; returns how many bytes are
 * left to send. *quit is set on Ctrl-A x (bytes after it are dropped).
 * Rewriting in place is safe: the two bytes written for "Ctrl-A other" come
 * after a Ctrl-A that wrote nothing, so they never pass the read position.
 */
static size_t apply_escapes(struct console *con, uint8_t *buf, size_t len, bool *quit)
{
	size_t out = 0;

	for (size_t i = 0; i < len; i++) {
		uint8_t c = buf[i];

		if (!con->escape_pending) {
			if (c == CTRL_A)
				con->escape_pending = true;
			else
				buf[out++] = c;
			continue;
		}
		con->escape_pending = false;
		if (c == 'x' || c == 'X') {
			*quit = true;
			return out;
		} else if (c == 'h' || c == 'H' || c == '?') {
			show_escape_help();
		} else if (c == CTRL_A) {
			buf[out++] = CTRL_A;
		} else {	/* not a command: the guest gets both bytes */
			buf[out++] = CTRL_A;
			buf[out++] = c;
		}
	}
	return out;
}

/* Read what stdin has. Returns false when reading should stop. */
static bool read_stdin(struct console *con)
{
	uint8_t buf[256];
	bool quit = false;
	ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
	size_t len;

	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	if (n == 0)
		return false;	/* EOF: a pipe or file is done; keep the thread for output */
	len = con->escapes ? apply_escapes(con, buf, n, &quit) : (size_t)n;
	if (!feed_uart(con, buf, len))
		return false;
	if (quit && con->quit)
		con->quit(con->opaque);
	return !quit;
}

static void *console_thread(void *arg)
{
	struct console *con = arg;
	bool reading = con->read_input;

	while (!atomic_load(&con->stopping)) {
		struct pollfd fds[2] = {
			{ .fd = con->wake[0], .events = POLLIN },
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		int ret = poll(fds, reading ? 2 : 1, flush_timeout_ms());

		if (ret < 0 && errno != EINTR)
			break;
		if (ret > 0 && fds[0].revents)
			drain_wake_pipe(con);
		if (ret > 0 && reading && fds[1].revents)
			reading = !(fds[1].revents & POLLNVAL) && read_stdin(con);
		flush_if_due();
	}
	return NULL;
}

/* ---- start and stop ---- */

static bool stdin_is_open(void)
{
	return fcntl(STDIN_FILENO, F_GETFD) >= 0;
}

/* The thread takes no asynchronous signals: main and the vCPUs handle those. */
static int start_thread(struct console *con)
{
	sigset_t all, old;
	int ret;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ret = pthread_create(&con->thread, NULL, console_thread, con);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ret;
}

struct console *console_start(struct pl011 *uart, void (*quit)(void *opaque), void *opaque)
{
	struct console *con = &the_console;

	if (console_running)
		return NULL;	/* one stdin, one console */
	memset(con, 0, sizeof(*con));
	con->uart = uart;
	con->quit = quit;
	con->opaque = opaque;
	if (pipe2(con->wake, O_CLOEXEC | O_NONBLOCK))
		return NULL;

	if (stdin_is_open() && isatty(STDIN_FILENO)) {
		con->read_input = tty_in_foreground();
		con->escapes = con->read_input;
		if (con->read_input)
			tty_make_raw();
	} else {
		con->read_input = stdin_is_open();	/* a pipe, a file, /dev/null */
	}

	pthread_mutex_lock(&out_lock);
	out_buffered = true;
	out_wake_fd = con->wake[1];
	pthread_mutex_unlock(&out_lock);
	if (start_thread(con)) {
		pthread_mutex_lock(&out_lock);
		out_buffered = false;
		out_wake_fd = -1;
		pthread_mutex_unlock(&out_lock);
		tty_restore();
		close(con->wake[0]);
		close(con->wake[1]);
		return NULL;
	}
	console_running = true;
	return con;
}

void console_stop(struct console *con)
{
	if (!con || con->stopped)
		return;
	con->stopped = true;
	atomic_store(&con->stopping, true);
	if (write(con->wake[1], "", 1) < 0) {
		/* The pipe is full: the thread is being woken anyway. */
	}
	if (pthread_equal(pthread_self(), con->thread))
		pthread_detach(con->thread);	/* stopped from its own quit callback */
	else
		pthread_join(con->thread, NULL);

	pthread_mutex_lock(&out_lock);
	out_buffered = false;
	out_wake_fd = -1;
	out_thread_idle = false;
	flush_locked();
	pthread_mutex_unlock(&out_lock);
	tty_restore();
	close(con->wake[0]);
	close(con->wake[1]);
	console_running = false;
}
