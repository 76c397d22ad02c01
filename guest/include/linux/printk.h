/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* The console driver registers its line writer here. */
void register_console_write(void (*write)(const char *s, unsigned int n));
/* Set by panic: printk stops waiting for a lock another CPU may never drop. */
extern int oops_in_progress;

#define pr_emerg(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	do { } while (0)
#define pr_err_once(fmt, ...) ({				\
	static bool __printed;					\
	if (!__printed) {					\
		__printed = true;				\
		printk(fmt, ##__VA_ARGS__);			\
	}							\
})

#endif
