/* SPDX-License-Identifier: GPL-2.0 */
/* The one-line error convention: functions fill a caller's buffer, return -1. */
#ifndef MINIVMM_ERRMSG_H
#define MINIVMM_ERRMSG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

static inline int __attribute__((format(printf, 3, 4)))
errmsg(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

#endif
