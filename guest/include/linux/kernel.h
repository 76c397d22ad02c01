/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define BIT(n)			(1UL << (n))
#define GENMASK(h, l)		(((~0UL) << (l)) & (~0UL >> (63 - (h))))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define min(a, b)		({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)		({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })

#define USEC_PER_SEC		1000000UL
#define NSEC_PER_SEC		1000000000UL
#define NSEC_PER_MSEC		1000000UL

void __noreturn panic(const char *fmt, ...) __printf(1, 2);

#define WARN(cond, fmt, ...) ({						\
	int __ret = !!(cond);						\
	if (unlikely(__ret))						\
		printk("WARNING: %s:%d: " fmt, __FILE__, __LINE__, ##__VA_ARGS__); \
	__ret;								\
})
#define WARN_ON(cond)		WARN(cond, "%s\n", #cond)
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret = !!(cond);						\
	if (unlikely(__ret) && !__warned) {				\
		__warned = true;					\
		printk("WARNING: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	}								\
	__ret;								\
})
#define BUG_ON(cond) do {						\
	if (unlikely(cond))						\
		panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond);	\
} while (0)

/* lib/cmdline-ish number parsing: returns 0 or -EINVAL. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);

#endif
