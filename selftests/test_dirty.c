// SPDX-License-Identifier: GPL-2.0
/*
 * Dirty-page logging (AVCPU_MEM_LOG_DIRTY, AVCPU_GET_DIRTY_LOG,
 * AVCPU_CLEAR_DIRTY_LOG): the guest writes a set of pages the VMM chose,
 * different every round, and the bitmap shows exactly those; the
 * two-step get/clear; sub-ranges; a slot backed by transparent huge
 * pages; logging turned off and on again by registering the slot once
 * more; and every errno the ABI gives these calls.
 *
 * Pages are the host's (getpagesize()): bit i of the log is the i-th
 * host page of the slot.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/mman.h>
#include "kselftest_harness.h"
#include "lib/avcpu_util.h"
#include "lib/host_mm.h"

#define MAILBOX		0x1000		/* RAM offset: the guest's orders */
#define MAILBOX_SIZE	0x7800		/* per vCPU (Aff0 0 and 1) */
#define MAX_ORDERS	(MAILBOX_SIZE / 8 - 3)
#define LOG_GPA		0x80000000ULL	/* the logged slot; 2 MiB aligned */
#define LOG_SLOT	1
#define CANARY		0xa5a5a5a5a5a5a5a5ULL

/*
 * The writer: its vCPU's mailbox (MPIDR Aff0 picks it) = { nwrites,
 * nreads, value, addresses[nwrites], addresses[nreads] }.  Stores value
 * at each write address, then reads each read address (their sum in
 * x0), hvc #1; the next RUN takes the next orders.
 */
AVCPU_GUEST(g_writer,
	"0:	movz	x10, #0x4000, lsl #16\n"
	"	mrs	x8, mpidr_el1\n"
	"	and	x8, x8, #0xff\n"
	"	mov	x7, #0x7800\n"
	"	madd	x10, x8, x7, x10\n"
	"	add	x11, x10, #0x1000\n"
	"	ldr	x13, [x11]\n"
	"	ldr	x15, [x11, #8]\n"
	"	ldr	x9, [x11, #16]\n"
	"	add	x11, x11, #24\n"
	"	mov	x14, #0\n"
	"1:	cmp	x14, x13\n"
	"	b.eq	2f\n"
	"	ldr	x16, [x11, x14, lsl #3]\n"
	"	str	x9, [x16]\n"
	"	add	x14, x14, #1\n"
	"	b	1b\n"
	"2:	add	x12, x11, x13, lsl #3\n"
	"	mov	x14, #0\n"
	"	mov	x18, #0\n"
	"3:	cmp	x14, x15\n"
	"	b.eq	4f\n"
	"	ldr	x16, [x12, x14, lsl #3]\n"
	"	ldr	x17, [x16]\n"
	"	add	x18, x18, x17\n"
	"	add	x14, x14, #1\n"
	"	b	3b\n"
	"4:	mov	x0, x18\n"
	"	hvc	#1\n"
	"	b	0b\n");

/* A guest and its logged slot. */
struct logged {
	struct avcpu_guest g;
	size_t pg;		/* host page size */
	uint64_t npages;
	char *mem;		/* the VMM's view of the slot */
	char *raw;		/* what to munmap */
	size_t raw_size;
	uint32_t flags;		/* the slot's AVCPU_MEM_* flags now */
};

/* Page sets: a bitmap of npages bits. */
#define WORDS(n)	(((n) + 63) / 64)
#define MAX_PAGES	8192

struct pageset {
	uint64_t w[WORDS(MAX_PAGES)];
};

static void set_page(struct pageset *s, uint64_t p)
{
	s->w[p / 64] |= 1ULL << (p % 64);
}

static bool has_page(const struct pageset *s, uint64_t p)
{
	return s->w[p / 64] >> (p % 64) & 1;
}

static uint64_t hash(uint64_t a, uint64_t b)
{
	uint64_t z = a * 0x9e3779b97f4a7c15ULL + b;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * The pages round @round writes: about one in @one_in, chosen by a hash
 * of the round, plus the first or the last page in some rounds; round 3
 * writes nothing at all.
 */
static void round_set(struct pageset *s, uint64_t npages, unsigned int round,
		      unsigned int one_in)
{
	uint64_t p;

	memset(s, 0, sizeof(*s));
	if (round == 3)
		return;
	for (p = 0; p < npages; p++)
		if (hash(round, p) % one_in == 0)
			set_page(s, p);
	if (round % 2 == 0)
		set_page(s, 0);
	if (round % 3 == 0)
		set_page(s, npages - 1);
	set_page(s, (round * 37 + 5) % npages);
}

static int map_slot_memory(struct logged *l, bool thp)
{
	size_t size = l->npages * l->pg, huge = thp_size();
	char *p;

	l->raw_size = thp ? size + huge : size;
	l->raw = mmap(NULL, l->raw_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (l->raw == MAP_FAILED) {
		l->raw = NULL;
		return -1;
	}
	p = l->raw;
	if (thp) {
		p = (char *)(((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1));
		madvise(p, size, MADV_HUGEPAGE);
	} else {
		madvise(p, size, MADV_NOHUGEPAGE);
	}
	l->mem = p;
	/* Present before the guest comes: the huge pages are there. */
	memset(p, 0x5a, size);
	return 0;
}

static int set_region(struct logged *l, uint32_t flags)
{
	struct avcpu_memory_region r = {
		.slot = LOG_SLOT, .flags = flags, .guest_phys_addr = LOG_GPA,
		.memory_size = l->npages * l->pg,
		.userspace_addr = (uintptr_t)l->mem,
	};
	int ret = ioctl(l->g.vm, AVCPU_SET_MEMORY_REGION, &r);

	if (!ret)
		l->flags = flags;
	return ret;
}

/* A guest with a slot of @npages host pages at LOG_GPA, @flags. */
static void logged_create_code(struct __test_metadata *_metadata,
			       struct logged *l, uint64_t npages, bool thp,
			       uint32_t flags, const char *code,
			       const char *code_end)
{
	memset(l, 0, sizeof(*l));
	l->pg = getpagesize();
	l->npages = npages;
	ASSERT_LE(npages, MAX_PAGES);
	ASSERT_EQ(0, avcpu_guest_create(&l->g, 1 << 20, code, code_end));
	ASSERT_EQ(0, map_slot_memory(l, thp));
	ASSERT_EQ(0, set_region(l, flags));
}

static void logged_create(struct __test_metadata *_metadata, struct logged *l,
			  uint64_t npages, bool thp, uint32_t flags)
{
	logged_create_code(_metadata, l, npages, thp, flags, g_writer_start,
			   g_writer_end);
}

static void logged_destroy(struct logged *l)
{
	avcpu_guest_destroy(&l->g);
	if (l->raw)
		munmap(l->raw, l->raw_size);
}

/* The byte offset in page @p the guest writes in round @round. */
static uint64_t offset_in_page(const struct logged *l, uint64_t p,
			       unsigned int round)
{
	return (hash(p, round + 100) % (l->pg / 8)) * 8;
}

/* Orders for the writer on the vCPU with Aff0 @cpu. */
static void guest_orders(struct __test_metadata *_metadata, struct logged *l,
			 unsigned int cpu, const struct pageset *w,
			 const struct pageset *rd, unsigned int round,
			 uint64_t value)
{
	uint64_t *box = (uint64_t *)((char *)l->g.ram + MAILBOX +
				     cpu * MAILBOX_SIZE);
	uint64_t p, nw = 0, nr = 0, *addr = box + 3;

	for (p = 0; p < l->npages; p++) {
		if (!has_page(w, p))
			continue;
		ASSERT_LT(nw, MAX_ORDERS);
		addr[nw++] = LOG_GPA + p * l->pg + offset_in_page(l, p, round);
	}
	for (p = 0; rd && p < l->npages; p++) {
		if (!has_page(rd, p))
			continue;
		ASSERT_LT(nw + nr, MAX_ORDERS);
		addr[nw + nr++] = LOG_GPA + p * l->pg + 8 * (p % 3);
	}
	box[0] = nw;
	box[1] = nr;
	box[2] = value;
}

/* Whether the guest's @value is in every page of @w. */
static void check_written(struct __test_metadata *_metadata,
			  struct logged *l, const struct pageset *w,
			  unsigned int round, uint64_t value)
{
	uint64_t p;

	for (p = 0; p < l->npages; p++)
		if (has_page(w, p))
			ASSERT_EQ(value, *(uint64_t *)(l->mem + p * l->pg +
						       offset_in_page(l, p, round)));
}

/*
 * The guest writes @value into every page of @w (at an offset that
 * changes with the round) and reads every page of @rd; then the VMM
 * checks the values reached its memory.
 */
static void guest_round(struct __test_metadata *_metadata, struct logged *l,
			const struct pageset *w, const struct pageset *rd,
			unsigned int round, uint64_t value)
{
	struct pageset cw, cr;
	uint64_t pw = 0, pr = 0, n;

	/* As many RUNs as the mailbox needs, half writes, half reads. */
	do {
		memset(&cw, 0, sizeof(cw));
		memset(&cr, 0, sizeof(cr));
		for (n = 0; pw < l->npages && n < MAX_ORDERS / 2; pw++)
			if (has_page(w, pw) && ++n)
				set_page(&cw, pw);
		for (n = 0; rd && pr < l->npages && n < MAX_ORDERS / 2; pr++)
			if (has_page(rd, pr) && ++n)
				set_page(&cr, pr);
		guest_orders(_metadata, l, 0, &cw, &cr, round, value);
		ASSERT_EQ(0, avcpu_run_fd(l->g.vcpu, l->g.run));
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, l->g.run->exit_reason);
		ASSERT_EQ(1, l->g.run->hypercall.imm);
	} while (pw < l->npages || (rd && pr < l->npages));
	check_written(_metadata, l, w, round, value);
}

static int dirty_ioctl(int vm, unsigned long cmd, uint32_t slot,
		       uint32_t flags, uint64_t first, uint64_t num, void *bm)
{
	struct avcpu_dirty_log d = {
		.slot = slot, .flags = flags, .first_page = first,
		.num_pages = num, .bitmap = (uintptr_t)bm,
	};

	return ioctl(vm, cmd, &d);
}

/*
 * GET (with @flags) of pages @first..@first+@num-1: the bitmap must be
 * exactly @want's bits for that range, with no bit set past @num and no
 * byte written past the last word.
 */
static void expect_log(struct __test_metadata *_metadata, struct logged *l,
		       uint32_t flags, uint64_t first, uint64_t num,
		       const struct pageset *want)
{
	uint64_t bm[WORDS(MAX_PAGES) + 4], i, nw = WORDS(num);
	bool bad = false;

	ASSERT_LE(num, MAX_PAGES);
	memset(bm, 0, nw * 8);
	for (i = nw; i < ARRAY_SIZE(bm); i++)
		bm[i] = CANARY;
	ASSERT_EQ(0, dirty_ioctl(l->g.vm, AVCPU_GET_DIRTY_LOG, LOG_SLOT,
				 flags, first, num, bm));
	for (i = 0; i < num; i++) {
		bool got = bm[i / 64] >> (i % 64) & 1;
		bool exp = want && has_page(want, first + i);

		if (got != exp) {
			TH_LOG("page %llu: log says %s, the guest %s it",
			       (unsigned long long)(first + i),
			       got ? "dirty" : "clean",
			       exp ? "wrote" : "did not write");
			bad = true;
		}
	}
	ASSERT_FALSE(bad);
	if (num % 64)
		ASSERT_EQ(0, bm[nw - 1] >> (num % 64));
	for (i = nw; i < ARRAY_SIZE(bm); i++)
		ASSERT_EQ(CANARY, bm[i]);
}

static void clear_log(struct __test_metadata *_metadata, struct logged *l,
		      uint64_t first, uint64_t num, const struct pageset *s)
{
	uint64_t bm[WORDS(MAX_PAGES)] = { 0 }, i;

	for (i = 0; i < num; i++)
		if (has_page(s, first + i))
			bm[i / 64] |= 1ULL << (i % 64);
	ASSERT_EQ(0, dirty_ioctl(l->g.vm, AVCPU_CLEAR_DIRTY_LOG, LOG_SLOT, 0,
				 first, num, bm));
}

/* Pages in @a or @b (@out may be either). */
static void set_or(struct pageset *out, const struct pageset *a,
		   const struct pageset *b)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(out->w); i++)
		out->w[i] = a->w[i] | b->w[i];
}

/* Pages in @a but not in @b. */
static void set_minus(struct pageset *out, const struct pageset *a,
		      const struct pageset *b)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(out->w); i++)
		out->w[i] = a->w[i] & ~b->w[i];
}

static void all_pages(struct pageset *s, uint64_t npages)
{
	uint64_t p;

	memset(s, 0, sizeof(*s));
	for (p = 0; p < npages; p++)
		set_page(s, p);
}

/*
 * Rounds of writes, each GET showing exactly that round's pages (the
 * previous round's are cleared by the GET that reported them): pages
 * the guest only reads and pages the VMM writes itself are never in the
 * log, a round with no writes gives an empty log, and a second GET
 * right after the first is empty.
 */
static void exact_rounds(struct __test_metadata *_metadata, struct logged *l,
			 unsigned int rounds, unsigned int one_in,
			 unsigned int base)
{
	struct pageset w, rd, empty = { { 0 } };
	unsigned int round;
	uint64_t p;

	for (round = base; round < base + rounds; round++) {
		round_set(&w, l->npages, round, one_in);
		/* Reads: the pages the next round writes, minus this one's. */
		round_set(&rd, l->npages, round + 1, one_in);
		set_minus(&rd, &rd, &w);
		/* The VMM writes a few pages itself: not the guest's. */
		for (p = round % 7; p < l->npages; p += 29)
			l->mem[p * l->pg + 16] = round;
		guest_round(_metadata, l, &w, &rd, round, 0x1000 + round);
		expect_log(_metadata, l, 0, 0, l->npages, &w);
		expect_log(_metadata, l, 0, 0, l->npages, &empty);
	}
}

/* 300 pages (not a multiple of 64), 4 KiB mappings, eight rounds. */
TEST(rounds_report_exactly_the_written_pages)
{
	struct pageset empty = { { 0 } };
	struct logged l;

	logged_create(_metadata, &l, 300, false, AVCPU_MEM_LOG_DIRTY);
	/* Nothing written yet. */
	expect_log(_metadata, &l, 0, 0, l.npages, &empty);
	exact_rounds(_metadata, &l, 8, 5, 0);
	/* Dense rounds: nearly every page, then every page. */
	exact_rounds(_metadata, &l, 2, 1, 10);
	logged_destroy(&l);
}

/*
 * KVM's manual protection: GET with KEEP reports without clearing (twice
 * the same); CLEAR of a subset re-protects exactly that subset; the
 * guest's next writes are added to what was left; a clear-on-read GET
 * then empties the log.
 */
TEST(keep_then_clear_a_subset)
{
	struct pageset a, sub, rest, b, want, empty = { { 0 } };
	struct logged l;
	uint64_t p;

	logged_create(_metadata, &l, 256, false, AVCPU_MEM_LOG_DIRTY);
	round_set(&a, l.npages, 0, 3);
	guest_round(_metadata, &l, &a, NULL, 0, 0xa0);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, l.npages, &a);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, l.npages, &a);

	/* Clear every other dirty page, and some clean ones (no effect). */
	memset(&sub, 0, sizeof(sub));
	for (p = 0; p < l.npages; p++)
		if ((has_page(&a, p) && p % 2) || p % 17 == 0)
			set_page(&sub, p);
	clear_log(_metadata, &l, 0, l.npages, &sub);
	set_minus(&rest, &a, &sub);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, l.npages, &rest);

	/* The next writes: cleared pages, still-dirty pages, new pages. */
	round_set(&b, l.npages, 1, 4);
	for (p = 0; p < l.npages; p += 8)
		set_page(&b, p);
	guest_round(_metadata, &l, &b, NULL, 1, 0xb0);
	set_or(&want, &rest, &b);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, l.npages, &want);
	expect_log(_metadata, &l, 0, 0, l.npages, &want);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, l.npages, &empty);

	/* Cleared pages are write protected again: a write is seen. */
	guest_round(_metadata, &l, &sub, NULL, 2, 0xc0);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, l.npages, &sub);
	clear_log(_metadata, &l, 0, l.npages, &sub);
	expect_log(_metadata, &l, 0, 0, l.npages, &empty);
	guest_round(_metadata, &l, &sub, NULL, 3, 0xd0);
	expect_log(_metadata, &l, 0, 0, l.npages, &sub);
	logged_destroy(&l);
}

/* The pages of @s in [@first, @first + @num). */
static void set_range(struct pageset *out, const struct pageset *s,
		      uint64_t first, uint64_t num)
{
	uint64_t p;

	memset(out, 0, sizeof(*out));
	for (p = first; p < first + num; p++)
		if (has_page(s, p))
			set_page(out, p);
}

/*
 * Sub-ranges of a 229-page slot (3 * 64 + 37): a GET of one range
 * reports and clears that range only; ranges that end at the slot's end
 * may have any length; CLEAR of a sub-range.
 */
TEST(ranges_report_and_clear_only_their_pages)
{
	struct pageset w, part, rest, all, empty = { { 0 } };
	const uint64_t n = 229;
	struct logged l;

	logged_create(_metadata, &l, n, false, AVCPU_MEM_LOG_DIRTY);
	round_set(&w, n, 0, 3);
	set_page(&w, 63);
	set_page(&w, 64);
	set_page(&w, 191);
	set_page(&w, 192);
	set_page(&w, 228);
	guest_round(_metadata, &l, &w, NULL, 0, 0x11);

	/* 64..127, then what is left everywhere. */
	set_range(&part, &w, 64, 64);
	expect_log(_metadata, &l, 0, 64, 64, &part);
	expect_log(_metadata, &l, 0, 64, 64, &empty);
	set_minus(&rest, &w, &part);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, n, &rest);

	/* The tail: 37 pages, then 101 from 128 (both end at the end). */
	set_range(&part, &w, 192, 37);
	expect_log(_metadata, &l, 0, 192, 37, &part);
	set_range(&part, &w, 128, 64);
	expect_log(_metadata, &l, 0, 128, 101, &part);
	set_range(&part, &w, 0, 64);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, 128, &part);
	expect_log(_metadata, &l, 0, 0, 64, &part);
	expect_log(_metadata, &l, 0, 0, n, &empty);

	/* CLEAR of the range 64..228 with every bit set; 0..63 stays. */
	all_pages(&all, n);
	guest_round(_metadata, &l, &all, NULL, 1, 0x22);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, n, &all);
	clear_log(_metadata, &l, 64, n - 64, &all);
	set_range(&part, &all, 0, 64);
	expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0, n, &part);
	/* CLEAR of 128..191 only after new writes everywhere. */
	guest_round(_metadata, &l, &all, NULL, 2, 0x33);
	clear_log(_metadata, &l, 128, 64, &all);
	set_range(&part, &all, 128, 64);
	set_minus(&rest, &all, &part);
	expect_log(_metadata, &l, 0, 0, n, &rest);
	expect_log(_metadata, &l, 0, 0, n, &empty);
	logged_destroy(&l);
}

/*
 * Logging turned on for a slot the guest already wrote (every page
 * mapped writable in stage 2): all of it is write protected again, so
 * the first GET is empty and the next one shows exactly the new writes.
 * Turned off, writes are not recorded and GET says ENOENT; turned on
 * again, the log starts empty.
 */
static void toggle_rounds(struct __test_metadata *_metadata, struct logged *l,
			  unsigned int one_in)
{
	struct pageset all, w, empty = { { 0 } };
	uint64_t bm[WORDS(MAX_PAGES)];

	all_pages(&all, l->npages);
	guest_round(_metadata, l, &all, NULL, 0, 0x100);
	ASSERT_EQ(0, set_region(l, l->flags | AVCPU_MEM_LOG_DIRTY));
	expect_log(_metadata, l, 0, 0, l->npages, &empty);
	exact_rounds(_metadata, l, 3, one_in, 20);

	/* Off: ENOENT, and the writes made meanwhile are not recorded. */
	ASSERT_EQ(0, set_region(l, l->flags & ~AVCPU_MEM_LOG_DIRTY));
	ASSERT_EQ(-1, dirty_ioctl(l->g.vm, AVCPU_GET_DIRTY_LOG, LOG_SLOT, 0,
				  0, l->npages, bm));
	ASSERT_EQ(ENOENT, errno);
	ASSERT_EQ(-1, dirty_ioctl(l->g.vm, AVCPU_CLEAR_DIRTY_LOG, LOG_SLOT, 0,
				  0, l->npages, bm));
	ASSERT_EQ(ENOENT, errno);
	guest_round(_metadata, l, &all, NULL, 1, 0x200);
	round_set(&w, l->npages, 2, one_in);
	guest_round(_metadata, l, &w, NULL, 2, 0x300);
	ASSERT_EQ(0, set_region(l, l->flags | AVCPU_MEM_LOG_DIRTY));
	expect_log(_metadata, l, 0, 0, l->npages, &empty);
	exact_rounds(_metadata, l, 3, one_in, 30);
	/* The same flags again: a no-op that keeps the log. */
	guest_round(_metadata, l, &w, NULL, 3, 0x400);
	ASSERT_EQ(0, set_region(l, l->flags));
	expect_log(_metadata, l, 0, 0, l->npages, &w);
}

TEST(logging_on_after_writes_then_off_and_on)
{
	struct logged l;

	logged_create(_metadata, &l, 320, false, 0);
	toggle_rounds(_metadata, &l, 4);
	logged_destroy(&l);
}

/*
 * A slot backed by two transparent huge pages (stage 2 maps 2 MiB
 * blocks while the slot is not logged): logged from registration,
 * exactly as with small pages; then off, the guest writes everything
 * (blocks come back), and on again for a slot the guest wrote.
 */
TEST(huge_page_slot_logged_exactly)
{
	struct pageset empty = { { 0 } };
	size_t pg = getpagesize();
	struct logged l;
	uint64_t npages = 2 * thp_size() / pg;

	if (npages > MAX_PAGES)
		SKIP(return, "%zu-byte pages: huge pages too large here", pg);
	logged_create(_metadata, &l, npages, true, AVCPU_MEM_LOG_DIRTY);
	TH_LOG("AnonHugePages %ld kB", anon_huge_kb(l.mem));
	ASSERT_LE((long)(npages * pg >> 10), anon_huge_kb(l.mem));
	expect_log(_metadata, &l, 0, 0, l.npages, &empty);
	exact_rounds(_metadata, &l, 4, 9, 40);
	ASSERT_EQ(0, set_region(&l, 0));
	toggle_rounds(_metadata, &l, 11);
	TH_LOG("AnonHugePages %ld kB at the end", anon_huge_kb(l.mem));
	logged_destroy(&l);
}

/* The same on a slot registered without logging, huge pages mapped. */
TEST(huge_page_slot_logging_turned_on_late)
{
	size_t pg = getpagesize();
	struct logged l;
	uint64_t npages = 2 * thp_size() / pg;

	if (npages > MAX_PAGES)
		SKIP(return, "%zu-byte pages: huge pages too large here", pg);
	logged_create(_metadata, &l, npages, true, 0);
	ASSERT_LE((long)(npages * pg >> 10), anon_huge_kb(l.mem));
	toggle_rounds(_metadata, &l, 7);
	logged_destroy(&l);
}

/* Logging of a pinned slot: the same exact log. */
TEST(pinned_slot_logged_exactly)
{
	struct logged l;

	logged_create(_metadata, &l, 128, false,
		      AVCPU_MEM_PINNED | AVCPU_MEM_LOG_DIRTY);
	exact_rounds(_metadata, &l, 4, 3, 50);
	logged_destroy(&l);
}

/* A deleted slot has no log, nor does its successor without the flag. */
TEST(deleted_slot_has_no_log)
{
	struct avcpu_memory_region del = { .slot = LOG_SLOT };
	struct pageset w, empty = { { 0 } };
	uint64_t bm[WORDS(MAX_PAGES)];
	struct logged l;

	logged_create(_metadata, &l, 64, false, AVCPU_MEM_LOG_DIRTY);
	round_set(&w, l.npages, 0, 2);
	guest_round(_metadata, &l, &w, NULL, 0, 1);
	ASSERT_EQ(0, ioctl(l.g.vm, AVCPU_SET_MEMORY_REGION, &del));
	ASSERT_EQ(-1, dirty_ioctl(l.g.vm, AVCPU_GET_DIRTY_LOG, LOG_SLOT, 0, 0,
				  64, bm));
	ASSERT_EQ(ENOENT, errno);
	ASSERT_EQ(0, set_region(&l, 0));
	ASSERT_EQ(-1, dirty_ioctl(l.g.vm, AVCPU_GET_DIRTY_LOG, LOG_SLOT, 0, 0,
				  64, bm));
	ASSERT_EQ(ENOENT, errno);
	ASSERT_EQ(0, ioctl(l.g.vm, AVCPU_SET_MEMORY_REGION, &del));
	ASSERT_EQ(0, set_region(&l, AVCPU_MEM_LOG_DIRTY));
	expect_log(_metadata, &l, 0, 0, l.npages, &empty);
	guest_round(_metadata, &l, &w, NULL, 1, 2);
	expect_log(_metadata, &l, 0, 0, l.npages, &w);
	logged_destroy(&l);
}

/*
 * Slot memory the VMM replaced while logging is on: pages unmapped and
 * mapped again, discarded (MADV_DONTNEED), protected and given back
 * their access.  The guest's reads of the new pages dirty nothing; its
 * writes are logged like any other, exactly.
 */
TEST(replaced_memory_logged_when_written)
{
	struct pageset all, w, empty = { { 0 } };
	struct logged l;
	uint64_t p;
	void *q;

	logged_create(_metadata, &l, 128, false, AVCPU_MEM_LOG_DIRTY);
	all_pages(&all, l.npages);
	guest_round(_metadata, &l, &all, NULL, 0, 0x10);
	expect_log(_metadata, &l, 0, 0, l.npages, &all);

	ASSERT_EQ(0, munmap(l.mem + 10 * l.pg, 10 * l.pg));
	q = mmap(l.mem + 10 * l.pg, 10 * l.pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT_EQ(l.mem + 10 * l.pg, q);
	ASSERT_EQ(0, madvise(l.mem + 40 * l.pg, 10 * l.pg, MADV_DONTNEED));
	ASSERT_EQ(0, mprotect(l.mem + 60 * l.pg, 10 * l.pg, PROT_READ));
	ASSERT_EQ(0, mprotect(l.mem + 60 * l.pg, 10 * l.pg,
			      PROT_READ | PROT_WRITE));
	guest_round(_metadata, &l, &empty, &all, 1, 0);
	expect_log(_metadata, &l, 0, 0, l.npages, &empty);

	memset(&w, 0, sizeof(w));
	for (p = 5; p < l.npages; p += 3)
		set_page(&w, p);
	guest_round(_metadata, &l, &w, NULL, 2, 0x20);
	expect_log(_metadata, &l, 0, 0, l.npages, &w);
	guest_round(_metadata, &l, &all, NULL, 3, 0x30);
	expect_log(_metadata, &l, 0, 0, l.npages, &all);
	logged_destroy(&l);
}

struct runner {
	int fd;
	struct avcpu_run *run;
	int ret;
};

static void *run_once(void *arg)
{
	struct runner *r = arg;

	r->ret = avcpu_run_fd(r->fd, r->run);
	return NULL;
}

/*
 * Two vCPUs write at the same time, each its own set of pages (they
 * share some): the log is their union, exactly, every round.
 */
TEST(two_vcpus_writing_at_once)
{
	struct avcpu_entry e = { 0 };
	struct pageset a, b, want;
	struct runner r1;
	struct logged l;
	pthread_t th;
	unsigned int round;

	logged_create(_metadata, &l, 512, false, AVCPU_MEM_LOG_DIRTY);
	r1.fd = avcpu_guest_add_vcpu(&l.g, 1, 0, &r1.run);
	ASSERT_LE(0, r1.fd);
	e.pc = l.g.entry;
	ASSERT_EQ(0, ioctl(r1.fd, AVCPU_SET_ENTRY, &e));
	for (round = 0; round < 6; round++) {
		round_set(&a, l.npages, 60 + round, 3);
		round_set(&b, l.npages, 70 + round, 4);
		guest_orders(_metadata, &l, 0, &a, NULL, round, 0x100 + round);
		guest_orders(_metadata, &l, 1, &b, NULL, round + 1,
			     0x200 + round);
		ASSERT_EQ(0, pthread_create(&th, NULL, run_once, &r1));
		ASSERT_EQ(0, avcpu_run_fd(l.g.vcpu, l.g.run));
		ASSERT_EQ(0, pthread_join(th, NULL));
		ASSERT_EQ(0, r1.ret);
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, l.g.run->exit_reason);
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, r1.run->exit_reason);
		set_or(&want, &a, &b);
		expect_log(_metadata, &l, 0, 0, l.npages, &want);
	}
	munmap(r1.run, 4096);
	close(r1.fd);
	logged_destroy(&l);
}

/*
 * A clear-on-read GET whose bitmap cannot be written (EFAULT) loses
 * nothing: the pages it could not report are still dirty for the next
 * GET, as a migration loop that retries needs (the module gives the
 * bits back, module/mmu.c).
 */
TEST(failed_get_keeps_the_log)
{
	struct pageset w;
	struct logged l;
	struct avcpu_dirty_log d = { .slot = LOG_SLOT };
	void *ro;

	logged_create(_metadata, &l, 128, false, AVCPU_MEM_LOG_DIRTY);
	ro = mmap(NULL, l.pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	round_set(&w, l.npages, 0, 3);
	guest_round(_metadata, &l, &w, NULL, 0, 0x77);
	d.num_pages = l.npages;
	d.bitmap = (uintptr_t)ro;
	errno = 0;
	ASSERT_EQ(-1, ioctl(l.g.vm, AVCPU_GET_DIRTY_LOG, &d));
	ASSERT_EQ(EFAULT, errno);
	d.bitmap = 0;
	errno = 0;
	ASSERT_EQ(-1, ioctl(l.g.vm, AVCPU_GET_DIRTY_LOG, &d));
	ASSERT_EQ(EFAULT, errno);
	expect_log(_metadata, &l, 0, 0, l.npages, &w);
	munmap(ro, l.pg);
	logged_destroy(&l);
}

/*
 * A read-only slot with logging: the guest's writes are MMIO exits and
 * never reach the memory, so they are never in the log; its reads work.
 */
TEST(readonly_slot_writes_never_logged)
{
	struct pageset w, empty = { { 0 } };
	unsigned int mmio = 0, i;
	struct logged l;
	uint64_t p;

	logged_create(_metadata, &l, 64, false,
		      AVCPU_MEM_READONLY | AVCPU_MEM_LOG_DIRTY);
	round_set(&w, l.npages, 0, 4);
	guest_orders(_metadata, &l, 0, &w, &w, 0, 0x99);
	for (i = 0; i < l.npages + 1; i++) {
		ASSERT_EQ(0, avcpu_run_fd(l.g.vcpu, l.g.run));
		if (l.g.run->exit_reason != AVCPU_EXIT_MMIO)
			break;
		ASSERT_EQ(1, l.g.run->mmio.is_write);
		mmio++;
	}
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, l.g.run->exit_reason);
	for (p = 0, i = 0; p < l.npages; p++)
		i += has_page(&w, p);
	ASSERT_EQ(i, mmio);
	/* The reads saw the VMM's bytes: the sum of 0x5a-filled words. */
	ASSERT_EQ(0x5a5a5a5a5a5a5a5aULL * i, l.g.run->hypercall.x[0]);
	expect_log(_metadata, &l, 0, 0, l.npages, &empty);
	logged_destroy(&l);
}

/*
 * The writer with a store pair and a post-indexed store (no syndrome to
 * emulate from, ISV=0): mailbox as g_writer's, no reads; each address
 * gets the value at +0 and +8 (STP), then at +16 (STR post-index).
 */
AVCPU_GUEST(g_pair_writer,
	"0:	movz	x10, #0x4000, lsl #16\n"
	"	add	x11, x10, #0x1000\n"
	"	ldr	x13, [x11]\n"
	"	ldr	x9, [x11, #16]\n"
	"	add	x11, x11, #24\n"
	"	mov	x14, #0\n"
	"1:	cmp	x14, x13\n"
	"	b.eq	2f\n"
	"	ldr	x16, [x11, x14, lsl #3]\n"
	"	stp	x9, x9, [x16]\n"
	"	add	x16, x16, #16\n"
	"	str	x9, [x16], #8\n"
	"	add	x14, x14, #1\n"
	"	b	1b\n"
	"2:	hvc	#1\n"
	"	b	0b\n");

/*
 * Writes the module cannot emulate from the syndrome (STP, a
 * post-indexed STR) to write-protected pages of a logged slot are
 * ordinary write faults: logged exactly, the data in place, no exit.
 */
TEST(store_pair_and_writeback_logged)
{
	uint64_t *box, p, k, *q;
	struct pageset w;
	struct logged l;
	unsigned int round;

	logged_create_code(_metadata, &l, 192, false, AVCPU_MEM_LOG_DIRTY,
			   g_pair_writer_start, g_pair_writer_end);
	box = (uint64_t *)((char *)l.g.ram + MAILBOX);
	for (round = 0; round < 4; round++) {
		round_set(&w, l.npages, 80 + round, 3);
		for (p = 0, k = 0; p < l.npages; p++)
			if (has_page(&w, p))
				box[3 + k++] = LOG_GPA + p * l.pg +
					       32 * (p % (l.pg / 32));
		box[0] = k;
		box[1] = 0;
		box[2] = 0x700 + round;
		ASSERT_EQ(0, avcpu_run_fd(l.g.vcpu, l.g.run));
		ASSERT_EQ(AVCPU_EXIT_HYPERCALL, l.g.run->exit_reason);
		for (p = 0; p < l.npages; p++) {
			if (!has_page(&w, p))
				continue;
			q = (uint64_t *)(l.mem + p * l.pg +
					 32 * (p % (l.pg / 32)));
			ASSERT_EQ(0x700 + round, q[0]);
			ASSERT_EQ(0x700 + round, q[1]);
			ASSERT_EQ(0x700 + round, q[2]);
		}
		expect_log(_metadata, &l, 0, 0, l.npages, &w);
	}
	logged_destroy(&l);
}

/*
 * The spinner: writes its pass number into every address of the
 * mailbox (count, then addresses) over and over; after each pass it
 * stores the pass count at RAM + 0x800 and stops (hvc #1) once the VMM
 * has set RAM + 0x808.
 */
AVCPU_GUEST(g_spinner,
	"	movz	x10, #0x4000, lsl #16\n"
	"	add	x11, x10, #0x1000\n"
	"	ldr	x13, [x11]\n"
	"	add	x11, x11, #8\n"
	"	add	x12, x10, #0x800\n"
	"	mov	x9, #0\n"
	"0:	mov	x14, #0\n"
	"1:	ldr	x16, [x11, x14, lsl #3]\n"
	"	str	x9, [x16]\n"
	"	add	x14, x14, #1\n"
	"	cmp	x14, x13\n"
	"	b.ne	1b\n"
	"	add	x9, x9, #1\n"
	"	str	x9, [x12]\n"
	"	ldr	x15, [x12, #8]\n"
	"	cbz	x15, 0b\n"
	"	hvc	#1\n");

static uint64_t spinner_passes(struct logged *l)
{
	return __atomic_load_n((uint64_t *)((char *)l->g.ram + 0x800),
			       __ATOMIC_ACQUIRE);
}

/* Wait until the spinner has finished pass @n; false after 20 s. */
static bool spinner_wait(struct logged *l, uint64_t n)
{
	int i;

	for (i = 0; i < 200000 && spinner_passes(l) < n; i++)
		usleep(100);
	return spinner_passes(l) >= n;
}

/*
 * A guest writing every page of the slot without a pause, on its own
 * thread, while the VMM takes the log: every page written after a GET
 * returned is in the next GET.  After each GET the VMM waits for a pass
 * that started after it, then GETs again, and must see every page, 40
 * times; then CLEAR instead of clear-on-read, 20 times.  A write-protect
 * that does not reach a running vCPU (no TLB invalidation, no kick)
 * lets its writes escape the log (seen on smp2, where the vCPU and the
 * VMM run at once).
 */
TEST(running_guest_never_escapes_the_log)
{
	struct pageset all;
	struct runner r0;
	struct logged l;
	uint64_t *box, p, n;
	pthread_t th;
	int i;

	logged_create_code(_metadata, &l, 64, false, AVCPU_MEM_LOG_DIRTY,
			   g_spinner_start, g_spinner_end);
	all_pages(&all, l.npages);
	box = (uint64_t *)((char *)l.g.ram + MAILBOX);
	box[0] = l.npages;
	for (p = 0; p < l.npages; p++)
		box[1 + p] = LOG_GPA + p * l.pg + 8 * (p % 5);
	r0.fd = l.g.vcpu;
	r0.run = l.g.run;
	ASSERT_EQ(0, pthread_create(&th, NULL, run_once, &r0));
	ASSERT_TRUE(spinner_wait(&l, 1));
	for (i = 0; i < 60; i++) {
		if (i < 40) {
			expect_log(_metadata, &l, 0, 0, l.npages, &all);
		} else {
			expect_log(_metadata, &l, AVCPU_DIRTY_LOG_KEEP, 0,
				   l.npages, &all);
			clear_log(_metadata, &l, 0, l.npages, &all);
		}
		n = spinner_passes(&l);
		ASSERT_TRUE(spinner_wait(&l, n + 2));
	}
	*(volatile uint64_t *)((char *)l.g.ram + 0x808) = 1;
	ASSERT_EQ(0, pthread_join(th, NULL));
	ASSERT_EQ(0, r0.ret);
	ASSERT_EQ(AVCPU_EXIT_HYPERCALL, l.g.run->exit_reason);
	TH_LOG("%llu passes", (unsigned long long)spinner_passes(&l));
	logged_destroy(&l);
}

#define EXPECT_ERRNO(e, call) do {					\
	errno = 0;							\
	ASSERT_EQ(-1, (call));						\
	ASSERT_EQ((e), errno);						\
} while (0)

static int region(int vm, uint32_t slot, uint32_t flags, uint64_t gpa,
		  uint64_t size, void *uaddr, uint64_t r0, uint64_t r1)
{
	struct avcpu_memory_region r = {
		.slot = slot, .flags = flags, .guest_phys_addr = gpa,
		.memory_size = size, .userspace_addr = (uintptr_t)uaddr,
		.reserved = { r0, r1 },
	};

	return ioctl(vm, AVCPU_SET_MEMORY_REGION, &r);
}

/*
 * SET_MEMORY_REGION on a live slot: unknown flags and reserved fields
 * EINVAL; only LOG_DIRTY may change (0), the same flags again are a
 * no-op (0), any other change EEXIST.
 */
TEST(set_memory_region_flag_errnos)
{
	const uint32_t L = AVCPU_MEM_LOG_DIRTY;
	size_t pg = getpagesize(), sz = 16 * pg;
	struct logged l;
	char *m;
	int vm;

	logged_create(_metadata, &l, 16, false, 0);
	vm = l.g.vm;
	m = l.mem;
	EXPECT_ERRNO(EINVAL, region(vm, 2, 1U << 3, 0x90000000, sz, m, 0, 0));
	EXPECT_ERRNO(EINVAL, region(vm, 2, 1U << 31, 0x90000000, sz, m, 0, 0));
	EXPECT_ERRNO(EINVAL, region(vm, 2, L, 0x90000000, sz, m, 1, 0));
	EXPECT_ERRNO(EINVAL, region(vm, 2, L, 0x90000000, sz, m, 0, 1ULL << 63));
	/* The same on the live slot: still EINVAL, not EEXIST. */
	EXPECT_ERRNO(EINVAL, region(vm, LOG_SLOT, L | 1U << 5, LOG_GPA, sz, m,
				    0, 0));
	EXPECT_ERRNO(EINVAL, region(vm, LOG_SLOT, L, LOG_GPA, sz, m, 0, 7));

	ASSERT_EQ(0, region(vm, LOG_SLOT, 0, LOG_GPA, sz, m, 0, 0));
	ASSERT_EQ(0, region(vm, LOG_SLOT, L, LOG_GPA, sz, m, 0, 0));
	ASSERT_EQ(0, region(vm, LOG_SLOT, L, LOG_GPA, sz, m, 0, 0));
	ASSERT_EQ(0, region(vm, LOG_SLOT, 0, LOG_GPA, sz, m, 0, 0));
	ASSERT_EQ(0, region(vm, LOG_SLOT, 0, LOG_GPA, sz, m, 0, 0));
	ASSERT_EQ(0, region(vm, LOG_SLOT, L, LOG_GPA, sz, m, 0, 0));

	/* Anything else, with or without a LOG_DIRTY change. */
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, L, LOG_GPA + pg, sz, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, 0, LOG_GPA + pg, sz, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, L, LOG_GPA, sz - pg, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, 0, LOG_GPA, sz + pg, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, L, LOG_GPA, sz, m + pg, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, L | AVCPU_MEM_READONLY,
				    LOG_GPA, sz, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, AVCPU_MEM_READONLY,
				    LOG_GPA, sz, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, L | AVCPU_MEM_PINNED,
				    LOG_GPA, sz, m, 0, 0));
	EXPECT_ERRNO(EEXIST, region(vm, LOG_SLOT, AVCPU_MEM_PINNED,
				    LOG_GPA, sz, m, 0, 0));
	/* The slot is unchanged: logging still on. */
	expect_log(_metadata, &l, 0, 0, 16, NULL);
	logged_destroy(&l);
}

/* Every errno of GET and CLEAR. */
TEST(dirty_log_errnos)
{
	const unsigned long get = AVCPU_GET_DIRTY_LOG;
	const unsigned long clr = AVCPU_CLEAR_DIRTY_LOG;
	const unsigned long cmds[] = { get, clr };
	struct avcpu_dirty_log d;
	struct avcpu_caps caps;
	uint64_t bm[8] = { 0 };
	struct logged l;
	unsigned int i;
	void *none, *other;
	int vm;

	/* Slot 1: logged, 229 pages; slot 2: not logged. */
	logged_create(_metadata, &l, 229, false, AVCPU_MEM_LOG_DIRTY);
	vm = l.g.vm;
	other = mmap(NULL, 64 * l.pg, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, other);
	ASSERT_EQ(0, region(vm, 2, 0, 0x90000000, 64 * l.pg, other, 0, 0));
	ASSERT_EQ(0, ioctl(l.g.sys, AVCPU_GET_CAPS, &caps));
	none = mmap(NULL, l.pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, none);

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		unsigned long c = cmds[i];

		TH_LOG("%s", c == get ? "GET_DIRTY_LOG" : "CLEAR_DIRTY_LOG");
		/* The valid call, for reference. */
		ASSERT_EQ(0, dirty_ioctl(vm, c, 1, 0, 0, 229, bm));
		ASSERT_EQ(0, dirty_ioctl(vm, c, 1, 0, 64, 128, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, caps.max_mem_slots, 0,
						 0, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, ~0U, 0, 0, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 1U << 1, 0, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 1U << 31, 0, 64,
						 bm));
		memset(&d, 0, sizeof(d));
		d.slot = 1;
		d.num_pages = 64;
		d.bitmap = (uintptr_t)bm;
		d.reserved[0] = 1;
		EXPECT_ERRNO(EINVAL, ioctl(vm, c, &d));
		d.reserved[0] = 0;
		d.reserved[1] = 1ULL << 40;
		EXPECT_ERRNO(EINVAL, ioctl(vm, c, &d));
		/* Slot unused, slot not logged. */
		EXPECT_ERRNO(ENOENT, dirty_ioctl(vm, c, 3, 0, 0, 64, bm));
		EXPECT_ERRNO(ENOENT, dirty_ioctl(vm, c, caps.max_mem_slots - 1,
						 0, 0, 64, bm));
		EXPECT_ERRNO(ENOENT, dirty_ioctl(vm, c, 2, 0, 0, 64, bm));
		/* Ranges. */
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 1, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 32, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 0, 0, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 192, 0, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 0, 230, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 192, 38, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 192, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 256, 64, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 1ULL << 40, 64,
						 bm));
		/* first + num wraps around to inside the slot. */
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, -128ULL, 192, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 64, -64ULL, bm));
		/* Not a multiple of 64 and not up to the end. */
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 0, 100, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 64, 1, bm));
		EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, c, 1, 0, 128, 100, bm));
		/* Bad bitmap pointers. */
		EXPECT_ERRNO(EFAULT, dirty_ioctl(vm, c, 1, 0, 0, 64, NULL));
		EXPECT_ERRNO(EFAULT, dirty_ioctl(vm, c, 1, 0, 0, 229, none));
		EXPECT_ERRNO(EFAULT, dirty_ioctl(vm, c, 1, 0, 0, 64,
				(void *)0xffff800008000000ULL));
		/* The argument itself unreadable. */
		EXPECT_ERRNO(EFAULT, ioctl(vm, c, NULL));
		EXPECT_ERRNO(EFAULT, ioctl(vm, c, none));
		/* Not an ioctl of the other objects. */
		EXPECT_ERRNO(ENOTTY, dirty_ioctl(l.g.vcpu, c, 1, 0, 0, 64, bm));
		EXPECT_ERRNO(ENOTTY, dirty_ioctl(l.g.sys, c, 1, 0, 0, 64, bm));
	}
	/* KEEP is for GET only. */
	ASSERT_EQ(0, dirty_ioctl(vm, get, 1, AVCPU_DIRTY_LOG_KEEP, 0, 64, bm));
	EXPECT_ERRNO(EINVAL, dirty_ioctl(vm, clr, 1, AVCPU_DIRTY_LOG_KEEP, 0,
					 64, bm));
	/* GET writes the bitmap: a read-only one is EFAULT, CLEAR reads it. */
	ASSERT_EQ(0, mprotect(none, l.pg, PROT_READ));
	EXPECT_ERRNO(EFAULT, dirty_ioctl(vm, get, 1, 0, 0, 229, none));
	EXPECT_ERRNO(EFAULT, dirty_ioctl(vm, get, 1, AVCPU_DIRTY_LOG_KEEP, 0,
					 64, none));
	ASSERT_EQ(0, dirty_ioctl(vm, clr, 1, 0, 0, 229, none));
	munmap(none, l.pg);
	logged_destroy(&l);
	munmap(other, 64 * l.pg);
}

TEST_HARNESS_MAIN
