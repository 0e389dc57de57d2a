/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Header-only helpers for avcpu selftests that build a whole guest in a
 * few lines: VM with one RAM slot, one vCPU attached and mapped, guest
 * code copied in from a blob assembled inside the test (AVCPU_GUEST()).
 */
#ifndef AVCPU_UTIL_H
#define AVCPU_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/avcpu.h>

#define GUEST_RAM_BASE	0x40000000ULL

/*
 * Guest code goes at a page of RAM chosen per process, above 64 KiB
 * (tests keep their data in the first pages).  QEMU TCG's
 * translation-block jump cache is looked up by guest virtual PC and is
 * not invalidated when stage 2 changes, so a guest entered at a PC where
 * an earlier VM (avcpu's or KVM's) ran other code can execute that code.
 * Real CPUs have no such cache; distinct entry points keep the lab honest.
 */
static inline uint64_t avcpu_code_offset(void)
{
	return 0x10000 + (uint64_t)(getpid() % 192) * 0x1000;
}

/*
 * Define a guest code blob from assembly text: symbols NAME_start and
 * NAME_end in .rodata.  The code runs at avcpu_guest.entry (page
 * aligned, position independent code only), EL1h, MMU off.
 */
#define AVCPU_GUEST(name, text)						\
	extern const char name##_start[], name##_end[];			\
	asm(".pushsection .rodata\n.balign 4\n"				\
	    ".global " #name "_start\n" #name "_start:\n"		\
	    text "\n"							\
	    ".global " #name "_end\n" #name "_end:\n"			\
	    ".popsection\n")

struct avcpu_guest {
	uint64_t entry;		/* guest address of the code */
	int sys;
	int vm;
	int vcpu;
	void *ram;
	size_t ram_size;
	struct avcpu_run *run;
};

/* Build a guest; returns 0 or -errno with errno set. */
static inline int avcpu_guest_create(struct avcpu_guest *g, size_t ram_size,
				     const char *code, const char *code_end)
{
	struct avcpu_vm_create vc = { 0 };
	struct avcpu_vcpu_create cc = { 0 };
	struct avcpu_memory_region r = { 0 };
	struct avcpu_vcpu_attach a = { 0 };
	struct avcpu_entry e = { 0 };
	uint64_t off = avcpu_code_offset();

	memset(g, 0, sizeof(*g));
	g->sys = g->vm = g->vcpu = -1;
	g->sys = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
	if (g->sys < 0)
		return -errno;
	g->vm = ioctl(g->sys, AVCPU_CREATE_VM, &vc);
	if (g->vm < 0)
		return -errno;
	g->ram_size = ram_size;
	g->ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->ram == MAP_FAILED) {
		g->ram = NULL;
		return -errno;
	}
	if (ram_size < off + 0x1000)
		return -EINVAL;
	g->entry = GUEST_RAM_BASE + off;
	e.pc = g->entry;
	memcpy((char *)g->ram + off, code, code_end - code);
	r.guest_phys_addr = GUEST_RAM_BASE;
	r.memory_size = ram_size;
	r.userspace_addr = (uintptr_t)g->ram;
	if (ioctl(g->vm, AVCPU_SET_MEMORY_REGION, &r))
		return -errno;
	g->vcpu = ioctl(g->sys, AVCPU_CREATE_VCPU, &cc);
	if (g->vcpu < 0)
		return -errno;
	a.vm_fd = g->vm;
	if (ioctl(g->vcpu, AVCPU_SET_VM, &a) ||
	    ioctl(g->vcpu, AVCPU_SET_ENTRY, &e))
		return -errno;
	g->run = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED,
		      g->vcpu, 0);
	if (g->run == MAP_FAILED) {
		g->run = NULL;
		return -errno;
	}
	return 0;
}

static inline void avcpu_guest_destroy(struct avcpu_guest *g)
{
	if (g->run)
		munmap(g->run, 4096);
	if (g->ram)
		munmap(g->ram, g->ram_size);
	if (g->vcpu >= 0)
		close(g->vcpu);
	if (g->vm >= 0)
		close(g->vm);
	if (g->sys >= 0)
		close(g->sys);
	memset(g, 0, sizeof(*g));
	g->sys = g->vm = g->vcpu = -1;
}

/*
 * Another vCPU for g's VM, with its run structure mapped into *run.
 * Returns the vCPU fd or -errno.
 */
static inline int avcpu_guest_add_vcpu(struct avcpu_guest *g, uint64_t mpidr,
				       uint32_t flags, struct avcpu_run **run)
{
	struct avcpu_vcpu_create cc = { .mpidr = mpidr, .flags = flags };
	struct avcpu_vcpu_attach a = { .vm_fd = g->vm };
	int fd = ioctl(g->sys, AVCPU_CREATE_VCPU, &cc);

	if (fd < 0)
		return -errno;
	if (ioctl(fd, AVCPU_SET_VM, &a)) {
		close(fd);
		return -errno;
	}
	*run = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (*run == MAP_FAILED) {
		close(fd);
		return -errno;
	}
	return fd;
}

static inline int avcpu_set_reg(int vcpu, uint64_t id, uint64_t val)
{
	struct avcpu_one_reg r = { .id = id, .addr = (uintptr_t)&val };

	return ioctl(vcpu, AVCPU_SET_ONE_REG, &r);
}

static inline int avcpu_get_reg(int vcpu, uint64_t id, uint64_t *val)
{
	struct avcpu_one_reg r = { .id = id, .addr = (uintptr_t)val };

	return ioctl(vcpu, AVCPU_GET_ONE_REG, &r);
}

/*
 * Run until the guest makes a hypercall; MMIO and other exits are
 * failures here.  Returns the hypercall's x0, or -1 with *reason set.
 */
static inline int64_t avcpu_run_to_hvc(struct avcpu_guest *g, __u32 *reason)
{
	int ret;

	do {
		ret = ioctl(g->vcpu, AVCPU_RUN, 0);
	} while (ret < 0 && errno == EINTR &&
		 g->run->exit_reason == AVCPU_EXIT_INTR);
	*reason = ret < 0 ? AVCPU_EXIT_NONE : g->run->exit_reason;
	if (ret < 0 || g->run->exit_reason != AVCPU_EXIT_HYPERCALL)
		return -1;
	return (int64_t)g->run->hypercall.x[0];
}

/* One line on stderr describing an exception exit, for failing tests. */
static inline void avcpu_log_exit(const struct avcpu_run *run)
{
	if (run->exit_reason == AVCPU_EXIT_EXCEPTION ||
	    run->exit_reason == AVCPU_EXIT_MMIO_NISV)
		fprintf(stderr, "# exit %u: kind %u esr %#llx far %#llx pc %#llx\n",
			run->exit_reason, run->exception.kind,
			(unsigned long long)run->exception.esr,
			(unsigned long long)run->exception.far,
			(unsigned long long)run->exception.pc);
}

/* RUN, retried across signals; an exception exit is described on stderr. */
static inline int avcpu_run_fd(int fd, const struct avcpu_run *run)
{
	int ret;

	do {
		ret = ioctl(fd, AVCPU_RUN, 0);
	} while (ret < 0 && errno == EINTR);
	if (run)
		avcpu_log_exit(run);
	return ret;
}

/* A register's value, or ~0 if it cannot be read. */
static inline uint64_t avcpu_reg(int fd, uint64_t id)
{
	uint64_t v = ~0ULL;

	avcpu_get_reg(fd, id, &v);
	return v;
}

static inline int avcpu_host_mode(void)
{
	struct avcpu_caps caps;
	int fd = open("/dev/avcpu", O_RDWR | O_CLOEXEC);
	int ret = -1;

	if (fd < 0)
		return -1;
	if (!ioctl(fd, AVCPU_GET_CAPS, &caps))
		ret = caps.host_mode;
	close(fd);
	return ret;
}

/*
 * The whole file at @path, NUL-terminated, in @buf (cut to @len - 1
 * bytes): its length, or -1 if it cannot be opened.
 */
static inline ssize_t avcpu_read_file(const char *path, char *buf,
				      size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, got = 0;

	if (fd < 0)
		return -1;
	while (got < (ssize_t)len - 1 &&
	       (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

/*
 * The lab's debug kernel (KASAN, lockdep, kmemleak, ...; the one with
 * kmemleak): much slower, and its freed memory sits in KASAN's quarantine
 * before it counts as available again.
 */
static inline int avcpu_debug_kernel(void)
{
	return access("/sys/kernel/debug/kmemleak", F_OK) == 0;
}

#endif /* AVCPU_UTIL_H */
