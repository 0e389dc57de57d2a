// SPDX-License-Identifier: GPL-2.0
/*
 * One fuzzing VMM process: a small world of VMs, vCPUs and memory
 * buffers shared by worker threads, each of which loops over random
 * actions: random ioctls on every kind of fd, memory slots of every
 * shape (pinned, unpinned, logged), random guests run under a signal
 * bound, line/injection/reset calls on running vCPUs, SMCCC filters,
 * dirty logs read and cleared and logging turned on and off, closing
 * objects and unmapping slot memory under other threads (for good, or
 * for a moment: unmapped and mapped again, protected and given back its
 * access, discarded, while guests run on it and meet memory faults),
 * forking VMM children (killed or not) and delete_module() attempts.
 *
 * The world table only says which fds and buffers exist; the kernel may
 * know better (a stale fd number, a slot a random call deleted): every
 * action copes with an fd that changed under it.  What the fuzzer never
 * does is touch memory it unmapped, truncated or made read-only, or give
 * a guest memory it uses itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>
#include "fuzz.h"

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id	_sigev_un._tid
#endif

#define MAX_VMS		4
#define MAX_VCPUS	12
#define MAX_BUFS	24
#define MAX_TSLOTS	8		/* slots tracked per VM */
#define MEM_BUDGET	(160UL << 20)	/* slot memory per VMM process */
#define RAM_BASE	0x40000000ULL
/* The host's page size: slots, run structures and guard pages use it. */
#define PG		((unsigned long)getpagesize())
#define SZ_2M		(2UL << 20)
#define MAX_REGS	512
#define KERNEL_PTR	0xffff800008000000ULL
#define MEM_FLAGS	(AVCPU_MEM_READONLY | AVCPU_MEM_PINNED | \
			 AVCPU_MEM_LOG_DIRTY)
#define BITMAP_BYTES	(1024UL * 1024)	/* dirty bitmaps, then a guard page */
#define HOLE_SIZE	(1024ULL << 30)	/* address space for unpinned slots */
#define LOGGED_MAX	(64ULL << 30)	/* the largest logged slot there */

struct buf {
	uint8_t *addr;
	size_t size;
	int memfd;		/* -1: anonymous */
	int users;		/* threads writing into it */
	bool used;
	bool dead;		/* unmapped, protected or truncated */
	bool away;		/* unmapped or protected for a moment */
	bool huge;		/* MADV_HUGEPAGE */
};

struct tslot {
	bool used;
	uint32_t id;
	uint32_t flags;		/* AVCPU_MEM_* it was registered with */
	uint64_t gpa, size;
	uint64_t uaddr;
	int buf;		/* -1: not one of our live buffers */
	size_t off;
};

struct vm_obj {
	bool used;
	int fd;			/* -1: closed (vCPUs may keep it alive) */
	unsigned int ipa_bits;
	struct tslot slot[MAX_TSLOTS];
	int ram;		/* slot[] holding guest code, -1: none */
};

struct vcpu_obj {
	bool used;
	bool closing;
	int fd;
	int vm;			/* -1: not attached */
	uint64_t mpidr;
	struct avcpu_run *run;
	int users;
	bool runner;		/* an act_run() owns it */
};

struct vmm {
	pthread_mutex_t lock;
	int anchor;		/* /dev/avcpu, open for the VMM's whole life */
	struct avcpu_caps caps;
	struct vm_obj vm[MAX_VMS];
	struct vcpu_obj vcpu[MAX_VCPUS];
	struct buf buf[MAX_BUFS];
	int junk[5];		/* pipe r/w, /dev/null, eventfd, memfd */
	uint8_t *noaccess;	/* PROT_NONE: unmapped user pointers */
	uint8_t *hole;		/* PROT_NONE, for unpinned slots' backing */
	uint64_t hole_size;
	uint8_t *ropage;	/* zeros, read-only */
	uint64_t regs[MAX_REGS];
	unsigned int nregs;
	size_t mem_used;
	uint64_t pinned_bytes;	/* registered with AVCPU_MEM_PINNED, ever */
	enum fuzz_mode mode;
	uint64_t deadline;
	bool run_exposed;	/* a run page may be guest memory */
	int stray;		/* RUNs outside act_run() under way */
	unsigned long stray_starts;	/* of those, ever started (raised
					 * after stray)
					 */
};

struct worker {
	struct vmm *m;
	struct rng r;
	struct run_timer t;
	uint8_t *arg;		/* one RW page, then one PROT_NONE page */
	uint8_t *scratch;	/* 64 KiB: ONE_REG values, overrun canary */
	uint8_t *bitmap;	/* BITMAP_BYTES for dirty logs, then a guard */
	int efd[2];		/* eventfds for AVCPU_IRQFD */
	pthread_t th;
};

/* --- the RUN bound ---------------------------------------------------- */

static void on_signal(int sig)
{
	(void)sig;
}

static struct run_slot *slot_get(void)
{
	unsigned int i;

	for (i = 0; i < FUZZ_RUN_SLOTS; i++) {
		int32_t zero = 0;
		struct run_slot *s = &fz->slot[i];

		if (__atomic_compare_exchange_n(&s->pid, &zero, getpid(), false,
						__ATOMIC_ACQ_REL,
						__ATOMIC_RELAXED)) {
			s->since_ns = 0;
			__atomic_store_n(&s->tid, gettid(), __ATOMIC_RELEASE);
			return s;
		}
	}
	return NULL;
}

int run_timer_init(struct run_timer *t)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_notify_thread_id = gettid();
	t->slot = slot_get();
	t->armed_ok = !timer_create(CLOCK_MONOTONIC, &ev, &t->timer);
	return t->armed_ok ? 0 : -1;
}

void run_timer_fini(struct run_timer *t)
{
	if (t->armed_ok)
		timer_delete(t->timer);
	if (t->slot) {
		__atomic_store_n(&t->slot->since_ns, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&t->slot->pid, 0, __ATOMIC_RELEASE);
	}
}

void count_result(int ret, int err)
{
	stat_add(&fz->calls, 1);
	if (ret >= 0)
		stat_add(&fz->errnos[0], 1);
	else if (err > 0 && err < FUZZ_MAX_ERRNO)
		stat_add(&fz->errnos[err], 1);
}

/*
 * RUN with a timer that signals this thread first after 0.1-50 ms, then
 * every 10 ms until RUN is back: a signal that lands just before the
 * call is followed by another.  The watchdog (main.c) reads the slot.
 */
int run_bounded(struct run_timer *t, struct rng *r, int fd)
{
	struct itimerspec its = { 0 };
	uint64_t first;
	int ret, err;

	/* Mostly short: a spinning or sleeping guest costs its bound. */
	if (!one_in(r, 4))
		first = 100000 + rnd(r, 1900000);
	else if (!one_in(r, 5))
		first = 2000000 + rnd(r, 8000000);
	else
		first = 10000000 + rnd(r, 40000000);
	its.it_value.tv_nsec = first;
	its.it_interval.tv_nsec = 10000000;
	if (t->slot) {
		__atomic_store_n(&t->slot->signal_ns, now_ns() + first,
				 __ATOMIC_RELAXED);
		__atomic_store_n(&t->slot->since_ns, now_ns(),
				 __ATOMIC_RELEASE);
	}
	if (t->armed_ok)
		timer_settime(t->timer, 0, &its, NULL);
	ret = ioctl(fd, AVCPU_RUN, 0);
	err = errno;
	memset(&its, 0, sizeof(its));
	if (t->armed_ok)
		timer_settime(t->timer, 0, &its, NULL);
	if (t->slot)
		__atomic_store_n(&t->slot->since_ns, 0, __ATOMIC_RELEASE);
	count_result(ret, err);
	errno = err;
	return ret;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);
	int err = errno;

	count_result(ret, err);
	errno = err;
	return ret;
}

static int set_reg(int fd, uint64_t id, uint64_t val)
{
	struct avcpu_one_reg o = { .id = id, .addr = (uintptr_t)&val };

	return xioctl(fd, AVCPU_SET_ONE_REG, &o);
}

static int get_reg(int fd, uint64_t id, uint64_t *val)
{
	struct avcpu_one_reg o = { .id = id, .addr = (uintptr_t)val };

	return xioctl(fd, AVCPU_GET_ONE_REG, &o);
}

/* --- memory buffers -------------------------------------------------- */

static void buf_unref(struct vmm *m, int b)
{
	pthread_mutex_lock(&m->lock);
	m->buf[b].users--;
	pthread_mutex_unlock(&m->lock);
}

/* A new buffer, counted against the budget; -1 if none. Caller locks. */
static int buf_new(struct vmm *m, struct rng *r, size_t size, bool huge,
		   bool memfd)
{
	struct buf *b = NULL;
	uint8_t *p;
	int i, fd = -1;

	if (m->mem_used + size + (huge ? SZ_2M : 0) > MEM_BUDGET)
		return -1;
	for (i = 0; i < MAX_BUFS; i++) {
		if (!m->buf[i].used) {
			b = &m->buf[i];
			break;
		}
	}
	if (!b)
		return -1;
	if (memfd) {
		fd = memfd_create("avcpu-fuzz", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, size)) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
		p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	} else if (huge) {
		uint8_t *raw = mmap(NULL, size + SZ_2M, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uintptr_t a;

		if (raw == MAP_FAILED)
			return -1;
		a = ((uintptr_t)raw + SZ_2M - 1) & ~(SZ_2M - 1);
		if (a > (uintptr_t)raw)
			munmap(raw, a - (uintptr_t)raw);
		munmap((uint8_t *)a + size, (uintptr_t)raw + SZ_2M - a);
		p = (uint8_t *)a;
		madvise(p, size, MADV_HUGEPAGE);
	} else {
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED && one_in(r, 4))
			madvise(p, size, MADV_NOHUGEPAGE);
	}
	if (p == MAP_FAILED) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	memset(b, 0, sizeof(*b));
	b->used = true;
	b->addr = p;
	b->size = size;
	b->memfd = fd;
	b->huge = huge;
	m->mem_used += size;
	return b - m->buf;
}

/* --- the world ------------------------------------------------------- */

static int pick_vm(struct vmm *m, struct rng *r, bool with_fd)
{
	unsigned int i, start = rnd(r, MAX_VMS);

	for (i = 0; i < MAX_VMS; i++) {
		struct vm_obj *v = &m->vm[(start + i) % MAX_VMS];

		if (v->used && (!with_fd || v->fd >= 0))
			return (start + i) % MAX_VMS;
	}
	return -1;
}

static int pick_vcpu(struct vmm *m, struct rng *r)
{
	unsigned int i, start = rnd(r, MAX_VCPUS);

	for (i = 0; i < MAX_VCPUS; i++) {
		struct vcpu_obj *c = &m->vcpu[(start + i) % MAX_VCPUS];

		if (c->used && !c->closing)
			return (start + i) % MAX_VCPUS;
	}
	return -1;
}

static void vcpu_unref(struct vmm *m, int i)
{
	struct vcpu_obj *c = &m->vcpu[i];

	pthread_mutex_lock(&m->lock);
	if (!--c->users && c->closing) {
		if (c->run)
			munmap(c->run, PG);
		memset(c, 0, sizeof(*c));
	}
	pthread_mutex_unlock(&m->lock);
}

/* Close a vCPU: its fd now, its run mapping when nobody reads it. */
static void vcpu_close_locked(struct vmm *m, int i)
{
	struct vcpu_obj *c = &m->vcpu[i];

	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->closing = true;
	stat_add(&fz->closes, 1);
	if (!c->users) {
		if (c->run)
			munmap(c->run, PG);
		memset(c, 0, sizeof(*c));
	}
}

static bool vm_referenced(struct vmm *m, int v)
{
	unsigned int i;

	for (i = 0; i < MAX_VCPUS; i++)
		if (m->vcpu[i].used && m->vcpu[i].vm == v)
			return true;
	return false;
}

static int vm_adopt_locked(struct vmm *m, int fd, unsigned int ipa_bits)
{
	unsigned int i;

	for (i = 0; i < MAX_VMS; i++) {
		struct vm_obj *v = &m->vm[i];

		if (v->used && (v->fd >= 0 || vm_referenced(m, i)))
			continue;
		memset(v, 0, sizeof(*v));
		v->used = true;
		v->fd = fd;
		v->ipa_bits = ipa_bits ? ipa_bits :
			      (m->caps.max_ipa_bits < 40 ?
			       m->caps.max_ipa_bits : 40);
		v->ram = -1;
		return i;
	}
	close(fd);
	return -1;
}

static int vcpu_adopt_locked(struct vmm *m, int fd, uint64_t mpidr)
{
	unsigned int i;
	void *run;

	for (i = 0; i < MAX_VCPUS; i++) {
		struct vcpu_obj *c = &m->vcpu[i];

		if (c->used)
			continue;
		run = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (run == MAP_FAILED) {
			close(fd);
			return -1;
		}
		memset(c, 0, sizeof(*c));
		c->used = true;
		c->fd = fd;
		c->vm = -1;
		c->mpidr = mpidr;
		c->run = run;
		return i;
	}
	close(fd);
	return -1;
}

static int create_vm(struct vmm *m, struct rng *r)
{
	struct avcpu_vm_create vc = { 0 };
	int fd, ret;

	if (one_in(r, 3))
		vc.ipa_bits = m->caps.min_ipa_bits +
			      rnd(r, m->caps.max_ipa_bits -
				  m->caps.min_ipa_bits + 1);
	fd = xioctl(m->anchor, AVCPU_CREATE_VM, &vc);
	if (fd < 0)
		return -1;
	pthread_mutex_lock(&m->lock);
	ret = vm_adopt_locked(m, fd, vc.ipa_bits);
	pthread_mutex_unlock(&m->lock);
	return ret;
}

/* A vCPU attached to VM @v with a free MPIDR (0-3), run page mapped. */
static int create_vcpu(struct vmm *m, struct rng *r, int v)
{
	struct avcpu_vcpu_create cc = { 0 };
	struct avcpu_vcpu_attach a = { 0 };
	int fd, c, vfd;

	cc.mpidr = rnd(r, 4);
	if (cc.mpidr && one_in(r, 3))
		cc.flags = AVCPU_VCPU_POWER_OFF;
	cc.dtb_addr = RAM_BASE;
	fd = xioctl(m->anchor, AVCPU_CREATE_VCPU, &cc);
	if (fd < 0)
		return -1;
	pthread_mutex_lock(&m->lock);
	vfd = m->vm[v].used ? m->vm[v].fd : -1;
	c = vcpu_adopt_locked(m, fd, cc.mpidr);
	pthread_mutex_unlock(&m->lock);
	if (c < 0 || vfd < 0)
		return c;
	a.vm_fd = vfd;
	if (!xioctl(fd, AVCPU_SET_VM, &a)) {
		pthread_mutex_lock(&m->lock);
		if (m->vcpu[c].fd == fd)
			m->vcpu[c].vm = v;
		pthread_mutex_unlock(&m->lock);
	}
	return c;
}

/*
 * A SET_MEMORY_REGION succeeded: pinned memory is counted (an upper
 * bound of what this VMM may have locked: a repeated call counts again).
 */
static void slot_registered(struct vmm *m,
			    const struct avcpu_memory_region *mr)
{
	if (mr->memory_size && (mr->flags & AVCPU_MEM_PINNED))
		__atomic_fetch_add(&m->pinned_bytes, mr->memory_size,
				   __ATOMIC_RELAXED);
}

/* Record a slot VM @v now has (best effort). Caller locks. */
static void track_slot(struct vm_obj *v, const struct avcpu_memory_region *mr,
		       int b, size_t off)
{
	unsigned int i, free = MAX_TSLOTS;
	uint32_t id = mr->slot;

	for (i = 0; i < MAX_TSLOTS; i++) {
		if (v->slot[i].used && v->slot[i].id == id)
			break;
		if (!v->slot[i].used && free == MAX_TSLOTS)
			free = i;
	}
	if (i == MAX_TSLOTS)
		i = free;
	if (i == MAX_TSLOTS)
		return;
	if (!mr->memory_size) {
		if (v->ram == (int)i)
			v->ram = -1;
		v->slot[i].used = false;
		return;
	}
	v->slot[i] = (struct tslot){
		.used = true, .id = id, .flags = mr->flags,
		.gpa = mr->guest_phys_addr, .size = mr->memory_size,
		.uaddr = mr->userspace_addr, .buf = b, .off = off,
	};
}

static uint32_t free_slot_id(struct vmm *m, struct vm_obj *v, struct rng *r)
{
	unsigned int tries, i;
	uint32_t id;

	for (tries = 0; tries < 8; tries++) {
		id = rnd(r, m->caps.max_mem_slots);
		for (i = 0; i < MAX_TSLOTS; i++)
			if (v->slot[i].used && v->slot[i].id == id)
				break;
		if (i == MAX_TSLOTS)
			return id;
	}
	return id;
}

/*
 * Give VM @vi a slot of shape chosen at random: guest RAM, a page-aligned
 * slot not aligned to 2 MiB, a huge-page backed one, read-only, memfd.
 * Returns the tracked index or -1.
 */
static int add_slot(struct vmm *m, struct rng *r, int vi, bool ram)
{
	struct avcpu_memory_region mr = { 0 };
	struct vm_obj *v = &m->vm[vi];
	unsigned int shape = ram ? rnd(r, 2) : rnd(r, 6);
	size_t size, off = 0;
	bool huge = false, memfd = false;
	int b, fd, ret, i;

	switch (shape) {
	case 0:		/* plain RAM */
		size = (2 + rnd(r, 7)) << 20;
		mr.guest_phys_addr = RAM_BASE + rnd(r, 4) * (64ULL << 20);
		break;
	case 1:		/* huge-page RAM: blocks, map-ahead, the last window */
		size = (2 + rnd(r, 7)) * SZ_2M;
		huge = true;
		mr.guest_phys_addr = RAM_BASE + rnd(r, 4) * (64ULL << 20);
		break;
	case 2:		/* page aligned, not 2 MiB aligned */
		size = (1 + rnd(r, 16)) * PG;
		mr.guest_phys_addr = 0x50000000ULL + (1 + rnd(r, 511)) * PG;
		break;
	case 3:		/* read-only, e.g. a flash */
		size = (1 + rnd(r, 512)) * PG;
		mr.guest_phys_addr = 0x04000000ULL + rnd(r, 16) * SZ_2M;
		mr.flags = AVCPU_MEM_READONLY;
		break;
	case 4:		/* memfd backed, shared */
		size = (1 + rnd(r, 4)) << 20;
		memfd = true;
		mr.guest_phys_addr = 0x60000000ULL + rnd(r, 64) * PG;
		break;
	default:	/* near the top of the IPA space */
		size = (1 + rnd(r, 8)) * PG;
		mr.guest_phys_addr = (1ULL << v->ipa_bits) - size -
				     rnd(r, 4) * SZ_2M;
		break;
	}
	/* Unpinned is the default; some slots pinned, some logged. */
	if (one_in(r, 4))
		mr.flags |= AVCPU_MEM_PINNED;
	if (one_in(r, 3))
		mr.flags |= AVCPU_MEM_LOG_DIRTY;
	pthread_mutex_lock(&m->lock);
	b = buf_new(m, r, size, huge, memfd);
	fd = v->used ? v->fd : -1;
	if (b < 0 || fd < 0) {
		pthread_mutex_unlock(&m->lock);
		return -1;
	}
	mr.slot = free_slot_id(m, v, r);
	mr.memory_size = size;
	mr.userspace_addr = (uintptr_t)m->buf[b].addr + off;
	m->buf[b].users++;
	pthread_mutex_unlock(&m->lock);

	/* Sometimes the VMM writes its memory before registering it. */
	if (one_in(r, 2))
		memset(m->buf[b].addr, 0, size < SZ_2M ? size : SZ_2M);
	ret = xioctl(fd, AVCPU_SET_MEMORY_REGION, &mr);
	pthread_mutex_lock(&m->lock);
	m->buf[b].users--;
	i = -1;
	if (!ret) {
		stat_add(&fz->slot_ok, 1);
		slot_registered(m, &mr);
		track_slot(v, &mr, b, off);
		for (i = 0; i < MAX_TSLOTS; i++)
			if (v->slot[i].used && v->slot[i].id == mr.slot)
				break;
		if (i == MAX_TSLOTS)
			i = -1;
		if (ram && i >= 0 && !(mr.flags & AVCPU_MEM_READONLY))
			v->ram = i;
	} else if (!m->buf[b].users) {
		/* Not registered: give the memory back to the budget. */
		munmap(m->buf[b].addr, size);
		if (m->buf[b].memfd >= 0)
			close(m->buf[b].memfd);
		m->buf[b].used = false;
		m->mem_used -= size;
	}
	pthread_mutex_unlock(&m->lock);
	return i;
}

/* --- random ioctl arguments ------------------------------------------ */

static const uint32_t filter_bases[] = {
	0x84000000, 0xc4000000, 0x80000000, 0x80008000, 0x80003fff,
	0x84000008, 0x84000002, 0xffffffff,
};

enum ptr_kind { P_GOOD, P_MISALIGN, P_RO, P_NULL, P_KERNEL, P_UNMAPPED,
		P_EDGE, P_WILD };

static const unsigned long known_cmds[] = {
	AVCPU_GET_API_VERSION, AVCPU_GET_CAPS, AVCPU_CREATE_VM,
	AVCPU_CREATE_VCPU, AVCPU_SET_MEMORY_REGION, AVCPU_SET_SMCCC_FILTER,
	AVCPU_SET_VM, AVCPU_SET_ENTRY, AVCPU_GET_ONE_REG, AVCPU_SET_ONE_REG,
	AVCPU_GET_REG_LIST, AVCPU_RUN, AVCPU_IRQ_LINE, AVCPU_INJECT_EXCEPTION,
	AVCPU_VCPU_RESET, AVCPU_GET_DIRTY_LOG, AVCPU_CLEAR_DIRTY_LOG,
	AVCPU_CREATE_IRQCHIP, AVCPU_IRQCHIP_LINE, AVCPU_IRQFD,
	AVCPU_IRQCHIP_GET_ATTR, AVCPU_IRQCHIP_SET_ATTR,
};

/* The in-kernel GIC's layout the fuzzer mostly asks for (QEMU virt's). */
#define GIC_DIST	0x08000000ULL
#define GIC_REDIST	0x080a0000ULL

/* GIC register offsets worth aiming at: every kind, edges, reserved. */
static const uint32_t gic_offsets[] = {
	0x0, 0x4, 0x8, 0xc, 0x80, 0x84, 0x100, 0x104, 0x17c, 0x180, 0x200,
	0x204, 0x280, 0x300, 0x304, 0x380, 0x400, 0x401, 0x420, 0x7fc,
	0xc00, 0xc08, 0xcfc, 0xd00, 0xe00, 0xf00, 0x6000, 0x6100, 0x6104,
	0x6108, 0x7fd8, 0x7ff8, 0xffe8, 0xfffc, 0x10000, 0x10080, 0x10100,
	0x10200, 0x10400, 0x1041c, 0x10c00, 0x10c04, 0x14, 0x1fffc,
};

static bool is_known(unsigned long cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known_cmds); i++)
		if (known_cmds[i] == cmd)
			return true;
	return false;
}

/* A value for a reserved field: mostly zero, sometimes not (bad). */
static uint64_t resv(struct rng *r, bool *bad)
{
	if (!one_in(r, 12))
		return 0;
	*bad = true;
	return rnd64(r) | 1;
}

/*
 * A slot's userspace_addr.  *bad: no slot can have it (kernel, not
 * page aligned); *unbacked: not mapped with access, which only a pinned
 * slot refuses (an unpinned one meets it at the guest's first touch).
 */
static uint64_t user_addr(struct worker *w, bool *bad, bool *unbacked)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	int b;

	switch (rnd(r, 12)) {
	case 0:
		*unbacked = true;
		return 0;
	case 1:
		*bad = true;
		return KERNEL_PTR + rnd(r, 1 << 20) * PG;
	case 2:
		*unbacked = true;
		return (uintptr_t)m->noaccess + rnd(r, 16) * PG;
	case 3:
		*bad = true;
		return (uintptr_t)m->noaccess + 1 + rnd(r, PG - 1);
	case 4:
		return 0x0000fffffffff000ULL;
	case 5:
		*bad = true;
		return rnd64(r) | (1ULL << 63);
	default:
		b = rnd(r, MAX_BUFS);
		if (!m->buf[b].used)
			return RAM_BASE;	/* most likely unmapped */
		if (m->buf[b].dead)
			m->run_exposed = true;	/* may be reused by now */
		return (uintptr_t)m->buf[b].addr +
		       (one_in(r, 2) ? 0 : rnd(r, m->buf[b].size / PG) * PG);
	}
}

/* Whether [@a, @a + @size) lies in one live buffer (racy, best effort). */
static bool in_buffer(struct vmm *m, uint64_t a, uint64_t size)
{
	unsigned int i;

	for (i = 0; i < MAX_BUFS; i++) {
		struct buf *b = &m->buf[i];
		uint64_t lo = (uintptr_t)b->addr;

		if (b->used && !b->dead && a >= lo && size <= b->size &&
		    a - lo <= b->size - size)
			return true;
	}
	return false;
}

/*
 * An unpinned slot registers whatever is (or is not) mapped at its
 * address: one that spans our heap, stack or shared page would let a
 * random guest write the fuzzer's own memory.  Unless it lies in one of
 * our buffers it goes into the hole (PROT_NONE, never touched), cut to
 * the hole's size (a logged one to LOGGED_MAX: its bitmap is kernel
 * memory, 2 MiB, and the lab has 1 GiB); its guests meet memory faults.
 */
static void keep_off_our_memory(struct worker *w,
				struct avcpu_memory_region *mr)
{
	struct vmm *m = w->m;
	uint64_t size = mr->memory_size;

	if ((mr->flags & AVCPU_MEM_PINNED) || !size || !m->hole ||
	    in_buffer(m, mr->userspace_addr, size))
		return;
	if (size > m->hole_size)
		size = m->hole_size;
	if ((mr->flags & AVCPU_MEM_LOG_DIRTY) && size > LOGGED_MAX)
		size = LOGGED_MAX;
	mr->memory_size = size;
	mr->userspace_addr = (uintptr_t)m->hole +
			     rnd(&w->r, (m->hole_size - size) / PG + 1) * PG;
}

static void gen_region(struct worker *w, struct avcpu_memory_region *mr,
		       bool *bad, unsigned int ipa_bits)
{
	struct rng *r = &w->r;
	unsigned int max = w->m->caps.max_mem_slots;
	bool unaligned = false, badaddr = false, unbacked = false, wraps;
	uint64_t end;

	switch (rnd(r, 10)) {
	case 0:
		mr->slot = max + rnd(r, 3);
		*bad = true;
		break;
	case 1:
		mr->slot = rnd64(r);
		*bad |= mr->slot >= max;
		break;
	default:
		mr->slot = rnd(r, max < 8 ? max : 8);
		break;
	}
	if (one_in(r, 10)) {
		mr->flags = one_in(r, 2) ? rnd64(r) : 1U << rnd(r, 32);
		*bad |= !!(mr->flags & ~MEM_FLAGS);
	} else {
		mr->flags = (one_in(r, 4) ? AVCPU_MEM_READONLY : 0) |
			    (one_in(r, 4) ? AVCPU_MEM_PINNED : 0) |
			    (one_in(r, 4) ? AVCPU_MEM_LOG_DIRTY : 0);
	}
	switch (rnd(r, 10)) {
	case 0:
		mr->memory_size = 0;
		break;
	case 1:
		mr->memory_size = (1 + rnd(r, 16)) * PG;
		break;
	case 2:
		mr->memory_size = (1 + rnd(r, 8)) * SZ_2M;
		break;
	case 3:
		mr->memory_size = PG * (1 + rnd(r, 512)) + 1 + rnd(r, PG - 1);
		unaligned = true;
		break;
	case 4:
		mr->memory_size = 1ULL << (30 + rnd(r, 34));
		break;
	case 5:
		mr->memory_size = ~0ULL & ~(PG - 1);
		break;
	default:
		mr->memory_size = (1 + rnd(r, 1024)) * PG;
		break;
	}
	switch (rnd(r, 10)) {
	case 0:
		mr->guest_phys_addr = RAM_BASE + rnd(r, 16) * SZ_2M;
		break;
	case 1:
		mr->guest_phys_addr = 0x50000000ULL + (1 + rnd(r, 511)) * PG;
		break;
	case 2:
		mr->guest_phys_addr = (1ULL << ipa_bits) - mr->memory_size;
		break;
	case 3:
		mr->guest_phys_addr = (1ULL << ipa_bits) - PG * rnd(r, 2);
		break;
	case 4:
		mr->guest_phys_addr = -mr->memory_size + PG * rnd(r, 3);
		break;
	case 5:
		mr->guest_phys_addr = RAM_BASE + 1 + rnd(r, PG - 1);
		unaligned = true;
		break;
	case 6:
		mr->guest_phys_addr = rnd64(r) & ((1ULL << 48) - PG);
		break;
	default:
		mr->guest_phys_addr = RAM_BASE + rnd(r, 1024) * PG;
		break;
	}
	mr->userspace_addr = user_addr(w, &badaddr, &unbacked);
	badaddr |= unbacked && (mr->flags & AVCPU_MEM_PINNED);
	if (one_in(r, 16)) {
		mr->userspace_addr += 1 + rnd(r, PG - 1);
		unaligned = true;
	}
	if (!unaligned && !badaddr)
		keep_off_our_memory(w, mr);
	mr->reserved[0] = resv(r, bad);
	mr->reserved[1] = resv(r, bad);
	if (!mr->memory_size)
		return;
	end = mr->guest_phys_addr + mr->memory_size;
	wraps = end < mr->guest_phys_addr ||
		mr->userspace_addr + mr->memory_size < mr->userspace_addr;
	/* Unmapped memory is refused at registration only when pinned. */
	*bad |= unaligned || wraps || badaddr ||
		(mr->userspace_addr + mr->memory_size) > (1ULL << 48);
}

static unsigned int ipa_of_fd(struct vmm *m, int fd)
{
	unsigned int i;

	for (i = 0; i < MAX_VMS; i++)
		if (m->vm[i].used && m->vm[i].fd == fd)
			return m->vm[i].ipa_bits;
	return 40;
}

static int any_fd(struct worker *w, int *kind)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	int i;

	*kind = 0;
	switch (rnd(r, 12)) {
	case 0:
		*kind = 1;
		return m->junk[rnd(r, ARRAY_SIZE(m->junk))];
	case 1:
		*kind = 2;
		return 900 + rnd(r, 100);	/* not open */
	case 2:
		*kind = 2;
		return -1;
	case 3:
		return m->anchor;
	case 4: case 5: case 6: case 7:
		i = pick_vm(m, r, true);
		return i >= 0 ? m->vm[i].fd : m->anchor;
	default:
		i = pick_vcpu(m, r);
		return i >= 0 ? m->vcpu[i].fd : m->anchor;
	}
}

static uint64_t reg_id(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	uint64_t id;

	switch (rnd(r, 8)) {
	case 0: case 1: case 2:
		if (m->nregs)
			return m->regs[rnd(r, m->nregs)];
		return AVCPU_REG_X(0);
	case 3:
		return AVCPU_REG_X(rnd(r, 40));
	case 4:
		return AVCPU_REG_V(rnd(r, 40));
	case 5:	/* a listed id with another size or a neighbour offset */
		id = m->nregs ? m->regs[rnd(r, m->nregs)] : AVCPU_REG_PC;
		if (one_in(r, 2))
			return (id & ~(0xfULL << 52)) | (rnd(r, 16) << 52);
		return id + rnd(r, 3) + 1;
	case 6:
		return AVCPU_REG_SYS(rnd(r, 4), rnd(r, 8), rnd(r, 16),
				     rnd(r, 16), rnd(r, 8));
	default:
		return rnd64(r);
	}
}

static void one_reg_value(struct worker *w, uint64_t id, uint8_t *val)
{
	struct rng *r = &w->r;
	uint64_t v[4];
	unsigned int i;
	static const uint64_t pstates[] = {
		0x3c5, 0x5, 0x4, 0x0, 0x3c4, 0x3c0, 0x9,
	};

	for (i = 0; i < 4; i++)
		v[i] = one_in(&w->r, 3) ? rnd(r, 16) : rnd64(r);
	if (id == AVCPU_REG_PSTATE && !one_in(r, 4))
		v[0] = PICK(r, pstates);
	memcpy(val, v, sizeof(v));
	guest_bound_reg(id, val);
}

/* --- dirty logs ------------------------------------------------------ */

#define BITMAP_CANARY	0xa5
#define BITMAP_TAIL	256	/* canary bytes checked after a bitmap */

/*
 * A tracked slot of VM @vi (a logged one when @logged and there is
 * one): its id and size in pages; false if the VM tracks none.
 */
static bool pick_tslot(struct vmm *m, struct rng *r, int vi, bool logged,
		       struct tslot *out)
{
	unsigned int i, start = rnd(r, MAX_TSLOTS), k;
	bool found = false;

	if (vi < 0)
		return false;
	pthread_mutex_lock(&m->lock);
	for (k = 0; k < 2 && !found; k++) {
		for (i = 0; i < MAX_TSLOTS; i++) {
			struct tslot *t = &m->vm[vi].slot[(start + i) %
							  MAX_TSLOTS];

			if (!t->used || (logged && !k &&
					 !(t->flags & AVCPU_MEM_LOG_DIRTY)))
				continue;
			*out = *t;
			found = true;
			break;
		}
	}
	pthread_mutex_unlock(&m->lock);
	return found;
}

/* Bytes of a bitmap of @num bits (whole __u64 words). */
static uint64_t bitmap_bytes(uint64_t num)
{
	return num > (BITMAP_BYTES * 8) ? BITMAP_BYTES : ((num + 63) / 64) * 8;
}

/*
 * The worker's bitmap for @num pages: for GET zeroed, for CLEAR random
 * bits; the bytes after it a canary.
 */
static void *bitmap_prepare(struct worker *w, uint64_t num, bool get)
{
	uint64_t n = bitmap_bytes(num), i;
	uint64_t tail = BITMAP_BYTES - n < BITMAP_TAIL ? BITMAP_BYTES - n :
			BITMAP_TAIL;

	if (get) {
		memset(w->bitmap, 0, n);
	} else {
		for (i = 0; i + 8 <= n; i += 8) {
			uint64_t v = one_in(&w->r, 2) ? rnd64(&w->r) :
				     one_in(&w->r, 2) ? ~0ULL : 0;

			memcpy(w->bitmap + i, &v, 8);
		}
	}
	memset(w->bitmap + n, BITMAP_CANARY, tail);
	return w->bitmap;
}

/*
 * After a GET that succeeded: no bit for a page past @num, no byte
 * written after the bitmap's last word.
 */
static void bitmap_check(struct worker *w, uint64_t num)
{
	uint64_t n = bitmap_bytes(num), i, last;
	uint64_t tail = BITMAP_BYTES - n < BITMAP_TAIL ? BITMAP_BYTES - n :
			BITMAP_TAIL;

	if (num > BITMAP_BYTES * 8)
		return;		/* the guard page took the rest: EFAULT */
	memcpy(&last, w->bitmap + n - 8, 8);
	if (num % 64 && last >> (num % 64))
		fuzz_note(CHK_IOCTLS,
			  "GET_DIRTY_LOG of %llu pages set bits past the range: last word %#llx",
			  (unsigned long long)num, (unsigned long long)last);
	for (i = 0; i < tail; i++) {
		if (w->bitmap[n + i] != BITMAP_CANARY) {
			fuzz_note(CHK_IOCTLS,
				  "GET_DIRTY_LOG of %llu pages wrote byte %llu of its bitmap",
				  (unsigned long long)num,
				  (unsigned long long)(n + i));
			break;
		}
	}
}

/*
 * Arguments for GET_DIRTY_LOG (@get) or CLEAR_DIRTY_LOG on VM fd @fd:
 * mostly a tracked slot and a range inside it, else edge cases.  *bad
 * is set for what fails whatever slot the kernel has under that id.
 */
static void gen_dirty_log(struct worker *w, int fd, bool get,
			  struct avcpu_dirty_log *d, bool *bad)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	unsigned int max = m->caps.max_mem_slots, i;
	uint64_t npages = 1 + rnd(r, 1024), end;
	struct tslot t;
	int vi = -1;

	for (i = 0; i < MAX_VMS; i++)
		if (m->vm[i].used && m->vm[i].fd == fd)
			vi = i;
	switch (rnd(r, 8)) {
	case 0:
		d->slot = max + rnd(r, 4);
		*bad = true;
		break;
	case 1:
		d->slot = one_in(r, 2) ? rnd64(r) : ~0U;
		*bad |= d->slot >= max;
		break;
	case 2:
		d->slot = rnd(r, max);
		break;
	default:
		if (pick_tslot(m, r, vi, true, &t)) {
			d->slot = t.id;
			npages = t.size / PG;
		} else {
			d->slot = rnd(r, max < 8 ? max : 8);
		}
		break;
	}
	switch (rnd(r, 10)) {
	case 0:
		d->flags = one_in(r, 2) ? rnd64(r) : 1U << rnd(r, 32);
		*bad |= !!(d->flags & ~AVCPU_DIRTY_LOG_KEEP) ||
			(!get && d->flags);
		break;
	case 1: case 2: case 3:
		d->flags = AVCPU_DIRTY_LOG_KEEP;
		*bad |= !get;
		break;
	default:
		break;
	}
	switch (rnd(r, 8)) {
	case 0:
		d->first_page = 1 + rnd(r, 63) + 64 * rnd(r, 4);
		*bad = true;
		break;
	case 1:
		d->first_page = (rnd64(r) | (1ULL << 62)) & ~63ULL;
		break;
	case 2:
		d->first_page = npages & ~63ULL;
		break;
	case 3: case 4:
		d->first_page = 64 * rnd(r, npages / 64 + 1);
		break;
	default:
		d->first_page = 0;
		break;
	}
	end = npages > d->first_page ? npages - d->first_page : 0;
	switch (rnd(r, 8)) {
	case 0:
		d->num_pages = 0;
		*bad = true;
		break;
	case 1:
		d->num_pages = -64ULL * (1 + rnd(r, 4));
		break;
	case 2:
		d->num_pages = 1 + rnd(r, 200);
		break;
	case 3:
		d->num_pages = end + 1 + rnd(r, 64);
		break;
	case 4:
		d->num_pages = 64 * (1 + rnd(r, 8));
		break;
	default:
		d->num_pages = end ? end : 64;
		break;
	}
	/* No slot has 2^48 bytes (the IPA and the user address space). */
	if (d->first_page + d->num_pages < d->first_page ||
	    d->first_page + d->num_pages > (1ULL << 48) / PG)
		*bad = true;
	d->reserved[0] = resv(r, bad);
	d->reserved[1] = resv(r, bad);
	switch (rnd(r, 12)) {
	case 0:
		d->bitmap = 0;
		*bad = true;
		break;
	case 1:
		d->bitmap = KERNEL_PTR + rnd(r, 1 << 20) * 8;
		*bad = true;
		break;
	case 2:
		d->bitmap = (uintptr_t)m->noaccess + rnd(r, 65536);
		*bad = true;
		break;
	case 3:
		/* Readable: CLEAR may use it; GET cannot write it. */
		d->bitmap = (uintptr_t)m->ropage;
		*bad |= get;
		break;
	case 4:
		d->bitmap = (uintptr_t)bitmap_prepare(w, d->num_pages, get) +
			    1 + rnd(r, 7);
		break;
	default:
		d->bitmap = (uintptr_t)bitmap_prepare(w, d->num_pages, get);
		break;
	}
}

/*
 * One random ioctl.  "bad" collects what the ABI says makes the call
 * fail whatever the fd turns out to be (an avcpu object of any kind,
 * a closed number, a pipe): it must then not succeed.
 */
static void act_ioctl(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	uint8_t *good = w->arg + rnd(r, 2) * 64;
	uint8_t buf[256];
	unsigned long cmd;
	enum ptr_kind pk;
	bool bad = false, ptr_bad = false;
	size_t size = 0;
	int fd, kind, ret, err;
	void *arg;
	uint64_t id = 0;

	memset(buf, 0, sizeof(buf));
	fd = any_fd(w, &kind);
	switch (rnd(r, 10)) {
	case 0:	/* an unknown number of ours */
		do {
			cmd = _IOC(rnd(r, 4), AVCPUIO, rnd(r, 256),
				   rnd(r, 512));
		} while (is_known(cmd));
		bad = true;
		break;
	case 1:	/* a known number with another direction or size */
		cmd = known_cmds[rnd(r, ARRAY_SIZE(known_cmds))];
		cmd = _IOC(rnd(r, 4), AVCPUIO, _IOC_NR(cmd),
			   one_in(r, 2) ? _IOC_SIZE(cmd) : rnd(r, 256));
		bad = !is_known(cmd);
		break;
	case 2:	/* anything, but only on our own fds */
		cmd = (uint32_t)rnd64(r);
		if (kind == 2 || fd < 3 || is_known(cmd))
			cmd = AVCPU_GET_API_VERSION;
		break;
	default:
		cmd = known_cmds[rnd(r, ARRAY_SIZE(known_cmds))];
		break;
	}

	switch (cmd) {
	case AVCPU_CREATE_VM: {
		struct avcpu_vm_create *c = (void *)buf;
		unsigned int mn = m->caps.min_ipa_bits;
		unsigned int mx = m->caps.max_ipa_bits;

		switch (rnd(r, 6)) {
		case 0:
			c->ipa_bits = mn + rnd(r, mx - mn + 1);
			break;
		case 1:
			c->ipa_bits = one_in(r, 2) ? mn - 1 : mx + 1;
			bad = true;
			break;
		case 2:
			c->ipa_bits = rnd64(r);
			bad |= c->ipa_bits < mn || c->ipa_bits > mx;
			break;
		default:
			break;
		}
		if (one_in(r, 12)) {
			c->flags = rnd64(r) | 1;
			bad = true;
		}
		c->reserved[rnd(r, 3)] = resv(r, &bad);
		size = sizeof(*c);
		break;
	}
	case AVCPU_CREATE_VCPU: {
		struct avcpu_vcpu_create *c = (void *)buf;

		c->mpidr = rnd(r, 8);
		if (one_in(r, 6)) {
			c->mpidr = rnd64(r);
			bad |= !!(c->mpidr & ~0xff00ffffffULL);
		}
		if (one_in(r, 4))
			c->flags = AVCPU_VCPU_POWER_OFF;
		if (one_in(r, 12)) {
			c->flags = rnd64(r);
			bad |= !!(c->flags & ~AVCPU_VCPU_POWER_OFF);
		}
		c->pad = resv(r, &bad);
		c->reserved[rnd(r, 4)] = resv(r, &bad);
		c->dtb_addr = rnd64(r);
		size = sizeof(*c);
		break;
	}
	case AVCPU_SET_MEMORY_REGION:
		gen_region(w, (void *)buf, &bad, ipa_of_fd(m, fd));
		size = sizeof(struct avcpu_memory_region);
		break;
	case AVCPU_SET_SMCCC_FILTER: {
		struct avcpu_smccc_filter *f = (void *)buf;

		f->base = PICK(r, filter_bases);
		if (one_in(r, 4))
			f->base = rnd64(r);
		switch (rnd(r, 5)) {
		case 0:
			f->nr_functions = 0;
			bad = true;
			break;
		case 1:
			f->nr_functions = -f->base;
			bad |= !f->nr_functions;
			break;
		case 2:
			f->nr_functions = -f->base + 1 + rnd(r, 4);
			bad |= (uint64_t)f->base + f->nr_functions >
			       (1ULL << 32) || !f->nr_functions;
			break;
		default:
			f->nr_functions = 1 + rnd(r, 32);
			bad |= (uint64_t)f->base + f->nr_functions >
			       (1ULL << 32);
			break;
		}
		f->action = rnd(r, 4);
		if (one_in(r, 8))
			f->action = rnd64(r);
		bad |= f->action > AVCPU_SMCCC_DENY;
		f->pad[rnd(r, 7)] = resv(r, &bad);
		f->reserved[rnd(r, 2)] = resv(r, &bad);
		size = sizeof(*f);
		break;
	}
	case AVCPU_SET_VM: {
		struct avcpu_vcpu_attach *a = (void *)buf;
		int k;

		a->vm_fd = any_fd(w, &k);
		a->flags = resv(r, &bad);
		a->reserved[rnd(r, 2)] = resv(r, &bad);
		size = sizeof(*a);
		break;
	}
	case AVCPU_SET_ENTRY: {
		struct avcpu_entry *e = (void *)buf;

		e->pc = RAM_BASE + rnd(r, 1 << 20) * 4;
		if (one_in(r, 4))
			e->pc = rnd64(r);
		bad |= !!(e->pc & 3);
		e->flags = resv(r, &bad);
		e->pad = resv(r, &bad);
		e->reserved[rnd(r, 2)] = resv(r, &bad);
		size = sizeof(*e);
		break;
	}
	case AVCPU_GET_ONE_REG:
	case AVCPU_SET_ONE_REG: {
		struct avcpu_one_reg *o = (void *)buf;
		bool abad = false;

		id = reg_id(w);
		o->id = id;
		switch (rnd(r, 10)) {
		case 0:
			o->addr = 0;
			abad = true;
			break;
		case 1:
			o->addr = KERNEL_PTR;
			abad = true;
			break;
		case 2:
			o->addr = (uintptr_t)m->noaccess;
			abad = true;
			break;
		case 3:	/* straddles into the guard page */
			o->addr = (uintptr_t)w->arg + PG - 4;
			abad = ((id >> 52) & 0xf) > 2;
			break;
		default:
			o->addr = (uintptr_t)w->scratch;
			break;
		}
		bad |= abad;
		o->flags = resv(r, &bad);
		o->pad = resv(r, &bad);
		o->reserved = resv(r, &bad);
		if (cmd == AVCPU_SET_ONE_REG)
			one_reg_value(w, id, w->scratch);
		else
			memset(w->scratch, 0xa5, 65536);
		size = sizeof(*o);
		break;
	}
	case AVCPU_GET_REG_LIST: {
		static const uint64_t ns[] = { 0, 1, 16, 20, 200, 1ULL << 60 };
		struct avcpu_reg_list *l = (void *)buf;

		l->n = PICK(r, ns);
		if (l->n > 20)
			l->n = l->n > 400 ? l->n : 400;
		l->flags = resv(r, &bad);
		l->pad = resv(r, &bad);
		size = 16;
		break;
	}
	case AVCPU_IRQ_LINE: {
		struct avcpu_irq_line *l = (void *)buf;

		l->line = rnd(r, 3);
		l->level = rnd(r, 3);
		if (one_in(r, 10)) {
			l->line = rnd64(r);
			l->level = rnd64(r);
		}
		bad |= l->line > 1 || l->level > 1;
		l->reserved[rnd(r, 2)] = resv(r, &bad);
		size = sizeof(*l);
		break;
	}
	case AVCPU_INJECT_EXCEPTION: {
		struct avcpu_inject *in = (void *)buf;

		in->type = rnd(r, 6);
		if (one_in(r, 10))
			in->type = rnd64(r);
		bad |= in->type < AVCPU_INJECT_UNDEF ||
		       in->type > AVCPU_INJECT_SERROR;
		if (one_in(r, 2))
			in->far = rnd64(r);
		bad |= in->far && (in->type == AVCPU_INJECT_UNDEF ||
				   in->type == AVCPU_INJECT_SERROR);
		in->flags = resv(r, &bad);
		in->reserved[rnd(r, 2)] = resv(r, &bad);
		size = sizeof(*in);
		break;
	}
	case AVCPU_GET_DIRTY_LOG:
	case AVCPU_CLEAR_DIRTY_LOG:
		gen_dirty_log(w, fd, cmd == AVCPU_GET_DIRTY_LOG, (void *)buf,
			      &bad);
		size = sizeof(struct avcpu_dirty_log);
		break;
	case AVCPU_CREATE_IRQCHIP: {
		struct avcpu_irqchip *c = (void *)buf;
		static const uint32_t spis[] = { 32, 64, 96, 960, 0, 48, 992 };

		c->type = one_in(r, 10) ? rnd64(r) : AVCPU_IRQCHIP_GICV3;
		c->nr_spis = one_in(r, 10) ? rnd64(r) : PICK(r, spis);
		c->dist_base = GIC_DIST;
		c->redist_base = GIC_REDIST;
		if (one_in(r, 4))
			c->dist_base = rnd(r, 1 << 16) << 16;
		if (one_in(r, 4))
			c->redist_base = rnd64(r) & ~0xffffULL;
		if (one_in(r, 8))
			c->redist_base += 0x1000;
		c->nr_redists = one_in(r, 8) ? rnd64(r) : rnd(r, 9);
		c->flags = resv(r, &bad);
		c->reserved[rnd(r, 4)] = resv(r, &bad);
		bad |= c->type != AVCPU_IRQCHIP_GICV3 || c->nr_spis % 32 ||
			c->nr_spis < 32 || c->nr_spis > 960 ||
			!c->nr_redists || c->nr_redists > 64 ||
			(c->dist_base & 0xffff) || (c->redist_base & 0xffff);
		size = sizeof(*c);
		break;
	}
	case AVCPU_IRQCHIP_LINE: {
		struct avcpu_irq_level *l = (void *)buf;

		l->intid = rnd(r, 4) ? 32 + rnd(r, 100) : rnd64(r);
		l->level = rnd(r, 3);
		l->reserved = resv(r, &bad);
		bad |= l->intid < 32 || l->level > 1;
		size = sizeof(*l);
		break;
	}
	case AVCPU_IRQFD: {
		struct avcpu_irqfd *f = (void *)buf;
		int k;

		f->fd = one_in(r, 3) ? any_fd(w, &k) : w->efd[rnd(r, 2)];
		f->intid = rnd(r, 4) ? 32 + rnd(r, 100) : rnd64(r);
		f->flags = rnd(r, 4);
		if (one_in(r, 10))
			f->flags = rnd64(r);
		f->resamplefd = w->efd[rnd(r, 2)];
		if (one_in(r, 6))
			f->resamplefd = any_fd(w, &k);
		f->reserved[rnd(r, 2)] = resv(r, &bad);
		bad |= (f->flags & ~3U) || f->flags == 3 || f->intid < 32 ||
		       f->fd < 0;
		size = sizeof(*f);
		/* Now and then a device thread signals an eventfd. */
		if (one_in(r, 2)) {
			uint64_t one = 1;

			if (write(w->efd[rnd(r, 2)], &one, 8) < 0)
				(void)0;
		}
		break;
	}
	case AVCPU_IRQCHIP_GET_ATTR:
	case AVCPU_IRQCHIP_SET_ATTR: {
		struct avcpu_irqchip_attr *at = (void *)buf;

		at->group = one_in(r, 10) ? rnd64(r) : 1 + rnd(r, 4);
		at->attr = PICK(r, gic_offsets);
		switch (at->group) {
		case AVCPU_GIC_GRP_LEVEL_INFO:
			at->attr = rnd(r, 4) ? 32 * (1 + rnd(r, 31)) : rnd64(r);
			break;
		case AVCPU_GIC_GRP_CPU_SYSREGS:
			at->attr = rnd(r, 4) ? 0xc000 | rnd(r, 0x800) :
				   rnd64(r) & 0xffff;
			break;
		}
		if (one_in(r, 3))
			at->attr |= rnd(r, 10) << 32;
		if (one_in(r, 10))
			at->attr = rnd64(r);
		/* The value: mostly a good word, random for SET. */
		memcpy(w->scratch, &(uint64_t){ one_in(r, 2) ? rnd64(r) :
					       rnd(r, 4) }, 8);
		at->addr = (uintptr_t)w->scratch;
		if (one_in(r, 12))
			at->addr = rnd64(r);
		at->flags = resv(r, &bad);
		at->reserved = resv(r, &bad);
		bad |= at->group < 1 || at->group > 4;
		size = sizeof(*at);
		break;
	}
	case AVCPU_GET_CAPS:
		size = sizeof(struct avcpu_caps);
		break;
	default:
		size = _IOC_SIZE(cmd) < sizeof(buf) ? _IOC_SIZE(cmd) : 0;
		for (ret = 0; ret < (int)size; ret++)
			buf[ret] = one_in(r, 4) ? rnd64(r) : 0;
		break;
	}

	/* Where the argument lives. */
	pk = rnd(r, 24) < 17 ? P_GOOD : rnd(r, 8);
	switch (pk) {
	case P_GOOD:
		arg = good;
		break;
	case P_MISALIGN:
		arg = good + 1 + rnd(r, 7);
		break;
	case P_RO:
		arg = m->ropage;
		if (cmd == AVCPU_GET_CAPS || cmd == AVCPU_GET_REG_LIST)
			ptr_bad = true;
		break;
	case P_NULL:
		arg = NULL;
		ptr_bad = true;
		break;
	case P_KERNEL:
		arg = (void *)(uintptr_t)(KERNEL_PTR + rnd(r, 1 << 20) * 8);
		ptr_bad = true;
		break;
	case P_UNMAPPED:
		arg = m->noaccess + rnd(r, 65536);
		ptr_bad = true;
		break;
	case P_EDGE:
		arg = w->arg + PG - (size > 1 ? size / 2 : 1);
		ptr_bad = size > 1;
		break;
	default:
		arg = (void *)(uintptr_t)(rnd64(r) | (1ULL << 62));
		ptr_bad = true;
		break;
	}
	if (pk != P_RO && pk != P_NULL && pk != P_KERNEL &&
	    pk != P_UNMAPPED && pk != P_WILD)
		memcpy(arg, buf, pk == P_EDGE ? (size > 1 ? size / 2 : 1) :
		       (size ? size : 8));
	/* _IO calls take no argument: a bad pointer changes nothing. */
	if (cmd == AVCPU_GET_API_VERSION || cmd == AVCPU_RUN ||
	    cmd == AVCPU_VCPU_RESET)
		ptr_bad = false;
	else if (is_known(cmd))
		bad |= ptr_bad;
	if (pk != P_GOOD && pk != P_MISALIGN && is_known(cmd))
		bad = ptr_bad;	/* field checks come after the copy */

	if (cmd == AVCPU_RUN) {
		__atomic_fetch_add(&m->stray, 1, __ATOMIC_ACQ_REL);
		__atomic_fetch_add(&m->stray_starts, 1, __ATOMIC_ACQ_REL);
		ret = run_bounded(&w->t, r, fd);
		err = errno;
		__atomic_fetch_sub(&m->stray, 1, __ATOMIC_ACQ_REL);
	} else {
		ret = ioctl(fd, cmd, arg);
		err = errno;
		count_result(ret, err);
	}

	if (bad && ret >= 0 && fd >= 0) {
		const uint64_t *q = (const uint64_t *)buf;

		fuzz_note(CHK_IOCTLS,
			  "ioctl(fd %d kind %d, %#lx, ptr kind %d) = %d: the ABI says it must fail",
			  fd, kind, cmd, pk, ret);
		fuzz_note(CHK_IOCTLS, "  argument %#llx %#llx %#llx %#llx %#llx",
			  (unsigned long long)q[0], (unsigned long long)q[1],
			  (unsigned long long)q[2], (unsigned long long)q[3],
			  (unsigned long long)q[4]);
	}
	if (bad && ret < 0 && !is_known(cmd) && _IOC_TYPE(cmd) == AVCPUIO &&
	    err != ENOTTY && err != EBADF && err != EINTR)
		fuzz_note(CHK_IOCTLS, "unknown ioctl %#lx on fd %d: errno %d, not ENOTTY",
			  cmd, fd, err);
	/* GET_ONE_REG writes the id's size, not a byte more. */
	if (cmd == AVCPU_GET_ONE_REG && ret == 0 && pk == P_GOOD &&
	    ((struct avcpu_one_reg *)buf)->addr == (uintptr_t)w->scratch) {
		size_t sz = (size_t)1 << ((id >> 52) & 0xf), i;

		for (i = sz; i < 65536; i++) {
			if (w->scratch[i] != 0xa5) {
				fuzz_note(CHK_IOCTLS,
					  "GET_ONE_REG %#llx wrote byte %zu, its size is %zu",
					  (unsigned long long)id, i, sz);
				break;
			}
		}
	}
	if (cmd == AVCPU_GET_DIRTY_LOG && ret == 0 &&
	    (pk == P_GOOD || pk == P_MISALIGN) &&
	    ((struct avcpu_dirty_log *)buf)->bitmap == (uintptr_t)w->bitmap)
		bitmap_check(w, ((struct avcpu_dirty_log *)buf)->num_pages);
	if (cmd == AVCPU_SET_MEMORY_REGION && ret == 0 &&
	    (pk == P_GOOD || pk == P_MISALIGN))
		slot_registered(m, (struct avcpu_memory_region *)buf);
	if (ret >= 0 && cmd == AVCPU_CREATE_VM && ret > 2) {
		pthread_mutex_lock(&m->lock);
		vm_adopt_locked(m, ret, 0);
		pthread_mutex_unlock(&m->lock);
	} else if (ret >= 0 && cmd == AVCPU_CREATE_VCPU && ret > 2) {
		pthread_mutex_lock(&m->lock);
		vcpu_adopt_locked(m, ret, 0);
		pthread_mutex_unlock(&m->lock);
	}
}

/* --- guests --------------------------------------------------------- */

/* Addresses guest registers and loads/stores aim at. */
static unsigned int guest_addrs(struct vm_obj *v, struct rng *r,
				uint64_t *a)
{
	unsigned int n = 0, i;
	uint64_t top = 1ULL << v->ipa_bits;

	for (i = 0; i < MAX_TSLOTS; i++) {
		struct tslot *s = &v->slot[i];

		if (!s->used)
			continue;
		a[n++] = s->gpa;
		a[n++] = s->gpa + rnd(r, s->size / 8) * 8;
		a[n++] = s->gpa + s->size - 8;
		a[n++] = s->gpa + s->size;
		if (s->size > SZ_2M)
			a[n++] = ((s->gpa + s->size - 1) & ~(SZ_2M - 1)) +
				 rnd(r, SZ_2M / 8) * 8;
	}
	a[n++] = 0x09000000;
	a[n++] = 0x08000000;
	/* The in-kernel GIC's registers, where a VM has it. */
	a[n++] = GIC_DIST + PICK(r, gic_offsets);
	a[n++] = GIC_REDIST + rnd(r, 4) * 0x20000 + PICK(r, gic_offsets);
	a[n++] = GIC_DIST + rnd(r, 0x10000);
	a[n++] = 0x50001000;
	a[n++] = 0;
	a[n++] = top - 8;
	a[n++] = top;
	a[n++] = 1ULL << 48;
	a[n++] = ~0ULL - 7;
	a[n++] = 0xffff000000000000ULL;
	return n;
}

/* Random registers, bounded timer values, a stack in RAM. */
static void guest_regs(struct worker *w, int fd, const uint64_t *a,
		       unsigned int na, uint64_t ram, uint64_t vbar)
{
	struct rng *r = &w->r;
	unsigned int i;

	static const uint64_t pstates[] = {
		0x3c5, 0x3c5, 0x5, 0x3c4, 0x0, 0x345,
	};

	for (i = 0; i < 31; i++)
		set_reg(fd, AVCPU_REG_X(i), one_in(r, 3) ? rnd64(r) :
			a[rnd(r, na)] + rnd(r, 16) * 8);
	set_reg(fd, AVCPU_REG_SP_EL1, ram + 0xf000);
	set_reg(fd, AVCPU_REG_VBAR_EL1, vbar);
	set_reg(fd, AVCPU_REG_PSTATE, PICK(r, pstates));
	/* Bounded: see the timer rule in guest.c. */
	set_reg(fd, AVCPU_REG_CNTV_CVAL_EL0,
		rnd(r, 4) ? rnd(r, 1ULL << 24) : 0);
	set_reg(fd, AVCPU_REG_CNTV_CTL_EL0, rnd(r, 4));
	if (one_in(r, 2))
		set_reg(fd, AVCPU_REG_CPACR_EL1, 3ULL << 20);
	if (one_in(r, 6))
		set_reg(fd, AVCPU_REG_SCTLR_EL1,
			0x30d00800ULL | (rnd64(r) & 0x1000105d));
}

/* Answer an exit: random data, an injected exception, a reset. */
static bool answer_exit(struct worker *w, int fd, struct avcpu_run *run,
			struct vmm *m, uint32_t reason)
{
	struct rng *r = &w->r;
	struct avcpu_inject in = { 0 };
	struct avcpu_irq_line l = { 0 };
	uint64_t pc;
	unsigned int i;

	switch (reason) {
	case AVCPU_EXIT_HYPERCALL:
		for (i = 0; i < 4; i++)
			run->hypercall.x[i] = one_in(r, 2) ? 0 : rnd64(r);
		break;
	case AVCPU_EXIT_MMIO:
		if (!run->mmio.is_write)
			for (i = 0; i < 8; i++)
				run->mmio.data[i] = rnd64(r);
		break;
	case AVCPU_EXIT_SYSREG:
		run->sysreg.value = rnd64(r);
		break;
	case AVCPU_EXIT_EXCEPTION:
	case AVCPU_EXIT_MMIO_NISV:
		switch (rnd(r, 5)) {
		case 0:
			return false;
		case 1:
			if (!get_reg(fd, AVCPU_REG_PC, &pc))
				set_reg(fd, AVCPU_REG_PC, pc + 4);
			break;
		case 2:
			xioctl(fd, AVCPU_VCPU_RESET, NULL);
			break;
		default:
			in.type = AVCPU_INJECT_UNDEF + rnd(r, 4);
			if (in.type == AVCPU_INJECT_DABT ||
			    in.type == AVCPU_INJECT_IABT)
				in.far = run->exception.far;
			xioctl(fd, AVCPU_INJECT_EXCEPTION, &in);
			break;
		}
		return true;
	case AVCPU_EXIT_SYSTEM_EVENT:
		if (one_in(r, 2))
			return false;
		xioctl(fd, AVCPU_VCPU_RESET, NULL);
		return true;
	case AVCPU_EXIT_IRQ_LEVEL:
		l.line = AVCPU_LINE_IRQ;
		l.level = run->irq_level & AVCPU_IRQ_LEVEL_VTIMER;
		xioctl(fd, AVCPU_IRQ_LINE, &l);
		return true;
	case AVCPU_EXIT_INTR:
		break;
	case AVCPU_EXIT_NONE:
		return false;
	default:
		if (!m->run_exposed)
			fuzz_note(CHK_GUESTS, "RUN returned 0 with exit_reason %u",
				  reason);
		return false;
	}
	/* Refuse the access instead, now and then. */
	if (one_in(r, 8)) {
		static const uint32_t types[] = {
			AVCPU_INJECT_UNDEF, AVCPU_INJECT_DABT,
			AVCPU_INJECT_SERROR,
		};

		in.type = PICK(r, types);
		xioctl(fd, AVCPU_INJECT_EXCEPTION, &in);
	}
	if (one_in(r, 10)) {
		l.line = rnd(r, 2);
		l.level = rnd(r, 2);
		xioctl(fd, AVCPU_IRQ_LINE, &l);
	}
	return true;
}

/* Ensure VM @vi has writable RAM; returns its tracked slot or -1. */
static int guest_ram(struct vmm *m, struct rng *r, int vi)
{
	int s;

	pthread_mutex_lock(&m->lock);
	s = m->vm[vi].ram;
	if (s >= 0 && (m->vm[vi].slot[s].buf < 0 ||
		       m->buf[m->vm[vi].slot[s].buf].dead))
		s = -1;
	if (s < 0)
		m->vm[vi].ram = -1;
	pthread_mutex_unlock(&m->lock);
	if (s < 0 && m->vm[vi].fd >= 0)
		s = add_slot(m, r, vi, true);
	return s;
}

/* Write a random guest into VM @vi's RAM and point vCPU @fd at it. */
static bool guest_build(struct worker *w, int vi, int fd)
{
	static const unsigned int sizes[] = { 16, 64, 256, 1024 };
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct vm_obj *v = &m->vm[vi];
	uint32_t code[1024], vec[512];
	uint64_t a[64], gpa, ram;
	unsigned int na, n, pages;
	size_t coff, voff;
	struct tslot s;
	struct avcpu_entry e = { 0 };
	int si, b;

	si = guest_ram(m, r, vi);
	if (si < 0)
		return false;
	pthread_mutex_lock(&m->lock);
	s = v->slot[si];
	b = s.buf;
	if (!s.used || b < 0 || m->buf[b].dead || m->buf[b].away ||
	    !m->buf[b].used) {
		pthread_mutex_unlock(&m->lock);
		return false;
	}
	m->buf[b].users++;
	na = guest_addrs(v, r, a);
	pthread_mutex_unlock(&m->lock);

	ram = s.gpa;
	pages = s.size / PG < 256 ? s.size / PG : 256;
	if (pages < 4) {
		buf_unref(m, b);
		return false;
	}
	n = PICK(r, sizes);
	coff = (1 + rnd(r, pages - 2)) * PG;
	do {
		voff = (1 + rnd(r, pages - 2)) * PG + rnd(r, 2) * 2048;
	} while ((voff & ~(PG - 1)) == coff);
	guest_gen(r, code, n, a, na);
	guest_gen_vectors(r, vec, a, na);
	memcpy(m->buf[b].addr + s.off + coff, code, n * 4);
	memcpy(m->buf[b].addr + s.off + voff, vec, 2048);
	buf_unref(m, b);
	stat_add(&fz->guests, 1);

	/*
	 * Often an in-kernel GIC for the guest to write anything at (it
	 * fails once the VM ran, or where a slot is: nothing to check).
	 */
	if (one_in(r, 2)) {
		struct avcpu_irqchip c = {
			.type = AVCPU_IRQCHIP_GICV3, .nr_spis = 64,
			.dist_base = GIC_DIST, .redist_base = GIC_REDIST,
			.nr_redists = 8,
		};

		xioctl(v->fd, AVCPU_CREATE_IRQCHIP, &c);
	}
	gpa = ram + coff;
	e.pc = gpa;
	xioctl(fd, AVCPU_SET_ENTRY, &e);
	guest_regs(w, fd, a, na, ram, ram + voff);
	return true;
}

/*
 * Whether vCPU @c (@fd) is still ours alone: no other RUN of it under
 * way, no run page exposed to guests, the fd still names it.
 */
static bool run_is_ours(struct vmm *m, int c, int fd, bool own,
			unsigned long starts)
{
	bool same;

	/* A stray RUN that started and ended since ours writes the page too. */
	if (!own || __atomic_load_n(&m->stray, __ATOMIC_ACQUIRE) ||
	    __atomic_load_n(&m->stray_starts, __ATOMIC_ACQUIRE) != starts ||
	    m->run_exposed)
		return false;
	pthread_mutex_lock(&m->lock);
	same = !m->vcpu[c].closing && m->vcpu[c].fd == fd;
	pthread_mutex_unlock(&m->lock);
	return same;
}

/*
 * RUN failed with EFAULT: the ABI's memory fault, a page-aligned IPA and
 * a host page.  Returns whether to RUN again (the VMM may map the memory
 * back meanwhile).
 */
static bool memory_fault(struct worker *w, int c, int fd,
			 struct avcpu_run *run, bool own, unsigned long starts)
{
	struct avcpu_exit_memory_fault f = run->memory_fault;
	uint32_t reason = run->exit_reason;

	if (reason == AVCPU_EXIT_MEMORY_FAULT)
		stat_add(&fz->exits[AVCPU_EXIT_MEMORY_FAULT], 1);
	if (!run_is_ours(w->m, c, fd, own, starts))
		return reason == AVCPU_EXIT_MEMORY_FAULT && own;
	if (reason != AVCPU_EXIT_MEMORY_FAULT) {
		fuzz_note(CHK_GUESTS, "RUN failed with EFAULT, exit_reason %u",
			  reason);
		return false;
	}
	if (f.gpa % PG || f.size != PG || f.flags || f.pad)
		fuzz_note(CHK_GUESTS,
			  "memory fault gpa %#llx size %#llx flags %#x pad %#x",
			  (unsigned long long)f.gpa, (unsigned long long)f.size,
			  f.flags, f.pad);
	return !one_in(&w->r, 4);
}

static bool buf_remap(struct buf *b, uint8_t *p, size_t len);
static void buf_unmap(uint8_t *p, size_t len);

/*
 * Take VM @vi's RAM away from under the guest about to run (*how: 0
 * PROT_NONE, 1 PROT_READ, 2 unmapped): it meets a memory fault at once
 * (its code is there).  Returns the buffer, or -1 if it is in use.
 */
static int ram_away(struct vmm *m, struct rng *r, int vi, int *how)
{
	struct buf *b;
	int s, bi = -1;

	pthread_mutex_lock(&m->lock);
	s = m->vm[vi].ram;
	if (s >= 0 && m->vm[vi].slot[s].used)
		bi = m->vm[vi].slot[s].buf;
	b = bi >= 0 ? &m->buf[bi] : NULL;
	if (!b || !b->used || b->dead || b->away || b->users) {
		pthread_mutex_unlock(&m->lock);
		return -1;
	}
	b->away = true;
	pthread_mutex_unlock(&m->lock);
	*how = rnd(r, 3);
	stat_add(&fz->remaps, 1);
	if (*how == 2)
		buf_unmap(b->addr, b->size);
	else
		mprotect(b->addr, b->size, *how ? PROT_READ : PROT_NONE);
	return bi;
}

/* Give the RAM back: the same pages, or (unmapped) new ones. */
static void ram_back(struct vmm *m, int bi, int how)
{
	struct buf *b = &m->buf[bi];
	bool ok;

	if (how == 2)
		ok = buf_remap(b, b->addr, b->size);
	else
		ok = !mprotect(b->addr, b->size, PROT_READ | PROT_WRITE);
	pthread_mutex_lock(&m->lock);
	b->away = false;
	b->dead |= !ok;
	pthread_mutex_unlock(&m->lock);
}

/* Run a vCPU for a few exits, building a guest first if needed. */
static void act_run(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct avcpu_run *run;
	unsigned int k, n = 1 + rnd(r, 48);
	unsigned long starts;
	int c, fd, vi, ret, away = -1, how = 0;
	uint32_t reason;
	bool own, ours;

	pthread_mutex_lock(&m->lock);
	c = pick_vcpu(m, r);
	if (c < 0) {
		pthread_mutex_unlock(&m->lock);
		return;
	}
	/* A second runner gets EBUSY or races the first: no verdicts. */
	own = !m->vcpu[c].runner;
	m->vcpu[c].runner = true;
	if (!own) {
		__atomic_fetch_add(&m->stray, 1, __ATOMIC_ACQ_REL);
		__atomic_fetch_add(&m->stray_starts, 1, __ATOMIC_ACQ_REL);
		n = 1;
	}
	m->vcpu[c].users++;
	fd = m->vcpu[c].fd;
	vi = m->vcpu[c].vm;
	run = m->vcpu[c].run;
	pthread_mutex_unlock(&m->lock);

	if (vi < 0) {
		struct avcpu_vcpu_attach a = { 0 };

		vi = pick_vm(m, r, true);
		if (vi >= 0) {
			a.vm_fd = m->vm[vi].fd;
			if (!xioctl(fd, AVCPU_SET_VM, &a)) {
				pthread_mutex_lock(&m->lock);
				if (m->vcpu[c].fd == fd)
					m->vcpu[c].vm = vi;
				pthread_mutex_unlock(&m->lock);
			} else {
				vi = -1;
			}
		}
	}
	if (vi >= 0 && (!one_in(r, 3) || m->mode == MODE_GUESTS))
		guest_build(w, vi, fd);
	if (vi >= 0 && own && one_in(r, 6))
		away = ram_away(m, r, vi, &how);

	for (k = 0; k < n && !__atomic_load_n(&fz->stop, __ATOMIC_RELAXED);
	     k++) {
		if (one_in(r, 40))
			run->immediate_exit = 1;
		starts = __atomic_load_n(&m->stray_starts, __ATOMIC_ACQUIRE);
		/*
		 * A stray already under way may RUN after ours and before
		 * the verdict: it raised stray before stray_starts, so it
		 * shows here.
		 */
		if (__atomic_load_n(&m->stray, __ATOMIC_ACQUIRE))
			starts = ~0UL;
		ret = run_bounded(&w->t, r, fd);
		run->immediate_exit = 0;
		if (away >= 0) {
			ram_back(m, away, how);
			away = -1;
		}
		stat_add(&fz->runs, 1);
		if (ret < 0) {
			int err = errno;

			if (err == EINTR) {
				stat_add(&fz->exits[AVCPU_EXIT_INTR], 1);
				continue;
			}
			if (err == EFAULT) {
				/* Slot memory away: wait, it may come back. */
				if (!memory_fault(w, c, fd, run, own, starts))
					break;
				usleep(rnd(r, 2000));
				continue;
			}
			if (err != EBUSY && err != ENXIO && err != EBADF &&
			    err != ENOTTY && err != ENOMEM && err != EFAULT &&
			    err != EAGAIN)
				fuzz_note(CHK_GUESTS, "RUN failed with errno %d",
					  err);
			break;
		}
		/*
		 * Another RUN of this vCPU (a stray one, a forked VMM's)
		 * clears the reason when it starts, and a closed vCPU's fd
		 * number may name another vCPU by now (whose run page this
		 * is not): only judge, or answer the exit, alone and on the
		 * same vCPU (answer_exit() judges an unknown reason too).
		 * The reason is read first: a stray RUN that starts after
		 * the look at the others cannot have written it then.
		 */
		reason = __atomic_load_n(&run->exit_reason, __ATOMIC_ACQUIRE);
		stat_add(&fz->exits[reason < FUZZ_EXIT_KINDS - 1 ?
				    reason : FUZZ_EXIT_KINDS - 1], 1);
		ours = run_is_ours(m, c, fd, own, starts);
		if ((reason == AVCPU_EXIT_NONE ||
		     reason == AVCPU_EXIT_MEMORY_FAULT) && ours)
			fuzz_note(CHK_GUESTS, "RUN returned 0 with exit reason %u",
				  reason);
		if (!ours || !answer_exit(w, fd, run, m, reason))
			break;
	}
	if (away >= 0)
		ram_back(m, away, how);
	pthread_mutex_lock(&m->lock);
	if (own)
		m->vcpu[c].runner = false;
	else
		__atomic_fetch_sub(&m->stray, 1, __ATOMIC_ACQ_REL);
	pthread_mutex_unlock(&m->lock);
	vcpu_unref(m, c);
}

/* --- calls on vCPUs that may be running, filters, slots ------------- */

static void act_vcpu_calls(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct avcpu_irq_line l = { 0 };
	struct avcpu_inject in = { 0 };
	struct avcpu_entry e = { 0 };
	struct avcpu_one_reg o = { 0 };
	int c, fd;

	pthread_mutex_lock(&m->lock);
	c = pick_vcpu(m, r);
	fd = c >= 0 ? m->vcpu[c].fd : -1;
	pthread_mutex_unlock(&m->lock);
	if (fd < 0)
		return;
	switch (rnd(r, 6)) {
	case 0:
		l.line = rnd(r, 2);
		l.level = rnd(r, 2);
		xioctl(fd, AVCPU_IRQ_LINE, &l);
		break;
	case 1:
		in.type = AVCPU_INJECT_UNDEF + rnd(r, 4);
		if (in.type == AVCPU_INJECT_DABT || in.type == AVCPU_INJECT_IABT)
			in.far = rnd64(r);
		xioctl(fd, AVCPU_INJECT_EXCEPTION, &in);
		break;
	case 2:
		xioctl(fd, AVCPU_VCPU_RESET, NULL);
		break;
	case 3:
		e.pc = (RAM_BASE + rnd(r, 1 << 22)) & ~3ULL;
		xioctl(fd, AVCPU_SET_ENTRY, &e);
		break;
	default:
		o.id = m->nregs ? m->regs[rnd(r, m->nregs)] : AVCPU_REG_PC;
		o.addr = (uintptr_t)w->scratch;
		one_reg_value(w, o.id, w->scratch);
		xioctl(fd, one_in(r, 2) ? AVCPU_SET_ONE_REG : AVCPU_GET_ONE_REG,
		       &o);
		break;
	}
}

static void act_filter(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct avcpu_smccc_filter f = { 0 };
	int vi = pick_vm(m, r, true);

	if (vi < 0)
		return;
	f.base = PICK(r, filter_bases);
	f.nr_functions = PICK(r, ((const uint32_t[]){ 1, 1, 2, 32, 0x20 }));
	f.action = rnd(r, 3);
	xioctl(m->vm[vi].fd, AVCPU_SET_SMCCC_FILTER, &f);
}

/*
 * Register a tracked slot again with only AVCPU_MEM_LOG_DIRTY changed
 * (logging on or off while guests may be writing), now and then with
 * another flag changed too (EEXIST for a slot the kernel still has).
 */
static void slot_toggle_log(struct worker *w, int vi)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct avcpu_memory_region mr = { 0 };
	struct tslot t;
	unsigned int i;

	if (!pick_tslot(m, r, vi, false, &t))
		return;
	mr.slot = t.id;
	mr.flags = t.flags ^ AVCPU_MEM_LOG_DIRTY;
	if (one_in(r, 8))
		mr.flags ^= one_in(r, 2) ? AVCPU_MEM_PINNED :
			    AVCPU_MEM_READONLY;
	mr.guest_phys_addr = t.gpa;
	mr.memory_size = t.size;
	mr.userspace_addr = t.uaddr;
	if (xioctl(m->vm[vi].fd, AVCPU_SET_MEMORY_REGION, &mr))
		return;
	stat_add(&fz->log_toggles, 1);
	slot_registered(m, &mr);
	pthread_mutex_lock(&m->lock);
	for (i = 0; i < MAX_TSLOTS; i++) {
		struct tslot *s = &m->vm[vi].slot[i];

		if (s->used && s->id == t.id && s->gpa == t.gpa)
			s->flags = mr.flags;
	}
	pthread_mutex_unlock(&m->lock);
}

/*
 * GET (clear-on-read or KEEP) or CLEAR of a range of a logged slot, as a
 * migration loop would, while guests write: the bitmap stays within its
 * range.
 */
static void slot_dirty_log(struct worker *w, int vi)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct avcpu_dirty_log d = { 0 };
	uint64_t npages, left;
	bool get = !one_in(r, 3);
	struct tslot t;

	if (!pick_tslot(m, r, vi, true, &t) ||
	    !(t.flags & AVCPU_MEM_LOG_DIRTY))
		return;
	npages = t.size / PG;
	d.slot = t.id;
	d.first_page = one_in(r, 2) ? 0 : 64 * rnd(r, (npages - 1) / 64 + 1);
	left = npages - d.first_page;
	d.num_pages = one_in(r, 2) || left < 64 ? left :
		      64 * (1 + rnd(r, left / 64));
	if (get && one_in(r, 3))
		d.flags = AVCPU_DIRTY_LOG_KEEP;
	d.bitmap = (uintptr_t)bitmap_prepare(w, d.num_pages, get);
	if (xioctl(m->vm[vi].fd, get ? AVCPU_GET_DIRTY_LOG :
		   AVCPU_CLEAR_DIRTY_LOG, &d))
		return;
	stat_add(&fz->dirty_gets, 1);
	if (get)
		bitmap_check(w, d.num_pages);
}

static void act_slot(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct avcpu_memory_region mr = { 0 };
	bool bad = false;
	int vi = pick_vm(m, r, true), fd, i;

	if (vi < 0)
		return;
	switch (rnd(r, 6)) {
	case 0:		/* a valid slot of some shape */
		add_slot(m, r, vi, false);
		return;
	case 4:
		slot_toggle_log(w, vi);
		return;
	case 5:
		slot_dirty_log(w, vi);
		return;
	case 1:		/* delete a tracked slot, maybe while guests run */
		pthread_mutex_lock(&m->lock);
		i = rnd(r, MAX_TSLOTS);
		fd = m->vm[vi].fd;
		mr.slot = m->vm[vi].slot[i].used ? m->vm[vi].slot[i].id :
			  rnd(r, m->caps.max_mem_slots);
		track_slot(&m->vm[vi], &mr, -1, 0);
		pthread_mutex_unlock(&m->lock);
		xioctl(fd, AVCPU_SET_MEMORY_REGION, &mr);
		return;
	default:	/* semi-valid */
		gen_region(w, &mr, &bad, m->vm[vi].ipa_bits);
		fd = m->vm[vi].fd;
		if (!xioctl(fd, AVCPU_SET_MEMORY_REGION, &mr)) {
			if (bad)
				fuzz_note(CHK_IOCTLS,
					  "SET_MEMORY_REGION slot %u flags %#x gpa %#llx size %#llx uaddr %#llx reserved %#llx %#llx succeeded",
					  mr.slot, mr.flags,
					  (unsigned long long)mr.guest_phys_addr,
					  (unsigned long long)mr.memory_size,
					  (unsigned long long)mr.userspace_addr,
					  (unsigned long long)mr.reserved[0],
					  (unsigned long long)mr.reserved[1]);
			slot_registered(m, &mr);
			pthread_mutex_lock(&m->lock);
			track_slot(&m->vm[vi], &mr, -1, 0);
			pthread_mutex_unlock(&m->lock);
		}
		return;
	}
}

/* --- races ------------------------------------------------------------ */

static void act_close(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	int i;

	pthread_mutex_lock(&m->lock);
	switch (rnd(r, 4)) {
	case 0:
		i = pick_vm(m, r, true);
		if (i >= 0) {
			close(m->vm[i].fd);
			m->vm[i].fd = -1;
			stat_add(&fz->closes, 1);
		}
		break;
	case 1:		/* another file replaces the vCPU's number */
		i = pick_vcpu(m, r);
		if (i >= 0 && m->vcpu[i].fd >= 0)
			dup2(m->junk[rnd(r, ARRAY_SIZE(m->junk))],
			     m->vcpu[i].fd);
		break;
	default:
		i = pick_vcpu(m, r);
		if (i >= 0)
			vcpu_close_locked(m, i);
		break;
	}
	pthread_mutex_unlock(&m->lock);
}

/*
 * Unmap slot memory: its pages go (the module's notifier sees the same
 * unmap as with munmap()), but a PROT_NONE mapping keeps the address
 * range, so that nothing else the VMM maps meanwhile (a vCPU's run
 * page, a malloc arena) can land where a slot still points: a guest
 * would write it.  The selftests cover a range with no mapping at all.
 */
static void buf_unmap(uint8_t *p, size_t len)
{
	mmap(p, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
	     MAP_NORESERVE, -1, 0);
}

/*
 * Map @len bytes at @p of buffer @b again: the memfd's own pages, or new
 * anonymous memory (huge pages where the buffer had them).
 */
static bool buf_remap(struct buf *b, uint8_t *p, size_t len)
{
	void *q;

	if (b->memfd >= 0)
		q = mmap(p, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
			 b->memfd, p - b->addr);
	else
		q = mmap(p, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (q != p)
		return false;
	if (b->huge)
		madvise(p, len, MADV_HUGEPAGE);
	return true;
}

/*
 * Slot memory goes away for a moment while vCPUs may be running on it
 * (they see AVCPU_EXIT_MEMORY_FAULT meanwhile, and the memory that is
 * there afterwards): part or all of it unmapped and mapped again,
 * protected and given back its access, replaced in place, discarded.
 * Nobody writes the buffer meanwhile (away).
 */
static void memop_transient(struct vmm *m, struct rng *r, struct buf *b)
{
	size_t pages = b->size / PG, first = rnd(r, pages);
	size_t len = (1 + rnd(r, pages - first)) * PG;
	uint8_t *p = b->addr + first * PG;
	bool ok = true;

	if (one_in(r, 3)) {
		p = b->addr;
		len = b->size;
	}
	b->away = true;
	pthread_mutex_unlock(&m->lock);
	stat_add(&fz->remaps, 1);
	switch (rnd(r, 4)) {
	case 0:
		buf_unmap(p, len);
		usleep(rnd(r, 10000));
		ok = buf_remap(b, p, len);
		break;
	case 1:
		mprotect(p, len, one_in(r, 2) ? PROT_READ : PROT_NONE);
		usleep(rnd(r, 10000));
		ok = !mprotect(p, len, PROT_READ | PROT_WRITE);
		break;
	case 2:
		ok = buf_remap(b, p, len);
		break;
	default:
		madvise(p, len, MADV_DONTNEED);
		break;
	}
	pthread_mutex_lock(&m->lock);
	b->away = false;
	b->dead |= !ok;
}

/* Slot memory goes away or changes under a live slot. */
static void act_memops(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	struct buf *b = NULL;
	unsigned int i, start = rnd(r, MAX_BUFS);

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < MAX_BUFS; i++) {
		b = &m->buf[(start + i) % MAX_BUFS];
		if (b->used && !b->dead && !b->away && !b->users)
			break;
	}
	if (i == MAX_BUFS) {
		pthread_mutex_unlock(&m->lock);
		return;
	}
	if (!one_in(r, 3)) {
		memop_transient(m, r, b);
		pthread_mutex_unlock(&m->lock);
		return;
	}
	stat_add(&fz->unmaps, 1);
	switch (rnd(r, 7)) {
	case 0:
		buf_unmap(b->addr, b->size);
		b->dead = true;
		break;
	case 1:
		buf_unmap(b->addr + (b->size / PG / 2) * PG, PG);
		b->dead = true;
		break;
	case 2:
		mprotect(b->addr, b->size, one_in(r, 2) ? PROT_READ : PROT_NONE);
		b->dead = true;
		break;
	case 3:
		madvise(b->addr, b->size, MADV_DONTNEED);
		break;
	case 4:
		if (b->memfd >= 0) {
			if (ftruncate(b->memfd, 0) == 0)
				b->dead = true;
		} else {
			madvise(b->addr, b->size, MADV_FREE);
		}
		break;
	case 5:
		if (b->memfd >= 0)
			fallocate(b->memfd, FALLOC_FL_PUNCH_HOLE |
				  FALLOC_FL_KEEP_SIZE, 0, b->size / 2);
		else
			madvise(b->addr, b->size, MADV_PAGEOUT);
		break;
	default: {
		void *n = mremap(b->addr, b->size, b->size, MREMAP_MAYMOVE |
				 MREMAP_DONTUNMAP);

		if (n != MAP_FAILED)
			munmap(n, b->size);
		b->dead = true;
		break;
	}
	}
	pthread_mutex_unlock(&m->lock);
}

static void act_unload(void)
{
	long ret = syscall(SYS_delete_module, "avcpu", O_NONBLOCK);
	int err = errno;

	stat_add(&fz->unload_tries, 1);
	if (!ret) {
		fuzz_note(CHK_RACES,
			  "delete_module(\"avcpu\") succeeded while /dev/avcpu was open");
		__atomic_store_n(&fz->stop, 1, __ATOMIC_RELAXED);
		return;
	}
	if (err > 0 && err < FUZZ_MAX_ERRNO)
		stat_add(&fz->unload_errno[err], 1);
}

/*
 * A forked VMM: it inherits every fd and run mapping, runs vCPUs its
 * parent may be running, adds slots of its own memory to inherited VMs
 * (accounted to its mm, released when the VMs go), closes fds, and
 * exits or is killed with SIGKILL mid-way.  It never takes the world
 * lock (another thread may have held it at fork) and allocates nothing.
 */
static void forked_vmm(struct worker *w, int *fds, int *kinds,
		       struct avcpu_run **runs, int n)
{
	struct rng *r = &w->r;
	struct run_timer t;
	uint64_t end = now_ns() + rnd(r, 300) * 1000000ULL;
	struct avcpu_memory_region mr = { 0 };
	struct avcpu_irq_line l = { 0 };
	bool ran = false, registered = false;
	int i, k;
	void *p;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	run_timer_init(&t);
	while (n && now_ns() < end) {
		k = rnd(r, n);
		switch (rnd(r, 6)) {
		case 0: case 1:
			if (kinds[k] == 1) {
				/* Not the VM's creator: EIO, never a run. */
				if (!run_bounded(&t, r, fds[k]) && !ran) {
					fuzz_note(CHK_RACES,
						  "RUN succeeded in a forked VMM");
					ran = true;
				}
				stat_add(&fz->runs, 1);
				if (runs[k] && runs[k]->exit_reason ==
				    AVCPU_EXIT_MMIO)
					runs[k]->mmio.data[0] = rnd64(r);
			}
			break;
		case 2:
			if (kinds[k] != 2)
				break;
			p = mmap(NULL, SZ_2M, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				break;
			mr.slot = rnd(r, w->m->caps.max_mem_slots);
			mr.guest_phys_addr = 0x70000000ULL + rnd(r, 8) * SZ_2M;
			mr.memory_size = SZ_2M;
			mr.userspace_addr = (uintptr_t)p;
			mr.flags = rnd(r, 2) * AVCPU_MEM_PINNED;
			if (!xioctl(fds[k], AVCPU_SET_MEMORY_REGION, &mr) &&
			    !registered) {
				fuzz_note(CHK_RACES,
					  "SET_MEMORY_REGION succeeded in a forked VMM");
				registered = true;
			}
			if (one_in(r, 2))
				munmap(p, SZ_2M);
			break;
		case 3:
			if (kinds[k] != 2)
				break;
			mr.slot = rnd(r, w->m->caps.max_mem_slots);
			mr.memory_size = 0;
			if (!xioctl(fds[k], AVCPU_SET_MEMORY_REGION, &mr) &&
			    !registered) {
				fuzz_note(CHK_RACES,
					  "SET_MEMORY_REGION (delete) succeeded in a forked VMM");
				registered = true;
			}
			break;
		case 4:
			l.line = rnd(r, 2);
			l.level = rnd(r, 2);
			xioctl(fds[k], AVCPU_IRQ_LINE, &l);
			break;
		default:
			if (one_in(r, 4)) {
				close(fds[k]);
				/* Its last one: no calls on a closed fd. */
				fds[k] = fds[--n];
				kinds[k] = kinds[n];
				runs[k] = runs[n];
			}
			break;
		}
	}
	run_timer_fini(&t);
	for (i = 0; i < n; i++)
		close(fds[i]);
	_exit(0);
}

static void act_fork(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	int fds[MAX_VMS + MAX_VCPUS], kinds[MAX_VMS + MAX_VCPUS];
	struct avcpu_run *runs[MAX_VMS + MAX_VCPUS];
	int n = 0, st, tries;
	unsigned int i;
	pid_t pid;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < MAX_VMS; i++) {
		if (m->vm[i].used && m->vm[i].fd >= 0) {
			fds[n] = m->vm[i].fd;
			kinds[n] = 2;
			runs[n++] = NULL;
		}
	}
	for (i = 0; i < MAX_VCPUS; i++) {
		if (m->vcpu[i].used && m->vcpu[i].fd >= 0) {
			fds[n] = m->vcpu[i].fd;
			kinds[n] = 1;
			runs[n++] = m->vcpu[i].run;
		}
	}
	__atomic_fetch_add(&m->stray, 1, __ATOMIC_ACQ_REL);
	__atomic_fetch_add(&m->stray_starts, 1, __ATOMIC_ACQ_REL);
	pid = fork();
	if (!pid)
		forked_vmm(w, fds, kinds, runs, n);
	pthread_mutex_unlock(&m->lock);
	if (pid < 0) {
		__atomic_fetch_sub(&m->stray, 1, __ATOMIC_ACQ_REL);
		return;
	}
	stat_add(&fz->forks, 1);
	if (one_in(r, 2)) {
		usleep(rnd(r, 200000));
		kill(pid, SIGKILL);
		stat_add(&fz->kills, 1);
	}
	/* Bounded: its RUN is; the watchdog reports a RUN that is not. */
	for (tries = 0; tries < 3000; tries++) {
		pid_t got = waitpid(pid, &st, WNOHANG);

		if (got == pid || (got < 0 && errno != EINTR))
			break;
		usleep(10000);
	}
	if (tries == 3000) {
		kill(pid, SIGKILL);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	for (i = 0; i < FUZZ_RUN_SLOTS; i++)
		if (__atomic_load_n(&fz->slot[i].pid, __ATOMIC_ACQUIRE) == pid)
			__atomic_store_n(&fz->slot[i].pid, 0, __ATOMIC_RELEASE);
	__atomic_fetch_sub(&m->stray, 1, __ATOMIC_ACQ_REL);
}

/* Whether the mapping at @p is of an avcpu file (/proc/self/maps). */
static bool maps_avcpu(void *p)
{
	char line[512], want[24];
	bool yes = false;
	FILE *f = fopen("/proc/self/maps", "r");

	snprintf(want, sizeof(want), "%lx-", (unsigned long)p);
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, want, strlen(want)))
			yes = !!strstr(line, "anon_inode:avcpu");
	if (f)
		fclose(f);
	return yes;
}

/* Odd calls on the fds: mmap shapes, read/write/poll, other handles. */
static void act_misc(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	int kind, fd = any_fd(w, &kind), ret;
	char b[64] = { 0 };

	switch (rnd(r, 6)) {
	case 0: {
		size_t len = PICK(r, ((const size_t[]){ PG, 2 * PG, 1, 0 }));
		off_t off = one_in(r, 2) ? 0 : (off_t)rnd(r, 4) * PG;
		int prot = PICK(r, ((const int[]){ PROT_READ | PROT_WRITE,
			PROT_READ, PROT_READ | PROT_WRITE | PROT_EXEC,
			PROT_WRITE }));
		void *p;

		if (kind)
			break;
		p = mmap(NULL, len, prot,
			 one_in(r, 3) ? MAP_PRIVATE : MAP_SHARED, fd, off);
		if (p != MAP_FAILED) {
			/* The number may name another file by now. */
			if (mprotect(p, len, PROT_READ | PROT_EXEC) == 0 &&
			    maps_avcpu(p))
				fuzz_note(CHK_IOCTLS,
					  "a mapping of an avcpu fd became executable");
			munmap(p, len);
		}
		break;
	}
	case 1: {
		/*
		 * The number may name a pipe or an eventfd by now (dup2):
		 * read and write only what would not block.
		 */
		struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

		if (kind || poll(&p, 1, 0) != 1)
			break;
		if (p.revents & POLLIN)
			ret = read(fd, b, sizeof(b));
		if (p.revents & POLLOUT)
			ret = write(fd, b, sizeof(b));
		break;
	}
	case 2: {
		struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

		if (!kind)
			poll(&p, 1, 0);
		break;
	}
	case 3:
		ret = ioctl(m->anchor, AVCPU_GET_API_VERSION, 0);
		count_result(ret, errno);
		if (ret != AVCPU_API_VERSION)
			fuzz_note(CHK_IOCTLS,
				  "GET_API_VERSION on /dev/avcpu returned %d",
				  ret);
		break;
	case 4: {
		/* Objects outlive the handle that made them. */
		int sys = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
		struct avcpu_vm_create vc = { 0 };

		if (sys < 0)
			break;
		ret = xioctl(sys, AVCPU_CREATE_VM, &vc);
		close(sys);
		if (ret > 2) {
			pthread_mutex_lock(&m->lock);
			vm_adopt_locked(m, ret, 0);
			pthread_mutex_unlock(&m->lock);
		}
		break;
	}
	default:
		/* Never blocking: the junk files behind it may be shared. */
		if (!kind)
			fcntl(fd, F_SETFL, O_NONBLOCK);
		break;
	}
}

/* Keep the world populated: VMs, attached vCPUs, RAM, more slots. */
static void act_setup(struct worker *w)
{
	struct vmm *m = w->m;
	struct rng *r = &w->r;
	int vi = pick_vm(m, r, true);

	switch (rnd(r, 4)) {
	case 0:
		create_vm(m, r);
		break;
	case 1:
		if (vi >= 0)
			create_vcpu(m, r, vi);
		break;
	case 2:
		if (vi >= 0)
			guest_ram(m, r, vi);
		break;
	default:
		if (vi >= 0)
			add_slot(m, r, vi, false);
		break;
	}
}

enum action { A_IOCTL, A_SETUP, A_SLOT, A_RUN, A_VCPU, A_FILTER, A_CLOSE,
	      A_MEMOPS, A_FORK, A_UNLOAD, A_MISC, NR_ACTIONS };

_Static_assert(NR_ACTIONS == FUZZ_NR_ACTIONS, "--weights takes one per action");

static const uint8_t weights[NR_MODES][NR_ACTIONS] = {
	[MODE_IOCTLS] = { 60, 10, 10, 6, 5, 3, 2, 2, 1, 1, 4 },
	[MODE_GUESTS] = { 6, 8, 4, 60, 10, 4, 1, 2, 1, 1, 1 },
	[MODE_RACES]  = { 12, 12, 10, 25, 10, 5, 8, 8, 4, 2, 4 },
};

static enum action pick_action(struct worker *w)
{
	const uint8_t *wt = opts.weights_set ? opts.weights :
			    weights[w->m->mode];
	unsigned int sum = 0, i, k;

	for (i = 0; i < NR_ACTIONS; i++)
		sum += wt[i];
	if (!sum)
		return A_IOCTL;
	k = rnd(&w->r, sum);
	for (i = 0; i < NR_ACTIONS; i++) {
		if (k < wt[i])
			return i;
		k -= wt[i];
	}
	return A_IOCTL;
}

static void *worker_main(void *p)
{
	struct worker *w = p;
	struct vmm *m = w->m;

	run_timer_init(&w->t);
	while (now_ns() < m->deadline &&
	       !__atomic_load_n(&fz->stop, __ATOMIC_RELAXED)) {
		switch (pick_action(w)) {
		case A_IOCTL:
			act_ioctl(w);
			break;
		case A_SETUP:
			act_setup(w);
			break;
		case A_SLOT:
			act_slot(w);
			break;
		case A_RUN:
			act_run(w);
			break;
		case A_VCPU:
			act_vcpu_calls(w);
			break;
		case A_FILTER:
			act_filter(w);
			break;
		case A_CLOSE:
			act_close(w);
			break;
		case A_MEMOPS:
			act_memops(w);
			break;
		case A_FORK:
			act_fork(w);
			break;
		case A_UNLOAD:
			act_unload();
			break;
		default:
			act_misc(w);
			break;
		}
		if (fuzz_limits_reached())
			__atomic_store_n(&fz->stop, 1, __ATOMIC_RELAXED);
	}
	run_timer_fini(&w->t);
	return NULL;
}

/* Some VMMs run without CAP_IPC_LOCK under a small RLIMIT_MEMLOCK. */
static void limit_memlock(struct rng *r)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];
	struct rlimit rl;

	if (syscall(SYS_capget, &h, d))
		return;
	d[0].effective &= ~(1U << CAP_IPC_LOCK);
	if (syscall(SYS_capset, &h, d))
		return;
	rl.rlim_cur = (4 + rnd(r, 60)) << 20;
	rl.rlim_max = rl.rlim_cur;
	setrlimit(RLIMIT_MEMLOCK, &rl);
}

static void world_init(struct vmm *m, struct rng *r)
{
	struct avcpu_vcpu_create cc = { 0 };
	struct avcpu_reg_list *l;
	int fd, p[2], i, n;

	l = calloc(1, sizeof(*l) + MAX_REGS * sizeof(uint64_t));
	fd = ioctl(m->anchor, AVCPU_CREATE_VCPU, &cc);
	if (l && fd >= 0) {
		l->n = MAX_REGS;
		if (!ioctl(fd, AVCPU_GET_REG_LIST, l) && l->n <= MAX_REGS) {
			memcpy(m->regs, l->reg, l->n * sizeof(uint64_t));
			m->nregs = l->n;
		}
	}
	if (fd >= 0)
		close(fd);
	free(l);

	if (pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0) {
		m->junk[0] = p[0];
		m->junk[1] = p[1];
	}
	m->junk[2] = open("/dev/null", O_RDWR | O_CLOEXEC);
	m->junk[3] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	m->junk[4] = memfd_create("avcpu-fuzz-junk", MFD_CLOEXEC);
	m->noaccess = mmap(NULL, 65536 + PG, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	m->ropage = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	/* Address space only: no memory, no commit charge. */
	for (m->hole_size = HOLE_SIZE; m->hole_size >= SZ_2M;
	     m->hole_size >>= 2) {
		m->hole = mmap(NULL, m->hole_size, PROT_NONE, MAP_PRIVATE |
			       MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m->hole != MAP_FAILED)
			break;
	}
	if (m->hole == MAP_FAILED)
		m->hole = NULL;

	n = 1 + rnd(r, 2);
	for (i = 0; i < n; i++) {
		int v = create_vm(m, r), k, nc = 1 + rnd(r, 3);

		if (v < 0)
			continue;
		guest_ram(m, r, v);
		for (k = 0; k < nc; k++)
			create_vcpu(m, r, v);
	}
}

/*
 * Unpinned slots hold no page between faults: with every worker done,
 * what this VMM has locked (VmLck) and the pins held in the system are
 * no more than what it registered with AVCPU_MEM_PINNED.  (Forked VMMs
 * are gone, and other rounds' VMMs too: main.c checks that.)
 */
static void pins_only_for_pinned(struct vmm *m)
{
	uint64_t pinned = __atomic_load_n(&m->pinned_bytes, __ATOMIC_RELAXED);
	long long acq, rel;
	long lck = proc_kb("/proc/self/status", "VmLck");

	if (lck > 0 && (uint64_t)lck > pinned >> 10)
		fuzz_note(CHK_PINS,
			  "VMM %d: VmLck %ld kB, pinned slots registered %llu kB",
			  getpid(), lck, (unsigned long long)(pinned >> 10));
	if (vmstat_pins(&acq, &rel) && acq - rel > (long long)(pinned / PG))
		fuzz_note(CHK_PINS,
			  "VMM %d: %lld pages pinned, pinned slots registered %llu pages",
			  getpid(), acq - rel,
			  (unsigned long long)(pinned / PG));
}

int vmm_main(uint64_t seed, enum fuzz_mode mode, unsigned int millis)
{
	static struct vmm m;
	static struct worker w[FUZZ_MAX_THREADS];
	struct sigaction sa;
	struct rng r = { seed };
	unsigned int i, nt = opts.threads;
	long lck, pin;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: RUN returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	prctl(PR_SET_NAME, "avcpu-fuzz-vmm");

	pthread_mutex_init(&m.lock, NULL);
	m.mode = mode;
	m.anchor = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
	if (m.anchor < 0 || ioctl(m.anchor, AVCPU_GET_CAPS, &m.caps))
		return 2;
	if (one_in(&r, 3))
		limit_memlock(&r);
	world_init(&m, &r);
	m.deadline = now_ns() + millis * 1000000ULL;

	for (i = 0; i < nt; i++) {
		w[i].m = &m;
		w[i].r.s = mix_seed(seed, i + 1);
		w[i].arg = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		w[i].scratch = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		w[i].bitmap = mmap(NULL, BITMAP_BYTES + PG,
				   PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (w[i].arg == MAP_FAILED || w[i].scratch == MAP_FAILED ||
		    w[i].bitmap == MAP_FAILED)
			return 2;
		mprotect(w[i].arg + PG, PG, PROT_NONE);
		mprotect(w[i].bitmap + BITMAP_BYTES, PG, PROT_NONE);
		w[i].efd[0] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		w[i].efd[1] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	}
	for (i = 0; i < nt; i++)
		if (pthread_create(&w[i].th, NULL, worker_main, &w[i]))
			return 2;
	for (i = 0; i < nt; i++)
		pthread_join(w[i].th, NULL);

	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	pins_only_for_pinned(&m);
	/* Everything goes: then no page may stay locked to this process. */
	for (i = 0; i < MAX_VCPUS; i++)
		if (m.vcpu[i].used && m.vcpu[i].run)
			munmap(m.vcpu[i].run, PG);
	syscall(SYS_close_range, 3, ~0U, 0);
	lck = proc_kb("/proc/self/status", "VmLck");
	pin = proc_kb("/proc/self/status", "VmPin");
	if (lck > 0 || pin > 0)
		fuzz_note(CHK_PINS,
			  "VMM %d: VmLck %ld kB, VmPin %ld kB after closing every avcpu fd",
			  getpid(), lck, pin);
	return 0;
}
