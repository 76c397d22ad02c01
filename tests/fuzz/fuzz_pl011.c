// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the PL011 model driven by register reads and writes at
 * any offset and width and by pl011_receive (encoding: tests/fuzz/inputs.h),
 * checked after every operation against a reference kept by the fuzzer
 * from pl011.c's documented behaviour:
 *
 * - the receive FIFO holds at most 16 bytes with FEN, 1 without; receive
 *   takes exactly what fits, DR hands the bytes out in order, and only a
 *   read at DR's own address consumes one;
 * - FR agrees with the contents (RXFE empty, RXFF full; TXFE always,
 *   TXFF and BUSY never: transmission is instantaneous);
 * - RTRIS or RXRIS set means the FIFO holds something; RXRIS follows the
 *   IFLS trigger level as the FIFO fills and drains; TXRIS after every DR
 *   write until ICR; OE only from a loopback byte that found the FIFO full;
 * - the interrupt line, as set_irq last reported it, is (RIS & IMSC) != 0,
 *   MIS reads RIS & IMSC, and set_irq is only told changes;
 * - every register reads back what was written, masked to its bits;
 *   every DR write transmits its low byte, once.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/inputs.h"
#include "vmm/pl011.h"

enum {
	DR = 0x000, RSR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
	LCR_H = 0x02c, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c, MIS = 0x040,
	ICR = 0x044, DMACR = 0x048, WINDOW = 0x1000,
};

#define FR_BUSY		(1u << 3)
#define FR_RXFE		(1u << 4)
#define FR_TXFF		(1u << 5)
#define FR_RXFF		(1u << 6)
#define FR_TXFE		(1u << 7)
#define FEN		(1u << 4)
#define LBE		(1u << 7)
#define RXI		(1u << 4)
#define TXI		(1u << 5)
#define RTI		(1u << 6)
#define OEI		(1u << 10)

static const uint8_t ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static struct {
	uint8_t fifo[16];
	unsigned int head, count;
	uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
	uint8_t tx_want[4096];
	size_t nr_tx_want, nr_tx;
	bool line, in_call, quiet;
} ref;

static struct pl011 *uart;
static unsigned long step;

static void __attribute__((noreturn, format(printf, 2, 3)))
fail(const char *invariant, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_pl011: step %lu: invariant '%s' violated: ", step, invariant);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void on_tx(void *opaque, uint8_t byte)
{
	if (!ref.in_call)
		fail("tx-in-call", "tx callback outside a call");
	if (ref.nr_tx >= ref.nr_tx_want ||
	    (ref.nr_tx < sizeof(ref.tx_want) && ref.tx_want[ref.nr_tx] != byte))
		fail("tx-bytes", "transmitted %#x as byte %zu; %zu DR writes so far", byte, ref.nr_tx,
		     ref.nr_tx_want);
	ref.nr_tx++;
}

static void on_irq(void *opaque, bool level)
{
	if (!ref.in_call || ref.quiet)
		fail("irq-only-on-change", "set_irq(%d) from a call that changes nothing", level);
	if (level == ref.line)
		fail("irq-only-on-change", "set_irq(%d) twice in a row", level);
	ref.line = level;
}

/* ---- the reference ---- */

static unsigned int depth(void)
{
	return ref.lcr_h & FEN ? 16 : 1;
}

/* IFLS RXIFLSEL: 1/8, 1/4, 1/2, 3/4, 7/8 of 16; reserved values as 1/2. */
static unsigned int trigger(void)
{
	static const unsigned int eighths[8] = { 1, 2, 4, 6, 7, 4, 4, 4 };

	return ref.lcr_h & FEN ? 2 * eighths[ref.ifls >> 3 & 7] : 1;
}

static bool push(uint8_t b)
{
	if (ref.count == depth())
		return false;
	ref.fifo[(ref.head + ref.count++) % 16] = b;
	ref.ris |= RTI;
	if (ref.count >= trigger())
		ref.ris |= RXI;
	return true;
}

static uint32_t pop(void)
{
	uint8_t b;

	if (!ref.count)
		return 0;
	b = ref.fifo[ref.head];
	ref.head = (ref.head + 1) % 16;
	if (--ref.count < trigger())
		ref.ris &= ~RXI;
	if (!ref.count)
		ref.ris &= ~RTI;
	ref.rsr = 0;
	return b;
}

static uint32_t ref_flags(void)
{
	return FR_TXFE | (ref.count ? 0 : FR_RXFE) | (ref.count == depth() ? FR_RXFF : 0);
}

/* The register word at @reg, without side effects. */
static uint32_t ref_peek(uint32_t reg)
{
	switch (reg) {
	case RSR:	return ref.rsr;
	case FR:	return ref_flags();
	case ILPR:	return ref.ilpr;
	case IBRD:	return ref.ibrd;
	case FBRD:	return ref.fbrd;
	case LCR_H:	return ref.lcr_h;
	case CR:	return ref.cr;
	case IFLS:	return ref.ifls;
	case IMSC:	return ref.imsc;
	case RIS:	return ref.ris;
	case MIS:	return ref.ris & ref.imsc;
	case DMACR:	return ref.dmacr;
	}
	return reg >= 0xfe0 && reg < WINDOW ? ids[(reg - 0xfe0) / 4] : 0;
}

static bool width_ok(unsigned int width)
{
	return width == 1 || width == 2 || width == 4 || width == 8;
}

static uint32_t ref_read(uint32_t off, unsigned int width)
{
	uint32_t reg = off & ~3u, v;

	if (off >= WINDOW || !width_ok(width))
		return 0;
	if (reg == DR)
		v = off & 3 ? 0 : pop();	/* only DR's own address consumes */
	else
		v = ref_peek(reg);
	v >>= 8 * (off & 3);
	return width < 4 ? v & ((1u << (8 * width)) - 1) : v;
}

static void ref_write(uint32_t off, unsigned int width, uint32_t v)
{
	if (off >= WINDOW || (off & 3) || !width_ok(width))
		return;
	if (width < 4)
		v &= (1u << (8 * width)) - 1;
	switch (off) {
	case DR:
		if (ref.nr_tx_want < sizeof(ref.tx_want))	/* the rest only counted */
			ref.tx_want[ref.nr_tx_want] = v;
		ref.nr_tx_want++;
		if ((ref.cr & LBE) && !push(v)) {
			ref.rsr |= 1u << 3;	/* overrun */
			ref.ris |= OEI;
		}
		ref.ris |= TXI;
		break;
	case RSR:	ref.rsr = 0; break;
	case ILPR:	ref.ilpr = v & 0xff; break;
	case IBRD:	ref.ibrd = v & 0xffff; break;
	case FBRD:	ref.fbrd = v & 0x3f; break;
	case LCR_H:
		if ((ref.lcr_h ^ v) & FEN) {	/* FIFO on or off: the receiver empties */
			ref.count = ref.head = 0;
			ref.ris &= ~(RXI | RTI);
		}
		ref.lcr_h = v & 0xff;
		break;
	case CR:	ref.cr = v & 0xff87; break;
	case IFLS:	ref.ifls = v & 0x3f; break;
	case IMSC:	ref.imsc = v & 0x7ff; break;
	case ICR:	ref.ris &= ~v; break;
	case DMACR:	ref.dmacr = v & 0x7; break;
	}
}

/* ---- checks ---- */

static uint32_t peek(uint32_t reg)
{
	uint32_t v;

	ref.in_call = ref.quiet = true;
	v = pl011_read(uart, reg, 4);
	ref.in_call = ref.quiet = false;
	if (v != ref_peek(reg))
		fail("register-consistency", "register %#x reads %#x, the reference says %#x", reg, v,
		     ref_peek(reg));
	return v;
}

static void check_state(void)
{
	static const uint32_t regs[] = { RSR, ILPR, IBRD, FBRD, LCR_H, CR, IFLS, DMACR, 0xfe0, 0xffc };
	uint32_t fr = peek(FR), ris = peek(RIS), imsc = peek(IMSC), mis = peek(MIS);

	for (unsigned int i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		peek(regs[i]);
	if (ref.count > depth())
		fail("fifo-depth", "%u bytes in a FIFO of %u", ref.count, depth());
	if (!(fr & FR_TXFE) || (fr & (FR_TXFF | FR_BUSY)))
		fail("flags-tx", "FR %#x: transmit is instantaneous", fr);
	if (!!(fr & FR_RXFE) != !ref.count || !!(fr & FR_RXFF) != (ref.count == depth()))
		fail("flags-contents", "FR %#x with %u of %u bytes", fr, ref.count, depth());
	if ((ris & (RXI | RTI)) && (fr & FR_RXFE))
		fail("rx-interrupt-means-data", "RIS %#x with an empty FIFO", ris);
	if (mis != (ris & imsc))
		fail("mis", "MIS %#x, RIS %#x, IMSC %#x", mis, ris, imsc);
	if (ref.line != ((ris & imsc) != 0))
		fail("irq-line", "line %d with RIS %#x and IMSC %#x", ref.line, ris, imsc);
	if (ref.nr_tx != ref.nr_tx_want)
		fail("tx-bytes", "%zu bytes transmitted for %zu DR writes", ref.nr_tx, ref.nr_tx_want);
}

/* ---- operations ---- */

static void op_read(uint32_t off, unsigned int width)
{
	uint32_t want = ref_read(off, width), got;

	ref.in_call = true;
	got = pl011_read(uart, off, width);
	ref.in_call = false;
	if (got != want)
		fail("read-value", "read +%#x width %u = %#x, the reference says %#x", off, width, got,
		     want);
}

static void op_write(uint32_t off, unsigned int width, uint32_t v)
{
	ref_write(off, width, v);
	ref.in_call = true;
	pl011_write(uart, off, width, v);
	ref.in_call = false;
}

static void op_receive(const uint8_t *buf, size_t len)
{
	size_t room = depth() - ref.count, want = len < room ? len : room, got;

	for (size_t i = 0; i < want; i++)
		push(buf[i]);
	ref.in_call = true;
	got = pl011_receive(uart, buf, len);
	ref.in_call = false;
	if (got != want)
		fail("receive-takes-what-fits", "took %zu of %zu bytes with room for %zu", got, len, room);
}

static uint32_t take(const uint8_t **p, size_t *left, unsigned int n, bool *ok)
{
	uint32_t v = 0;

	if (*left < n) {
		*ok = false;
		return 0;
	}
	for (unsigned int i = 0; i < n; i++)
		v |= (uint32_t)(*p)[i] << (8 * i);
	*p += n;
	*left -= n;
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pl011_ops ops = { .tx = on_tx, .set_irq = on_irq };
	bool ok = true;

	memset(&ref, 0, sizeof(ref));
	ref.cr = 0x300;		/* TXE | RXE */
	ref.ifls = 0x12;	/* both trigger levels at 1/2 */
	uart = pl011_create(&ops);
	step = 0;
	check_state();
	while (ok && size) {
		unsigned int op = take(&data, &size, 1, &ok), width = 1u << (op >> 2 & 3);
		uint32_t off, v, n;

		switch (op & 3) {
		case PF_READ:
			off = take(&data, &size, 2, &ok) & 0x1fff;
			if (ok)
				op_read(off, width);
			break;
		case PF_WRITE:
			off = take(&data, &size, 2, &ok) & 0x1fff;
			v = take(&data, &size, 4, &ok);
			if (ok)
				op_write(off, width, v);
			break;
		case PF_RECEIVE:
			n = take(&data, &size, 1, &ok);
			n = n < size ? n : size;
			op_receive(data, n);
			data += n;
			size -= n;
			break;
		default:
			n = take(&data, &size, 1, &ok);
			for (uint32_t i = 0; i < n && ok; i++)
				op_read(DR, 4);
		}
		check_state();
		step++;
	}
	pl011_destroy(uart);
	return 0;
}
