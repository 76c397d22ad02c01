/* SPDX-License-Identifier: GPL-2.0 */
/* Space-separated boot arguments: plain words and key=value pairs (lib/cmdline.c). */
#ifndef _LINUX_CMDLINE_H
#define _LINUX_CMDLINE_H

#include <linux/types.h>

extern const char *boot_command_line;

/* Copies the next word into @buf (truncated to @size - 1); returns where to go on, NULL at the end. */
const char *cmdline_next_word(const char *p, char *buf, size_t size);
bool cmdline_has_word(const char *cmdline, const char *word);
/* 1: found and valid, 0: absent, -EINVAL: present but not a number. */
int cmdline_get_ulong(const char *cmdline, const char *key, unsigned long *val);

#endif
