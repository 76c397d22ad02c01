// SPDX-License-Identifier: GPL-2.0
#include "lib.h"

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1u << 5)

int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;

	asm volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	return (int64_t)x0;
}

static void putc(char c)
{
	while (readl(MEMMAP_UART_BASE + UART_FR) & UART_FR_TXFF)
		;
	writel((uint8_t)c, MEMMAP_UART_BASE + UART_DR);
}

void puts(const char *s)
{
	while (*s)
		putc(*s++);
}

void puthex(uint64_t v)
{
	char buf[19] = "0x";
	int n = 0;

	for (int shift = 60; shift >= 0; shift -= 4) {
		unsigned d = (v >> shift) & 0xf;

		if (d || n || shift == 0)
			buf[2 + n++] = d < 10 ? '0' + d : 'a' + d - 10;
	}
	buf[2 + n] = 0;
	puts(buf);
}

void putdec(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = 0;
	do {
		buf[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	puts(&buf[i]);
}

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/*
 * Call @fn for every property of the DTB's structure block, with the name
 * and depth (1 = root) of its node, until @fn returns non-zero; returns that
 * value, or 0. Enough for these guests; guest.img has a real FDT reader.
 */
typedef int (*fdt_prop_fn)(int depth, const char *node, const char *name,
			   const uint8_t *val, uint32_t len, void *ctx);

static int fdt_walk(const void *dtb, fdt_prop_fn fn, void *ctx)
{
	const uint8_t *base = dtb;
	const uint8_t *p, *strings;
	const char *node = "";
	int depth = 0;

	if (!dtb || be32(base) != 0xd00dfeed)
		return 0;
	p = base + be32(base + 8);
	strings = base + be32(base + 12);
	for (;;) {
		uint32_t tok = be32(p);

		p += 4;
		if (tok == 1) {			/* FDT_BEGIN_NODE */
			int len = 0;

			node = (const char *)p;
			while (node[len])
				len++;
			depth++;
			p += (len + 4) & ~3;
		} else if (tok == 2) {		/* FDT_END_NODE */
			depth--;
			node = "";
		} else if (tok == 3) {		/* FDT_PROP */
			uint32_t len = be32(p), nameoff = be32(p + 4);
			int ret = fn(depth, node, (const char *)strings + nameoff, p + 8, len, ctx);

			if (ret)
				return ret;
			p += 8 + ((len + 3) & ~3);
		} else if (tok == 4) {		/* FDT_NOP */
		} else {
			return 0;		/* FDT_END or garbage */
		}
	}
}

static int find_bootargs(int depth, const char *node, const char *name,
			 const uint8_t *val, uint32_t len, void *ctx)
{
	if (depth != 2 || !streq(node, "chosen") || !streq(name, "bootargs"))
		return 0;
	*(const char **)ctx = (const char *)val;
	return 1;
}

const char *bootargs(const void *dtb)
{
	const char *args = "";

	fdt_walk(dtb, find_bootargs, &args);
	return args;
}

static int find_compatible(int depth, const char *node, const char *name,
			   const uint8_t *val, uint32_t len, void *ctx)
{
	uint32_t i = 0;

	if (!streq(name, "compatible"))
		return 0;
	/* A list of NUL-terminated strings. */
	while (i < len) {
		const char *s = (const char *)val + i;

		if (streq(s, ctx))
			return 1;
		while (i < len && val[i])
			i++;
		i++;
	}
	return 0;
}

int dtb_compatible(const void *dtb, const char *compat)
{
	return fdt_walk(dtb, find_compatible, (void *)compat);
}

uint64_t parse_number(const char *s, uint64_t def)
{
	uint64_t v = 0;

	while (*s && (*s < '0' || *s > '9'))
		s++;
	if (!*s)
		return def;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

uint64_t bootarg_number(const char *args, const char *key, uint64_t def)
{
	const char *p = args;

	while (*p) {
		const char *k = key;
		const char *w = p;

		while (*k && *w == *k)
			w++, k++;
		if (!*k && *w == '=' && w[1] >= '0' && w[1] <= '9')
			return parse_number(w + 1, def);
		while (*p && *p != ' ')		/* next word */
			p++;
		while (*p == ' ')
			p++;
	}
	return def;
}

void test_exit(uint32_t code)
{
	writel(code, MEMMAP_TEST_EXIT_BASE);
}

void system_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		asm volatile("wfi");
}

/* Guests that never start secondaries still link. */
__attribute__((weak)) void secondary_main(uint64_t cpu)
{
}
