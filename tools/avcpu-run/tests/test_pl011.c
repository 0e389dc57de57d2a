// SPDX-License-Identifier: GPL-2.0
/*
 * pl011.c and console.c on the host: the UART's registers through
 * mmio_access(), its transmit side on stdout, its receive FIFO fed from
 * stdin by console.c's reader thread (a pipe here), and the level it
 * gives its GIC SPI (irq_set_spi() stands in for irq.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "../console.h"
#include "../device.h"
#include "../irq.h"
#include "../mmio.h"
#include "../pl011.h"

#define UARTDR		0x000
#define UARTRSR		0x004
#define UARTFR		0x018
#define UARTILPR	0x020
#define UARTIBRD	0x024
#define UARTFBRD	0x028
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define UARTDMACR	0x048

#define FR_CTS		BIT(0)
#define FR_DSR		BIT(1)
#define FR_DCD		BIT(2)
#define FR_BUSY		BIT(3)
#define FR_RXFE		BIT(4)
#define FR_TXFF		BIT(5)
#define FR_RXFF		BIT(6)
#define FR_TXFE		BIT(7)
#define FR_IDLE		(FR_TXFE | FR_CTS | FR_DSR | FR_DCD)
#define LCR_H_FEN	BIT(4)
#define INT_RX		BIT(4)
#define INT_TX		BIT(5)
#define INT_RT		BIT(6)

#define FIFO		32
#define WAIT_MS		5000

static int spi_level = -1;	/* atomic: the reader thread sets it */
static int spi_calls;
static int rx_pipe = -1;	/* write end: the guest's input */

/* --- irq.c's side ---------------------------------------------------- */

void irq_set_spi(u32 spi, bool level)
{
	if (spi != PL011_SPI)
		unit_fail(__FILE__, __LINE__, "SPI %u is not the UART's", spi);
	__atomic_store_n(&spi_level, level, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&spi_calls, 1, __ATOMIC_SEQ_CST);
}

/* --- helpers -------------------------------------------------------- */

static u32 rd(u32 offset)
{
	u8 data[8];

	memset(data, 0x5a, sizeof(data));
	mmio_access(NULL, PL011_BASE + offset, data, 4, false);
	return data[0] | data[1] << 8 | data[2] << 16 | (u32)data[3] << 24;
}

static void wr(u32 offset, u32 val)
{
	u8 data[8] = { val, val >> 8, val >> 16, val >> 24 };

	mmio_access(NULL, PL011_BASE + offset, data, 4, true);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* stdin becomes a pipe that rx() writes to, read by console.c. */
static void console_start(void)
{
	int fds[2];

	if (pipe(fds) || dup2(fds[0], STDIN_FILENO) < 0) {
		unit_fail(__FILE__, __LINE__, "pipe");
		return;
	}
	close(fds[0]);
	rx_pipe = fds[1];
	if (console_init())
		unit_fail(__FILE__, __LINE__, "console_init: %s",
			  unit_last_error);
}

static void rx(const char *s)
{
	size_t len = strlen(s);

	if (write(rx_pipe, s, len) != (ssize_t)len)
		unit_fail(__FILE__, __LINE__, "write to stdin pipe");
}

/* Until the reader thread has @n bytes waiting for the guest. */
static bool wait_pending(unsigned int n, int line)
{
	int ms;

	for (ms = 0; ms < WAIT_MS; ms++) {
		if (console_pending() == n)
			return true;
		sleep_ms(1);
	}
	unit_fail(__FILE__, line, "%u bytes pending, not %u",
		  console_pending(), n);
	return false;
}

#define WAIT_PENDING(n)	wait_pending((n), __LINE__)

/* Until the SPI's level is @level (the reader thread raises it). */
static bool wait_spi(int level, int line)
{
	int ms;

	for (ms = 0; ms < WAIT_MS; ms++) {
		if (__atomic_load_n(&spi_level, __ATOMIC_SEQ_CST) == level)
			return true;
		sleep_ms(1);
	}
	unit_fail(__FILE__, line, "SPI level %d, not %d", spi_level, level);
	return false;
}

#define WAIT_SPI(level)	wait_spi((level), __LINE__)

/* Read @n bytes through UARTDR and check they are @want. */
static void drain(const char *want, size_t n)
{
	char got[256];
	size_t i;

	for (i = 0; i < n && i < sizeof(got); i++)
		got[i] = rd(UARTDR);
	EXPECT_MEMEQ(got, want, n);
}

static void setup(void)
{
	if (pl011_init())
		unit_fail(__FILE__, __LINE__, "pl011_init: %s",
			  unit_last_error);
}

/* --- cases ---------------------------------------------------------- */

static void test_ids(void)
{
	static const u8 ids[8] = { 0x11, 0x10, 0x14, 0x00,
				   0x0d, 0xf0, 0x05, 0xb1 };
	int i;

	for (i = 0; i < 8; i++)
		EXPECT_EQ(rd(0xfe0 + 4 * i), ids[i]);
	EXPECT_EQ(rd(0xfdc), 0);
}

static void test_reset_values(void)
{
	EXPECT_EQ(rd(UARTCR), 0x300);
	EXPECT_EQ(rd(UARTIFLS), 0x12);
	EXPECT_EQ(rd(UARTLCR_H), 0);
	EXPECT_EQ(rd(UARTIMSC), 0);
	EXPECT_EQ(rd(UARTRIS), 0);
	EXPECT_EQ(rd(UARTMIS), 0);
	EXPECT_EQ(rd(UARTRSR), 0);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFE);
	/* No input: UARTDR reads 0. */
	EXPECT_EQ(rd(UARTDR), 0);
	EXPECT_EQ(spi_calls, 0);
}

static void test_register_widths(void)
{
	static const struct {
		u32 offset;
		u32 mask;
	} regs[] = {
		{ UARTILPR, 0xff }, { UARTIBRD, 0xffff }, { UARTFBRD, 0x3f },
		{ UARTLCR_H, 0xff }, { UARTCR, 0xffff }, { UARTIFLS, 0x3f },
		{ UARTIMSC, 0x7ff }, { UARTDMACR, 0x7 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		wr(regs[i].offset, ~0U);
		EXPECT_EQ(rd(regs[i].offset), regs[i].mask);
		wr(regs[i].offset, 0x5a5a5a5a);
		EXPECT_EQ(rd(regs[i].offset), 0x5a5a5a5a & regs[i].mask);
	}
	/* Read-only and write-only registers; other offsets. */
	wr(UARTFR, 0);
	wr(UARTRIS, ~0U);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFE);
	EXPECT_EQ(rd(UARTRIS), 0);
	EXPECT_EQ(rd(UARTICR), 0);
	wr(0x100, ~0U);
	EXPECT_EQ(rd(0x100), 0);
	/* Unaligned: read 0, writes ignored. */
	wr(UARTIBRD + 1, 0);
	EXPECT_EQ(rd(UARTIBRD), 0x5a5a);
	EXPECT_EQ(rd(UARTIBRD + 2), 0);
	EXPECT_EQ(rd(0xfe1), 0);
}

static void test_transmit(void)
{
	const char *path = unit_temp_path("stdout");
	int fd, saved;
	char out[16];
	ssize_t n;

	wr(UARTIMSC, INT_TX);
	EXPECT_EQ(spi_calls, 0);

	/* UARTDR writes go straight to stdout, a file here. */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDOUT_FILENO);
	wr(UARTDR, 'o');
	/* Transmission is instantaneous: TXFE, never BUSY or TXFF. */
	EXPECT_EQ(rd(UARTFR) & (FR_TXFE | FR_BUSY | FR_TXFF), FR_TXFE);
	wr(UARTDR, 'k' | 0x100);	/* bits above 7 are not data */
	wr(UARTDR, '\n');
	EXPECT_EQ(rd(UARTFR) & (FR_TXFE | FR_BUSY | FR_TXFF), FR_TXFE);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	n = pread(fd, out, sizeof(out), 0);
	close(fd);
	EXPECT_EQ(n, 3);
	EXPECT_MEMEQ(out, "ok\n", 3);

	/* TXRIS latched by the write, until UARTICR clears it. */
	EXPECT_EQ(rd(UARTRIS), INT_TX);
	EXPECT_EQ(rd(UARTMIS), INT_TX);
	EXPECT_EQ(spi_level, 1);
	EXPECT_EQ(spi_calls, 1);
	wr(UARTICR, INT_RX);		/* other bits: TXRIS stays */
	EXPECT_EQ(rd(UARTRIS), INT_TX);
	wr(UARTICR, INT_TX);
	EXPECT_EQ(rd(UARTRIS), 0);
	EXPECT_EQ(spi_level, 0);
	EXPECT_EQ(spi_calls, 2);

	/* Masked: RIS still says it, MIS and the SPI do not. */
	wr(UARTIMSC, 0);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open("/dev/null", O_WRONLY);
	dup2(fd, STDOUT_FILENO);
	wr(UARTDR, 'x');
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	EXPECT_EQ(rd(UARTRIS), INT_TX);
	EXPECT_EQ(rd(UARTMIS), 0);
	EXPECT_EQ(spi_calls, 2);
	/* Unmasking raises it. */
	wr(UARTIMSC, INT_TX);
	EXPECT_EQ(spi_level, 1);
}

static void test_receive_order(void)
{
	console_start();
	EXPECT_EQ(rd(UARTFR) & FR_RXFE, FR_RXFE);
	rx("abc");
	WAIT_PENDING(3);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFF);	/* FEN clear: 1 deep */
	wr(UARTLCR_H, LCR_H_FEN);
	EXPECT_EQ(rd(UARTFR), FR_IDLE);
	drain("ab", 2);
	EXPECT_EQ(rd(UARTFR), FR_IDLE);
	drain("c", 1);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFE);
	/* Empty: reads 0. */
	EXPECT_EQ(rd(UARTDR), 0);
	EXPECT_EQ(console_pending(), 0);
	/* Interrupts masked all along: the SPI never rose. */
	EXPECT_EQ(spi_level, -1);
}

static void test_fifo_full(void)
{
	char in[FIFO + 9], want[FIFO + 8];
	int i;

	for (i = 0; i < FIFO + 8; i++) {
		in[i] = 'A' + i;
		want[i] = in[i];
	}
	in[FIFO + 8] = 0;
	wr(UARTLCR_H, LCR_H_FEN);
	console_start();
	/* 40 bytes offered: 32 taken, the FIFO full, 8 left in the pipe. */
	rx(in);
	WAIT_PENDING(FIFO);
	sleep_ms(20);
	EXPECT_EQ(console_pending(), FIFO);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFF);
	/* Each byte read makes room for one more. */
	for (i = 0; i < 8; i++) {
		EXPECT_EQ(rd(UARTDR), want[i]);
		WAIT_PENDING(FIFO);
	}
	EXPECT_EQ(rd(UARTDR), want[8]);
	EXPECT_EQ(rd(UARTFR), FR_IDLE);
	/* The rest, in order, across the buffer's wrap-around. */
	drain(want + 9, FIFO - 1);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFE);
}

static void test_wrap_around(void)
{
	static const char first[] = "0123456789abcdefghij";	/* 20 */
	static const char second[] = "KLMNOPQRSTUVWXYZ!@#$";	/* 20 */

	wr(UARTLCR_H, LCR_H_FEN);
	console_start();
	rx(first);
	WAIT_PENDING(20);
	drain(first, 15);
	EXPECT_EQ(console_pending(), 5);
	/* 5 + 20 bytes: the buffer's end is passed at its 32nd slot. */
	rx(second);
	WAIT_PENDING(25);
	drain(first + 15, 5);
	drain(second, 20);
	EXPECT_EQ(rd(UARTFR), FR_IDLE | FR_RXFE);
	EXPECT_EQ(rd(UARTDR), 0);
}

static void test_rx_interrupts(void)
{
	static const u32 trigger[8] = { 4, 8, 16, 24, 28, 28, 28, 28 };
	unsigned int n;
	char in[FIFO + 1];
	u32 sel;

	memset(in, 'z', sizeof(in));
	wr(UARTLCR_H, LCR_H_FEN);
	wr(UARTIMSC, INT_RX | INT_RT);
	console_start();
	EXPECT_EQ(spi_calls, 0);

	/* One byte: receive timeout, below the 1/2 trigger level. */
	rx("1");
	WAIT_SPI(1);
	EXPECT_EQ(rd(UARTRIS), INT_RT);
	EXPECT_EQ(rd(UARTMIS), INT_RT);
	/* Masking it lowers the SPI; the raw status stays. */
	wr(UARTIMSC, INT_RX);
	EXPECT_EQ(spi_level, 0);
	EXPECT_EQ(rd(UARTMIS), 0);
	EXPECT_EQ(rd(UARTRIS), INT_RT);
	/* 16 bytes: RXRIS at IFLS's default of 1/2. */
	in[15] = 0;
	rx(in);
	WAIT_PENDING(16);
	WAIT_SPI(1);
	EXPECT_EQ(rd(UARTRIS), INT_RT | INT_RX);
	EXPECT_EQ(rd(UARTMIS), INT_RX);
	/* Reading below the level lowers RXRIS and the SPI at once. */
	rd(UARTDR);
	EXPECT_EQ(spi_level, 0);
	EXPECT_EQ(rd(UARTRIS), INT_RT);
	/* UARTICR does not clear levels of the FIFO. */
	wr(UARTICR, 0x7ff);
	EXPECT_EQ(rd(UARTRIS), INT_RT);

	/* Each RXIFLSEL's level: 1/8 .. 7/8 of 32 bytes. */
	for (sel = 0; sel < 8; sel++) {
		wr(UARTIFLS, sel << 3);
		EXPECT_EQ(rd(UARTIFLS), sel << 3);
		while ((n = console_pending()) < trigger[sel] - 1) {
			rx("z");
			WAIT_PENDING(n + 1);
		}
		while (console_pending() > trigger[sel] - 1)
			rd(UARTDR);
		EXPECT_EQ(rd(UARTRIS) & INT_RX, 0);
		rx("z");
		WAIT_PENDING(trigger[sel]);
		EXPECT_EQ(rd(UARTRIS) & INT_RX, INT_RX);
	}
	/* Without FIFOs the level is one byte. */
	wr(UARTLCR_H, 0);
	EXPECT_EQ(rd(UARTRIS), INT_RT | INT_RX);
	while (console_pending())
		rd(UARTDR);
	EXPECT_EQ(rd(UARTRIS), 0);
	EXPECT_EQ(spi_level, 0);
	rx("y");
	WAIT_SPI(1);
	EXPECT_EQ(rd(UARTRIS), INT_RT | INT_RX);
	EXPECT_EQ(rd(UARTDR), 'y');
	EXPECT_EQ(spi_level, 0);
}

/* --reboot=restart: every register back to its reset value, SPI low. */
static void test_restart_resets(void)
{
	static const u32 regs[] = {
		UARTILPR, UARTIBRD, UARTFBRD, UARTLCR_H, UARTCR, UARTIFLS,
		UARTIMSC, UARTDMACR,
	};
	int fd, saved;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regs); i++)
		wr(regs[i], 0x5);
	wr(UARTIMSC, INT_TX);
	/* A transmit latches TXRIS: the SPI goes high. */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open("/dev/null", O_WRONLY);
	dup2(fd, STDOUT_FILENO);
	wr(UARTDR, 'x');
	dup2(saved, STDOUT_FILENO);
	close(fd);
	close(saved);
	EXPECT_EQ(rd(UARTRIS), INT_TX);
	EXPECT_EQ(spi_level, 1);

	devices_reset();
	EXPECT_EQ(spi_level, 0);
	EXPECT_EQ(rd(UARTCR), 0x300);
	EXPECT_EQ(rd(UARTIFLS), 0x12);
	EXPECT_EQ(rd(UARTILPR), 0);
	EXPECT_EQ(rd(UARTIBRD), 0);
	EXPECT_EQ(rd(UARTFBRD), 0);
	EXPECT_EQ(rd(UARTLCR_H), 0);
	EXPECT_EQ(rd(UARTIMSC), 0);
	EXPECT_EQ(rd(UARTDMACR), 0);
	EXPECT_EQ(rd(UARTRIS), 0);
	EXPECT_EQ(rd(UARTMIS), 0);
	/* And works as after power-on. */
	wr(UARTIMSC, INT_TX);
	EXPECT_EQ(rd(UARTIMSC), INT_TX);
	EXPECT_EQ(spi_level, 0);
}

static const struct unit_case cases[] = {
	{ "id_registers", test_ids },
	{ "reset_values", test_reset_values },
	{ "restart_resets", test_restart_resets },
	{ "register_widths", test_register_widths },
	{ "transmit", test_transmit },
	{ "receive_order", test_receive_order },
	{ "fifo_full", test_fifo_full },
	{ "fifo_wrap_around", test_wrap_around },
	{ "rx_interrupts", test_rx_interrupts },
};

int main(void)
{
	return unit_main("pl011", setup, cases, ARRAY_SIZE(cases));
}
