/* SPDX-License-Identifier: GPL-2.0 */
/* Ending the run: the minivmm test-exit device, else PSCI SYSTEM_OFF. */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

#define EXIT_CODE_PASS		0
#define EXIT_CODE_FAIL		1
#define EXIT_CODE_PANIC		2

int test_exit_probe(const void *fdt);
bool test_exit_present(void);
void __noreturn machine_exit(int code);

#endif
