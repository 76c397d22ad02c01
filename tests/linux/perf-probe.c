// SPDX-License-Identifier: GPL-2.0
/*
 * perf-probe: what `perf stat -e cycles,instructions` would show, without
 * carrying perf and its libraries into the initramfs. It counts the CPU
 * cycles and instructions of a busy loop with perf_event_open(2), the
 * cycles in sampling mode with a short period, so that the PMU's overflow
 * interrupt fires every PERIOD cycles (no ring buffer is mapped: the
 * samples are dropped; the interrupts are what the test looks for, in the
 * arm-pmu row of /proc/interrupts). Prints one line,
 *   perf-probe: cycles=N instructions=N
 * and exits 0 when cycles were counted, 1 when not, 2 when the kernel has
 * no hardware PMU for it.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PERIOD		100000ULL	/* cycles between overflow interrupts */
#define TARGET		(100 * PERIOD)	/* stop after this many cycles ... */
#define MAX_SECONDS	5		/* ... or this long */

static int open_counter(uint64_t config, uint64_t period)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = config;
	attr.sample_period = period;	/* 0: counting mode */
	attr.exclude_kernel = 1;
	return (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
}

static uint64_t read_counter(int fd)
{
	uint64_t v = 0;

	return read(fd, &v, sizeof(v)) == sizeof(v) ? v : 0;
}

int main(void)
{
	int cycles = open_counter(PERF_COUNT_HW_CPU_CYCLES, PERIOD);
	int insns = open_counter(PERF_COUNT_HW_INSTRUCTIONS, 0);
	time_t end = time(NULL) + MAX_SECONDS;
	volatile uint64_t spin = 0;
	uint64_t c = 0;

	if (cycles < 0) {
		printf("perf-probe: no cycles counter: %s\n", strerror(errno));
		return 2;
	}
	while (c < TARGET && time(NULL) < end) {
		for (int i = 0; i < 100000; i++)
			spin++;
		c = read_counter(cycles);
	}
	printf("perf-probe: cycles=%llu instructions=%llu\n", (unsigned long long)c,
	       insns >= 0 ? (unsigned long long)read_counter(insns) : 0ULL);
	return c ? 0 : 1;
}
