/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

/* Nothing is freed after boot here; kept so code reads like Linux. */
#define __init
#define __initdata

#endif
