/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_HARDIRQ_H
#define _LINUX_HARDIRQ_H

#include <linux/preempt.h>

void irq_enter(void);
void irq_exit(void);

#define __irq_enter()	preempt_count_add(HARDIRQ_OFFSET)

#endif
