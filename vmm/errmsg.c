// SPDX-License-Identifier: GPL-2.0
/* quoted(): user strings in one-line messages (see errmsg.h). */
#include <stdbool.h>
#include <string.h>

#include "vmm/errmsg.h"

static size_t escaped_len(unsigned char c)
{
	if (c >= 0x20 && c != 0x7f)
		return 1;
	return c == '\n' || c == '\t' || c == '\r' ? 2 : 4;
}

static char *put_escaped(char *o, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	switch (escaped_len(c)) {
	case 1:
		*o++ = c;
		break;
	case 2:
		*o++ = '\\';
		*o++ = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		break;
	default:
		*o++ = '\\';
		*o++ = 'x';
		*o++ = hex[c >> 4];
		*o++ = hex[c & 15];
	}
	return o;
}

static bool utf8_continuation(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

struct quoted quoted(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), total = 0, head = 0, tail = n, used;
	struct quoted q;
	char *o = q.s;

	for (size_t i = 0; i < n; i++)
		total += escaped_len(p[i]);
	if (total <= QUOTED_HEAD + 3 + QUOTED_TAIL) {
		head = n;
	} else {
		for (used = 0; used + escaped_len(p[head]) <= QUOTED_HEAD; head++)
			used += escaped_len(p[head]);
		while (head > 0 && utf8_continuation(p[head]))
			head--;
		for (used = 0; used + escaped_len(p[tail - 1]) <= QUOTED_TAIL; tail--)
			used += escaped_len(p[tail - 1]);
		while (tail < n && utf8_continuation(p[tail]))
			tail++;
	}
	for (size_t i = 0; i < head; i++)
		o = put_escaped(o, p[i]);
	if (head < n) {
		memcpy(o, "...", 3);
		o += 3;
		for (size_t i = tail; i < n; i++)
			o = put_escaped(o, p[i]);
	}
	*o = '\0';
	return q;
}
