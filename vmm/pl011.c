// SPDX-License-Identifier: GPL-2.0
/*
 * PL011 UART (ARM DDI 0183), as much as Linux's amba-pl011 driver, earlycon
 * and our guests use.
 *
 * Transmission is instantaneous: a byte written to DR goes straight to the
 * tx callback, so the transmit FIFO is always empty (TXFE set, TXFF and
 * BUSY clear). As in QEMU, every DR write raises TXRIS ("the FIFO went
 * through its trigger level") and only ICR clears it; Linux's interrupt-
 * driven transmit relies on that.
 *
 * Receive has a 16-entry FIFO (a PL011 r1p*, whose periph ID we report, has
 * 16; Linux sizes its FIFO use from that revision). RXRIS is set when the
 * FIFO fills to the IFLS trigger level and clears when reads take it below
 * that level. The receive timeout is not timed: RTRIS is set as soon as a
 * byte arrives and clears when the FIFO is empty, so a guest that enables
 * RTIM (as Linux does) sees every byte without waiting. pl011_receive only
 * takes what fits: the producer holds the rest, so nothing overruns.
 *
 * The enable bits of CR are stored but not enforced (as in QEMU): earlycon
 * and bare-metal guests write DR without enabling the UART first.
 */
#include <pthread.h>
#include <stdlib.h>

#include "vmm/pl011.h"

#define PL011_FIFO_DEPTH	16

enum pl011_reg {
	UART_DR		= 0x000,
	UART_RSR	= 0x004,	/* read: RSR; write: ECR */
	UART_FR		= 0x018,
	UART_ILPR	= 0x020,
	UART_IBRD	= 0x024,
	UART_FBRD	= 0x028,
	UART_LCR_H	= 0x02c,
	UART_CR		= 0x030,
	UART_IFLS	= 0x034,
	UART_IMSC	= 0x038,
	UART_RIS	= 0x03c,
	UART_MIS	= 0x040,
	UART_ICR	= 0x044,
	UART_DMACR	= 0x048,
	UART_ID_FIRST	= 0xfe0,	/* PeriphID0..3, PCellID0..3 */
	UART_ID_LAST	= 0xffc,
	UART_WINDOW	= 0x1000,
};

#define FR_RXFE		(1u << 4)
#define FR_TXFF		(1u << 5)
#define FR_RXFF		(1u << 6)
#define FR_TXFE		(1u << 7)

#define LCR_H_FEN	(1u << 4)
#define CR_LBE		(1u << 7)
#define CR_RESET	0x300		/* TXE | RXE */
#define IFLS_RESET	0x12		/* both trigger levels at 1/2 */

#define INT_RX		(1u << 4)
#define INT_TX		(1u << 5)
#define INT_RT		(1u << 6)
#define INT_OE		(1u << 10)
#define INT_ALL		0x7ffu

#define RSR_OE		(1u << 3)

static const uint8_t pl011_ids[8] = {
	0x11, 0x10, 0x14, 0x00,	/* PeriphID: part 0x011, designer ARM, revision 1 */
	0x0d, 0xf0, 0x05, 0xb1,	/* PCellID: 0xB105F00D */
};

struct pl011 {
	pthread_mutex_t lock;
	struct pl011_ops ops;

	uint8_t rx_fifo[PL011_FIFO_DEPTH];
	unsigned int rx_head, rx_count;

	uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
	bool irq_level;		/* what set_irq was last told */
};

/* ---- state helpers, called with the lock held ---- */

static unsigned int rx_depth(const struct pl011 *uart)
{
	return uart->lcr_h & LCR_H_FEN ? PL011_FIFO_DEPTH : 1;
}

/* IFLS RXIFLSEL: 1/8, 1/4, 1/2, 3/4, 7/8 of the FIFO; one byte without FIFO. */
static unsigned int rx_trigger(const struct pl011 *uart)
{
	static const unsigned int eighths[] = { 1, 2, 4, 6, 7 };
	unsigned int sel = (uart->ifls >> 3) & 7;

	if (!(uart->lcr_h & LCR_H_FEN))
		return 1;
	if (sel >= sizeof(eighths) / sizeof(eighths[0]))
		sel = 2;	/* reserved encodings: the reset level */
	return PL011_FIFO_DEPTH * eighths[sel] / 8;
}

static void update_irq(struct pl011 *uart)
{
	bool level = (uart->ris & uart->imsc) != 0;

	if (level == uart->irq_level)
		return;
	uart->irq_level = level;
	if (uart->ops.set_irq)
		uart->ops.set_irq(uart->ops.opaque, level);
}

static bool rx_push(struct pl011 *uart, uint8_t byte)
{
	if (uart->rx_count == rx_depth(uart))
		return false;
	uart->rx_fifo[(uart->rx_head + uart->rx_count) % PL011_FIFO_DEPTH] = byte;
	uart->rx_count++;
	uart->ris |= INT_RT;
	if (uart->rx_count >= rx_trigger(uart))
		uart->ris |= INT_RX;
	return true;
}

static uint32_t rx_pop(struct pl011 *uart)
{
	uint8_t byte;

	if (!uart->rx_count)
		return 0;
	byte = uart->rx_fifo[uart->rx_head];
	uart->rx_head = (uart->rx_head + 1) % PL011_FIFO_DEPTH;
	uart->rx_count--;
	if (uart->rx_count < rx_trigger(uart))
		uart->ris &= ~INT_RX;
	if (!uart->rx_count)
		uart->ris &= ~INT_RT;
	uart->rsr = 0;	/* RSR reflects the last byte read: no errors here */
	return byte;
}

static void rx_flush(struct pl011 *uart)
{
	uart->rx_head = uart->rx_count = 0;
	uart->ris &= ~(INT_RX | INT_RT);
}

static uint32_t read_flags(const struct pl011 *uart)
{
	uint32_t fr = FR_TXFE;	/* transmit is instantaneous: never full, never busy */

	if (!uart->rx_count)
		fr |= FR_RXFE;
	if (uart->rx_count == rx_depth(uart))
		fr |= FR_RXFF;
	return fr;
}

static void transmit(struct pl011 *uart, uint8_t byte)
{
	if (uart->ops.tx)
		uart->ops.tx(uart->ops.opaque, byte);
	/* Loopback (a driver self-test) also feeds our own receiver, as in QEMU. */
	if ((uart->cr & CR_LBE) && !rx_push(uart, byte)) {
		uart->rsr |= RSR_OE;
		uart->ris |= INT_OE;
	}
	uart->ris |= INT_TX;
}

/* ---- register access ---- */

static uint32_t read_reg(struct pl011 *uart, uint32_t reg)
{
	switch (reg) {
	case UART_DR:	 return rx_pop(uart);
	case UART_RSR:	 return uart->rsr;
	case UART_FR:	 return read_flags(uart);
	case UART_ILPR:	 return uart->ilpr;
	case UART_IBRD:	 return uart->ibrd;
	case UART_FBRD:	 return uart->fbrd;
	case UART_LCR_H: return uart->lcr_h;
	case UART_CR:	 return uart->cr;
	case UART_IFLS:	 return uart->ifls;
	case UART_IMSC:	 return uart->imsc;
	case UART_RIS:	 return uart->ris;
	case UART_MIS:	 return uart->ris & uart->imsc;
	case UART_DMACR: return uart->dmacr;
	}
	if (reg >= UART_ID_FIRST && reg <= UART_ID_LAST)
		return pl011_ids[(reg - UART_ID_FIRST) / 4];
	return 0;	/* ICR is write-only; reserved and test registers read as zero */
}

static void write_reg(struct pl011 *uart, uint32_t reg, uint32_t value)
{
	switch (reg) {
	case UART_DR:
		transmit(uart, value);
		break;
	case UART_RSR:
		uart->rsr = 0;	/* ECR: any write clears the error flags */
		break;
	case UART_ILPR:
		uart->ilpr = value & 0xff;
		break;
	case UART_IBRD:
		uart->ibrd = value & 0xffff;
		break;
	case UART_FBRD:
		uart->fbrd = value & 0x3f;
		break;
	case UART_LCR_H:
		/* Switching between FIFO and character mode empties the receiver (QEMU does too). */
		if ((uart->lcr_h ^ value) & LCR_H_FEN)
			rx_flush(uart);
		uart->lcr_h = value & 0xff;
		break;
	case UART_CR:
		uart->cr = value & 0xff87;
		break;
	case UART_IFLS:
		uart->ifls = value & 0x3f;
		break;
	case UART_IMSC:
		uart->imsc = value & INT_ALL;
		break;
	case UART_ICR:
		uart->ris &= ~value;
		break;
	case UART_DMACR:
		uart->dmacr = value & 0x7;
		break;
	default:
		break;	/* FR, RIS, MIS and the IDs are read-only */
	}
	update_irq(uart);
}

/*
 * Registers are 32-bit; byte and halfword accesses see the matching part of
 * the word. Only an access at a register's own address has side effects,
 * so a stray byte read of DR+1 does not consume a received byte.
 */
uint32_t pl011_read(struct pl011 *uart, uint32_t offset, unsigned int width)
{
	uint32_t reg = offset & ~3u, shift = (offset & 3) * 8, value;

	if (offset >= UART_WINDOW || (width != 1 && width != 2 && width != 4 && width != 8))
		return 0;
	pthread_mutex_lock(&uart->lock);
	if (reg == UART_DR && shift)
		value = 0;	/* DR's error bits, which are always clear here */
	else
		value = read_reg(uart, reg);
	update_irq(uart);
	pthread_mutex_unlock(&uart->lock);

	value >>= shift;
	if (width < 4)
		value &= (1u << (8 * width)) - 1;
	return value;
}

void pl011_write(struct pl011 *uart, uint32_t offset, unsigned int width, uint32_t value)
{
	if (offset >= UART_WINDOW || (offset & 3) ||
	    (width != 1 && width != 2 && width != 4 && width != 8))
		return;
	if (width < 4)
		value &= (1u << (8 * width)) - 1;
	pthread_mutex_lock(&uart->lock);
	write_reg(uart, offset, value);
	pthread_mutex_unlock(&uart->lock);
}

size_t pl011_receive(struct pl011 *uart, const uint8_t *buf, size_t len)
{
	size_t n = 0;

	pthread_mutex_lock(&uart->lock);
	while (n < len && rx_push(uart, buf[n]))
		n++;
	update_irq(uart);
	pthread_mutex_unlock(&uart->lock);
	return n;
}

/* The registers' reset values, an empty FIFO. With the lock held, or before sharing. */
static void power_on(struct pl011 *uart)
{
	uart->rx_head = uart->rx_count = 0;
	uart->rsr = uart->ilpr = uart->ibrd = uart->fbrd = uart->lcr_h = 0;
	uart->imsc = uart->ris = uart->dmacr = 0;
	uart->cr = CR_RESET;
	uart->ifls = IFLS_RESET;
}

struct pl011 *pl011_create(const struct pl011_ops *ops)
{
	struct pl011 *uart = calloc(1, sizeof(*uart));

	if (!uart)
		return NULL;
	if (pthread_mutex_init(&uart->lock, NULL)) {
		free(uart);
		return NULL;
	}
	if (ops)
		uart->ops = *ops;
	power_on(uart);
	return uart;
}

void pl011_reset(struct pl011 *uart)
{
	pthread_mutex_lock(&uart->lock);
	power_on(uart);
	update_irq(uart);
	pthread_mutex_unlock(&uart->lock);
}

void pl011_destroy(struct pl011 *uart)
{
	if (!uart)
		return;
	pthread_mutex_destroy(&uart->lock);
	free(uart);
}
