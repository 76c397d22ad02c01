// SPDX-License-Identifier: GPL-2.0
/* The PL011 model: registers, FIFO, interrupts, IDs, and concurrent use. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>

#include "tests/unit/unit.h"
#include "vmm/pl011.h"

#define DR	0x000
#define RSR	0x004
#define FR	0x018
#define ILPR	0x020
#define IBRD	0x024
#define FBRD	0x028
#define LCR_H	0x02c
#define CR	0x030
#define IFLS	0x034
#define IMSC	0x038
#define RIS	0x03c
#define MIS	0x040
#define ICR	0x044
#define DMACR	0x048

#define FR_BUSY	(1u << 3)
#define FR_RXFE	(1u << 4)
#define FR_TXFF	(1u << 5)
#define FR_RXFF	(1u << 6)
#define FR_TXFE	(1u << 7)
#define FEN	(1u << 4)
#define LBE	(1u << 7)
#define RXI	(1u << 4)
#define TXI	(1u << 5)
#define RTI	(1u << 6)
#define OEI	(1u << 10)

struct sink {
	uint8_t tx[1 << 16];
	atomic_size_t nr_tx;
	bool level;
	int irq_calls;
	bool repeated_level;	/* set_irq told the same level twice */
};

static struct sink sink;
static struct pl011 *uart;

static void sink_tx(void *opaque, uint8_t byte)
{
	struct sink *s = opaque;
	size_t n = atomic_fetch_add(&s->nr_tx, 1);

	if (n < sizeof(s->tx))
		s->tx[n] = byte;
}

static void sink_irq(void *opaque, bool level)
{
	struct sink *s = opaque;

	if (level == s->level)
		s->repeated_level = true;
	s->level = level;
	s->irq_calls++;
}

static void setup(void)
{
	struct pl011_ops ops = { .tx = sink_tx, .set_irq = sink_irq, .opaque = &sink };

	memset(&sink, 0, sizeof(sink));
	uart = pl011_create(&ops);
	ck_assert_ptr_nonnull(uart);
}

static void teardown(void)
{
	ck_assert(!sink.repeated_level);
	pl011_destroy(uart);
}

static uint32_t rd(uint32_t off)
{
	return pl011_read(uart, off, 4);
}

static void wr(uint32_t off, uint32_t val)
{
	pl011_write(uart, off, 4, val);
}

static size_t rx(const char *s)
{
	return pl011_receive(uart, (const uint8_t *)s, strlen(s));
}

START_TEST(test_ids)
{
	static const uint8_t ids[] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	uint32_t periph = 0, cell = 0;

	for (int i = 0; i < 8; i++) {
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), ids[i]);
		ck_assert_uint_eq(pl011_read(uart, 0xfe0 + 4 * i, 1), ids[i]);
	}
	/* How the AMBA bus assembles them. */
	for (int i = 0; i < 4; i++) {
		periph |= (rd(0xfe0 + 4 * i) & 0xff) << (8 * i);
		cell |= (rd(0xff0 + 4 * i) & 0xff) << (8 * i);
	}
	/* Linux's amba_id for a PL011: 0x00041011 under mask 0x000fffff; revision 1 (16-byte FIFO). */
	ck_assert_uint_eq(periph, 0x00141011);
	ck_assert_uint_eq(periph & 0x000fffff, 0x00041011);
	ck_assert_uint_eq((periph >> 20) & 0xf, 1);
	ck_assert_uint_eq(cell, 0xb105f00d);

	/* Read-only. */
	wr(0xfe0, 0);
	ck_assert_uint_eq(rd(0xfe0), 0x11);
}
END_TEST

START_TEST(test_reset_values)
{
	ck_assert_uint_eq(rd(FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(CR), 0x300);
	ck_assert_uint_eq(rd(IFLS), 0x12);
	ck_assert_uint_eq(rd(LCR_H), 0);
	ck_assert_uint_eq(rd(IMSC), 0);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_uint_eq(rd(RSR), 0);
	ck_assert_uint_eq(rd(DR), 0);	/* empty FIFO */
	ck_assert_int_eq(sink.irq_calls, 0);
}
END_TEST

START_TEST(test_tx)
{
	wr(DR, 'h');
	pl011_write(uart, DR, 1, 'i');			/* strb */
	pl011_write(uart, DR, 4, 0xffffff00 | '\n');	/* only the low byte is data */
	ck_assert_uint_eq(sink.nr_tx, 3);
	ck_assert_int_eq(memcmp(sink.tx, "hi\n", 3), 0);

	/* Never full, never busy: a polling guest never waits. */
	ck_assert_uint_eq(rd(FR) & (FR_TXFF | FR_BUSY), 0);
	ck_assert_uint_eq(rd(FR) & FR_TXFE, FR_TXFE);

	/* TXRIS is up after a write, but masked. */
	ck_assert_uint_eq(rd(RIS), TXI);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(sink.irq_calls, 0);

	wr(IMSC, TXI);
	ck_assert(sink.level);
	ck_assert_uint_eq(rd(MIS), TXI);
	wr(ICR, TXI);
	ck_assert(!sink.level);
	ck_assert_uint_eq(rd(RIS), 0);

	/* The next write raises it again (Linux's TX interrupt path). */
	wr(DR, 'x');
	ck_assert(sink.level);
	ck_assert_int_eq(sink.irq_calls, 3);
}
END_TEST

START_TEST(test_rx_fifo_and_flags)
{
	wr(LCR_H, FEN | 0x60);	/* 8N1, FIFOs on */
	ck_assert_uint_eq(rx("abc"), 3);
	ck_assert_uint_eq(rd(FR) & (FR_RXFE | FR_RXFF), 0);
	ck_assert_uint_eq(rd(DR), 'a');
	ck_assert_uint_eq(rd(DR), 'b');
	ck_assert_uint_eq(rd(FR) & FR_RXFE, 0);
	ck_assert_uint_eq(rd(DR), 'c');
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	ck_assert_uint_eq(rd(DR), 0);
}
END_TEST

START_TEST(test_rx_fifo_full)
{
	char got[17] = "";

	wr(LCR_H, FEN);
	ck_assert_uint_eq(rx("0123456789abcdefXYZ"), 16);
	ck_assert_uint_eq(rd(FR) & FR_RXFF, FR_RXFF);
	ck_assert_uint_eq(rx("Q"), 0);
	ck_assert_uint_eq(rd(DR), '0');
	ck_assert_uint_eq(rd(FR) & FR_RXFF, 0);
	ck_assert_uint_eq(rx("XY"), 1);
	for (int i = 0; i < 16; i++)
		got[i] = rd(DR);
	ck_assert_str_eq(got, "123456789abcdefX");
	ck_assert_uint_eq(rd(FR), FR_TXFE | FR_RXFE);
	/* A full FIFO refuses bytes: no overrun is ever reported. */
	ck_assert_uint_eq(rd(RSR), 0);
	ck_assert_uint_eq(rd(RIS) & OEI, 0);
}
END_TEST

START_TEST(test_rx_character_mode)
{
	/* FEN clear (the reset state): a one-byte holding register. */
	ck_assert_uint_eq(rx("ab"), 1);
	ck_assert_uint_eq(rd(FR) & FR_RXFF, FR_RXFF);
	ck_assert_uint_eq(rd(RIS) & RXI, RXI);	/* trigger is one byte */
	ck_assert_uint_eq(rd(DR), 'a');
	ck_assert_uint_eq(rd(RIS) & (RXI | RTI), 0);
	ck_assert_uint_eq(rx("b"), 1);
}
END_TEST

START_TEST(test_rx_interrupts)
{
	wr(LCR_H, FEN);
	wr(IMSC, RXI | RTI);	/* what Linux enables */
	ck_assert_int_eq(sink.irq_calls, 0);

	/* One byte: only the (untimed) receive timeout. */
	ck_assert_uint_eq(rx("a"), 1);
	ck_assert_uint_eq(rd(RIS), RTI);
	ck_assert_uint_eq(rd(MIS), RTI);
	ck_assert(sink.level);
	ck_assert_uint_eq(rd(DR), 'a');
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert(!sink.level);

	/* Eight bytes reach the reset trigger level (1/2 of 16). */
	ck_assert_uint_eq(rx("1234567"), 7);
	ck_assert_uint_eq(rd(RIS), RTI);
	ck_assert_uint_eq(rx("8"), 1);
	ck_assert_uint_eq(rd(RIS), RTI | RXI);
	rd(DR);	/* 7 left: below the level */
	ck_assert_uint_eq(rd(RIS), RTI);
	ck_assert(sink.level);
	while (!(rd(FR) & FR_RXFE))
		rd(DR);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert(!sink.level);
	ck_assert_int_eq(sink.irq_calls, 4);
}
END_TEST

START_TEST(test_rx_masking_and_clearing)
{
	wr(LCR_H, FEN);
	ck_assert_uint_eq(rx("abcdefghij"), 10);
	ck_assert_uint_eq(rd(RIS), RXI | RTI);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(sink.irq_calls, 0);

	wr(IMSC, RXI);
	ck_assert(sink.level);
	wr(IMSC, 0);
	ck_assert(!sink.level);
	wr(IMSC, RTI);
	ck_assert(sink.level);

	/* ICR clears what it names, even with data still waiting... */
	wr(ICR, RTI);
	ck_assert_uint_eq(rd(RIS), RXI);
	ck_assert(!sink.level);
	/* ...until more arrives. */
	ck_assert_uint_eq(rx("k"), 1);
	ck_assert_uint_eq(rd(RIS), RXI | RTI);
	ck_assert(sink.level);

	/* Writing RIS or MIS does nothing; ICR of unrelated bits neither. */
	wr(RIS, 0);
	wr(MIS, 0);
	wr(ICR, TXI | OEI);
	ck_assert_uint_eq(rd(RIS), RXI | RTI);
	wr(ICR, 0x7ff);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert(!sink.level);
	ck_assert_uint_eq(rd(DR), 'a');	/* clearing does not drop data */
}
END_TEST

START_TEST(test_rx_trigger_levels)
{
	static const unsigned int level[] = { 2, 4, 8, 12, 14 };

	for (unsigned int sel = 0; sel < 5; sel++) {
		wr(LCR_H, FEN);
		wr(IFLS, sel << 3);
		for (unsigned int i = 0; i + 1 < level[sel]; i++)
			ck_assert_uint_eq(rx("x"), 1);
		ck_assert_msg(!(rd(RIS) & RXI), "level %u: RX too early", sel);
		ck_assert_uint_eq(rx("x"), 1);
		ck_assert_msg(rd(RIS) & RXI, "level %u: no RX at %u bytes", sel, level[sel]);
		wr(LCR_H, 0);	/* leaving FIFO mode flushes */
		ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
		ck_assert_uint_eq(rd(RIS) & (RXI | RTI), 0);
	}
	ck_assert_uint_eq(rd(IFLS), 4 << 3);
}
END_TEST

START_TEST(test_loopback)
{
	wr(LCR_H, FEN);
	wr(CR, 0x301 | LBE);
	wr(DR, 'L');
	ck_assert_uint_eq(sink.nr_tx, 1);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, 0);
	ck_assert_uint_eq(rd(DR), 'L');

	/* Beyond the FIFO, loopback bytes overrun. */
	for (int i = 0; i < 17; i++)
		wr(DR, 'a' + i);
	ck_assert_uint_eq(rd(RSR) & 8, 8);
	ck_assert_uint_eq(rd(RIS) & OEI, OEI);
	wr(RSR, 0);	/* ECR */
	ck_assert_uint_eq(rd(RSR), 0);
}
END_TEST

START_TEST(test_control_registers)
{
	wr(IBRD, 0x12345);
	ck_assert_uint_eq(rd(IBRD), 0x2345);
	wr(FBRD, 0xff);
	ck_assert_uint_eq(rd(FBRD), 0x3f);
	wr(ILPR, 0x1ff);
	ck_assert_uint_eq(rd(ILPR), 0xff);
	wr(LCR_H, 0x170);
	ck_assert_uint_eq(rd(LCR_H), 0x70);
	wr(CR, 0xffffffff);
	ck_assert_uint_eq(rd(CR), 0xff87);
	wr(IFLS, 0xff);
	ck_assert_uint_eq(rd(IFLS), 0x3f);
	wr(IMSC, 0xffffffff);
	ck_assert_uint_eq(rd(IMSC), 0x7ff);
	wr(DMACR, 0xff);
	ck_assert_uint_eq(rd(DMACR), 0x7);
	wr(FR, 0);
	ck_assert_uint_eq(rd(FR), FR_TXFE | FR_RXFE);

	/* Reserved space and the write-only ICR read as zero. */
	ck_assert_uint_eq(rd(ICR), 0);
	ck_assert_uint_eq(rd(0x100), 0);
	ck_assert_uint_eq(rd(0xf00), 0);
	ck_assert_uint_eq(rd(0x1000), 0);
}
END_TEST

START_TEST(test_access_widths)
{
	wr(IBRD, 0xbeef);
	ck_assert_uint_eq(pl011_read(uart, IBRD, 2), 0xbeef);
	ck_assert_uint_eq(pl011_read(uart, IBRD, 1), 0xef);
	ck_assert_uint_eq(pl011_read(uart, IBRD + 1, 1), 0xbe);
	ck_assert_uint_eq(pl011_read(uart, IBRD, 8), 0xbeef);
	ck_assert_uint_eq(pl011_read(uart, IBRD, 3), 0);	/* no such access */

	pl011_write(uart, IBRD, 1, 0x1234);	/* a byte store writes a byte */
	ck_assert_uint_eq(rd(IBRD), 0x34);
	pl011_write(uart, IBRD + 1, 1, 0x12);	/* not at a register: ignored */
	ck_assert_uint_eq(rd(IBRD), 0x34);

	/* Only a read at DR itself consumes a byte. */
	ck_assert_uint_eq(rx("z"), 1);
	ck_assert_uint_eq(pl011_read(uart, DR + 1, 1), 0);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, 0);
	ck_assert_uint_eq(pl011_read(uart, DR, 1), 'z');
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
}
END_TEST

START_TEST(test_no_callbacks)
{
	struct pl011 *bare = pl011_create(NULL);

	ck_assert_ptr_nonnull(bare);
	pl011_write(bare, IMSC, 4, TXI);
	pl011_write(bare, DR, 4, 'a');
	ck_assert_uint_eq(pl011_read(bare, MIS, 4), TXI);
	pl011_destroy(bare);
	pl011_destroy(NULL);
}
END_TEST

/* ---- concurrency: a producer thread and a guest-like consumer ---- */

#define STREAM_LEN 200000

static void *produce(void *arg)
{
	size_t sent = 0;

	(void)arg;
	while (sent < STREAM_LEN) {
		uint8_t chunk[7];
		size_t n = STREAM_LEN - sent < sizeof(chunk) ? STREAM_LEN - sent : sizeof(chunk);

		for (size_t i = 0; i < n; i++)
			chunk[i] = (uint8_t)((sent + i) * 31);
		n = pl011_receive(uart, chunk, n);
		if (!n)
			sched_yield();	/* FIFO full: let the consumer run (2 cores, more threads) */
		sent += n;
	}
	return NULL;
}

static void *transmit_many(void *arg)
{
	for (int i = 0; i < 5000; i++)
		wr(DR, (uint8_t)(uintptr_t)arg);
	return NULL;
}

START_TEST(test_concurrent_rx_tx)
{
	pthread_t producer, writers[3];
	size_t got = 0;

	wr(LCR_H, FEN);
	wr(IMSC, RXI | RTI | TXI);
	ck_assert_int_eq(pthread_create(&producer, NULL, produce, NULL), 0);
	for (uintptr_t i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_create(&writers[i], NULL, transmit_many, (void *)i), 0);

	while (got < STREAM_LEN) {
		if (rd(FR) & FR_RXFE) {
			sched_yield();
			continue;
		}
		ck_assert_uint_eq(rd(DR), (uint8_t)(got * 31));
		got++;
	}
	pthread_join(producer, NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(writers[i], NULL);

	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	ck_assert_uint_eq(sink.nr_tx, 3 * 5000);
	/* The line ends where the registers say, and it only ever toggled. */
	wr(ICR, 0x7ff);
	ck_assert(!sink.level);
	ck_assert(!sink.repeated_level);
}
END_TEST

static Suite *pl011_suite(void)
{
	Suite *s = suite_create("pl011");
	TCase *tc = tcase_create("model");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ids);
	tcase_add_test(tc, test_reset_values);
	tcase_add_test(tc, test_tx);
	tcase_add_test(tc, test_rx_fifo_and_flags);
	tcase_add_test(tc, test_rx_fifo_full);
	tcase_add_test(tc, test_rx_character_mode);
	tcase_add_test(tc, test_rx_interrupts);
	tcase_add_test(tc, test_rx_masking_and_clearing);
	tcase_add_test(tc, test_rx_trigger_levels);
	tcase_add_test(tc, test_loopback);
	tcase_add_test(tc, test_control_registers);
	tcase_add_test(tc, test_access_widths);
	tcase_add_test(tc, test_no_callbacks);
	tcase_add_test(tc, test_concurrent_rx_tx);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
UNIT_SUITE(pl011_suite)
