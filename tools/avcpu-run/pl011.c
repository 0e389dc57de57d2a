// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: a PL011 UART, transmit only.
 *
 * Writes to UARTDR go to stdout as they come.  UARTFR always reads as
 * "transmit FIFO empty, receive FIFO empty" (never TXFF, never BUSY), so
 * a guest polling it never waits.  The PrimeCell identification registers
 * read as a PL011 r1p5, which Linux's AMBA bus needs to bind its driver;
 * every other register reads 0 and ignores writes.
 */
#include <errno.h>
#include <unistd.h>

#include "avcpu-run.h"

#define UARTDR		0x000
#define UARTFR		0x018
#define UARTPERIPHID0	0xfe0
#define UARTPCELLID3	0xffc

#define UARTFR_RXFE	BIT(4)
#define UARTFR_TXFE	BIT(7)

/* UARTPeriphID0-3 then UARTPCellID0-3: a PL011 r1p5, PrimeCell 0xb105f00d */
static const u8 pl011_id[8] = {
	0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static u64 pl011_read(struct mmio_dev *dev, u64 offset, u32 len)
{
	(void)dev;
	(void)len;

	if (offset == UARTFR)
		return UARTFR_TXFE | UARTFR_RXFE;
	if (offset >= UARTPERIPHID0 && offset <= UARTPCELLID3 &&
	    !(offset & 3))
		return pl011_id[(offset - UARTPERIPHID0) / 4];
	return 0;
}

static void pl011_write(struct mmio_dev *dev, u64 offset, u64 val, u32 len)
{
	u8 c = val;

	(void)dev;
	(void)len;

	if (offset != UARTDR)
		return;
	/* Output errors (a closed pipe aside, which kills us) are dropped. */
	while (write(STDOUT_FILENO, &c, 1) < 0 && errno == EINTR)
		;
}

static struct mmio_dev pl011_dev = {
	.name = "pl011",
	.base = PL011_BASE,
	.size = PL011_SIZE,
	.read = pl011_read,
	.write = pl011_write,
};

int pl011_init(void)
{
	return mmio_register(&pl011_dev);
}
