// SPDX-License-Identifier: GPL-2.0
/*
 * A bare-metal guest that reports where it was loaded, as a program
 * built for "qemu-system-aarch64 -M virt -kernel" would look for things:
 * its own address, x0..x3 at entry, its exception level and masks, the
 * device tree (x0, else at the start of RAM, else at 0 in flash), the
 * RAM and /chosen in it, and the initrd /chosen points at.  One line per
 * fact on the PL011 ("layout: ..."), then a line per check ("layout: ok
 * ..." or "layout: FAIL ..."), then "layout: done" and PSCI SYSTEM_OFF.
 *
 * The initrd the checks expect (selftests/test_layout.c makes it) starts
 * with LAYOUT_RD_HEAD and ends with LAYOUT_RD_TAIL.
 *
 * The MMU is off, so every access is to Device memory: guest memory is
 * read through rd8() and friends, a byte at a time for the device tree
 * (nothing unaligned), and -mstrict-align keeps the compiler from
 * merging the stack's accesses.  No pointer is stored in data, so the
 * image runs wherever it is loaded.
 */
#include <stdint.h>

#define UART_BASE	0x09000000UL
#define UARTDR		0x000
#define UARTFR		0x018
#define UARTFR_TXFF	0x20	/* bit 5 */
#define RAM_BASE	0x40000000UL
#define FLASH_BASE	0x0UL

#define FDT_MAGIC	0xd00dfeedU
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9

#define LAYOUT_RD_HEAD	"avcpu-layout-rd\n"
#define LAYOUT_RD_TAIL	"avcpu-layout-nd\n"
#define LAYOUT_RD_LEN	16

/*
 * Guest memory and devices by address: single accesses the compiler
 * neither merges, splits nor drops, and no pointers (address 0, where
 * the flash is, included).
 */
static uint8_t rd8(uint64_t a)
{
	uint32_t v;

	asm volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static uint32_t rd32(uint64_t a)
{
	uint32_t v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static void wr8(uint64_t a, uint8_t v)
{
	asm volatile("strb %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}

static void putc(char c)
{
	while (rd32(UART_BASE + UARTFR) & UARTFR_TXFF)
		;
	wr8(UART_BASE + UARTDR, c);
}

static void puts(const char *s)
{
	while (*s)
		putc(*s++);
}

static void puthex(uint64_t v)
{
	int i, started = 0;

	puts("0x");
	for (i = 60; i >= 0; i -= 4) {
		unsigned int d = (v >> i) & 0xf;

		if (d || started || !i) {
			putc(d < 10 ? '0' + d : 'a' + d - 10);
			started = 1;
		}
	}
}

static void fact(const char *name, uint64_t v)
{
	puts(" ");
	puts(name);
	puts(" ");
	puthex(v);
}

static int failed;

static void check(int ok, const char *what)
{
	puts(ok ? "layout: ok " : "layout: FAIL ");
	puts(what);
	putc('\n');
	failed |= !ok;
}

static uint32_t be32(uint64_t a)
{
	return (uint32_t)rd8(a) << 24 | (uint32_t)rd8(a + 1) << 16 |
	       (uint32_t)rd8(a + 2) << 8 | rd8(a + 3);
}

/* 1 or 2 cells, as @len says (0 for anything else). */
static uint64_t cells(uint64_t a, uint32_t len)
{
	if (len == 4)
		return be32(a);
	if (len == 8)
		return (uint64_t)be32(a) << 32 | be32(a + 4);
	return 0;
}

/* The string at @a starts with @b; and ends there if @whole. */
static int strmatch(uint64_t a, const char *b, int whole)
{
	while (*b && rd8(a) == (uint8_t)*b) {
		a++;
		b++;
	}
	return !*b && (!whole || !rd8(a));
}

static int memeq(uint64_t a, const char *b, int len)
{
	int i;

	for (i = 0; i < len; i++) {
		if (rd8(a + i) != (uint8_t)b[i])
			return 0;
	}
	return 1;
}

static void put_string(uint64_t a)
{
	while (rd8(a))
		putc(rd8(a++));
}

struct dt_facts {
	uint64_t mem_base, mem_size;
	uint64_t initrd_start, initrd_end;
	int has_initrd, has_memory, has_chosen;
	uint64_t bootargs;	/* 0: none */
};

/* Walk the structure block for /memory*, /chosen and the root's cells. */
static int dt_read(uint64_t dtb, struct dt_facts *f)
{
	uint64_t s = dtb + be32(dtb + 8), str = dtb + be32(dtb + 12);
	uint32_t size = be32(dtb + 36), off = 0, acells = 2, scells = 2;
	int depth = 0, in_chosen = 0, in_memory = 0;

	while (off + 4 <= size) {
		uint32_t tok = be32(s + off), len, i;
		uint64_t name, val;

		off += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			name = s + off;
			for (i = 0; rd8(name + i); i++)
				;
			off = (off + i + 1 + 3) & ~3U;
			depth++;
			if (depth == 2) {
				in_chosen = strmatch(name, "chosen", 1);
				in_memory = strmatch(name, "memory", 1) ||
					    strmatch(name, "memory@", 0);
				f->has_chosen |= in_chosen;
			}
			break;
		case FDT_END_NODE:
			if (depth-- == 2) {
				in_chosen = 0;
				in_memory = 0;
			}
			break;
		case FDT_PROP:
			len = be32(s + off);
			name = str + be32(s + off + 4);
			val = s + off + 8;
			off = (off + 8 + len + 3) & ~3U;
			if (depth == 1 && strmatch(name, "#address-cells", 1))
				acells = be32(val);
			if (depth == 1 && strmatch(name, "#size-cells", 1))
				scells = be32(val);
			if (depth == 2 && in_memory && strmatch(name, "reg", 1) &&
			    !f->has_memory && len >= 4 * (acells + scells)) {
				f->mem_base = cells(val, 4 * acells);
				f->mem_size = cells(val + 4 * acells,
						    4 * scells);
				f->has_memory = 1;
			}
			if (depth == 2 && in_chosen &&
			    strmatch(name, "linux,initrd-start", 1)) {
				f->initrd_start = cells(val, len);
				f->has_initrd |= 1;
			}
			if (depth == 2 && in_chosen &&
			    strmatch(name, "linux,initrd-end", 1)) {
				f->initrd_end = cells(val, len);
				f->has_initrd |= 2;
			}
			if (depth == 2 && in_chosen && strmatch(name, "bootargs", 1))
				f->bootargs = val;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return 1;
		default:
			return 0;
		}
	}
	return 0;
}

/* Where the device tree is; @found 0 when there is none. */
static uint64_t find_dtb(uint64_t x0, int *found)
{
	*found = 1;
	if (x0)
		return x0;
	if (be32(RAM_BASE) == FDT_MAGIC)
		return RAM_BASE;
	if (be32(FLASH_BASE) == FDT_MAGIC)
		return FLASH_BASE;
	*found = 0;
	return 0;
}

void layout_main(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
		 uint64_t pc, uint64_t end);

/* x0..x3 at entry, where the image runs and where it ends (its bss). */
void layout_main(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
		 uint64_t pc, uint64_t end)
{
	struct dt_facts f = { 0 };
	uint64_t el, daif, sctlr, dtb;
	int dt_ok = 0, found;

	asm volatile("mrs %0, CurrentEL" : "=r"(el));
	asm volatile("mrs %0, DAIF" : "=r"(daif));
	asm volatile("mrs %0, SCTLR_EL1" : "=r"(sctlr));

	puts("layout:");
	fact("image", pc);
	fact("end", end);
	putc('\n');
	puts("layout:");
	fact("x0", x0);
	fact("x1", x1);
	fact("x2", x2);
	fact("x3", x3);
	putc('\n');
	puts("layout:");
	fact("el", el >> 2);
	fact("daif", daif);
	fact("mmu", sctlr & 1);
	putc('\n');

	dtb = find_dtb(x0, &found);
	puts("layout:");
	if (found) {
		fact("dtb", dtb);
		dt_ok = be32(dtb) == FDT_MAGIC && dt_read(dtb, &f);
	} else {
		puts(" dtb none");
	}
	putc('\n');
	if (dt_ok && f.has_memory) {
		puts("layout:");
		fact("memory", f.mem_base);
		fact("size", f.mem_size);
		putc('\n');
	}
	puts("layout:");
	if (f.has_initrd == 3) {
		fact("initrd", f.initrd_start);
		fact("initrd-end", f.initrd_end);
	} else {
		puts(" initrd none");
	}
	putc('\n');
	if (f.bootargs) {
		puts("layout: bootargs \"");
		put_string(f.bootargs);
		puts("\"\n");
	}

	check(!x1 && !x2 && !x3, "x1 x2 x3 zero");
	check((el >> 2) == 1 && (daif & 0x3c0) == 0x3c0 && !(sctlr & 1),
	      "EL1, DAIF masked, MMU off");
	check(found && dt_ok, "device tree found and readable");
	check(dt_ok && f.has_memory && f.has_chosen, "memory and chosen");
	if (f.has_initrd == 3) {
		check(f.initrd_end - f.initrd_start >= 2 * LAYOUT_RD_LEN &&
		      memeq(f.initrd_start, LAYOUT_RD_HEAD, LAYOUT_RD_LEN) &&
		      memeq(f.initrd_end - LAYOUT_RD_LEN, LAYOUT_RD_TAIL,
			    LAYOUT_RD_LEN),
		      "initrd content at linux,initrd-start/end");
	}
	puts(failed ? "layout: done, FAIL\n" : "layout: done, ok\n");
}
