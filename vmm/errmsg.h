/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one-line error convention: functions fill a caller's buffer, return -1.
 * Anything a user typed (file names, option values) goes into a message
 * through quoted(), so the line stays one line and keeps its reason.
 */
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

/* At most this many bytes of the quoted string's head and of its tail. */
#define QUOTED_HEAD	48
#define QUOTED_TAIL	48

struct quoted {
	char s[QUOTED_HEAD + 3 + QUOTED_TAIL + 1];
};

/*
 * @s made fit for a one-line message: control characters escaped (\n, \t,
 * \r, \xNN), and a long string cut in the middle ("head...tail"), never
 * inside an escape or a UTF-8 character, so that the error's reason after
 * it is not lost to the message buffer's size.
 */
struct quoted quoted(const char *s);

#endif
