/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

/* GICv2 addresses at most 8 CPU interfaces. */
#define NR_CPUS		8

#endif
