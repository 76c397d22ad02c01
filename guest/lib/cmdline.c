// SPDX-License-Identifier: GPL-2.0
#include <linux/cmdline.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

const char *boot_command_line = "";

const char *cmdline_next_word(const char *p, char *buf, size_t size)
{
	size_t n = 0;

	p = skip_spaces(p);
	if (!*p)
		return NULL;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
		if (n + 1 < size)
			buf[n++] = *p;
		p++;
	}
	buf[n] = '\0';
	return p;
}

bool cmdline_has_word(const char *cmdline, const char *word)
{
	char buf[64];
	const char *p = cmdline;

	while ((p = cmdline_next_word(p, buf, sizeof(buf))))
		if (!strcmp(buf, word))
			return true;
	return false;
}

int cmdline_get_ulong(const char *cmdline, const char *key, unsigned long *val)
{
	char buf[64];
	const char *p = cmdline;
	size_t klen = strlen(key);
	int found = 0;

	/* the last occurrence wins, like Linux's parse_args */
	while ((p = cmdline_next_word(p, buf, sizeof(buf)))) {
		if (strncmp(buf, key, klen) || buf[klen] != '=')
			continue;
		if (kstrtoul(buf + klen + 1, 0, val))
			return -EINVAL;
		found = 1;
	}
	return found;
}
