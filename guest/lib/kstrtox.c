// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/errno.h>

/* Whole string must be a number: base 0 accepts 0x.. and decimal. Suffix k/m multiplies. */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long v = 0;
	bool any = false;

	if (!base) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	}
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			return -EINVAL;
		v = v * base + d;
		any = true;
	}
	if (!any)
		return -EINVAL;
	if (*s == 'k' || *s == 'K')
		v *= 1000, s++;
	else if (*s == 'm' || *s == 'M')
		v *= 1000000, s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}
