// SPDX-License-Identifier: GPL-2.0
/*
 * avcpu-run: a PL011 UART (ARM PrimeCell UART r1p5) on the console.
 *
 * What a guest sees, register by register (offsets in the 4 KiB frame):
 *
 *   0x000 UARTDR     write: the byte goes to stdout at once; read: the
 *                    next input byte (error bits 8-11 always 0), 0 when
 *                    there is none
 *   0x004 UARTRSR    reads 0 (no framing, parity, break or overrun error
 *                    ever happens); writing UARTECR clears nothing
 *   0x018 UARTFR     TXFE always (transmission is instantaneous: never
 *                    TXFF, never BUSY), RXFE while no input is waiting,
 *                    RXFF when the receive FIFO (32 bytes, 1 with
 *                    LCR_H.FEN clear) is full; CTS, DSR and DCD are
 *                    asserted, as with a terminal on the other end
 *   0x020 UARTILPR,  0x024 UARTIBRD, 0x028 UARTFBRD, 0x02c UARTLCR_H,
 *   0x030 UARTCR,    0x034 UARTIFLS, 0x038 UARTIMSC, 0x048 UARTDMACR:
 *                    keep what is written (to their width) and read it
 *                    back; reset values CR 0x300, IFLS 0x12, others 0.
 *                    Baud rate, format, enables and loopback do not
 *                    change how bytes flow.
 *   0x03c UARTRIS    TXRIS is set by each write to UARTDR (the FIFO has
 *                    drained below its trigger level again) until cleared
 *                    through UARTICR; RTRIS while input is waiting (the
 *                    receive timeout is taken to have passed), RXRIS while
 *                    the input waiting reaches the IFLS trigger level;
 *                    those two clear as the guest reads the input
 *   0x040 UARTMIS    RIS & IMSC
 *   0x044 UARTICR    write 1s to clear RIS bits (TXRIS; the others are
 *                    levels of the receive FIFO or never set)
 *   0xfe0-0xffc      UARTPeriphID0-3 0x11 0x10 0x14 0x00 (a PL011 r1p5)
 *                    and UARTPCellID0-3 0x0d 0xf0 0x05 0xb1 (PrimeCell),
 *                    which Linux's AMBA bus needs to bind its driver
 *
 * Other offsets read 0 and ignore writes.  The interrupt output, UARTMIS
 * not zero, is GIC SPI 1 (INTID 33), level-sensitive: it is brought up to
 * date after every register access and whenever input arrives
 * (pl011_input_ready(), console.c's callback).  Guests that poll UARTFR,
 * as U-Boot does, need none of it.  The input itself is console.c's.
 *
 * Its device tree nodes: PL011_DT_PATH, "arm,pl011", "arm,primecell",
 * with its SPI and its clocks, both the fixed 24 MHz clock /apb-pclk.
 */
#include "console.h"
#include "device.h"
#include "fdt.h"
#include "irq.h"
#include "mmio.h"
#include "pl011.h"

#define UARTDR		0x000
#define UARTRSR		0x004	/* UARTECR on write */
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
#define UARTPERIPHID0	0xfe0
#define UARTPCELLID3	0xffc

#define UARTFR_CTS	BIT(0)
#define UARTFR_DSR	BIT(1)
#define UARTFR_DCD	BIT(2)
#define UARTFR_RXFE	BIT(4)
#define UARTFR_RXFF	BIT(6)
#define UARTFR_TXFE	BIT(7)

#define UARTLCR_H_FEN	BIT(4)

#define UARTCR_TXE	BIT(8)
#define UARTCR_RXE	BIT(9)
#define UARTCR_RESET	(UARTCR_RXE | UARTCR_TXE)

/* UARTRIS, UARTMIS, UARTIMSC and UARTICR bits */
#define UART_RXIS	BIT(4)
#define UART_TXIS	BIT(5)
#define UART_RTIS	BIT(6)
#define UART_INT_MASK	0x7ff

#define UARTIFLS_RX_SHIFT	3
#define UARTIFLS_RX_MASK	7
#define UARTIFLS_RESET		0x12	/* both FIFOs at 1/2 */

#define PL011_FIFO_DEPTH	32

/* UARTPeriphID0-3 then UARTPCellID0-3: a PL011 r1p5, PrimeCell 0xb105f00d */
static const u8 pl011_id[8] = {
	0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1
};

static struct pl011 {
	pthread_mutex_t lock;	/* vCPU threads access it concurrently */
	u32 ilpr;
	u32 ibrd;
	u32 fbrd;
	u32 lcr_h;
	u32 cr;
	u32 ifls;
	u32 imsc;
	u32 dmacr;
	u32 ris_latched;	/* TXRIS: set by a transmit, cleared by ICR */
	bool irq;		/* the level last given to the GIC */
} uart = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cr = UARTCR_RESET,
	.ifls = UARTIFLS_RESET,
};

/* Bytes in the receive FIFO: 1 deep with the FIFOs disabled. */
static unsigned int rx_fifo_depth(void)
{
	return uart.lcr_h & UARTLCR_H_FEN ? PL011_FIFO_DEPTH : 1;
}

/* RXIFLSEL: 1/8, 1/4, 1/2, 3/4 or 7/8 of the FIFO; 1 byte without it. */
static unsigned int rx_trigger_level(void)
{
	static const u8 eighths[8] = { 1, 2, 4, 6, 7, 7, 7, 7 };
	u32 sel = (uart.ifls >> UARTIFLS_RX_SHIFT) & UARTIFLS_RX_MASK;

	if (!(uart.lcr_h & UARTLCR_H_FEN))
		return 1;
	return PL011_FIFO_DEPTH * eighths[sel] / 8;
}

/* Caller holds uart.lock. */
static u32 pl011_ris(void)
{
	unsigned int pending = console_pending();
	u32 ris = uart.ris_latched;

	if (pending)
		ris |= UART_RTIS;
	if (pending && pending >= rx_trigger_level())
		ris |= UART_RXIS;
	return ris;
}

/* Caller holds uart.lock. */
static u32 pl011_fr(void)
{
	unsigned int pending = console_pending();
	u32 fr = UARTFR_TXFE | UARTFR_CTS | UARTFR_DSR | UARTFR_DCD;

	if (!pending)
		fr |= UARTFR_RXFE;
	if (pending >= rx_fifo_depth())
		fr |= UARTFR_RXFF;
	return fr;
}

/* Caller holds uart.lock. */
static void update_irq_locked(void)
{
	bool level = pl011_ris() & uart.imsc;

	if (level == uart.irq)
		return;
	uart.irq = level;
	irq_set_spi(PL011_SPI, level);
}

/* The receive FIFO changed: recompute the SPI's level. */
static void pl011_input_ready(void)
{
	pthread_mutex_lock(&uart.lock);
	update_irq_locked();
	pthread_mutex_unlock(&uart.lock);
}

static u64 pl011_read(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
		      u32 len)
{
	u32 val = 0;
	int c;

	(void)dev;
	(void)vcpu;
	(void)len;

	if (offset & 3)
		return 0;
	if (offset >= UARTPERIPHID0 && offset <= UARTPCELLID3)
		return pl011_id[(offset - UARTPERIPHID0) / 4];

	pthread_mutex_lock(&uart.lock);
	switch (offset) {
	case UARTDR:
		c = console_getc();
		val = c < 0 ? 0 : c;
		break;
	case UARTFR:
		val = pl011_fr();
		break;
	case UARTILPR:
		val = uart.ilpr;
		break;
	case UARTIBRD:
		val = uart.ibrd;
		break;
	case UARTFBRD:
		val = uart.fbrd;
		break;
	case UARTLCR_H:
		val = uart.lcr_h;
		break;
	case UARTCR:
		val = uart.cr;
		break;
	case UARTIFLS:
		val = uart.ifls;
		break;
	case UARTIMSC:
		val = uart.imsc;
		break;
	case UARTRIS:
		val = pl011_ris();
		break;
	case UARTMIS:
		val = pl011_ris() & uart.imsc;
		break;
	case UARTDMACR:
		val = uart.dmacr;
		break;
	default:		/* UARTRSR: no errors; UARTICR is write-only */
		break;
	}
	if (offset == UARTDR)
		update_irq_locked();
	pthread_mutex_unlock(&uart.lock);
	return val;
}

static void pl011_write(struct mmio_dev *dev, struct vcpu *vcpu, u64 offset,
			u64 val, u32 len)
{
	(void)dev;
	(void)vcpu;
	(void)len;

	if (offset & 3)
		return;

	pthread_mutex_lock(&uart.lock);
	switch (offset) {
	case UARTDR:
		console_putc(val);
		uart.ris_latched |= UART_TXIS;
		break;
	case UARTILPR:
		uart.ilpr = val & 0xff;
		break;
	case UARTIBRD:
		uart.ibrd = val & 0xffff;
		break;
	case UARTFBRD:
		uart.fbrd = val & 0x3f;
		break;
	case UARTLCR_H:
		uart.lcr_h = val & 0xff;
		break;
	case UARTCR:
		uart.cr = val & 0xffff;
		break;
	case UARTIFLS:
		uart.ifls = val & 0x3f;
		break;
	case UARTIMSC:
		uart.imsc = val & UART_INT_MASK;
		break;
	case UARTICR:
		uart.ris_latched &= ~val;
		break;
	case UARTDMACR:
		uart.dmacr = val & 7;
		break;
	default:		/* UARTECR: nothing to clear; read-only ones */
		break;
	}
	update_irq_locked();
	pthread_mutex_unlock(&uart.lock);
}

static struct mmio_dev pl011_dev = {
	.name = "pl011",
	.base = PL011_BASE,
	.size = PL011_SIZE,
	.read = pl011_read,
	.write = pl011_write,
};

static void pl011_fdt_node(struct device *dev, struct fdt *fdt)
{
	static const u32 irq[3] = {
		FDT_GIC_SPI, PL011_SPI, FDT_IRQ_TYPE_LEVEL_HIGH
	};
	u32 clk = fdt_phandle(fdt);
	u32 clocks[2] = { clk, clk };

	(void)dev;
	fdt_begin_node(fdt, "apb-pclk");
	fdt_prop_string(fdt, "compatible", "fixed-clock");
	fdt_prop_u32(fdt, "#clock-cells", 0);
	fdt_prop_u32(fdt, "clock-frequency", PL011_CLK_HZ);
	fdt_prop_string(fdt, "clock-output-names", "clk24mhz");
	fdt_prop_u32(fdt, "phandle", clk);
	fdt_end_node(fdt);

	fdt_begin_node(fdt, PL011_DT_PATH + 1);
	fdt_prop_strlist(fdt, "compatible", "arm,pl011\0arm,primecell");
	fdt_prop_reg2(fdt, "reg", PL011_BASE, PL011_SIZE);
	fdt_prop_cells(fdt, "interrupts", irq, 3);
	fdt_prop_cells(fdt, "clocks", clocks, 2);
	fdt_prop_strlist(fdt, "clock-names", "uartclk\0apb_pclk");
	fdt_end_node(fdt);
}

/*
 * --reboot=restart: the registers back to their reset values, the
 * latched transmit interrupt cleared.  Input already waiting on the
 * console stays: the host does not take back what it typed.  The GIC is
 * reset too, its input from us low: say so here as well.
 */
static void pl011_reset(struct device *dev)
{
	(void)dev;
	pthread_mutex_lock(&uart.lock);
	uart.ilpr = 0;
	uart.ibrd = 0;
	uart.fbrd = 0;
	uart.lcr_h = 0;
	uart.cr = UARTCR_RESET;
	uart.ifls = UARTIFLS_RESET;
	uart.imsc = 0;
	uart.dmacr = 0;
	uart.ris_latched = 0;
	uart.irq = false;
	irq_set_spi(PL011_SPI, false);
	pthread_mutex_unlock(&uart.lock);
}

static struct device pl011_device = {
	.name = "pl011",
	.fdt_node = pl011_fdt_node,
	.reset = pl011_reset,
};

int pl011_init(void)
{
	int err = mmio_register(&pl011_dev);

	if (err)
		return err;
	device_register(&pl011_device);
	console_set_notify(pl011_input_ready);
	return 0;
}
