// SPDX-License-Identifier: GPL-2.0
/*
 * PL011 console output (drivers/tty/serial/amba-pl011.c, polled write only).
 * Each register access is one MMIO exit under a trapping hypervisor, so we
 * read FR once and, when the TX FIFO is empty, push a burst of characters
 * that is sure to fit (the PL011 FIFO holds 16 or 32).
 */
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <linux/string.h>
#include <asm/io.h>

#define UART01x_DR		0x00
#define UART01x_FR		0x18
#define UART011_LCRH		0x2c
#define UART011_CR		0x30
#define UART01x_FR_TXFF		(1U << 5)
#define UART01x_FR_TXFE		(1U << 7)
#define UART01x_CR_UARTEN	(1U << 0)
#define UART011_CR_TXE		(1U << 8)
#define UART011_CR_RXE		(1U << 9)
#define UART01x_LCRH_FEN	(1U << 4)
#define UART01x_LCRH_WLEN_8	(3U << 5)

#define PL011_TX_BURST		16

static void __iomem *pl011_base;

static void pl011_console_write(const char *s, unsigned int n)
{
	unsigned int room = 0;

	for (unsigned int i = 0; i < n; i++) {
		bool crlf = s[i] == '\n';

		for (int k = crlf ? 2 : 1; k; k--) {
			while (!room) {
				u32 fr = readl_relaxed(pl011_base + UART01x_FR);

				if (fr & UART01x_FR_TXFE)
					room = PL011_TX_BURST;
				else if (!(fr & UART01x_FR_TXFF))
					room = 1;
			}
			writel_relaxed(k == 2 ? '\r' : (u8)s[i], pl011_base + UART01x_DR);
			room--;
		}
	}
}

/* The UART named by /chosen/stdout-path, else the first arm,pl011 node. */
static int pl011_find(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const char *path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;

	if (path && path[0] == '/') {
		char buf[64];
		size_t n = 0;

		while (path[n] && path[n] != ':' && n < sizeof(buf) - 1) {
			buf[n] = path[n];
			n++;
		}
		buf[n] = '\0';
		int node = fdt_path_offset(fdt, buf);

		if (node >= 0 && !fdt_node_check_compatible(fdt, node, "arm,pl011"))
			return node;
	}
	return fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
}

/* Returns 0 when a console is registered. Fallback: QEMU virt's UART (only without a DT). */
int pl011_console_init(const void *fdt, phys_addr_t fallback)
{
	u64 base = fallback;
	u32 cr;

	if (fdt) {
		int node = pl011_find(fdt);

		if (node < 0 || fdt_get_reg(fdt, node, 0, &base, NULL))
			return -1;
	}
	pl011_base = ioremap(base, 0x1000);
	cr = readl_relaxed(pl011_base + UART011_CR);
	if ((cr & (UART01x_CR_UARTEN | UART011_CR_TXE)) != (UART01x_CR_UARTEN | UART011_CR_TXE)) {
		writel_relaxed(UART01x_LCRH_WLEN_8 | UART01x_LCRH_FEN, pl011_base + UART011_LCRH);
		writel_relaxed(cr | UART01x_CR_UARTEN | UART011_CR_TXE | UART011_CR_RXE,
			       pl011_base + UART011_CR);
	}
	register_console_write(pl011_console_write);
	return 0;
}
