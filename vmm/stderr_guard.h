/* SPDX-License-Identifier: GPL-2.0 */
/*
 * minivmm's own messages (errors, reports, --stats tables) go to stderr.
 * A stderr that nobody reads (a full pipe, a stopped terminal) must not
 * hold a thread in write() for ever: the main thread would miss the signals
 * that end the VM, a vCPU thread would never run the guest again.
 */
#ifndef MINIVMM_STDERR_GUARD_H
#define MINIVMM_STDERR_GUARD_H

/* How long stderr may take no byte at all before minivmm stops writing to it. */
#define STDERR_GUARD_STALL_MS	2000

/*
 * Replace the stdio stream stderr with one that writes to file descriptor 2
 * the same bytes, but waits for room with poll() and gives up, for the rest
 * of the run, once stderr has taken nothing for STDERR_GUARD_STALL_MS.
 * Call once, early, before any other thread exists. On failure stderr is
 * left as it was.
 */
void stderr_guard_install(void);

#endif
